/**
 * The Deployment controller of kube-controller-manager v1.31 (pkg/controller/deployment/
 * deployment_controller.go): informers on Deployments, ReplicaSets and Pods whose handlers only
 * enqueue `namespace/name`, a work queue, and a level-triggered `syncDeployment`. The rollout
 * itself lives in sync.ts, rolling.ts, recreate.ts and progress.ts as upstream splits it.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { fromLabelSelector, matches } from '../../api/selector.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, keyOf, type KubeObject, type OwnerReference } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { rolloutRecreate } from './recreate.ts';
import { rolloutRolling } from './rolling.ts';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync.ts';

export const DEPLOYMENTS = preferredResourceForKind('Deployment')!;
export const REPLICASETS = preferredResourceForKind('ReplicaSet')!;
export const PODS = preferredResourceForKind('Pod')!;

/** The controller's name in events' source and in the timeline (the API actor). */
export const COMPONENT = 'deployment-controller';

/** handleErr: a key is retried this many times with rate-limited back-off, then dropped. */
const MAX_RETRIES = 15;
/** client-go's DefaultControllerRateLimiter per-item exponential back-off: 5 ms doubling, at most 1000 s. */
const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1000_000;

export class DeploymentController {
  readonly deployments: Informer;
  readonly replicaSets: Informer;
  readonly pods: Informer;
  readonly queue: WorkQueue;
  private readonly failures = new Map<string, number>();
  /** Keys waiting in the delaying queue, and when they become ready. */
  private readonly waiting = new Map<string, number>();

  constructor(
    readonly kernel: Kernel,
    readonly api: APIServer,
    readonly store: ObjectStore,
    readonly events: EventRecorder,
  ) {
    this.deployments = new Informer(store, DEPLOYMENTS);
    this.replicaSets = new Informer(store, REPLICASETS);
    this.pods = new Informer(store, PODS);
    this.queue = new WorkQueue(kernel, COMPONENT, (key) => this.processKey(key));
  }

