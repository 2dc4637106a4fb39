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
import type { TimelineEvent } from '../kernel/timeline.ts';
import { pickEndpoint, type PickRequest, type PickResult } from '../proxy/pick.ts';
import { cidrContains, savedProbability } from '../proxy/rules.ts';
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

/** kubeadm's podSubnet for flannel (kube-proxy's --cluster-cidr, flanneld's network). */
const POD_NETWORK = '10.244.0.0/16';

/** One hop on the pod network (a SYN and its answer, a DNS query and its reply). */
export const HOP_MS = 1;
/** Linux gives up a connect whose SYNs get no answer after 6 retries (tcp_syn_retries): ~127 s. */
export const CONNECT_TIMEOUT_MS = 127_000;
/** musl's resolver: 5 s per attempt, 2 attempts (RES_TIMEOUT, RES_DFLRETRY). */
export const DNS_TIMEOUT_MS = 10_000;

/** Flannel's VXLAN device and the kernel's default VXLAN port, which flannel's vxlan backend uses on Linux. */
export const FLANNEL_VXLAN_PORT = 8472;

/**
 * One leg of a packet's way between nodes: `cni0` inside a node (the bridge to the Pod's veth),
 * `flannel.1` to a Pod on another node (VXLAN: the frame goes inside UDP from one node's
 * address to the other's, port 8472), `eth0` to another node's own address (a NodePort there).
 */
export interface Hop {
  from: string;
  to: string;
  via: 'cni0' | 'flannel.1' | 'eth0';
  /** For `flannel.1`: the outer UDP packet between the nodes' addresses. */
  outer?: { src: string; dst: string; port: number };
}

/** A kube-proxy verdict, recorded once the request's answer is known (so the entry holds the response). */
type Decision = Omit<TimelineEvent, 't'> & { data: Record<string, unknown> };

