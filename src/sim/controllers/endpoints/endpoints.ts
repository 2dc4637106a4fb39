/**
 * kube-controller-manager's Endpoints controller, after pkg/controller/endpoint/
 * endpoints_controller.go (v1.31): the legacy core/v1 Endpoints object named like the Service,
 * its subsets repacked by `endpoints.RepackSubsets` (pkg/api/v1/endpoints/util.go): addresses
 * offering the same ports share a subset, ready ones in `addresses`, the others in
 * `notReadyAddresses`, at most 1000 in all. An Endpoints whose Service is gone is deleted.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { matches } from '../../api/selector.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, objectKey, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { formatRFC3339 } from '../../kernel/time.ts';
import { isPodReady } from '../replicaset/podutil.ts';
import { LABEL_HEADLESS, SERVICES, TRIGGER_TIME_ANNOTATION } from './endpointslice.ts';
import { compareStrings, findPort, isServiceIPSet, serviceSelector, servicesSelecting, shouldPodBeInEndpoints, shouldSetHostname, splitKey, TriggerTimeTracker } from './util.ts';

export const ENDPOINTS = preferredResourceForKind('Endpoints')!;
const PODS = preferredResourceForKind('Pod')!;

/** endpoints_controller.go maxCapacity. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** The leader-election record annotation: such Endpoints have no Service and are left alone. */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const ACTOR = 'endpoint-controller';
const SOURCE = { component: 'endpoint-controller' };

type Obj = Readonly<KubeObject>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export class EndpointsController {
  private readonly queue: WorkQueue;
  private readonly triggerTimes = new TriggerTimeTracker();
  private services: Informer | undefined;

  constructor(
    kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, ACTOR, (key) => this.syncService(key));
  }

  start(): void {
    this.services = new Informer(this.store, SERVICES);
    const pods = new Informer(this.store, PODS);
    this.services.addEventHandler({
      onAdd: (svc) => this.queue.add(keyOf(svc)),
      onUpdate: (_old, svc) => this.queue.add(keyOf(svc)),
      onDelete: (svc) => this.queue.add(keyOf(svc)),
    });
    pods.addEventHandler({
      onAdd: (pod) => this.enqueueForPod(pod),
      onUpdate: (old, pod) => {
        if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
        this.enqueueForPod(pod);
        if (JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {})) this.enqueueForPod(old);
      },
      onDelete: (pod) => this.enqueueForPod(pod),
    });
    // checkLeftoverEndpoints: Endpoints left without a Service are found once at start.
    for (const ep of this.store.list(ENDPOINTS)) {
      if (ep.metadata.annotations?.[LEADER_ANNOTATION] === undefined) this.queue.add(keyOf(ep));
    }
  }

  private enqueueForPod(pod: Obj): void {
    for (const svc of servicesSelecting(this.services?.list(pod.metadata.namespace) ?? [], pod)) this.queue.add(keyOf(svc));
  }

  syncService(key: string): void {
    const [namespace, name] = splitKey(key);
    const svc = this.store.peek(SERVICES, namespace, name);
    if (!svc) {
      // The Service is gone: so are its Endpoints (whoever wrote them).
      this.triggerTimes.delete(namespace, name);
      try {
        this.api.delete(ENDPOINTS, namespace, name, ACTOR);
      } catch (err) {
        if (!(err instanceof APIError)) throw err;
      }
      return;
    }
    if (svc.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(svc);
    if (!selector) return;
    const pods = this.store.list(PODS, namespace).filter((p) => matches(selector, p.metadata.labels));
    // Computed even when the sync writes nothing, so the tracker's state stays current.
    const triggerMs = this.triggerTimes.compute(svc, pods);
    const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
    const entries: Entry[] = [];
    const svcPorts = (svc.spec?.ports ?? []) as Json[];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
      const address: Json = { ip: pod.status?.podIP };
      if (shouldSetHostname(pod, svc)) address.hostname = pod.spec.hostname;
      if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
      address.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
      const ready = tolerateUnready || isPodReady(pod);
      if (svcPorts.length === 0) {
        // A headless Service may have no ports.
        if (svc.spec?.clusterIP === 'None') entries.push({ address, ready, port: undefined });
        continue;
      }
      for (const sp of svcPorts) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const epp: Json = { name: sp.name, port, protocol: sp.protocol ?? 'TCP' };
        if (!sp.name) delete epp.name;
        if (sp.appProtocol !== undefined) epp.appProtocol = sp.appProtocol;
        entries.push({ address, ready, port: epp });
      }
    }
    const subsets = repackSubsets(entries);
    const current = this.store.get(ENDPOINTS, namespace, name);
    const labels = { ...(svc.metadata.labels ?? {}) };
    if (current) {
      const currentLabels = { ...(current.metadata.labels ?? {}) };
      delete currentLabels[LABEL_HEADLESS];
      const count = subsets.reduce((n, s) => n + (s.addresses ?? []).length + (s.notReadyAddresses ?? []).length, 0);
      const capacityOK = count <= MAX_ENDPOINTS_CAPACITY && current.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] === undefined;
      if (JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) && sameMap(currentLabels, labels) && capacityOK) return;
    }
    const next: Json = current ? deepCopy(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    if (subsets.length > 0) next.subsets = subsets;
    else delete next.subsets;
    const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
    if (triggerMs !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = formatRFC3339(triggerMs);
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (truncate(next)) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
    next.metadata.labels = labels;
    if (Object.keys(labels).length === 0) delete next.metadata.labels;
    next.metadata.annotations = annotations;
    if (Object.keys(annotations).length === 0) delete next.metadata.annotations;
    try {
      if (current) this.api.update(ENDPOINTS, next, ACTOR);
      else this.api.create(ENDPOINTS, next, ACTOR);
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      // A terminating namespace refuses the create: drop the key, as upstream does.
      if (err.message.includes('because it is being terminated')) return;
      const message = current ? `Failed to update endpoint ${namespace}/${name}: ${err.message}` : `Failed to create endpoint for service ${namespace}/${name}: ${err.message}`;
      this.events.record(next, 'Warning', current ? 'FailedToUpdateEndpoint' : 'FailedToCreateEndpoint', message, SOURCE);
      this.queue.addAfter(key, 1000);
    }
  }
}

