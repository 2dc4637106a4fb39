/**
 * Reduces a cluster snapshot to the compact, plain summary the page renders. Pure, so the
 * worker stays a thin shell and this can be tested in Node.
 */
import type { ClusterSnapshot, KubeObject } from '../sim/index.ts';
import { parseQuantity, quantityMilliValue, quantityValue } from '../sim/api/quantity.ts';
import { EPOCH_MS } from '../sim/kernel/time.ts';
import { podRow } from '../sim/kubectl/printers/pods.ts';
import type {
  ClusterSummary,
  ConditionSummary,
  ContainerStateKind,
  ContainerSummary,
  EndpointSummary,
  NodeSummary,
  PodSummary,
  ServiceSummary,
  ProbeKind,
  TaintSummary,
  WorkloadSummary,
} from './protocol.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON, read defensively */
type Json = any;

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** A whole manifest per applied object: too big to ship with every update, and describe omits it too. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const PROBE_KINDS: readonly ProbeKind[] = ['startup', 'liveness', 'readiness'];

/** The workload resources (snapshot keys) whose objects own pods. */
const WORKLOAD_RESOURCES: readonly [string, WorkloadSummary['kind']][] = [
  ['deployments.apps', 'Deployment'],
  ['replicasets.apps', 'ReplicaSet'],
  ['statefulsets.apps', 'StatefulSet'],
  ['daemonsets.apps', 'DaemonSet'],
  ['jobs.batch', 'Job'],
];

export function summarize(snapshot: ClusterSnapshot): ClusterSummary {
  const counts: Record<string, number> = {};
  for (const [resource, list] of Object.entries(snapshot.objects)) counts[resource] = list.length;
  const nowUnixMs = EPOCH_MS + Math.round(snapshot.t * 1000);
  const pods = snapshot.objects['pods'] ?? [];
  return {
    pods: pods.map((pod) => podSummary(pod, nowUnixMs)),
    nodes: (snapshot.objects['nodes'] ?? []).map((node) => nodeSummary(node, pods)),
    services: (snapshot.objects['services'] ?? []).map((svc) =>
      serviceSummary(svc, snapshot.objects['endpointslices.discovery.k8s.io'] ?? []),
    ),
    workloads: WORKLOAD_RESOURCES.flatMap(([resource, kind]) => (snapshot.objects[resource] ?? []).map((o) => workloadSummary(o, kind))),
    counts,
  };
}

function workloadSummary(obj: KubeObject, kind: WorkloadSummary['kind']): WorkloadSummary {
  const spec: Json = obj.spec ?? {};
  const status: Json = obj.status ?? {};
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
  let desired: number;
  let ready: number;
  if (kind === 'DaemonSet') {
    desired = num(status.desiredNumberScheduled, 0);
    ready = num(status.numberReady, 0);
  } else if (kind === 'Job') {
    desired = num(spec.completions, 1);
    ready = num(status.succeeded, 0);
  } else {
    desired = num(spec.replicas, 1);
    ready = num(status.readyReplicas, 0);
  }
  return { kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name, owners: ownersOf(obj), desired, ready };
}

function ownersOf(obj: KubeObject): { kind: string; name: string }[] {
  return (obj.metadata.ownerReferences ?? []).map((ref: Json) => ({ kind: String(ref.kind), name: String(ref.name) }));
}

function stringMap(m: unknown, omit?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (m && typeof m === 'object') for (const [k, v] of Object.entries(m)) if (k !== omit) out[k] = String(v);
  return out;
}

function conditionSummaries(conditions: unknown): ConditionSummary[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.map((c: Json) => ({ type: String(c?.type ?? ''), status: String(c?.status ?? ''), reason: String(c?.reason ?? ''), message: String(c?.message ?? '') }));
}

function podSummary(pod: KubeObject, nowUnixMs: number): PodSummary {
  const phase: unknown = pod.status?.phase;
  const nodeName: unknown = pod.spec?.nodeName;
  const podIP: unknown = pod.status?.podIP;
  const [, ready = '', status = '', restarts = ''] = podRow(pod, false, nowUnixMs);
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    phase: typeof phase === 'string' && phase !== '' ? phase : 'Pending',
    nodeName: typeof nodeName === 'string' && nodeName !== '' ? nodeName : null,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    ready,
    status,
    restarts,
    podIP: typeof podIP === 'string' && podIP !== '' ? podIP : null,
    containers: containerSummaries(pod),
    owners: ownersOf(pod),
    conditions: conditionSummaries(pod.status?.conditions),
    labels: stringMap(pod.metadata.labels),
    annotations: stringMap(pod.metadata.annotations, LAST_APPLIED),
  };
}

