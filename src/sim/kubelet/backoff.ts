/**
 * client-go's `util/flowcontrol/backoff.go`, the per-key exponential back-off the kubelet uses for
 * container restarts (CrashLoopBackOff) and image pulls (ImagePullBackOff). The kubelet builds it
 * with `flowcontrol.NewBackOff(backOffPeriod=10s, MaxContainerBackOff=300s)` and no jitter.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    readonly initialMs = BACKOFF_INITIAL_MS,
    readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  /** The current back-off of a key, 0 when it has none. */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** `Next(id, eventTime)`: start at the initial period, or double (capped); lastUpdate is now. */
  next(key: string, eventTimeMs: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTimeMs, entry.lastUpdateMs)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: this.now() });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdateMs = this.now();
  }

  /** `IsInBackOffSince(id, eventTime)`: true while now - eventTime < back-off (container restarts, from FinishedAt). */
  isInBackOffSince(key: string, eventTimeMs: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTimeMs, entry.lastUpdateMs)) return false;
    return this.now() - eventTimeMs < entry.backoffMs;
  }

  /** `IsInBackOffSinceUpdate(id, eventTime)`: true while eventTime - lastUpdate < back-off (image pulls). */
  isInBackOffSinceUpdate(key: string, eventTimeMs: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.hasExpired(eventTimeMs, entry.lastUpdateMs)) return false;
    return eventTimeMs - entry.lastUpdateMs < entry.backoffMs;
  }

  /** Drops every key with a prefix (a deleted pod's entries). */
  forgetPrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** `hasExpired`: an entry not updated for more than 2*max is forgotten (the back-off resets to 10s). */
  private hasExpired(eventTimeMs: number, lastUpdateMs: number): boolean {
    return eventTimeMs - lastUpdateMs > 2 * this.maxMs;
  }
}
