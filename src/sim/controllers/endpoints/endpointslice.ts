/**
 * kube-controller-manager's EndpointSlice controller, after pkg/controller/endpointslice
 * (endpointslice_controller.go) and its reconciler in staging/src/k8s.io/endpointslice
 * (reconciler.go, utils.go), v1.31. For every Service with a selector: one endpoint per selected
 * Pod (`podToEndpoint`), grouped by the Pod's resolved ports, at most 100 per slice, written to
 * slices the Service owns, named from `<service>-`. Level-triggered by Service key;
 * endpointUpdatesBatchPeriod defaults to 0, so a Pod change is synced on the next turn.
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
import { findPort, isServiceIPSet, serviceSelector, servicesSelecting, shouldPodBeInEndpoints, shouldSetHostname, splitKey, TriggerTimeTracker } from './util.ts';

export const SERVICES = preferredResourceForKind('Service')!;
export const ENDPOINTSLICES = preferredResourceForKind('EndpointSlice')!;
const PODS = preferredResourceForKind('Pod')!;

/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';
const ACTOR = 'endpointslice-controller';
const SOURCE = { component: 'endpoint-slice-controller' };

type Obj = Readonly<KubeObject>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface DesiredEndpoint {
  key: string;
  endpoint: Json;
}

export class EndpointSliceController {
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
    const slices = new Informer(this.store, ENDPOINTSLICES);
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
        // A label change can take the Pod out of a Service: that Service syncs too.
        if (JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {})) this.enqueueForPod(old);
      },
      onDelete: (pod) => this.enqueueForPod(pod),
    });
    // A managed slice changed or deleted by someone else is put back by the next sync.
    const onSlice = (slice: Obj) => {
      const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
      if (svc && slice.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME) this.queue.add(objectKey(slice.metadata.namespace, svc));
    };
    slices.addEventHandler({ onUpdate: (_old, s) => onSlice(s), onDelete: onSlice });
  }

  private enqueueForPod(pod: Obj): void {
    for (const svc of servicesSelecting(this.services?.list(pod.metadata.namespace) ?? [], pod)) this.queue.add(keyOf(svc));
  }

  // --- the sync ---------------------------------------------------------------------------

  syncService(key: string): void {
    const [namespace, name] = splitKey(key);
    const svc = this.store.peek(SERVICES, namespace, name);
    if (!svc) {
      // The garbage collector deletes the slices through their ownerReference.
      this.triggerTimes.delete(namespace, name);
      return;
    }
    // Ref: https://issues.k8s.io/105986 — ExternalName Services get no endpoints.
    if (svc.spec?.type === 'ExternalName') return;
    const selector = serviceSelector(svc);
    if (!selector || svc.metadata.deletionTimestamp) return;
    const pods = this.store.list(PODS, namespace).filter((p) => matches(selector, p.metadata.labels));
    const triggerMs = this.triggerTimes.compute(svc, pods);
    const existing = this.store.list(ENDPOINTSLICES, namespace).filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === name && s.metadata.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME);
    try {
      this.reconcile(svc, pods, existing, triggerMs);
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      this.events.record(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${namespace}/${name}: ${err.message}`, SOURCE);
      this.queue.addAfter(key, 1000);
    }
  }

  /** `Reconciler.Reconcile` for the IPv4 address type (the only family this cluster has). */
  private reconcile(svc: Obj, pods: readonly Obj[], existing: readonly Obj[], triggerMs: number | undefined): void {
    const toDelete: Obj[] = [];
    const mine: Obj[] = [];
    for (const slice of existing) {
      // Slices of another address type or another owner (a Service deleted and recreated) go.
      if (slice.addressType !== 'IPv4' || !ownedBy(slice, svc)) toDelete.push(slice);
      else mine.push(slice);
    }
    // Desired endpoints grouped by their ports (the endpointMeta hash).
    const desired = new Map<string, { ports: Json[]; endpoints: DesiredEndpoint[] }>();
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPorts(svc, pod);
      const portKey = JSON.stringify(ports);
      let group = desired.get(portKey);
      if (!group) desired.set(portKey, (group = { ports, endpoints: [] }));
      group.endpoints.push({ key: pod.metadata.uid, endpoint: podToEndpoint(pod, svc) });
    }
    const existingByPorts = new Map<string, Obj[]>();
    for (const slice of mine) {
      const k = JSON.stringify(slice.ports ?? []);
      existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), slice]);
    }
    const toCreate: KubeObject[] = [];
    const toUpdate: KubeObject[] = [];
    for (const [portKey, group] of desired) {
      const result = this.reconcileByPortMapping(svc, existingByPorts.get(portKey) ?? [], group.ports, group.endpoints);
      toCreate.push(...result.create);
      toUpdate.push(...result.update);
      toDelete.push(...result.delete);
      existingByPorts.delete(portKey);
    }
    // Sets of ports no longer desired (the placeholder's among them): their slices go.
    for (const slices of existingByPorts.values()) toDelete.push(...slices);
    // With no endpoints at all, the Service keeps one empty placeholder slice.
    if (existing.length === toDelete.length && toCreate.length === 0) {
      const placeholder = newSlice(svc, []);
      const kept = toDelete.length === 1 && isPlaceholder(toDelete[0]!, placeholder);
      if (kept) toDelete.length = 0;
      else toCreate.push(placeholder);
    }
    // `finalize`: reuse the name of a slice about to be deleted rather than create a new one.
    for (let i = 0; i < toDelete.length && toCreate.length > 0; ) {
      const old = toDelete[i]!;
      if (old.addressType === 'IPv4' && ownedBy(old, svc)) {
        const slice = toCreate.pop()!;
        const reused = deepCopy(old) as KubeObject;
        reused.metadata.labels = slice.metadata.labels;
        reused.ports = slice.ports;
        reused.endpoints = slice.endpoints;
        if (!slice.ports) delete reused.ports;
        toUpdate.push(reused);
        toDelete.splice(i, 1);
      } else i++;
    }
    for (const slice of toCreate) {
      setTriggerTime(slice, triggerMs);
      this.api.create(ENDPOINTSLICES, slice as unknown as Record<string, unknown>, ACTOR);
    }
    for (const slice of toUpdate) {
      setTriggerTime(slice, triggerMs);
      this.api.update(ENDPOINTSLICES, slice, ACTOR);
    }
    for (const slice of toDelete) {
      try {
        this.api.delete(ENDPOINTSLICES, slice.metadata.namespace, slice.metadata.name, ACTOR);
      } catch (err) {
        if (!(err instanceof APIError && err.reason === 'NotFound')) throw err;
      }
    }
  }

  /**
   * `reconcileByPortMapping`: existing slices keep the endpoints still desired (refreshed) in
   * their order; emptied slices are deleted; what is left fills slices being updated, then one
   * unchanged slice with room for the remainder, then new slices of at most 100.
   */
  private reconcileByPortMapping(svc: Obj, existing: readonly Obj[], ports: Json[], desiredList: DesiredEndpoint[]) {
    const desired = new Map(desiredList.map((d) => [d.key, d.endpoint]));
    const create: Json[] = [];
    const update: Json[] = [];
    const del: Obj[] = [];
    const unchanged: Json[] = [];
    const labels = sliceLabels(svc);
    for (const slice of existing) {
      const kept: Json[] = [];
      let changed = false;
      for (const ep of endpointsOf(slice)) {
        const want = desired.get(ep.targetRef?.uid ?? '');
        if (want === undefined) continue;
        if (JSON.stringify(want) !== JSON.stringify(ep)) changed = true;
        kept.push(want);
        desired.delete(ep.targetRef.uid);
      }
      const labelsChanged = JSON.stringify(sortedEntries(slice.metadata.labels)) !== JSON.stringify(sortedEntries(labels));
      if (changed || kept.length !== endpointsOf(slice).length) {
        if (kept.length === 0) del.push(slice);
        else update.push({ ...deepCopy(slice), metadata: { ...deepCopy(slice.metadata), labels }, endpoints: kept });
      } else if (labelsChanged) {
        update.push({ ...deepCopy(slice), metadata: { ...deepCopy(slice.metadata), labels } });
      } else unchanged.push(deepCopy(slice));
    }
    const remaining = [...desired.values()];
    // Fill the slices already being written, fullest first (endpointSliceEndpointLen).
    update.sort((a, b) => endpointsOf(b).length - endpointsOf(a).length);
    for (const slice of update) {
      while (remaining.length > 0 && slice.endpoints.length < MAX_ENDPOINTS_PER_SLICE) slice.endpoints.push(remaining.shift());
    }
    while (remaining.length > 0) {
      let slice: Json;
      if (remaining.length < MAX_ENDPOINTS_PER_SLICE && unchanged.length > 0) {
        slice = sliceToFill(unchanged, remaining.length);
        if (slice) {
          unchanged.splice(unchanged.indexOf(slice), 1);
          update.push(slice);
        }
      }
      if (!slice) {
        slice = newSlice(svc, ports);
        create.push(slice);
      }
      while (remaining.length > 0 && slice.endpoints.length < MAX_ENDPOINTS_PER_SLICE) slice.endpoints.push(remaining.shift());
    }
    return { create, update, delete: del };
  }
}

