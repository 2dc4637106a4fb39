/**
 * The taint eviction controller of kube-controller-manager v1.31 (pkg/controller/tainteviction,
 * the former NoExecuteTaintManager, its own controller `taint-eviction-controller` since v1.29).
 *
 * For every pod on a node with NoExecute taints: a pod that does not tolerate them all is
 * deleted at once; otherwise its deletion is scheduled at the shortest tolerationSeconds of the
 * tolerations used (counted from when the controller saw the taint, not from timeAdded), and
 * never for a toleration without seconds. When the taints go away, or the pod is deleted, the
 * scheduled deletion is cancelled (`Cancelling deletion of Pod ns/name`). At the deadline it
 * records `TaintManagerEviction` `Marking for deletion Pod ns/name`, adds the DisruptionTarget
 * condition (PodDisruptionConditions is GA in v1.31) and deletes the pod with its own grace period.
 */
import type { APIServer } from '../../api/apiserver.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer } from '../../api/informer.ts';
import type { ObjectStore } from '../../api/store.ts';
import { objectKey, type KubeObject } from '../../api/types.ts';
import type { AgendaEntry } from '../../kernel/agenda.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { matchingTolerations, minTolerationMs, NODES, PODS, taintsOf, type Toleration } from './taints.ts';

const ACTOR = 'taint-eviction-controller';
const EVENT_SOURCE = { component: 'taint-eviction-controller' };

interface ScheduledEviction {
  createdAtMs: number;
  fireAtMs: number;
  uid: string;
  timer: AgendaEntry;
}

export class TaintEvictionController {
  /** taintEvictionQueue: pod key → its scheduled deletion. */
  private readonly queue = new Map<string, ScheduledEviction>();

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {}

  start(): void {
    const pods = new Informer(this.store, PODS);
    const nodes = new Informer(this.store, NODES);
    nodes.addEventHandler({
      onAdd: (n) => this.nodeUpdated(n.metadata.name),
      onUpdate: (o, n) => JSON.stringify(taintsOf(o)) !== JSON.stringify(taintsOf(n)) && this.nodeUpdated(n.metadata.name),
      onDelete: (n) => this.nodeUpdated(n.metadata.name),
    });
    pods.addEventHandler({
      onAdd: (p) => this.podUpdated(p),
      onUpdate: (o, p) => (o.spec?.nodeName !== p.spec?.nodeName || JSON.stringify(o.spec?.tolerations) !== JSON.stringify(p.spec?.tolerations)) && this.podUpdated(p),
      onDelete: (p) => this.cancel(objectKey(p.metadata.namespace, p.metadata.name), false),
    });
  }

  /** handleNodeUpdate: re-evaluate every pod on the node. */
  private nodeUpdated(nodeName: string): void {
    const node = this.store.peek(NODES, undefined, nodeName);
    const taints = node ? taintsOf(node).filter((t) => t.effect === 'NoExecute') : [];
    for (const pod of this.store.list(PODS)) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const key = objectKey(pod.metadata.namespace, pod.metadata.name);
      if (taints.length === 0) this.cancel(key, true);
      else this.processPodOnNode(pod as KubeObject, taints);
    }
  }

  /** handlePodUpdate. */
  private podUpdated(pod: KubeObject): void {
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const nodeName: string | undefined = pod.spec?.nodeName;
    const node = nodeName ? this.store.peek(NODES, undefined, nodeName) : undefined;
    const taints = node ? taintsOf(node).filter((t) => t.effect === 'NoExecute') : [];
    if (taints.length === 0) this.cancel(key, true);
    else this.processPodOnNode(pod, taints);
  }

  private processPodOnNode(pod: KubeObject, taints: ReturnType<typeof taintsOf>): void {
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const now = this.kernel.nowMs;
    const { all, used } = matchingTolerations(taints, (pod.spec?.tolerations ?? []) as Toleration[]);
    if (!all) {
      // Not all taints are tolerated: delete now.
      this.cancel(key, true);
      this.schedule(pod, now, now);
      return;
    }
    const minMs = minTolerationMs(used);
    if (minMs < 0) {
      // Tolerated forever.
      this.cancel(key, true);
      return;
    }
    let startMs = now;
    const scheduled = this.queue.get(key);
    if (scheduled) {
      // An eviction scheduled earlier keeps its (earlier) deadline.
      startMs = scheduled.createdAtMs;
      if (startMs + minMs < now + minMs) return;
      this.cancel(key, true);
    }
    this.schedule(pod, startMs, now + minMs);
  }

  private schedule(pod: KubeObject, createdAtMs: number, fireAtMs: number): void {
    const key = objectKey(pod.metadata.namespace, pod.metadata.name);
    const uid = pod.metadata.uid;
    const timer = this.kernel.after(Math.max(0, fireAtMs - this.kernel.nowMs), `${ACTOR}: evict ${key}`, () => this.evict(key, uid));
    this.queue.set(key, { createdAtMs, fireAtMs, uid, timer });
  }

  /** cancelWorkWithEvent: drops a scheduled deletion, with an event when there was one. */
  private cancel(key: string, withEvent: boolean): void {
    const scheduled = this.queue.get(key);
    if (!scheduled) return;
    this.kernel.agenda.cancel(scheduled.timer);
    this.queue.delete(key);
    if (!withEvent) return;
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.store.peek(PODS, namespace, name);
    if (pod) this.events.record(pod as KubeObject, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, EVENT_SOURCE);
  }

  /** deletePodHandler: the event, the DisruptionTarget condition, then the delete. */
  private evict(key: string, uid: string): void {
    this.queue.delete(key);
    const [namespace, name] = key.split('/') as [string, string];
    const pod = this.store.get(PODS, namespace, name);
    if (!pod || pod.metadata.uid !== uid) return;
    this.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, EVENT_SOURCE);
    if (pod.metadata.deletionTimestamp) return;
    const conditions = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget');
    conditions.push({ lastProbeTime: null, lastTransitionTime: this.kernel.timestamp(), message: 'Taint manager: deleting due to NoExecute taint', reason: 'DeletionByTaintManager', status: 'True', type: 'DisruptionTarget' });
    pod.status = { ...pod.status, conditions };
    this.store.update(PODS, pod, ACTOR, { subresource: 'status', message: `pod ${key} status: DisruptionTarget` });
    this.api.delete(PODS, namespace, name, ACTOR);
  }
}
