/**
 * kube-scheduler with the default profile (pkg/scheduler, v1.31): informers on Pods and Nodes feed
 * the cache and the scheduling queue; each scheduling cycle runs on the kernel agenda, never
 * inside a store write; a chosen node is assumed at once and bound after a short delay.
 */
import type { EventRecorder } from '../api/events.ts';
import { Informer } from '../api/informer.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { Algorithm, type CycleResult } from './algorithm.ts';
import { SchedulerCache } from './cache.ts';
import type { Listers } from './framework.ts';
import { labelSelectorMatches, type LabelSelector } from './helpers.ts';
import { EVENT_INTEREST, type ClusterEvent } from './profile.ts';
import { SchedulingQueue, type QueuedPod } from './queue.ts';
import { preBindVolumes, storageListers } from './plugins/volume-binding.ts';
import { podInfoOf, type PodInfo } from './types.ts';
import { DefaultPreemption } from './plugins/default-preemption.ts';

const PODS = preferredResourceForKind('Pod')!;
const NODES = preferredResourceForKind('Node')!;
const NAMESPACES = preferredResourceForKind('Namespace')!;
const SERVICES = preferredResourceForKind('Service')!;
const REPLICASETS = preferredResourceForKind('ReplicaSet')!;
const STATEFULSETS = preferredResourceForKind('StatefulSet')!;

export const SCHEDULER_NAME = 'default-scheduler';
const ACTOR = 'kube-scheduler';

/**
 * The binding call's latency: the scheduling cycle itself takes no virtual time, the API call
 * that binds takes 5–20 ms (a local cluster's apiserver round trip plus etcd write), drawn from
 * the kernel's PRNG.
 */
export const BIND_DELAY_MS_MIN = 5;
export const BIND_DELAY_MS_MAX = 20;

