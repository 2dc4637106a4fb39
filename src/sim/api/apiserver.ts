import type { Kernel } from '../kernel/kernel.ts';
import { encodeBase64 } from './base64.ts';
import { admitDefaultStorageClass, admitPriority, admitPriorityClass, applyDefaults, applyJobSelector, formatFieldError, invalidStatusMessage, strictDecode, validateCreate, validateUpdate, type FieldError } from '../validation/index.ts';
import { AllocationError, ClusterIPAllocator, NodePortAllocator } from './allocators.ts';
import { APIError, notFound } from './errors.ts';
import { generateName, newUid } from './names.ts';
import { formatQuantity, parseQuantity } from './quantity.ts';
import { RESOURCES, preferredResourceForKind, type ResourceInfo } from './resources.ts';
import { ObjectStore, qualified } from './store.ts';
import { deepCopy, type KubeObject } from './types.ts';

const NAMESPACES = preferredResourceForKind('Namespace')!;
const SERVICE_ACCOUNTS = preferredResourceForKind('ServiceAccount')!;
const CONFIGMAPS = preferredResourceForKind('ConfigMap')!;
const SERVICES = preferredResourceForKind('Service')!;
const PRIORITY_CLASSES = preferredResourceForKind('PriorityClass')!;

/** metav1.DeletionPropagation. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export const SERVICE_CIDR = '10.96.0.0/12';

/**
 * The API server's request path for writes: strict decoding, defaulting, the admission that a
 * kubeadm cluster runs (NamespaceLifecycle, ServiceAccount, ...), validation, the registry's
 * own work (ClusterIP and NodePort allocation), then storage. kubectl and controllers write
 * through here; components that own status write to the store directly.
 */
export class APIServer {
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;

  constructor(
    private readonly kernel: Kernel,
    readonly store: ObjectStore,
  ) {
    this.clusterIPs = new ClusterIPAllocator(SERVICE_CIDR, kernel.rng);
    this.nodePorts = new NodePortAllocator(kernel.rng);
  }

  /** Creates an object from a manifest (decoded JSON). Throws APIError with the server's message. */
  create(info: ResourceInfo, manifest: Record<string, unknown>, actor: string, opts: { dryRun?: boolean } = {}): KubeObject {
    const obj = this.decode(info, manifest);
    if (info.namespaced) {
      obj.metadata.namespace ||= 'default';
      this.admitNamespace(info, obj);
    }
    // Priority admission (src/sim/validation/priority.ts): before the Pod defaults, which would set priority 0.
    if (obj.kind === 'Pod') admitPriority(obj, this.store.list(PRIORITY_CLASSES));
    applyDefaults(obj, this.kernel.rng);
    if (obj.kind === 'Pod') this.admitServiceAccount(obj);
    // DefaultStorageClass admission (src/sim/validation/storage.ts).
    if (obj.kind === 'PersistentVolumeClaim') admitDefaultStorageClass(obj, this.store.list(preferredResourceForKind('StorageClass')!));
    if (obj.kind === 'Job') {
      // The Job registry generates the selector from the uid it assigns (manualSelector unset).
      obj.metadata.uid = newUid(this.kernel.rng);
      applyJobSelector(obj);
    }
    // The registry's BeforeCreate generates the name after admission, before validation.
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = this.freeGeneratedName(info, obj);
    const errors = validateCreate(obj);
    if (errors.length > 0) throw invalidError(info, obj.metadata.name || obj.metadata.generateName || '', errors);
    // Priority's validating half: one global default PriorityClass.
    if (obj.kind === 'PriorityClass') admitPriorityClass(obj, this.store.list(PRIORITY_CLASSES), false);
    if (opts.dryRun) return obj;
    if (obj.kind === 'Service') {
      try {
        this.allocateService(obj);
      } catch (err) {
        throw err instanceof AllocationError ? invalidError(info, obj.metadata.name, [err.fieldError]) : err;
      }
    }
    try {
      const created = this.store.create(info, obj, actor, { keepUid: obj.kind === 'Job' });
      if (created.kind === 'Namespace') this.populateNamespace(created.metadata.name);
      return created;
    } catch (err) {
      if (obj.kind === 'Service') this.releaseService(obj);
      throw err;
    }
  }