interface Entry {
  address: Json;
  ready: boolean;
  port: Json | undefined;
}

/**
 * `RepackSubsets` + `SortSubsets`: addresses that offer the same set of ports share a subset.
 * Addresses sort by IP (bytes) then uid, as `LessEndpointAddress`. Upstream orders ports and
 * subsets by an md5 of their Go dump; here ports keep the Service's order and subsets sort by
 * their first address, which is the same whenever there is one subset.
 */
export function repackSubsets(entries: readonly Entry[]): Json[] {
  const byAddress = new Map<string, { address: Json; ready: boolean; ports: Json[] }>();
  for (const e of entries) {
    const key = `${e.address.ip}\u0000${e.address.targetRef?.uid ?? ''}`;
    let a = byAddress.get(key);
    if (!a) byAddress.set(key, (a = { address: e.address, ready: e.ready, ports: [] }));
    if (e.port && !a.ports.some((p) => JSON.stringify(p) === JSON.stringify(e.port))) a.ports.push(e.port);
  }
  const groups = new Map<string, { ports: Json[]; ready: Json[]; notReady: Json[] }>();
  for (const a of byAddress.values()) {
    const k = JSON.stringify(a.ports);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { ports: a.ports, ready: [], notReady: [] }));
    (a.ready ? g.ready : g.notReady).push(a.address);
  }
  const subsets: Json[] = [];
  for (const g of groups.values()) {
    const s: Json = {};
    if (g.ready.length > 0) s.addresses = g.ready.sort(lessAddress);
    if (g.notReady.length > 0) s.notReadyAddresses = g.notReady.sort(lessAddress);
    if (g.ports.length > 0) s.ports = g.ports;
    subsets.push(s);
  }
  const first = (s: Json) => (s.addresses ?? s.notReadyAddresses)[0];
  return subsets.sort((a, b) => lessAddress(first(a), first(b)));
}

function lessAddress(a: Json, b: Json): number {
  return compareStrings(a.ip, b.ip) || compareStrings(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}

/** `truncateEndpoints`: over 1000 addresses, keep a share per subset, ready ones first. */
function truncate(endpoints: Json): boolean {
  const subsets: Json[] = endpoints.subsets ?? [];
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += (s.addresses ?? []).length;
    totalNotReady += (s.notReadyAddresses ?? []).length;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = (truncateReady ? s.addresses ?? [] : s.notReadyAddresses ?? []).length;
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      if (s.addresses) s.addresses = s.addresses.slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= (s.addresses ?? []).length;
    } else {
      if (s.notReadyAddresses) s.notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= (s.notReadyAddresses ?? []).length;
    }
  }
  return true;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function keyOf(obj: Obj): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}
