/**
 * kube-proxy in iptables mode for one node (cmd/kube-proxy, pkg/proxy/iptables/proxier.go v1.31).
 * Informers on Services and EndpointSlices request a sync; syncs go through a bounded-frequency
 * runner as upstream's (`async.NewBoundedFrequencyRunner("sync-runner", syncProxyRules,
 * minSyncPeriod, time.Hour, burstSyncs=2)`): a token bucket of 2 refilled once per minSyncPeriod
 * (default 1s), and a resync at the latest an hour after the last one. The rule tables are kept
 * as data (rules.ts), printed by `iptablesSave`.
 */
import { Informer } from '../api/informer.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS, formatRFC1123Z } from '../kernel/time.ts';
import type { AgendaEntry } from '../kernel/agenda.ts';
import { endpointsFor, servicePorts, type EndpointInfo, type ServicePortInfo } from './model.ts';
import { ctime, saveTable } from './rules.ts';
import { buildTables, serviceOrder, type BuildOptions, type Tables } from './tables.ts';

const SERVICES = preferredResourceForKind('Service')!;
const ENDPOINTSLICES = preferredResourceForKind('EndpointSlice')!;

/**
 * KubeProxyConfiguration defaults (pkg/proxy/apis/config/v1alpha1/defaults.go): iptables.minSyncPeriod 1s,
 * syncPeriod 30s. Since v1.28 syncPeriod only paces the canary-chain monitor (ipt.Monitor), which
 * forces a sync when KUBE-PROXY-CANARY disappears; nothing here flushes tables, so it is not scheduled.
 */
export const MIN_SYNC_PERIOD_MS = 1000;
export const SYNC_PERIOD_MS = 30_000;
/** proxier.go: burstSyncs, and the BoundedFrequencyRunner's maxInterval (time.Hour). */
const BURST_SYNCS = 2;
const MAX_INTERVAL_MS = 3_600_000;

export interface KubeProxyOptions {
  /** --cluster-cidr (kubeadm passes the podSubnet): enables the `! -s <cidr> -j KUBE-MARK-MASQ` rules. */
  clusterCIDR?: string;
  /** Model the kubelet's chains too (KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY, KUBE-FIREWALL jumps). Default true. */
  kubeletChains?: boolean;
  minSyncPeriodMs?: number;
  /** This node's flannel lease (node.spec.podCIDR, e.g. 10.244.1.0/24): adds flanneld's chains, network = clusterCIDR. */
  flannelPodCIDR?: string;
}

/** The `recent` module's tables: list name → source IP → last-seen virtual ms. */
export type RecentState = Map<string, Map<string, number>>;

export class KubeProxy {
  tables: Tables;
  /** Service ports and their endpoints as of the last sync (what the rules were built from). */
  services: ServicePortInfo[] = [];
  endpoints = new Map<string, EndpointInfo[]>();
  readonly recent: RecentState = new Map();
  syncCount = 0;
  lastSyncMs: number | undefined;

  private readonly opts: Required<Omit<KubeProxyOptions, 'flannelPodCIDR'>> & { flannelPodCIDR?: string };
  private svcInformer: Informer | undefined;
  private sliceInformer: Informer | undefined;
  private tokens = BURST_SYNCS;
  private tokensAtMs = 0;
  private pending: AgendaEntry | undefined;
  private periodic: AgendaEntry | undefined;
  private started = false;

  constructor(
    readonly kernel: Kernel,
    private readonly store: ObjectStore,
    readonly nodeName: string,
    readonly nodeIP: string,
    options: KubeProxyOptions = {},
  ) {
    this.opts = {
      clusterCIDR: options.clusterCIDR ?? '',
      kubeletChains: options.kubeletChains ?? true,
      minSyncPeriodMs: options.minSyncPeriodMs ?? MIN_SYNC_PERIOD_MS,
      ...(options.flannelPodCIDR ? { flannelPodCIDR: options.flannelPodCIDR } : {}),
    };
    // Before the first sync the node has only the base chains.
    this.tables = buildTables([], new Map(), this.buildOptions()).tables;
  }

