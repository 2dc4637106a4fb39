/**
 * The API server's admission pipeline for manifests: strict decoding, defaulting plus mutating
 * admission, and validation on create and update, with the exact texts kube-apiserver v1.31 and
 * kubectl v1.31 print. See README.md for what it mirrors and what it leaves out.
 */
import type { KubeObject } from '../api/types.ts';
import { type FieldError, GoLiteral, forbidden, invalid } from './errors.ts';
import { validateConfigMap, validateMetaOnly, validateNamespace, validateNode, validateSecret, validateService } from './core.ts';
import { validatePod } from './pod.ts';
import { validatePodDisruptionBudget } from './policy.ts';
import { validatePriorityClass, validatePriorityClassUpdate } from './priority.ts';
import { validatePersistentVolume, validatePersistentVolumeClaim, validateStorageClass, validateStorageClassUpdate } from './storage.ts';
import { validateCronJob, validateDaemonSet, validateDeployment, validateJob, validateReplicaSet, validateStatefulSet } from './workloads.ts';

export type { FieldError, FieldErrorType } from './errors.ts';
export { formatFieldError, formatInvalid, invalidStatusMessage, GoLiteral } from './errors.ts';
export { strictDecode, decodableKind } from './decode.ts';
export { applyDefaults, applyJobSelector, podQOSClass, defaultPullPolicy } from './defaults.ts';
export { admitDefaultStorageClass, isDefaultStorageClass } from './storage.ts';
export { admitPriority, admitPriorityClass, systemPriorityClassManifests } from './priority.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;

/** Validation on create (after defaulting), in upstream's order. */
export function validateCreate(obj: KubeObject): FieldError[] {
  const o = obj as Obj;
  switch (obj.kind) {
    case 'Pod':
      return validatePod(o);
    case 'Deployment':
      return validateDeployment(o);
    case 'ReplicaSet':
      return validateReplicaSet(o);
    case 'DaemonSet':
      return validateDaemonSet(o);
    case 'StatefulSet':
      return validateStatefulSet(o);
    case 'Job':
      return validateJob(o);
    case 'CronJob':
      return validateCronJob(o);
    case 'Service':
      return validateService(o);
    case 'Namespace':
      return validateNamespace(o);
    case 'ConfigMap':
      return validateConfigMap(o);
    case 'Secret':
      return validateSecret(o);
    case 'Node':
      return validateNode(o);
    case 'PodDisruptionBudget':
      return validatePodDisruptionBudget(o);
    case 'PersistentVolumeClaim':
      return validatePersistentVolumeClaim(o);
    case 'PersistentVolume':
      return validatePersistentVolume(o);
    case 'StorageClass':
      return validateStorageClass(o);
    case 'PriorityClass':
      return validatePriorityClass(o);
    default:
      return validateMetaOnly(o);
  }
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, val) => (val && typeof val === 'object' && !Array.isArray(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1))) : val));
const same = (a: unknown, b: unknown) => stable(a) === stable(b);

/** ValidatePodUpdate's "only these fields may change" rule: image, activeDeadlineSeconds, added tolerations, grace period. */
function podSpecUpdate(spec: Obj, old: Obj): FieldError[] {
  const munged: Obj = JSON.parse(JSON.stringify(spec));
  const withOldImages = (cs: unknown, olds: unknown) =>
    Array.isArray(cs) && Array.isArray(olds) ? cs.map((c: Obj, i: number) => (olds[i] ? { ...c, image: olds[i].image } : c)) : cs;
  munged.containers = withOldImages(munged.containers, old.containers);
  if (munged.initContainers !== undefined) munged.initContainers = withOldImages(munged.initContainers, old.initContainers);
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  const oldTolerations: unknown[] = old.tolerations ?? [];
  const newTolerations: unknown[] = munged.tolerations ?? [];
  if (oldTolerations.every((t) => newTolerations.some((n) => same(n, t)))) munged.tolerations = old.tolerations;
  if (same(munged, old)) return [];
  return [
    forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}

/** Validation on update: everything validateCreate checks, plus the immutable fields. */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateCreate(obj);
  const spec: Obj = obj.spec ?? {};
  const oldSpec: Obj = old.spec ?? {};
  switch (obj.kind) {
    case 'Pod':
      errs.push(...podSpecUpdate(spec, oldSpec));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'Job':
      if (!same(spec.selector, oldSpec.selector)) errs.push(invalid('spec.selector', selectorValue(spec.selector), 'field is immutable'));
      break;
    case 'StatefulSet': {
      // Only these may change; anything else gets upstream's single Forbidden.
      const strip = (s: Obj) => ({ ...s, replicas: 0, ordinals: 0, template: 0, updateStrategy: 0, persistentVolumeClaimRetentionPolicy: 0, minReadySeconds: 0, revisionHistoryLimit: 0 });
      if (!same(strip(spec), strip(oldSpec))) {
        errs.push(
          forbidden(
            'spec',
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          ),
        );
      }
      break;
    }
    case 'Service':
      if (oldSpec.clusterIP && spec.clusterIP !== oldSpec.clusterIP) errs.push(invalid('spec.clusterIPs[0]', spec.clusterIP ?? '', 'may not change once set'));
      break;
    case 'StorageClass':
      errs.push(...validateStorageClassUpdate(obj as Obj, old as Obj));
      break;
    case 'PriorityClass':
      errs.push(...validatePriorityClassUpdate(obj as Obj, old as Obj));
      break;
    default:
  }
  return errs;
}

/** `%#v` of the dereferenced *metav1.LabelSelector, as ValidateImmutableField prints it. */
function selectorValue(sel: unknown): GoLiteral {
  const s = (sel ?? {}) as Obj;
  const ml = s.matchLabels ? `map[string]string{${Object.keys(s.matchLabels).sort().map((k) => `"${k}":"${s.matchLabels[k]}"`).join(', ')}}` : 'map[string]string(nil)';
  const me = Array.isArray(s.matchExpressions) && s.matchExpressions.length ? '[]v1.LabelSelectorRequirement{...}' : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
