/**
 * The scheduling framework's extension points as this scheduler uses them
 * (pkg/scheduler/framework/interface.go): PreFilter/Filter, PreScore/Score/NormalizeScore.
 * A cycle's per-plugin state lives in `CycleState`, as upstream's CycleState does.
 */
import type { SchedulerCache } from './cache.ts';
import type { StorageListers } from './plugins/volume-binding.ts';
import type { NodeInfo, PodInfo } from './types.ts';

export const MAX_NODE_SCORE = 100;

export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A Filter rejection: its code decides whether preemption could help; reasons feed the FitError. */
export interface FilterStatus {
  code: StatusCode;
  reasons: string[];
}

/** What the plugins can look up besides the cache (objects the scheduler's other listers serve). */
export interface Listers {
  namespaceLabels(name: string): Record<string, string> | undefined;
  /** helper.DefaultSelector: selectors of Services, ReplicaSets, StatefulSets that select the Pod. */
  defaultSelector(pod: PodInfo): { matchLabels: Record<string, string> } | undefined;
  /** PersistentVolumeClaims, PersistentVolumes and StorageClasses (VolumeBinding). */
  storage?: StorageListers;
}

export interface CycleState {
  pod: PodInfo;
  cache: SchedulerCache;
  listers: Listers;
  /** Plugin state written at PreFilter/PreScore, read at Filter/Score. */
  data: Map<string, unknown>;
}

export interface FilterPlugin {
  readonly name: string;
  /**
   * Returns false when the plugin has nothing to check for this Pod (Skip); a FilterStatus
   * rejects the Pod before any node is filtered (its message goes into the FitError once).
   */
  preFilter?(state: CycleState): boolean | FilterStatus;
  filter(state: CycleState, node: NodeInfo): FilterStatus | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Returns false to Skip: the plugin adds 0 to every node. */
  preScore?(state: CycleState, nodes: readonly NodeInfo[]): boolean;
  score(state: CycleState, node: NodeInfo): number;
  /**
   * Optional: `score` of every node, appended to `out` in order. The same values; one call per
   * cycle instead of one per node (each cycle scores hundreds of nodes, and a call through a
   * plugin object that changes from plugin to plugin is what that costs most).
   */
  scoreAll?(state: CycleState, nodes: readonly NodeInfo[], out: number[]): void;
  /** NormalizeScore, in place over the feasible nodes' raw scores. */
  normalize?(state: CycleState, nodes: readonly NodeInfo[], scores: number[]): void;
}

export function unschedulable(...reasons: string[]): FilterStatus {
  return { code: 'Unschedulable', reasons };
}

export function unresolvable(...reasons: string[]): FilterStatus {
  return { code: 'UnschedulableAndUnresolvable', reasons };
}
