/**
 * The scheduling queue (pkg/scheduler/internal/queue/scheduling_queue.go, v1.31): an active queue
 * ordered by PrioritySort (priority, then the time the Pod was queued), a backoff queue, and the
 * unschedulable pool. Pods leave the pool when a cluster event could help the plugins that rejected
 * them, or after podMaxInUnschedulablePodsDuration. Upstream flushes the backoff queue every 1s and
 * the leftover pool every 30s on timers; here those ticks are scheduled on the agenda only when a
 * Pod is waiting for one, at the same tick times.
 */
import type { Kernel } from '../kernel/kernel.ts';

export const POD_INITIAL_BACKOFF_MS = 1000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60 * 1000;
const BACKOFF_FLUSH_PERIOD_MS = 1000;
const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

export interface QueuedPod {
  uid: string;
  namespace: string;
  name: string;
  priority: number;
  /** When the Pod was last (re)queued: the PrioritySort tie-break and the backoff origin. */
  timestampMs: number;
  /** Breaks ties between Pods queued in the same virtual millisecond, in arrival order. */
  seq: number;
  attempts: number;
  /** The plugins that rejected it last time; empty means any event may help. */
  unschedulablePlugins: Set<string>;
  where: 'active' | 'backoff' | 'unschedulable' | 'inflight';
}

function less(a: QueuedPod, b: QueuedPod): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.timestampMs !== b.timestampMs) return a.timestampMs < b.timestampMs;
  return a.seq < b.seq;
}

