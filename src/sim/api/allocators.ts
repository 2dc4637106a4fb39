import type { Prng } from '../kernel/prng.ts';
import type { FieldError } from '../validation/index.ts';

/** An allocation the registry refused: it becomes a field error of an Invalid status. */
export class AllocationError extends Error {
  constructor(readonly fieldError: FieldError) {
    super(`${fieldError.field}: ${fieldError.detail}`);
  }
}

/**
 * The Service ClusterIP allocator (pkg/registry/core/service/ipallocator): a random address of
 * the service CIDR, preferring the range above the static band (the bottom
 * min(max(16, size/16), 256) addresses, kept for users who ask for a fixed IP).
 */
export class ClusterIPAllocator {
  private readonly used = new Set<number>();
  private readonly base: number;
  private readonly size: number;
  private readonly staticBand: number;

  constructor(
    readonly cidr: string,
    private readonly rng: Prng,
  ) {
    const [ip, bits] = cidr.split('/');
    this.base = ipToInt(ip!);
    // Network and broadcast addresses are never handed out.
    this.size = 2 ** (32 - Number(bits)) - 2;
    this.staticBand = Math.min(Math.max(16, Math.floor(this.size / 16)), 256);
  }

  /** Allocates a specific address (`spec.clusterIP` given), with the API server's messages. */
  allocate(ip: string, field = 'spec.clusterIPs'): string {
    const n = ipToInt(ip);
    const offset = n - this.base;
    if (offset < 1 || offset > this.size) {
      throw new AllocationError({ type: 'Invalid value', field, value: [ip], detail: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}` });
    }
    if (this.used.has(n)) throw new AllocationError({ type: 'Invalid value', field, value: [ip], detail: `failed to allocate IP ${ip}: provided IP is already allocated` });
    this.used.add(n);
    return ip;
  }

  /** Allocates a random free address above the static band (then anywhere). */
  allocateNext(): string {
    const dynamic = this.size - this.staticBand;
    const start = this.rng.intBelow(dynamic);
    for (let i = 0; i < dynamic; i++) {
      const offset = this.staticBand + 1 + ((start + i) % dynamic);
      if (!this.used.has(this.base + offset)) return this.take(this.base + offset);
    }
    for (let offset = 1; offset <= this.staticBand; offset++) if (!this.used.has(this.base + offset)) return this.take(this.base + offset);
    throw new AllocationError({ type: 'Internal error', field: 'spec.clusterIPs', detail: 'failed to allocate a serviceIP: range is full' });
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip));
  }

  private take(n: number): string {
    this.used.add(n);
    return intToIp(n);
  }
}

/** The NodePort allocator (pkg/registry/core/service/portallocator), 30000-32767, static band 30000-30085. */
export class NodePortAllocator {
  static readonly MIN = 30000;
  static readonly MAX = 32767;
  private readonly used = new Set<number>();
  private readonly staticBand = Math.min(Math.max(16, Math.floor((NodePortAllocator.MAX - NodePortAllocator.MIN + 1) / 32)), 128);

  constructor(private readonly rng: Prng) {}

  allocate(port: number, field: string): number {
    if (port < NodePortAllocator.MIN || port > NodePortAllocator.MAX) {
      throw new AllocationError({ type: 'Invalid value', field, value: port, detail: `provided port is not in the valid range. The range of valid ports is ${NodePortAllocator.MIN}-${NodePortAllocator.MAX}` });
    }
    if (this.used.has(port)) throw new AllocationError({ type: 'Invalid value', field, value: port, detail: 'provided port is already allocated' });
    this.used.add(port);
    return port;
  }

  allocateNext(): number {
    const first = NodePortAllocator.MIN + this.staticBand;
    const dynamic = NodePortAllocator.MAX - first + 1;
    const start = this.rng.intBelow(dynamic);
    for (let i = 0; i < dynamic; i++) {
      const port = first + ((start + i) % dynamic);
      if (!this.used.has(port)) {
        this.used.add(port);
        return port;
      }
    }
    for (let port = NodePortAllocator.MIN; port < first; port++) {
      if (!this.used.has(port)) {
        this.used.add(port);
        return port;
      }
    }
    throw new AllocationError({ type: 'Internal error', field: 'spec.ports', detail: 'failed to allocate a nodePort: range is full' });
  }

  release(port: number): void {
    this.used.delete(port);
  }
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