function containerSummaries(pod: KubeObject): ContainerSummary[] {
  const spec: Json = pod.spec ?? {};
  const status: Json = pod.status ?? {};
  const one = (c: Json, kind: ContainerSummary['kind'], statuses: Json[]): ContainerSummary => {
    const cs: Json = statuses.find((s: Json) => s?.name === c.name);
    const [state, reason] = containerState(cs?.state);
    return {
      name: String(c.name),
      image: String(c.image ?? ''),
      kind,
      state,
      reason,
      ready: cs?.ready === true,
      restartCount: typeof cs?.restartCount === 'number' ? cs.restartCount : 0,
      probes: PROBE_KINDS.filter((p) => c[`${p}Probe`] != null),
    };
  };
  const inits: Json[] = spec.initContainers ?? [];
  const apps: Json[] = spec.containers ?? [];
  return [
    ...inits.map((c) => one(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', status.initContainerStatuses ?? [])),
    ...apps.map((c) => one(c, 'app', status.containerStatuses ?? [])),
  ];
}

function containerState(state: Json): [ContainerStateKind, string] {
  if (state?.running) return ['running', ''];
  if (state?.terminated) return ['terminated', String(state.terminated.reason ?? '')];
  if (state?.waiting) return ['waiting', String(state.waiting.reason ?? '')];
  return ['unknown', ''];
}

function nodeSummary(node: KubeObject, pods: readonly KubeObject[]): NodeSummary {
  const conditions: unknown = node.status?.conditions;
  const ready =
    Array.isArray(conditions) &&
    conditions.some((c: { type?: unknown; status?: unknown }) => c.type === 'Ready' && c.status === 'True');
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => key.slice(ROLE_LABEL_PREFIX.length))
    .sort();
  const allocatable: Json = node.status?.allocatable ?? {};
  const taints: TaintSummary[] = ((node.spec?.taints as Json[] | undefined) ?? []).map((t: Json) => ({
    key: String(t.key ?? ''),
    value: String(t.value ?? ''),
    effect: String(t.effect ?? ''),
  }));
  // The scheduler counts every pod bound to the node that has not finished (NodeInfo).
  const onNode = pods.filter(
    (p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
  );
  return {
    name: node.metadata.name,
    ready,
    roles,
    unschedulable: node.spec?.unschedulable === true,
    taints,
    cpu: { requested: sum(onNode, (p) => podRequest(p, 'cpu', milli)), allocatable: milli(allocatable.cpu) },
    memory: { requested: sum(onNode, (p) => podRequest(p, 'memory', units)), allocatable: units(allocatable.memory) },
    internalIP: String(((node.status?.addresses as Json[] | undefined) ?? []).find((a: Json) => a?.type === 'InternalIP')?.address ?? ''),
  };
}

const milli = (v: unknown): number => {
  const q = parseQuantity(v);
  return q ? quantityMilliValue(q) : 0;
};
const units = (v: unknown): number => {
  const q = parseQuantity(v);
  return q ? quantityValue(q) : 0;
};
const sum = <T>(list: readonly T[], f: (x: T) => number): number => list.reduce((n, x) => n + f(x), 0);

/**
 * A pod's effective request (resourcehelper.PodRequests, simplified): app containers and sidecars
 * add up; a plain init container runs alone, so only the largest one counts, if it is larger.
 */
function podRequest(pod: KubeObject, resource: string, parse: (v: unknown) => number): number {
  const spec: Json = pod.spec ?? {};
  const req = (c: Json): number => parse(c?.resources?.requests?.[resource]);
  const inits: Json[] = spec.initContainers ?? [];
  let total = sum(spec.containers ?? [], req) + sum(inits.filter((c) => c.restartPolicy === 'Always'), req);
  for (const c of inits) if (c.restartPolicy !== 'Always') total = Math.max(total, req(c));
  return total;
}

function serviceSummary(svc: KubeObject, slices: readonly KubeObject[]): ServiceSummary {
  const spec: Json = svc.spec ?? {};
  const namespace = svc.metadata.namespace ?? '';
  const endpoints: EndpointSummary[] = [];
  for (const slice of slices) {
    if (slice.metadata.namespace !== namespace || slice.metadata.labels?.[SERVICE_NAME_LABEL] !== svc.metadata.name) continue;
    for (const ep of ((slice as Json).endpoints ?? []) as Json[]) {
      const conditions: Json = ep.conditions ?? {};
      // discovery/v1: a nil `ready` means ready, a nil `serving` follows `ready`.
      const ready = conditions.ready !== false;
      endpoints.push({
        address: String(ep.addresses?.[0] ?? ''),
        ready,
        serving: conditions.serving ?? ready,
        terminating: conditions.terminating === true,
        pod: ep.targetRef?.kind === 'Pod' ? String(ep.targetRef.name) : null,
      });
    }
  }
  return {
    namespace,
    name: svc.metadata.name,
    type: String(spec.type ?? 'ClusterIP'),
    clusterIP: String(spec.clusterIP ?? ''),
    ports: ((spec.ports ?? []) as Json[]).map((p) => ({
      name: String(p.name ?? ''),
      protocol: String(p.protocol ?? 'TCP'),
      port: Number(p.port),
      targetPort: String(p.targetPort ?? p.port),
      nodePort: typeof p.nodePort === 'number' ? p.nodePort : null,
    })),
    endpoints,
  };
}
