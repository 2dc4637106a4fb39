/**
 * Cluster DNS: what CoreDNS's kubernetes plugin answers (kubeadm's Corefile: `kubernetes
 * cluster.local in-addr.arpa ip6.arpa { pods insecure }`), and how a pod's resolver walks its
 * /etc/resolv.conf (the kubelet's ClusterFirst file: `search <ns>.svc.cluster.local
 * svc.cluster.local cluster.local`, `options ndots:5`).
 *
 * Records (coredns/plugin/kubernetes, the DNS spec of kubernetes/dns docs/specification.md):
 * - `<svc>.<ns>.svc.cluster.local` A: the ClusterIP; for a headless Service, the ready endpoint IPs.
 * - `<hostname>.<svc>.<ns>.svc.cluster.local` A: the endpoint with that hostname (StatefulSet pods
 *   whose subdomain is a headless Service), or `<a-b-c-d>` for an endpoint without one.
 * - `<a-b-c-d>.<ns>.pod.cluster.local` A: a.b.c.d (`pods insecure` answers without checking).
 * Names outside cluster.local would go to the node's upstream resolvers, which the playground does
 * not have: they are NXDOMAIN. AAAA queries of existing names are NOERROR without answers (IPv4 cluster).
 */
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { DnsReply } from '../runtime/proc.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const KUBE_DNS_IP = '10.96.0.10';

const SERVICES = preferredResourceForKind('Service')!;
const SLICES = preferredResourceForKind('EndpointSlice')!;

const NXDOMAIN: DnsReply = { rcode: 'NXDOMAIN', addresses: [] };

interface SliceEndpoint {
  addresses?: string[];
  hostname?: string;
  conditions?: { ready?: boolean };
}

/** What CoreDNS answers for one name (trailing dot optional, case-insensitive). */
export function coreDNSAnswer(store: ObjectStore, name: string, type: 'A' | 'AAAA'): DnsReply {
  const fqdn = name.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return NXDOMAIN;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  const addresses = clusterRecord(store, labels);
  if (addresses === undefined) return NXDOMAIN;
  return { rcode: 'NOERROR', addresses: type === 'A' ? addresses : [] };
}

/** CoreDNS's PTR answer for an address: a Service's ClusterIP, or an endpoint's IP under its Service. */
export function coreDNSReverse(store: ObjectStore, ip: string): string | undefined {
  for (const svc of store.list(SERVICES)) {
    if ((svc.spec as { clusterIP?: string }).clusterIP === ip) return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
  }
  for (const slice of store.list(SLICES)) {
    const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!svcName) continue;
    for (const e of ((slice as unknown as { endpoints?: SliceEndpoint[] }).endpoints ?? [])) {
      if (e.addresses?.includes(ip)) return `${e.hostname ?? ip.replace(/\./g, '-')}.${svcName}.${slice.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
    }
  }
  return undefined;
}

/** The A records of a name under cluster.local (its labels before it), undefined: no such name. */
function clusterRecord(store: ObjectStore, labels: string[]): string[] | undefined {
  const kind = labels[labels.length - 1];
  if (kind === 'pod' && labels.length === 3) {
    const ip = labels[0]!.split('-');
    return ip.length === 4 && ip.every((o) => /^\d{1,3}$/.test(o) && Number(o) < 256) ? [ip.join('.')] : undefined;
  }
  if (kind !== 'svc' || (labels.length !== 3 && labels.length !== 4)) return undefined;
  const [svcName, ns] = labels.length === 3 ? [labels[0]!, labels[1]!] : [labels[1]!, labels[2]!];
  const svc = store.get(SERVICES, ns, svcName);
  if (!svc) return undefined;
  const spec = svc.spec as { clusterIP?: string; type?: string };
  const headless = spec.clusterIP === 'None';
  if (labels.length === 3) {
    if (spec.type === 'ExternalName') return []; // a CNAME; its target is outside the cluster
    if (!headless) return spec.clusterIP ? [spec.clusterIP] : undefined;
    const ips = readyEndpoints(store, ns, svcName).flatMap((e) => e.addresses ?? []);
    return ips.length > 0 ? [...new Set(ips)] : undefined;
  }
  // Endpoint names exist for headless Services only.
  if (!headless) return undefined;
  const host = labels[0]!;
  for (const e of readyEndpoints(store, ns, svcName)) {
    const ip = e.addresses?.[0];
    if (ip === undefined) continue;
    if (e.hostname === host || (e.hostname === undefined && ip.replace(/\./g, '-') === host)) return [ip];
  }
  return undefined;
}

function readyEndpoints(store: ObjectStore, ns: string, svcName: string): SliceEndpoint[] {
  const out: SliceEndpoint[] = [];
  for (const slice of store.list(SLICES, ns)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svcName) continue;
    for (const e of ((slice as unknown as { endpoints?: SliceEndpoint[] }).endpoints ?? [])) {
      // A nil ready condition means ready (discovery/v1 EndpointConditions).
      if (e.conditions?.ready !== false) out.push(e);
    }
  }
  return out;
}

/** The parts of /etc/resolv.conf a stub resolver reads. */
export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
}

/** The file the kubelet writes for a ClusterFirst pod (containerd writes search, nameserver, options). */
export function clusterFirstResolvConf(namespace: string): string {
  return `search ${namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${KUBE_DNS_IP}\noptions ndots:5\n`;
}

export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) conf.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') conf.search = rest;
    else if (key === 'options') {
      for (const o of rest) if (o.startsWith('ndots:')) conf.ndots = Math.min(15, Number(o.slice(6)) || 0);
    }
  }
  return conf;
}

/**
 * The names musl's getaddrinfo tries, in order (src/network/lookup_name.c name_from_dns_search):
 * with fewer dots than ndots, the name under each search domain first, then the name itself; with
 * enough dots, or a trailing dot, the name alone.
 */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  if (dots >= conf.ndots) return [name];
  return [...conf.search.map((d) => `${name}.${d}`), name];
}
