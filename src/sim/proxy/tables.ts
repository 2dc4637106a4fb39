/**
 * The rule tables kube-proxy v1.31 leaves in the kernel after a full sync (pkg/proxy/iptables/proxier.go
 * `syncProxyRules`, `writeServiceToEndpointRules`, `iptablesJumpChains`), plus the chains the kubelet
 * owns on every node (pkg/kubelet/kubelet_network_linux.go: KUBE-IPTABLES-HINT, KUBE-KUBELET-CANARY,
 * KUBE-FIREWALL) and, when asked, flanneld's (flannel-io/flannel pkg/trafficmngr/iptables/iptables.go
 * `masqRules` with --ip-masq and random-fully support, `forwardRules`). The CNI portmap plugin adds
 * chains only for pods with hostPorts, which are not modelled.
 */
import { categorizeEndpoints, externallyAccessible, usesClusterEndpoints, usesLocalEndpoints, type EndpointInfo, type ServicePortInfo } from './model.ts';
import { byteCompare, cidrContains, computeProbability, type Match, type Rule, type Table } from './rules.ts';

export const MASQ_MARK = '0x4000';
/** proxier.go largeClusterEndpointsThreshold: above this many endpoints, SEP/SVC comments are dropped. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

export interface BuildOptions {
  clusterCIDR?: string;
  /** Include the kubelet's chains (on by default: a kubeadm node always has them). */
  kubeletChains: boolean;
  /** This node's IP (proxier.nodeIP), for the loadBalancerSourceRanges `allowFromNode` check. */
  nodeIP?: string;
  /** flanneld's chains for this node's lease (`podCIDR`, e.g. 10.244.1.0/24) in `network` (net-conf Network). */
  flannel?: { network: string; podCIDR: string };
}

export interface Tables {
  mangle: Table;
  filter: Table;
  nat: Table;
}

export interface BuildResult {
  tables: Tables;
  numServices: number;
  numEndpoints: number;
  /** Lines kube-proxy writes to iptables-restore (its "Reloading service iptables data" counts). */
  counts: { filterChains: number; filterRules: number; natChains: number; natRules: number };
}

const MANGLE_BUILTINS = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
const FILTER_BUILTINS = ['INPUT', 'FORWARD', 'OUTPUT'];
const NAT_BUILTINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];

function newTable(name: Table['name'], builtins: string[]): Table {
  return { name, builtins, chains: new Map(builtins.map((b) => [b, []])) };
}

class Writer {
  /** User chains kube-proxy declared in this sync (for the log counts). */
  readonly declared = new Set<string>();
  rules = 0;
  constructor(readonly table: Table) {}
  chain(name: string): void {
    this.declared.add(name);
    if (!this.table.chains.has(name)) this.table.chains.set(name, []);
  }
  add(chain: string, rule: Rule): void {
    this.rules++;
    this.chain(chain);
    this.table.chains.get(chain)!.push(rule);
  }
}

const comment = (text: string): Match => ({ m: 'comment', comment: text });
const jump = (j: string): Rule['target'] => ({ j });

/**
 * The jumps from built-in chains. kube-proxy prepends each (EnsureRule(Prepend)) in the order of
 * `iptablesJumpChains`; the kubelet appended its `-j KUBE-FIREWALL` before kube-proxy started, so
 * the final order in each built-in chain is the reverse of the list, kubelet's rule last.
 */
