/**
 * What the disruption controller and the Eviction subresource share about PodDisruptionBudgets:
 * which budgets select a Pod, and the `DisruptionAllowed` condition
 * (`k8s.io/component-helpers/apps/poddisruptionbudget` UpdateDisruptionAllowedCondition, v1.31).
 */
import { preferredResourceForKind } from '../../api/resources.ts';
import { fromLabelSelector, matches } from '../../api/selector.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';

export const PDBS = preferredResourceForKind('PodDisruptionBudget')!;

/** policy.DisruptionAllowedCondition and its reasons. */
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';

/** In policy/v1 an empty selector selects every Pod of the namespace; a missing one selects none. */
export function pdbSelects(pdb: Readonly<KubeObject>, pod: Readonly<KubeObject>): boolean {
  const sel = pdb.spec?.selector;
  if (!sel) return false;
  return matches(fromLabelSelector(sel), pod.metadata.labels);
}

/** The budgets selecting a Pod, sorted by name (getPdbForPod picks the first). */
export function pdbsForPod(store: ObjectStore, pod: Readonly<KubeObject>): KubeObject[] {
  return (store.list(PDBS, pod.metadata.namespace) as KubeObject[])
    .filter((pdb) => pdbSelects(pdb, pod))
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}

interface Condition {
  type: string;
  status: string;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/**
 * apimeta.SetStatusCondition: replaces the condition of the same type, keeping its
 * lastTransitionTime unless the status changes.
 */
export function setCondition(status: Record<string, unknown>, next: Omit<Condition, 'lastTransitionTime'>, nowTimestamp: string): void {
  const conditions = ((status.conditions as Condition[] | undefined) ?? []).map((c) => ({ ...c }));
  const existing = conditions.find((c) => c.type === next.type);
  if (!existing) {
    conditions.push({ ...next, lastTransitionTime: nowTimestamp });
  } else {
    if (existing.status !== next.status) existing.lastTransitionTime = nowTimestamp;
    existing.status = next.status;
    existing.reason = next.reason;
    existing.message = next.message;
    if (next.observedGeneration !== undefined) existing.observedGeneration = next.observedGeneration;
  }
  status.conditions = conditions;
}

/** UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed. */
export function updateDisruptionAllowedCondition(status: Record<string, unknown>, nowTimestamp: string): void {
  const allowed = ((status.disruptionsAllowed as number | undefined) ?? 0) > 0;
  setCondition(
    status,
    { type: DISRUPTION_ALLOWED, status: allowed ? 'True' : 'False', reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS, message: '', observedGeneration: status.observedGeneration as number | undefined },
    nowTimestamp,
  );
}