/** `podToEndpoint`, with the fields in the order the API serializes them. */
export function podToEndpoint(pod: Obj, svc: Obj): Json {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ips: string[] = ((pod.status?.podIPs ?? []) as Json[]).map((p) => p.ip as string);
  const addresses = (ips.length > 0 ? ips : [pod.status?.podIP as string]).filter((ip) => ip && !ip.includes(':'));
  const ep: Json = { addresses, conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  ep.targetRef = { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid };
  return ep;
}

/** `getEndpointPorts`: one port per Service port the Pod resolves; `name` is always written. */
export function endpointPorts(svc: Obj, pod: Obj): Json[] {
  const out: Json[] = [];
  for (const sp of (svc.spec?.ports ?? []) as Json[]) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: Json = {};
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    ep.name = sp.name ?? '';
    ep.port = port;
    ep.protocol = sp.protocol ?? 'TCP';
    out.push(ep);
  }
  return out;
}

/** `newEndpointSlice`: generateName `<service>-`, controlled by the Service. */
function newSlice(svc: Obj, ports: Json[]): KubeObject {
  const slice: Json = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
  };
  if (ports.length > 0) slice.ports = ports;
  return slice as KubeObject;
}

/** `setEndpointSliceLabels`: the Service's labels minus the reserved ones, then the reserved ones. */
function sliceLabels(svc: Obj): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k !== LABEL_SERVICE_NAME && k !== LABEL_MANAGED_BY && k !== LABEL_HEADLESS) labels[k] = v;
  }
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name;
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return labels;
}