const JUMPS: { table: 'filter' | 'nat'; dst: string; src: string; comment: string; ctNew: boolean }[] = [
  { table: 'filter', dst: 'KUBE-EXTERNAL-SERVICES', src: 'INPUT', comment: 'kubernetes externally-visible service portals', ctNew: true },
  { table: 'filter', dst: 'KUBE-EXTERNAL-SERVICES', src: 'FORWARD', comment: 'kubernetes externally-visible service portals', ctNew: true },
  { table: 'filter', dst: 'KUBE-NODEPORTS', src: 'INPUT', comment: 'kubernetes health check service ports', ctNew: false },
  { table: 'filter', dst: 'KUBE-SERVICES', src: 'FORWARD', comment: 'kubernetes service portals', ctNew: true },
  { table: 'filter', dst: 'KUBE-SERVICES', src: 'OUTPUT', comment: 'kubernetes service portals', ctNew: true },
  { table: 'filter', dst: 'KUBE-FORWARD', src: 'FORWARD', comment: 'kubernetes forwarding rules', ctNew: false },
  { table: 'filter', dst: 'KUBE-PROXY-FIREWALL', src: 'INPUT', comment: 'kubernetes load balancer firewall', ctNew: true },
  { table: 'filter', dst: 'KUBE-PROXY-FIREWALL', src: 'OUTPUT', comment: 'kubernetes load balancer firewall', ctNew: true },
  { table: 'filter', dst: 'KUBE-PROXY-FIREWALL', src: 'FORWARD', comment: 'kubernetes load balancer firewall', ctNew: true },
  { table: 'nat', dst: 'KUBE-SERVICES', src: 'OUTPUT', comment: 'kubernetes service portals', ctNew: false },
  { table: 'nat', dst: 'KUBE-SERVICES', src: 'PREROUTING', comment: 'kubernetes service portals', ctNew: false },
  { table: 'nat', dst: 'KUBE-POSTROUTING', src: 'POSTROUTING', comment: 'kubernetes postrouting rules', ctNew: false },
];

function baseTables(opts: BuildOptions): Tables {
  const mangle = newTable('mangle', MANGLE_BUILTINS);
  const filter = newTable('filter', FILTER_BUILTINS);
  const nat = newTable('nat', NAT_BUILTINS);
  if (opts.kubeletChains) {
    mangle.chains.set('KUBE-IPTABLES-HINT', []);
    for (const t of [mangle, nat, filter]) t.chains.set('KUBE-KUBELET-CANARY', []);
    filter.chains.set('KUBE-FIREWALL', []);
    filter.chains.get('INPUT')!.push({ matches: [], target: jump('KUBE-FIREWALL') });
    filter.chains.get('OUTPUT')!.push({ matches: [], target: jump('KUBE-FIREWALL') });
  }
  for (const t of [mangle, nat, filter]) t.chains.set('KUBE-PROXY-CANARY', []);
  for (const j of JUMPS) {
    const table = j.table === 'filter' ? filter : nat;
    const matches: Match[] = j.ctNew ? [{ m: 'conntrack', ctstate: 'NEW' }, comment(j.comment)] : [comment(j.comment)];
    if (!table.chains.has(j.dst)) table.chains.set(j.dst, []);
    table.chains.get(j.src)!.unshift({ matches, target: jump(j.dst) });
  }
  if (opts.flannel) addFlannel(filter, nat, opts.flannel);
  if (!opts.kubeletChains) {
    // kube-proxy's copy of the kubelet's jumps (iptablesKubeletJumpChains), prepended after the others.
    filter.chains.set('KUBE-FIREWALL', []);
    filter.chains.get('INPUT')!.unshift({ matches: [], target: jump('KUBE-FIREWALL') });
    filter.chains.get('OUTPUT')!.unshift({ matches: [], target: jump('KUBE-FIREWALL') });
  }
  return { mangle, filter, nat };
}

/**
 * flanneld (a DaemonSet started after kube-proxy) appends its jumps, so they follow kube-proxy's
 * prepended ones. kube-proxy never flushes these chains (it restores with --noflush).
 */
