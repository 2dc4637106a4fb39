import type { KubeObject } from '../../../api/types.ts';
import { formatRFC3339 } from '../../../kernel/time.ts';
import { findNodeRoles } from '../columns.ts';
import { addQuantity, formatQuantity, parseQuantity, type Quantity, quantityMilliValue, quantityString, quantityValue, zeroQuantity } from '../../../api/quantity.ts';
import { goSort, rfc1123z, since } from '../util.ts';
import { describeEvents, LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;
type ResourceList = Map<string, Quantity>;

function addList(into: ResourceList, list: Record<string, unknown> | undefined): void {
  for (const [name, raw] of Object.entries(list ?? {})) {
    const q = parseQuantity(raw);
    if (!q) continue;
    const cur = into.get(name);
    into.set(name, cur ? addQuantity(cur, q) : q);
  }
}

function maxList(into: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const cur = into.get(name);
    if (!cur || q.nanos > cur.nanos) into.set(name, q);
  }
}

/**
 * resourcehelper.PodRequestsAndLimits: containers summed; sidecars add to the sum and to every
 * later init container's peak; the pod needs the larger of the sum and the init peak.
 */
export function podRequestsAndLimits(pod: KubeObject): [ResourceList, ResourceList] {
  const result: ResourceList[] = [];
  for (const field of ['requests', 'limits'] as const) {
    const sum: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) addList(sum, c.resources?.[field]);
    const sidecars: ResourceList = new Map();
    const initPeak: ResourceList = new Map();
    for (const c of pod.spec?.initContainers ?? []) {
      const own: ResourceList = new Map();
      addList(own, c.resources?.[field]);
      if (c.restartPolicy === 'Always') {
        addList(sum, c.resources?.[field]);
        addList(sidecars, c.resources?.[field]);
        maxList(initPeak, new Map(sidecars));
      } else {
        for (const [n, q] of sidecars) own.set(n, own.has(n) ? addQuantity(own.get(n)!, q) : q);
        maxList(initPeak, own);
      }
    }
    maxList(sum, initPeak);
    result.push(sum);
  }
  return [result[0]!, result[1]!];
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

/** describeNode (describe.go), with the node's non-terminated pods and its events. */
export function describeNode(node: KubeObject, pods: readonly KubeObject[], events: readonly KubeObject[], nowUnixMs: number, leaseRenewUnixMs?: number): string {
  const spec: Json = node.spec ?? {};
  const status: Json = node.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
  const roles = findNodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultiline(w, 'Taints', spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${Boolean(spec.unschedulable)}\n`);
  // The kubelet's Lease in kube-node-lease (not a served kind here): held by the node, renewed every
  // 10 s, so RenewTime moves while the Ready condition's heartbeat moves only every 5 minutes.
  const ready = (status.conditions ?? []).find((c: Json) => c.type === 'Ready');
  const renewed = leaseRenewUnixMs !== undefined ? rfc1123z(formatRFC3339(leaseRenewUnixMs)) : ready?.lastHeartbeatTime ? rfc1123z(ready.lastHeartbeatTime) : '<unset>';
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(LEVEL_1, 'AcquireTime:\t<unset>\n');
  w.write(LEVEL_1, `RenewTime:\t${renewed}\n`);
  const conditions: Json[] = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = goSort(Object.keys(list ?? {}));
    if (names.length === 0) continue;
    w.write(LEVEL_0, `${title}:\n`);
    for (const n of names) w.write(LEVEL_0, `  ${n}:\t${quantityString(list[n])}\n`);
  }
  const info: Json = status.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  const sys: [string, unknown][] = [
    ['Machine ID', info.machineID], ['System UUID', info.systemUUID], ['Boot ID', info.bootID], ['Kernel Version', info.kernelVersion],
    ['OS Image', info.osImage], ['Operating System', info.operatingSystem], ['Architecture', info.architecture],
    ['Container Runtime Version', info.containerRuntimeVersion], ['Kubelet Version', info.kubeletVersion], ['Kube-Proxy Version', info.kubeProxyVersion],
  ];
  for (const [k, v] of sys) w.write(LEVEL_0, `  ${k}:\t${v ?? ''}\n`);
  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
  describeNodeResource(node, pods, w, nowUnixMs);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

function describeNodeResource(node: KubeObject, pods: readonly KubeObject[], w: PrefixWriter, nowUnixMs: number): void {
  const status: Json = node.status ?? {};
  const alloc: Record<string, unknown> = Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable : (status.capacity ?? {});
  const allocCPU = quantityMilliValue(parseQuantity(alloc.cpu) ?? zeroQuantity());
  const allocMem = quantityValue(parseQuantity(alloc.memory) ?? zeroQuantity());
  const allocEph = quantityValue(parseQuantity(alloc['ephemeral-storage']) ?? zeroQuantity());
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const total: [ResourceList, ResourceList] = [new Map(), new Map()];
  const get = (l: ResourceList, n: string): Quantity => l.get(n) ?? zeroQuantity();
  for (const pod of pods) {
    const [req, lim] = podRequestsAndLimits(pod);
    for (const [n, q] of req) total[0].set(n, total[0].has(n) ? addQuantity(total[0].get(n)!, q) : q);
    for (const [n, q] of lim) total[1].set(n, total[1].has(n) ? addQuantity(total[1].get(n)!, q) : q);
    const cpuReq = get(req, 'cpu');
    const cpuLim = get(lim, 'cpu');
    const memReq = get(req, 'memory');
    const memLim = get(lim, 'memory');
    // Go divides by allocatable without a zero check here (NaN → int64 is 0 on amd64 only by accident); nodes always have allocatable
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${formatQuantity(cpuReq)} (${pct(quantityMilliValue(cpuReq), allocCPU)}%)\t${formatQuantity(cpuLim)} (${pct(quantityMilliValue(cpuLim), allocCPU)}%)\t${formatQuantity(memReq)} (${pct(quantityValue(memReq), allocMem)}%)\t${formatQuantity(memLim)} (${pct(quantityValue(memLim), allocMem)}%)\t${since(pod.metadata.creationTimestamp, nowUnixMs)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const [reqs, lims] = total;
  const row = (name: string, r: Quantity, l: Quantity, value: (q: Quantity) => number, whole: number): void =>
    w.write(LEVEL_1, `${name}\t${formatQuantity(r)} (${pct(value(r), whole)}%)\t${formatQuantity(l)} (${pct(value(l), whole)}%)\n`);
  row('cpu', get(reqs, 'cpu'), get(lims, 'cpu'), quantityMilliValue, allocCPU);
  row('memory', get(reqs, 'memory'), get(lims, 'memory'), quantityValue, allocMem);
  row('ephemeral-storage', get(reqs, 'ephemeral-storage'), get(lims, 'ephemeral-storage'), quantityValue, allocEph);
  for (const name of goSort(Object.keys(alloc).filter((n) => n.startsWith('hugepages-')))) {
    row(name, get(reqs, name), get(lims, name), quantityValue, quantityValue(parseQuantity(alloc[name]) ?? zeroQuantity()));
  }
}