/** Cap on cycles run in one agenda turn, so a flood of Pods still yields to other components. */
const CYCLES_PER_TURN = 1000;

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  private readonly algorithm: Algorithm;
  private readonly preemption: DefaultPreemption;
  private readonly listers: Listers;
  private cycleScheduled = false;
  private started = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new SchedulingQueue(kernel, () => this.scheduleCycle());
    this.algorithm = new Algorithm(kernel.rng);
    this.listers = {
      namespaceLabels: (name) => store.peek(NAMESPACES, undefined, name)?.metadata.labels,
      defaultSelector: (pod) => this.defaultSelector(pod),
      storage: storageListers(store),
    };
    this.preemption = new DefaultPreemption(kernel, store, events, this.cache, this.listers);
  }

  /** Subscribes the informers (existing objects arrive as adds) and starts scheduling. */
  start(): void {
    if (this.started) return;
    this.started = true;
    new Informer(this.store, NODES).addEventHandler({
      onAdd: (n) => {
        this.cache.addOrUpdateNode(n);
        this.queue.moveForEvent(EVENT_INTEREST.NodeAdd);
      },
      onUpdate: (o, n) => {
        this.cache.addOrUpdateNode(n);
        for (const e of nodeChanges(o, n)) this.queue.moveForEvent(EVENT_INTEREST[e]);
      },
      onDelete: (n) => this.cache.removeNode(n.metadata.name),
    });
    // VolumeBinding's events: claims, volumes and classes added or changed.
    for (const kind of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass']) {
      const move = () => this.queue.moveForEvent(EVENT_INTEREST.StorageChange);
      new Informer(this.store, preferredResourceForKind(kind)!).addEventHandler({ onAdd: move, onUpdate: move });
    }
    new Informer(this.store, PODS).addEventHandler({
      onAdd: (p) => this.onPod(undefined, p),
      onUpdate: (o, p) => this.onPod(o, p),
      onDelete: (p) => {
        this.queue.delete(p.metadata.uid);
        if (this.cache.removePod(p.metadata.uid)) this.queue.moveForEvent(EVENT_INTEREST.AssignedPodDelete);
      },
    });
  }

  private onPod(old: KubeObject | undefined, pod: KubeObject): void {
    const uid = pod.metadata.uid;
    if (pod.spec?.nodeName) {
      this.queue.done(uid);
      const wasCounted = old?.spec?.nodeName !== undefined && isActive(old) ? true : this.cache.isAssumed(uid);
      this.cache.addOrUpdatePod(pod);
      if (!isActive(pod)) {
        if (wasCounted) this.queue.moveForEvent(EVENT_INTEREST.AssignedPodDelete);
      } else if (!old?.spec?.nodeName) this.queue.moveForEvent(EVENT_INTEREST.AssignedPodAdd);
      else if (labelsChanged(old, pod)) this.queue.moveForEvent(EVENT_INTEREST.AssignedPodUpdate);
      return;
    }
    if (!responsibleFor(pod)) {
      this.queue.delete(uid);
      return;
    }
    const priority = typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0;
    if (!this.queue.has(uid)) this.queue.add(uid, pod.metadata.namespace ?? 'default', pod.metadata.name, priority);
    else if (old && (labelsChanged(old, pod) || JSON.stringify(old.spec) !== JSON.stringify(pod.spec))) this.queue.updated(uid, priority);
  }

  private scheduleCycle(): void {
    if (this.cycleScheduled) return;
    this.cycleScheduled = true;
    this.kernel.after(0, 'kube-scheduler: scheduleOne', () => {
      this.cycleScheduled = false;
      for (let i = 0; i < CYCLES_PER_TURN; i++) {
        const qp = this.queue.pop();
        if (!qp) return;
        this.scheduleOne(qp);
      }
      this.scheduleCycle();
    });
  }

  /** scheduleOne: one Pod through the scheduling cycle; binding follows on the agenda. */
  private scheduleOne(qp: QueuedPod): void {
    const pod = this.store.peek(PODS, qp.namespace, qp.name);
    if (!pod || pod.metadata.uid !== qp.uid || pod.spec?.nodeName || !responsibleFor(pod)) {
      this.queue.done(qp.uid);
      return;
    }
    const info = podInfoOf(pod);
    const result = this.algorithm.run({ pod: info, cache: this.cache, listers: this.listers, data: new Map() });
    const key = `${info.namespace}/${info.name}`;
    if (result.selected === undefined) {
      this.fail(qp, pod, result, key);
      return;
    }
    const node = result.selected;
    const bindDelayMs = this.kernel.rng.intBetween(BIND_DELAY_MS_MIN, BIND_DELAY_MS_MAX);
    this.cache.assume(info, node);
    this.kernel.record({
      source: ACTOR,
      type: 'decision',
      reason: 'Scheduled',
      object: objectRef(pod),
      message: `Pod ${key} assigned to ${node}`,
      data: { ...decisionData(result, qp), selected: node, bindDelayMs },
    });
    this.kernel.after(bindDelayMs, `kube-scheduler: bind ${key}`, () => this.bind(qp, info, node));
  }

  private bind(qp: QueuedPod, info: PodInfo, node: string, volumesBound = false): void {
    const key = `${info.namespace}/${info.name}`;
    const current = this.store.peek(PODS, info.namespace, info.name);
    if (!current || current.metadata.uid !== info.uid || current.spec?.nodeName || current.metadata.deletionTimestamp) {
      // The Pod went away or changed hands while the binding was in flight: forget the assumption.
      this.cache.forget(info.uid);
      this.queue.done(info.uid);
      if (current && !current.spec?.nodeName && !current.metadata.deletionTimestamp) this.queue.add(info.uid, info.namespace, info.name, qp.priority);
      return;
    }
    if (!volumesBound) {
      // PreBind (VolumeBinding): at once when the Pod has no claim to bind, else once they are bound.
      preBindVolumes(this.kernel, this.store, current, node, ACTOR, (error) => (error ? this.preBindFailed(qp, info, error) : this.bind(qp, info, node, true)));
      return;
    }
    // The store copies what it is given: a shallow copy with the new nodeName is enough here.
    const next = { ...(current as KubeObject), spec: { ...current.spec, nodeName: node } };
    const bound = this.store.update(PODS, next, ACTOR, { message: `pod ${key} bound to ${node}` });
    const now = this.kernel.timestamp();
    const status = { ...(bound.status ?? {}) };
    status.conditions = setCondition(status.conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    const withStatus = this.store.update(PODS, { ...bound, status }, ACTOR, { subresource: 'status', message: `pod ${key} PodScheduled=True` });
    this.events.record(withStatus, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${node}`, { component: SCHEDULER_NAME });
  }

  /** handleBindingCycleError after a PreBind error: forget the assumption, say why, try again. */
  private preBindFailed(qp: QueuedPod, info: PodInfo, error: string): void {
    this.cache.forget(info.uid);
    this.queue.done(info.uid);
    const pod = this.store.peek(PODS, info.namespace, info.name);
    if (!pod || pod.metadata.uid !== info.uid || pod.metadata.deletionTimestamp) return;
    this.events.record(pod as KubeObject, 'Warning', 'FailedScheduling', `running PreBind plugin "VolumeBinding": ${error}`, { component: SCHEDULER_NAME });
    this.queue.add(info.uid, info.namespace, info.name, qp.priority);
  }

  /** handleSchedulingFailure: back to the queue, a FailedScheduling event, PodScheduled=False. */
  private fail(qp: QueuedPod, pod: Readonly<KubeObject>, result: CycleResult, key: string): void {
    // PostFilter (plugins/default-preemption.ts): evicts victims and nominates a node, or says why not.
    const post = result.preemptionCandidates?.length ? this.preemption.postFilter(pod, result.preemptionCandidates) : {};
    const message = post.message ? `${result.message!} ${post.message}.` : result.message!;
    this.queue.addUnschedulable(qp, result.rejectedBy);
    this.kernel.record({ source: ACTOR, type: 'decision', reason: 'FailedScheduling', object: objectRef(pod), message, data: decisionData(result, qp) });
    this.events.record(pod as KubeObject, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    const condition = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: this.kernel.timestamp() };
    const conditions = (pod.status?.conditions ?? []) as Record<string, unknown>[];
    const existing = conditions.find((c) => c.type === 'PodScheduled');
    // updatePod writes only when the condition changed (podutil.UpdatePodCondition).
    const nominationChanges = post.nominatedNodeName !== undefined && post.nominatedNodeName !== pod.status?.nominatedNodeName;
    if (!nominationChanges && existing && existing.status === 'False' && existing.reason === 'Unschedulable' && existing.message === message) return;
    if (existing && existing.status === 'False') condition.lastTransitionTime = existing.lastTransitionTime as string;
    const status: Record<string, unknown> = { ...(pod.status ?? {}), conditions: setCondition(conditions, condition) };
    if (post.nominatedNodeName !== undefined) status.nominatedNodeName = post.nominatedNodeName;
    this.store.update(PODS, { ...(pod as KubeObject), status }, ACTOR, { subresource: 'status', message: `pod ${key} PodScheduled=False (Unschedulable)` });
  }

  /** helper.DefaultSelector: the union of the selectors of Services, ReplicaSets and StatefulSets selecting the Pod. */
  private defaultSelector(pod: PodInfo): { matchLabels: Record<string, string> } | undefined {
    const labels: Record<string, string> = {};
    let any = false;
    for (const svc of this.store.list(SERVICES, pod.namespace)) {
      const sel = svc.spec?.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0 || !labelSelectorMatches({ matchLabels: sel }, pod.labels)) continue;
      Object.assign(labels, sel);
      any = true;
    }
    for (const ref of pod.pod.metadata.ownerReferences ?? []) {
      if (!ref.controller) continue;
      const info = ref.kind === 'ReplicaSet' ? REPLICASETS : ref.kind === 'StatefulSet' ? STATEFULSETS : undefined;
      const owner = info && this.store.peek(info, pod.namespace, ref.name);
      const sel = owner?.spec?.selector as LabelSelector | undefined;
      if (sel?.matchLabels) {
        Object.assign(labels, sel.matchLabels);
        any = true;
      }
    }
    return any ? { matchLabels: labels } : undefined;
  }
}

function responsibleFor(pod: Readonly<KubeObject>): boolean {
  const name = pod.spec?.schedulerName;
  return (name === undefined || name === SCHEDULER_NAME) && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp;
}

function isActive(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function labelsChanged(a: Readonly<KubeObject>, b: Readonly<KubeObject>): boolean {
  return JSON.stringify(a.metadata.labels ?? {}) !== JSON.stringify(b.metadata.labels ?? {});
}

/** nodeSchedulingPropertiesChange: which node changes could make a rejected Pod schedulable. */
function nodeChanges(o: Readonly<KubeObject>, n: Readonly<KubeObject>): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (JSON.stringify(o.metadata.labels ?? {}) !== JSON.stringify(n.metadata.labels ?? {})) out.push('NodeLabelChange');
  if (JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? []) || Boolean(o.spec?.unschedulable) !== Boolean(n.spec?.unschedulable)) out.push('NodeTaintChange');
  if (JSON.stringify(o.status?.allocatable ?? {}) !== JSON.stringify(n.status?.allocatable ?? {})) out.push('NodeAllocatableChange');
  return out;
}

function setCondition(conditions: unknown, condition: Record<string, unknown>): Record<string, unknown>[] {
  const list = Array.isArray(conditions) ? (conditions as Record<string, unknown>[]) : [];
  const i = list.findIndex((c) => c.type === condition.type);
  if (i < 0) return [...list, condition];
  return list.map((c, j) => (j === i ? condition : c));
}

function objectRef(pod: Readonly<KubeObject>) {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}

function decisionData(result: CycleResult, qp: QueuedPod): Record<string, unknown> {
  const data: Record<string, unknown> = { attempt: qp.attempts, evaluated: result.evaluated, feasible: result.feasible, filtered: result.filtered };
  if (result.scored) data.scored = result.scored;
  if (result.preemptionCandidates) data.preemptionCandidates = result.preemptionCandidates;
  return data;
}
