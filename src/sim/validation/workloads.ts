/**
 * Workload validation, after `pkg/apis/apps/validation/validation.go` (ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment)
 * and `pkg/apis/batch/validation/validation.go` (ValidateJob, ValidateCronJob), v1.31.
 */
import { fromLabelSelector, matches } from '../api/selector.ts';
import { type FieldError, GoLiteral, forbidden, invalid, notSupported, required } from './errors.ts';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain, validateLabels, validateObjectMeta } from './names.ts';
import { validatePodTemplateSpec } from './pod.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `%#v` of a template's labels: a nil map prints as `map[string]string(nil)`. */
const labelsValue = (labels: unknown) => (isObj(labels) ? labels : new GoLiteral('map[string]string(nil)'));

/** `%#v` of a *metav1.LabelSelector: field.Error dereferences pointers, so `v1.LabelSelector{...}`. */
function selectorLiteral(sel: Obj): GoLiteral {
  const ml = isObj(sel.matchLabels) ? `map[string]string{${Object.keys(sel.matchLabels).sort().map((k) => `"${k}":"${sel.matchLabels[k]}"`).join(', ')}}` : 'map[string]string(nil)';
  const me = Array.isArray(sel.matchExpressions) && sel.matchExpressions.length ? '[]v1.LabelSelectorRequirement{...}' : '[]v1.LabelSelectorRequirement(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}

const nonNegative = (v: unknown, path: string): FieldError[] => (typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : []);

/** ValidateLabelSelector (strict): matchLabels as labels, expressions' operators and values. */
export function validateLabelSelector(sel: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []).forEach((e: Obj, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values: unknown[] = Array.isArray(e.values) ? e.values : [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) errs.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) errs.push(forbidden(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
    } else {
      errs.push(invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(String(e.key ?? ''))) errs.push(invalid(`${p}.key`, e.key, m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(String(v))) errs.push(invalid(`${p}.values[${j}]`, v, m));
    });
  });
  errs.push(...validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}

/** The selector block shared by Deployment, ReplicaSet and StatefulSet. */
function validateSelector(spec: Obj, kindWord: string): FieldError[] {
  if (!isObj(spec.selector)) return [required('spec.selector')];
  const errs = validateLabelSelector(spec.selector, 'spec.selector');
  const n = Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length;
  if (n === 0) errs.push(invalid('spec.selector', selectorLiteral(spec.selector), `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** Whether the template's labels fail the selector (a missing selector matches nothing; `{}` matches all). */
function selectorMismatch(spec: Obj): FieldError[] {
  const labels = spec.template?.metadata?.labels;
  if (isObj(spec.selector)) {
    const sel = fromLabelSelector(spec.selector);
    if (sel.length === 0 || matches(sel, labels)) return [];
  }
  return [invalid('spec.template.metadata.labels', labelsValue(labels), '`selector` does not match template `labels`')];
}

/** ValidatePodTemplateSpecForReplicaSet. */
function templateForReplicaSet(spec: Obj, kind: string): FieldError[] {
  if (!isObj(spec.template)) return [required('spec.template')];
  const errs = selectorMismatch(spec);
  errs.push(...validatePodTemplateSpec(spec.template, 'spec.template'));
  const rp = spec.template.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (spec.template.spec?.activeDeadlineSeconds !== undefined) errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}

/** An IntOrString as its String() method prints it (field.Error uses Stringers as is). */
const intOrString = (v: unknown) => new GoLiteral(String(v ?? 0));

function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') {
    return /^[0-9]+%$/.test(v) ? [] : [invalid(path, intOrString(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  }
  return nonNegative(v, path);
}

const intOrPercentValue = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]+%$/.test(v) ? parseInt(v, 10) : -1);

function validateDeploymentStrategy(strategy: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strategy.type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined) errs.push(forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'"));
  } else if (strategy.type === 'RollingUpdate') {
    const ru: Obj = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const p = `${path}.rollingUpdate`;
    errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`));
    errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`));
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(invalid(`${p}.maxUnavailable`, intOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    }
    if (typeof ru.maxUnavailable === 'string' && intOrPercentValue(ru.maxUnavailable) > 100) errs.push(invalid(`${p}.maxUnavailable`, intOrString(ru.maxUnavailable), 'must not be greater than 100%'));
  } else {
    errs.push(notSupported(`${path}.type`, strategy.type ?? '', ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function meta(obj: Obj): FieldError[] {
  return validateObjectMeta(obj.metadata ?? {}, true, nameIsDNSSubdomain);
}

export function validateDeployment(d: Obj): FieldError[] {
  const spec: Obj = isObj(d.spec) ? d.spec : {};
  const errs = meta(d);
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateSelector(spec, 'deployment'));
  errs.push(...templateForReplicaSet(spec, 'ReplicaSet'));
  errs.push(...validateDeploymentStrategy(isObj(spec.strategy) ? spec.strategy : {}, 'spec.strategy'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateReplicaSet(rs: Obj): FieldError[] {
  const spec: Obj = isObj(rs.spec) ? rs.spec : {};
  const errs = meta(rs);
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelector(spec, 'deployment'));
  errs.push(...templateForReplicaSet(spec, 'ReplicaSet'));
  return errs;
}

export function validateDaemonSet(ds: Obj): FieldError[] {
  const spec: Obj = isObj(ds.spec) ? ds.spec : {};
  const errs = meta(ds);
  if (isObj(spec.selector)) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  errs.push(...selectorMismatch(spec));
  if (isObj(spec.selector) && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
    errs.push(invalid('spec.selector', selectorLiteral(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(isObj(spec.template) ? spec.template : {}, 'spec.template'));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) errs.push(invalid('spec.template.spec.activeDeadlineSeconds', spec.template.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

/** ValidateStatefulSetSpec: upstream validates the template's labels and annotations, not its pod spec. */
export function validateStatefulSet(sts: Obj): FieldError[] {
  const spec: Obj = isObj(sts.spec) ? sts.spec : {};
  const errs = meta(sts);
  const pmp = spec.podManagementPolicy;
  if (!pmp) errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = spec.updateStrategy?.type;
  if (us !== 'RollingUpdate' && us !== 'OnDelete') errs.push(notSupported('spec.updateStrategy', us ?? '', ['OnDelete', 'RollingUpdate']));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelector(spec, 'statefulset'));
  if (isObj(spec.template)) {
    errs.push(...selectorMismatch(spec));
    errs.push(...validateLabels(spec.template.metadata?.labels, 'spec.template.labels'));
  }
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', rp ?? '', ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return errs;
}

function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.parallelism, `${path}.parallelism`));
  errs.push(...nonNegative(spec.completions, `${path}.completions`));
  errs.push(...nonNegative(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`));
  errs.push(...nonNegative(spec.backoffLimit, `${path}.backoffLimit`));
  if (!isObj(spec.selector)) errs.push(required(`${path}.selector`));
  else errs.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  if (isObj(spec.selector)) {
    const sel = fromLabelSelector(spec.selector);
    const labels = spec.template?.metadata?.labels;
    if (sel.length > 0 && !matches(sel, labels)) errs.push(invalid(`${path}.template.metadata.labels`, labelsValue(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(isObj(spec.template) ? spec.template : {}, `${path}.template`));
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp ?? '', ['OnFailure', 'Never']));
  return errs;
}

/** ValidateJob. Call after `applyJobSelector`, which gives the generated selector. */
export function validateJob(job: Obj): FieldError[] {
  return [...meta(job), ...validateJobSpec(isObj(job.spec) ? job.spec : {}, 'spec')];
}

export function validateCronJob(cj: Obj): FieldError[] {
  const errs = validateObjectMeta(cj.metadata ?? {}, true, (name, prefix) => {
    const msgs = nameIsDNSSubdomain(name, prefix);
    // Job names get an 11-character suffix, so CronJob names are capped at 52.
    return msgs.length || name.length <= 52 ? msgs : ['must be no more than 52 characters'];
  });
  const spec: Obj = isObj(cj.spec) ? cj.spec : {};
  if (!spec.schedule) errs.push(required('spec.schedule'));
  const cp = spec.concurrencyPolicy;
  if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp ?? '', ['Allow', 'Forbid', 'Replace']));
  const jt: Obj = isObj(spec.jobTemplate?.spec) ? spec.jobTemplate.spec : {};
  errs.push(...validatePodTemplateSpec(isObj(jt.template) ? jt.template : {}, 'spec.jobTemplate.spec.template'));
  const rp = jt.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', rp ?? '', ['OnFailure', 'Never']));
  return errs;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
