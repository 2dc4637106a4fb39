/**
 * One scheduling cycle's algorithm (schedule_one.go `schedulePod`, v1.31): PreFilter, Filter over
 * nodes from a rotating start index until enough feasible nodes are found
 * (numFeasibleNodesToFind), then PreScore/Score/NormalizeScore, weights, and selectHost's
 * reservoir sampling among the top totals. On failure, DefaultPreemption's dry run gives the
 * PostFilter message.
 */
import type { Prng } from '../kernel/prng.ts';
import type { CycleState, FilterPlugin, FilterStatus } from './framework.ts';
import { fitErrorMessage } from './fit-error.ts';
import { FILTER_PLUGINS, SCORE_PLUGINS } from './profile.ts';
import { NodeInfo } from './types.ts';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * The explanation of one cycle for the timeline ("why this node"), kept columnar so a decision
 * over hundreds of nodes stays a handful of arrays: `filtered` has one entry per rejected node
 * (the Filter plugin that stopped it and its reasons); `scored.nodes[i]` got, from each plugin,
 * `raw[i]` then `normalized[i]` (both null when the plugin skipped this Pod; a single number
 * when every node got the same), and `totals[i]`. Columns that vary are typed arrays
 * (`ScoreColumn`): a decision on a 1,000-node cluster scores 420 nodes with seven plugins, and
 * the timeline keeps tens of thousands of decisions: a 0-100 column costs a byte a node, not the
 * eight of a JS array (more for fractions, which are boxed), so a decision stays near the 3.4 KB
 * of its node-name list.
 */
export interface CycleResult {
  selected?: string;
  /** The FitError message when no node fits. */
  message?: string;
  /** Plugins that rejected at least one node (the queue's UnschedulablePlugins). */
  rejectedBy: string[];
  evaluated: number;
  feasible: number;
  filtered: { node: string; plugin: string; reasons: string[] }[];
  scored?: {
    nodes: string[];
    plugins: { name: string; weight: number; raw: ScoreColumn | null; normalized: ScoreColumn | null }[];
    totals: ScoreColumn;
  };
  /** Nodes where evicting lower-priority Pods would make room (preemption itself is not simulated). */
  preemptionCandidates?: string[];
}

/**
 * A score column as the timeline keeps it: one number when every node got the same value, else
 * the values in the smallest typed array that holds them exactly (scores are small integers:
 * a 0-100 column takes one byte a node).
 */
export type ScoreColumn = number | Uint8Array | Uint16Array | Int32Array | Float64Array;

/** numFeasibleNodesToFind with the adaptive percentage (percentageOfNodesToScore unset). */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * percentage) / 100));
}

export class Algorithm {
  /** Upstream's nextStartNodeIndex: each cycle starts where the previous one stopped. */
  private nextStartNodeIndex = 0;
  /** A raw score column, reused from plugin to plugin and cycle to cycle. */
  private readonly scratch: number[] = [];

  constructor(private readonly rng: Prng) {}

