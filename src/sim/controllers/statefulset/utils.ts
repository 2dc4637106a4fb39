/**
 * The StatefulSet identity and storage helpers, after upstream `pkg/controller/statefulset/
 * stateful_set_utils.go` (getPodName, getParentNameAndOrdinal, getPersistentVolumeClaimName,
 * getPersistentVolumeClaims, updateIdentity, updateStorage, newStatefulSetPod, isRunningAndReady…).
 */
import { deepCopy, type KubeObject } from '../../api/types.ts';
import { controllerRevisionName, hashControllerRevision } from '../history/hash.ts';
import { isPodAvailable, isPodReady } from '../replicaset/podutil.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- plain decoded JSON from StatefulSet specs */

type Pod = Readonly<KubeObject>;

/** apps.StatefulSetPodNameLabel, apps.PodIndexLabel, apps.ControllerRevisionHashLabelKey. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

/** statefulPodRegex: the parent name and the ordinal of a Pod's name. */
const POD_NAME = /^(.*)-([0-9]+)$/;

/** getOrdinal: the ordinal of a Pod's name, or -1 when it has none. */
export function getOrdinal(pod: Pod): number {
  const m = POD_NAME.exec(pod.metadata.name);
  return m ? Number(m[2]) : -1;
}

/** isMemberOf: the Pod's name is `<set>-<ordinal>`. */
export function isMemberOf(set: Readonly<KubeObject>, pod: Pod): boolean {
  return POD_NAME.exec(pod.metadata.name)?.[1] === set.metadata.name;
}

/** getStartOrdinal: spec.ordinals.start (StatefulSetStartOrdinal, GA in 1.31). */
export function getStartOrdinal(set: Readonly<KubeObject>): number {
  return set.spec.ordinals?.start ?? 0;
}

/** getEndOrdinal: the last ordinal in range (inclusive). */
export function getEndOrdinal(set: Readonly<KubeObject>): number {
  return getStartOrdinal(set) + (set.spec.replicas ?? 1) - 1;
}

export function getPodName(set: Readonly<KubeObject>, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export function claimName(set: Readonly<KubeObject>, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/**
 * The revision name of a template (`<set>-<hash>`): history.HashControllerRevision, FNV-32 over the
 * revision's data (getPatch: the template as a `$patch: replace` patch) and the collisionCount, which
 * the StatefulSet controller always passes (0 when unset). See ../history/hash.ts.
 */
export function revisionName(set: Readonly<KubeObject>, template: unknown): string {
  return controllerRevisionName(set.metadata.name, hashControllerRevision(template, set.status?.collisionCount ?? 0));
}

export function getPodRevision(pod: Pod): string {
  return pod.metadata.labels?.[REVISION_LABEL] ?? '';
}

/** isCreated: the API server has the Pod (it has a phase). */
export function isCreated(pod: Pod): boolean {
  return Boolean(pod.status?.phase);
}

export function isTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}

export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowUnixMs: number): boolean {
  return pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, nowUnixMs);
}

/** isHealthy: running, ready and not terminating. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** getPersistentVolumeClaims: the claims of one ordinal, labelled with the set's matchLabels. */
export function claimsFor(set: Readonly<KubeObject>, ordinal: number): KubeObject[] {
  const matchLabels = set.spec.selector?.matchLabels ?? {};
  return ((set.spec.volumeClaimTemplates ?? []) as any[]).map((t) => {
    const metadata = {
      ...deepCopy(t.metadata ?? {}),
      name: claimName(set, t.metadata?.name ?? '', ordinal),
      namespace: set.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}), ...matchLabels },
    } as KubeObject['metadata'];
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: deepCopy(t.spec ?? {}) };
  });
}

/**
 * newStatefulSetPod: the template as a Pod owned by the set, with its identity (updateIdentity)
 * and storage (updateStorage) and the revision label (setPodRevision). The claim volumes come
 * first, then the template's other volumes, as updateStorage builds the list.
 */
export function newStatefulSetPod(set: Readonly<KubeObject>, template: any, ordinal: number, revision: string): KubeObject {
  const name = getPodName(set, ordinal);
  const spec = deepCopy(template.spec ?? {});
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const claimVolumes = ((set.spec.volumeClaimTemplates ?? []) as any[]).map((t) => ({
    name: t.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(set, t.metadata?.name ?? '', ordinal) },
  }));
  const claimed = new Set(claimVolumes.map((v) => v.name));
  const others = ((spec.volumes ?? []) as any[]).filter((v) => !claimed.has(v.name));
  if (claimVolumes.length + others.length > 0) spec.volumes = [...claimVolumes, ...others];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ...(template.metadata?.finalizers ? { finalizers: [...template.metadata.finalizers] } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }],
    } as KubeObject['metadata'],
    spec,
  };
}

/** The owner references a claim should carry under the retention policy (claimOwnerMatchesSetAndPod). */
export function claimOwnerRefs(set: Readonly<KubeObject>, pod: Pod, claim: Readonly<KubeObject>): KubeObject['metadata']['ownerReferences'] {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  const ord = getOrdinal(pod);
  const scaledDown = ord < getStartOrdinal(set) || ord > getEndOrdinal(set);
  // removeOwnerRef matches by uid: a reference to an earlier Pod of the same name stays (it is stale).
  const others = (claim.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid && r.uid !== pod.metadata.uid);
  const refs = [...others];
  // setOwnerRef: a plain reference (not a controller reference). A scaled-down claim under
  // whenScaled Delete is owned by its Pod alone, so the garbage collector deletes it with the Pod.
  const podOwns = policy.whenScaled === 'Delete' && scaledDown && Boolean(pod.metadata.uid);
  if (policy.whenDeleted === 'Delete' && !podOwns) refs.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid });
  if (podOwns) refs.push({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid });
  return refs.length > 0 ? refs : undefined;
}

/** hasStaleOwnerRef: the claim is owned by an earlier Pod of the same name (the garbage collector will delete it). */
export function claimIsStale(claim: Readonly<KubeObject>, pod: Pod): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => r.kind === 'Pod' && r.name === pod.metadata.name && r.uid !== pod.metadata.uid);
}