  /** Registers the event handlers; existing objects are replayed as adds. */
  start(): void {
    this.deployments.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, d) => this.enqueue(d),
      onDelete: (d) => this.enqueue(d),
    });
    this.replicaSets.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (old, rs) => this.updateReplicaSet(old, rs),
      onDelete: (rs) => this.enqueueOwner(rs),
    });
    this.pods.addEventHandler({ onDelete: (pod) => this.deletePod(pod) });
  }

  enqueue(d: KubeObject): void {
    this.queue.add(keyOf(d));
  }

  /** AddAfter as client-go's delaying queue does it: a key already waiting keeps the earlier time. */
  enqueueAfter(d: KubeObject, delayMs: number): void {
    const key = keyOf(d);
    const readyAt = this.kernel.nowMs + Math.max(0, Math.round(delayMs));
    const waiting = this.waiting.get(key);
    if (waiting !== undefined && waiting > this.kernel.nowMs && waiting <= readyAt) return;
    this.waiting.set(key, readyAt);
    this.kernel.after(readyAt - this.kernel.nowMs, `${COMPONENT}: requeue ${key}`, () => {
      if (this.waiting.get(key) !== readyAt) return;
      this.waiting.delete(key);
      this.queue.add(key);
    });
  }

  /** enqueueRateLimited: the per-key exponential back-off of client-go's rate limiter. */
  enqueueRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.queue.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS));
  }

  private addReplicaSet(rs: KubeObject): void {
    if (rs.metadata.deletionTimestamp) return this.enqueueOwner(rs);
    if (controllerRef(rs)) return this.enqueueOwner(rs);
    // An orphan: every Deployment that selects it may want to adopt it.
    for (const d of this.deploymentsSelecting(rs)) this.enqueue(d);
  }

  private updateReplicaSet(old: KubeObject, rs: KubeObject): void {
    if (old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
    const oldRef = controllerRef(old);
    const ref = controllerRef(rs);
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(old);
    if (ref) return this.enqueueOwner(rs);
    if (JSON.stringify(old.metadata.labels) !== JSON.stringify(rs.metadata.labels) || oldRef) {
      for (const d of this.deploymentsSelecting(rs)) this.enqueue(d);
    }
  }

  /** deletePod: a Recreate rollout waits for the old Pods to be gone. */
  private deletePod(pod: KubeObject): void {
    const ref = controllerRef(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return;
    const d = this.resolveOwner(rs as KubeObject);
    if (d && d.spec?.strategy?.type === 'Recreate') this.enqueue(d);
  }

  private enqueueOwner(rs: KubeObject): void {
    const d = this.resolveOwner(rs);
    if (d) this.enqueue(d);
  }

  private resolveOwner(rs: KubeObject): KubeObject | undefined {
    const ref = controllerRef(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(rs.metadata.namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? (d as KubeObject) : undefined;
  }

  private deploymentsSelecting(rs: KubeObject): KubeObject[] {
    return this.deployments.list(rs.metadata.namespace).filter((d) => {
      const sel = fromLabelSelector(d.spec?.selector);
      return sel.length > 0 && matches(sel, rs.metadata.labels);
    }) as KubeObject[];
  }

  private processKey(key: string): void {
    try {
      this.syncDeployment(key);
      this.failures.delete(key);
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      // handleErr: retry with back-off, give up after MAX_RETRIES as upstream does.
      if ((this.failures.get(key) ?? 0) < MAX_RETRIES) this.enqueueRateLimited(key);
      else this.failures.delete(key);
      this.kernel.record({ source: COMPONENT, type: 'decision', reason: 'SyncError', message: `error syncing deployment ${JSON.stringify(key)}: ${err.message}` });
    }
  }

  /** syncDeployment: reconcile one Deployment with its ReplicaSets. */
  syncDeployment(key: string): void {
    const slash = key.indexOf('/');
    const cached = this.store.get(DEPLOYMENTS, key.slice(0, slash), key.slice(slash + 1));
    if (!cached) return;
    const d = deepCopy(cached);
    const selector = fromLabelSelector(d.spec?.selector);
    if (selector.length === 0) {
      this.events.record(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.', { component: COMPONENT });
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        this.store.update(DEPLOYMENTS, d, COMPONENT, { subresource: 'status' });
      }
      return;
    }
    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(this, d, rsList);
    checkPausedConditions(this, d);
    if (d.spec.paused) return sync(this, d, rsList);
    if (isScalingEvent(this, d, rsList)) return sync(this, d, rsList);
    if (d.spec.strategy?.type === 'Recreate') return rolloutRecreate(this, d, rsList, this.podMapFor(d, rsList));
    return rolloutRolling(this, d, rsList);
  }

  /**
   * getReplicaSetsForDeployment with ClaimReplicaSets: keep the owned ones that still match,
   * release owned ones that no longer match, adopt orphans that match.
   */
  private getReplicaSetsForDeployment(d: KubeObject): KubeObject[] {
    const selector = fromLabelSelector(d.spec.selector);
    const out: KubeObject[] = [];
    for (const cached of this.replicaSets.list(d.metadata.namespace)) {
      const rs = deepCopy(cached) as KubeObject;
      const ref = controllerRef(rs);
      const selected = matches(selector, rs.metadata.labels);
      if (ref && ref.uid !== d.metadata.uid) continue;
      if (ref && selected) out.push(rs);
      else if (ref && !selected) {
        rs.metadata.ownerReferences = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
        this.api.update(REPLICASETS, rs, COMPONENT);
      } else if (!ref && selected && !d.metadata.deletionTimestamp && !rs.metadata.deletionTimestamp) {
        rs.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), ownerRefTo(d)];
        out.push(this.api.update(REPLICASETS, rs, COMPONENT));
      }
    }
    return out;
  }

  /** getPodMapForDeployment: the Pods of each of the Deployment's ReplicaSets, by ReplicaSet uid. */
  private podMapFor(d: KubeObject, rsList: KubeObject[]): Map<string, KubeObject[]> {
    const selector = fromLabelSelector(d.spec.selector);
    const map = new Map<string, KubeObject[]>(rsList.map((rs) => [rs.metadata.uid, []]));
    for (const pod of this.pods.list(d.metadata.namespace)) {
      if (!matches(selector, pod.metadata.labels)) continue;
      const ref = controllerRef(pod as KubeObject);
      if (ref && map.has(ref.uid)) map.get(ref.uid)!.push(pod as KubeObject);
    }
    return map;
  }
}

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

export function ownerRefTo(d: KubeObject): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true };
}
