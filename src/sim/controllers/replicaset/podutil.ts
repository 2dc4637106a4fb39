/**
 * The Pod predicates controllers share: `IsPodActive` (pkg/controller/controller_utils.go),
 * `IsPodReady` / `IsPodAvailable` (pkg/api/v1/pod/util.go).
 */
import type { KubeObject } from '../../api/types.ts';
import { parseRFC3339 } from '../../kernel/time.ts';

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

/** Not terminal and not being deleted. */
export function isPodActive(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

function readyCondition(pod: Readonly<KubeObject>): Condition | undefined {
  return ((pod.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Readonly<KubeObject>): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the Pod last became ready (unix ms), or undefined (Go's zero time). */
export function podReadyTime(pod: Readonly<KubeObject>): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const t = readyCondition(pod)?.lastTransitionTime;
  return t ? parseRFC3339(t) : undefined;
}

/** Ready for at least minReadySeconds at `nowUnixMs`. */
export function isPodAvailable(pod: Readonly<KubeObject>, minReadySeconds: number, nowUnixMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= nowUnixMs;
}

/** The controller ownerReference (`metav1.GetControllerOf`). */
export function controllerRefOf(obj: Readonly<KubeObject>) {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}
