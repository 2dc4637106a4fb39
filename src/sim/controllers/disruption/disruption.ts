/**
 * kube-controller-manager's disruption controller (pkg/controller/disruption/disruption.go,
 * v1.31): for each PodDisruptionBudget, the Pods it selects, how many of them should be healthy
 * (`getExpectedPodCount`), how many are (`countHealthyPods`), and from that the status the
 * Eviction subresource reads: currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed,
 * disruptedPods and the `DisruptionAllowed` condition. Handlers only enqueue budget keys.
 *
 * Left out: ReplicationControllers and the scale subresource of custom resources as finders
 * (Deployments, ReplicaSets and StatefulSets are found; other controllers fail the sync as
 * upstream's finders do for kinds without a scale), and the stale DisruptionTarget condition sweep.
 */
import type { APIServer } from '../../api/apiserver.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, objectKey, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS, parseRFC3339 } from '../../kernel/time.ts';
import { scaledValue } from '../deployment/util.ts';
import { controllerRefOf, isPodReady } from '../replicaset/podutil.ts';
import { DISRUPTION_ALLOWED, PDBS, pdbSelects, pdbsForPod, setCondition, SYNC_FAILED, updateDisruptionAllowedCondition } from './pdb.ts';

const PODS = preferredResourceForKind('Pod')!;
const REPLICASETS = preferredResourceForKind('ReplicaSet')!;
const DEPLOYMENTS = preferredResourceForKind('Deployment')!;
const STATEFULSETS = preferredResourceForKind('StatefulSet')!;
const ACTOR = 'disruption-controller';
/** The disruption controller's recorder is kube-controller-manager's generic one. */
const SOURCE = { component: 'controllermanager' };
/** disruption.go DeletionTimeout: an evicted Pod not deleted within this is healthy again. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

type Pod = Readonly<KubeObject>;

class SyncError extends Error {}

export class DisruptionController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly kernel: Kernel,
    _api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, ACTOR, (key) => this.sync(key));
  }

  start(): void {
    const pdbs = new Informer(this.store, PDBS);
    pdbs.addEventHandler({ onAdd: (p) => this.enqueue(p), onUpdate: (_o, p) => this.enqueue(p), onDelete: () => undefined });
    const pods = new Informer(this.store, PODS);
    pods.addEventHandler({
      onAdd: (p) => this.enqueueForPod(p),
      onUpdate: (o, p) => {
        this.enqueueForPod(p);
        if (JSON.stringify(o.metadata.labels ?? {}) !== JSON.stringify(p.metadata.labels ?? {})) this.enqueueForPod(o);
      },
      onDelete: (p) => this.enqueueForPod(p),
    });
    // Scale changes alter expectedPods for budgets in percent or maxUnavailable form.
    for (const info of [DEPLOYMENTS, REPLICASETS, STATEFULSETS]) {
      new Informer(this.store, info).addEventHandler({ onAdd: () => undefined, onUpdate: (o, n) => this.enqueueForScale(o, n), onDelete: () => undefined });
    }
  }

  private enqueue(pdb: Readonly<KubeObject>): void {
    this.queue.add(objectKey(pdb.metadata.namespace, pdb.metadata.name));
  }

  /** getPdbForPod: the first budget (by name) selecting the Pod. */
  private enqueueForPod(pod: Pod): void {
    const pdb = pdbsForPod(this.store, pod)[0];
    if (pdb) this.enqueue(pdb);
  }

  private enqueueForScale(old: Readonly<KubeObject>, obj: Readonly<KubeObject>): void {
    if (old.spec?.replicas === obj.spec?.replicas) return;
    for (const pdb of this.store.list(PDBS, obj.metadata.namespace)) if (pdb.spec?.minAvailable === undefined || typeof pdb.spec.minAvailable === 'string') this.enqueue(pdb);
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pdb = this.store.get(PDBS, namespace, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    try {
      this.trySync(pdb);
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      this.failSafe(pdb, err.message);
    }
  }

  private trySync(pdb: KubeObject): void {
    const pods = (this.store.list(PODS, pdb.metadata.namespace) as Pod[]).filter((p) => pdbSelects(pdb, p));
    if (pods.length === 0) this.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found', SOURCE);
    const { expectedCount, desiredHealthy, unmanagedPods } = this.expectedPodCount(pdb, pods);
    if (unmanagedPods.length > 0) {
      this.events.record(
        pdb,
        'Warning',
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${selectorGoString(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
        SOURCE,
      );
    }
    const nowUnixMs = EPOCH_MS + this.kernel.nowMs;
    const { disrupted, recheckAtMs } = this.disruptedPodMap(pdb, pods, nowUnixMs);
    const currentHealthy = pods.filter((p) => {
      if (p.metadata.deletionTimestamp) return false;
      const at = disrupted[p.metadata.name];
      if (at !== undefined && (parseRFC3339(at) ?? 0) + DELETION_TIMEOUT_MS > nowUnixMs) return false;
      return isPodReady(p);
    }).length;
    this.updateStatus(pdb, currentHealthy, desiredHealthy, expectedCount, disrupted);
    if (recheckAtMs !== undefined) this.queue.addAfter(objectKey(pdb.metadata.namespace, pdb.metadata.name), Math.max(0, recheckAtMs - nowUnixMs));
  }

  /** getExpectedPodCount. */
  private expectedPodCount(pdb: KubeObject, pods: Pod[]): { expectedCount: number; desiredHealthy: number; unmanagedPods: string[] } {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable !== undefined) {
      const { expectedCount, unmanagedPods } = this.expectedScale(pods);
      const maxUnavailable = scaledValue(spec.maxUnavailable, expectedCount, true);
      return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanagedPods };
    }
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    if (typeof spec.minAvailable === 'string') {
      const { expectedCount, unmanagedPods } = this.expectedScale(pods);
      return { expectedCount, desiredHealthy: scaledValue(spec.minAvailable, expectedCount, true), unmanagedPods };
    }
    return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
  }

  /** getExpectedScale: the sum of the scales of the Pods' controllers, each counted once. */
  private expectedScale(pods: Pod[]): { expectedCount: number; unmanagedPods: string[] } {
    const scales = new Map<string, number>();
    const unmanagedPods: string[] = [];
    for (const pod of pods) {
      const ref = controllerRefOf(pod);
      if (!ref) {
        unmanagedPods.push(pod.metadata.name);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.findController(ref, pod.metadata.namespace!);
      if (!found) throw new SyncError(`found no controllers for pod ${JSON.stringify(pod.metadata.name)}`);
      scales.set(found.uid, found.scale);
    }
    let expectedCount = 0;
    for (const s of scales.values()) expectedCount += s;
    return { expectedCount, unmanagedPods };
  }

  /** The finders: a ReplicaSet (or the Deployment controlling it), a StatefulSet. */
  private findController(ref: { kind: string; name: string; uid: string }, namespace: string): { uid: string; scale: number } | undefined {
    if (ref.kind === 'ReplicaSet') {
      const rs = this.store.peek(REPLICASETS, namespace, ref.name);
      if (!rs || rs.metadata.uid !== ref.uid) return undefined;
      const owner = controllerRefOf(rs);
      if (owner?.kind === 'Deployment') {
        const d = this.store.peek(DEPLOYMENTS, namespace, owner.name);
        return d && d.metadata.uid === owner.uid ? { uid: d.metadata.uid, scale: d.spec?.replicas ?? 0 } : undefined;
      }
      return { uid: rs.metadata.uid, scale: rs.spec?.replicas ?? 0 };
    }
    if (ref.kind === 'StatefulSet') {
      const sts = this.store.peek(STATEFULSETS, namespace, ref.name);
      return sts && sts.metadata.uid === ref.uid ? { uid: sts.metadata.uid, scale: sts.spec?.replicas ?? 0 } : undefined;
    }
    return undefined;
  }

  /**
   * buildDisruptedPodMap: the evictions not yet seen through, dropping Pods now being deleted or
   * gone, and those evicted longer than DeletionTimeout ago; plus when the next entry expires.
   */
  private disruptedPodMap(pdb: KubeObject, pods: Pod[], nowUnixMs: number): { disrupted: Record<string, string>; recheckAtMs: number | undefined } {
    const old: Record<string, string> = pdb.status?.disruptedPods ?? {};
    const disrupted: Record<string, string> = {};
    let recheckAtMs: number | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const at = old[pod.metadata.name];
      if (at === undefined) continue;
      const expires = (parseRFC3339(at) ?? 0) + DELETION_TIMEOUT_MS;
      if (expires < nowUnixMs) continue;
      disrupted[pod.metadata.name] = at;
      if (recheckAtMs === undefined || expires < recheckAtMs) recheckAtMs = expires;
    }
    return { disrupted, recheckAtMs };
  }

  /** updatePdbStatus: writes only when something changed. */
  private updateStatus(pdb: KubeObject, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    // Budgets matching no pods yet are safe when their first pods appear before this sync.
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const st = pdb.status ?? {};
    const generation = pdb.metadata.generation ?? 1;
    const condition = (st.conditions ?? []).find((c: { type: string }) => c.type === DISRUPTION_ALLOWED);
    const upToDate = condition && condition.status === (disruptionsAllowed > 0 ? 'True' : 'False') && condition.observedGeneration === generation && condition.reason !== SYNC_FAILED;
    if (
      st.currentHealthy === currentHealthy &&
      st.desiredHealthy === desiredHealthy &&
      st.expectedPods === expectedPods &&
      st.disruptionsAllowed === disruptionsAllowed &&
      JSON.stringify(st.disruptedPods ?? {}) === JSON.stringify(disruptedPods) &&
      st.observedGeneration === generation &&
      upToDate
    ) {
      return;
    }
    const next = deepCopy(pdb);
    const status: Record<string, unknown> = { currentHealthy, desiredHealthy, disruptionsAllowed, expectedPods, observedGeneration: generation, conditions: st.conditions ?? [] };
    if (Object.keys(disruptedPods).length > 0) status.disruptedPods = disruptedPods;
    updateDisruptionAllowedCondition(status, this.kernel.timestamp());
    next.status = status;
    this.store.update(PDBS, next, ACTOR, {
      subresource: 'status',
      message: `poddisruptionbudget ${pdb.metadata.namespace}/${pdb.metadata.name} status: ${currentHealthy} healthy, ${desiredHealthy} desired, ${disruptionsAllowed} disruptions allowed`,
    });
  }

  /** failSafe: no disruption allowed, the condition says why. */
  private failSafe(pdb: KubeObject, message: string): void {
    this.events.record(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${message}`, SOURCE);
    const next = deepCopy(pdb);
    const status: Record<string, unknown> = { ...(pdb.status ?? {}), disruptionsAllowed: 0 };
    setCondition(status, { type: DISRUPTION_ALLOWED, status: 'False', reason: SYNC_FAILED, message, observedGeneration: status.observedGeneration as number | undefined }, this.kernel.timestamp());
    next.status = status;
    if (JSON.stringify(next.status) === JSON.stringify(pdb.status)) return;
    this.store.update(PDBS, next, ACTOR, { subresource: 'status', message: `poddisruptionbudget ${pdb.metadata.namespace}/${pdb.metadata.name} status: SyncFailed: ${message}` });
  }
}

/** `%v` of a *metav1.LabelSelector: `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`. */
function selectorGoString(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${sel.matchLabels![k]},`)
    .join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