  get clusterCIDR(): string | undefined {
    return this.opts.clusterCIDR || undefined;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.svcInformer = new Informer(this.store, SERVICES);
    this.sliceInformer = new Informer(this.store, ENDPOINTSLICES);
    const handlers = { onAdd: () => this.requestSync(), onUpdate: () => this.requestSync(), onDelete: () => this.requestSync() };
    // Upstream syncs once both caches have synced, then on every change; the replayed adds below
    // collapse into that first sync.
    this.svcInformer.addEventHandler(handlers);
    this.sliceInformer.addEventHandler(handlers);
    this.requestSync();
  }

  /** BoundedFrequencyRunner.Run(): run now if the token bucket allows it, else when it will. */
  requestSync(): void {
    if (!this.started || this.pending) return;
    this.refill();
    let delay = 0;
    if (this.tokens < 1) {
      const untilToken = (1 - this.tokens) * this.opts.minSyncPeriodMs;
      const sinceLast = this.lastSyncMs === undefined ? Infinity : this.kernel.nowMs - this.lastSyncMs;
      delay = Math.max(untilToken, this.opts.minSyncPeriodMs - sinceLast, 0);
    }
    this.pending = this.kernel.after(delay, `kube-proxy/${this.nodeName}: sync`, () => {
      this.pending = undefined;
      this.refill();
      this.tokens = Math.max(0, this.tokens - 1);
      this.syncProxyRules();
    });
  }

  private refill(): void {
    const now = this.kernel.nowMs;
    this.tokens = Math.min(BURST_SYNCS, this.tokens + (now - this.tokensAtMs) / this.opts.minSyncPeriodMs);
    this.tokensAtMs = now;
  }

  private buildOptions(): BuildOptions {
    const o: BuildOptions = { kubeletChains: this.opts.kubeletChains, nodeIP: this.nodeIP };
    if (this.opts.clusterCIDR) o.clusterCIDR = this.opts.clusterCIDR;
    if (this.opts.flannelPodCIDR && this.opts.clusterCIDR) o.flannel = { network: this.opts.clusterCIDR, podCIDR: this.opts.flannelPodCIDR };
    return o;
  }

  /** One full sync: read the caches, rebuild every table, log it. */
  syncProxyRules(): void {
    const slices = this.sliceInformer?.list() ?? this.store.list(ENDPOINTSLICES);
    const services = (this.svcInformer?.list() ?? this.store.list(SERVICES)).flatMap((svc) => servicePorts(svc)).sort(serviceOrder);
    const endpoints = new Map<string, EndpointInfo[]>();
    for (const sp of services) endpoints.set(sp.spn, endpointsFor(sp, slices, this.nodeName));
    const result = buildTables(services, endpoints, this.buildOptions());
    this.tables = result.tables;
    this.services = services;
    this.endpoints = endpoints;
    this.syncCount++;
    this.lastSyncMs = this.kernel.nowMs;
    const c = result.counts;
    // The klog line of a sync: `"Reloading service iptables data" numServices=.. numEndpoints=..`.
    this.kernel.record({
      source: `kube-proxy/${this.nodeName}`,
      type: 'decision',
      reason: 'SyncProxyRules',
      message: `Reloading service iptables data numServices=${result.numServices} numEndpoints=${result.numEndpoints} numFilterChains=${c.filterChains} numFilterRules=${c.filterRules} numNATChains=${c.natChains} numNATRules=${c.natRules}`,
      data: { services: result.numServices, endpoints: result.numEndpoints },
    });
    if (this.periodic) this.kernel.agenda.cancel(this.periodic);
    this.periodic = this.kernel.after(MAX_INTERVAL_MS, `kube-proxy/${this.nodeName}: periodic sync`, () => {
      this.periodic = undefined;
      this.requestSync();
    });
  }

  /**
   * `iptables-save [-t table]` on this node (legacy backend). Without -t the tables come in the
   * order the kernel lists them in /proc/net/ip_tables_names, which depends on module load order;
   * published kubeadm + flannel nodes show mangle, filter, nat (the kubelet creates its mangle
   * hint chain first), so that order is used.
   */
  iptablesSave(table?: 'nat' | 'filter' | 'mangle'): string {
    const when = ctime(formatRFC1123Z(EPOCH_MS + this.kernel.nowMs));
    const names = table ? [table] : (['mangle', 'filter', 'nat'] as const);
    return names.map((t) => saveTable(this.tables[t], when)).join('');
  }
}
