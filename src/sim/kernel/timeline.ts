/**
 * The timeline log: every API write and every decision of every component, with its virtual
 * time. The UI draws from this log and never invents events of its own.
 */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export type TimelineType =
  | 'api' // an API write: create, update, delete
  | 'event' // a Kubernetes Event object was recorded
  | 'decision' // a component's choice (scheduling, load-balancing pick, ...)
  | 'user'; // a command the user ran

export interface TimelineEvent {
  /** Virtual seconds since the cluster was created, as `cluster.now()`. */
  t: number;
  /** The component that acted: `kubectl`, `kube-apiserver`, `kube-scheduler`, `kubelet/worker-1`, ... */
  source: string;
  type: TimelineType;
  /** A verb or a Kubernetes reason: `create`, `update`, `delete`, `Scheduled`, ... */
  reason?: string;
  object?: ObjectRef;
  message: string;
  /** Plain, structured details for the UI (scores per node, the rule walked, ...). */
  data?: Record<string, unknown>;
}

/**
 * How many entries the log keeps; older ones are dropped and counted. An entry costs about 1.5 KB
 * of heap (bench/history.ts): 150,000 entries is about 215 MiB, some five virtual hours of a small
 * cluster with steady traffic, which a browser tab can hold.
 */
export const TIMELINE_MAX_ENTRIES = 150_000;

/** Bound on the strings the log shares (a new set starts when it is reached). */
const MAX_SHARED_STRINGS = 50_000;

export class Timeline {
  private entries: TimelineEvent[] = [];
  private droppedCount = 0;
  private readonly strings = new Map<string, string>();

  constructor(private readonly maxEntries = TIMELINE_MAX_ENTRIES) {}

  record(entry: TimelineEvent): void {
    if (entry.data) this.share(entry.data);
    this.entries.push(entry);
    // Drop a tenth at a time, so a full log costs one splice per maxEntries/10 records, not one each.
    if (this.entries.length > this.maxEntries) {
      const drop = this.entries.length - Math.floor(this.maxEntries * 0.9);
      this.entries.splice(0, drop);
      this.droppedCount += drop;
    }
  }

  /**
   * Structural sharing for the long-lived log: the strings in an entry's data (top level and in
   * arrays: the iptables rules a request walked, node names) repeat across thousands of entries
   * but arrive as fresh copies; each is replaced, in place, by an equal string already held.
   * Values are unchanged, so readers see exactly what was recorded.
   */
  private share(data: Record<string, unknown>): void {
    for (const key in data) {
      const v = data[key];
      if (typeof v === 'string') data[key] = this.intern(v);
      else if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (typeof item === 'string') v[i] = this.intern(item);
        }
      }
    }
  }

  private intern(s: string): string {
    const held = this.strings.get(s);
    if (held !== undefined) return held;
    if (this.strings.size >= MAX_SHARED_STRINGS) this.strings.clear();
    this.strings.set(s, s);
    return s;
  }

  /** A copy of the entries, oldest first. */
  list(): TimelineEvent[] {
    return this.entries.slice();
  }

  /** Entries from index `from` on (for incremental consumers such as the worker). */
  since(from: number): TimelineEvent[] {
    return this.entries.slice(Math.max(0, from - this.droppedCount));
  }

  /** Entries ever recorded, including dropped ones. */
  get total(): number {
    return this.droppedCount + this.entries.length;
  }

  get dropped(): number {
    return this.droppedCount;
  }
}
