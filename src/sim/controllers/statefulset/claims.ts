/**
 * The PersistentVolumeClaims of a StatefulSet's Pods, and the part of the storage stack that
 * binds them. A kubeadm cluster has no StorageClass and no provisioner, so its claims would stay
 * Pending; Kubeplay simulates a default StorageClass `standard` (the DefaultStorageClass
 * admission plugin fills `spec.storageClassName`) whose provisioner binds a claim at once, as the
 * PV controller (`pkg/controller/volume/persistentvolume/pv_controller.go` bindVolumeToClaim,
 * bindClaimToVolume) leaves it: `volumeName` `pvc-<claim uid>`, the bind annotations, and status
 * Bound with the requested capacity. No PersistentVolume objects are kept.
 */
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import { DEFAULT_STORAGE_CLASS } from './utils.ts';

export const PVCS = preferredResourceForKind('PersistentVolumeClaim')!;
const BINDER = 'persistentvolume-binder-controller';
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

/**
 * Creates a claim as the API server would store it (defaulted volumeMode, default StorageClass,
 * the pvc-protection finalizer, phase Pending), then binds it. The store is written directly:
 * the API server's strict decoding does not know the PersistentVolumeClaim kind.
 */
export function createAndBindClaim(store: ObjectStore, claim: KubeObject, actor: string): KubeObject {
  const obj = deepCopy(claim);
  obj.spec ??= {};
  obj.spec.storageClassName ??= DEFAULT_STORAGE_CLASS;
  obj.spec.volumeMode ??= 'Filesystem';
  obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []), PVC_PROTECTION_FINALIZER];
  obj.status = { phase: 'Pending' };
  const created = store.create(PVCS, obj, actor);

  const bound = deepCopy(created);
  bound.metadata.annotations = { ...(bound.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
  bound.spec.volumeName = `pvc-${created.metadata.uid}`;
  const updated = store.update(PVCS, bound, BINDER);
  const withStatus = deepCopy(updated);
  withStatus.status = {
    accessModes: [...(created.spec.accessModes ?? [])],
    capacity: { ...(created.spec.resources?.requests?.storage !== undefined ? { storage: created.spec.resources.requests.storage } : {}) },
    phase: 'Bound',
  };
  return store.update(PVCS, withStatus, BINDER, { subresource: 'status' });
}