function isPlaceholder(slice: Obj, placeholder: KubeObject): boolean {
  return ((slice.ports ?? []) as Json[]).length === 0 && endpointsOf(slice).length === 0 && slice.addressType === placeholder.addressType && JSON.stringify(sortedEntries(slice.metadata.labels)) === JSON.stringify(sortedEntries(placeholder.metadata.labels));
}

/** `getSliceToFill`: the unchanged slice that `n` more endpoints bring closest to full. */
function sliceToFill(slices: Json[], n: number): Json {
  let closestDiff = MAX_ENDPOINTS_PER_SLICE;
  let closest: Json;
  for (const s of slices) {
    const diff = MAX_ENDPOINTS_PER_SLICE - (n + endpointsOf(s).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) break;
    }
  }
  if (closest) closest.endpoints ??= [];
  return closest;
}

function endpointsOf(slice: Obj): Json[] {
  return (slice.endpoints ?? []) as Json[];
}

function ownedBy(slice: Obj, svc: Obj): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** `addTriggerTimeAnnotation`; an empty slice's endpoints are stored as null, as etcd's protobuf round trip leaves them. */
function setTriggerTime(slice: Json, triggerMs: number | undefined): void {
  const annotations = { ...(slice.metadata.annotations ?? {}) };
  if (triggerMs !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = formatRFC3339(triggerMs);
  else delete annotations[TRIGGER_TIME_ANNOTATION];
  if (Object.keys(annotations).length > 0) slice.metadata.annotations = annotations;
  else delete slice.metadata.annotations;
  if (endpointsOf(slice).length === 0) slice.endpoints = null;
}

function sortedEntries(labels: Record<string, string> | undefined): [string, string][] {
  return Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function keyOf(obj: Obj): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}