function addFlannel(filter: Table, nat: Table, f: { network: string; podCIDR: string }): void {
  const masq = comment('flanneld masq');
  nat.chains.get('POSTROUTING')!.push({ matches: [masq], target: jump('FLANNEL-POSTRTG') });
  nat.chains.set('FLANNEL-POSTRTG', [
    { matches: [{ m: 'mark', mark: `${MASQ_MARK}/${MASQ_MARK}` }, masq], target: jump('RETURN') },
    { src: f.podCIDR, dst: f.network, matches: [masq], target: jump('RETURN') },
    { src: f.network, dst: f.podCIDR, matches: [masq], target: jump('RETURN') },
    { src: f.network, srcNegate: true, dst: f.podCIDR, matches: [masq], target: jump('RETURN') },
    { src: f.network, dst: '224.0.0.0/4', dstNegate: true, matches: [masq], target: { j: 'MASQUERADE', randomFully: true } },
    { src: f.network, srcNegate: true, dst: f.network, matches: [masq], target: { j: 'MASQUERADE', randomFully: true } },
  ]);
  const fwd = comment('flanneld forward');
  filter.chains.get('FORWARD')!.push({ matches: [fwd], target: jump('FLANNEL-FWD') });
  filter.chains.set('FLANNEL-FWD', [
    { src: f.network, matches: [fwd], target: jump('ACCEPT') },
    { dst: f.network, matches: [fwd], target: jump('ACCEPT') },
  ]);
}

