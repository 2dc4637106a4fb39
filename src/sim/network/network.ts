/**
 * The pod network's request path, as a packet takes it on a kubeadm cluster with flannel and
 * kube-proxy in iptables mode:
 *
 *   name → the pod's resolver (/etc/resolv.conf) → a UDP query to kube-dns (10.96.0.10:53), itself
 *   a Service: kube-proxy's rules on the source node pick a CoreDNS pod → CoreDNS answers;
 *   address:port → nat PREROUTING on the source node (`pickEndpoint`): a ClusterIP is DNAT'd to an
 *   endpoint, a Service without endpoints REJECTs (connection refused), a DROP or an address nobody
 *   owns times out; a node IP + nodePort is walked again on that node; a pod IP goes straight there
 *   → what the chosen container listens on answers (the runtime's listeners).
 *
 * Every request a Service's rules handle is recorded in the timeline as kube-proxy's decision
 * (`LoadBalance`, `Reject`, `Drop`), with the rules walked and the random draws, for the UI.
 */
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { pickEndpoint, type PickRequest, type PickResult } from '../proxy/pick.ts';
import type { KubeProxy } from '../proxy/proxier.ts';
import type { HttpRequestInfo, HttpResult, ProcNet } from '../runtime/proc.ts';
import type { NetSource, NetworkBackend, SimRuntime } from '../runtime/runtime.ts';
import { clusterFirstResolvConf, coreDNSAnswer, coreDNSReverse, parseResolvConf, searchCandidates, type ClusterDnsReply, type QueryType } from './resolver.ts';

/** getaddrinfo's answer, plus the CNAME it met when the name is an ExternalName Service. */
export interface ClusterLookup {
  addresses: string[];
  delayMs: number;
  /** The name resolved to a CNAME whose target is outside the cluster (external DNS is not simulated). */
  external?: { name: string; cname: string };
}

/** The network as a container's programs see it on this cluster: ProcNet with SRV/CNAME queries and CNAME-aware lookups. */
export interface ClusterNet extends ProcNet {
  query(name: string, type: QueryType, server?: string): { reply: ClusterDnsReply | undefined; delayMs: number };
  lookup(host: string): ClusterLookup;
}

const SERVICES = preferredResourceForKind('Service')!;
const PODS = preferredResourceForKind('Pod')!;
const NODES = preferredResourceForKind('Node')!;

/** One hop on the pod network (a SYN and its answer, a DNS query and its reply). */
export const HOP_MS = 1;
/** Linux gives up a connect whose SYNs get no answer after 6 retries (tcp_syn_retries): ~127 s. */
export const CONNECT_TIMEOUT_MS = 127_000;
/** musl's resolver: 5 s per attempt, 2 attempts (RES_TIMEOUT, RES_DFLRETRY). */
export const DNS_TIMEOUT_MS = 10_000;

type Outcome =
  /** `snatNode`: kube-proxy's MASQUERADE mark was set on this node, which rewrites the source. */
  | { kind: 'deliver'; ip: string; port: number; snatNode?: string }
  | { kind: 'refused' }
  | { kind: 'timeout' };

