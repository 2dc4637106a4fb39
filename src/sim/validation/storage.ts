/**
 * Storage kinds on create, after `pkg/apis/core/validation/validation.go` (v1.31)
 * ValidatePersistentVolumeClaim(Spec) and ValidatePersistentVolume(Spec), and
 * `pkg/apis/storage/validation/validation.go` ValidateStorageClass(Update); plus the
 * DefaultStorageClass admission plugin (plugin/pkg/admission/storage/storageclass/setdefault).
 */
import { parseQuantity, quantityMilliValue } from '../api/quantity.ts';
import { type FieldError, forbidden, invalid, notSupported, required } from './errors.ts';
import { isQualifiedName, nameIsDNSSubdomain, validateObjectMeta } from './names.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;

/** supportedAccessModes, as sets.List prints them (sorted). */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

export function validatePersistentVolumeClaim(pvc: Obj): FieldError[] {
  const errs = validateObjectMeta(pvc.metadata ?? {}, true, nameIsDNSSubdomain);
  const spec: Obj = pvc.spec ?? {};
  const modes: unknown[] = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(String(m))) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined || storage === null) {
    errs.push(required('spec.resources[storage]'));
  } else {
    const q = parseQuantity(storage);
    if (q && quantityMilliValue(q) <= 0) errs.push(invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  }
  return errs;
}

/** The PersistentVolume sources the API knows (one of them is required); the playground mounts hostPath and local. */
const PV_SOURCES = ['awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'glusterfs', 'hostPath', 'iscsi', 'local', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume'];

/** ValidatePersistentVolumeName: path.IsValidPathSegmentName. */
function pathSegmentName(name: string, prefix: boolean): string[] {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const out: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) out.push(`may not contain '${bad}'`);
  return out;
}

/** ValidatePersistentVolume / ValidatePersistentVolumeSpec, in upstream's order (the checks the playground can reach). */
export function validatePersistentVolume(pv: Obj): FieldError[] {
  const errs = validateObjectMeta(pv.metadata ?? {}, false, pathSegmentName);
  const spec: Obj = pv.spec ?? {};
  const modes: unknown[] = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) errs.push(required('spec.accessModes'));
  for (const m of modes) if (!ACCESS_MODES.includes(String(m))) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
  const capacity: Obj = spec.capacity ?? {};
  if (Object.keys(capacity).length === 0) errs.push(required('spec.capacity'));
  for (const key of Object.keys(capacity).sort()) {
    if (key !== 'storage') {
      errs.push(notSupported('spec.capacity', key, ['storage']));
      continue;
    }
    const q = parseQuantity(capacity[key]);
    if (q && quantityMilliValue(q) <= 0) errs.push(invalid(`spec.capacity[${key}]`, String(capacity[key]), 'must be greater than zero'));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy !== undefined && !['Delete', 'Recycle', 'Retain'].includes(String(policy))) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
  const sources = PV_SOURCES.filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (spec.local) {
    if (!spec.local.path) errs.push(required('spec.local.path'));
    if (!spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (spec.storageClassName) for (const msg of nameIsDNSSubdomain(String(spec.storageClassName), false)) errs.push(invalid('spec.storageClassName', spec.storageClassName, msg));
  if (spec.volumeMode !== undefined && !['Block', 'Filesystem'].includes(String(spec.volumeMode))) errs.push(notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  return errs;
}

const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** ValidateStorageClass (storage/validation/validation.go). */
export function validateStorageClass(sc: Obj): FieldError[] {
  const errs = validateObjectMeta(sc.metadata ?? {}, false, nameIsDNSSubdomain);
  const provisioner = String(sc.provisioner ?? '');
  if (provisioner === '') errs.push(required('provisioner', provisioner));
  else for (const msg of isQualifiedName(provisioner.toLowerCase())) errs.push(invalid('provisioner', provisioner, msg));
  if (sc.reclaimPolicy !== undefined && !RECLAIM_POLICIES.includes(String(sc.reclaimPolicy))) errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, RECLAIM_POLICIES));
  if (sc.volumeBindingMode === undefined) errs.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(String(sc.volumeBindingMode))) errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  return errs;
}

/** ValidateStorageClassUpdate: parameters, provisioner, reclaimPolicy and volumeBindingMode are immutable. */
export function validateStorageClassUpdate(sc: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (JSON.stringify(sc.parameters ?? {}) !== JSON.stringify(old.parameters ?? {})) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) errs.push(invalid('volumeBindingMode', sc.volumeBindingMode, 'field is immutable'));
  return errs;
}

/** storageutil.IsDefaultAnnotation: the GA annotation, or the beta one, set to "true". */
export function isDefaultStorageClass(sc: Obj): boolean {
  const a: Record<string, string> = sc.metadata?.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/**
 * The DefaultStorageClass admission plugin: a claim with neither `spec.storageClassName` (even "")
 * nor the beta class annotation gets the default class; with several defaults, the newest one
 * (then the first by name), as util.GetDefaultClass does since v1.26.
 */
export function admitDefaultStorageClass(pvc: Obj, classes: readonly Obj[]): void {
  const spec: Obj = (pvc.spec ??= {});
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const defaults = classes.filter(isDefaultStorageClass).sort((a, b) => {
    const ta = String(a.metadata?.creationTimestamp ?? '');
    const tb = String(b.metadata?.creationTimestamp ?? '');
    if (ta !== tb) return ta > tb ? -1 : 1;
    return String(a.metadata?.name) < String(b.metadata?.name) ? -1 : 1;
  });
  if (defaults[0]) spec.storageClassName = defaults[0].metadata.name;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