/** One full sync of kube-proxy's rules. `services` must already be in iteration order. */
export function buildTables(services: ServicePortInfo[], endpointsMap: Map<string, EndpointInfo[]>, opts: BuildOptions): BuildResult {
  const tables = baseTables(opts);
  const f = new Writer(tables.filter);
  const n = new Writer(tables.nat);
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) f.chain(c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) n.chain(c);

  n.add('KUBE-POSTROUTING', { matches: [{ m: 'mark', mark: `${MASQ_MARK}/${MASQ_MARK}`, negate: true }], target: jump('RETURN') });
  n.add('KUBE-POSTROUTING', { matches: [], target: { j: 'MARK', xmark: `${MASQ_MARK}/0x0` } }); // --xor-mark
  n.add('KUBE-POSTROUTING', { matches: [comment('kubernetes service traffic requiring SNAT')], target: { j: 'MASQUERADE', randomFully: true } });
  n.add('KUBE-MARK-MASQ', { matches: [], target: { j: 'MARK', xmark: `${MASQ_MARK}/${MASQ_MARK}` } }); // --or-mark

  let totalEndpoints = 0;
  for (const s of services) totalEndpoints += endpointsMap.get(s.spn)?.length ?? 0;
  const largeCluster = totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;
  const svcComment = (text: string): Match[] => (largeCluster ? [] : [comment(text)]);

  for (const s of services) {
    const proto = s.protocol;
    const { cluster, local, reachable, hasAny } = categorizeEndpoints(endpointsMap.get(s.spn) ?? [], s);
    const usesCluster = cluster.length > 0 && usesClusterEndpoints(s);
    const usesLocal = local.length > 0 && usesLocalEndpoints(s);
    const internalChain = s.internalLocal ? s.svlChain : s.svcChain;
    const hasInternal = s.internalLocal ? local.length > 0 : hasAny;
    const externalPolicyChain = s.externalLocal ? s.svlChain : s.svcChain;
    const hasExternal = s.externalLocal ? local.length > 0 : hasAny;
    const usesExt = hasAny && externallyAccessible(s);
    let internalTarget = '';
    let internalComment = '';
    let externalTarget = '';
    let externalComment = '';
    if (!hasAny) {
      internalTarget = externalTarget = 'REJECT';
      internalComment = externalComment = `${s.spn} has no endpoints`;
    } else {
      if (!hasInternal) [internalTarget, internalComment] = ['DROP', `${s.spn} has no local endpoints`];
      if (!hasExternal) [externalTarget, externalComment] = ['DROP', `${s.spn} has no local endpoints`];
    }
    const portMatch = (dport: number): Match => ({ m: 'proto', dport });

    if (hasInternal) {
      n.add('KUBE-SERVICES', { dst: s.clusterIP, proto, matches: [comment(`${s.spn} cluster IP`), portMatch(s.port)], target: jump(internalChain) });
    } else {
      f.add('KUBE-SERVICES', { dst: s.clusterIP, proto, matches: [comment(internalComment), portMatch(s.port)], target: jump(internalTarget) });
    }

    if (usesExt) {
      n.chain(s.extChain);
      if (!s.externalLocal) {
        n.add(s.extChain, { matches: [comment(`masquerade traffic for ${s.spn} external destinations`)], target: jump('KUBE-MARK-MASQ') });
      } else {
        if (opts.clusterCIDR) {
          n.add(s.extChain, { src: opts.clusterCIDR, matches: [comment(`pod traffic for ${s.spn} external destinations`)], target: jump(s.svcChain) });
        }
        n.add(s.extChain, {
          matches: [comment(`masquerade LOCAL traffic for ${s.spn} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }],
          target: jump('KUBE-MARK-MASQ'),
        });
        n.add(s.extChain, {
          matches: [comment(`route LOCAL traffic for ${s.spn} external destinations`), { m: 'addrtype', srcType: 'LOCAL' }],
          target: jump(s.svcChain),
        });
      }
      if (hasExternal) n.add(s.extChain, { matches: [], target: jump(externalPolicyChain) });
    }

    for (const ip of s.externalIPs) {
      if (hasAny) n.add('KUBE-SERVICES', { dst: ip, proto, matches: [comment(`${s.spn} external IP`), portMatch(s.port)], target: jump(s.extChain) });
      if (!hasExternal) f.add('KUBE-EXTERNAL-SERVICES', { dst: ip, proto, matches: [comment(externalComment), portMatch(s.port)], target: jump(externalTarget) });
    }
    // Traffic to LoadBalancer IPs goes to the EXT chain, or through the FW chain when
    // loadBalancerSourceRanges is set (usesFWChain); what the FW chain does not DNAT is dropped by the
    // KUBE-PROXY-FIREWALL rule in the filter table.
    const usesFW = hasAny && s.loadBalancerIPs.length > 0 && s.loadBalancerSourceRanges.length > 0;
    const lbChain = usesFW ? s.fwChain : s.extChain;
    for (const ip of s.loadBalancerIPs) {
      if (hasAny) n.add('KUBE-SERVICES', { dst: ip, proto, matches: [comment(`${s.spn} loadbalancer IP`), portMatch(s.port)], target: jump(lbChain) });
      if (usesFW) {
        f.add('KUBE-PROXY-FIREWALL', { dst: ip, proto, matches: [comment(`${s.spn} traffic not accepted by ${s.fwChain}`), portMatch(s.port)], target: jump('DROP') });
      }
    }
    if (!hasExternal) {
      for (const ip of s.loadBalancerIPs) {
        f.add('KUBE-EXTERNAL-SERVICES', { dst: ip, proto, matches: [comment(externalComment), portMatch(s.port)], target: jump(externalTarget) });
      }
    }
    if (s.nodePort !== 0) {
      if (hasAny) n.add('KUBE-NODEPORTS', { proto, matches: [comment(s.spn), portMatch(s.nodePort)], target: jump(s.extChain) });
      if (!hasExternal) {
        f.add('KUBE-EXTERNAL-SERVICES', {
          proto,
          matches: [comment(externalComment), { m: 'addrtype', dstType: 'LOCAL' }, portMatch(s.nodePort)],
          target: jump(externalTarget),
        });
      }
    }
    if (s.healthCheckNodePort !== 0) {
      f.add('KUBE-NODEPORTS', { proto: 'tcp', matches: [comment(`${s.spn} health check node port`), portMatch(s.healthCheckNodePort)], target: jump('ACCEPT') });
    }

    if (usesFW) {
      n.chain(s.fwChain);
      const lbComment = comment(`${s.spn} loadbalancer IP`);
      let allowFromNode = false;
      for (const cidr of s.loadBalancerSourceRanges) {
        n.add(s.fwChain, { src: cidr, matches: [lbComment], target: jump(s.extChain) });
        if (opts.nodeIP && cidrContains(cidr, opts.nodeIP)) allowFromNode = true;
      }
      // A VIP-like LB's address is often local: a node's request to it loops back with the VIP as source.
      if (allowFromNode) for (const ip of s.loadBalancerIPs) n.add(s.fwChain, { src: ip, matches: [lbComment], target: jump(s.extChain) });
      // No target: a packet reaching it was not DNAT'd and meets KUBE-PROXY-FIREWALL's DROP.
      n.add(s.fwChain, { matches: [comment(`other traffic to ${s.spn} will be dropped by KUBE-PROXY-FIREWALL`)], target: { j: '' } });
    }

    if (usesCluster) {
      n.chain(s.svcChain);
      if (opts.clusterCIDR) {
        n.add(s.svcChain, {
          src: opts.clusterCIDR,
          srcNegate: true,
          dst: s.clusterIP,
          proto,
          matches: [comment(`${s.spn} cluster IP`), portMatch(s.port)],
          target: jump('KUBE-MARK-MASQ'),
        });
      }
      writeServiceToEndpointRules(n, s, s.svcChain, cluster, svcComment);
    }
    if (usesLocal) {
      n.chain(s.svlChain);
      writeServiceToEndpointRules(n, s, s.svlChain, local, svcComment);
    }
    for (const ep of reachable) {
      n.chain(ep.chain);
      n.add(ep.chain, { src: ep.ip, matches: svcComment(s.spn), target: jump('KUBE-MARK-MASQ') });
      const matches: Match[] = svcComment(s.spn);
      if (s.affinitySeconds > 0) matches.push({ m: 'recent', op: 'set', name: ep.chain });
      matches.push({ m: 'proto' });
      n.add(ep.chain, { proto, matches, target: { j: 'DNAT', to: ep.hostPort } });
    }
  }

  // The localhost-NodePort mitigation (kube-proxy writes its own copy of the kubelet's rule).
  f.chain('KUBE-FIREWALL');
  tables.filter.chains.set('KUBE-FIREWALL', []);
  f.add('KUBE-FIREWALL', {
    src: '127.0.0.0/8',
    srcNegate: true,
    dst: '127.0.0.0/8',
    matches: [comment('block incoming localnet connections'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED,DNAT', negate: true }],
    target: jump('DROP'),
  });
  n.add('KUBE-SERVICES', {
    matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dstType: 'LOCAL' }],
    target: jump('KUBE-NODEPORTS'),
  });
  f.add('KUBE-FORWARD', { matches: [{ m: 'conntrack', ctstate: 'INVALID' }], target: jump('DROP') });
  f.add('KUBE-FORWARD', { matches: [comment('kubernetes forwarding rules'), { m: 'mark', mark: `${MASQ_MARK}/${MASQ_MARK}` }], target: jump('ACCEPT') });
  f.add('KUBE-FORWARD', { matches: [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', ctstate: 'RELATED,ESTABLISHED' }], target: jump('ACCEPT') });

  return {
    tables,
    numServices: services.length,
    numEndpoints: totalEndpoints,
    counts: { filterChains: f.declared.size, filterRules: f.rules, natChains: n.declared.size, natRules: n.rules },
  };
}

/** writeServiceToEndpointRules: affinity checks first, then one probability rule per endpoint. */
function writeServiceToEndpointRules(n: Writer, s: ServicePortInfo, chain: string, eps: EndpointInfo[], svcComment: (t: string) => Match[]): void {
  if (s.affinitySeconds > 0) {
    for (const ep of eps) {
      n.add(chain, {
        matches: [...svcComment(`${s.spn} -> ${ep.hostPort}`), { m: 'recent', op: 'rcheck', name: ep.chain, seconds: s.affinitySeconds }],
        target: jump(ep.chain),
      });
    }
  }
  eps.forEach((ep, i) => {
    const matches = svcComment(`${s.spn} -> ${ep.hostPort}`);
    if (i < eps.length - 1) matches.push({ m: 'statistic', probability: computeProbability(eps.length - i) });
    n.add(chain, { matches, target: jump(ep.chain) });
  });
}

/** Services in a fixed order: upstream ranges over a Go map (random); we sort by service port name. */
export function serviceOrder(a: ServicePortInfo, b: ServicePortInfo): number {
  return byteCompare(a.spn, b.spn) || byteCompare(a.protocol, b.protocol);
}
