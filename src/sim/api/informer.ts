import type { Kernel } from '../kernel/kernel.ts';
import type { ResourceInfo } from './resources.ts';
import type { ObjectStore, WatchEvent } from './store.ts';
import type { KubeObject } from './types.ts';

export interface EventHandlers {
  onAdd?: (obj: KubeObject) => void;
  onUpdate?: (oldObj: KubeObject, newObj: KubeObject) => void;
  onDelete?: (obj: KubeObject) => void;
}

/**
 * A shared informer over one resource: a watch on the store fanned out to handlers, and a
 * lister that reads the store. Handlers should only enqueue keys (see WorkQueue); controllers
 * read current state in their sync, which keeps them level-triggered.
 *
 * With `nodeName` it is the kubelet's informer (field selector `spec.nodeName=<node>`): handlers
 * hear only changes to objects bound to that node before or after the change, and the lister
 * and the replay of existing objects see only objects bound to it now.
 */
export class Informer {
  private readonly handlers: EventHandlers[] = [];
  private readonly nodeName: string | undefined;

  constructor(
    private readonly store: ObjectStore,
    readonly info: ResourceInfo,
    opts: { nodeName?: string } = {},
  ) {
    this.nodeName = opts.nodeName;
    store.watch(info, (e) => this.dispatch(e), opts);
  }

  addEventHandler(handlers: EventHandlers): void {
    this.handlers.push(handlers);
    // A late handler sees the existing objects as adds, as a shared informer replays its cache.
    for (const obj of this.list()) handlers.onAdd?.(obj as KubeObject);
  }

  list(namespace?: string): readonly Readonly<KubeObject>[] {
    const all = this.store.list(this.info, namespace);
    return this.nodeName === undefined ? all : all.filter((o) => o.spec?.nodeName === this.nodeName);
  }

  /**
   * The indexer's `ByIndex(PodControllerUIDIndex, uid)`: the objects controlled by `uid`, in list
   * order. A controller reads its own objects through it instead of listing the namespace.
   */
  listControlledBy(uid: string): readonly Readonly<KubeObject>[] {
    const all = this.store.listControlledBy(this.info, uid);
    return this.nodeName === undefined ? all : all.filter((o) => o.spec?.nodeName === this.nodeName);
  }

  /** The same index's orphan key: the objects of `namespace` that no controller owns, in list order. */
  listOrphans(namespace: string | undefined): readonly Readonly<KubeObject>[] {
    const all = this.store.listOrphans(this.info, namespace);
    return this.nodeName === undefined ? all : all.filter((o) => o.spec?.nodeName === this.nodeName);
  }

  get(namespace: string | undefined, name: string): Readonly<KubeObject> | undefined {
    const obj = this.store.peek(this.info, namespace, name);
    return this.nodeName === undefined || obj?.spec?.nodeName === this.nodeName ? obj : undefined;
  }

  private dispatch(e: WatchEvent): void {
    for (const h of this.handlers) {
      if (e.type === 'ADDED') h.onAdd?.(e.object);
      else if (e.type === 'MODIFIED') h.onUpdate?.(e.old!, e.object);
      else h.onDelete?.(e.object);
    }
  }
}

/**
 * A work queue of keys, as client-go's: a key added while queued is processed once (fair and
 * stingy), processing is FIFO, and a key re-added during its own sync runs again afterwards.
 * Processing happens on the agenda `delayMs` after the first add, never inside the write that
 * caused it.
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly name: string,
    private readonly sync: (key: string) => void,
    private readonly delayMs = 0,
  ) {}

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.schedule();
  }

  /** Adds a key after `delayMs` (requeue after an error or to re-check later). */
  addAfter(key: string, delayMs: number): void {
    this.kernel.after(delayMs, `${this.name}: requeue ${key}`, () => this.add(key));
  }

  get length(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.kernel.after(this.delayMs, `${this.name}: process`, () => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    // Only the keys present now; keys added during these syncs wait for the next turn.
    const batch = this.queue.splice(0, this.queue.length);
    for (const key of batch) {
      this.queued.delete(key);
      this.sync(key);
    }
  }
}
