/**
 * `ControllerExpectations` / `UIDTrackingControllerExpectations` (pkg/controller/controller_utils.go):
 * how many creates a controller still waits to observe and which Pod deletions, so a sync that
 * runs while its own writes are in flight does not act twice. Expectations expire after 5 minutes.
 */
const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  /** Pod keys whose deletion is expected. */
  deleting: Set<string>;
  timestampMs: number;
}

export class ControllerExpectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  /** No expectations recorded, all observed, or expired: the controller may act. */
  satisfied(key: string): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestampMs > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number): void {
    this.byKey.set(key, { add: count, del: 0, deleting: new Set(), timestampMs: this.now() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.byKey.set(key, { add: 0, del: podKeys.length, deleting: new Set(podKeys), timestampMs: this.now() });
  }

  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  /** A creation that failed or was skipped will never be observed. */
  lowerCreations(key: string, count: number): void {
    const e = this.byKey.get(key);
    if (e) e.add -= count;
  }

  deletionObserved(key: string, podKey: string): void {
    const e = this.byKey.get(key);
    if (!e || !e.deleting.delete(podKey)) return;
    e.del--;
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }
}