type Outcome =
  /**
   * `snatNode`: kube-proxy's MASQUERADE mark was set on this node, which rewrites the source.
   * `srcIP`: the source address as it reached the node that decided (flannel masquerades a Pod's
   * packet to another node's own address to that node's address).
   */
  | { kind: 'deliver'; ip: string; port: number; snatNode?: string; srcIP?: string; decision?: Decision }
  /** `local`: the REJECT happened on the client's own node (the ICMP error never crosses the network). */
  | { kind: 'refused'; local: boolean; decision?: Decision }
  | { kind: 'timeout'; decision?: Decision };

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
        if (route.kind !== 'deliver' || !this.isCoreDNS(route.ip)) {
          this.commit(route, { error: 'no answer' });
          return { name: undefined, delayMs: DNS_TIMEOUT_MS };
        }
        const name = coreDNSReverse(this.store, ip);
        this.commit(route, { dns: name === undefined ? 'NXDOMAIN' : 'NOERROR' });
        return { name, delayMs: 2 * HOP_MS };
      },
    };
  }

  /** One DNS query from a container to its nameserver, through kube-proxy's rules when that is a Service. */
  query(from: NetSource, nameserver: string, name: string, type: QueryType): { reply: ClusterDnsReply | undefined; delayMs: number } {
    const route = this.route(from, nameserver, 53, 'UDP');
    if (route.kind !== 'deliver' || !this.isCoreDNS(route.ip)) {
      this.commit(route, { error: 'no answer' });
      return { reply: undefined, delayMs: DNS_TIMEOUT_MS };
    }
    const reply = coreDNSAnswer(this.store, name, type);
    this.commit(route, { dns: reply.rcode });
    return { reply, delayMs: 2 * HOP_MS };
  }

  /** A TCP connection and one HTTP GET from a container to ip:port. */
  httpGet(from: NetSource, ip: string, port: number, path: string, timeoutMs: number, req?: Omit<HttpRequestInfo, 'remoteIP'>): HttpResult {
    return this.exchange(from, ip, port, path, timeoutMs, req).result;
  }

  /**
   * `httpGet`, and where the connection went: the address that answered (after kube-proxy's DNAT)
   * and the hops between nodes. The traffic generator (traffic.ts) reports these.
   */
  exchange(from: NetSource, ip: string, port: number, path: string, timeoutMs: number, req?: Omit<HttpRequestInfo, 'remoteIP'>): { result: HttpResult; served?: { ip: string; port: number }; hops: Hop[] } {
    const loopback = ip === '127.0.0.1';
    const route = this.route(from, loopback ? from.podIP : ip, port, 'TCP', loopback);
    const timeout = (): HttpResult => ({ kind: 'timeout', delayMs: Math.min(timeoutMs, CONNECT_TIMEOUT_MS) });
    if (route.kind === 'refused') {
      this.commit(route, { error: 'connection refused' });
      // kube-proxy's REJECT on the client's own node answers at once (ICMP port unreachable from the local stack).
      return { result: { kind: 'refused', delayMs: route.local ? 0 : HOP_MS }, hops: [] };
    }
    if (route.kind === 'timeout') {
      this.commit(route, { error: 'timed out' });
      return { result: timeout(), hops: [] };
    }
    const hops = (route.decision?.data.hops as Hop[] | undefined) ?? this.hopsTo(from.node, from.node, route.ip);
    const handler = this.runtime.listenerAt(route.ip, route.port);
    if (!handler) {
      // A host that is there answers a SYN to a closed port with RST; an address nobody has, never.
      const owned = this.owned(route.ip);
      this.commit(route, { error: owned ? 'connection refused' : 'timed out' });
      return { result: owned ? { kind: 'refused', delayMs: HOP_MS } : timeout(), served: { ip: route.ip, port: route.port }, hops };
    }
    const answer = req ? handler(path, { ...req, remoteIP: loopback ? '127.0.0.1' : this.sourceSeen(from, route) }) : handler(path);
    const delayMs = HOP_MS + answer.delayMs;
    const served = { ip: route.ip, port: route.port };
    if (delayMs > timeoutMs) {
      this.commit(route, { error: 'timed out' });
      return { result: { kind: 'timeout', delayMs: timeoutMs }, served, hops };
    }
    this.commit(route, { status: answer.status });
    return { result: { kind: 'answer', status: answer.status, body: answer.body ?? '', delayMs }, served, hops };
  }

  /** Records kube-proxy's decision for this packet, if its rules made one, with the response it got. */
  private commit(route: Outcome, response: Record<string, unknown>): void {
    const d = route.decision;
    if (!d) return;
    d.data.response = response;
    const answer = response.status !== undefined ? `HTTP ${String(response.status)}` : response.dns !== undefined ? String(response.dns) : String(response.error);
    this.kernel.record(d.reason === 'LoadBalance' ? { ...d, message: `${d.message}: ${answer}` } : d);
  }

  /**
   * The hops from the client's node to a Pod address: via `viaNode` (a node whose own address the
   * client sent to: a NodePort there) over eth0, then the bridge on that node, or flannel's VXLAN
   * device to the Pod's node.
   */
  hopsTo(clientNode: string, viaNode: string, podIP: string): Hop[] {
    const hops: Hop[] = [];
    if (viaNode !== clientNode) hops.push({ from: clientNode, to: viaNode, via: 'eth0' });
    const pod = this.podByIP(podIP);
    const dst = pod?.spec?.nodeName as string | undefined;
    if (!pod || pod.spec?.hostNetwork || dst === undefined) return hops;
    if (dst === viaNode) hops.push({ from: viaNode, to: dst, via: 'cni0' });
    else hops.push({ from: viaNode, to: dst, via: 'flannel.1', outer: { src: this.nodeIPOf(viaNode), dst: this.nodeIPOf(dst), port: FLANNEL_VXLAN_PORT } });
    return hops;
  }

  private nodeIPOf(node: string): string {
    return this.proxies.get(node)?.nodeIP ?? '';
  }

  /** Where a packet to ip:port ends up: kube-proxy's rules on the source node, then on a node it is addressed to. */
  private route(from: NetSource, ip: string, port: number, protocol: string, loopback = false): Outcome {
    if (loopback) return { kind: 'deliver', ip, port };
    const proxy = this.proxies.get(from.node);
    if (!proxy) return { kind: 'deliver', ip, port };
    const local = from.podIP === proxy.nodeIP;
    const first = pickEndpoint(proxy, { clusterIP: ip, port, protocol, sourceIP: from.podIP, sourceLocal: local }, this.kernel.rng);
    if (first.kind !== 'none') {
      // The node's own address: the walk went through KUBE-NODEPORTS.
      const req = ip === proxy.nodeIP ? { nodePort: port, nodeIP: ip, protocol } : { clusterIP: ip, port, protocol };
      return this.decide(proxy, from, req, first, from.podIP);
    }
    // Not a Service address here: a NodePort on another node is that node's rules' to handle. A Pod's
    // packet to a node address (outside the pod network) leaves masqueraded to its node's address
    // (flanneld's FLANNEL-POSTRTG), so the other node's rules see that node as the source.
    for (const other of this.proxies.values()) {
      if (other === proxy || other.nodeIP !== ip) continue;
      const sourceIP = local || !this.inPodNetwork(from.podIP) ? from.podIP : proxy.nodeIP;
      const r = pickEndpoint(other, { nodePort: port, protocol, sourceIP }, this.kernel.rng);
      if (r.kind !== 'none') return this.decide(other, from, { nodePort: port, nodeIP: ip, protocol }, r, sourceIP);
    }
    return { kind: 'deliver', ip, port };
  }

  private inPodNetwork(ip: string): boolean {
    return cidrContains(POD_NETWORK, ip);
  }

  /** kube-proxy's verdict for a Service's packet: where the packet goes, and the timeline entry to record for it. */
  private decide(proxy: KubeProxy, from: NetSource, req: Pick<PickRequest, 'clusterIP' | 'port' | 'nodePort' | 'protocol'> & { nodeIP?: string }, r: Exclude<PickResult, { kind: 'none' }>, sourceIP: string): Outcome {
    const svc = this.serviceFor(req);
    const svcName = svc ? `${svc.metadata.namespace}/${svc.metadata.name}` : '?';
    // kube-proxy names a Service port `ns/name:port-name` (`ns/name` when the port has no name).
    const ports = (svc?.spec as { ports?: { name?: string; port?: number; nodePort?: number; protocol?: string }[] } | undefined)?.ports ?? [];
    const portName = ports.find((p) => (req.nodePort !== undefined ? p.nodePort === req.nodePort : p.port === req.port) && (p.protocol ?? 'TCP') === (req.protocol ?? 'TCP'))?.name;
    const portLabel = portName ? `${svcName}:${portName}` : svcName;
    const dest = req.nodePort !== undefined ? `${req.nodeIP}:${req.nodePort}` : `${req.clusterIP}:${req.port}`;
    const object = svc ? { kind: 'Service', namespace: svc.metadata.namespace, name: svc.metadata.name, uid: svc.metadata.uid } : undefined;
    const source = `kube-proxy/${proxy.nodeName}`;
    // Each statistic rule evaluated: its probability as iptables-save prints it, and the draw as a fraction of 2^31.
    const picks = r.statistics.map((s) => ({ jump: s.jump, probability: savedProbability(s.probability), draw: s.draw / 0x80000000, matched: s.matched }));
    const base = { client: from.podIP, service: svcName, servicePort: portLabel, rulesWalked: r.rulesWalked, draws: r.draws, picks };
    if (r.kind === 'endpoint') {
      const [ip, p] = r.endpoint.split(':');
      const pod = this.podByIP(ip!);
      const podName = pod ? `${pod.metadata.namespace}/${pod.metadata.name}` : undefined;
      const hops = this.hopsTo(from.node, proxy.nodeName, ip!);
      const vxlan = hops.find((h) => h.via === 'flannel.1');
      const decision: Decision = {
        source, type: 'decision', reason: 'LoadBalance', ...(object ? { object } : {}),
        message: `${portLabel}: ${dest} → ${r.endpoint} (${describeWalk(r.rulesWalked, r.draws)})${vxlan ? ` via flannel.1 (VXLAN) to ${vxlan.to}` : ''}`,
        data: { ...base, endpoint: r.endpoint, pod: podName, node: pod?.spec?.nodeName, hops },
      };
      return {
        kind: 'deliver', ip: ip!, port: Number(p), decision,
        ...(r.masquerade ? { snatNode: proxy.nodeName } : {}),
        ...(proxy.nodeName !== from.node ? { srcIP: sourceIP } : {}),
      };
    }
    const last = r.rulesWalked[r.rulesWalked.length - 1] ?? '';
    const why =
      r.kind === 'reject'
        ? 'has no endpoints: REJECT (connection refused)'
        : last.includes(' traffic not accepted by KUBE-FW-')
          ? `source ${sourceIP} not in loadBalancerSourceRanges: DROP (KUBE-PROXY-FIREWALL)`
          : 'has no local endpoints: DROP';
    const decision: Decision = {
      source, type: 'decision', reason: r.kind === 'reject' ? 'Reject' : 'Drop', ...(object ? { object } : {}),
      message: `${portLabel}: ${dest} ${why}`, data: base,
    };
    return r.kind === 'reject' ? { kind: 'refused', local: proxy.nodeName === from.node, decision } : { kind: 'timeout', decision };
  }

  /**
   * The client address the server sees. A pod's own address, unless kube-proxy marked the packet for
   * MASQUERADE (KUBE-POSTROUTING): then, like a node's own traffic, it leaves with the address of the
   * interface toward the Pod on the node doing it: cni0 (the first address of the node's podCIDR) for
   * a Pod there, flannel.1 (the podCIDR's network address) for a Pod on another node.
   */
  private sourceSeen(from: NetSource, route: Extract<Outcome, { kind: 'deliver' }>): string {
    if (route.ip === from.podIP) return from.podIP;
    const fromNode = [...this.proxies.values()].find((p) => p.nodeIP === from.podIP)?.nodeName;
    // A packet that crossed to another node's address keeps the source it arrived with unless that node masqueraded it.
    const natNode = route.snatNode ?? (route.srcIP === undefined ? fromNode : undefined);
    if (natNode === undefined) return route.srcIP ?? from.podIP;
    const cidr = this.store.get(NODES, '', natNode)?.spec?.podCIDR as string | undefined;
    const dstNode = this.podByIP(route.ip)?.spec?.nodeName as string | undefined;
    if (!cidr) return from.podIP;
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