  /**
   * Replaces an object with `manifest` merged over what the server owns: metadata it fills in,
   * status, and the fields the registry allocated (ClusterIP, nodePorts). Returns the stored
   * object and whether anything changed.
   */
  replace(info: ResourceInfo, manifest: Record<string, unknown>, actor: string, opts: { dryRun?: boolean } = {}): { object: KubeObject; changed: boolean } {
    const obj = this.decode(info, manifest);
    const ns = info.namespaced ? obj.metadata.namespace || 'default' : undefined;
    const current = this.store.get(info, ns, obj.metadata.name);
    if (!current) throw notFound(qualified(info), obj.metadata.name);
    const next = mergeServerOwned(obj, current);
    applyDefaults(next, this.kernel.rng);
    if (next.kind === 'Pod') this.keepServiceAccountVolumes(next, current);
    const errors = validateUpdate(next, current);
    if (errors.length > 0) throw invalidError(info, next.metadata.name, errors);
    if (next.kind === 'PriorityClass') admitPriorityClass(next, this.store.list(PRIORITY_CLASSES), true);
    if (sameObject(next, current)) return { object: current, changed: false };
    if (opts.dryRun) {
      // What the update would store (store.update's generation rule), with nothing allocated or written.
      if (current.metadata.generation !== undefined && JSON.stringify(current.spec) !== JSON.stringify(next.spec)) next.metadata.generation = current.metadata.generation + 1;
      return { object: next, changed: true };
    }
    if (next.kind === 'Service') {
      try {
        this.reallocateService(next, current);
      } catch (err) {
        throw err instanceof AllocationError ? invalidError(info, next.metadata.name, [err.fieldError]) : err;
      }
    }
    next.metadata.resourceVersion = current.metadata.resourceVersion;
    return { object: this.store.update(info, next, actor), changed: true };
  }

  /** Writes an object as given after validation (label, annotate, scale: small edits of a fetched object). */
  update(info: ResourceInfo, obj: KubeObject, actor: string): KubeObject {
    const current = this.store.get(info, obj.metadata.namespace, obj.metadata.name);
    if (!current) throw notFound(qualified(info), obj.metadata.name);
    const errors = validateUpdate(obj, current);
    if (errors.length > 0) throw invalidError(info, obj.metadata.name, errors);
    return this.store.update(info, obj, actor);
  }

  /**
   * Deletes an object. A Pod bound to a node is deleted gracefully (deletionTimestamp, then the
   * kubelet finishes it); a Namespace is emptied by the namespace controller first.
   */
  delete(info: ResourceInfo, namespace: string | undefined, name: string, actor: string, opts: { gracePeriodSeconds?: number; propagationPolicy?: PropagationPolicy } = {}): { object: KubeObject; removed: boolean } {
    let current = this.store.get(info, namespace, name);
    if (!current) throw notFound(qualified(info), name);
    if (current.kind === 'Namespace') {
      if (['default', 'kube-system', 'kube-public'].includes(name)) {
        throw new APIError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
      }
      return this.deleteNamespace(current, actor);
    }
    // Foreground and Orphan are finalizers the garbage collector acts on (deletionFinalizersForGarbageCollection).
    const finalizer = opts.propagationPolicy === 'Foreground' ? 'foregroundDeletion' : opts.propagationPolicy === 'Orphan' ? 'orphan' : undefined;
    if (finalizer && !current.metadata.deletionTimestamp && !current.metadata.finalizers?.includes(finalizer)) {
      current.metadata.finalizers = [...(current.metadata.finalizers ?? []).filter((f) => f !== 'foregroundDeletion' && f !== 'orphan'), finalizer];
      current = this.store.update(info, current, actor, { message: `${info.singular} ${namespace ? `${namespace}/` : ''}${name} finalizer ${finalizer} added` });
    }
    let grace = 0;
    if (current.kind === 'Pod' && current.spec?.nodeName && !['Succeeded', 'Failed'].includes(current.status?.phase)) {
      grace = opts.gracePeriodSeconds ?? current.spec.terminationGracePeriodSeconds ?? 30;
    }
    const result = this.store.delete(info, namespace, name, actor, { gracePeriodSeconds: grace });
    if (result.removed && current.kind === 'Service') this.releaseService(current);
    return result;
  }

