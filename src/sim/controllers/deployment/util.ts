/**
 * pkg/controller/deployment/util/deployment_util.go (v1.31): annotations, revisions, fenceposts,
 * replica counts, conditions and the ReplicaSet orderings the controller uses.
 */
import type { KubeObject } from '../../api/types.ts';
import { canonicalJSON } from './hash.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const UNIQUE_LABEL_KEY = 'pod-template-hash';

/** Condition reasons (deployment_util.go constants). */
export const REASONS = {
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

const MAX_INT32 = 2147483647;

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Annotations the controller never copies from a Deployment to its ReplicaSets (skipCopyAnnotation). */
const ANNOTATIONS_TO_SKIP = new Set([LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION]);

export function skipCopyAnnotation(key: string): boolean {
  return ANNOTATIONS_TO_SKIP.has(key);
}

export const replicasOf = (o: KubeObject | undefined): number => (o?.spec?.replicas as number | undefined) ?? 0;
const statusInt = (o: KubeObject | undefined, field: string): number => (o?.status?.[field] as number | undefined) ?? 0;

/** Go's strconv.ParseInt for a revision annotation; undefined when absent or malformed. */
export function revisionOf(obj: KubeObject): number | undefined {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** MaxRevision: the highest revision among the ReplicaSets (0 if none). */
export function maxRevision(rss: readonly KubeObject[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revisionOf(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** intstr.GetScaledValueFromIntOrPercent: `25%` of total, rounded up or down; a number as is. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const pct = Number(v.slice(0, -1));
    return roundUp ? Math.ceil((pct * total) / 100) : Math.floor((pct * total) / 100);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 makes unavailable 1. */
export function resolveFenceposts(maxSurge: unknown, maxUnavailable: unknown, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const isRollingUpdate = (d: KubeObject): boolean => d.spec?.strategy?.type === 'RollingUpdate';

/** MaxUnavailable: at most spec.replicas, 0 for Recreate or no replicas. */
export function maxUnavailable(d: KubeObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy.rollingUpdate ?? {};
  const { unavailable } = resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicas);
  return Math.min(unavailable, replicas);
}

export function maxSurge(d: KubeObject): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy.rollingUpdate ?? {};
  return resolveFenceposts(ru.maxSurge, ru.maxUnavailable, replicasOf(d)).surge;
}

export const hasProgressDeadline = (d: KubeObject): boolean => d.spec?.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== MAX_INT32;
export const hasRevisionHistoryLimit = (d: KubeObject): boolean => d.spec?.revisionHistoryLimit !== undefined && d.spec.revisionHistoryLimit !== MAX_INT32;

/** Sum of spec.replicas. */
export const replicaCount = (rss: readonly (KubeObject | undefined)[]): number => rss.reduce((n, rs) => n + replicasOf(rs), 0);
/** Sum of status.replicas. */
export const actualReplicaCount = (rss: readonly (KubeObject | undefined)[]): number => rss.reduce((n, rs) => n + statusInt(rs, 'replicas'), 0);
export const readyReplicaCount = (rss: readonly (KubeObject | undefined)[]): number => rss.reduce((n, rs) => n + statusInt(rs, 'readyReplicas'), 0);
export const availableReplicaCount = (rss: readonly (KubeObject | undefined)[]): number => rss.reduce((n, rs) => n + statusInt(rs, 'availableReplicas'), 0);

export const filterActive = (rss: readonly (KubeObject | undefined)[]): KubeObject[] => rss.filter((rs): rs is KubeObject => rs !== undefined && replicasOf(rs) > 0);

/** ReplicaSetsByCreationTimestamp: older first, ties by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp;
  const tb = b.metadata.creationTimestamp;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ReplicaSetsBySizeOlder: larger first, then older. */
export const bySizeOlder = (a: KubeObject, b: KubeObject): number => (replicasOf(a) === replicasOf(b) ? byCreation(a, b) : replicasOf(b) - replicasOf(a));
/** ReplicaSetsBySizeNewer: larger first, then newer. */
export const bySizeNewer = (a: KubeObject, b: KubeObject): number => (replicasOf(a) === replicasOf(b) ? byCreation(b, a) : replicasOf(b) - replicasOf(a));
/** ReplicaSetsByRevision: lower revision first, then older. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  const ra = revisionOf(a) ?? 0;
  const rb = revisionOf(b) ?? 0;
  return ra === rb ? byCreation(a, b) : ra - rb;
}

/** EqualIgnoreHash: two pod templates equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return templateKey(a) === templateKey(b);
}

/**
 * A template's canonical form without the hash label, remembered per template object: every
 * sync of a Deployment compares its template with each of its ReplicaSets' (several times, in
 * getNewReplicaSet and findOldReplicaSets), and the objects the listers hand out are not
 * modified once stored (a write stores a new object), so each is serialised once, not per sync.
 */
const templateKeys = new WeakMap<object, string>();

function templateKey(template: unknown): string {
  if (template === null || typeof template !== 'object') return canonicalJSON(withoutHash(template));
  let key = templateKeys.get(template);
  if (key === undefined) {
    key = canonicalJSON(withoutHash(template));
    templateKeys.set(template, key);
  }
  return key;
}

function withoutHash(template: unknown): unknown {
  const t = { ...((template ?? {}) as Record<string, unknown>) };
  const meta = { ...((t.metadata ?? {}) as Record<string, unknown>) };
  const labels = { ...((meta.labels ?? {}) as Record<string, string>) };
  delete labels[UNIQUE_LABEL_KEY];
  meta.labels = labels;
  t.metadata = meta;
  return t;
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: KubeObject, rss: readonly KubeObject[]): KubeObject | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** FindOldReplicaSets: every other ReplicaSet (all of them, including those scaled to 0). */
export function findOldReplicaSets(d: KubeObject, rss: readonly KubeObject[]): KubeObject[] {
  const newRS = findNewReplicaSet(d, rss);
  return rss.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; returns whether they changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let changed = false;
  if (ann[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    ann[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (ann[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    ann[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** copyDeploymentAnnotationsToReplicaSet. */
function copyDeploymentAnnotations(d: KubeObject, rs: KubeObject): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || (k in ann && ann[k] === v)) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision, keeps
 * the revisions a rolled-back-to ReplicaSet had in revision-history, and on creation sets the
 * replicas annotations.
 */
export function setNewReplicaSetAnnotations(d: KubeObject, rs: KubeObject, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const ann = (rs.metadata.annotations ??= {});
  const had = REVISION_ANNOTATION in ann;
  const oldRevision = ann[REVISION_ANNOTATION] ?? '';
  let oldRevisionInt = 0;
  if (oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRevisionInt = Number(oldRevision);
  }
  const newRevisionInt = Number(newRevision);
  if (oldRevisionInt < newRevisionInt) {
    ann[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (had && oldRevisionInt < newRevisionInt) {
    const history = ann[REVISION_HISTORY_ANNOTATION] ?? '';
    ann[REVISION_HISTORY_ANNOTATION] = history === '' ? oldRevision : `${history},${oldRevision}`;
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision. */
export function setDeploymentRevision(d: KubeObject, revision: string): boolean {
  const ann = (d.metadata.annotations ??= {});
  if (ann[REVISION_ANNOTATION] === revision) return false;
  ann[REVISION_ANNOTATION] = revision;
  return true;
}

/** NewRSNewReplicas: how many replicas the new ReplicaSet may have now. */
export function newRSNewReplicas(d: KubeObject, allRSs: readonly KubeObject[], newRS: KubeObject): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d)) return replicas;
  const surge = maxSurge(d);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}

/** IsSaturated: the ReplicaSet has all the Deployment's replicas, all available. */
export function isSaturated(d: KubeObject, rs: KubeObject | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return desired === String(replicasOf(d)) && replicasOf(rs) === replicasOf(d) && statusInt(rs, 'availableReplicas') === replicasOf(d);
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
export function findActiveOrLatest(newRS: KubeObject | undefined, oldRSs: KubeObject[]): KubeObject | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** math.Round as Go has it: halves away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** GetProportion / getReplicaSetFraction: this ReplicaSet's share of a proportional scale. */
export function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -replicasOf(rs);
  else {
    const deploymentReplicas = replicasOf(d) + maxSurge(d);
    const annotated = rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION];
    const annotatedReplicas = annotated !== undefined && /^\d+$/.test(annotated) ? Number(annotated) : statusInt(d, 'replicas');
    fraction = goRound((replicasOf(rs) * deploymentReplicas) / annotatedReplicas) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

export function getCondition(status: { conditions?: Condition[] } | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** SetDeploymentCondition: same status and reason is a no-op; same status keeps lastTransitionTime; the condition moves to the end. */
export function setCondition(status: { conditions?: Condition[] }, condition: Condition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

export function removeCondition(status: { conditions?: Condition[] }, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}

/** DeploymentComplete: every replica updated and available, and the latest generation observed. */
export function deploymentComplete(d: KubeObject, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than last time. */
export function deploymentProgressing(d: KubeObject, s: DeploymentStatus): boolean {
  const old: DeploymentStatus = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}
