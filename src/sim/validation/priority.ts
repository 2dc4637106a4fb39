/**
 * PriorityClass (scheduling.k8s.io/v1) and the Priority admission plugin, after v1.31:
 * - `pkg/apis/scheduling/types.go` / `v1/helpers.go`: the two system classes the API server creates
 *   at start (`pkg/registry/scheduling/rest/storage_scheduling.go` AddSystemPriorityClasses);
 * - `pkg/apis/scheduling/validation/validation.go` ValidatePriorityClass(Update);
 * - `plugin/pkg/admission/priority/admission.go`: admitPod (priority and preemptionPolicy from the
 *   class named, or the global default, or 0) and validatePriorityClass (one global default).
 */
import { APIError } from '../api/errors.ts';
import { type FieldError, forbidden, invalid, notSupported } from './errors.ts';
import { nameIsDNSSubdomain, validateObjectMeta } from './names.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;

/** scheduling.HighestUserDefinablePriority and SystemCriticalPriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
const SYSTEM_PREFIX = 'system-';

/** systemPriorityClasses (scheduling/v1/helpers.go), in upstream's order. */
export const SYSTEM_PRIORITY_CLASSES: readonly { name: string; value: number; description: string }[] = [
  { name: 'system-node-critical', value: SYSTEM_CRITICAL_PRIORITY + 1000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: SYSTEM_CRITICAL_PRIORITY, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

/** The system classes as the API server stores them (defaults applied). */
export function systemPriorityClassManifests(): Obj[] {
  return SYSTEM_PRIORITY_CLASSES.map((c) => ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: c.name },
    value: c.value,
    description: c.description,
    preemptionPolicy: 'PreemptLowerPriority',
  }));
}

/** IsKnownSystemPriorityClass: the error, or undefined when it is one. */
function knownSystemClassError(pc: Obj): string | undefined {
  const spc = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === pc.metadata?.name);
  if (!spc) return `${pc.metadata?.name} is not a known system priority class`;
  if ((pc.value ?? 0) !== spc.value) return `value of ${spc.name} PriorityClass must be ${spc.value}`;
  if (Boolean(pc.globalDefault) !== false) return `globalDefault of ${spc.name} PriorityClass must be false`;
  return undefined;
}

const PREEMPTION_POLICIES = ['Never', 'PreemptLowerPriority'];

/** ValidatePriorityClass. */
export function validatePriorityClass(pc: Obj): FieldError[] {
  const errs = validateObjectMeta(pc.metadata ?? {}, false, nameIsDNSSubdomain);
  const name = String(pc.metadata?.name ?? '');
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = knownSystemClassError(pc);
    if (err) errs.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`));
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined && !PREEMPTION_POLICIES.includes(String(pc.preemptionPolicy))) {
    errs.push(notSupported('preemptionPolicy', pc.preemptionPolicy, PREEMPTION_POLICIES));
  }
  return errs;
}

/** ValidatePriorityClassUpdate: value and preemptionPolicy are immutable. */
export function validatePriorityClassUpdate(pc: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(forbidden('value', 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== old.preemptionPolicy) errs.push(invalid('preemptionPolicy', pc.preemptionPolicy ?? '', 'field is immutable'));
  return errs;
}

/** The global default class (the lowest value wins if there are several), as getDefaultPriorityClass. */
function defaultClass(classes: readonly Obj[]): Obj | undefined {
  let best: Obj | undefined;
  for (const c of classes) if (c.globalDefault && (!best || (c.value ?? 0) < (best.value ?? 0))) best = c;
  return best;
}

/**
 * admitPod (Priority, mutating, Pod create): resolves `priorityClassName` (or the global default)
 * into `spec.priority` and `spec.preemptionPolicy`. Runs before the Pod's defaults are applied.
 */
export function admitPriority(pod: Obj, classes: readonly Obj[]): void {
  const spec: Obj = pod.spec ?? (pod.spec = {});
  const podName = pod.metadata?.name || pod.metadata?.generateName || '';
  const refuse = (message: string) => new APIError('Forbidden', `pods "${podName}" is forbidden: ${message}`);
  let priority = 0;
  let policy: string | undefined = 'PreemptLowerPriority';
  if (!spec.priorityClassName) {
    const def = defaultClass(classes);
    if (def) {
      spec.priorityClassName = def.metadata.name;
      priority = def.value ?? 0;
      policy = def.preemptionPolicy;
    }
  } else {
    const pc = classes.find((c) => c.metadata?.name === spec.priorityClassName);
    if (!pc) throw refuse(`no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value ?? 0;
    policy = pc.preemptionPolicy;
  }
  if (typeof spec.priority === 'number' && spec.priority !== priority) {
    throw refuse(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      throw refuse(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
}

/** validatePriorityClass (Priority, validating): only one class may be the global default. */
export function admitPriorityClass(pc: Obj, classes: readonly Obj[], update: boolean): void {
  if (!pc.globalDefault) return;
  const def = defaultClass(classes);
  if (def && (!update || def.metadata.name !== pc.metadata?.name)) {
    throw new APIError('Forbidden', `priorityclasses.scheduling.k8s.io "${pc.metadata?.name ?? ''}" is forbidden: PriorityClass ${def.metadata.name} is already marked as default. Only one default can exist`);
  }
}
