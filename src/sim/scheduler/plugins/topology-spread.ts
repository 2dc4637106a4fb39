/**
 * PodTopologySpread (framework/plugins/podtopologyspread, v1.31): Filter on the Pod's
 * DoNotSchedule constraints; Score on its ScheduleAnyway constraints, or, when the Pod declares
 * none, the system defaults (`defaultingType: System`: hostname maxSkew 3, zone maxSkew 5) over
 * the selector of the Services/ReplicaSets/StatefulSets that select it.
 * Simplified: nodeAffinityPolicy/nodeTaintsPolicy follow their defaults (Honor / Ignore) only.
 */
import { MAX_NODE_SCORE, unresolvable, unschedulable, type CycleState, type FilterPlugin, type ScorePlugin } from '../framework.ts';
import { labelSelectorMatches, requiredNodeAffinityMatches, type LabelSelector } from '../helpers.ts';
import type { NodeInfo } from '../types.ts';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: LabelSelector;
  /** The selector and namespace as one string: the key of the per-node count memo. */
  memoKey: string;
}

interface RawConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: string;
  minDomains?: number;
  labelSelector?: LabelSelector;
  matchLabelKeys?: string[];
}

function constraintsOf(s: CycleState, when: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const labels = s.pod.labels;
  const raw: RawConstraint[] = s.pod.pod.spec?.topologySpreadConstraints ?? [];
  return raw
    .filter((c) => c.whenUnsatisfiable === when)
    .map((c) => {
      // matchLabelKeys add `key In (pod's value)` to the selector (keys the Pod lacks are ignored).
      const extra = (c.matchLabelKeys ?? []).filter((k) => k in labels).map((k) => ({ key: k, operator: 'In', values: [labels[k]!] }));
      const selector: LabelSelector | undefined = c.labelSelector ? { ...c.labelSelector, matchExpressions: [...(c.labelSelector.matchExpressions ?? []), ...extra] } : undefined;
      return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, minDomains: c.minDomains ?? 1, selector: selector as LabelSelector, memoKey: memoKeyOf(selector, s.pod.namespace) };
    });
}

function memoKeyOf(selector: LabelSelector | undefined, namespace: string): string {
  return `PodTopologySpread\u0000${namespace}\u0000${JSON.stringify(selector ?? null)}`;
}

/** Bound on the memo per node: a few selectors are in use at a time. */
const MEMO_MAX = 64;

/**
 * Pods on the node in `namespace` matching the constraint's selector. Remembered per node until
 * its Pods change: each cycle asks this of every node, and between two cycles one node changes.
 */
function countMatching(node: NodeInfo, c: Constraint, namespace: string): number {
  const memo = node.memo.get(c.memoKey);
  if (memo && memo.generation === node.podsGeneration) return memo.value;
  let n = 0;
  for (const p of node.pods.values()) if (!p.terminating && p.namespace === namespace && labelSelectorMatches(c.selector, p.labels)) n++;
  if (node.memo.size >= MEMO_MAX) node.memo.clear();
  node.memo.set(c.memoKey, { generation: node.podsGeneration, value: n });
  return n;
}

const hasAllKeys = (node: NodeInfo, cs: readonly Constraint[]) => cs.every((c) => c.topologyKey in node.labels);

interface FilterState {
  constraints: Constraint[];
  counts: Map<string, number>[];
  minMatch: number[];
}

export const PodTopologySpreadFilter: FilterPlugin = {
  name: 'PodTopologySpread',
  preFilter(s) {
    const constraints = constraintsOf(s, 'DoNotSchedule');
    if (constraints.length === 0) return false;
    const spec = s.pod.pod.spec ?? {};
    const counts = constraints.map(() => new Map<string, number>());
    for (const node of s.cache.nodes) {
      if (!requiredNodeAffinityMatches(spec, node.name, node.labels) || !hasAllKeys(node, constraints)) continue;
      constraints.forEach((c, i) => {
        const value = node.labels[c.topologyKey]!;
        counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + countMatching(node, c, s.pod.namespace));
      });
    }
    const minMatch = constraints.map((c, i) => {
      const m = counts[i]!;
      if (m.size < c.minDomains) return 0;
      let min = Infinity;
      for (const v of m.values()) min = Math.min(min, v);
      return min === Infinity ? 0 : min;
    });
    s.data.set('PodTopologySpreadFilter', { constraints, counts, minMatch } satisfies FilterState);
    return true;
  },
  filter(s, node) {
    const st = s.data.get('PodTopologySpreadFilter') as FilterState;
    for (let i = 0; i < st.constraints.length; i++) {
      const c = st.constraints[i]!;
      const value = node.labels[c.topologyKey];
      if (value === undefined) return unresolvable("node(s) didn't match pod topology spread constraints (missing required label)");
      const self = labelSelectorMatches(c.selector, s.pod.labels) ? 1 : 0;
      const skew = (st.counts[i]!.get(value) ?? 0) + self - st.minMatch[i]!;
      if (skew > c.maxSkew) return unschedulable("node(s) didn't match pod topology spread constraints");
    }
    return undefined;
  },
};

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  pairCounts: Map<string, number>;
  weights: number[];
}

