/**
 * pkg/controller/deployment/sync.go (v1.31): finding or creating the new ReplicaSet, scaling
 * (with proportional scaling of a rollout in flight), pause conditions, cleanup of old
 * ReplicaSets beyond revisionHistoryLimit, and the Deployment's status.
 */
import { APIError } from '../../api/errors.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import { COMPONENT, DEPLOYMENTS, REPLICASETS, ownerRefTo, type DeploymentController } from './controller.ts';
import { canonicalJSON, computeHash } from './hash.ts';
import {
  DESIRED_REPLICAS_ANNOTATION,
  REASONS,
  UNIQUE_LABEL_KEY,
  actualReplicaCount,
  availableReplicaCount,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newCondition,
  newRSNewReplicas,
  proportion,
  readyReplicaCount,
  replicaCount,
  replicasOf,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  type DeploymentStatus,
} from './util.ts';

type DC = DeploymentController;

/** sync: scale (paused or a scaling event) and update the status, without rolling anything. */
export function sync(dc: DC, d: KubeObject, rsList: KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  scale(dc, d, newRS, oldRSs);
  if (d.spec.paused) cleanupDeployment(dc, oldRSs, d);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** syncStatusOnly: a Deployment being deleted only has its status kept current. */
export function syncStatusOnly(dc: DC, d: KubeObject, rsList: KubeObject[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** checkPausedConditions: Progressing Unknown/DeploymentPaused while paused, DeploymentResumed after. */
export function checkPausedConditions(dc: DC, d: KubeObject): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASONS.TimedOut) return;
  const pausedCondExists = cond?.reason === REASONS.PausedDeploy;
  const now = dc.kernel.timestamp();
  d.status ??= {};
  if (d.spec.paused && !pausedCondExists) setCondition(d.status, newCondition('Progressing', 'Unknown', REASONS.PausedDeploy, 'Deployment is paused', now));
  else if (!d.spec.paused && pausedCondExists) setCondition(d.status, newCondition('Progressing', 'Unknown', REASONS.ResumedDeploy, 'Deployment is resumed', now));
  else return;
  writeDeployment(dc, d);
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas. */
export function isScalingEvent(dc: DC, d: KubeObject, rsList: KubeObject[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    if (desired === undefined || !/^\d+$/.test(desired)) continue;
    if (Number(desired) !== replicasOf(d)) return true;
  }
  return false;
}

export function getAllReplicaSetsAndSyncRevision(dc: DC, d: KubeObject, rsList: KubeObject[], createIfNotExisted: boolean): { newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(dc, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

/**
 * getNewReplicaSet: the ReplicaSet whose template matches, with its revision raised to one
 * past the old ones (a rollback to it moves its old revision into revision-history); or, when
 * asked, a new `<deployment>-<pod-template-hash>` ReplicaSet sized by NewRSNewReplicas.
 */
function getNewReplicaSet(dc: DC, d: KubeObject, rsList: KubeObject[], oldRSs: KubeObject[], createIfNotExisted: boolean): KubeObject | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  const now = dc.kernel.timestamp();
  if (existing) {
    const rsCopy = deepCopy(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadySeconds = d.spec.minReadySeconds ?? 0;
    if (annotationsUpdated || (rsCopy.spec.minReadySeconds ?? 0) !== minReadySeconds) {
      rsCopy.spec.minReadySeconds = minReadySeconds;
      if (minReadySeconds === 0) delete rsCopy.spec.minReadySeconds;
      return dc.api.update(REPLICASETS, rsCopy, COMPONENT);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASONS.FoundNewRS, `Found new replica set "${rsCopy.metadata.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) writeDeployment(dc, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const template = deepCopy(d.spec.template);
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [UNIQUE_LABEL_KEY]: hash };
  const selector = deepCopy(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [UNIQUE_LABEL_KEY]: hash };
  const newRS: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...template.metadata.labels }, ownerReferences: [ownerRefTo(d)] } as KubeObject['metadata'],
    spec: { replicas: 0, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
  };
  const newReplicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  let created: KubeObject;
  let alreadyExists = false;
  try {
    created = dc.api.create(REPLICASETS, newRS as unknown as Record<string, unknown>, COMPONENT);
  } catch (err) {
    if (!(err instanceof APIError) || err.reason !== 'AlreadyExists') throw err;
    const rs = dc.store.get(REPLICASETS, d.metadata.namespace, newRS.metadata.name);
    const ref = rs?.metadata.ownerReferences?.find((r) => r.controller);
    if (rs && ref?.uid === d.metadata.uid && equalIgnoreHash(rs.spec.template, d.spec.template)) {
      created = rs;
      alreadyExists = true;
    } else {
      // A hash collision: bump collisionCount so the next sync computes a different name.
      d.status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
      writeDeployment(dc, d);
      throw err;
    }
  }
  if (!alreadyExists && newReplicas > 0) {
    dc.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${newReplicas}`, { component: COMPONENT });
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status ??= {};
    setCondition(d.status, newCondition('Progressing', 'True', REASONS.NewReplicaSet, `Created new replica set "${created.metadata.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) writeDeployment(dc, d);
  return created;
}

/**
 * scale: one active (or the latest) ReplicaSet takes spec.replicas; a saturated new one makes
 * the old ones go to 0; otherwise a rolling Deployment's extra (or missing) replicas are spread
 * over the active ReplicaSets in proportion to their size, leftovers to the largest.
 */
export function scale(dc: DC, d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) !== replicasOf(d)) scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActive([...oldRSs, newRS]);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowedSize - replicaCount(allRSs);
  let operation = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name, replicasOf(rs) + p);
      added += p;
    } else {
      sizes.set(rs.metadata.name, replicasOf(rs));
    }
  }
  allRSs.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name, Math.max(0, sizes.get(rs.metadata.name)! + toAdd - added));
    scaleReplicaSet(dc, rs, sizes.get(rs.metadata.name)!, d, operation);
  });
}

/** scaleReplicaSetAndRecordEvent: returns the ReplicaSet as written and whether its size changed. */
export function scaleReplicaSetAndRecordEvent(dc: DC, rs: KubeObject, newScale: number, d: KubeObject): { scaled: boolean; rs: KubeObject } {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(dc, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/** scaleReplicaSet: writes size and replicas annotations; a size change is a ScalingReplicaSet event. */
function scaleReplicaSet(dc: DC, rs: KubeObject, newScale: number, d: KubeObject, operation: string): { scaled: boolean; rs: KubeObject } {
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const rsCopy = deepCopy(rs);
  const annotationsNeedUpdate = setReplicasAnnotations(rsCopy, replicasOf(d), replicasOf(d) + maxSurge(d));
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return { scaled: false, rs };
  rsCopy.spec.replicas = newScale;
  const written = dc.api.update(REPLICASETS, rsCopy, COMPONENT);
  if (sizeNeedsUpdate) {
    dc.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`, { component: COMPONENT });
  }
  return { scaled: sizeNeedsUpdate, rs: written };
}

/** cleanupDeployment: delete the oldest empty ReplicaSets beyond revisionHistoryLimit. */
export function cleanupDeployment(dc: DC, oldRSs: KubeObject[], d: KubeObject): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const diff = cleanable.length - d.spec.revisionHistoryLimit;
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    dc.api.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name, COMPONENT);
  }
}

/** calculateStatus: counts from the ReplicaSets, and the Available condition. */
export function calculateStatus(dc: DC, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const unavailable = Math.max(0, replicaCount(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  for (const c of d.status?.conditions ?? []) setCondition(status, { ...c });
  const now = dc.kernel.timestamp();
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASONS.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASONS.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

export function syncDeploymentStatus(dc: DC, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): void {
  const status = calculateStatus(dc, allRSs, newRS, d);
  if (sameStatus(d.status, status)) return;
  d.status = status;
  writeDeployment(dc, d);
}

/** reflect.DeepEqual of two statuses, with Go's omitempty zeros equal to absent fields. */
export function sameStatus(a: unknown, b: unknown): boolean {
  return canonicalJSON(omitZeros(a)) === canonicalJSON(omitZeros(b));
}

/** The status as the API stores it: int fields with omitempty are absent when 0. */
export function omitZeros<T>(status: T): T {
  if (!status || typeof status !== 'object') return status;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) if (v !== 0 && v !== undefined) out[k] = v;
  return out as T;
}

/**
 * UpdateStatus of the Deployment. The Deployment status strategy keeps annotations from the
 * request (that is how the revision annotation is written); the store's status subresource
 * writes status only, so a changed annotation goes through a full update of the same spec.
 */
export function writeDeployment(dc: DC, d: KubeObject): void {
  const stored = dc.store.get(DEPLOYMENTS, d.metadata.namespace, d.metadata.name);
  if (!stored) throw new APIError('NotFound', `deployments.apps "${d.metadata.name}" not found`);
  if (stored.metadata.resourceVersion !== d.metadata.resourceVersion) {
    throw new APIError('Conflict', `Operation cannot be fulfilled on deployments.apps "${d.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  d.status = omitZeros(d.status ?? {});
  let written: KubeObject;
  if (JSON.stringify(stored.metadata.annotations ?? {}) !== JSON.stringify(d.metadata.annotations ?? {})) {
    const next = deepCopy(stored);
    next.metadata.annotations = { ...(d.metadata.annotations ?? {}) };
    next.status = d.status;
    written = dc.store.update(DEPLOYMENTS, next, COMPONENT, { message: `deployment ${d.metadata.namespace}/${d.metadata.name} status updated` });
  } else {
    written = dc.store.update(DEPLOYMENTS, d, COMPONENT, { subresource: 'status' });
  }
  // Later writes in this sync build on what was stored (upstream re-reads on conflict instead).
  d.metadata.resourceVersion = written.metadata.resourceVersion;
}
