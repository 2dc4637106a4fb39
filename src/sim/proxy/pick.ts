/**
 * How the kernel walks kube-proxy's rules for the first packet of a connection: nat PREROUTING
 * (KUBE-SERVICES → KUBE-SVC/KUBE-EXT → KUBE-SEP → DNAT), then, for packets nothing rewrote, the
 * filter chains' REJECT/DROP rules. `-m statistic --mode random` draws once per rule it evaluates,
 * as xt_statistic does: `(get_random_u32() & 0x7FFFFFFF) < probability`, with probability stored as
 * lround(p * 2^31). `-m recent` keeps per-list source tables on the proxy (xt_recent).
 */
import { cidrContains, isBuiltin, saveRule, storedProbability, type Match, type Rule, type Table } from './rules.ts';
import type { KubeProxy } from './proxier.ts';

export interface PickRequest {
  /** A ClusterIP (or external/LB IP); leave out for a NodePort request to this node. */
  clusterIP?: string;
  nodePort?: number;
  /** The service port for clusterIP requests. */
  port?: number;
  protocol?: string; // TCP (default), UDP, SCTP
  sourceIP: string;
  /** The source is an address of this node (host-network process), for `--src-type LOCAL`. */
  sourceLocal?: boolean;
}

/**
 * One `-m statistic --mode random` rule the walk evaluated: the chain it would jump to, its
 * probability as kube-proxy wrote it, the draw (31 bits, as xt_statistic compares it) and whether
 * the draw fell under the stored probability. `rulesWalked` lists only the rules that matched;
 * these are every draw, in order (`draws[i]` is `statistics[i].draw`).
 */
export interface StatisticDraw {
  jump: string;
  probability: string;
  draw: number;
  matched: boolean;
}

interface WalkTrace {
  rulesWalked: string[];
  draws: number[];
  statistics: StatisticDraw[];
}

export type PickResult =
  | ({ kind: 'endpoint'; endpoint: string; masquerade: boolean } & WalkTrace)
  | ({ kind: 'reject' | 'drop' } & WalkTrace)
  /** No rule matched: the packet leaves unchanged for an address nobody owns (the client times out). */
  | ({ kind: 'none' } & WalkTrace);

interface Packet {
  src: string;
  dst: string;
  dport: number;
  proto: string;
  srcLocal: boolean;
  dstLocal: boolean;
  mark: number;
}

export interface Rng {
  nextUint32(): number;
}

export function pickEndpoint(proxy: KubeProxy, req: PickRequest, rng: Rng): PickResult {
  const proto = (req.protocol ?? 'TCP').toLowerCase();
  const pkt: Packet =
    req.nodePort !== undefined
      ? { src: req.sourceIP, dst: proxy.nodeIP, dport: req.nodePort, proto, srcLocal: req.sourceLocal ?? false, dstLocal: true, mark: 0 }
      : { src: req.sourceIP, dst: req.clusterIP ?? '', dport: req.port ?? 0, proto, srcLocal: req.sourceLocal ?? false, dstLocal: req.clusterIP === proxy.nodeIP, mark: 0 };
  const walk: Walk = { proxy, rng, pkt, rulesWalked: [], draws: [], statistics: [], nowMs: proxy.kernel.nowMs };
  const trace = (): WalkTrace => ({ rulesWalked: walk.rulesWalked, draws: walk.draws, statistics: walk.statistics });

  // A host process's packets start in OUTPUT; a pod's (or a remote client's) in PREROUTING.
  const nat = runChain(walk, proxy.tables.nat, pkt.srcLocal ? 'OUTPUT' : 'PREROUTING', 0);
  if (nat && 'to' in nat) {
    return { kind: 'endpoint', endpoint: nat.to, masquerade: (pkt.mark & 0x4000) !== 0, ...trace() };
  }
  // Not rewritten: filter INPUT (to a local address) or FORWARD, which reach KUBE-SERVICES /
  // KUBE-EXTERNAL-SERVICES for the "has no endpoints" REJECT and "no local endpoints" DROP.
  const filterChain = pkt.srcLocal ? 'OUTPUT' : pkt.dstLocal ? 'INPUT' : 'FORWARD';
  const verdict = runChain(walk, proxy.tables.filter, filterChain, 0);
  if (verdict && 'j' in verdict && (verdict.j === 'REJECT' || verdict.j === 'DROP')) {
    return { kind: verdict.j === 'REJECT' ? 'reject' : 'drop', ...trace() };
  }
  return { kind: 'none', ...trace() };
}

