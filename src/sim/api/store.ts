import type { Kernel } from '../kernel/kernel.ts';
import { APIError, alreadyExists, notFound } from './errors.ts';
import { generateName, newUid } from './names.ts';
import { RESOURCES, type ResourceInfo } from './resources.ts';
import { deepCopy, objectKey, type KubeObject } from './types.ts';
import { matches, type Selector } from './selector.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The object before a MODIFIED change. */
  old?: KubeObject;
}

export type WatchHandler = (event: WatchEvent) => void;

/** Resources whose registries keep metadata.generation (bumped when the spec changes). */
const GENERATION_RESOURCES = new Set(['deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs', 'cronjobs', 'endpointslices', 'poddisruptionbudgets']);

/**
 * The API server's storage: every object, its metadata as the API server fills it in, and
 * watches. Writes are synchronous; watch handlers run synchronously after each write (informers
 * only enqueue keys, so no controller logic runs inside a write). Every write is a timeline entry.
 */
export class ObjectStore {
  /**
   * Tests set this to deep-freeze every object the store keeps, so that a component writing to
   * an object it read with `peek`/`list` (the stored object, not a copy) throws at the write
   * instead of silently changing the cluster's state (off by default: freezing costs a walk of
   * every object written).
   */
  static freezeStoredObjects = false;

  private readonly byResource = new Map<string, ResourceIndex>();
  /** Watches of every object of a resource, by resource. */
  private readonly watchers = new Map<string, Watcher[]>();
  /** Watches of the objects bound to one node (`spec.nodeName`), by resource then node. */
  private readonly nodeWatchers = new Map<string, Map<string, Watcher[]>>();
  /** Subscription order: handlers run in it whichever index holds them. */
  private watchSeq = 0;
  private resourceVersion = 0;

  constructor(private readonly kernel: Kernel) {
    for (const r of RESOURCES) this.byResource.set(groupResource(r), { byKey: new Map(), buckets: new Map(), namespaces: [], byController: new Map(), orphans: new Map() });
  }

  /** The last resourceVersion written, as a list's metadata.resourceVersion carries it. */
  get latestResourceVersion(): string {
    return String(this.resourceVersion);
  }

  get(info: ResourceInfo, namespace: string | undefined, name: string): KubeObject | undefined {
    const entry = this.table(info).get(objectKey(info.namespaced ? namespace : undefined, name));
    return entry === undefined ? undefined : deepCopy(entry.obj);
  }

  /** Like `get`, but without a copy: the caller must not mutate it (hot paths: listers, printers). */
  peek(info: ResourceInfo, namespace: string | undefined, name: string): Readonly<KubeObject> | undefined {
    return this.table(info).get(objectKey(info.namespaced ? namespace : undefined, name))?.obj;
  }

  /** Objects of a resource, in one namespace or all (`namespace` undefined), sorted by namespace then name as the API lists them. */
  list(info: ResourceInfo, namespace?: string, selector?: Selector): readonly Readonly<KubeObject>[] {
    const out: KubeObject[] = [];
    const index = this.index(info);
    // The index is already in list order, so a list is a walk, not a scan and a sort.
    const buckets = namespace !== undefined && info.namespaced ? [index.buckets.get(namespace)] : index.namespaces.map((ns) => index.buckets.get(ns));
    for (const bucket of buckets) {
      if (!bucket) continue;
      for (const chunk of bucket.chunks) {
        for (const entry of chunk) {
          if (selector && !matches(selector, entry.obj.metadata.labels)) continue;
          out.push(entry.obj);
        }
      }
    }
    return out;
  }

  /**
   * The objects whose controller ownerReference has `uid`, by name: the index upstream's
   * informers keep for controllers (`controller.PodControllerUIDIndex`, the ReplicaSet
   * controller's `controllerUIDIndex`), so a controller reads its own objects, not the namespace.
   */
  listControlledBy(info: ResourceInfo, uid: string): readonly Readonly<KubeObject>[] {
    return sortedObjects(this.index(info).byController.get(uid));
  }

  /** How many objects the controller with `uid` controls (any namespace). */
  countControlledBy(info: ResourceInfo, uid: string): number {
    return this.index(info).byController.get(uid)?.size ?? 0;
  }

  /** The objects of `namespace` without a controller ownerReference, by name (the index's orphan key). */
  listOrphans(info: ResourceInfo, namespace: string | undefined): readonly Readonly<KubeObject>[] {
    return sortedObjects(this.index(info).orphans.get((info.namespaced ? namespace : undefined) ?? ''));
  }

  count(info: ResourceInfo): number {
    return this.table(info).size;
  }

