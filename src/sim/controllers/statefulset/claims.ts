/**
 * The PersistentVolumeClaims of a StatefulSet's Pods. A kubeadm cluster has no StorageClass and no
 * provisioner, so a claim from a template without `storageClassName` stays Pending (the
 * PersistentVolume controller, controllers/volume/pvcontroller.ts, says why in an event) and the
 * Pods using it cannot be scheduled (the scheduler's VolumeBinding filter).
 */
import type { APIServer } from '../../api/apiserver.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';

export const PVCS = preferredResourceForKind('PersistentVolumeClaim')!;
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';

/**
 * Creates a claim through the API server, as the controller's client does: defaulting (volumeMode),
 * the StorageObjectInUseProtection admission plugin (the pvc-protection finalizer), phase Pending.
 */
export function createClaim(api: APIServer, claim: KubeObject, actor: string): KubeObject {
  return api.create(PVCS, claim as unknown as Record<string, unknown>, actor);
}
