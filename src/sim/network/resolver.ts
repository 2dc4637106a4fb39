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
 * - `<svc>.<ns>.svc.cluster.local` of an ExternalName Service: a CNAME to spec.externalName.
 * - SRV: `_<port>._<proto>.<svc>.<ns>.svc.cluster.local` (see `srvRecords`).
 * Names outside cluster.local would go to the node's upstream resolvers, which the playground does
 * not have: they are NXDOMAIN. AAAA queries of existing names are NOERROR without answers (IPv4 cluster).
 * Left out: the `loadbalance` plugin's shuffling of A records (headless answers keep slice order).
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

/** An SRV record as CoreDNS's kubernetes plugin builds it (plugin/backend_lookup.go SRV). */
export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  /** The target without its trailing dot, as nslookup prints it (ns_name_uncompress). */
  target: string;
}

/** A reply from the cluster DNS: the runtime's DnsReply plus the CNAME and SRV records. */
export interface ClusterDnsReply extends DnsReply {
  /** An ExternalName Service: the CNAME record CoreDNS answers with (spec.externalName). */
  cname?: string;
  /** The CNAME target is outside cluster.local: resolving it needs DNS outside the cluster, not simulated. */
  external?: boolean;
  srv?: SrvRecord[];
}

export type QueryType = 'A' | 'AAAA' | 'SRV' | 'CNAME';

/**
 * What CoreDNS answers for one name (trailing dot optional, case-insensitive).
 * ExternalName Services answer a CNAME to spec.externalName for every type (plugin/kubernetes
 * `findServices` gives a service whose Host is a name; backend_lookup.go A/AAAA add the CNAME record
 * and resolve its target: inside cluster.local themselves, outside through the upstream resolvers).
 * The playground has no upstream resolvers: a target outside the cluster is flagged `external` and
 * gets no address (never a made-up one); the callers say that external DNS is not simulated.
 */
export function coreDNSAnswer(store: ObjectStore, name: string, type: QueryType): ClusterDnsReply {
  const fqdn = name.toLowerCase().replace(/\.$/, '');
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return NXDOMAIN;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  const externalName = externalNameOf(store, labels);
  if (externalName !== undefined) {
    const target = externalName.toLowerCase().replace(/\.$/, '');
    if (type === 'CNAME') return { rcode: 'NOERROR', addresses: [], cname: target };
    if (!target.endsWith(suffix)) return { rcode: 'NOERROR', addresses: [], cname: target, external: true };
    // A target inside the cluster: CoreDNS follows it itself (one level here).
    const inner = coreDNSAnswer(store, target, type);
    return { rcode: 'NOERROR', addresses: inner.rcode === 'NOERROR' ? inner.addresses : [], cname: target, ...(inner.srv ? { srv: inner.srv } : {}) };
  }
  if (type === 'SRV') return srvRecords(store, labels) ?? NXDOMAIN;
  const addresses = clusterRecord(store, labels);
  if (addresses === undefined) return NXDOMAIN;
  return { rcode: 'NOERROR', addresses: type === 'A' ? addresses : [] };
}

function externalNameOf(store: ObjectStore, labels: string[]): string | undefined {
  if (labels.length !== 3 || labels[2] !== 'svc') return undefined;
  const svc = store.get(SERVICES, labels[1]!, labels[0]!);
  const spec = svc?.spec as { type?: string; externalName?: string } | undefined;
  return spec?.type === 'ExternalName' && spec.externalName ? spec.externalName : undefined;
}

interface SlicePortRef {
  name?: string;
  port?: number;
  protocol?: string;
}

/**
 * SRV records (plugin/kubernetes parse.go + kubernetes.go findServices, backend_lookup.go SRV):
 * `_<port>._<proto>.<svc>.<ns>.svc.cluster.local` for a named port, or `<svc>.<ns>.svc.cluster.local`
 * for every port (port and protocol default to the wildcard). A ClusterIP Service answers one record
 * per port with the Service's name as target; a headless one a record per ready endpoint with
 * `<hostname or a-b-c-d>.<svc>.<ns>.svc.cluster.local` as target. Priority 0; the weights of one
 * priority share 100 (floor(100 / n), at least 1).
 */
function srvRecords(store: ObjectStore, labels: string[]): ClusterDnsReply | undefined {
  if (labels[labels.length - 1] !== 'svc') return undefined;
  let port = '*';
  let proto = '*';
  if (labels.length === 5) {
    if (!labels[0]!.startsWith('_') || !labels[1]!.startsWith('_')) return undefined;
    port = labels[0]!.slice(1);
    proto = labels[1]!.slice(1);
  } else if (labels.length !== 3) {
    return undefined;
  }
  const [svcName, ns] = [labels[labels.length - 3]!, labels[labels.length - 2]!];
  const svc = store.get(SERVICES, ns, svcName);
  if (!svc) return undefined;
  const spec = svc.spec as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
  const matches = (p: { name?: string; protocol?: string }) =>
    (port === '*' || (p.name ?? '') === port) && (proto === '*' || (p.protocol ?? 'TCP').toLowerCase() === proto);
  const hosts: { port: number; target: string }[] = [];
  const base = `${svcName}.${ns}.svc.${CLUSTER_DOMAIN}`;
  if (spec.clusterIP === 'None') {
    for (const slice of store.list(SLICES, ns)) {
      if (slice.metadata.labels?.['kubernetes.io/service-name'] !== svcName) continue;
      for (const p of ((slice as unknown as { ports?: SlicePortRef[] }).ports ?? [])) {
        if (!matches(p) || p.port === undefined) continue;
        for (const e of ((slice as unknown as { endpoints?: SliceEndpoint[] }).endpoints ?? [])) {
          const ip = e.addresses?.[0];
          if (ip === undefined || e.conditions?.ready === false) continue;
          hosts.push({ port: p.port, target: `${e.hostname ?? ip.replace(/\./g, '-')}.${base}` });
        }
      }
    }
  } else {
    for (const p of spec.ports ?? []) if (matches(p)) hosts.push({ port: p.port, target: base });
  }
  // A name that exists but has no such port: NODATA (NOERROR, no answer).
  if (hosts.length === 0) return { rcode: 'NOERROR', addresses: [], srv: [] };
  const weight = Math.max(1, Math.floor(100 / hosts.length));
  return { rcode: 'NOERROR', addresses: [], srv: hosts.map((h) => ({ priority: 0, weight, port: h.port, target: h.target })) };
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
/** What the playground prints when an answer needs DNS outside the cluster (never a made-up address). */
export function externalDnsNote(cname: string): string {
  return `Kubeplay: ${cname} is outside the cluster; DNS beyond cluster.local is not simulated, so it has no address here\n`;
}

export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  if (dots >= conf.ndots) return [name];
  return [...conf.search.map((d) => `${name}.${d}`), name];
}