  /**
   * Creates an object: name from generateName, uid, resourceVersion, creationTimestamp,
   * generation where the registry keeps one. Refuses a missing namespace and a taken name.
   */
  create(info: ResourceInfo, input: KubeObject, actor: string, opts: { createdAtMs?: number; keepUid?: boolean } = {}): KubeObject {
    const obj = deepCopy(input);
    const meta = obj.metadata;
    if (info.namespaced) {
      meta.namespace ||= 'default';
      const ns = this.peek(NAMESPACES, undefined, meta.namespace);
      if (!ns) throw notFound('namespaces', meta.namespace);
      if (ns.metadata.deletionTimestamp) {
        throw new APIError('Forbidden', `${qualified(info)} "${meta.name || meta.generateName || ''}" is forbidden: unable to create new content in namespace ${meta.namespace} because it is being terminated`);
      }
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) {
      // The API server retries a taken generated name; so do we, a bounded number of times.
      for (let attempt = 0; attempt < 8; attempt++) {
        meta.name = generateName(meta.generateName, this.kernel.rng);
        if (!this.table(info).has(objectKey(meta.namespace, meta.name))) break;
      }
    }
    const key = objectKey(meta.namespace, meta.name);
    if (this.table(info).has(key)) throw alreadyExists(qualified(info), meta.name);
    if (!opts.keepUid || !meta.uid) meta.uid = newUid(this.kernel.rng);
    meta.resourceVersion = String(++this.resourceVersion);
    meta.creationTimestamp = this.kernel.timestamp(opts.createdAtMs);
    if (GENERATION_RESOURCES.has(info.resource)) meta.generation = 1;
    else delete meta.generation;
    delete meta.deletionTimestamp;
    this.put(info, key, obj);
    this.kernel.record({ source: actor, type: 'api', reason: 'create', object: refOf(obj), message: `${info.singular} ${key} created` });
    this.notify(info, { type: 'ADDED', object: obj });
    return deepCopy(obj);
  }

