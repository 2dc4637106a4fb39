/**
 * What the inspector and the graph's animations need from the timeline, kept as entries arrive:
 * the latest scheduling decision per Pod, recent events per object, recent load-balancing picks
 * and pick counts per Service endpoint. The store keeps only a short tail of the timeline (mostly
 * API writes), so this index reads every batch as the worker sends it and keeps what matters.
 * Listeners get each pick and probe failure as it is read: the graph animates from those
 * without re-rendering React.
 */
import type { ClusterUpdate, ProbeKind, TimelineEvent } from '../../worker/protocol.ts';
import { parseDecision, parsePick, parseProbeFailure, type LoadBalancePick, type SchedulingDecision } from './entries.ts';

/** An event or a component's decision about one object, as the inspector lists them. */
export interface ObjectEntry {
  t: number;
  /** `Normal` / `Warning` for Kubernetes Events, `decision` for a component's own record. */
  type: string;
  reason: string;
  message: string;
  source: string;
  /** The container the entry is about, when the recorder named it (the kubelet's probe failures do). */
  container?: string;
}

export type Fx =
  | { kind: 'pick'; pick: LoadBalancePick }
  /** `container`: the container whose probe failed (the kubelet's entry names it), null when an older entry does not. */
  | { kind: 'probe'; namespace: string; pod: string; probe: ProbeKind; message: string; container: string | null };

/** Entries kept per object, picks kept per Service. */
export const ENTRIES_PER_OBJECT = 50;
export const PICKS_PER_SERVICE = 20;
/** Objects remembered at most (the oldest-touched are forgotten first). */
const MAX_OBJECTS = 20_000;

export const objectKey = (kind: string, namespace: string | undefined, name: string): string => `${kind}/${namespace ?? ''}/${name}`;
/** The id of the endpoint edge a pick travels (layout.ts names edges the same way). */
export const pickCountKey = (service: string, pod: string): string => `${service}:${pod}`;

export class Insights {
  private decisions = new Map<string, SchedulingDecision>();
  private objects = new Map<string, ObjectEntry[]>();
  private picks = new Map<string, LoadBalancePick[]>();
  private counts = new Map<string, number>();
  private listeners = new Set<(fx: Fx) => void>();
  private watchers = new Set<() => void>();
  /** Bumped on every batch that changed something; React reads it through useSyncExternalStore. */
  version = 0;

  /** A worker update. After a jump in time (a seek, a load) the entries are history: indexed, not animated. */
  ingestUpdate(update: Pick<ClusterUpdate, 'reset' | 'entries'> & { jumped?: boolean }): void {
    if (update.reset) this.clear();
    this.ingest(update.entries, !update.jumped);
  }

  ingest(entries: readonly TimelineEvent[], animate = false): void {
    const fx: Fx[] = [];
    for (const e of entries) this.read(e, fx);
    if (entries.length > 0 || fx.length > 0) this.changed();
    if (animate) for (const f of fx) for (const l of this.listeners) l(f);
  }

  clear(): void {
    this.decisions.clear();
    this.objects.clear();
    this.picks.clear();
    this.counts.clear();
    this.changed();
  }

  private read(e: TimelineEvent, fx: Fx[]): void {
    if (e.type === 'api' || e.type === 'user') return;
    const decision = parseDecision(e);
    if (decision && e.object) this.decisions.set(objectKey('Pod', e.object.namespace, e.object.name), decision);
    const pick = parsePick(e);
    if (pick) {
      const list = this.picks.get(pick.service) ?? [];
      list.push(pick);
      if (list.length > PICKS_PER_SERVICE) list.shift();
      this.picks.set(pick.service, list);
      if (pick.pod !== null) {
        const key = pickCountKey(pick.service, pick.pod);
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
      fx.push({ kind: 'pick', pick });
      return;
    }
    const probe = parseProbeFailure(e);
    if (probe && e.object) {
      const container = (e.data as { container?: unknown } | undefined)?.container;
      fx.push({ kind: 'probe', namespace: e.object.namespace ?? '', pod: e.object.name, probe, message: e.message, container: typeof container === 'string' ? container : null });
    }
    // kube-proxy's rule syncs are about no object in particular.
    if (!e.object || e.reason === 'SyncProxyRules') return;
    const key = objectKey(e.object.kind, e.object.namespace, e.object.name);
    const list = this.objects.get(key) ?? [];
    const data = e.data as { eventType?: unknown; container?: unknown } | undefined;
    const entry: ObjectEntry = { t: e.t, type: e.type === 'event' ? String(data?.eventType ?? 'Normal') : 'decision', reason: e.reason ?? '', message: e.message, source: e.source };
    if (typeof data?.container === 'string') entry.container = data.container;
    list.push(entry);
    if (list.length > ENTRIES_PER_OBJECT) list.shift();
    this.objects.delete(key);
    this.objects.set(key, list);
    if (this.objects.size > MAX_OBJECTS) {
      const oldest = this.objects.keys().next().value;
      if (oldest !== undefined) this.objects.delete(oldest);
    }
  }

  private changed(): void {
    this.version++;
    for (const w of this.watchers) w();
  }

  /** The latest scheduling decision for the Pod, if it is about this incarnation (`uid`). */
  decisionFor(namespace: string, name: string, uid?: string): SchedulingDecision | undefined {
    const d = this.decisions.get(objectKey('Pod', namespace, name));
    return d && uid && d.uid && d.uid !== uid ? undefined : d;
  }

  entriesFor(kind: string, namespace: string | undefined, name: string): readonly ObjectEntry[] {
    return this.objects.get(objectKey(kind, namespace, name)) ?? [];
  }

  picksFor(service: string): readonly LoadBalancePick[] {
    return this.picks.get(service) ?? [];
  }

  /** Requests the Service sent to the Pod since the page opened (or the cluster was reset). */
  countFor(service: string, pod: string): number {
    return this.counts.get(pickCountKey(service, pod)) ?? 0;
  }

  /** Each pick and probe failure, as read. Returns the unsubscribe function. */
  on(listener: (fx: Fx) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** useSyncExternalStore's subscribe: called after every batch that changed something. */
  watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  getVersion = (): number => this.version;
}

/** The page's index, fed by the worker's updates (see useInsightsFeed). */
export const insights = new Insights();
