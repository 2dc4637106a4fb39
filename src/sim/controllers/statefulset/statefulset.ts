/**
 * The StatefulSet controller (kube-controller-manager v1.31, `pkg/controller/statefulset/
 * stateful_set.go`, `stateful_set_control.go` updateStatefulSet/processReplica/processCondemned,
 * `stateful_pod_control.go`): ordinal Pods `<set>-<n>` with a stable hostname and subdomain,
 * their claims created before them, OrderedReady (one at a time, in order, waiting for Running
 * and Ready; scale down from the highest ordinal, waiting for termination) or Parallel, and
 * RollingUpdate from the highest ordinal down to the partition, or OnDelete.
 *
 * Upstream keeps revisions as ControllerRevision objects; Kubeplay does not serve them yet, so the
 * controller remembers each set's revision templates itself (`history`). After a restore it only
 * knows the current template, and Pods below the partition are then created from it.
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
import { controllerRefOf } from '../replicaset/podutil.ts';
import { createClaim, PVCS } from './claims.ts';
import { revisionsOf, revisionTemplate, syncRevision, truncateHistory } from '../history/history.ts';
import {
  claimIsStale,
  claimOwnerRefs,
  claimsFor,
  getEndOrdinal,
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  isCreated,
  isFailed,
  isHealthy,
  isMemberOf,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newStatefulSetPod,
  revisionName,
} from './utils.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- plain decoded JSON from StatefulSet specs */

const STATEFULSETS = preferredResourceForKind('StatefulSet')!;
const PODS = preferredResourceForKind('Pod')!;
const COMPONENT = 'statefulset-controller';

type Pod = Readonly<KubeObject>;

interface Revisions {
  current: string;
  update: string;
  currentTemplate: any;
  updateTemplate: any;
}

