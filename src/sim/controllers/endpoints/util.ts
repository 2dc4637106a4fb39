/**
 * What the EndpointSlice and Endpoints controllers share, after staging/src/k8s.io/endpointslice
 * (utils.go `FindPort`, util/controller_utils.go `ShouldPodBeInEndpoints`, `ShouldSetHostname`)
 * and pkg/controller/util/endpoint/trigger_time_tracker.go.
 */
import { fromLabelSelector, matches, type Selector } from '../../api/selector.ts';
import type { KubeObject } from '../../api/types.ts';
import { parseRFC3339 } from '../../kernel/time.ts';

type Obj = Readonly<KubeObject>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** `ShouldPodBeInEndpoints`: not terminal, has an IP, and (unless included) not terminating. */
export function shouldPodBeInEndpoints(pod: Obj, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/**
 * `FindPort`: a numeric targetPort as is; a named one looked up in the containers' ports (then
 * restartable init containers') with the Service port's protocol. Undefined when no port fits.
 */
export function findPort(pod: Obj, servicePort: Json): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  const protocol = servicePort.protocol ?? 'TCP';
  const spec: Json = pod.spec ?? {};
  const sidecars = ((spec.initContainers ?? []) as Json[]).filter((c) => c.restartPolicy === 'Always');
  for (const container of [...((spec.containers ?? []) as Json[]), ...sidecars]) {
    for (const p of (container.ports ?? []) as Json[]) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort as number;
    }
  }
  return undefined;
}

/** `ShouldSetHostname`: the Pod names a hostname and its subdomain is this Service. */
export function shouldSetHostname(pod: Obj, svc: Obj): boolean {
  return Boolean(pod.spec?.hostname) && pod.spec?.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/** `helper.IsServiceIPSet`: false for headless Services. */
export function isServiceIPSet(svc: Obj): boolean {
  const ip = svc.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

/** The Service's selector, or undefined for a Service without one (a nil map; `{}` selects every Pod). */
export function serviceSelector(svc: Obj): Selector | undefined {
  const sel = svc.spec?.selector as Record<string, string> | undefined;
  return sel === undefined || sel === null ? undefined : fromLabelSelector({ matchLabels: sel });
}

/** Services in the Pod's namespace that select it (`GetPodServiceMemberships`). */
export function servicesSelecting(services: readonly Obj[], pod: Obj): Obj[] {
  return services.filter((svc) => {
    if (svc.metadata.namespace !== pod.metadata.namespace) return false;
    const sel = serviceSelector(svc);
    return sel !== undefined && matches(sel, pod.metadata.labels);
  });
}

/** Go's `bytes.Compare` on two strings' UTF-8, which for IPs is plain code-unit order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `TriggerTimeTracker`: the earliest change (Pod Ready transition, Service creation) not yet
 * reflected in a Service's endpoints, for the `endpoints.kubernetes.io/last-change-trigger-time`
 * annotation. Pods that were removed contribute nothing, so a removal alone clears it.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, { pods: Map<string, number>; service: number | undefined }>();

  /** Unix ms, or undefined (Go's zero time). Records the current state as observed. */
  compute(svc: Obj, pods: readonly Obj[]): number | undefined {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const previous = this.states.get(key);
    let min: number | undefined;
    const current = { pods: new Map<string, number>(), service: undefined as number | undefined };
    for (const pod of pods) {
      const ready = ((pod.status?.conditions ?? []) as Json[]).find((c) => c.type === 'Ready');
      const t = ready?.lastTransitionTime ? parseRFC3339(ready.lastTransitionTime) : undefined;
      if (t === undefined) continue;
      current.pods.set(pod.metadata.name, t);
      const before = previous?.pods.get(pod.metadata.name);
      if (before === undefined || t > before) min = min === undefined ? t : Math.min(min, t);
    }
    const created = svc.metadata.creationTimestamp ? parseRFC3339(svc.metadata.creationTimestamp) : undefined;
    if (created !== undefined) {
      current.service = created;
      if (!previous || previous.service === undefined || created > previous.service) min = min === undefined ? created : Math.min(min, created);
    }
    this.states.set(key, current);
    return min;
  }

  delete(namespace: string | undefined, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
