/**
 * Taints and tolerations as the node controllers use them: the taint templates of
 * pkg/controller/nodelifecycle, `ToleratesTaint` / `GetMatchingTolerations` from
 * k8s.io/api/core/v1 and pkg/apis/core/v1/helper, and `SwapNodeControllerTaint` from
 * pkg/controller/util/node (taints the controller adds carry timeAdded).
 */
import type { APIServer } from '../../api/apiserver.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';

export const NODES = preferredResourceForKind('Node')!;
export const PODS = preferredResourceForKind('Pod')!;

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

/** nodeConditionToTaintKeyStatusMap: the NoSchedule taint each condition status calls for. */
export const CONDITION_TAINTS: readonly { type: string; status: string; key: string }[] = [
  { type: 'Ready', status: 'False', key: TAINT_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
];

/** Taint.MatchTaint: same key and effect. */
export function matchTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect;
}

/** Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** GetMatchingTolerations: whether every taint is tolerated, and the tolerations used. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => toleratesTaint(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime: the shortest tolerationSeconds in ms, 0 for none used, -1 for "forever". */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = -1;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    if (min < 0 || t.tolerationSeconds * 1000 < min) min = t.tolerationSeconds * 1000;
  }
  return min;
}

export function taintsOf(node: Readonly<KubeObject>): Taint[] {
  return (node.spec?.taints ?? []) as Taint[];
}

export function conditionOf(obj: Readonly<KubeObject>, type: string): { status: string; [k: string]: unknown } | undefined {
  return (obj.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
}

/**
 * SwapNodeControllerTaint: adds and removes taints on the node in one update, stamping the
 * added ones with timeAdded. Returns false when the node is gone.
 */
export function swapNodeTaints(kernel: Kernel, api: APIServer, store: ObjectStore, nodeName: string, add: readonly Taint[], remove: readonly Taint[], actor: string): boolean {
  const node = store.get(NODES, undefined, nodeName);
  if (!node) return false;
  let taints = taintsOf(node).filter((t) => !remove.some((r) => matchTaint(r, t)));
  const now = kernel.timestamp();
  for (const a of add) {
    if (taints.some((t) => matchTaint(t, a))) continue;
    taints = [...taints, { ...a, timeAdded: now }];
  }
  if (JSON.stringify(taints) === JSON.stringify(taintsOf(node))) return true;
  node.spec = { ...node.spec };
  if (taints.length > 0) node.spec.taints = taints;
  else delete node.spec.taints;
  api.update(NODES, node, actor);
  return true;
}