  /** A name from generateName not yet taken (RetryGenerateName: a bounded number of tries). */
  private freeGeneratedName(info: ResourceInfo, obj: KubeObject): string {
    let name = '';
    for (let attempt = 0; attempt < 8; attempt++) {
      name = generateName(obj.metadata.generateName!, this.kernel.rng);
      if (!this.store.peek(info, obj.metadata.namespace, name)) break;
    }
    return name;
  }

  private decode(info: ResourceInfo, manifest: Record<string, unknown>): KubeObject {
    const apiVersion = String(manifest.apiVersion);
    const message = strictDecode(manifest, apiVersion, info.kind);
    if (message) throw new APIError('BadRequest', message);
    const obj = deepCopy(manifest) as unknown as KubeObject;
    obj.metadata = { ...(obj.metadata ?? {}) } as KubeObject['metadata'];
    obj.metadata.name ??= '';
    if (!info.namespaced) delete obj.metadata.namespace;
    canonicalizeQuantities(obj);
    if (obj.kind === 'Secret') mergeStringData(obj);
    return obj;
  }

  /** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
  private admitNamespace(info: ResourceInfo, obj: KubeObject): void {
    const ns = this.store.peek(NAMESPACES, undefined, obj.metadata.namespace!);
    if (!ns) throw notFound('namespaces', obj.metadata.namespace!);
    if (ns.metadata.deletionTimestamp) {
      throw new APIError('Forbidden', `${qualified(info)} "${obj.metadata.name || obj.metadata.generateName || ''}" is forbidden: unable to create new content in namespace ${obj.metadata.namespace} because it is being terminated`);
    }
  }

  /** ServiceAccount admission: the Pod's service account must exist. */
  private admitServiceAccount(pod: KubeObject): void {
    const sa = pod.spec?.serviceAccountName ?? 'default';
    if (!this.store.peek(SERVICE_ACCOUNTS, pod.metadata.namespace, sa)) {
      throw new APIError('Forbidden', `pods "${pod.metadata.name || pod.metadata.generateName || ''}" is forbidden: error looking up service account ${pod.metadata.namespace}/${sa}: serviceaccount "${sa}" not found`);
    }
  }

  /** A Pod's injected kube-api-access volume keeps its name across applies. */
  private keepServiceAccountVolumes(next: KubeObject, current: KubeObject): void {
    const injected = (current.spec?.volumes ?? []).find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    const fresh = (next.spec?.volumes ?? []).find((v: { name: string }) => v.name.startsWith('kube-api-access-'));
    if (!injected || !fresh || injected.name === fresh.name) return;
    const freshName = fresh.name;
    const rename = (name: string) => (name === freshName ? injected.name : name);
    fresh.name = injected.name;
    for (const c of [...(next.spec.initContainers ?? []), ...(next.spec.containers ?? [])]) {
      for (const m of c.volumeMounts ?? []) m.name = rename(m.name);
    }
  }

