/**
 * kube-controller-manager v1.31's node IPAM controller with the RangeAllocator
 * (pkg/controller/nodeipam/ipam/range_allocator.go over cidrset/cidr_set.go), as kubeadm runs it
 * with podSubnet 10.244.0.0/16 and --node-cidr-mask-size=24: a Node without spec.podCIDR gets the
 * next free /24. AllocateNext searches from nextCandidate, the block after the last one handed
 * out, so a released block (its Node deleted) is reused only after the range wraps: a Node that
 * registers again gets a new CIDR, not its old one.
 */
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';

const NODES = preferredResourceForKind('Node')!;
const ACTOR = 'node-ipam-controller';
/** 10.244.0.0/16 in /24 blocks. */
const MAX_CIDRS = 256;

export function blockCIDR(index: number): string {
  return `10.244.${index}.0/24`;
}

export class NodeIpamController {
  private readonly used = new Set<number>();
  private nextCandidate: number;
  /** Node name → its block, released when the Node is deleted. */
  private readonly byNode = new Map<string, number>();
  private readonly queue: WorkQueue;

  /** `allocatedInOrder`: the blocks the controller handed out before the playground opened (the bootstrap's nodes, in join order). */
  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    allocatedInOrder: number,
  ) {
    this.nextCandidate = allocatedInOrder % MAX_CIDRS;
    this.queue = new WorkQueue(kernel, ACTOR, (name) => this.sync(name));
  }

  /** The block AllocateNext would hand out now. */
  peekNext(): string | undefined {
    const i = this.candidate();
    return i === undefined ? undefined : blockCIDR(i);
  }

  start(): void {
    const informer = new Informer(this.store, NODES);
    informer.addEventHandler({
      // occupyCIDRs for the Nodes that already have one; the rest are queued for AllocateOrOccupyCIDR.
      onAdd: (n) => (this.occupy(n) ? undefined : this.queue.add(n.metadata.name)),
      onUpdate: (_, n) => (this.occupy(n) ? undefined : this.queue.add(n.metadata.name)),
      onDelete: (n) => this.release(n.metadata.name),
    });
  }

  private occupy(node: KubeObject): boolean {
    const m = /^10\.244\.(\d+)\.0\/24$/.exec(node.spec?.podCIDR ?? '');
    if (!m) return false;
    const i = Number(m[1]);
    this.used.add(i);
    this.byNode.set(node.metadata.name, i);
    return true;
  }

  private release(name: string): void {
    const i = this.byNode.get(name);
    if (i === undefined) return;
    this.byNode.delete(name);
    this.used.delete(i);
  }

  private candidate(): number | undefined {
    for (let k = 0; k < MAX_CIDRS; k++) {
      const i = (this.nextCandidate + k) % MAX_CIDRS;
      if (!this.used.has(i)) return i;
    }
    return undefined;
  }

  private sync(name: string): void {
    const node = this.store.get(NODES, undefined, name);
    if (!node || node.spec?.podCIDR) return;
    const i = this.candidate();
    if (i === undefined) {
      this.kernel.record({ source: ACTOR, type: 'decision', reason: 'CIDRNotAvailable', object: { kind: 'Node', name, uid: node.metadata.uid }, message: `Node ${name} status is now: CIDRNotAvailable` });
      return;
    }
    this.nextCandidate = (i + 1) % MAX_CIDRS;
    this.used.add(i);
    this.byNode.set(name, i);
    node.spec = { ...node.spec, podCIDR: blockCIDR(i), podCIDRs: [blockCIDR(i)] };
    this.store.update(NODES, node, ACTOR, { message: `node ${name} podCIDR ${blockCIDR(i)}` });
  }
}
