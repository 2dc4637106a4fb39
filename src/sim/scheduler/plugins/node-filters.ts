/**
 * The node-local Filter plugins of the default profile, in their upstream order, with their
 * reasons and status codes (pkg/scheduler/framework/plugins/<plugin>/*.go, v1.31).
 */
import { unresolvable, unschedulable, type CycleState, type FilterPlugin } from '../framework.ts';
import { requiredNodeAffinityMatches, tolerationsTolerateTaint, type Toleration } from '../helpers.ts';
import type { NodeInfo, Taint } from '../types.ts';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

const tolerationsOf = (s: CycleState): Toleration[] => s.pod.pod.spec?.tolerations ?? [];

/** nodeunschedulable/node_unschedulable.go */
export const NodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(s, node) {
    if (!node.unschedulable) return undefined;
    if (tolerationsTolerateTaint(tolerationsOf(s), UNSCHEDULABLE_TAINT)) return undefined;
    return unresolvable('node(s) were unschedulable');
  },
};

/** nodename/node_name.go: only meaningful for a Pod that names its node (then we never schedule it). */
export const NodeName: FilterPlugin = {
  name: 'NodeName',
  filter(s, node) {
    const wanted = s.pod.pod.spec?.nodeName as string | undefined;
    if (!wanted || wanted === node.name) return undefined;
    return unresolvable("node(s) didn't match the requested node name");
  },
};

/** tainttoleration/taint_toleration.go: the first NoSchedule/NoExecute taint not tolerated, as `{key: value}`. */
export const TaintToleration: FilterPlugin = {
  name: 'TaintToleration',
  filter(s, node) {
    if (node.taints.length === 0) return undefined;
    const tolerations = tolerationsOf(s);
    for (const t of node.taints) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      if (!tolerationsTolerateTaint(tolerations, t)) return unresolvable(`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`);
    }
    return undefined;
  },
};

/** nodeaffinity/node_affinity.go: nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export const NodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter(s) {
    const spec = s.pod.pod.spec ?? {};
    return spec.nodeSelector !== undefined || spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined;
  },
  filter(s, node) {
    if (requiredNodeAffinityMatches(s.pod.pod.spec ?? {}, node.name, node.labels)) return undefined;
    return unresolvable("node(s) didn't match Pod's node affinity/selector");
  },
};

/** nodeports/node_ports.go with HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP. */
export const NodePorts: FilterPlugin = {
  name: 'NodePorts',
  preFilter: (s) => s.pod.hostPorts.length > 0,
  filter(s, node) {
    for (const want of s.pod.hostPorts) {
      for (const p of node.pods.values()) {
        for (const used of p.hostPorts) {
          if (used.port !== want.port || used.protocol !== want.protocol) continue;
          if (used.ip === want.ip || used.ip === '0.0.0.0' || want.ip === '0.0.0.0') {
            return unschedulable("node(s) didn't have free ports for the requested pod ports");
          }
        }
      }
    }
    return undefined;
  },
};

/** noderesources/fit.go `fitsRequest`: every insufficient resource is a reason of its own. */
export const NodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(s, node) {
    return fitsRequest(s.pod.requests, node);
  },
};

export function fitsRequest(req: { milliCPU: number; memory: number }, node: NodeInfo, podsOnNode = node.pods.size) {
  const tooMany = podsOnNode + 1 > node.allocatable.pods;
  const noCpu = req.milliCPU > 0 && req.milliCPU > node.allocatable.milliCPU - node.requested.milliCPU;
  const noMemory = req.memory > 0 && req.memory > node.allocatable.memory - node.requested.memory;
  // The common case, a fit, allocates nothing (this runs for hundreds of nodes per Pod).
  if (!tooMany && !noCpu && !noMemory) return undefined;
  const reasons: string[] = [];
  if (tooMany) reasons.push('Too many pods');
  if (noCpu) reasons.push('Insufficient cpu');
  if (noMemory) reasons.push('Insufficient memory');
  return unschedulable(...reasons);
}