export class Network implements NetworkBackend {
  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly proxies: ReadonlyMap<string, KubeProxy>,
    private readonly runtime: SimRuntime,
  ) {}

  /** The network as one container's programs see it. */
  attach(from: NetSource): ClusterNet {
    const conf = parseResolvConf(from.fs.get('/etc/resolv.conf') ?? clusterFirstResolvConf(from.namespace));
    const nameserver = conf.nameservers[0] ?? '127.0.0.1';
    const query = (name: string, type: QueryType, server?: string) => this.query(from, server ?? nameserver, name, type);
    return {
      nameserver,
      search: conf.search,
      query,
      lookup: (host): ClusterLookup => {
        if (isIPv4(host)) return { addresses: [host], delayMs: 0 };
        // /etc/hosts (the kubelet's): localhost, and the pod's own name.
        if (host === 'localhost') return { addresses: ['127.0.0.1'], delayMs: 0 };
        let delayMs = 0;
        for (const candidate of searchCandidates(host, conf)) {
          const q = query(candidate, 'A');
          delayMs += q.delayMs;
          if (!q.reply) return { addresses: [], delayMs };
          if (q.reply.rcode === 'NOERROR' && q.reply.addresses.length > 0) return { addresses: q.reply.addresses, delayMs };
          // musl (lookup_name.c name_from_dns): a NOERROR answer without addresses is EAI_NODATA, which
          // ends the search; a CNAME whose target needs DNS outside the cluster ends here too.
          if (q.reply.cname !== undefined) {
            return q.reply.external ? { addresses: [], delayMs, external: { name: candidate, cname: q.reply.cname } } : { addresses: [], delayMs };
          }
        }
        return { addresses: [], delayMs };
      },
      httpGet: (ip, port, path, timeoutMs, req) => this.httpGet(from, ip, port, path, timeoutMs, req),
      reverse: (ip) => {
        const route = this.route(from, nameserver, 53, 'UDP');
        if (route.kind !== 'deliver' || !this.isCoreDNS(route.ip)) return { name: undefined, delayMs: DNS_TIMEOUT_MS };
        return { name: coreDNSReverse(this.store, ip), delayMs: 2 * HOP_MS };
      },
    };
  }

  /** One DNS query from a container to its nameserver, through kube-proxy's rules when that is a Service. */
  query(from: NetSource, nameserver: string, name: string, type: QueryType): { reply: ClusterDnsReply | undefined; delayMs: number } {
    const route = this.route(from, nameserver, 53, 'UDP');
    if (route.kind !== 'deliver' || !this.isCoreDNS(route.ip)) return { reply: undefined, delayMs: DNS_TIMEOUT_MS };
    return { reply: coreDNSAnswer(this.store, name, type), delayMs: 2 * HOP_MS };
  }

  /** A TCP connection and one HTTP GET from a container to ip:port. */
  httpGet(from: NetSource, ip: string, port: number, path: string, timeoutMs: number, req?: Omit<HttpRequestInfo, 'remoteIP'>): HttpResult {
    const loopback = ip === '127.0.0.1';
    const route = this.route(from, loopback ? from.podIP : ip, port, 'TCP');
    if (route.kind === 'refused') return { kind: 'refused', delayMs: HOP_MS };
    if (route.kind === 'timeout') return { kind: 'timeout', delayMs: Math.min(timeoutMs, CONNECT_TIMEOUT_MS) };
    const handler = this.runtime.listenerAt(route.ip, route.port);
    if (!handler) {
      // A host that is there answers a SYN to a closed port with RST; an address nobody has, never.
      return this.owned(route.ip) ? { kind: 'refused', delayMs: HOP_MS } : { kind: 'timeout', delayMs: Math.min(timeoutMs, CONNECT_TIMEOUT_MS) };
    }
    const answer = req ? handler(path, { ...req, remoteIP: loopback ? '127.0.0.1' : this.sourceSeen(from, route) }) : handler(path);
    const delayMs = HOP_MS + answer.delayMs;
    if (delayMs > timeoutMs) return { kind: 'timeout', delayMs: timeoutMs };
    return { kind: 'answer', status: answer.status, body: answer.body ?? '', delayMs };
  }

  /** Where a packet to ip:port ends up: kube-proxy's rules on the source node, then on a node it is addressed to. */
  private route(from: NetSource, ip: string, port: number, protocol: string): Outcome {
    if (ip === from.podIP) return { kind: 'deliver', ip, port };
    const proxy = this.proxies.get(from.node);
    if (!proxy) return { kind: 'deliver', ip, port };
    const local = from.podIP === proxy.nodeIP;
    const first = pickEndpoint(proxy, { clusterIP: ip, port, protocol, sourceIP: from.podIP, sourceLocal: local }, this.kernel.rng);
    if (first.kind !== 'none') return this.decide(proxy, from, { clusterIP: ip, port, protocol }, first);
    // Not a Service address here: a NodePort on another node is that node's rules' to handle.
    for (const other of this.proxies.values()) {
      if (other === proxy || other.nodeIP !== ip) continue;
      const r = pickEndpoint(other, { nodePort: port, protocol, sourceIP: from.podIP }, this.kernel.rng);
      if (r.kind !== 'none') return this.decide(other, from, { nodePort: port, nodeIP: ip, protocol }, r);
    }
    return { kind: 'deliver', ip, port };
  }

  /** Records kube-proxy's verdict for a Service's packet and turns it into where the packet goes. */
  private decide(proxy: KubeProxy, from: NetSource, req: Pick<PickRequest, 'clusterIP' | 'port' | 'nodePort' | 'protocol'> & { nodeIP?: string }, r: Exclude<PickResult, { kind: 'none' }>): Outcome {
    const svc = this.serviceFor(req);
    const svcName = svc ? `${svc.metadata.namespace}/${svc.metadata.name}` : '?';
    // kube-proxy names a Service port `ns/name:port-name` (`ns/name` when the port has no name).
    const ports = (svc?.spec as { ports?: { name?: string; port?: number; nodePort?: number; protocol?: string }[] } | undefined)?.ports ?? [];
    const portName = ports.find((p) => (req.nodePort !== undefined ? p.nodePort === req.nodePort : p.port === req.port) && (p.protocol ?? 'TCP') === (req.protocol ?? 'TCP'))?.name;
    const portLabel = portName ? `${svcName}:${portName}` : svcName;
    const dest = req.nodePort !== undefined ? `${req.nodeIP}:${req.nodePort}` : `${req.clusterIP}:${req.port}`;
    const object = svc ? { kind: 'Service', namespace: svc.metadata.namespace, name: svc.metadata.name, uid: svc.metadata.uid } : undefined;
    const source = `kube-proxy/${proxy.nodeName}`;
    const base = { client: from.podIP, service: svcName, servicePort: portLabel, rulesWalked: r.rulesWalked, draws: r.draws };
    if (r.kind === 'endpoint') {
      const pod = this.podByIP(r.endpoint.split(':')[0]!);
      const podName = pod ? `${pod.metadata.namespace}/${pod.metadata.name}` : undefined;
      this.kernel.record({
        source, type: 'decision', reason: 'LoadBalance', ...(object ? { object } : {}),
        message: `${portLabel}: ${dest} → ${r.endpoint} (${describeWalk(r.rulesWalked, r.draws)})`,
        data: { ...base, endpoint: r.endpoint, pod: podName, node: pod?.spec?.nodeName },
      });
      const [ip, p] = r.endpoint.split(':');
      return { kind: 'deliver', ip: ip!, port: Number(p), ...(r.masquerade ? { snatNode: proxy.nodeName } : {}) };
    }
    const last = r.rulesWalked[r.rulesWalked.length - 1] ?? '';
    const why =
      r.kind === 'reject'
        ? 'has no endpoints: REJECT (connection refused)'
        : last.includes(' traffic not accepted by KUBE-FW-')
          ? `source ${from.podIP} not in loadBalancerSourceRanges: DROP (KUBE-PROXY-FIREWALL)`
          : 'has no local endpoints: DROP';
    this.kernel.record({
      source, type: 'decision', reason: r.kind === 'reject' ? 'Reject' : 'Drop', ...(object ? { object } : {}),
      message: `${portLabel}: ${dest} ${why}`, data: base,
    });
    return r.kind === 'reject' ? { kind: 'refused' } : { kind: 'timeout' };
  }

  /**
   * The client address the server sees. A pod's own address, unless kube-proxy marked the packet for
   * MASQUERADE (KUBE-POSTROUTING): then, like a node's own traffic, it leaves with the address of the
   * interface toward the Pod on the node doing it: cni0 (the first address of the node's podCIDR) for
   * a Pod there, flannel.1 (the podCIDR's network address) for a Pod on another node.
   */
  private sourceSeen(from: NetSource, route: Extract<Outcome, { kind: 'deliver' }>): string {
    const fromNode = [...this.proxies.values()].find((p) => p.nodeIP === from.podIP)?.nodeName;
    const natNode = route.snatNode ?? fromNode;
    if (natNode === undefined) return from.podIP;
    const cidr = this.store.get(NODES, '', natNode)?.spec?.podCIDR as string | undefined;
    const dstNode = this.podByIP(route.ip)?.spec?.nodeName as string | undefined;
    if (!cidr || route.ip === from.podIP) return from.podIP;
    const [a, b, c] = cidr.split('/')[0]!.split('.');
    return `${a}.${b}.${c}.${dstNode === natNode ? 1 : 0}`;
  }

  private serviceFor(req: { clusterIP?: string; nodePort?: number }): KubeObject | undefined {
    return this.store.list(SERVICES).find((s) => {
      const spec = s.spec as { clusterIPs?: string[]; clusterIP?: string; externalIPs?: string[]; ports?: { nodePort?: number }[] };
      if (req.nodePort !== undefined) return (spec.ports ?? []).some((p) => p.nodePort === req.nodePort);
      const ingress = ((s.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip);
      return [spec.clusterIP, ...(spec.clusterIPs ?? []), ...(spec.externalIPs ?? []), ...ingress].includes(req.clusterIP);
    });
  }

  private podByIP(ip: string): KubeObject | undefined {
    const pods = this.store.list(PODS).filter((p) => p.status?.podIP === ip && p.status?.phase === 'Running');
    return pods.find((p) => !p.spec?.hostNetwork) ?? pods[0];
  }

  private isCoreDNS(ip: string): boolean {
    const pod = this.podByIP(ip);
    return pod?.metadata.labels?.['k8s-app'] === 'kube-dns';
  }

  /** Whether a host has this address (a running container, a Running pod, a node). */
  private owned(ip: string): boolean {
    if (this.runtime.hasAddress(ip) || this.podByIP(ip)) return true;
    for (const p of this.proxies.values()) if (p.nodeIP === ip) return true;
    return false;
  }
}