  /**
   * Replaces an object. Keeps the server-owned metadata; bumps generation when the spec
   * changed (for registries that keep one). A stale resourceVersion is a Conflict.
   */
  update(info: ResourceInfo, input: KubeObject, actor: string, opts: { subresource?: 'status'; message?: string } = {}): KubeObject {
    const key = objectKey(info.namespaced ? input.metadata.namespace : undefined, input.metadata.name);
    const old = this.table(info).get(key)?.obj;
    if (!old) throw notFound(qualified(info), input.metadata.name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw new APIError('Conflict', `Operation cannot be fulfilled on ${qualified(info)} "${input.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    if (opts.subresource === 'status') {
      // A status write changes only status, as the /status subresource does (so only status is copied from the input).
      // The rest is shared with the old object, not copied: stored objects are never written to
      // (scenarios/frozen.test.ts runs every lesson with them frozen), and metadata gets its own
      // copy because commit sets its resourceVersion.
      const next: KubeObject = { ...old, metadata: { ...old.metadata }, status: deepCopy(input.status) };
      return this.commit(info, key, old, next, actor, opts.message ?? `${info.singular} ${key} status updated`);
    }
    const obj = deepCopy(input);
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    obj.metadata.namespace = old.metadata.namespace;
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (old.status !== undefined && obj.status === undefined) obj.status = old.status;
    if (GENERATION_RESOURCES.has(info.resource)) {
      // Most registries bump generation on a spec change; EndpointSlice's on any change outside metadata.
      const specChanged = info.resource === 'endpointslices' ? JSON.stringify({ ...old, metadata: undefined, status: undefined }) !== JSON.stringify({ ...obj, metadata: undefined, status: undefined }) : JSON.stringify(old.spec) !== JSON.stringify(obj.spec);
      obj.metadata.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    }
    return this.commit(info, key, old, obj, actor, opts.message ?? `${info.singular} ${key} updated`);
  }

  /**
   * Deletes an object. With finalizers, or a grace period the owner must honour (a Pod on a
   * node), only sets deletionTimestamp; `finalizeDelete` removes it later.
   */
  delete(info: ResourceInfo, namespace: string | undefined, name: string, actor: string, opts: { gracePeriodSeconds?: number } = {}): { object: KubeObject; removed: boolean } {
    const key = objectKey(info.namespaced ? namespace : undefined, name);
    const old = this.table(info).get(key)?.obj;
    if (!old) throw notFound(qualified(info), name);
    const grace = opts.gracePeriodSeconds ?? 0;
    const mustWait = (old.metadata.finalizers?.length ?? 0) > 0 || grace > 0;
    if (!mustWait) {
      this.remove(info, key, old, actor);
      return { object: deepCopy(old), removed: true };
    }
    if (old.metadata.deletionTimestamp) return { object: deepCopy(old), removed: false };
    const next = deepCopy(old);
    next.metadata.deletionTimestamp = this.kernel.timestamp(this.kernel.nowMs + grace * 1000);
    next.metadata.deletionGracePeriodSeconds = grace;
    if (GENERATION_RESOURCES.has(info.resource)) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    const committed = this.commit(info, key, old, next, actor, `${info.singular} ${key} marked for deletion`, 'delete');
    return { object: committed, removed: false };
  }

  /** Removes an object whose deletionTimestamp is set and whose finalizers are all gone. */
  finalizeDelete(info: ResourceInfo, namespace: string | undefined, name: string, actor: string): void {
    const key = objectKey(info.namespaced ? namespace : undefined, name);
    const old = this.table(info).get(key)?.obj;
    if (!old) return;
    if ((old.metadata.finalizers?.length ?? 0) > 0) throw new Error(`finalizeDelete ${key}: finalizers remain`);
    this.remove(info, key, old, actor);
  }

  /**
   * Subscribes to every change of a resource. Returns the unsubscribe function. With `nodeName`
   * (a `spec.nodeName=<node>` field selector, as the kubelet watches its Pods), only changes to
   * objects bound to that node before or after the change are delivered: a write then costs
   * the watches of two nodes, not of every node.
   */
  watch(info: ResourceInfo, handler: WatchHandler, opts: { nodeName?: string } = {}): () => void {
    const gr = groupResource(info);
    const watcher: Watcher = { seq: ++this.watchSeq, handler };
    let list: Watcher[];
    if (opts.nodeName === undefined) {
      list = this.watchers.get(gr) ?? [];
      this.watchers.set(gr, list);
    } else {
      const byNode = this.nodeWatchers.get(gr) ?? new Map<string, Watcher[]>();
      this.nodeWatchers.set(gr, byNode);
      list = byNode.get(opts.nodeName) ?? [];
      byNode.set(opts.nodeName, list);
    }
    list.push(watcher);
    return () => {
      const i = list.indexOf(watcher);
      if (i >= 0) list.splice(i, 1);
    };
  }

  private commit(info: ResourceInfo, key: string, old: KubeObject, next: KubeObject, actor: string, message: string, reason = 'update'): KubeObject {
    next.metadata.resourceVersion = String(++this.resourceVersion);
    this.put(info, key, next);
    this.kernel.record({ source: actor, type: 'api', reason, object: refOf(next), message });
    this.notify(info, { type: 'MODIFIED', object: next, old });
    return deepCopy(next);
  }

  private remove(info: ResourceInfo, key: string, old: KubeObject, actor: string): void {
    this.drop(info, key);
    ++this.resourceVersion;
    this.kernel.record({ source: actor, type: 'api', reason: 'delete', object: refOf(old), message: `${info.singular} ${key} deleted` });
    this.notify(info, { type: 'DELETED', object: old });
  }

  private notify(info: ResourceInfo, event: WatchEvent): void {
    const gr = groupResource(info);
    // A copy: a handler subscribing or unsubscribing meanwhile does not change who hears this event.
    let targets = [...(this.watchers.get(gr) ?? [])];
    const byNode = this.nodeWatchers.get(gr);
    if (byNode && byNode.size > 0) {
      const now = nodeNameOf(event.object);
      const before = event.old ? nodeNameOf(event.old) : undefined;
      const onNode = [...((now !== undefined && byNode.get(now)) || []), ...((before !== undefined && before !== now && byNode.get(before)) || [])];
      if (onNode.length > 0) targets = targets.concat(onNode).sort((a, b) => a.seq - b.seq);
    }
    for (const w of targets) w.handler(event);
  }

  private index(info: ResourceInfo): ResourceIndex {
    const t = this.byResource.get(groupResource(info));
    if (!t) throw new Error(`store: resource ${groupResource(info)} is not served`);
    return t;
  }

  private table(info: ResourceInfo): Map<string, Entry> {
    return this.index(info).byKey;
  }

  /** Stores `obj` under `key`: a new object enters its namespace's bucket at its sorted place. */
  private put(info: ResourceInfo, key: string, obj: KubeObject): void {
    if (ObjectStore.freezeStoredObjects) deepFreeze(obj);
    const index = this.index(info);
    const entry = index.byKey.get(key);
    if (entry) {
      entry.obj = obj;
      const controller = controllerUidOf(obj);
      if (controller !== entry.controller) {
        unindexController(index, entry);
        entry.controller = controller;
        indexController(index, entry);
      }
      return;
    }
    const created: Entry = { obj, name: obj.metadata.name, controller: controllerUidOf(obj) };
    index.byKey.set(key, created);
    indexController(index, created);
    const ns = obj.metadata.namespace ?? '';
    let bucket = index.buckets.get(ns);
    if (!bucket) {
      bucket = new SortedBucket();
      index.buckets.set(ns, bucket);
      index.namespaces.splice(lowerBound(index.namespaces, ns, (x) => x), 0, ns);
    }
    bucket.insert(created);
  }

  private drop(info: ResourceInfo, key: string): void {
    const index = this.index(info);
    const entry = index.byKey.get(key);
    if (!entry) return;
    index.byKey.delete(key);
    unindexController(index, entry);
    const ns = entry.obj.metadata.namespace ?? '';
    const bucket = index.buckets.get(ns)!;
    bucket.remove(entry);
    if (bucket.size === 0) {
      index.buckets.delete(ns);
      index.namespaces.splice(lowerBound(index.namespaces, ns, (x) => x), 1);
    }
  }
}

const NAMESPACES = RESOURCES.find((r) => r.resource === 'namespaces')!;

function groupResource(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** The resource as API messages name it: `pods`, `deployments.apps`. */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

export function qualified(info: ResourceInfo): string {
  return groupResource(info);
}

export function refOf(obj: KubeObject): { kind: string; namespace?: string; name: string; uid: string } {
  const ref: { kind: string; namespace?: string; name: string; uid: string } = { kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

interface Watcher {
  seq: number;
  handler: WatchHandler;
}

function nodeNameOf(obj: KubeObject): string | undefined {
  const name = obj.spec?.nodeName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A stored object; updates replace `obj` in place, so the sorted buckets never move. */
interface Entry {
  obj: KubeObject;
  /** `obj.metadata.name`, held here for the sorted buckets' comparisons (one hop, not three). */
  readonly name: string;
  /** The uid of its controller ownerReference, as indexed in `byController` (undefined: an orphan). */
  controller: string | undefined;
}

function controllerUidOf(obj: KubeObject): string | undefined {
  const refs = obj.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller === true) return r.uid;
  return undefined;
}

function indexController(index: ResourceIndex, entry: Entry): void {
  const map = entry.controller === undefined ? index.orphans : index.byController;
  const key = entry.controller ?? entry.obj.metadata.namespace ?? '';
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(entry);
}

function unindexController(index: ResourceIndex, entry: Entry): void {
  const map = entry.controller === undefined ? index.orphans : index.byController;
  const key = entry.controller ?? entry.obj.metadata.namespace ?? '';
  const set = map.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(key);
}

/** An index set's objects in list order (namespace, then name), so callers never see insertion order. */
function sortedObjects(set: Set<Entry> | undefined): Readonly<KubeObject>[] {
  if (!set) return [];
  const out: KubeObject[] = [];
  for (const e of set) out.push(e.obj);
  return out.sort((a, b) => compareKeys(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compareKeys(a.metadata.name, b.metadata.name));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One resource's objects: by key for get/update, and per namespace ('' when cluster-scoped) in
 * name order, the namespaces themselves sorted, so listing is in the API's order (namespace,
 * then name, by code unit) without sorting each time.
 */
interface ResourceIndex {
  byKey: Map<string, Entry>;
  buckets: Map<string, SortedBucket>;
  namespaces: string[];
  /** By the uid of the controller ownerReference. */
  byController: Map<string, Set<Entry>>;
  /** Objects without a controller, by namespace ('' when cluster-scoped). */
  orphans: Map<string, Set<Entry>>;
}

/** Most entries a chunk of a bucket holds before it splits in two. */
const CHUNK_MAX = 512;

/**
 * One namespace's entries in name order, as a list of sorted chunks (each at most CHUNK_MAX):
 * an insert or a removal moves the entries of one chunk, not of the namespace, so a namespace of
 * 100,000 Pods and their Events fills in O(n·√n) moves at worst instead of O(n²).
 */
class SortedBucket {
  readonly chunks: Entry[][] = [];
  size = 0;

  insert(entry: Entry): void {
    const name = entry.name;
    this.size++;
    if (this.chunks.length === 0) {
      this.chunks.push([entry]);
      return;
    }
    const c = this.chunkFor(name);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, name, nameOf), 0, entry);
    if (chunk.length > CHUNK_MAX) this.chunks.splice(c + 1, 0, chunk.splice(chunk.length >> 1));
  }

  remove(entry: Entry): void {
    const name = entry.name;
    if (this.chunks.length === 0) return;
    const c = this.chunkFor(name);
    const chunk = this.chunks[c]!;
    const i = lowerBound(chunk, name, nameOf);
    if (chunk[i] !== entry) return;
    chunk.splice(i, 1);
    this.size--;
    if (chunk.length === 0) this.chunks.splice(c, 1);
  }

  /** The chunk where `name` belongs: the first whose last name is not below it, else the last. */
  private chunkFor(name: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid]!;
      if (nameOf(chunk[chunk.length - 1]!) < name) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function nameOf(entry: Entry): string {
  return entry.name;
}

/** The first index whose key is not below `key` (keys compared by code unit, as the sort did). */
function lowerBound<T>(items: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(items[mid]!) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
