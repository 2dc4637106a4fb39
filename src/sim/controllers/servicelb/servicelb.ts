/**
 * A LoadBalancer implementation for the simulated kind cluster, like cloud-provider-kind (or
 * MetalLB) on a real one: the cloud-provider service controller
 * (k8s.io/cloud-provider/controllers/service/controller.go) gives each Service of type
 * LoadBalancer an address from the kind docker network's pool 172.18.255.200-250, a moment after
 * it appears (kubectl shows `<pending>` until then), and releases it when the Service is deleted
 * or changes type. Services with a spec.loadBalancerClass belong to another implementation.
 */
import type { APIServer } from '../../api/apiserver.ts';
import type { EventRecorder } from '../../api/events.ts';
import { APIError } from '../../api/errors.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, objectKey, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';

const SERVICES = preferredResourceForKind('Service')!;
const ACTOR = 'service-controller';
const SOURCE = { component: 'service-controller' };

/** The pool: 172.18.255.200 to 172.18.255.250 inclusive. */
export const POOL_PREFIX = '172.18.255.';
export const POOL_FIRST = 200;
export const POOL_LAST = 250;
/** How long provisioning takes: a seeded delay in this range (ms). */
export const PROVISION_DELAY_MS: readonly [number, number] = [1000, 3000];

type Obj = Readonly<KubeObject>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export class ServiceLBController {
  private readonly queue: WorkQueue;
  /** IP → Service uid. */
  private readonly allocated = new Map<string, string>();
  /** Service key → uid of a Service whose provisioning is under way. */
  private readonly provisioning = new Map<string, string>();

  constructor(
    private readonly kernel: Kernel,
    _api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, ACTOR, (key) => this.sync(key));
  }

  start(): void {
    const services = new Informer(this.store, SERVICES);
    services.addEventHandler({
      onAdd: (svc) => this.queue.add(keyOf(svc)),
      onUpdate: (_old, svc) => this.queue.add(keyOf(svc)),
      onDelete: (svc) => {
        // Released at once: the cloud's load balancer goes with the Service.
        this.release(svc.metadata.uid);
        this.provisioning.delete(keyOf(svc));
      },
    });
  }

  /** The addresses handed out, in pool order (for tests and the network view). */
  allocations(): [string, string][] {
    return [...this.allocated.entries()].sort(([a], [b]) => lastOctet(a) - lastOctet(b));
  }

  private sync(key: string): void {
    const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const svc = this.store.peek(SERVICES, namespace, name);
    if (!svc) return;
    const wants = wantsLoadBalancer(svc);
    const ingress: Json[] = svc.status?.loadBalancer?.ingress ?? [];
    if (!wants) {
      this.provisioning.delete(key);
      const held = this.ipOf(svc.metadata.uid);
      if (held === undefined && ingress.length === 0) return;
      // needsCleanup: the type changed away from LoadBalancer.
      this.events.record(svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer', SOURCE);
      this.release(svc.metadata.uid);
      if (ingress.length > 0) this.writeIngress(svc, undefined);
      this.events.record(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', SOURCE);
      return;
    }
    const held = this.ipOf(svc.metadata.uid);
    if (held !== undefined && ingress.length === 1 && ingress[0].ip === held) return;
    if (this.provisioning.get(key) === svc.metadata.uid) return;
    this.provisioning.set(key, svc.metadata.uid);
    this.events.record(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', SOURCE);
    const [lo, hi] = PROVISION_DELAY_MS;
    this.kernel.after(this.kernel.rng.intBetween(lo, hi), `${ACTOR}: ensure ${key}`, () => this.ensure(key, svc.metadata.uid));
  }

  /** `ensureLoadBalancer` finishing: an address from the pool, written to status.loadBalancer. */
  private ensure(key: string, uid: string): void {
    if (this.provisioning.get(key) !== uid) return;
    this.provisioning.delete(key);
    const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const svc = this.store.peek(SERVICES, namespace, name);
    if (!svc || svc.metadata.uid !== uid || !wantsLoadBalancer(svc)) return;
    const ip = this.ipOf(uid) ?? this.allocate(uid);
    if (ip === undefined) {
      this.events.record(svc, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: no available IPs in pool ${POOL_PREFIX}${POOL_FIRST}-${POOL_PREFIX}${POOL_LAST}`, SOURCE);
      // The service controller retries with backoff; once a minute here.
      this.kernel.after(60_000, `${ACTOR}: retry ${key}`, () => this.queue.add(key));
      return;
    }
    this.writeIngress(svc, ip);
    this.events.record(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', SOURCE);
  }

  private writeIngress(svc: Obj, ip: string | undefined): void {
    const next = deepCopy(svc) as KubeObject;
    next.status = { ...(next.status ?? {}), loadBalancer: ip === undefined ? {} : { ingress: [{ ip, ipMode: 'VIP' }] } };
    try {
      this.store.update(SERVICES, next, ACTOR, { subresource: 'status' });
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      this.queue.addAfter(keyOf(svc), 1000);
    }
  }

  /** The lowest free address of the pool (MetalLB hands them out in order). */
  private allocate(uid: string): string | undefined {
    for (let octet = POOL_FIRST; octet <= POOL_LAST; octet++) {
      const ip = `${POOL_PREFIX}${octet}`;
      if (!this.allocated.has(ip)) {
        this.allocated.set(ip, uid);
        return ip;
      }
    }
    return undefined;
  }

  private ipOf(uid: string): string | undefined {
    for (const [ip, owner] of this.allocated) if (owner === uid) return ip;
    return undefined;
  }

  private release(uid: string): void {
    for (const [ip, owner] of [...this.allocated]) if (owner === uid) this.allocated.delete(ip);
  }
}

function wantsLoadBalancer(svc: Obj): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec?.loadBalancerClass && !svc.metadata.deletionTimestamp;
}

function lastOctet(ip: string): number {
  return Number(ip.slice(ip.lastIndexOf('.') + 1));
}

function keyOf(obj: Obj): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}
