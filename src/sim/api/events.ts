import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS } from '../kernel/time.ts';
import { preferredResourceForKind } from './resources.ts';
import type { ObjectStore } from './store.ts';
import type { KubeObject } from './types.ts';
import { APIError } from './errors.ts';

const EVENTS = preferredResourceForKind('Event')!;

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
      this.store.update(EVENTS, next, 'kube-apiserver', { message: `event ${existing.metadata.name} count ${next.count}` });
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
    } catch (err) {
      // client-go's recorder logs a refused event and drops it (a terminating namespace refuses new content).
      if (!(err instanceof APIError)) throw err;
    }
  }
}
