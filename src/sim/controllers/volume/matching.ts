/**
 * How a claim and a volume match, shared by the PersistentVolume controller and the scheduler's
 * VolumeBinding plugin: `pkg/controller/volume/persistentvolume/util/util.go` (v1.31)
 * FindMatchingVolume, IsVolumeBoundToClaim, CheckAccessModes, CheckVolumeModeMismatches, and
 * `component-helpers/storage/volume` GetPersistentVolumeClaimClass / IsDelayBindingMode /
 * CheckNodeAffinity.
 */
import { compareQuantity, parseQuantity, zeroQuantity } from '../../api/quantity.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { fromLabelSelector, matches } from '../../api/selector.ts';
import type { KubeObject } from '../../api/types.ts';
import { nodeSelectorMatches } from '../../scheduler/helpers.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- claims and volumes are plain decoded JSON */
type Json = any;

export const PVCS = preferredResourceForKind('PersistentVolumeClaim')!;
export const PVS = preferredResourceForKind('PersistentVolume')!;
export const STORAGECLASSES = preferredResourceForKind('StorageClass')!;

export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** The in-tree "no dynamic provisioning" marker (local PVs). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(claim: Readonly<KubeObject>): string {
  return claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

/** GetPersistentVolumeClass. */
export function volumeClass(pv: Readonly<KubeObject>): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

/** IsDelayBindingMode: the claim's class exists and binds WaitForFirstConsumer (a missing class binds immediately). */
export function isDelayBinding(claim: Readonly<KubeObject>, classOf: (name: string) => Readonly<KubeObject> | undefined): boolean {
  const name = claimClass(claim);
  if (name === '') return false;
  return classOf(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** IsVolumeBoundToClaim: claimRef names the claim (and its uid, when the ref has one). */
export function isVolumeBoundToClaim(pv: Readonly<KubeObject>, claim: Readonly<KubeObject>): boolean {
  const ref: Json = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/** CheckAccessModes: the volume offers every mode the claim asks for. */
export function checkAccessModes(claim: Readonly<KubeObject>, pv: Readonly<KubeObject>): boolean {
  const offered: string[] = pv.spec?.accessModes ?? [];
  return ((claim.spec?.accessModes ?? []) as string[]).every((m) => offered.includes(m));
}

/** CheckNodeAffinity: a volume without required node affinity fits every node. */
export function volumeFitsNode(pv: Readonly<KubeObject>, nodeName: string, labels: Record<string, string>): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return nodeSelectorMatches(terms, nodeName, labels);
}

function storageOf(obj: Json): ReturnType<typeof zeroQuantity> {
  return parseQuantity(obj) ?? zeroQuantity();
}

/**
 * FindMatchingVolume: the volume pre-bound to the claim, else the smallest Available one that
 * is big enough, of the claim's class and volume mode, matching its selector (and, on the
 * scheduler's path with a node, the node affinity and access modes). With `delayBinding` and no
 * node, the controller leaves unbound volumes to the scheduler.
 */
export function findMatchingVolume(claim: Readonly<KubeObject>, volumes: readonly Readonly<KubeObject>[], node: { name: string; labels: Record<string, string> } | undefined, excluded: ReadonlySet<string>, delayBinding: boolean): Readonly<KubeObject> | undefined {
  const requested = storageOf(claim.spec?.resources?.requests?.storage);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector ? fromLabelSelector(claim.spec.selector) : undefined;
  let smallest: Readonly<KubeObject> | undefined;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata.name)) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const size = storageOf(pv.spec?.capacity?.storage);
    if (compareQuantity(size, requested) < 0) continue;
    if ((claim.spec?.volumeMode ?? 'Filesystem') !== (pv.spec?.volumeMode ?? 'Filesystem')) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const affinityOk = node === undefined || volumeFitsNode(pv, node.name, node.labels);
    if (isVolumeBoundToClaim(pv, claim)) return affinityOk ? pv : undefined;
    if (node === undefined && delayBinding) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (selector && !matches(selector, pv.metadata.labels ?? {})) continue;
    if (volumeClass(pv) !== requestedClass) continue;
    if (!affinityOk) continue;
    if (node !== undefined && !checkAccessModes(claim, pv)) continue;
    if (!smallest || compareQuantity(storageOf(smallest.spec?.capacity?.storage), size) > 0) smallest = pv;
  }
  return smallest;
}

/**
 * The PV controller's findBestMatchForClaim (index.go findByClaim): the volumes grouped by
 * their access modes, the groups offering every mode the claim asks for tried from the fewest
 * modes up, each through FindMatchingVolume.
 */
export function findBestMatchForClaim(claim: Readonly<KubeObject>, volumes: readonly Readonly<KubeObject>[], delayBinding: boolean): Readonly<KubeObject> | undefined {
  const groups = new Map<string, Readonly<KubeObject>[]>();
  for (const pv of volumes) {
    if (!checkAccessModes(claim, pv)) continue;
    const key = [...((pv.spec?.accessModes ?? []) as string[])].sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), pv]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  for (const [, group] of ordered) {
    const pv = findMatchingVolume(claim, group, undefined, new Set(), delayBinding);
    if (pv) return pv;
  }
  return undefined;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