/** A binary heap of QueuedPods; removal is lazy (entries whose `where` changed are skipped). */
class ActiveHeap {
  private readonly items: QueuedPod[] = [];
  get size(): number {
    return this.items.length;
  }
  push(p: QueuedPod): void {
    const a = this.items;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(a[i]!, a[parent]!)) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }
  pop(): QueuedPod | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && less(a[l]!, a[m]!)) m = l;
        if (r < a.length && less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

export class SchedulingQueue {
  private readonly pods = new Map<string, QueuedPod>();
  /** The unschedulable pool, kept apart so cluster events scan only it. */
  private readonly pool = new Map<string, QueuedPod>();
  private readonly active = new ActiveHeap();
  private readonly pendingTicks = new Set<string>();
  private seq = 0;
  private readonly startMs: number;

  constructor(
    private readonly kernel: Kernel,
    /** Called whenever a Pod becomes active (the scheduler then runs a cycle on the agenda). */
    private readonly onActive: () => void,
  ) {
    this.startMs = kernel.nowMs;
  }

  get activeCount(): number {
    let n = 0;
    for (const p of this.pods.values()) if (p.where === 'active') n++;
    return n;
  }

  has(uid: string): boolean {
    return this.pods.has(uid);
  }

  where(uid: string): QueuedPod['where'] | undefined {
    return this.pods.get(uid)?.where;
  }

  /** A new unscheduled Pod: straight to the active queue. */
  add(uid: string, namespace: string, name: string, priority: number): void {
    if (this.pods.has(uid)) return;
    const qp: QueuedPod = { uid, namespace, name, priority, timestampMs: this.kernel.nowMs, seq: ++this.seq, attempts: 0, unschedulablePlugins: new Set(), where: 'active' };
    this.pods.set(uid, qp);
    this.toActive(qp);
  }

  /** The Pod changed in a way that may make it schedulable (spec or labels): retry it. */
  updated(uid: string, priority: number): void {
    const qp = this.pods.get(uid);
    if (!qp) return;
    qp.priority = priority;
    if (qp.where === 'unschedulable') this.requeue(qp);
  }

  delete(uid: string): void {
    const qp = this.pods.get(uid);
    if (!qp) return;
    qp.where = 'inflight'; // a stale heap entry is skipped by pop
    this.pods.delete(uid);
    this.pool.delete(uid);
  }

  /** Pops the highest-priority active Pod; it is in flight until `done` or `addUnschedulable`. */
  pop(): QueuedPod | undefined {
    for (;;) {
      const qp = this.active.pop();
      if (!qp) return undefined;
      if (qp.where !== 'active' || this.pods.get(qp.uid) !== qp) continue;
      qp.where = 'inflight';
      qp.attempts++;
      return qp;
    }
  }

  /** Scheduled (or dropped): the Pod leaves the queue. */
  done(uid: string): void {
    this.pods.delete(uid);
    this.pool.delete(uid);
  }

  /**
   * AddUnschedulableIfNotPresent: rejected by `plugins` → the unschedulable pool; an error with
   * no rejecting plugin → the backoff queue.
   */
  addUnschedulable(qp: QueuedPod, plugins: Iterable<string>): void {
    if (this.pods.get(qp.uid) !== qp) return;
    qp.timestampMs = this.kernel.nowMs;
    qp.seq = ++this.seq;
    qp.unschedulablePlugins = new Set(plugins);
    if (qp.unschedulablePlugins.size === 0) {
      this.toBackoff(qp);
      return;
    }
    qp.where = 'unschedulable';
    this.pool.set(qp.uid, qp);
    // flushUnschedulablePodsLeftover runs every 30s and moves Pods waiting *more than* 5 minutes.
    const due = qp.timestampMs + POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS + 1;
    this.scheduleTick(this.nextTick(due, UNSCHEDULABLE_FLUSH_PERIOD_MS), 'leftover');
  }

  /**
   * MoveAllToActiveOrBackoffQueue for a cluster event: Pods whose rejecting plugins care about it
   * move on (`interested` undefined means every Pod).
   */
  moveForEvent(interested: ReadonlySet<string> | undefined): number {
    let moved = 0;
    if (this.pool.size === 0) return 0;
    for (const qp of [...this.pool.values()]) {
      if (interested && qp.unschedulablePlugins.size > 0 && ![...qp.unschedulablePlugins].some((p) => interested.has(p))) continue;
      this.requeue(qp);
      moved++;
    }
    return moved;
  }

  /** calculateBackoffDuration: 1s doubling per attempt after the first, capped at 10s. */
  backoffMs(qp: QueuedPod): number {
    let d = POD_INITIAL_BACKOFF_MS;
    for (let i = 1; i < qp.attempts; i++) {
      d *= 2;
      if (d >= POD_MAX_BACKOFF_MS) return POD_MAX_BACKOFF_MS;
    }
    return d;
  }

  private requeue(qp: QueuedPod): void {
    if (this.kernel.nowMs < qp.timestampMs + this.backoffMs(qp)) this.toBackoff(qp);
    else this.toActive(qp);
  }

  private toActive(qp: QueuedPod): void {
    this.pool.delete(qp.uid);
    qp.where = 'active';
    this.active.push(qp);
    this.onActive();
  }

  private toBackoff(qp: QueuedPod): void {
    this.pool.delete(qp.uid);
    qp.where = 'backoff';
    this.scheduleTick(this.nextTick(qp.timestampMs + this.backoffMs(qp), BACKOFF_FLUSH_PERIOD_MS), 'backoff');
  }

  private flushBackoff(): void {
    for (const qp of [...this.pods.values()]) {
      if (qp.where === 'backoff' && this.kernel.nowMs >= qp.timestampMs + this.backoffMs(qp)) this.toActive(qp);
    }
  }

  private flushLeftover(): void {
    for (const qp of [...this.pool.values()]) {
      if (this.kernel.nowMs - qp.timestampMs > POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS) this.requeue(qp);
    }
  }

  /** The first periodic tick (counted from the queue's start) at or after `atMs`. */
  private nextTick(atMs: number, periodMs: number): number {
    const k = Math.max(1, Math.ceil((atMs - this.startMs) / periodMs));
    return this.startMs + k * periodMs;
  }

  private scheduleTick(atMs: number, kind: 'backoff' | 'leftover'): void {
    const key = `${kind}@${atMs}`;
    if (this.pendingTicks.has(key)) return;
    this.pendingTicks.add(key);
    this.kernel.after(atMs - this.kernel.nowMs, `kube-scheduler: flush ${kind} pods`, () => {
      this.pendingTicks.delete(key);
      if (kind === 'backoff') this.flushBackoff();
      else this.flushLeftover();
    });
  }
}
