/**
 * PersistentVolumeClaim validation on create, after `pkg/apis/core/validation/validation.go`
 * ValidatePersistentVolumeClaim / ValidatePersistentVolumeClaimSpec (v1.31): at least one access
 * mode, each supported, and a positive `resources.requests.storage`.
 */
import { parseQuantity, quantityMilliValue } from '../api/quantity.ts';
import { type FieldError, invalid, notSupported, required } from './errors.ts';
import { nameIsDNSSubdomain, validateObjectMeta } from './names.ts';

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
/* eslint-enable @typescript-eslint/no-explicit-any */
