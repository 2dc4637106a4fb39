/**
 * The kubelet's node status loop (pkg/kubelet/kubelet_node_status.go, v1.31 with the Lease
 * heartbeat): every nodeStatusUpdateFrequency (10s) it computes the status, and posts it only
 * when something changed or nodeStatusReportFrequency (5m) has passed since the last post; the
 * posted conditions carry a fresh lastHeartbeatTime. node.status.images lists the node's images,
 * largest first, at most nodeStatusMaxImages (50).
 */
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { readyConditions } from '../cluster/nodes.ts';

const NODES = preferredResourceForKind('Node')!;
export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
const MAX_IMAGES = 50;

export interface NodeImage {
  names: string[];
  sizeBytes: number;
}

export class NodeStatusReporter {
  private images: NodeImage[] | undefined;
  private lastReportMs: number;
  /** While the kubelet process is stopped (`systemctl stop kubelet`) nothing is posted. */
  paused = false;
  /** A Node registered NotReady: Ready is posted at the first update after the network is ready. */
  private pendingReady: { ready: () => boolean; onReady: () => void } | undefined;
  /** tryUpdateNodeStatus failed on a missing Node (logged once, not every 10s). */
  private missingLogged = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly nodeName: string,
    private readonly actor: string,
  ) {
    this.lastReportMs = kernel.nowMs;
  }

  start(): void {
    this.kernel.after(NODE_STATUS_UPDATE_MS, `${this.actor}: node status`, () => this.tick());
  }

  awaitReady(ready: () => boolean, onReady: () => void): void {
    this.pendingReady = { ready, onReady };
    this.missingLogged = false;
  }

  setImages(images: NodeImage[]): void {
    this.images = [...images].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, MAX_IMAGES);
  }

  private tick(): void {
    this.kernel.after(NODE_STATUS_UPDATE_MS, `${this.actor}: node status`, () => this.tick());
    if (this.paused) return;
    const node = this.store.peek(NODES, undefined, this.nodeName);
    if (!node) {
      // kubelet_node_status.go: "Error updating node status, will retry"; the registered kubelet
      // does not create the Node again (registrationCompleted stays true until it restarts).
      if (!this.missingLogged) this.kernel.record({ source: this.actor, type: 'decision', reason: 'NodeStatusUpdateFailed', object: { kind: 'Node', name: this.nodeName }, message: `Error updating node status, will retry: error getting node "${this.nodeName}": nodes "${this.nodeName}" not found` });
      this.missingLogged = true;
      return;
    }
    this.missingLogged = false;
    const becameReady = this.pendingReady !== undefined && this.pendingReady.ready();
    const imagesChanged = this.images !== undefined && JSON.stringify(this.images) !== JSON.stringify(node.status?.images ?? []);
    const due = this.kernel.nowMs - this.lastReportMs >= NODE_STATUS_REPORT_MS;
    if (!imagesChanged && !due && !becameReady) return;
    this.lastReportMs = this.kernel.nowMs;
    const next = deepCopy(node as KubeObject);
    const now = this.kernel.timestamp();
    next.status = { ...next.status, conditions: (next.status?.conditions ?? []).map((c: Record<string, unknown>) => (becameReady && c.type === 'Ready' ? readyConditions(now)[3] : { ...c, lastHeartbeatTime: now })) };
    if (becameReady) {
      this.pendingReady!.onReady();
      this.pendingReady = undefined;
    }
    if (this.images !== undefined) next.status.images = this.images;
    this.store.update(NODES, next, this.actor, { subresource: 'status', message: `node ${this.nodeName} status` });
  }
}
