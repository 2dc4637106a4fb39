/**
 * The scheduler's view of Pods and Nodes, as framework.PodInfo and framework.NodeInfo
 * (pkg/scheduler/framework/types.go): what each plugin needs, computed once per object, and
 * per-node totals kept incrementally so a decision never rescans every Pod.
 */
import type { KubeObject } from '../api/types.ts';
import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.ts';
import { podRequests, type Requests } from './resources.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod and Node specs are plain decoded JSON */

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** A Pod as the scheduler keeps it. */
export interface PodInfo {
  uid: string;
  namespace: string;
  name: string;
  pod: Readonly<KubeObject>;
  labels: Record<string, string>;
  priority: number;
  requests: Requests;
  nonZero: Requests;
  hostPorts: HostPort[];
  terminating: boolean;
  /** spec.affinity.podAffinity / podAntiAffinity, when present (InterPodAffinity). */
  hasAffinity: boolean;
  hasRequiredAntiAffinity: boolean;
}

export function podInfoOf(pod: Readonly<KubeObject>): PodInfo {
  const spec = pod.spec ?? {};
  const affinity = spec.affinity ?? {};
  const hasAffinity = affinity.podAffinity !== undefined || affinity.podAntiAffinity !== undefined;
  return {
    uid: pod.metadata.uid,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    pod,
    labels: pod.metadata.labels ?? {},
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    requests: podRequests(spec, false),
    nonZero: podRequests(spec, true),
    hostPorts: hostPortsOf(spec),
    terminating: pod.metadata.deletionTimestamp !== undefined,
    hasAffinity,
    hasRequiredAntiAffinity: (affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
  };
}

/** schedutil.GetHostPorts: every container port with a hostPort (init containers included, as upstream). */
function hostPortsOf(spec: any): HostPort[] {
  const out: HostPort[] = [];
  for (const list of [spec.initContainers ?? [], spec.containers ?? []]) {
    for (const c of list) {
      for (const p of c.ports ?? []) {
        if (typeof p.hostPort === 'number' && p.hostPort > 0) out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
      }
    }
  }
  return out;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** A Node with the Pods bound to it and their running totals. */
export class NodeInfo {
  node: Readonly<KubeObject> | undefined;
  allocatable: Requests & { pods: number } = { milliCPU: 0, memory: 0, pods: 0 };
  /** Sum of the bound Pods' requests (NodeInfo.Requested). */
  readonly requested: Requests = { milliCPU: 0, memory: 0 };
  /** The same with the non-zero defaults (NodeInfo.NonZeroRequested). */
  readonly nonZeroRequested: Requests = { milliCPU: 0, memory: 0 };
  readonly pods = new Map<string, PodInfo>();
  /** Pods with pod (anti-)affinity, for InterPodAffinity's scans of existing pods. */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  labels: Record<string, string> = {};
  taints: Taint[] = [];
  unschedulable = false;
  /** Every name of every image in node.status.images (ImageLocality asks this once per node and Pod). */
  imageNames: ReadonlySet<string> = new Set();
  /** Bumped whenever the node's Pods change, so per-node memos (`memo`) know when they are stale. */
  podsGeneration = 0;
  /** Values computed from the node's Pods (PodTopologySpread's matching counts), by the asker's key. */
  readonly memo = new Map<string, { generation: number; value: number }>();

  constructor(readonly name: string) {}

  setNode(node: Readonly<KubeObject> | undefined): void {
    this.node = node;
    this.labels = node?.metadata.labels ?? {};
    this.taints = (node?.spec?.taints as Taint[] | undefined) ?? [];
    this.unschedulable = node?.spec?.unschedulable === true;
    const imageNames = new Set<string>();
    for (const image of (node?.status?.images ?? []) as { names?: string[] }[]) for (const n of image.names ?? []) imageNames.add(n);
    this.imageNames = imageNames;
    const alloc = node?.status?.allocatable ?? {};
    const cpu = parseQuantity(alloc.cpu);
    const mem = parseQuantity(alloc.memory);
    const pods = parseQuantity(alloc.pods);
    this.allocatable = { milliCPU: cpu ? quantityMilliValue(cpu) : 0, memory: mem ? quantityValue(mem) : 0, pods: pods ? quantityValue(pods) : 0 };
  }

  addPod(p: PodInfo): void {
    if (this.pods.has(p.uid)) throw new Error(`scheduler cache: pod ${p.namespace}/${p.name} already on ${this.name}`);
    this.pods.set(p.uid, p);
    this.podsGeneration++;
    this.requested.milliCPU += p.requests.milliCPU;
    this.requested.memory += p.requests.memory;
    this.nonZeroRequested.milliCPU += p.nonZero.milliCPU;
    this.nonZeroRequested.memory += p.nonZero.memory;
    if (p.hasAffinity) this.podsWithAffinity++;
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity++;
  }

  removePod(uid: string): PodInfo | undefined {
    const p = this.pods.get(uid);
    if (!p) return undefined;
    this.pods.delete(uid);
    this.podsGeneration++;
    this.requested.milliCPU -= p.requests.milliCPU;
    this.requested.memory -= p.requests.memory;
    this.nonZeroRequested.milliCPU -= p.nonZero.milliCPU;
    this.nonZeroRequested.memory -= p.nonZero.memory;
    if (p.hasAffinity) this.podsWithAffinity--;
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity--;
    return p;
  }
}