  run(state: CycleState): CycleResult {
    const all = state.cache.nodes;
    const result: CycleResult = { rejectedBy: [], evaluated: 0, feasible: 0, filtered: [] };
    const filters: FilterPlugin[] = [];
    for (const p of FILTER_PLUGINS) {
      const pre = p.preFilter ? p.preFilter(state) : true;
      if (pre === false) continue;
      if (pre !== true) return this.preFilterRejected(state, p.name, pre, result);
      filters.push(p);
    }
    const feasible: NodeInfo[] = [];
    const failed: { node: NodeInfo; status: FilterStatus; plugin: string }[] = [];
    const want = numFeasibleNodesToFind(all.length);
    const rejectedBy = new Set<string>();
    let processed = 0;
    for (let i = 0; i < all.length && feasible.length < want; i++) {
      const node = all[(this.nextStartNodeIndex + i) % all.length]!;
      processed++;
      let rejected = false;
      for (const f of filters) {
        const status = f.filter(state, node);
        if (status) {
          failed.push({ node, status, plugin: f.name });
          result.filtered.push({ node: node.name, plugin: f.name, reasons: status.reasons });
          rejectedBy.add(f.name);
          rejected = true;
          break;
        }
      }
      if (!rejected) feasible.push(node);
    }
    if (all.length > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;
    result.evaluated = processed;
    result.feasible = feasible.length;
    result.rejectedBy = [...rejectedBy];

    if (feasible.length === 0) {
      const post = this.preemption(state, failed, filters, result);
      result.message = fitErrorMessage(all.length, failed.map((f) => f.status.reasons), post);
      return result;
    }
    if (feasible.length === 1) {
      // Upstream returns the only feasible node without scoring.
      result.selected = feasible[0]!.name;
      return result;
    }
    const n = feasible.length;
    // `totals` is a packed array built by push (new Array(n).fill(0) is a holey array, slow to add
    // into); it is a scratch column, copied into the timeline's typed array at the end.
    const totals: number[] = [];
    for (let i = 0; i < n; i++) totals.push(0);
    const names = feasible.map((node) => node.name);
    const scored: NonNullable<CycleResult['scored']> = { nodes: names, plugins: [], totals: 0 };
    const raw = this.scratch;
    for (const plugin of SCORE_PLUGINS) {
      if (plugin.preScore && !plugin.preScore(state, feasible)) {
        scored.plugins.push({ name: plugin.name, weight: plugin.weight, raw: null, normalized: null });
        continue;
      }
      raw.length = 0;
      if (plugin.scoreAll) plugin.scoreAll(state, feasible, raw);
      else for (let i = 0; i < n; i++) raw.push(plugin.score(state, feasible[i]!));
      // `raw` is the scratch array: what the timeline keeps is a column copied from it.
      const rawColumn = column(raw);
      let normalizedColumn = rawColumn;
      let normalized = raw;
      if (plugin.normalize) {
        normalized = raw.slice();
        plugin.normalize(state, feasible, normalized);
        normalizedColumn = column(normalized);
      }
      const weight = plugin.weight;
      if (typeof normalizedColumn === 'number') {
        const add = normalizedColumn * weight;
        if (add !== 0) for (let i = 0; i < n; i++) totals[i]! += add;
      } else {
        for (let i = 0; i < n; i++) totals[i]! += normalized[i]! * weight;
      }
      // Without NormalizeScore both columns are the same values: the timeline keeps them once.
      scored.plugins.push({ name: plugin.name, weight, raw: rawColumn, normalized: normalizedColumn });
    }
    scored.totals = column(totals, false);
    result.scored = scored;
    let best = -Infinity;
    for (const t of totals) if (t > best) best = t;
    // selectHost: reservoir sampling, so each node with the top total is equally likely.
    let count = 0;
    let selected = 0;
    for (let i = 0; i < n; i++) {
      if (totals[i] !== best) continue;
      count++;
      if (count === 1 || this.rng.intBelow(count) === 0) selected = i;
    }
    result.selected = feasible[selected]!.name;
    return result;
  }

  /**
   * A PreFilter rejected the Pod (schedule_one.go findNodesThatFitPod): every node gets its status,
   * and FitError.Error() prints its message once (Diagnosis.PreFilterMsg), then the preemption part.
   */
  private preFilterRejected(state: CycleState, plugin: string, status: FilterStatus, result: CycleResult): CycleResult {
    const all = state.cache.nodes;
    result.rejectedBy = [plugin];
    const failed = all.map((node) => ({ node, status }));
    const post = this.preemption(state, failed, [], result);
    result.message = `0/${all.length} nodes are available: ${status.reasons.join(', ')}.${post ? ` ${post}.` : ''}`;
    return result;
  }

  /**
   * DefaultPreemption's PostFilter, as far as its message: nodes rejected as unresolvable are
   * "Preemption is not helpful for scheduling"; elsewhere, with every lower-priority Pod removed,
   * no victims → "No preemption victims found for incoming pod", still failing → that filter's
   * reasons. If some node would fit, upstream preempts and the message has no preemption part.
   */
  private preemption(state: CycleState, failed: { node: NodeInfo; status: FilterStatus }[], filters: typeof FILTER_PLUGINS, result: CycleResult): string {
    if (state.pod.pod.spec?.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
    const reasons: string[][] = [];
    const candidates: string[] = [];
    for (const { node, status } of failed) {
      if (status.code === 'UnschedulableAndUnresolvable') {
        reasons.push(['Preemption is not helpful for scheduling']);
        continue;
      }
      let victims = 0;
      for (const p of node.pods.values()) if (p.priority < state.pod.priority) victims++;
      if (victims === 0) {
        reasons.push(['No preemption victims found for incoming pod']);
        continue;
      }
      // Only now the node without its victims (most failures have none: equal priorities).
      const without = new NodeInfo(node.name);
      without.setNode(node.node);
      for (const p of node.pods.values()) if (p.priority >= state.pod.priority) without.addPod(p);
      let failure: FilterStatus | undefined;
      for (const f of filters) {
        failure = f.filter(state, without);
        if (failure) break;
      }
      if (failure) reasons.push(failure.reasons);
      else candidates.push(node.name);
    }
    if (candidates.length > 0) {
      result.preemptionCandidates = candidates;
      return '';
    }
    return `preemption: ${fitErrorMessage(failed.length, reasons, '').replace(/\.$/, '')}`;
  }
}

/**
 * `values` as a ScoreColumn: a column where every node has the same value is kept as that value
 * (large clusters repeat a lot) unless `collapse` is false; integers go into the narrowest typed
 * array that holds them, anything else into a Float64Array, so no value changes.
 */
function column(values: readonly number[], collapse = true): ScoreColumn {
  const first = values[0]!;
  let same = true;
  let integers = true;
  let min = first;
  let max = first;
  for (const v of values) {
    if (v !== first) same = false;
    if (!Number.isInteger(v) || Object.is(v, -0)) integers = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (same && collapse) return first;
  if (!integers) return Float64Array.from(values);
  if (min >= 0 && max <= 0xff) return Uint8Array.from(values);
  if (min >= 0 && max <= 0xffff) return Uint16Array.from(values);
  if (min >= -(2 ** 31) && max < 2 ** 31) return Int32Array.from(values);
  return Float64Array.from(values);
}