  /** What the serviceaccount and root-ca-cert-publisher controllers put in every new namespace. */
  private populateNamespace(namespace: string): void {
    if (!this.store.peek(SERVICE_ACCOUNTS, namespace, 'default')) {
      this.store.create(SERVICE_ACCOUNTS, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } as KubeObject['metadata'] }, 'kube-controller-manager');
    }
    if (!this.store.peek(CONFIGMAPS, namespace, 'kube-root-ca.crt')) {
      this.store.create(
        CONFIGMAPS,
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." } } as unknown as KubeObject['metadata'],
          data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n(the cluster CA certificate)\n-----END CERTIFICATE-----\n' },
        },
        'kube-controller-manager',
      );
    }
  }

  /**
   * The namespace controller: mark the namespace Terminating, delete everything in it, then
   * remove the `kubernetes` finalizer and the namespace itself.
   */
  private deleteNamespace(ns: KubeObject, actor: string): { object: KubeObject; removed: boolean } {
    const name = ns.metadata.name;
    if (ns.metadata.deletionTimestamp) return { object: ns, removed: false };
    const terminating = deepCopy(ns);
    terminating.metadata.deletionTimestamp = this.kernel.timestamp();
    terminating.metadata.deletionGracePeriodSeconds = 0;
    terminating.status = { phase: 'Terminating' };
    const marked = this.store.update(NAMESPACES, terminating, actor, { message: `namespace ${name} marked for deletion` });
    this.kernel.after(1000, `namespace-controller: empty ${name}`, () => this.finishNamespace(name));
    return { object: marked, removed: false };
  }

  private finishNamespace(name: string): void {
    let remaining = 0;
    for (const info of RESOURCES) {
      if (!info.namespaced) continue;
      for (const obj of this.store.list(info, name)) {
        if (obj.metadata.deletionTimestamp) {
          remaining++;
          continue;
        }
        this.delete(info, name, obj.metadata.name, 'namespace-controller');
        if (this.store.peek(info, name, obj.metadata.name)) remaining++;
      }
    }
    if (remaining > 0) {
      this.kernel.after(1000, `namespace-controller: empty ${name}`, () => this.finishNamespace(name));
      return;
    }
    const ns = this.store.get(NAMESPACES, undefined, name);
    if (!ns) return;
    ns.spec = { ...(ns.spec ?? {}), finalizers: [] };
    this.store.update(NAMESPACES, ns, 'namespace-controller', { message: `namespace ${name} finalized` });
    this.store.finalizeDelete(NAMESPACES, undefined, name, 'namespace-controller');
  }

  private allocateService(svc: KubeObject): void {
    const spec = svc.spec;
    if (spec.type === 'ExternalName') return;
    if (spec.clusterIP !== 'None') {
      spec.clusterIP = spec.clusterIP ? this.clusterIPs.allocate(spec.clusterIP) : this.clusterIPs.allocateNext();
      spec.clusterIPs = [spec.clusterIP];
    } else {
      spec.clusterIPs = ['None'];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      const allocated: number[] = [];
      try {
        spec.ports.forEach((p: { nodePort?: number }, i: number) => {
          p.nodePort = p.nodePort !== undefined ? this.nodePorts.allocate(p.nodePort, `spec.ports[${i}].nodePort`) : this.nodePorts.allocateNext();
          allocated.push(p.nodePort);
        });
      } catch (err) {
        for (const port of allocated) this.nodePorts.release(port);
        if (spec.clusterIP && spec.clusterIP !== 'None') this.clusterIPs.release(spec.clusterIP);
        throw err instanceof AllocationError ? invalidError(SERVICES, svc.metadata.name, [err.fieldError]) : err;
      }
    }
  }

  private releaseService(svc: KubeObject): void {
    const spec = svc.spec ?? {};
    if (spec.clusterIP && spec.clusterIP !== 'None') this.clusterIPs.release(spec.clusterIP);
    for (const p of spec.ports ?? []) if (p.nodePort) this.nodePorts.release(p.nodePort);
  }

  private reallocateService(next: KubeObject, current: KubeObject): void {
    const oldPorts = new Set<number>((current.spec.ports ?? []).map((p: { nodePort?: number }) => p.nodePort).filter(Boolean));
    const wantsNodePorts = next.spec.type === 'NodePort' || next.spec.type === 'LoadBalancer';
    for (const [i, p] of (next.spec.ports ?? []).entries()) {
      if (!wantsNodePorts) {
        delete p.nodePort;
        continue;
      }
      if (p.nodePort === undefined) p.nodePort = this.nodePorts.allocateNext();
      else if (!oldPorts.has(p.nodePort)) p.nodePort = this.nodePorts.allocate(p.nodePort, `spec.ports[${i}].nodePort`);
      oldPorts.delete(p.nodePort);
    }
    for (const port of oldPorts) this.nodePorts.release(port);
  }
}

