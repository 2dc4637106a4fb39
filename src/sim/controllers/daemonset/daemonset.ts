/**
 * The DaemonSet controller (kube-controller-manager v1.31, `pkg/controller/daemon/daemon_controller.go`
 * and `update.go`): one daemon Pod per eligible node, placed by the default scheduler through a
 * required node affinity on the node's name, rolling updates (maxSurge 0) and OnDelete, and the
 * DaemonSet status. Level-triggered: handlers enqueue `namespace/name`, `sync` compares.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { parseRFC3339 } from '../../kernel/time.ts';
import { syncRevision, truncateHistory } from '../history/history.ts';
import { computeHash, daemonPodSpec, isPodUpdated, nodeShouldRunDaemonPod, targetNodeName, templateGeneration } from './pods.ts';

const DAEMONSETS = preferredResourceForKind('DaemonSet')!;
const PODS = preferredResourceForKind('Pod')!;
const NODES = preferredResourceForKind('Node')!;
const COMPONENT = 'daemonset-controller';
/** Pods created or deleted per sync at most (upstream's BurstReplicas). */
const BURST_REPLICAS = 250;

type Pod = Readonly<KubeObject>;

export class DaemonSetController {
  private readonly queue: WorkQueue;
  private readonly dsInformer: Informer;
  private readonly podInformer: Informer;
  private readonly nodeInformer: Informer;

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, COMPONENT, (key) => this.sync(key));
    this.dsInformer = new Informer(store, DAEMONSETS);
    this.podInformer = new Informer(store, PODS);
    this.nodeInformer = new Informer(store, NODES);
  }

  start(): void {
    const enqueue = (ds: KubeObject) => this.queue.add(`${ds.metadata.namespace}/${ds.metadata.name}`);
    this.dsInformer.addEventHandler({ onAdd: enqueue, onUpdate: (_, ds) => enqueue(ds), onDelete: enqueue });
    const podChanged = (pod: KubeObject) => {
      const ref = controllerOf(pod);
      if (ref) this.queue.add(`${pod.metadata.namespace}/${ref.name}`);
    };
    this.podInformer.addEventHandler({ onAdd: podChanged, onUpdate: (_, p) => podChanged(p), onDelete: podChanged });
    // Any node change may change which nodes should run which daemon Pods.
    const allDaemonSets = () => {
      for (const ds of this.dsInformer.list()) enqueue(ds as KubeObject);
    };
    this.nodeInformer.addEventHandler({ onAdd: allDaemonSets, onUpdate: allDaemonSets, onDelete: allDaemonSets });
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const ds = this.store.get(DAEMONSETS, namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const generation = templateGeneration(ds);
    const nodes = this.nodeInformer.list() as KubeObject[];
    const nodeToPods = this.nodeToDaemonPods(ds);
    this.constructHistory(ds, hash, nodeToPods);

    this.manage(ds, nodes, nodeToPods, hash, generation);
    if (ds.spec.updateStrategy?.type === 'RollingUpdate') this.rollingUpdate(ds, nodes, this.nodeToDaemonPods(ds), hash, generation);
    this.updateStatus(ds, nodes, this.nodeToDaemonPods(ds), hash, generation);
  }

  /** constructHistory + cleanupHistory (update.go): the current revision, and the old ones past the limit go. */
  private constructHistory(ds: KubeObject, hash: string, nodeToPods: Map<string, Pod[]>): void {
    const labels = { ...(ds.spec.template?.metadata?.labels ?? {}), 'controller-revision-hash': hash };
    syncRevision(this.api, this.store, ds, { name: `${ds.metadata.name}-${hash}`, labels, annotations: ds.metadata.annotations, template: ds.spec.template, actor: COMPONENT });
    const live = new Set([`${ds.metadata.name}-${hash}`]);
    for (const pods of nodeToPods.values()) for (const p of pods) if (p.metadata.labels?.['controller-revision-hash']) live.add(`${ds.metadata.name}-${p.metadata.labels['controller-revision-hash']}`);
    truncateHistory(this.api, this.store, ds, live, COMPONENT);
  }

  /** getNodesToDaemonPods: the DaemonSet's Pods (by controller uid) keyed by their target node, oldest first. */
  private nodeToDaemonPods(ds: KubeObject): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const pod of this.podInformer.list(ds.metadata.namespace)) {
      if (controllerOf(pod)?.uid !== ds.metadata.uid) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = out.get(node) ?? [];
      list.push(pod);
      out.set(node, list);
    }
    for (const list of out.values()) list.sort(olderFirst);
    return out;
  }

  /** manage + podsShouldBeOnNode: create on nodes that lack a Pod, delete extras and misplaced ones. */
  private manage(ds: KubeObject, nodes: KubeObject[], nodeToPods: Map<string, Pod[]>, hash: string, generation: string): void {
    const toCreate: string[] = [];
    const toDelete: Pod[] = [];
    const nodeNames = new Set(nodes.map((n) => n.metadata.name));
    for (const node of nodes) {
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      // A terminating Pod still occupies its node (getNodesToDaemonPods drops only deleted
      // terminal Pods), so a replacement waits until the old Pod is gone.
      const present = (nodeToPods.get(node.metadata.name) ?? []).filter((p) => !(p.metadata.deletionTimestamp && isTerminal(p)));
      const pods = present.filter((p) => !p.metadata.deletionTimestamp);
      if (shouldRun && present.length === 0) {
        toCreate.push(node.metadata.name);
      } else if (shouldContinueRunning) {
        // A failed daemon Pod is deleted so a new one is created on the next sync (upstream backs
        // off per node before that; here it is immediate).
        const running = pods.filter((p) => p.status?.phase !== 'Failed');
        for (const p of pods) {
          if (p.status?.phase !== 'Failed') continue;
          // daemon_controller.go FailedDaemonPodReason.
          this.events.record(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node.metadata.name}, will try to kill it`, { component: COMPONENT });
          toDelete.push(p);
        }
        // More than one: keep the oldest (updated ones first during a surge, which is never here).
        if (running.length > 1) toDelete.push(...running.slice(1));
      } else {
        toDelete.push(...pods);
      }
    }
    // getUnscheduledPodsWithoutNode: only unscheduled Pods aimed at a node that no longer exists;
    // a Pod bound to a deleted node is the pod GC controller's (orphaned, after its 40s quarantine).
    for (const [node, pods] of [...nodeToPods.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!nodeNames.has(node)) toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp && !p.spec?.nodeName));
    }
    for (const node of toCreate.slice(0, BURST_REPLICAS)) this.createPod(ds, node, hash, generation);
    for (const pod of toDelete.slice(0, BURST_REPLICAS)) this.deletePod(ds, pod);
  }

  /**
   * rollingUpdate with maxSurge 0 (update.go): an old Pod that is not available is replaced at
   * once; available old Pods are deleted while fewer than maxUnavailable Pods are unavailable.
   * The next sync's manage creates the updated Pod on the emptied node.
   */
  private rollingUpdate(ds: KubeObject, nodes: KubeObject[], nodeToPods: Map<string, Pod[]>, hash: string, generation: string): void {
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun);
    const maxUnavailable = resolveMaxUnavailable(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired.length);
    let unavailable = 0;
    const candidates: Pod[] = [];
    const toDelete: Pod[] = [];
    for (const node of desired) {
      const pods = nodeToPods.get(node.metadata.name) ?? [];
      const live = pods.filter((p) => !p.metadata.deletionTimestamp);
      const newPod = live.find((p) => isPodUpdated(p, hash, generation));
      const oldPods = live.filter((p) => !isPodUpdated(p, hash, generation));
      if (newPod) {
        if (!this.isAvailable(newPod, ds)) unavailable++;
        continue;
      }
      const old = oldPods[0];
      if (!old) {
        unavailable++;
        continue;
      }
      if (!this.isAvailable(old, ds)) {
        unavailable++;
        toDelete.push(old);
      } else {
        candidates.push(old);
      }
    }
    for (const pod of candidates) {
      if (unavailable >= maxUnavailable) break;
      unavailable++;
      toDelete.push(pod);
    }
    for (const pod of toDelete) this.deletePod(ds, pod);
  }

  private updateStatus(ds: KubeObject, nodes: KubeObject[], nodeToPods: Map<string, Pod[]>, hash: string, generation: string): void {
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = (nodeToPods.get(node.metadata.name) ?? []).filter((p) => !(p.metadata.deletionTimestamp && isTerminal(p)));
      if (!shouldRun) {
        if (pods.length > 0) misscheduled++;
        continue;
      }
      desired++;
      const pod = pods[0];
      if (!pod) continue;
      current++;
      if (isReady(pod)) ready++;
      if (this.isAvailable(pod, ds)) available++;
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    // Field order as the API server serializes DaemonSetStatus (zero numberUnavailable is omitted).
    const status: Record<string, unknown> = {
      ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      ...(available > 0 ? { numberAvailable: available } : {}),
      numberMisscheduled: misscheduled,
      numberReady: ready,
      ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
      observedGeneration: ds.metadata.generation ?? 1,
      ...(updated > 0 ? { updatedNumberScheduled: updated } : {}),
    };
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    const next = deepCopy(ds);
    next.status = status;
    this.store.update(DAEMONSETS, next, COMPONENT, { subresource: 'status' });
    // A Pod that is ready but not yet available for minReadySeconds becomes available later.
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady > 0 && ready > available) this.queue.addAfter(`${ds.metadata.namespace}/${ds.metadata.name}`, minReady * 1000);
  }

  private createPod(ds: KubeObject, nodeName: string, hash: string, generation: string): void {
    const template = ds.spec.template;
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: { ...(template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': generation },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: daemonPodSpec(ds, nodeName),
    };
    try {
      const pod = this.api.create(PODS, manifest, COMPONENT);
      this.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: COMPONENT });
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      // controller_utils.go FailedCreatePodReason; the sync is retried.
      this.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, { component: COMPONENT });
      this.queue.addAfter(`${ds.metadata.namespace}/${ds.metadata.name}`, 5000);
    }
  }

  private deletePod(ds: KubeObject, pod: Pod): void {
    if (!this.store.peek(PODS, pod.metadata.namespace, pod.metadata.name)) return;
    this.api.delete(PODS, pod.metadata.namespace, pod.metadata.name, COMPONENT);
    this.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: COMPONENT });
  }

  /** podutil.IsPodAvailable: ready for at least minReadySeconds. */
  private isAvailable(pod: Pod, ds: KubeObject): boolean {
    if (!isReady(pod)) return false;
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady === 0) return true;
    const cond = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    const since = cond?.lastTransitionTime ? parseRFC3339(cond.lastTransitionTime) : undefined;
    return since !== undefined && since + minReady * 1000 <= parseRFC3339(this.kernel.timestamp())!;
  }
}

function controllerOf(obj: Readonly<KubeObject>): { name: string; uid: string } | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'DaemonSet');
  return ref ? { name: ref.name, uid: ref.uid } : undefined;
}

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function olderFirst(a: Pod, b: Pod): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

/** intstr.GetScaledValueFromIntOrPercent rounding up, as unavailableCount does; at least 1 with maxSurge 0. */
export function resolveMaxUnavailable(value: number | string, desired: number): number {
  if (typeof value === 'number') return Math.max(1, value);
  const m = /^(\d+)%$/.exec(value);
  if (!m) return 1;
  return Math.max(1, Math.ceil((Number(m[1]) * desired) / 100));
}
