import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS } from '../kernel/time.ts';
import { preferredResourceForKind } from './resources.ts';
import type { ObjectStore } from './store.ts';
import type { KubeObject } from './types.ts';
import { APIError } from './errors.ts';

const EVENTS = preferredResourceForKind('Event')!;

/**
 * kube-apiserver's `--event-ttl` (default 1h, which kubeadm and kind keep): the Event registry
 * stores each Event with a lease of this TTL from its last write, so an Event goes an hour after it
 * was created or last counted again. (The API server reuses etcd leases for a minute, so a real
 * cluster drops it up to about a minute later.)
 */
export const EVENT_TTL_MS = 60 * 60 * 1000;

export interface EventSource {
  component: string;
  host?: string;
}

/**
 * client-go's event recorder: a core/v1 Event per occurrence, named `<object>.<unix nanos in hex>`
 * as the recorder names them, with firstTimestamp/lastTimestamp/count. A repeat of the same
 * (object, reason, message, source) within the correlator's window updates the count instead.
 */
export class EventRecorder {
  /** Distinguishes events recorded in the same virtual millisecond (real nanosecond clocks do). */
  private sequence = 0;
  /** The correlator's key (object uid, reason, message, component) → the Event's namespace/name. */
  private readonly byKey = new Map<string, { namespace: string; name: string }>();
  /**
   * Writes in the order they happened, each with the time its lease runs out: that order is also
   * the order of expiry, so one timer at the head serves them all. An entry whose Event has been
   * written again since (another resourceVersion) is passed over; the later write has its own.
   */
  private readonly expiries: { atMs: number; key: string; namespace: string; name: string; resourceVersion: string }[] = [];
  private expiryHead = 0;
  private expiryTimer = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
  ) {}

  /** `data`: extra facts for the timeline entry (not the Event), e.g. the container a probe failed in. */
  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, data: Record<string, string> = {}): void {
    const ns = obj.metadata.namespace || 'default';
    const now = this.kernel.timestamp();
    // Joined rather than templated: the key is kept, and join builds it flat, not as a tree of concatenations.
    const key = [obj.metadata.uid, reason, message, source.component].join('\u0000');
    const seen = this.byKey.get(key);
    const existing = seen ? this.store.peek(EVENTS, seen.namespace, seen.name) : undefined;
    this.kernel.record({ source: source.host ? `${source.component}/${source.host}` : source.component, type: 'event', reason, object: { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid }, message, data: { ...data, eventType: type } });
    if (existing) {
      const next = { ...(existing as KubeObject), count: ((existing.count as number) ?? 1) + 1, lastTimestamp: now };
      next.metadata = { ...existing.metadata };
      const updated = this.store.update(EVENTS, next, 'kube-apiserver', { message: `event ${existing.metadata.name} count ${next.count}` });
      this.expireLater(key, updated);
      return;
    }
    const nanos = BigInt(EPOCH_MS + this.kernel.nowMs) * 1_000_000n + BigInt(++this.sequence % 1_000_000);
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: [obj.metadata.name, nanos.toString(16)].join('.'), namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '' },
      involvedObject: { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion },
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    try {
      const created = this.store.create(EVENTS, event, 'kube-apiserver');
      this.byKey.set(key, { namespace: ns, name: created.metadata.name });
      this.expireLater(key, created);
    } catch (err) {
      // client-go's recorder logs a refused event and drops it (a terminating namespace refuses new content).
      if (!(err instanceof APIError)) throw err;
    }
  }

  private expireLater(key: string, event: KubeObject): void {
    this.expiries.push({ atMs: this.kernel.nowMs + EVENT_TTL_MS, key, namespace: event.metadata.namespace!, name: event.metadata.name, resourceVersion: event.metadata.resourceVersion });
    this.armExpiry();
  }

  private armExpiry(): void {
    const head = this.expiries[this.expiryHead];
    if (this.expiryTimer || !head) return;
    this.expiryTimer = true;
    this.kernel.after(Math.max(0, head.atMs - this.kernel.nowMs), 'kube-apiserver: event TTL', () => {
      this.expiryTimer = false;
      this.expireDue();
      this.armExpiry();
    });
  }

  /** The Events whose lease ran out now: deleted as etcd deletes a key whose lease expired. */
  private expireDue(): void {
    while (this.expiryHead < this.expiries.length && this.expiries[this.expiryHead]!.atMs <= this.kernel.nowMs) {
      const e = this.expiries[this.expiryHead++]!;
      const current = this.store.peek(EVENTS, e.namespace, e.name);
      if (!current || current.metadata.resourceVersion !== e.resourceVersion) continue;
      this.store.delete(EVENTS, e.namespace, e.name, 'kube-apiserver');
      const seen = this.byKey.get(e.key);
      if (seen && seen.namespace === e.namespace && seen.name === e.name) this.byKey.delete(e.key);
    }
    // Drop the processed prefix now and then, so the queue's memory follows the Events alive.
    if (this.expiryHead > 1024 && this.expiryHead * 2 > this.expiries.length) {
      this.expiries.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
  }
}
