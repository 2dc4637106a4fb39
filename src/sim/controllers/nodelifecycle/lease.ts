/**
 * Node heartbeats. A v1.31 kubelet renews its Lease `kube-node-lease/<node>` every 10s
 * (renewInterval = 0.25 × leaseDurationSeconds 40; pkg/kubelet/nodelease and
 * component-helpers/apimachinery/lease/controller.go) and posts node status only on change or
 * every 5 minutes; the node lifecycle controller treats either as a sign of life.
 *
 * `leases.coordination.k8s.io` is not a served resource yet, so the renew times live here, in
 * memory, and are not timeline entries (a renewal every 10s per node would drown the timeline).
 * When the resource is served, `NodeLeases` becomes a thin view over the Lease objects.
 */
import type { Kernel } from '../../kernel/kernel.ts';
import type { AgendaEntry } from '../../kernel/agenda.ts';

export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_INTERVAL_MS = (LEASE_DURATION_SECONDS * 1000) / 4;

/** The spec.renewTime of each node's Lease. */
export class NodeLeases {
  private readonly renewMs = new Map<string, number>();

  constructor(private readonly kernel: Kernel) {}

  renew(nodeName: string): void {
    this.renewMs.set(nodeName, this.kernel.nowMs);
  }

  /** The last renewTime in virtual ms, or undefined when the node never held a lease. */
  renewTimeMs(nodeName: string): number | undefined {
    return this.renewMs.get(nodeName);
  }

  delete(nodeName: string): void {
    this.renewMs.delete(nodeName);
  }
}

/** The kubelet's lease controller for one node: renew now, then every 10s, until stopped. */
export class NodeLeaseRenewer {
  private timer: AgendaEntry | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly leases: NodeLeases,
    readonly nodeName: string,
  ) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    if (this.timer) return;
    this.tick();
  }

  stop(): void {
    if (this.timer) this.kernel.agenda.cancel(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    this.leases.renew(this.nodeName);
    this.timer = this.kernel.after(LEASE_RENEW_INTERVAL_MS, `kubelet/${this.nodeName}: renew lease`, () => this.tick());
  }
}
