/**
 * Which Pods a ReplicaSet deletes first when it scales down: `ActivePodsWithRanks.Less` in
 * pkg/controller/controller_utils.go (v1.31, LogarithmicScaleDown and PodDeletionCost on, as
 * they are by default) and `getPodsRankedByRelatedPodsOnSameNode` in replica_set.go.
 */
import type { KubeObject } from '../../api/types.ts';
import { parseRFC3339 } from '../../kernel/time.ts';
import { isPodActive, isPodReady, podReadyTime } from './podutil.ts';

type Pod = Readonly<KubeObject>;

/** podPhaseToOrdinal: phases not listed rank as Pending (Go's map zero value). */
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

/** `GetDeletionCostFromPodAnnotations`: an int32; anything invalid counts as 0. */
function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** max restartCount of regular containers, and of restartable (sidecar) init containers. */
function maxRestarts(pod: Pod): [number, number] {
  let regular = 0;
  let sidecar = 0;
  for (const s of (pod.status?.containerStatuses ?? []) as { restartCount?: number }[]) regular = Math.max(regular, s.restartCount ?? 0);
  const sidecars = new Set(((pod.spec?.initContainers ?? []) as { name: string; restartPolicy?: string }[]).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const s of (pod.status?.initContainerStatuses ?? []) as { name: string; restartCount?: number }[]) {
    if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount ?? 0);
  }
  return [regular, sidecar];
}

/** `logarithmicRankDiff`: floor(log2) of the age in nanoseconds, -1 for a non-positive age. */
function logRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const d = (nowMs - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** `afterOrZero`: a zero time sorts first, then the later time. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** Go's string comparison of UIDs. */
function uidLess(a: Pod, b: Pod): boolean {
  return a.metadata.uid < b.metadata.uid;
}

/** True when `a` should be deleted before `b`. */
export function lessForDeletion(a: Pod, b: Pod, rankA: number, rankB: number, nowUnixMs: number): boolean {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  // 1. Unassigned < assigned.
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running.
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready.
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  // 4. Lower pod-deletion-cost < higher.
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  // 5. Doubled up (more related active Pods on the same node) < not doubled up.
  if (rankA !== rankB) return rankA > rankB;
  // 6. Ready for a shorter time < longer, in log2 buckets; ties by UID.
  if (ra && rb) {
    const ta = podReadyTime(a);
    const tb = podReadyTime(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
      const diff = logRankDiff(ta, tb, nowUnixMs);
      if (diff === 0) return uidLess(a, b);
      return diff < 0;
    }
  }
  // 7. More container restarts < fewer (regular containers, then sidecars).
  const [rega, sidea] = maxRestarts(a);
  const [regb, sideb] = maxRestarts(b);
  if (rega !== regb) return rega > regb;
  if (sidea !== sideb) return sidea > sideb;
  // 8. Newer < older creation, in log2 buckets; ties by UID.
  const ka = a.metadata.creationTimestamp ? parseRFC3339(a.metadata.creationTimestamp) : undefined;
  const kb = b.metadata.creationTimestamp ? parseRFC3339(b.metadata.creationTimestamp) : undefined;
  if (ka !== kb) {
    if (ka === undefined || kb === undefined) return afterOrZero(ka, kb);
    const diff = logRankDiff(ka, kb, nowUnixMs);
    if (diff === 0) return uidLess(a, b);
    return diff < 0;
  }
  return false;
}

/**
 * `getPodsToDelete`: the `diff` Pods to delete, ranked. `related` are the active Pods of this
 * ReplicaSet and of its siblings under the same controller (a Deployment's other ReplicaSets).
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], diff: number, nowUnixMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  // A stable sort where Go's is not: the input order (by name) breaks what Less leaves equal.
  ranked.sort((x, y) => (lessForDeletion(x.pod, y.pod, x.rank, y.rank, nowUnixMs) ? -1 : lessForDeletion(y.pod, x.pod, y.rank, x.rank, nowUnixMs) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
