/**
 * InterPodAffinity (framework/plugins/interpodaffinity, v1.31): Filter on required pod affinity,
 * required anti-affinity, and existing Pods' required anti-affinity; Score on preferred terms of
 * the incoming Pod and of existing Pods (hardPodAffinityWeight 1 for existing required affinity).
 * Simplified: matchLabelKeys/mismatchLabelKeys on affinity terms are not applied.
 */
import { MAX_NODE_SCORE, unresolvable, unschedulable, type FilterPlugin, type Listers, type ScorePlugin } from '../framework.ts';
import { labelSelectorMatches, type LabelSelector } from '../helpers.ts';
import type { NodeInfo, PodInfo } from '../types.ts';

interface RawTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

interface WeightedTerm {
  weight: number;
  podAffinityTerm: RawTerm;
}

/** AffinityTerm.Matches: namespace (listed, or selected, or the owner's own by default) and labels. */
function termMatches(term: RawTerm, ownerNamespace: string, target: PodInfo, listers: Listers): boolean {
  const namespaces = term.namespaces ?? [];
  let nsOk: boolean;
  if (namespaces.length === 0 && !term.namespaceSelector) nsOk = target.namespace === ownerNamespace;
  else nsOk = namespaces.includes(target.namespace) || (term.namespaceSelector !== undefined && labelSelectorMatches(term.namespaceSelector, listers.namespaceLabels(target.namespace) ?? {}));
  return nsOk && labelSelectorMatches(term.labelSelector, target.labels);
}

const affinityOf = (p: PodInfo) => p.pod.spec?.affinity ?? {};
const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

interface FilterState {
  affinity: RawTerm[];
  anti: RawTerm[];
  affinityCounts: Map<string, number>;
  antiCounts: Map<string, number>;
  existingAntiCounts: Map<string, number>;
}

function bump(m: Map<string, number>, node: NodeInfo, key: string, by = 1): void {
  const value = node.labels[key];
  if (value !== undefined) m.set(pairKey(key, value), (m.get(pairKey(key, value)) ?? 0) + by);
}

export const InterPodAffinityFilter: FilterPlugin = {
  name: 'InterPodAffinity',
  preFilter(s) {
    const a = affinityOf(s.pod);
    const affinity: RawTerm[] = a.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const anti: RawTerm[] = a.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    const st: FilterState = { affinity, anti, affinityCounts: new Map(), antiCounts: new Map(), existingAntiCounts: new Map() };
    let anyExistingAnti = false;
    for (const node of s.cache.nodes) {
      if (node.podsWithRequiredAntiAffinity > 0) {
        anyExistingAnti = true;
        for (const p of node.pods.values()) {
          if (!p.hasRequiredAntiAffinity) continue;
          for (const t of affinityOf(p).podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution as RawTerm[]) {
            if (termMatches(t, p.namespace, s.pod, s.listers)) bump(st.existingAntiCounts, node, t.topologyKey);
          }
        }
      }
      if (affinity.length === 0 && anti.length === 0) continue;
      for (const p of node.pods.values()) {
        // An affinity term counts only where the existing Pod matches every term (podMatchesAllAffinityTerms).
        if (affinity.length > 0 && affinity.every((t) => termMatches(t, s.pod.namespace, p, s.listers))) for (const t of affinity) bump(st.affinityCounts, node, t.topologyKey);
        for (const t of anti) if (termMatches(t, s.pod.namespace, p, s.listers)) bump(st.antiCounts, node, t.topologyKey);
      }
    }
    if (!anyExistingAnti && affinity.length === 0 && anti.length === 0) return false;
    s.data.set('InterPodAffinityFilter', st);
    return true;
  },
  filter(s, node) {
    const st = s.data.get('InterPodAffinityFilter') as FilterState;
    if (st.affinity.length > 0) {
      let podsExist = true;
      for (const t of st.affinity) {
        const value = node.labels[t.topologyKey];
        if (value === undefined) return unresolvable("node(s) didn't match pod affinity rules");
        if ((st.affinityCounts.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
      }
      // The first Pod of a group with affinity to itself may go anywhere no matching Pod runs yet.
      const selfMatch = st.affinity.every((t) => termMatches(t, s.pod.namespace, s.pod, s.listers));
      if (!podsExist && !(st.affinityCounts.size === 0 && selfMatch)) return unresolvable("node(s) didn't match pod affinity rules");
    }
    for (const t of st.anti) {
      const value = node.labels[t.topologyKey];
      if (value !== undefined && (st.antiCounts.get(pairKey(t.topologyKey, value)) ?? 0) > 0) return unschedulable("node(s) didn't match pod anti-affinity rules");
    }
    if (st.existingAntiCounts.size > 0) {
      for (const key in node.labels) {
        if ((st.existingAntiCounts.get(pairKey(key, node.labels[key]!)) ?? 0) > 0) return unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");
      }
    }
    return undefined;
  },
};

/** Score: topology pair → summed weight, then min-max normalized to 0..100. */
export const InterPodAffinityScore: ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preScore(s) {
    const a = affinityOf(s.pod);
    const prefAffinity: WeightedTerm[] = a.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const prefAnti: WeightedTerm[] = a.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const hasConstraints = prefAffinity.length > 0 || prefAnti.length > 0;
    const scores = new Map<string, number>();
    for (const node of s.cache.nodes) {
      if (!hasConstraints && node.podsWithAffinity === 0) continue;
      for (const p of node.pods.values()) {
        if (!hasConstraints && !p.hasAffinity) continue;
        for (const w of prefAffinity) if (termMatches(w.podAffinityTerm, s.pod.namespace, p, s.listers)) bump(scores, node, w.podAffinityTerm.topologyKey, w.weight);
        for (const w of prefAnti) if (termMatches(w.podAffinityTerm, s.pod.namespace, p, s.listers)) bump(scores, node, w.podAffinityTerm.topologyKey, -w.weight);
        if (!p.hasAffinity) continue;
        const pa = affinityOf(p);
        for (const t of (pa.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) as RawTerm[]) if (termMatches(t, p.namespace, s.pod, s.listers)) bump(scores, node, t.topologyKey, 1);
        for (const w of (pa.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as WeightedTerm[]) if (termMatches(w.podAffinityTerm, p.namespace, s.pod, s.listers)) bump(scores, node, w.podAffinityTerm.topologyKey, w.weight);
        for (const w of (pa.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as WeightedTerm[]) if (termMatches(w.podAffinityTerm, p.namespace, s.pod, s.listers)) bump(scores, node, w.podAffinityTerm.topologyKey, -w.weight);
      }
    }
    if (scores.size === 0) return false;
    s.data.set('InterPodAffinityScore', scores);
    return true;
  },
  score(s, node) {
    const scores = s.data.get('InterPodAffinityScore') as Map<string, number>;
    let total = 0;
    for (const key in node.labels) total += scores.get(pairKey(key, node.labels[key]!)) ?? 0;
    return total;
  },
  normalize(_s, _nodes, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const v of scores) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
  },
};