const MAX_CHAIN_DEPTH = 16;

interface Walk {
  proxy: KubeProxy;
  rng: Rng;
  pkt: Packet;
  rulesWalked: string[];
  draws: number[];
  statistics: StatisticDraw[];
  nowMs: number;
}

type Verdict = { to: string } | { j: 'ACCEPT' | 'DROP' | 'REJECT' } | undefined;

/** Runs a chain; `undefined` means fall off its end (or RETURN) back to the caller. */
function runChain(w: Walk, table: Table, chain: string, depth: number): Verdict {
  // kube-proxy's chains nest at most 4 deep (SERVICES → EXT → SVC → SEP → MARK-MASQ); a deeper walk is a loop.
  if (depth > MAX_CHAIN_DEPTH) throw new Error(`pickEndpoint: chain ${chain} nested more than ${MAX_CHAIN_DEPTH} deep`);
  for (const rule of table.chains.get(chain) ?? []) {
    if (!matches(w, rule)) continue;
    w.rulesWalked.push(saveRule(chain, rule));
    const t = rule.target;
    if (t.j === '') continue; // no target: the rule only counts packets
    if ('xmark' in t) {
      const [value, mask] = t.xmark.split('/').map((x) => Number(x)) as [number, number];
      w.pkt.mark = (w.pkt.mark & ~mask) ^ value;
      continue;
    }
    if ('to' in t) return { to: t.to };
    if ('randomFully' in t) continue;
    if (t.j === 'ACCEPT' || t.j === 'DROP' || t.j === 'REJECT') return { j: t.j };
    if (t.j === 'RETURN') return undefined;
    if (table.chains.has(t.j) && !isBuiltin(table, t.j)) {
      const v = runChain(w, table, t.j, depth + 1);
      if (v) return v;
    }
  }
  return undefined;
}

function inCIDR(ip: string, cidr: string): boolean {
  return cidrContains(cidr, ip);
}

function matches(w: Walk, rule: Rule): boolean {
  const pkt = w.pkt;
  if (rule.src !== undefined && inCIDR(pkt.src, rule.src) === !!rule.srcNegate) return false;
  if (rule.dst !== undefined && inCIDR(pkt.dst, rule.dst) === !!rule.dstNegate) return false;
  if (rule.proto !== undefined && rule.proto !== pkt.proto) return false;
  for (const m of rule.matches) if (!matchOne(w, m, rule)) return false;
  return true;
}

function matchOne(w: Walk, m: Match, rule: Rule): boolean {
  const pkt = w.pkt;
  switch (m.m) {
    case 'comment':
      return true;
    case 'proto':
      return m.dport === undefined || m.dport === pkt.dport;
    case 'statistic': {
      const draw = w.rng.nextUint32() & 0x7fffffff;
      const matched = draw < storedProbability(m.probability);
      w.draws.push(draw);
      w.statistics.push({ jump: rule.target.j, probability: m.probability, draw, matched });
      return matched;
    }
    case 'recent': {
      const list = w.proxy.recent.get(m.name) ?? new Map<string, number>();
      w.proxy.recent.set(m.name, list);
      if (m.op === 'set') {
        list.set(pkt.src, w.nowMs);
        return true;
      }
      const seen = list.get(pkt.src);
      // --reap drops entries older than --seconds; --rcheck matches a source seen within them.
      for (const [ip, at] of list) if (w.nowMs - at > m.seconds * 1000) list.delete(ip);
      return seen !== undefined && w.nowMs - seen <= m.seconds * 1000;
    }
    case 'addrtype':
      if (m.dstType === 'LOCAL' && !pkt.dstLocal) return false;
      if (m.srcType === 'LOCAL' && !pkt.srcLocal) return false;
      return true;
    case 'mark': {
      const [value, mask] = m.mark.split('/').map((x) => Number(x)) as [number, number];
      return ((pkt.mark & mask) === value) !== !!m.negate;
    }
    case 'conntrack':
      // A first packet is NEW; it is never INVALID, RELATED, ESTABLISHED or DNAT'd here.
      return m.ctstate.split(',').includes('NEW') !== !!m.negate;
  }
}
