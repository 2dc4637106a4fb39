/**
 * What the DaemonSet controller decides per node and puts in each daemon Pod, after upstream
 * `pkg/controller/daemon/util/daemonset_util.go` (AddOrUpdateDaemonPodTolerations,
 * ReplaceDaemonSetPodNodeNameNodeAffinity, GetTargetNodeName, IsPodUpdated) and
 * `daemon_controller.go` (NodeShouldRunDaemonPod, predicates).
 */
import { deepCopy, type KubeObject } from '../../api/types.ts';
import { requiredNodeAffinityMatches, tolerationsTolerateTaint, type Toleration } from '../../scheduler/helpers.ts';
import type { Taint } from '../../scheduler/types.ts';
import { computeHash as computePodTemplateHash } from '../deployment/hash.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- plain decoded JSON from Pod specs */

/** The tolerations every daemon Pod gets, in AddOrUpdateDaemonPodTolerations' order. */
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
/** Added only for hostNetwork Pods: they do not need the Pod network to be up. */
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** v1helper.AddOrUpdateTolerationInPodSpec: an identical toleration is not added twice. */
function addToleration(list: Toleration[], t: Toleration): void {
  const same = (a: Toleration) => a.key === t.key && (a.operator ?? 'Equal') === t.operator && (a.value ?? '') === (t.value ?? '') && a.effect === t.effect;
  if (!list.some(same)) list.push({ ...t });
}

/** The Pod spec of a daemon Pod for `nodeName` (util.NewPod + ReplaceDaemonSetPodNodeNameNodeAffinity). */
export function daemonPodSpec(ds: KubeObject, nodeName: string): any {
  const spec = deepCopy(ds.spec.template.spec ?? {});
  const tolerations: Toleration[] = spec.tolerations ?? [];
  for (const t of DAEMON_TOLERATIONS) addToleration(tolerations, t);
  if (spec.hostNetwork) addToleration(tolerations, NETWORK_UNAVAILABLE);
  spec.tolerations = tolerations;
  // The required terms are replaced by the one that pins the node; preferred terms stay.
  spec.affinity ??= {};
  spec.affinity.nodeAffinity ??= {};
  spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  return spec;
}

export interface NodeDecision {
  /** The node should get a daemon Pod. */
  shouldRun: boolean;
  /** A daemon Pod already there may stay (only NoExecute taints evict it). */
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod: the template (with the daemon tolerations) must fit the node's labels
 * (nodeSelector, required node affinity) and tolerate its NoSchedule and NoExecute taints.
 */
export function nodeShouldRunDaemonPod(node: KubeObject, ds: KubeObject): NodeDecision {
  const template = ds.spec.template.spec ?? {};
  if (template.nodeName && template.nodeName !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  const labels = node.metadata.labels ?? {};
  if (!requiredNodeAffinityMatches(template, node.metadata.name, labels)) return { shouldRun: false, shouldContinueRunning: false };
  const tolerations = daemonPodSpec(ds, node.metadata.name).tolerations as Toleration[];
  const taints: Taint[] = node.spec?.taints ?? [];
  let shouldRun = true;
  let shouldContinueRunning = true;
  for (const taint of taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (tolerationsTolerateTaint(tolerations, taint)) continue;
    shouldRun = false;
    if (taint.effect === 'NoExecute') shouldContinueRunning = false;
  }
  return { shouldRun, shouldContinueRunning };
}

/** util.GetTargetNodeName: spec.nodeName, or the node the matchFields affinity pins. */
export function targetNodeName(pod: Readonly<KubeObject>): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  }
  return undefined;
}

/** The template generation: the registry's `deprecated.daemonset.template.generation`, else metadata.generation. */
export function templateGeneration(ds: Readonly<KubeObject>): string {
  return ds.metadata.annotations?.['deprecated.daemonset.template.generation'] ?? String(ds.metadata.generation ?? 1);
}

/** IsPodUpdated: the revision hash matches, or (backward compatibility) the template generation does. */
export function isPodUpdated(pod: Readonly<KubeObject>, hash: string, generation: string): boolean {
  const labels = pod.metadata.labels ?? {};
  return labels['controller-revision-hash'] === hash || labels['pod-template-generation'] === generation;
}

/**
 * The DaemonSet's revision hash (`controller-revision-hash`, the ControllerRevision's name suffix):
 * daemon/update.go snapshot() uses controller.ComputeHash(&ds.Spec.Template, ds.Status.CollisionCount),
 * the pod-template-hash of Deployments (../deployment/hash.ts), not history.HashControllerRevision.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  return computePodTemplateHash(template, collisionCount);
}
