/**
 * The Pod Eviction subresource (`POST pods/<name>/eviction`), after
 * pkg/registry/core/pod/storage/eviction.go (v1.31): Pods that are Pending, finished or already
 * being deleted are deleted at once; otherwise the one PodDisruptionBudget selecting the Pod must
 * allow a disruption, which the eviction takes (disruptionsAllowed - 1, the Pod recorded in
 * disruptedPods) before deleting the Pod with the DisruptionTarget condition. A budget without
 * room answers 429 TooManyRequests, which `kubectl drain` retries every 5 s.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { isPodReady } from '../replicaset/podutil.ts';
import { PDBS, pdbsForPod, updateDisruptionAllowedCondition } from './pdb.ts';

const PODS = preferredResourceForKind('Pod')!;
/** eviction.go MaxDisruptedPodSize. */
const MAX_DISRUPTED_POD_SIZE = 2000;

export type EvictionResult =
  | { code: 201 }
  | { code: 404 | 403 | 429 | 500; message: string; cause?: string };

/** The 429 every refused eviction carries (kubectl prints only this message). */
export const VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";

interface Cluster {
  kernel: Kernel;
  store: ObjectStore;
  api: APIServer;
}

/** Evicts one Pod as `actor`, with the eviction's grace period (< 0: the Pod's own). */
export function evictPod(c: Cluster, namespace: string, name: string, gracePeriodSeconds: number, actor: string): EvictionResult {
  const pod = c.store.get(PODS, namespace, name);
  if (!pod) return { code: 404, message: `pods "${name}" not found` };
  const phase = pod.status?.phase;
  // canIgnorePDB: budgets protect only running Pods that are not already going away.
  if (!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed' && phase !== 'Pending') {
    const pdbs = pdbsForPod(c.store, pod);
    if (pdbs.length > 1) return { code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' };
    const pdb = pdbs[0];
    if (pdb) {
      const refused = checkBudget(c, pdb, pod);
      if (refused) return refused;
    }
  }
  addDisruptionTarget(c, pod);
  c.api.delete(PODS, namespace, name, actor, gracePeriodSeconds >= 0 ? { gracePeriodSeconds } : {});
  return { code: 201 };
}

/** The budget check: undefined when the eviction may go ahead (and the budget took it). */
function checkBudget(c: Cluster, pdb: KubeObject, pod: KubeObject): EvictionResult | undefined {
  const st = pdb.status ?? {};
  const policy = pdb.spec?.unhealthyPodEvictionPolicy;
  // An unready Pod does not count as healthy, so evicting it takes nothing from the budget
  // (AlwaysAllow), or not while the budget is met (IfHealthyBudget, the default).
  if (!isPodReady(pod)) {
    if (policy === 'AlwaysAllow') return undefined;
    if ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0) return undefined;
  }
  // checkAndDecrement
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
    return { code: 429, message: VIOLATES_BUDGET, cause: `The disruption budget ${pdb.metadata.name} is still being processed by the server.` };
  }
  const allowed: number = st.disruptionsAllowed ?? 0;
  if (allowed < 0) return { code: 403, message: `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: pdb disruptions allowed is negative` };
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    return { code: 403, message: `poddisruptionbudgets.policy "${pdb.metadata.name}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller` };
  }
  if (allowed === 0) {
    return { code: 429, message: VIOLATES_BUDGET, cause: `The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently` };
  }
  const next = deepCopy(pdb);
  const status: Record<string, unknown> = { ...st, disruptionsAllowed: allowed - 1 };
  if (allowed - 1 === 0) updateDisruptionAllowedCondition(status, c.kernel.timestamp());
  // The disruption controller must not count this Pod as healthy while it is being deleted.
  status.disruptedPods = { ...(st.disruptedPods ?? {}), [pod.metadata.name]: c.kernel.timestamp() };
  next.status = status;
  c.store.update(PDBS, next, 'kube-apiserver', { subresource: 'status', message: `poddisruptionbudget ${pdb.metadata.namespace}/${pdb.metadata.name} status: eviction of ${pod.metadata.name}, ${allowed - 1} disruptions allowed` });
  return undefined;
}

/** addConditionAndDeletePod: the DisruptionTarget condition (PodDisruptionConditions, GA in v1.31). */
function addDisruptionTarget(c: Cluster, pod: KubeObject): void {
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed') return;
  const conditions = (pod.status?.conditions ?? []).filter((x: { type: string }) => x.type !== 'DisruptionTarget');
  conditions.push({ lastProbeTime: null, lastTransitionTime: c.kernel.timestamp(), message: 'Eviction API: evicting', reason: 'EvictionByEvictionAPI', status: 'True', type: 'DisruptionTarget' });
  pod.status = { ...pod.status, conditions };
  c.store.update(PODS, pod, 'kube-apiserver', { subresource: 'status', message: `pod ${pod.metadata.namespace}/${pod.metadata.name} status: DisruptionTarget` });
}
