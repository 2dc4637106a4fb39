/**
 * kube-controller-manager's garbage collector, after pkg/controller/garbagecollector (v1.31).
 * It watches every served resource and keeps the graph of ownerReferences (owner uid →
 * dependents). Then:
 * - an object whose owners are all gone is deleted (background), as `attemptToDeleteItem` does;
 * - an owner deleted in the foreground (`foregroundDeletion` finalizer) has its dependents
 *   deleted first, and loses the finalizer (and so goes) once no dependent with
 *   blockOwnerDeletion remains (`processDeletingDependentsItem`);
 * - an owner deleted with the `orphan` finalizer has its dependents' ownerReferences to it
 *   removed, then loses the finalizer (`attemptToOrphanWorker`).
 */
import type { APIServer, PropagationPolicy } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import { WorkQueue } from '../../api/informer.ts';
import { RESOURCES, preferredResourceForKind, type ResourceInfo } from '../../api/resources.ts';
import type { ObjectStore, WatchEvent } from '../../api/store.ts';
import type { KubeObject, OwnerReference } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';

export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';
const ACTOR = 'garbage-collector';

type Obj = Readonly<KubeObject>;

/** Where an object lives: an index into RESOURCES, its namespace and name. */
interface Item {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
}

export class GarbageCollector {
  private readonly attemptToDelete: WorkQueue;
  private readonly attemptToOrphan: WorkQueue;
  /** uid → where the object is (the graph's nodes). */
  private readonly nodes = new Map<string, Item>();
  /** owner uid → uids of the objects that reference it (the graph's edges). */
  private readonly dependents = new Map<string, Set<string>>();
  /** uid → the owner uids it referenced when last seen. */
  private readonly owners = new Map<string, string[]>();

  constructor(
    kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly api: APIServer,
  ) {
    this.attemptToDelete = new WorkQueue(kernel, `${ACTOR}: attemptToDelete`, (uid) => this.attemptToDeleteItem(uid));
    this.attemptToOrphan = new WorkQueue(kernel, `${ACTOR}: attemptToOrphan`, (uid) => this.orphanItem(uid));
  }

  start(): void {
    for (const info of RESOURCES) {
      this.store.watch(info, (e) => this.onEvent(info, e));
      for (const obj of this.store.list(info)) this.onEvent(info, { type: 'ADDED', object: obj as KubeObject });
    }
  }

  // --- the graph builder: keep the graph, enqueue what may need work ------------------------