export const PodTopologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(s, feasible) {
    const declared = (s.pod.pod.spec?.topologySpreadConstraints ?? []).length > 0;
    let constraints: Constraint[];
    if (declared) constraints = constraintsOf(s, 'ScheduleAnyway');
    else {
      const selector = s.listers.defaultSelector(s.pod);
      constraints = selector
        ? [
            { maxSkew: 3, topologyKey: HOSTNAME, minDomains: 1, selector, memoKey: memoKeyOf(selector, s.pod.namespace) },
            { maxSkew: 5, topologyKey: ZONE, minDomains: 1, selector, memoKey: memoKeyOf(selector, s.pod.namespace) },
          ]
        : [];
    }
    if (constraints.length === 0) return false;
    const requireAll = declared; // system defaults tolerate nodes without a zone label
    const ignored = new Set<string>();
    const pairCounts = new Map<string, number>();
    const sizes = constraints.map(() => 0);
    for (const node of feasible) {
      if (requireAll && !hasAllKeys(node, constraints)) {
        ignored.add(node.name);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === HOSTNAME) return;
        const pair = `${c.topologyKey}\u0000${node.labels[c.topologyKey] ?? ''}`;
        if (!pairCounts.has(pair)) {
          pairCounts.set(pair, 0);
          sizes[i]!++;
        }
      });
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length - ignored.size : sizes[i]!) + 2));
    // Score reads a pair's count only for a node that has the label (upstream: `if tpVal, ok :=
    // node.Labels[key]; ok`), so only the pairs of such feasible nodes are counted over every node.
    // Where no node has a zone label (the system default's second constraint), nothing is read and
    // the walk over every node, upstream's processAllNode, has nothing to add: it is skipped.
    const read = new Set<string>();
    for (const node of feasible) {
      if (ignored.has(node.name)) continue;
      for (const c of constraints) {
        const value = node.labels[c.topologyKey];
        if (c.topologyKey !== HOSTNAME && value !== undefined) read.add(`${c.topologyKey}\u0000${value}`);
      }
    }
    const spec = s.pod.pod.spec ?? {};
    for (const node of read.size === 0 ? [] : s.cache.nodes) {
      if (requireAll && !hasAllKeys(node, constraints)) continue;
      if (!requiredNodeAffinityMatches(spec, node.name, node.labels)) continue;
      for (const c of constraints) {
        if (c.topologyKey === HOSTNAME) continue;
        const pair = `${c.topologyKey}\u0000${node.labels[c.topologyKey] ?? ''}`;
        const current = pairCounts.get(pair);
        if (current === undefined || !read.has(pair)) continue;
        pairCounts.set(pair, current + countMatching(node, c, s.pod.namespace));
      }
    }
    s.data.set('PodTopologySpreadScore', { constraints, ignored, pairCounts, weights } satisfies ScoreState);
    return true;
  },
  score(s, node) {
    const st = s.data.get('PodTopologySpreadScore') as ScoreState;
    if (st.ignored.has(node.name)) return 0;
    let score = 0;
    st.constraints.forEach((c, i) => {
      const value = node.labels[c.topologyKey];
      if (value === undefined) return;
      const cnt = c.topologyKey === HOSTNAME ? countMatching(node, c, s.pod.namespace) : (st.pairCounts.get(`${c.topologyKey}\u0000${value}`) ?? 0);
      score += cnt * st.weights[i]! + (c.maxSkew - 1);
    });
    return Math.round(score);
  },
  normalize(s, nodes, scores) {
    const st = s.data.get('PodTopologySpreadScore') as ScoreState;
    let min = Infinity;
    let max = 0;
    nodes.forEach((n, i) => {
      if (st.ignored.has(n.name)) return;
      min = Math.min(min, scores[i]!);
      max = Math.max(max, scores[i]!);
    });
    nodes.forEach((n, i) => {
      if (st.ignored.has(n.name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
    });
  },
};
