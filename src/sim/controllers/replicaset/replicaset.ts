/**
 * kube-controller-manager's ReplicaSet controller, after pkg/controller/replicaset/replica_set.go
 * (v1.31): informers on ReplicaSets and Pods whose handlers only enqueue `namespace/name`; a
 * level-triggered `syncReplicaSet` that claims Pods (adopting orphans whose labels match,
 * releasing owned Pods whose labels no longer do), then creates or deletes the difference, with
 * expectations so a sync never acts twice on writes it has not yet observed.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { fromLabelSelector, matches, type Selector } from '../../api/selector.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, objectKey, type KubeObject, type OwnerReference } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS } from '../../kernel/time.ts';
import { ControllerExpectations } from './expectations.ts';
import { controllerRefOf, isPodActive, isPodAvailable, isPodReady } from './podutil.ts';
import { podsToDelete } from './ranking.ts';

export const PODS = preferredResourceForKind('Pod')!;
export const REPLICASETS = preferredResourceForKind('ReplicaSet')!;

/** replica_set.go: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;
/** controller_utils.go SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH = 1;
const ACTOR = 'replicaset-controller';
const SOURCE = { component: 'replicaset-controller' };

type Pod = Readonly<KubeObject>;

export class ReplicaSetController {
  private readonly queue: WorkQueue;
  private readonly expectations: ControllerExpectations;
  private rsInformer: Informer | undefined;
  private podInformer: Informer | undefined;
  /** Incremental counts of each ReplicaSet's Pods, by ReplicaSet uid (built on its first sync). */
  private readonly tallies = new Map<string, PodTally>();

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, ACTOR, (key) => this.syncReplicaSet(key));
    this.expectations = new ControllerExpectations(() => kernel.nowMs);
  }

  start(): void {
    this.rsInformer = new Informer(this.store, REPLICASETS);
    this.podInformer = new Informer(this.store, PODS);
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (_old, rs) => this.enqueue(rs),
      onDelete: (rs) => {
        this.tallies.delete(rs.metadata.uid);
        this.expectations.delete(keyOf(rs));
        this.enqueue(rs);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.tallyPod(pod, 1),
      onUpdate: (oldPod, pod) => {
        this.tallyPod(oldPod, -1);
        this.tallyPod(pod, 1);
      },
      onDelete: (pod) => this.tallyPod(pod, -1),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (oldPod, pod) => this.updatePod(oldPod, pod),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  // --- event handlers: they only adjust expectations and enqueue keys -------------------------

  private enqueue(rs: Pod): void {
    this.queue.add(keyOf(rs));
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      // A restarted controller can see a Pod already being deleted as an add.
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs));
      this.enqueue(rs);
      return;
    }
    // An orphan: every ReplicaSet that selects it gets a chance to adopt it.
    for (const rs of this.replicaSetsSelecting(pod)) this.enqueue(rs);
  }

  private updatePod(oldPod: Pod, pod: Pod): void {
    if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const labelChanged = JSON.stringify(oldPod.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      if (labelChanged) this.deletePod(oldPod);
      return;
    }
    const ref = controllerRefOf(pod);
    const oldRef = controllerRefOf(oldPod);
    const refChanged = JSON.stringify(ref) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const old = this.resolveControllerRef(oldPod.metadata.namespace, oldRef);
      if (old) this.enqueue(old);
    }
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!rs) return;
      this.enqueue(rs);
      // A Pod that just became ready is available minReadySeconds later: check again then.
      const minReady = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
      if (!isPodReady(oldPod) && isPodReady(pod) && minReady > 0) this.queue.addAfter(keyOf(rs), minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.replicaSetsSelecting(pod)) this.enqueue(rs);
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.enqueue(rs);
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Pod | undefined {
    if (ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.store.peek(REPLICASETS, namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** `getPodReplicaSets`: the ReplicaSets in the Pod's namespace whose selector matches it. */
  private replicaSetsSelecting(pod: Pod): Pod[] {
    return this.store.list(REPLICASETS, pod.metadata.namespace).filter((rs) => {
      const selector = selectorOf(rs);
      return selector.length > 0 && matches(selector, pod.metadata.labels);
    });
  }

  // --- the sync ---------------------------------------------------------------------------

  syncReplicaSet(key: string): void {
    const [namespace, name] = splitKey(key);
    const rs = this.store.get(REPLICASETS, namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key) && !rs.metadata.deletionTimestamp;
    const selector = selectorOf(rs);
    const tally = this.tallyOf(rs);
    // Upstream lists every Pod of the namespace and claims them (FilterActivePods, ClaimPods). Only
    // the Pods this ReplicaSet controls and the orphans can be claimed, so those are what is read
    // (the PodControllerUIDIndex and its orphan key). When none is to be adopted or released, the
    // claimed Pods are exactly the active owned ones that match, which the tally counts: the sync
    // then costs O(1) rather than O(Pods), and the Pods are listed only if manageReplicas must rank
    // them or minReadySeconds makes availability depend on the time.
    const orphans = rs.metadata.deletionTimestamp ? [] : this.podInformer!.listOrphans(namespace).filter((p) => isPodActive(p) && selector.length > 0 && matches(selector, p.metadata.labels));
    let claimed: ClaimedPods;
    if (tally.mismatched === 0 && orphans.length === 0) {
      claimed = { count: tally.claimed, fullyLabeled: tally.fullyLabeled, ready: tally.ready, pods: () => this.ownedActive(rs, selector) };
    } else {
      const candidates = [...this.ownedActive(rs, undefined), ...orphans].sort((a, b) => compareNames(a.metadata.name, b.metadata.name));
      const pods = this.claimPods(rs, selector, candidates);
      claimed = { count: pods.length, ...countLabeledAndReady(rs, pods), pods: () => pods };
    }
    let manageError: APIError | undefined;
    if (needsSync) manageError = this.manageReplicas(claimed, rs, key);
    this.updateStatus(rs, claimed, manageError, key);
  }

  /** The active Pods in the ReplicaSet's namespace that it controls (and that match `selector`, if given), in list order. */
  private ownedActive(rs: KubeObject, selector: Selector | undefined): Pod[] {
    const out: Pod[] = [];
    for (const pod of this.podInformer!.listControlledBy(rs.metadata.uid)) {
      if (pod.metadata.namespace !== rs.metadata.namespace || !isPodActive(pod)) continue;
      if (selector && !(selector.length > 0 && matches(selector, pod.metadata.labels))) continue;
      out.push(pod);
    }
    return out;
  }

  // --- the tally: incremental counts of each ReplicaSet's Pods --------------------------------

  /** The ReplicaSet's tally, (re)built from its Pods when missing or when its selector or template labels changed. */
  private tallyOf(rs: KubeObject): PodTally {
    const selectorKey = JSON.stringify(rs.spec?.selector ?? null);
    const templateLabels = (rs.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
    const templateKey = JSON.stringify(templateLabels);
    const held = this.tallies.get(rs.metadata.uid);
    if (held && held.selectorKey === selectorKey && held.templateKey === templateKey) return held;
    const tally: PodTally = { namespace: rs.metadata.namespace, selectorKey, templateKey, selector: selectorOf(rs), templateLabels: Object.entries(templateLabels), claimed: 0, mismatched: 0, fullyLabeled: 0, ready: 0 };
    for (const pod of this.podInformer!.listControlledBy(rs.metadata.uid)) addToTally(tally, pod, 1);
    this.tallies.set(rs.metadata.uid, tally);
    return tally;
  }

  /** A Pod event: the Pod's old version leaves its controller's tally, the new one enters it. */
  private tallyPod(pod: Pod, sign: 1 | -1): void {
    const ref = controllerRefOf(pod);
    const tally = ref && this.tallies.get(ref.uid);
    if (tally) addToTally(tally, pod, sign);
  }

  /** `PodControllerRefManager.ClaimPods`: adopt matching orphans, release owned Pods that no longer match. */
  private claimPods(rs: KubeObject, selector: Selector, pods: Pod[]): Pod[] {
    const claimed: Pod[] = [];
    const match = (pod: Pod) => selector.length > 0 && matches(selector, pod.metadata.labels);
    for (const pod of pods) {
      const ref = controllerRefOf(pod);
      if (ref) {
        if (ref.uid !== rs.metadata.uid) continue;
        if (match(pod)) claimed.push(pod);
        else if (!rs.metadata.deletionTimestamp) this.patchOwner(pod, rs, 'release');
        continue;
      }
      if (rs.metadata.deletionTimestamp || !match(pod) || pod.metadata.deletionTimestamp) continue;
      // RecheckDeletionTimestamp: adopt only while the ReplicaSet, as stored now, is not being deleted.
      const fresh = this.store.peek(REPLICASETS, rs.metadata.namespace, rs.metadata.name);
      if (!fresh || fresh.metadata.uid !== rs.metadata.uid || fresh.metadata.deletionTimestamp) continue;
      const adopted = this.patchOwner(pod, rs, 'adopt');
      if (adopted) claimed.push(adopted);
    }
    return claimed;
  }

  private patchOwner(pod: Pod, rs: KubeObject, op: 'adopt' | 'release'): Pod | undefined {
    const current = this.store.get(PODS, pod.metadata.namespace, pod.metadata.name);
    if (!current || current.metadata.uid !== pod.metadata.uid) return undefined;
    const refs = (current.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
    if (op === 'adopt') refs.push(ownerRefTo(rs));
    if (refs.length > 0) current.metadata.ownerReferences = refs;
    else delete current.metadata.ownerReferences;
    try {
      return this.api.update(PODS, current, ACTOR);
    } catch (err) {
      if (err instanceof APIError) return undefined;
      throw err;
    }
  }

  /** `manageReplicas`: create or delete the difference, at most BURST_REPLICAS per sync. */
  private manageReplicas(claimed: ClaimedPods, rs: KubeObject, key: string): APIError | undefined {
    const diff = claimed.count - replicasOf(rs);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, count);
      const { successes, error } = slowStartBatch(count, SLOW_START_INITIAL_BATCH, () => this.createPod(rs));
      // Creates never attempted, or refused, will never be observed.
      if (count - successes > 0) this.expectations.lowerCreations(key, count - successes);
      return error;
    }
    if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(claimed.pods(), this.relatedPods(rs), count, EPOCH_MS + this.kernel.nowMs);
      this.expectations.expectDeletions(key, victims.map((p) => keyOf(p)));
      let error: APIError | undefined;
      for (const pod of victims) {
        try {
          this.api.delete(PODS, pod.metadata.namespace, pod.metadata.name, ACTOR);
          this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE);
        } catch (err) {
          if (!(err instanceof APIError)) throw err;
          this.expectations.deletionObserved(key, keyOf(pod));
          if (err.reason === 'NotFound') continue;
          this.events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${err.message}`, SOURCE);
          error ??= err;
        }
      }
      return error;
    }
    return undefined;
  }

  /** `RealPodControl.CreatePodsWithGenerateName`: a Pod from the template, controlled by the ReplicaSet. */
  private createPod(rs: KubeObject): APIError | undefined {
    const template = rs.spec?.template ?? {};
    const metadata: Record<string, unknown> = { generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace };
    if (template.metadata?.labels) metadata.labels = { ...template.metadata.labels };
    if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
    if (template.metadata?.finalizers) metadata.finalizers = [...template.metadata.finalizers];
    metadata.ownerReferences = [ownerRefTo(rs)];
    try {
      const pod = this.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata, spec: deepCopy(template.spec ?? {}) }, ACTOR);
      this.events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, SOURCE);
      return undefined;
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      // A terminating namespace refuses the Pod; the controller records no event for that.
      if (!err.message.includes('because it is being terminated')) this.events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, SOURCE);
      return err;
    }
  }

  /** `getIndirectlyRelatedPods`: Pods of every ReplicaSet sharing this one's controller. */
  private relatedPods(rs: KubeObject): Pod[] {
    const owner = controllerRefOf(rs);
    // Both through the controller-uid indexes (upstream: the ReplicaSet informer's controllerUIDIndex).
    const siblings = owner ? this.store.listControlledBy(REPLICASETS, owner.uid).filter((r) => r.metadata.namespace === rs.metadata.namespace) : [rs];
    const pods: Pod[] = [];
    for (const r of siblings) for (const p of this.podInformer!.listControlledBy(r.metadata.uid)) if (p.metadata.namespace === rs.metadata.namespace) pods.push(p);
    return siblings.length > 1 ? pods.sort((a, b) => compareNames(a.metadata.name, b.metadata.name)) : pods;
  }

  /** `calculateStatus` + `updateReplicaSetStatus` (replica_set_utils.go). */
  private updateStatus(rs: KubeObject, claimed: ClaimedPods, manageError: APIError | undefined, key: string): void {
    const nowUnixMs = EPOCH_MS + this.kernel.nowMs;
    const minReady = (rs.spec?.minReadySeconds as number | undefined) ?? 0;
    const { fullyLabeled, ready } = claimed;
    let available = ready;
    if (minReady > 0) {
      // Availability depends on the time here: count it from the Pods.
      available = 0;
      for (const pod of claimed.pods()) if (isPodAvailable(pod, minReady, nowUnixMs)) available++;
    }
    const count = claimed.count;
    const old = (rs.status ?? {}) as Record<string, unknown>;
    let conditions = ((old.conditions ?? []) as { type: string }[]).map((c) => ({ ...c }));
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageError && !failure) {
      const diff = count - replicasOf(rs);
      const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
      conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: this.kernel.timestamp(), reason, message: manageError.message } as { type: string });
    } else if (!manageError && failure) {
      conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    }
    const generation = rs.metadata.generation ?? 0;
    const unchanged =
      (old.replicas ?? 0) === count &&
      (old.fullyLabeledReplicas ?? 0) === fullyLabeled &&
      (old.readyReplicas ?? 0) === ready &&
      (old.availableReplicas ?? 0) === available &&
      (old.observedGeneration ?? 0) === generation &&
      JSON.stringify(old.conditions ?? []) === JSON.stringify(conditions);
    if (!unchanged) {
      // Go's omitempty: zero counts and empty conditions are not written; replicas always is.
      const status: Record<string, unknown> = {};
      if (available) status.availableReplicas = available;
      if (conditions.length > 0) status.conditions = conditions;
      if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
      if (generation) status.observedGeneration = generation;
      if (ready) status.readyReplicas = ready;
      status.replicas = count;
      const next = deepCopy(rs);
      next.status = status;
      try {
        this.store.update(REPLICASETS, next, ACTOR, { subresource: 'status' });
      } catch (err) {
        if (!(err instanceof APIError)) throw err;
        this.queue.addAfter(key, 1000);
        return;
      }
    }
    const replicas = replicasOf(rs);
    if (!manageError && minReady > 0 && ready === replicas && available !== replicas) this.queue.addAfter(key, minReady * 1000);
    // A failed create or delete is retried with the queue's rate limiter (5ms doubling; one second here).
    if (manageError) this.queue.addAfter(key, 1000);
  }
}

/** The Pods a sync claimed: their counts, and the Pods themselves (listed only when needed). */
interface ClaimedPods {
  count: number;
  fullyLabeled: number;
  ready: number;
  pods: () => Pod[];
}

/**
 * Counts of one ReplicaSet's Pods, kept up to date from the Pod informer's events: `claimed` are the
 * active Pods it controls that match its selector (what ClaimPods keeps when nothing is adopted or
 * released), of which `fullyLabeled` carry every template label and `ready` are Ready;
 * `mismatched` are active controlled Pods its selector no longer matches (ClaimPods releases them).
 */
interface PodTally {
  namespace: string | undefined;
  selectorKey: string;
  templateKey: string;
  selector: Selector;
  templateLabels: [string, string][];
  claimed: number;
  mismatched: number;
  fullyLabeled: number;
  ready: number;
}

function addToTally(tally: PodTally, pod: Pod, sign: 1 | -1): void {
  if (pod.metadata.namespace !== tally.namespace || !isPodActive(pod)) return;
  if (!(tally.selector.length > 0 && matches(tally.selector, pod.metadata.labels))) {
    tally.mismatched += sign;
    return;
  }
  tally.claimed += sign;
  if (hasLabels(pod, tally.templateLabels)) tally.fullyLabeled += sign;
  if (isPodReady(pod)) tally.ready += sign;
}

function hasLabels(pod: Pod, labels: [string, string][]): boolean {
  for (const [k, v] of labels) if (pod.metadata.labels?.[k] !== v) return false;
  return true;
}

function countLabeledAndReady(rs: KubeObject, pods: Pod[]): { fullyLabeled: number; ready: number } {
  const templateLabels = Object.entries((rs.spec?.template?.metadata?.labels ?? {}) as Record<string, string>);
  let fullyLabeled = 0;
  let ready = 0;
  for (const pod of pods) {
    if (hasLabels(pod, templateLabels)) fullyLabeled++;
    if (isPodReady(pod)) ready++;
  }
  return { fullyLabeled, ready };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `slowStartBatch`: 1, 2, 4, ... calls until one fails or `count` succeed. */
export function slowStartBatch(count: number, initial: number, fn: () => APIError | undefined): { successes: number; error: APIError | undefined } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: APIError | undefined;
    for (let i = 0; i < batch; i++) {
      const err = fn();
      if (err) error ??= err;
      else successes++;
    }
    if (error) return { successes, error };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

function ownerRefTo(rs: KubeObject): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true };
}

function selectorOf(rs: Pod): Selector {
  return fromLabelSelector(rs.spec?.selector);
}

function replicasOf(rs: Pod): number {
  return (rs.spec?.replicas as number | undefined) ?? 1;
}

function keyOf(obj: Pod): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}
