/**
 * The pod garbage collector of kube-controller-manager v1.31 (pkg/controller/podgc/gc_controller.go),
 * every gcCheckPeriod (20s, first pass at start):
 * - gcOrphaned: pods bound to a node that does not exist. A missing node is quarantined for 40s
 *   (quarantineTime) before its pods are collected, so a node being re-registered is not raced.
 * - gcTerminating: terminating pods on a NotReady node tainted `node.kubernetes.io/out-of-service`.
 * - gcUnscheduledTerminating: terminating pods never bound to a node.
 * Each is force-deleted (grace 0) after its phase is set to Failed, orphans with the
 * DisruptionTarget condition `DeletionByPodGC` "PodGC: node no longer exists".
 * Left out: gcTerminated (--terminated-pod-gc-threshold 12500 is out of a playground's reach).
 */
import type { APIServer } from '../../api/apiserver.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { conditionOf, NODES, PODS, TAINT_OUT_OF_SERVICE, taintsOf } from './taints.ts';

export const GC_CHECK_PERIOD_MS = 20_000;
export const QUARANTINE_MS = 40_000;
const ACTOR = 'pod-garbage-collector';

export class PodGCController {
  /** nodeQueue (a delaying queue): missing node → when its quarantine ends. */
  private readonly quarantine = new Map<string, number>();

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
  ) {}

  start(): void {
    const loop = () => {
      this.gc();
      this.kernel.after(GC_CHECK_PERIOD_MS, `${ACTOR}: gc`, loop);
    };
    loop();
  }

  private gc(): void {
    const pods = this.store.list(PODS).map((p) => p as KubeObject);
    this.gcTerminating(pods);
    this.gcOrphaned(pods);
    this.gcUnscheduledTerminating(pods);
  }

  private gcOrphaned(pods: KubeObject[]): void {
    const now = this.kernel.nowMs;
    const exists = (name: string) => this.store.peek(NODES, undefined, name) !== undefined;
    for (const pod of pods) {
      const nodeName: string | undefined = pod.spec?.nodeName;
      if (nodeName && !exists(nodeName) && !this.quarantine.has(nodeName)) this.quarantine.set(nodeName, now + QUARANTINE_MS);
    }
    // discoverDeletedNodes: only the nodes whose quarantine is over, checked again.
    const deleted = new Set<string>();
    for (const [name, readyMs] of [...this.quarantine]) {
      if (readyMs > now) continue;
      this.quarantine.delete(name);
      if (!exists(name)) deleted.add(name);
    }
    for (const pod of pods) {
      if (!deleted.has(pod.spec?.nodeName)) continue;
      this.markFailedAndDelete(pod, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    }
  }

  private gcTerminating(pods: KubeObject[]): void {
    for (const pod of pods) {
      if (!pod.metadata.deletionTimestamp || isTerminal(pod)) continue;
      const node = pod.spec?.nodeName ? this.store.peek(NODES, undefined, pod.spec.nodeName) : undefined;
      if (!node) continue;
      const ready = conditionOf(node, 'Ready');
      if (ready?.status !== 'True' && taintsOf(node).some((t) => t.key === TAINT_OUT_OF_SERVICE)) this.markFailedAndDelete(pod, undefined);
    }
  }

  private gcUnscheduledTerminating(pods: KubeObject[]): void {
    for (const pod of pods) if (pod.metadata.deletionTimestamp && !pod.spec?.nodeName) this.markFailedAndDelete(pod, undefined);
  }

  /** markFailedAndDeletePodWithCondition: phase Failed (a dead node's pods would stay Running forever), then delete with grace 0. */
  private markFailedAndDelete(listed: KubeObject, condition: Record<string, string> | undefined): void {
    const pod = this.store.get(PODS, listed.metadata.namespace, listed.metadata.name);
    if (!pod || pod.metadata.uid !== listed.metadata.uid) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (!isTerminal(pod)) {
      const status = { ...pod.status, phase: 'Failed' };
      if (condition) {
        const conditions = (status.conditions ?? []).filter((c: { type: string }) => c.type !== condition.type);
        status.conditions = [...conditions, { ...condition, lastProbeTime: null, lastTransitionTime: this.kernel.timestamp() }];
      }
      pod.status = status;
      this.store.update(PODS, pod, ACTOR, { subresource: 'status', message: `pod ${key} status: Failed` });
    }
    this.kernel.record({ source: ACTOR, type: 'decision', reason: 'ForceDelete', object: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }, message: `PodGC is force deleting Pod ${key}` });
    this.api.delete(PODS, pod.metadata.namespace, pod.metadata.name, ACTOR, { gracePeriodSeconds: 0 });
  }
}

function isTerminal(pod: Readonly<KubeObject>): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
