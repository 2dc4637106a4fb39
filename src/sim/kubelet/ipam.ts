/**
 * host-local IPAM as the flannel CNI config uses it (`containernetworking/plugins`,
 * `plugins/ipam/host-local/backend/allocator`): addresses come from the node's podCIDR, the
 * gateway (.1, cni0) is never handed out, and allocation is round-robin from the last reserved
 * address, so a released address is not reused until the range wraps.
 */
export class HostLocalIPAM {
  private readonly base: number;
  private readonly size: number;
  private readonly allocated = new Map<number, string>();
  private last: number;

  constructor(podCIDR: string, firstFreeHost: number) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(podCIDR);
    if (!m) throw new Error(`ipam: bad podCIDR ${podCIDR}`);
    const ip = ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
    const bits = Number(m[5]);
    this.size = 2 ** (32 - bits);
    this.base = ip - (ip % this.size);
    // Hosts below firstFreeHost were handed out before this kubelet (re)started; resume after them.
    this.last = firstFreeHost - 1;
  }

  /** Reserves the next free address for `owner` (a pod uid); undefined when the range is full. */
  allocate(owner: string): string | undefined {
    // Usable hosts: .2 ... broadcast-1 (.1 is the gateway, .0 the network, the last the broadcast).
    const first = 2;
    const lastHost = this.size - 2;
    for (let i = 0; i < lastHost - first + 1; i++) {
      let host = this.last + 1 + i;
      if (host > lastHost) host = first + ((host - first) % (lastHost - first + 1));
      if (this.allocated.has(host)) continue;
      this.allocated.set(host, owner);
      this.last = host;
      return toIP(this.base + host);
    }
    return undefined;
  }

  /** Marks an address already in use (an adopted pod's). */
  reserve(ip: string, owner: string): void {
    const host = fromIP(ip) - this.base;
    if (host > 0 && host < this.size) this.allocated.set(host, owner);
  }

  release(owner: string): void {
    for (const [host, o] of this.allocated) if (o === owner) this.allocated.delete(host);
  }
}

function toIP(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function fromIP(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] ?? 0) << 24) >>> 0) + ((p[1] ?? 0) << 16) + ((p[2] ?? 0) << 8) + (p[3] ?? 0);
}