function isIPv4(s: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(s);
}

/**
 * `KUBE-SVC-… → KUBE-SEP-…, p=0.33333333349, draw 0.72`: the Service chain, the endpoint chain it
 * jumped to, and the statistic match that chose it (its probability and the draw under it).
 */
export function describeWalk(rulesWalked: string[], draws: number[]): string {
  const sepRule = [...rulesWalked].reverse().find((r) => / -j KUBE-SEP-/.test(r));
  if (!sepRule) return rulesWalked.length > 0 ? (/^-A (\S+)/.exec(rulesWalked[rulesWalked.length - 1]!)?.[1] ?? '') : '';
  const chain = /^-A (\S+)/.exec(sepRule)?.[1] ?? '';
  const sep = / -j (KUBE-SEP-\S+)/.exec(sepRule)?.[1] ?? '';
  const p = / --probability (\S+)/.exec(sepRule)?.[1];
  const fraction = (d: number) => (d / 0x80000000).toFixed(2);
  const last = draws[draws.length - 1];
  if (p !== undefined && last !== undefined) return `${chain} → ${sep}, p=${p}, draw ${fraction(last)}`;
  if (draws.length > 0) return `${chain} → ${sep}, last rule, draws ${draws.map(fraction).join(', ')}`;
  return `${chain} → ${sep}`;
}
