/**
 * The PersistentVolumeClaims of a StatefulSet's Pods. A claim from a template without
 * `storageClassName` gets kind's default class `standard`, and local-path provisions it once the
 * scheduler has chosen the Pod's node (controllers/volume, scheduler/plugins/volume-binding.ts).
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
