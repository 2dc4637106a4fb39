/**
 * The discrete-event agenda: work scheduled at virtual times, run in (time, sequence) order.
 * Ties at the same millisecond run in the order they were scheduled, never by object identity.
 */
export interface AgendaEntry {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  readonly run: () => void;
  cancelled: boolean;
}

export class Agenda {
  private heap: AgendaEntry[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at virtual time `atMs`; returns a handle that `cancel` takes. */
  schedule(atMs: number, label: string, run: () => void): AgendaEntry {
    if (!Number.isInteger(atMs) || atMs < 0) throw new Error(`Agenda: time must be a non-negative integer ms, got ${atMs}`);
    const entry: AgendaEntry = { atMs, seq: this.nextSeq++, label, run, cancelled: false };
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
    return entry;
  }

  cancel(entry: AgendaEntry): void {
    entry.cancelled = true;
  }

  /** The time of the earliest live entry, or undefined when nothing is due. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.atMs;
  }

  /** Removes and returns the earliest live entry. */
  pop(): AgendaEntry | undefined {
    this.dropCancelled();
    return this.popRaw();
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.popRaw();
  }

  private popRaw(): AgendaEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}

function before(a: AgendaEntry, b: AgendaEntry): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
