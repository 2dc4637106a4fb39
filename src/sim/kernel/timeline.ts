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

/** How many entries the log keeps; older ones are dropped and counted. */
export const TIMELINE_MAX_ENTRIES = 500_000;

export class Timeline {
  private entries: TimelineEvent[] = [];
  private droppedCount = 0;

  constructor(private readonly maxEntries = TIMELINE_MAX_ENTRIES) {}

  record(entry: TimelineEvent): void {
    this.entries.push(entry);
    // Drop a tenth at a time, so a full log costs one splice per maxEntries/10 records, not one each.
    if (this.entries.length > this.maxEntries) {
      const drop = this.entries.length - Math.floor(this.maxEntries * 0.9);
      this.entries.splice(0, drop);
      this.droppedCount += drop;
    }
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
