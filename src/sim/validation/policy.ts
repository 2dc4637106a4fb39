/**
 * PodDisruptionBudget (policy/v1) validation, after `pkg/apis/policy/validation/validation.go`
 * ValidatePodDisruptionBudget / ValidatePodDisruptionBudgetSpec (v1.31), with
 * `pkg/apis/apps/validation` ValidatePositiveIntOrPercent and IsNotMoreThan100Percent.
 * Neither minAvailable nor maxUnavailable is valid in policy/v1 (the budget then allows no
 * disruption: its expected pod count is 0); both at once is not.
 */
import { type FieldError, GoLiteral, invalid, notSupported } from './errors.ts';
import { nameIsDNSSubdomain, validateObjectMeta } from './names.ts';
import { validateLabelSelector } from './workloads.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** intstr.IntOrString prints through its String() method. */
const intOrString = (v: unknown) => new GoLiteral(String(v ?? 0));

function positiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [invalid(path, intOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
    return parseInt(v, 10) > 100 ? [invalid(path, intOrString(v), 'must not be greater than 100%')] : [];
  }
  return typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}

/**
 * `%#v` of the spec in the both-set error. Go prints the pointers' addresses, which differ from
 * run to run on a real cluster; these are fixed so the playground stays deterministic.
 */
function specLiteral(spec: Obj): GoLiteral {
  const ptr = (set: boolean, type: string, addr: string) => (set ? `(*${type})(${addr})` : `(*${type})(nil)`);
  return new GoLiteral(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(true, 'intstr.IntOrString', '0xc000a4e1a0')}, Selector:${ptr(isObj(spec.selector), 'v1.LabelSelector', '0xc000a4e1c0')}, MaxUnavailable:${ptr(true, 'intstr.IntOrString', '0xc000a4e1e0')}, UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy !== undefined, 'policy.UnhealthyPodEvictionPolicyType', '0xc000a4e200')}}`,
  );
}

export function validatePodDisruptionBudget(pdb: Obj): FieldError[] {
  const errs = validateObjectMeta(pdb.metadata ?? {}, true, nameIsDNSSubdomain);
  const spec: Obj = isObj(pdb.spec) ? pdb.spec : {};
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) errs.push(invalid('spec', specLiteral(spec), 'minAvailable and maxUnavailable cannot be both set'));
  if (spec.minAvailable !== undefined) errs.push(...positiveIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  if (spec.maxUnavailable !== undefined) errs.push(...positiveIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  return errs;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
