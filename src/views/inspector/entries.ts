/**
 * Reading the timeline: the scheduler's decision for a Pod (`Scheduled` / `FailedScheduling`
 * entries of kube-scheduler, with the per-node filter results and plugin scores it records), a
 * kube-proxy `LoadBalance` pick (the iptables rules walked and the endpoint chosen), and the
 * kubelet's `Unhealthy` probe events. Pure functions over plain entries, tested in Node.
 */
import type { ProbeKind, TimelineEvent } from '../../worker/protocol.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- entry data is plain JSON, read defensively */
type Json = any;

export interface PluginColumn {
  name: string;
  weight: number;
}

/** One node's line of a scheduling decision. */
export interface DecisionRow {
  node: string;
  /** The Filter plugin that rejected the node, and why. */
  filteredBy?: { plugin: string; reasons: string[] };
  /** Normalized score per plugin column (null: the plugin did not score), for feasible nodes. */
  scores?: (number | null)[];
  /** The weighted total the scheduler ranked by. */
  total?: number;
  chosen: boolean;
}

export interface SchedulingDecision {
  t: number;
  outcome: 'Scheduled' | 'FailedScheduling';
  uid: string;
  message: string;
  attempt: number;
  evaluated: number;
  feasible: number;
  selected: string | null;
  plugins: PluginColumn[];
  rows: DecisionRow[];
}

const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** A column of per-node values: an array, or the typed array the scheduler records (algorithm.ts ScoreColumn). */
const isColumn = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));

/** A plugin's value for the i-th scored node: recorded per node, or once when equal for all. */
function valueAt(v: unknown, i: number): number | null {
  if (isColumn(v)) return typeof v[i] === 'number' ? (v[i] as number) : null;
  return typeof v === 'number' ? v : null;
}

/** The decision in a kube-scheduler `Scheduled`/`FailedScheduling` decision entry, or null. */
export function parseDecision(e: TimelineEvent): SchedulingDecision | null {
  if (e.type !== 'decision' || e.source !== 'kube-scheduler') return null;
  if (e.reason !== 'Scheduled' && e.reason !== 'FailedScheduling') return null;
  const data: Json = e.data ?? {};
  const selected = typeof data.selected === 'string' ? data.selected : null;
  const rows: DecisionRow[] = [];
  for (const f of (Array.isArray(data.filtered) ? data.filtered : []) as Json[]) {
    rows.push({
      node: String(f?.node ?? ''),
      filteredBy: { plugin: String(f?.plugin ?? ''), reasons: Array.isArray(f?.reasons) ? f.reasons.map(String) : [] },
      chosen: false,
    });
  }
  const scored: Json = data.scored;
  const plugins: PluginColumn[] = [];
  if (scored && Array.isArray(scored.nodes)) {
    const list: Json[] = Array.isArray(scored.plugins) ? scored.plugins : [];
    for (const p of list) plugins.push({ name: String(p?.name ?? ''), weight: num(p?.weight, 1) });
    (scored.nodes as unknown[]).forEach((node, i) => {
      rows.push({
        node: String(node),
        scores: list.map((p) => valueAt(p?.normalized, i)),
        total: num(isColumn(scored.totals) ? scored.totals[i] : scored.totals),
        chosen: node === selected,
      });
    });
  } else if (selected !== null) {
    // A single feasible node is chosen without scoring (schedulePod's early return).
    rows.push({ node: selected, chosen: true });
  }
  // Chosen first, then the best scores, then the rejected nodes by name.
  rows.sort((a, b) => Number(b.chosen) - Number(a.chosen) || (b.total ?? -1) - (a.total ?? -1) || a.node.localeCompare(b.node));
  return {
    t: e.t,
    outcome: e.reason,
    uid: e.object?.uid ?? '',
    message: e.message,
    attempt: num(data.attempt, 1),
    evaluated: num(data.evaluated),
    feasible: num(data.feasible),
    selected,
    plugins,
    rows,
  };
}

/** A kube-proxy load-balancing pick: which rule sent the connection to which endpoint. */
export interface LoadBalancePick {
  t: number;
  /** The node whose rules decided (`kube-proxy/<node>`). */
  node: string;
  /** `namespace/name` of the Service. */
  service: string;
  servicePort: string;
  client: string;
  endpoint: string;
  /** The chosen Pod's namespace and name, when the endpoint is a Pod. */
  podNamespace: string | null;
  pod: string | null;
  /** The iptables rule that jumped to the endpoint's KUBE-SEP chain. */
  rule: string;
  /** That rule's `--probability` (1 for the last rule of the chain, which takes what is left). */
  ruleProbability: number;
  /** The chance of this endpoint over the whole walk: the earlier rules missed, this one hit. */
  probability: number;
  /** Session affinity (`-m recent --rcheck`) sent it back to the same endpoint. */
  affinity: boolean;
}

const PROBABILITY = /--probability (\d+(?:\.\d+)?)/;
/** Rules of a Service's endpoint-choosing chains (cluster and local traffic policy). */
const SEP_JUMP = /^-A KUBE-SV[CL]-\S+ .*-j KUBE-SEP-/;

/** The pick in a kube-proxy `LoadBalance` decision entry, or null. */
export function parsePick(e: TimelineEvent): LoadBalancePick | null {
  if (e.type !== 'decision' || e.reason !== 'LoadBalance') return null;
  const data: Json = e.data ?? {};
  if (typeof data.endpoint !== 'string' || typeof data.service !== 'string') return null;
  const walked: string[] = Array.isArray(data.rulesWalked) ? data.rulesWalked.map(String) : [];
  const jumps = walked.filter((r) => SEP_JUMP.test(r));
  const rule = jumps[jumps.length - 1] ?? '';
  const p = (r: string): number => {
    const m = PROBABILITY.exec(r);
    return m ? Number(m[1]) : 1;
  };
  const affinity = rule.includes('-m recent');
  const ruleProbability = affinity ? 1 : p(rule);
  const missed = jumps.slice(0, -1).filter((r) => !r.includes('-m recent'));
  const probability = affinity ? 1 : missed.reduce((acc, r) => acc * (1 - p(r)), ruleProbability);
  const podRef = typeof data.pod === 'string' ? data.pod : '';
  const slash = podRef.indexOf('/');
  return {
    t: e.t,
    node: e.source.startsWith('kube-proxy/') ? e.source.slice('kube-proxy/'.length) : e.source,
    service: data.service,
    servicePort: String(data.servicePort ?? data.service),
    client: String(data.client ?? ''),
    endpoint: data.endpoint,
    podNamespace: slash > 0 ? podRef.slice(0, slash) : null,
    pod: slash > 0 ? podRef.slice(slash + 1) : null,
    rule,
    ruleProbability,
    probability,
    affinity,
  };
}

/** `0.333…` → `0.33`, `1` → `1`: enough digits to tell rules apart at a glance. */
export function formatProbability(p: number): string {
  return Number(p.toFixed(2)).toString();
}

/** The probe type of a kubelet `Unhealthy` event (prober.go: `<Type> probe failed: ...`), or null. */
export function parseProbeFailure(e: TimelineEvent): ProbeKind | null {
  if (e.type !== 'event' || e.reason !== 'Unhealthy') return null;
  const m = /^(Startup|Liveness|Readiness) probe (?:failed|errored)/.exec(e.message);
  return m ? (m[1]!.toLowerCase() as ProbeKind) : null;
}
