/**
 * The default profile (pkg/scheduler/apis/config/v1/default_plugins.go, v1.31): Filter plugins
 * in MultiPoint order (a node stops at its first failure), Score plugins with their weights.
 * Of the volume plugins only VolumeBinding is here (VolumeRestrictions, NodeVolumeLimits and
 * VolumeZone are absent: the playground has no cloud disks).
 */
import type { FilterPlugin, ScorePlugin } from './framework.ts';
import { InterPodAffinityFilter, InterPodAffinityScore } from './plugins/inter-pod-affinity.ts';
import { NodeAffinity, NodeName, NodePorts, NodeResourcesFit, NodeUnschedulable, TaintToleration } from './plugins/node-filters.ts';
import { BalancedAllocationScore, ImageLocalityScore, NodeAffinityScore, NodeResourcesFitScore, TaintTolerationScore } from './plugins/node-scores.ts';
import { PodTopologySpreadFilter, PodTopologySpreadScore } from './plugins/topology-spread.ts';
import { VolumeBinding } from './plugins/volume-binding.ts';

export const FILTER_PLUGINS: readonly FilterPlugin[] = [NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, VolumeBinding, PodTopologySpreadFilter, InterPodAffinityFilter];

export const SCORE_PLUGINS: readonly ScorePlugin[] = [TaintTolerationScore, NodeAffinityScore, NodeResourcesFitScore, PodTopologySpreadScore, InterPodAffinityScore, BalancedAllocationScore, ImageLocalityScore];

/**
 * The cluster events that may help a Pod each plugin rejected (EventsToRegister, simplified to
 * the events this simulation produces).
 */
export type ClusterEvent = 'NodeAdd' | 'NodeLabelChange' | 'NodeTaintChange' | 'NodeAllocatableChange' | 'AssignedPodAdd' | 'AssignedPodUpdate' | 'AssignedPodDelete' | 'StorageChange';

export const EVENT_INTEREST: Readonly<Record<ClusterEvent, ReadonlySet<string>>> = {
  NodeAdd: new Set(FILTER_PLUGINS.map((p) => p.name)),
  NodeLabelChange: new Set(['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity', 'VolumeBinding']),
  NodeTaintChange: new Set(['NodeUnschedulable', 'TaintToleration', 'PodTopologySpread']),
  NodeAllocatableChange: new Set(['NodeResourcesFit']),
  AssignedPodAdd: new Set(['PodTopologySpread', 'InterPodAffinity']),
  AssignedPodUpdate: new Set(['PodTopologySpread', 'InterPodAffinity']),
  AssignedPodDelete: new Set(['NodePorts', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity']),
  // A PersistentVolumeClaim, PersistentVolume or StorageClass added or changed.
  StorageChange: new Set(['VolumeBinding']),
};
