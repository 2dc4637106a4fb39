import { Agenda, type AgendaEntry } from './agenda.ts';
import { Prng } from './prng.ts';
import { Timeline, type TimelineEvent } from './timeline.ts';
import { EPOCH_MS, formatRFC3339 } from './time.ts';


/** At most this many agenda entries run in one `advance`; more means a component is looping. */
export const MAX_EVENTS_PER_ADVANCE = 5_000_000;

/**
 * The simulation kernel: a virtual clock in integer milliseconds, the agenda of timed work,
 * the seeded PRNG and the timeline log. Components receive it; none reads time or randomness
 * from anywhere else.
 */
export class Kernel {
  readonly agenda = new Agenda();
  readonly timeline = new Timeline();
  readonly rng: Prng;
  private clockMs = 0;
  private stampSecond = Number.NaN;
  private stamp = '';

  constructor(readonly seed: number) {
    this.rng = new Prng(seed);
  }

  get nowMs(): number {
    return this.clockMs;
  }

  /** Virtual seconds since creation. */
  get nowSeconds(): number {
    return this.clockMs / 1000;
  }

  /** The RFC 3339 timestamp of now, to the second, as Kubernetes writes metav1.Time. */
  timestamp(ms: number = this.clockMs): string {
    // Every write stamps the second it happens in: the string of the last second asked is kept,
    // so the objects written in one second share one string instead of holding a copy each.
    const second = Math.floor(ms / 1000);
    if (second !== this.stampSecond) {
      this.stampSecond = second;
      this.stamp = formatRFC3339(EPOCH_MS + ms);
    }
    return this.stamp;
  }

  /** Schedules work `delayMs` from now. */
  after(delayMs: number, label: string, run: () => void): AgendaEntry {
    return this.agenda.schedule(this.clockMs + Math.max(0, Math.round(delayMs)), label, run);
  }

  /** Runs every entry due up to now + `ms`, in order, then leaves the clock there. */
  advanceMs(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`advance: time must be a non-negative number, got ${ms}`);
    const targetMs = this.clockMs + Math.round(ms);
    let ran = 0;
    for (;;) {
      const at = this.agenda.peekTime();
      if (at === undefined || at > targetMs) break;
      const entry = this.agenda.pop()!;
      this.clockMs = Math.max(this.clockMs, entry.atMs);
      entry.run();
      if (++ran > MAX_EVENTS_PER_ADVANCE) throw new Error(`advance: more than ${MAX_EVENTS_PER_ADVANCE} events in one step (last: ${entry.label})`);
    }
    this.clockMs = targetMs;
  }

  /** Runs what is due now without moving the clock (work scheduled with zero delay). */
  settle(): void {
    this.advanceMs(0);
  }

  record(entry: Omit<TimelineEvent, 't'>): void {
    this.timeline.record({ t: this.nowSeconds, ...entry });
  }
}
