/**
 * What kube-proxy reads from the API: service ports (pkg/proxy/serviceport.go, service.go) and
 * endpoints from EndpointSlices (pkg/proxy/endpointslicecache.go), reduced to plain data.
 */
import type { KubeObject } from '../api/types.ts';
import { byteCompare, normalizeCIDR } from './rules.ts';
import { endpointChainName, portProtoHash } from './hash.ts';

/** core/v1 defaults: sessionAffinityConfig.clientIP.timeoutSeconds (DefaultClientIPServiceAffinitySeconds). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export interface ServicePortInfo {
  /** `ns/name` plus `:portName` when the port is named (proxy.ServicePortName.String()). */
  spn: string;
  namespace: string;
  name: string;
  portName: string;
  protocol: string; // lowercase
  clusterIP: string;
  port: number;
  nodePort: number; // 0 when none
  healthCheckNodePort: number;
  externalIPs: string[];
  loadBalancerIPs: string[];
  /** spec.loadBalancerSourceRanges as kube-proxy keeps them (service.go: trimmed, parsed, IPv4 only, masked). */
  loadBalancerSourceRanges: string[];
  /** 0 unless sessionAffinity is ClientIP. */
  affinitySeconds: number;
  internalLocal: boolean;
  externalLocal: boolean;
  svcChain: string;
  svlChain: string;
  extChain: string;
  fwChain: string;
}

export interface EndpointInfo {
  ip: string;
  port: number;
  /** `IP:port`, the sort key and the SEP hash input. */
  hostPort: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  local: boolean;
  chain: string;
}

export function externallyAccessible(s: ServicePortInfo): boolean {
  return s.nodePort !== 0 || s.externalIPs.length > 0 || s.loadBalancerIPs.length > 0;
}

/**
 * serviceport.go UsesClusterEndpoints / UsesLocalEndpoints. A port reachable from outside needs its
 * Cluster chain even with externalTrafficPolicy Local: KUBE-EXT short-circuits pod and node-local
 * traffic to it ("Even if the external traffic policy is "Local", we need Cluster endpoints to
 * implement short circuiting.").
 */
export function usesClusterEndpoints(s: ServicePortInfo): boolean {
  return !s.internalLocal || externallyAccessible(s);
}

export function usesLocalEndpoints(s: ServicePortInfo): boolean {
  return s.internalLocal || (externallyAccessible(s) && s.externalLocal);
}

/**
 * One ServicePortInfo per port of each Service that kube-proxy handles: not headless, not
 * ExternalName, with a cluster IP (service.go `serviceToServiceMap` / `ShouldSkipService`).
 */
export function servicePorts(svc: Readonly<KubeObject>): ServicePortInfo[] {
  const spec = svc.spec ?? {};
  const clusterIP: string | undefined = spec.clusterIP;
  if (!clusterIP || clusterIP === 'None' || spec.type === 'ExternalName') return [];
  const ns = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name;
  const type: string = spec.type ?? 'ClusterIP';
  const affinitySeconds = spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS) : 0;
  // service.go newBaseServiceInfo: ingress IPs in VIP mode only (proxyutil.IsVIPMode, LoadBalancerIPMode
  // beta and on since v1.30: an unset ipMode is VIP); a `Proxy` load balancer keeps the traffic itself.
  const lbIPs: string[] =
    type === 'LoadBalancer'
      ? ((svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; ipMode?: string }[])
          .filter((i) => i.ipMode === undefined || i.ipMode === 'VIP')
          .map((i) => i.ip ?? '')
          .filter((ip) => ip !== '')
      : [];
  const sourceRanges = ((spec.loadBalancerSourceRanges ?? []) as string[]).flatMap((r) => normalizeCIDR(r) ?? []);
  const out: ServicePortInfo[] = [];
  for (const p of (spec.ports ?? []) as { name?: string; port: number; protocol?: string; nodePort?: number }[]) {
    const portName = p.name ?? '';
    const spn = `${ns}/${name}${portName ? `:${portName}` : ''}`;
    const protocol = (p.protocol ?? 'TCP').toLowerCase();
    const hash = portProtoHash(spn, protocol);
    out.push({
      spn,
      namespace: ns,
      name,
      portName,
      protocol,
      clusterIP,
      port: p.port,
      nodePort: type === 'NodePort' || type === 'LoadBalancer' ? (p.nodePort ?? 0) : 0,
      healthCheckNodePort: type === 'LoadBalancer' ? (spec.healthCheckNodePort ?? 0) : 0,
      externalIPs: [...((spec.externalIPs ?? []) as string[])],
      loadBalancerIPs: lbIPs,
      loadBalancerSourceRanges: sourceRanges,
      affinitySeconds,
      internalLocal: spec.internalTrafficPolicy === 'Local',
      externalLocal: (type === 'NodePort' || type === 'LoadBalancer') && spec.externalTrafficPolicy === 'Local',
      svcChain: `KUBE-SVC-${hash}`,
      svlChain: `KUBE-SVL-${hash}`,
      extChain: `KUBE-EXT-${hash}`,
      fwChain: `KUBE-FW-${hash}`,
    });
  }
  return out;
}

interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}
interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
}

/**
 * endpointslicecache.go: the endpoints of one service port from all its IPv4 slices, deduplicated by
 * `IP:port` (a local copy wins), sorted by that string (byEndpoint: string order, so
 * `10.244.1.10:80` < `10.244.1.9:80`). Nil conditions count as ready/serving, not terminating.
 */
export function endpointsFor(sp: ServicePortInfo, slices: readonly Readonly<KubeObject>[], nodeName: string): EndpointInfo[] {
  const set = new Map<string, EndpointInfo>();
  for (const slice of slices) {
    if (slice.metadata.namespace !== sp.namespace || slice.metadata.labels?.['kubernetes.io/service-name'] !== sp.name) continue;
    if ((slice.addressType as string | undefined) !== 'IPv4') continue;
    for (const port of (slice.ports ?? []) as SlicePort[]) {
      if ((port.name ?? '') !== sp.portName || (port.protocol ?? 'TCP').toLowerCase() !== sp.protocol || port.port === undefined) continue;
      for (const ep of (slice.endpoints ?? []) as SliceEndpoint[]) {
        const ip = ep.addresses?.[0];
        if (!ip) continue;
        const local = ep.nodeName === nodeName;
        const hostPort = `${ip}:${port.port}`;
        if (set.has(hostPort) && !local) continue;
        const ready = ep.conditions?.ready ?? true;
        set.set(hostPort, {
          ip,
          port: port.port,
          hostPort,
          ready,
          serving: ep.conditions?.serving ?? ready,
          terminating: ep.conditions?.terminating ?? false,
          local,
          chain: endpointChainName(sp.spn, sp.protocol, hostPort),
        });
      }
    }
  }
  return [...set.values()].sort((a, b) => byteCompare(a.hostPort, b.hostPort));
}

/**
 * topology.go CategorizeEndpoints, without topology hints (the simulated nodes carry no zones):
 * ready endpoints, falling back to serving+terminating ones, for Cluster and Local policy.
 */
export function categorizeEndpoints(
  eps: EndpointInfo[],
  s: ServicePortInfo,
): { cluster: EndpointInfo[]; local: EndpointInfo[]; reachable: EndpointInfo[]; hasAny: boolean } {
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(s)) {
    cluster = eps.filter((e) => e.ready);
    if (cluster.length === 0) cluster = eps.filter((e) => e.serving && e.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!usesLocalEndpoints(s)) return { cluster, local, reachable: cluster, hasAny };
  let localReady = false;
  let localServingTerminating = false;
  for (const e of eps) {
    if (e.ready) {
      hasAny = true;
      if (e.local) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAny = true;
      if (e.local) localServingTerminating = true;
    }
  }
  if (localReady) local = eps.filter((e) => e.local && e.ready);
  else if (localServingTerminating) local = eps.filter((e) => e.local && e.serving && e.terminating);
  if (!usesClusterEndpoints(s)) return { cluster, local, reachable: local, hasAny };
  const reachable = [...cluster];
  for (const e of local) if (!reachable.includes(e)) reachable.push(e);
  return { cluster, local, reachable, hasAny };
}
