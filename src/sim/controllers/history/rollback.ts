/**
 * What `kubectl rollout history|undo` do for DaemonSets and StatefulSets, which keep their history
 * as ControllerRevisions (kubectl/pkg/polymorphichelpers/history.go DaemonSetHistoryViewer,
 * StatefulSetHistoryViewer, printHistory; rollback.go DaemonSetRollbacker, StatefulSetRollbacker,
 * findHistory, v1.31). The text around them is rollout.ts's, shared with Deployments.
 */
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import { revisionsOf, revisionTemplate } from './history.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- templates are plain JSON */

/** revision → the pod template it holds, with the revision's change-cause annotation on it. */
export function revisionHistory(store: ObjectStore, owner: Readonly<KubeObject>): Map<number, any> {
  const history = new Map<number, any>();
  for (const cr of revisionsOf(store, owner)) {
    const template = revisionTemplate(cr);
    template.metadata ??= {};
    template.metadata.annotations ??= {};
    const cause = cr.metadata.annotations?.['kubernetes.io/change-cause'];
    if (cause) template.metadata.annotations['kubernetes.io/change-cause'] = cause;
    history.set((cr.revision as number) ?? 0, template);
  }
  return history;
}

export type RollbackResult = { error: string } | { skipped: number } | { dryRun: any } | { rolledBack: KubeObject };

/**
 * Rollback: the owner with the revision's template (toRevision 0: the previous one), or why not.
 * `dryRun` returns the template kubectl would print.
 */
export function rollbackToRevision(store: ObjectStore, owner: Readonly<KubeObject>, toRevision: number, dryRun: boolean): RollbackResult {
  if (toRevision < 0) return { error: `unable to find specified revision ${toRevision} in history` };
  const all = revisionsOf(store, owner);
  if (toRevision === 0 && all.length <= 1) return { error: 'no last revision to roll back to' };
  // findHistory: the exact revision, or for 0 the second newest.
  const target = toRevision === 0 ? all[all.length - 2] : all.find((cr) => cr.revision === toRevision);
  if (!target) return { error: `unable to find specified revision ${toRevision} in history` };
  const template = revisionTemplate(target);
  if (dryRun) return { dryRun: template };
  if (JSON.stringify(sorted(template)) === JSON.stringify(sorted(owner.spec?.template ?? {}))) return { skipped: toRevision };
  // The revision's data is a strategic merge patch replacing spec.template.
  const next = deepCopy(owner) as KubeObject;
  next.spec.template = template;
  return { rolledBack: next };
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