/** The fields the server owns survive an apply that does not mention them. */
function mergeServerOwned(obj: KubeObject, current: KubeObject): KubeObject {
  const next = deepCopy(obj);
  const cm = current.metadata;
  next.metadata = {
    ...next.metadata,
    uid: cm.uid,
    resourceVersion: cm.resourceVersion,
    creationTimestamp: cm.creationTimestamp,
    namespace: cm.namespace,
  };
  if (cm.generation !== undefined) next.metadata.generation = cm.generation;
  if (cm.deletionTimestamp) next.metadata.deletionTimestamp = cm.deletionTimestamp;
  if (cm.ownerReferences && !next.metadata.ownerReferences) next.metadata.ownerReferences = cm.ownerReferences;
  if (cm.finalizers && !next.metadata.finalizers) next.metadata.finalizers = cm.finalizers;
  // Annotations and labels that controllers added (and the user never applied) stay.
  const lastApplied = parseLastApplied(cm.annotations);
  for (const field of ['annotations', 'labels'] as const) {
    const mine = (lastApplied?.metadata?.[field] ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(cm[field] ?? {})) {
      if (k in mine || next.metadata[field]?.[k] !== undefined) continue;
      next.metadata[field] = { ...(next.metadata[field] ?? {}), [k]: v };
    }
  }
  if (current.status !== undefined) next.status = current.status;
  if (current.kind === 'Service') {
    next.spec ??= {};
    next.spec.clusterIP ??= current.spec.clusterIP;
    next.spec.clusterIPs ??= current.spec.clusterIPs;
    const oldByPort = new Map<string, number>((current.spec.ports ?? []).map((p: { port: number; protocol?: string; nodePort?: number }) => [`${p.port}/${p.protocol ?? 'TCP'}`, p.nodePort]));
    for (const p of next.spec.ports ?? []) p.nodePort ??= oldByPort.get(`${p.port}/${p.protocol ?? 'TCP'}`);
  }
  if (current.kind === 'Pod' && current.spec?.nodeName && next.spec && !next.spec.nodeName) next.spec.nodeName = current.spec.nodeName;
  if (current.kind === 'Namespace') next.spec = current.spec;
  return next;
}

function parseLastApplied(annotations: Record<string, string> | undefined): KubeObject | undefined {
  const text = annotations?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as KubeObject;
  } catch {
    return undefined;
  }
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: '' } });
  return canonical(strip(a)) === canonical(strip(b));
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}


/** An Invalid status as the API server builds it (NewInvalid): message and causes. */
export function invalidError(info: ResourceInfo, name: string, errors: readonly FieldError[]): APIError {
  return new APIError('Invalid', invalidStatusMessage(info.kind, info.group, name, errors), {
    kind: info.kind,
    name,
    causes: errors.map((e) => ({ field: e.field, message: formatFieldError(e).slice(e.field.length + 2) })),
  });
}

/**
 * Quantities are stored the way resource.Quantity marshals them (`cpu: 0.5` reads back as
 * `500m`, `cpu: 1` as `"1"`), so `-o yaml` shows what a real API server returns.
 */
function canonicalizeQuantities(obj: KubeObject): void {
  const podSpecs = [obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec, obj.spec?.jobTemplate?.spec?.template?.spec];
  for (const spec of podSpecs) {
    if (!spec) continue;
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      for (const field of ['requests', 'limits'] as const) {
        const list = c?.resources?.[field];
        if (!list || typeof list !== 'object') continue;
        for (const [name, value] of Object.entries(list)) {
          const q = parseQuantity(value);
          if (q) list[name] = formatQuantity(q);
        }
      }
    }
  }
}

/**
 * pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret: `stringData` overwrites `data`
 * key by key (as bytes), and the internal Secret has no stringData, so it is never stored or returned.
 */
function mergeStringData(secret: KubeObject): void {
  const s = secret as unknown as { data?: Record<string, string>; stringData?: Record<string, string> };
  if (s.stringData === undefined) return;
  const entries = Object.entries(s.stringData);
  if (entries.length > 0) {
    s.data = { ...(s.data ?? {}) };
    for (const [k, v] of entries) s.data[k] = encodeBase64(v);
  }
  delete s.stringData;
}