export class StatefulSetController {
  private readonly queue: WorkQueue;
  private readonly setInformer: Informer;
  private readonly podInformer: Informer;
  private readonly pvcInformer: Informer;
  /** set uid → revision name → template (what ControllerRevisions hold upstream). */
  private readonly history = new Map<string, Map<string, any>>();

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, COMPONENT, (key) => this.sync(key));
    this.setInformer = new Informer(store, STATEFULSETS);
    this.podInformer = new Informer(store, PODS);
    this.pvcInformer = new Informer(store, PVCS);
  }

  start(): void {
    const enqueue = (set: KubeObject) => this.queue.add(`${set.metadata.namespace}/${set.metadata.name}`);
    this.setInformer.addEventHandler({
      onAdd: enqueue,
      onUpdate: (_, set) => enqueue(set),
      onDelete: (set) => this.history.delete(set.metadata.uid),
    });
    const podChanged = (pod: KubeObject) => {
      const ref = controllerRefOf(pod);
      if (ref?.kind === 'StatefulSet') this.queue.add(`${pod.metadata.namespace}/${ref.name}`);
    };
    this.podInformer.addEventHandler({ onAdd: podChanged, onUpdate: (_, p) => podChanged(p), onDelete: podChanged });
    // A stale claim going away unblocks the creation of its Pod.
    this.pvcInformer.addEventHandler({
      onDelete: (pvc) => {
        for (const set of this.setInformer.list(pvc.metadata.namespace)) enqueue(set as KubeObject);
      },
    });
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const set = this.store.get(STATEFULSETS, namespace, name);
    if (!set) return;
    const pods = this.podInformer.list(namespace).filter((p) => controllerRefOf(p)?.uid === set.metadata.uid);
    const revisions = this.revisions(set);
    const status = this.computeStatus(set, pods, revisions);
    if (!set.metadata.deletionTimestamp) this.updateStatefulSet(set, pods, revisions);
    this.updateStatus(set, status);
    // truncateHistory: the current and update revisions and those of live Pods stay.
    if (!set.metadata.deletionTimestamp) {
      const live = new Set([revisions.current, revisions.update, ...pods.map((p) => p.metadata.labels?.['controller-revision-hash'] ?? '')]);
      truncateHistory(this.api, this.store, set, live, COMPONENT);
    }
  }

  /** getStatefulSetRevisions: the update revision is the template's; the current one is kept in status. */
  private revisions(set: KubeObject): Revisions {
    const known = this.history.get(set.metadata.uid) ?? new Map<string, any>();
    this.history.set(set.metadata.uid, known);
    const update = revisionName(set, set.spec.template);
    known.set(update, deepCopy(set.spec.template));
    // history.NewControllerRevision: the template's labels plus controller.kubernetes.io/hash.
    const hash = update.slice(set.metadata.name.length + 1);
    const labels = { ...(set.spec.template?.metadata?.labels ?? {}), 'controller.kubernetes.io/hash': hash };
    if (!set.metadata.deletionTimestamp) syncRevision(this.api, this.store, set, { name: update, labels, template: set.spec.template, actor: COMPONENT });
    // A restored cluster still has the revisions as objects: the current one's template comes from there.
    for (const cr of revisionsOf(this.store, set)) if (!known.has(cr.metadata.name)) known.set(cr.metadata.name, revisionTemplate(cr));
    const recorded = set.status?.currentRevision as string | undefined;
    const current = recorded && known.has(recorded) ? recorded : update;
    return { current, update, currentTemplate: known.get(current), updateTemplate: set.spec.template };
  }

  /** updateStatefulSet: create, delete and replace Pods; exits early wherever OrderedReady must wait. */
  private updateStatefulSet(set: KubeObject, pods: readonly Pod[], rev: Revisions): void {
    const start = getStartOrdinal(set);
    const end = getEndOrdinal(set);
    const replicas: Pod[] = [];
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (!isMemberOf(set, pod)) continue;
      const ord = getOrdinal(pod);
      if (ord >= start && ord <= end) replicas[ord - start] = pod;
      else if (ord >= 0) condemned.push(pod);
    }
    // Holes become Pods yet to be created, of the current or update revision (newVersionedStatefulSetPod).
    for (let i = 0; i <= end - start; i++) replicas[i] ??= this.newVersionedPod(set, rev, start + i);
    condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
    const firstUnhealthy = [...replicas, ...condemned].find((p) => !isHealthy(p));
    const monotonic = set.spec.podManagementPolicy !== 'Parallel';

    for (let i = 0; i < replicas.length; i++) {
      if (this.processReplica(set, replicas, i, monotonic) && monotonic) return;
    }
    // Claims of condemned Pods get the owners whenScaled asks for (the Pod, for Delete).
    for (const pod of condemned) this.updateClaimOwners(set, pod);
    // Scale down: in OrderedReady every remaining replica is Running and Ready by now.
    for (const pod of condemned) {
      if (this.processCondemned(set, pod, firstUnhealthy, monotonic) && monotonic) return;
    }
    if (set.spec.updateStrategy?.type === 'OnDelete') return;
    // Terminate the highest ordinal not at the update revision, down to the partition, one at a time.
    const updateMin = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (getPodRevision(pod) !== rev.update && !isTerminating(pod)) {
        this.deletePod(set, pod);
        return;
      }
      if (!isHealthy(pod)) return;
    }
  }

  /** processReplica: true when the sync must stop here (in OrderedReady). */
  private processReplica(set: KubeObject, replicas: Pod[], i: number, monotonic: boolean): boolean {
    const pod = replicas[i]!;
    // A finished Pod is deleted; its replacement comes once it is gone from the API.
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) this.deletePod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      const created = this.createPod(set, pod);
      if (created) replicas[i] = created;
      return true;
    }
    // A Pending Pod whose claims were deleted gets them back (createMissingPersistentVolumeClaims).
    if (pod.status?.phase === 'Pending') this.createClaims(set, pod);
    // The retention policy may have changed, or the Pod come back in range before its claims went.
    this.updateClaimOwners(set, pod);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, this.nowUnixMs()) && monotonic) return true;
    return false;
  }

  /** processCondemned: a Pod past the end ordinal is deleted once its turn comes. */
  private processCondemned(set: KubeObject, pod: Pod, firstUnhealthy: Pod | undefined, monotonic: boolean): boolean {
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy) {
      if (!isRunningAndReady(pod)) return true;
      if (!isRunningAndAvailable(pod, set.spec.minReadySeconds ?? 0, this.nowUnixMs())) return true;
    }
    this.deletePod(set, pod);
    return true;
  }

  /** newVersionedStatefulSetPod: ordinals below the partition stay at the current revision. */
  private newVersionedPod(set: KubeObject, rev: Revisions, ordinal: number): KubeObject {
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition;
    const belowPartition = set.spec.updateStrategy?.type === 'RollingUpdate' && partition !== undefined && ordinal < getStartOrdinal(set) + partition;
    return belowPartition ? newStatefulSetPod(set, rev.currentTemplate, ordinal, rev.current) : newStatefulSetPod(set, rev.updateTemplate, ordinal, rev.update);
  }

  /** CreateStatefulPod: the claims first, then the Pod; events as recordClaimEvent/recordPodEvent word them. */
  private createPod(set: KubeObject, pod: KubeObject): KubeObject | undefined {
    // PodClaimIsStale: a claim still owned by an earlier Pod of this name waits for the garbage collector.
    if (!isRetainRetain(set) && claimsFor(set, getOrdinal(pod)).some((c) => this.claimIsStale(c, pod))) return undefined;
    const claimError = this.createClaims(set, pod);
    if (claimError) {
      this.podEvent(set, pod, 'create', claimError);
      return undefined;
    }
    try {
      const created = this.api.create(PODS, pod as unknown as Record<string, unknown>, COMPONENT);
      this.updateClaimOwners(set, created);
      this.podEvent(set, pod, 'create');
      return created;
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      // An AlreadyExists is sunk without an event (the informer will deliver the Pod).
      if (err.reason !== 'AlreadyExists') this.podEvent(set, pod, 'create', err.message);
      this.queue.addAfter(`${set.metadata.namespace}/${set.metadata.name}`, 5000);
      return undefined;
    }
  }

  /** createPersistentVolumeClaims: the missing claims of the Pod's ordinal; an error message or undefined. */
  private createClaims(set: KubeObject, pod: Pod): string | undefined {
    const errors: string[] = [];
    for (const claim of claimsFor(set, getOrdinal(pod))) {
      const existing = this.store.peek(PVCS, claim.metadata.namespace, claim.metadata.name);
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(`pvc ${claim.metadata.name} is being deleted`);
        continue;
      }
      try {
        createClaim(this.api, claim, COMPONENT);
        this.events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, { component: COMPONENT });
      } catch (err) {
        if (!(err instanceof APIError)) throw err;
        errors.push(`failed to create PVC ${claim.metadata.name}: ${err.message}`);
        this.events.record(set, 'Warning', 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${err.message}`, { component: COMPONENT });
      }
    }
    // errors.NewAggregate formats one error as itself, several as `[a, b]`.
    if (errors.length === 0) return undefined;
    return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
  }

  private claimIsStale(claim: KubeObject, pod: Pod): boolean {
    const existing = this.store.peek(PVCS, claim.metadata.namespace, claim.metadata.name);
    return existing !== undefined && claimIsStale(existing, pod);
  }

  /** UpdatePodClaimForRetentionPolicy: each existing claim of the Pod gets the owners the policy asks for. */
  private updateClaimOwners(set: KubeObject, pod: Pod): void {
    for (const claim of claimsFor(set, getOrdinal(pod))) {
      const existing = this.store.get(PVCS, claim.metadata.namespace, claim.metadata.name);
      if (!existing || existing.metadata.deletionTimestamp) continue;
      const refs = claimOwnerRefs(set, pod, existing);
      if (JSON.stringify(refs) === JSON.stringify(existing.metadata.ownerReferences)) continue;
      if (refs) existing.metadata.ownerReferences = refs;
      else delete existing.metadata.ownerReferences;
      this.store.update(PVCS, existing, COMPONENT);
    }
  }

  private deletePod(set: KubeObject, pod: Pod): void {
    try {
      this.api.delete(PODS, pod.metadata.namespace, pod.metadata.name, COMPONENT);
      this.podEvent(set, pod, 'delete');
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      if (err.reason !== 'NotFound') this.podEvent(set, pod, 'delete', err.message);
    }
  }

  /** recordPodEvent (stateful_pod_control.go). */
  private podEvent(set: KubeObject, pod: Pod, verb: 'create' | 'delete', error?: string): void {
    const title = verb[0]!.toUpperCase() + verb.slice(1);
    if (error === undefined) {
      this.events.record(set, 'Normal', `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, { component: COMPONENT });
    } else {
      this.events.record(set, 'Warning', `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error}`, { component: COMPONENT });
    }
  }

  /**
   * computeReplicaStatus over the Pods listed at the start of the sync, then completeRollingUpdate.
   * Fields in StatefulSetStatus' Go order; availableReplicas and replicas are never omitted.
   */
  private computeStatus(set: KubeObject, pods: readonly Pod[], rev: Revisions): Record<string, unknown> {
    const minReady = set.spec.minReadySeconds ?? 0;
    const now = this.nowUnixMs();
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    for (const pod of pods) {
      if (isCreated(pod)) replicas++;
      if (isRunningAndReady(pod)) {
        ready++;
        if (isRunningAndAvailable(pod, minReady, now)) available++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        if (getPodRevision(pod) === rev.current) current++;
        if (getPodRevision(pod) === rev.update) updated++;
      }
    }
    let currentRevision = rev.current;
    if (set.spec.updateStrategy?.type !== 'OnDelete' && updated === replicas && ready === replicas) {
      current = updated;
      currentRevision = rev.update;
    }
    return {
      observedGeneration: set.metadata.generation ?? 1,
      replicas,
      ...(ready > 0 ? { readyReplicas: ready } : {}),
      ...(current > 0 ? { currentReplicas: current } : {}),
      ...(updated > 0 ? { updatedReplicas: updated } : {}),
      currentRevision,
      updateRevision: rev.update,
      collisionCount: set.status?.collisionCount ?? 0,
      availableReplicas: available,
    };
  }

  private updateStatus(set: KubeObject, status: Record<string, unknown>): void {
    const key = `${set.metadata.namespace}/${set.metadata.name}`;
    // A Pod ready but not yet available for minReadySeconds becomes available later.
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0 && (status.readyReplicas ?? 0) !== status.availableReplicas) this.queue.addAfter(key, minReady * 1000);
    const latest = this.store.get(STATEFULSETS, set.metadata.namespace, set.metadata.name);
    if (!latest || JSON.stringify(status) === JSON.stringify(latest.status ?? {})) return;
    latest.status = status;
    this.store.update(STATEFULSETS, latest, COMPONENT, { subresource: 'status' });
  }

  private nowUnixMs(): number {
    return parseRFC3339(this.kernel.timestamp())!;
  }
}

function isRetainRetain(set: Readonly<KubeObject>): boolean {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  return (policy.whenDeleted ?? 'Retain') === 'Retain' && (policy.whenScaled ?? 'Retain') === 'Retain';
}