  private onEvent(info: ResourceInfo, e: WatchEvent): void {
    const obj = e.object;
    const uid = obj.metadata.uid;
    const refs = obj.metadata.ownerReferences ?? [];
    if (e.type === 'DELETED') {
      this.nodes.delete(uid);
      this.setOwners(uid, []);
      // Its dependents may now be garbage; owners waiting on it may now be done.
      for (const dep of this.dependents.get(uid) ?? []) this.attemptToDelete.add(dep);
      for (const r of refs) this.enqueueIfDeletingDependents(r.uid);
      return;
    }
    this.nodes.set(uid, { info, namespace: obj.metadata.namespace, name: obj.metadata.name });
    const before = this.owners.get(uid) ?? [];
    this.setOwners(uid, refs.map((r) => r.uid));
    const refsChanged = e.type === 'ADDED' || JSON.stringify(e.old?.metadata.ownerReferences ?? []) !== JSON.stringify(refs);
    if (refs.length > 0 && refsChanged) this.attemptToDelete.add(uid);
    // An owner that lost a dependent (or its blockOwnerDeletion) may be able to finish now.
    if (refsChanged) for (const o of before) this.enqueueIfDeletingDependents(o);
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, ORPHAN)) this.attemptToOrphan.add(uid);
      if (hasFinalizer(obj, FOREGROUND)) {
        this.attemptToDelete.add(uid);
        for (const dep of this.dependents.get(uid) ?? []) this.attemptToDelete.add(dep);
      }
    }
  }

  private setOwners(uid: string, ownerUids: string[]): void {
    for (const o of this.owners.get(uid) ?? []) {
      const set = this.dependents.get(o);
      set?.delete(uid);
      if (set?.size === 0) this.dependents.delete(o);
    }
    if (ownerUids.length === 0) {
      this.owners.delete(uid);
      return;
    }
    this.owners.set(uid, ownerUids);
    for (const o of ownerUids) {
      const set = this.dependents.get(o) ?? new Set<string>();
      set.add(uid);
      this.dependents.set(o, set);
    }
  }

  private enqueueIfDeletingDependents(uid: string): void {
    const obj = this.lookup(uid);
    if (obj?.metadata.deletionTimestamp && hasFinalizer(obj, FOREGROUND)) this.attemptToDelete.add(uid);
  }

  private lookup(uid: string): Obj | undefined {
    const item = this.nodes.get(uid);
    if (!item) return undefined;
    const obj = this.store.peek(item.info, item.namespace, item.name);
    return obj?.metadata.uid === uid ? obj : undefined;
  }

  // --- attemptToDelete -------------------------------------------------------------------

  private attemptToDeleteItem(uid: string): void {
    const obj = this.lookup(uid);
    if (!obj) return;
    const item = this.nodes.get(uid)!;
    if (obj.metadata.deletionTimestamp) {
      if (hasFinalizer(obj, FOREGROUND)) this.processDeletingDependents(obj, item);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const state = this.classify(obj, ref);
      (state === 'solid' ? solid : state === 'dangling' ? dangling : waiting).push(ref);
    }
    if (solid.length > 0) {
      // Some owner remains: only drop the references to owners that are gone or going.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      if (drop.size > 0) this.patch(item, (o) => removeOwnerRefs(o, drop));
      return;
    }
    let policy: PropagationPolicy;
    if (waiting.length > 0 && (this.dependents.get(uid)?.size ?? 0) > 0) policy = 'Foreground';
    else if (hasFinalizer(obj, ORPHAN)) policy = 'Orphan';
    else if (hasFinalizer(obj, FOREGROUND)) policy = 'Foreground';
    else policy = 'Background';
    this.deleteItem(item, policy);
  }

  /** `classifyReferences`: the owner is gone (or another object now has its name), is being deleted in the foreground, or stands. */
  private classify(obj: Obj, ref: OwnerReference): 'solid' | 'dangling' | 'waiting' {
    const info = preferredResourceForKind(ref.kind);
    // A kind this cluster does not serve cannot be looked up; upstream retries, we leave it be.
    if (!info) return 'solid';
    const owner = this.store.peek(info, info.namespaced ? obj.metadata.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return 'dangling';
    if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) return 'waiting';
    return 'solid';
  }

  /** The dependents that still block a foreground deletion, or, when none remain, the finalizer goes. */
  private processDeletingDependents(owner: Obj, item: Item): void {
    const blocking: string[] = [];
    for (const dep of this.dependents.get(owner.metadata.uid) ?? []) {
      const d = this.lookup(dep);
      const ref = d?.metadata.ownerReferences?.find((r) => r.uid === owner.metadata.uid);
      if (ref?.blockOwnerDeletion) blocking.push(dep);
    }
    if (blocking.length === 0) {
      this.removeFinalizer(item, FOREGROUND);
      return;
    }
    for (const dep of blocking) {
      const d = this.lookup(dep)!;
      if (!(d.metadata.deletionTimestamp && hasFinalizer(d, FOREGROUND))) this.attemptToDelete.add(dep);
    }
  }

  // --- attemptToOrphan -------------------------------------------------------------------

  private orphanItem(uid: string): void {
    const owner = this.lookup(uid);
    if (!owner || !owner.metadata.deletionTimestamp || !hasFinalizer(owner, ORPHAN)) return;
    const drop = new Set([uid]);
    for (const dep of [...(this.dependents.get(uid) ?? [])]) {
      const item = this.nodes.get(dep);
      if (item) this.patch(item, (o) => removeOwnerRefs(o, drop));
    }
    this.removeFinalizer(this.nodes.get(uid)!, ORPHAN);
  }

  // --- writes ----------------------------------------------------------------------------

  private deleteItem(item: Item, policy: PropagationPolicy): void {
    try {
      this.api.delete(item.info, item.namespace, item.name, ACTOR, { propagationPolicy: policy });
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
    }
  }

  /** Applies `edit` to the current object and writes it; returns false when it is gone or unchanged. */
  private patch(item: Item, edit: (obj: KubeObject) => boolean): boolean {
    const obj = this.store.get(item.info, item.namespace, item.name);
    if (!obj || !edit(obj)) return false;
    try {
      this.api.update(item.info, obj, ACTOR);
      return true;
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      return false;
    }
  }

  /**
   * Removes a finalizer. When none remain on an object being deleted with no grace period left
   * to honour, the API server removes it (a Pod's kubelet does that once it has stopped it).
   */
  private removeFinalizer(item: Item, finalizer: string): void {
    const changed = this.patch(item, (o) => {
      const list = o.metadata.finalizers ?? [];
      if (!list.includes(finalizer)) return false;
      const rest = list.filter((f) => f !== finalizer);
      if (rest.length > 0) o.metadata.finalizers = rest;
      else delete o.metadata.finalizers;
      return true;
    });
    if (!changed) return;
    const obj = this.store.peek(item.info, item.namespace, item.name);
    if (obj?.metadata.deletionTimestamp && !(obj.metadata.finalizers?.length) && (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0) {
      this.store.finalizeDelete(item.info, item.namespace, item.name, ACTOR);
    }
  }
}

function hasFinalizer(obj: Obj, finalizer: string): boolean {
  return obj.metadata.finalizers?.includes(finalizer) ?? false;
}

function removeOwnerRefs(obj: KubeObject, uids: Set<string>): boolean {
  const refs = obj.metadata.ownerReferences ?? [];
  const kept = refs.filter((r) => !uids.has(r.uid));
  if (kept.length === refs.length) return false;
  if (kept.length > 0) obj.metadata.ownerReferences = kept;
  else delete obj.metadata.ownerReferences;
  return true;
}
