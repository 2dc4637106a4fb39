/**
 * The node-local Score plugins of the default profile with their weights
 * (apis/config/v1/default_plugins.go) and formulas (framework/plugins/<plugin>/*.go, v1.31).
 */
import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../framework.ts';
import type { NodeInfo } from '../types.ts';
import { defaultNormalizeScore, nodeSelectorMatches, tolerationsTolerateTaint, type NodeSelectorTerm, type Toleration } from '../helpers.ts';

/** tainttoleration: intolerable PreferNoSchedule taints, reversed so fewer is better. */
export const TaintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  preScore(s) {
    // Only tolerations with an empty effect or PreferNoSchedule count here.
    const all: Toleration[] = s.pod.pod.spec?.tolerations ?? [];
    s.data.set('TaintToleration', all.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'));
    return true;
  },
  score(s, node) {
    return intolerablePreferNoSchedule(s.data.get('TaintToleration') as Toleration[], node);
  },
  scoreAll(s, nodes, out) {
    const tolerations = s.data.get('TaintToleration') as Toleration[];
    for (const node of nodes) out.push(intolerablePreferNoSchedule(tolerations, node));
  },
  normalize(_s, _nodes, scores) {
    scores.splice(0, scores.length, ...defaultNormalizeScore(MAX_NODE_SCORE, true, scores));
  },
};

function intolerablePreferNoSchedule(tolerations: Toleration[], node: NodeInfo): number {
  let n = 0;
  for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)) n++;
  return n;
}

interface PreferredTerm {
  weight: number;
  preference: NodeSelectorTerm;
}

/** nodeaffinity: the sum of the weights of matching preferred terms; skipped without any. */
export const NodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore(s) {
    const terms: PreferredTerm[] = s.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    s.data.set('NodeAffinityScore', terms);
    return terms.length > 0;
  },
  score(s, node) {
    let total = 0;
    for (const t of s.data.get('NodeAffinityScore') as PreferredTerm[]) {
      if (t.weight !== 0 && nodeSelectorMatches([t.preference], node.name, node.labels)) total += t.weight;
    }
    return total;
  },
  normalize(_s, _nodes, scores) {
    scores.splice(0, scores.length, ...defaultNormalizeScore(MAX_NODE_SCORE, false, scores));
  },
};

/**
 * noderesources/least_allocated.go over cpu and memory (weight 1 each): the node's NonZeroRequested
 * plus the Pod's non-zero request, `(alloc - req) * 100 / alloc` in integer math, averaged.
 */
export const NodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score: leastAllocatedScore,
  scoreAll(s, nodes, out) {
    for (const node of nodes) out.push(leastAllocatedScore(s, node));
  },
};

function leastAllocatedScore(s: CycleState, node: NodeInfo): number {
  const cpuAlloc = node.allocatable.milliCPU;
  const memAlloc = node.allocatable.memory;
  let total = 0;
  let weights = 0;
  if (cpuAlloc !== 0) {
    total += leastRequestedScore(node.nonZeroRequested.milliCPU + s.pod.nonZero.milliCPU, cpuAlloc);
    weights++;
  }
  if (memAlloc !== 0) {
    total += leastRequestedScore(node.nonZeroRequested.memory + s.pod.nonZero.memory, memAlloc);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
}

function leastRequestedScore(requested: number, capacity: number): number {
  return requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * noderesources/balanced_allocation.go: fractions requested/allocatable (the plain requests, not
 * the non-zero ones: `useRequested`), capped at 1; with two resources std = |f1 - f2| / 2;
 * score = int((1 - std) * 100).
 */
export const BalancedAllocationScore: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score: balancedAllocationScore,
  scoreAll(s, nodes, out) {
    for (const node of nodes) out.push(balancedAllocationScore(s, node));
  },
};

function balancedAllocationScore(s: CycleState, node: NodeInfo): number {
  const cpuAlloc = node.allocatable.milliCPU;
  const memAlloc = node.allocatable.memory;
  if (cpuAlloc === 0 || memAlloc === 0) return MAX_NODE_SCORE; // fewer than two fractions: std 0
  const fCpu = Math.min(1, (node.requested.milliCPU + s.pod.requests.milliCPU) / cpuAlloc);
  const fMem = Math.min(1, (node.requested.memory + s.pod.requests.memory) / memAlloc);
  return Math.trunc((1 - Math.abs((fCpu - fMem) / 2)) * MAX_NODE_SCORE);
}

const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** imagelocality/image_locality.go: size of the Pod's images already on the node, scaled by spread. */
export const ImageLocalityScore: ScorePlugin = {
  name: 'ImageLocality',
  weight: 1,
  score: imageLocalityScore,
  scoreAll(s, nodes, out) {
    for (const node of nodes) out.push(imageLocalityScore(s, node));
  },
};

function imageLocalityScore(s: CycleState, node: NodeInfo): number {
  // The Pod's normalized image names, once per cycle rather than once per node.
  let names = s.data.get('ImageLocality') as string[] | undefined;
  if (!names) {
    const spec = s.pod.pod.spec ?? {};
    const containers: { image?: string }[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    names = containers.map((c) => normalizedImageName(c.image ?? ''));
    s.data.set('ImageLocality', names);
  }
  const images = s.cache.images();
  if (images.size === 0) return 0;
  const total = s.cache.nodes.length;
  const onNode = node.imageNames;
  let sum = 0;
  for (const name of names) {
    const state = images.get(name);
    if (state && onNode.has(name)) sum += Math.trunc(state.size * (state.numNodes / total));
  }
  const maxThreshold = MAX_CONTAINER_THRESHOLD * names.length;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), maxThreshold);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (maxThreshold - MIN_THRESHOLD));
}

/** A name without a tag gets `:latest` (a digest or tag after the last `/` is kept). */
function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}
