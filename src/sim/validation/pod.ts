/**
 * Pod and pod template validation, after `pkg/apis/core/validation/validation.go` (v1.31):
 * ValidatePodCreate → ValidateObjectMeta + ValidatePodSpec (volumes, containers, init containers,
 * restartPolicy, dnsPolicy, nodeSelector, ...), validateContainerCommon, validateContainerPorts,
 * ValidateEnv, ValidateVolumeMounts, validatePullPolicy, ValidateResourceRequirements, probes and
 * handlers, ValidatePodTemplateSpec. Upstream's order is kept, so the error lists read the same.
 */
import { type FieldError, duplicate, forbidden, invalid, notFound, notSupported, required } from './errors.ts';
import { isDNS1123Label, isEnvVarName, isValidPortName, isValidPortNum, nameIsDNSSubdomain, validateAnnotations, validateLabels, validateObjectMeta } from './names.ts';
import { compareQuantity, formatQuantity, parseQuantityOrError } from '../api/quantity.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function dns1123Label(v: string, path: string): FieldError[] {
  return isDNS1123Label(v).map((m) => invalid(path, v, m));
}

/** ValidatePortNumOrName (IntOrString ports of probes and Service targetPort). */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return [];
}

function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((p: Obj, i) => {
    const idx = `${path}[${i}]`;
    if (p.name) {
      const msgs = isValidPortName(p.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${idx}.name`, p.name, m));
      else if (names.has(p.name)) errs.push(duplicate(`${idx}.name`, p.name));
      else names.add(p.name);
    }
    if (!p.containerPort) errs.push(required(`${idx}.containerPort`));
    else for (const m of isValidPortNum(p.containerPort)) errs.push(invalid(`${idx}.containerPort`, p.containerPort, m));
    if (p.hostPort) for (const m of isValidPortNum(p.hostPort)) errs.push(invalid(`${idx}.hostPort`, p.hostPort, m));
    if (!p.protocol) errs.push(required(`${idx}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${idx}.protocol`, p.protocol, PROTOCOLS));
  });
  return errs;
}

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((e: Obj, i) => {
    const idx = `${path}[${i}]`;
    if (!e.name) errs.push(required(`${idx}.name`));
    else for (const m of isEnvVarName(e.name)) errs.push(invalid(`${idx}.name`, e.name, m));
    if (isObj(e.valueFrom)) {
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => e.valueFrom[k] !== undefined);
      if (sources.length === 0) errs.push(invalid(`${idx}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      else if (sources.length > 1) errs.push(invalid(`${idx}.valueFrom`, '', 'may not have more than one field specified at a time'));
      if (e.value) errs.push(invalid(`${idx}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const points = new Set<string>();
  arr(mounts).forEach((m: Obj, i) => {
    const idx = `${path}[${i}]`;
    if (!m.name) errs.push(required(`${idx}.name`));
    if (!volumes.has(m.name ?? '')) errs.push(notFound(`${idx}.name`, m.name ?? ''));
    if (!m.mountPath) errs.push(required(`${idx}.mountPath`));
    if (points.has(m.mountPath)) errs.push(invalid(`${idx}.mountPath`, m.mountPath, 'must be unique'));
    points.add(m.mountPath);
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** ValidateResourceRequirements: names, non-negative quantities, requests <= limits (values printed canonical). */
function validateResources(res: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(res)) return errs;
  const limits: Obj = isObj(res.limits) ? res.limits : {};
  const requests: Obj = isObj(res.requests) ? res.requests : {};
  const checkName = (name: string, p: string) => {
    if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) errs.push(invalid(p, name, 'must be a standard resource for containers'));
  };
  const checkValue = (q: ReturnType<typeof parseQuantityOrError>, p: string) => {
    if (typeof q !== 'string' && q.nanos < 0n) errs.push(invalid(p, formatQuantity(q), 'must be greater than or equal to 0'));
  };
  for (const name of Object.keys(limits).sort()) {
    checkName(name, `${path}.limits[${name}]`);
    checkValue(parseQuantityOrError(limits[name]), `${path}.limits[${name}]`);
  }
  for (const name of Object.keys(requests).sort()) {
    const p = `${path}.requests[${name}]`;
    checkName(name, p);
    const q = parseQuantityOrError(requests[name]);
    checkValue(q, p);
    if (limits[name] === undefined || typeof q === 'string') continue;
    const lim = parseQuantityOrError(limits[name]);
    if (typeof lim === 'string') continue;
    const overcommit = !name.startsWith('hugepages-') && (STANDARD_CONTAINER_RESOURCES.includes(name) || !name.includes('/') || name.includes('kubernetes.io/'));
    if (!overcommit && compareQuantity(q, lim) !== 0) errs.push(invalid(`${path}.requests`, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
    else if (compareQuantity(q, lim) > 0) errs.push(invalid(`${path}.requests`, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
  }
  return errs;
}

const HANDLER_TYPES = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'];

/** validateHandler: exactly one handler, each checked. */
function validateHandler(h: Obj, path: string, allowed = HANDLER_TYPES): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const t of allowed) {
    const v = h[t];
    if (v === undefined || v === null) continue;
    if (n > 0) {
      errs.push(forbidden(`${path}.${t}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = `${path}.${t}`;
    if (t === 'exec' && arr(v.command).length === 0) errs.push(required(`${p}.command`));
    if (t === 'httpGet') {
      if (!v.path) errs.push(required(`${p}.path`));
      errs.push(...validatePortNumOrName(v.port, `${p}.port`));
      if (!['HTTP', 'HTTPS'].includes(v.scheme)) errs.push(notSupported(`${p}.scheme`, v.scheme ?? '', ['HTTP', 'HTTPS']));
    }
    if (t === 'tcpSocket') errs.push(...validatePortNumOrName(v.port, `${p}.port`));
    if (t === 'grpc') for (const m of isValidPortNum(v.port)) errs.push(invalid(`${p}.port`, v.port, m));
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function nonNegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, v, 'must be greater than or equal to 0')] : [];
}

function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(probe[f], `${path}.${f}`));
  if (typeof probe.terminationGracePeriodSeconds === 'number' && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  if (kind !== 'readiness' && probe.successThreshold !== 1) errs.push(invalid(`${path}.successThreshold`, probe.successThreshold, 'must be 1'));
  return errs;
}

function validateLifecycle(lc: unknown, path: string): FieldError[] {
  if (!isObj(lc)) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) if (isObj(lc[hook])) errs.push(...validateHandler(lc[hook], `${path}.${hook}`, ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  return errs;
}

function validateContainerCommon(c: Obj, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(required(`${path}.name`));
  else errs.push(...dns1123Label(c.name, `${path}.name`));
  if (!c.image) errs.push(required(`${path}.image`));
  const tmp = c.terminationMessagePolicy;
  if (!tmp) errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  if (!c.imagePullPolicy) errs.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(c.imagePullPolicy)) errs.push(notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
  errs.push(...validateResources(c.resources, `${path}.resources`));
  return errs;
}

function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  arr(volumes).forEach((v: Obj, i) => {
    const idx = `${path}[${i}]`;
    const el: FieldError[] = [];
    const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
    if (sources.length === 0) el.push(required(idx, 'must specify a volume type'));
    sources.slice(1).forEach((s) => el.push(forbidden(`${idx}.${s}`, 'may not specify more than 1 volume type')));
    if (isObj(v.configMap) && !v.configMap.name) el.push(required(`${idx}.configMap.name`));
    if (isObj(v.secret) && !v.secret.secretName) el.push(required(`${idx}.secret.secretName`));
    if (isObj(v.persistentVolumeClaim) && !v.persistentVolumeClaim.claimName) el.push(required(`${idx}.persistentVolumeClaim.claimName`));
    if (isObj(v.hostPath) && !v.hostPath.path) el.push(required(`${idx}.hostPath.path`));
    if (!v.name) el.push(required(`${idx}.name`));
    else el.push(...dns1123Label(v.name, `${idx}.name`));
    if (names.has(v.name)) el.push(duplicate(`${idx}.name`, v.name));
    if (el.length === 0) names.add(v.name);
    else errs.push(...el);
  });
  return { names, errs };
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** ValidatePodSpec. */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const { names: volumes, errs: volErrs } = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...volErrs);
  // Regular containers.
  const containers = arr(spec.containers);
  const allNames = new Set<string>();
  if (containers.length === 0) errs.push(required(`${path}.containers`));
  containers.forEach((c: Obj, i) => {
    const p = `${path}.containers[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    if (allNames.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else allNames.add(c.name);
    errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    if (c.restartPolicy !== undefined) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  // Init containers: names unique across init and regular containers; only sidecars get probes and hooks.
  arr(spec.initContainers).forEach((c: Obj, i) => {
    const p = `${path}.initContainers[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
      sidecar = c.restartPolicy === 'Always';
    }
    if (allNames.has(c.name)) errs.push(duplicate(`${p}.name`, c.name));
    else if (c.name) allNames.add(c.name);
    if (sidecar) {
      errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
      errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined && c[f] !== null) errs.push(forbidden(`${p}.${f}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  if (!spec.restartPolicy) errs.push(required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (!spec.dnsPolicy) errs.push(required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  if (spec.serviceAccountName) for (const m of nameIsDNSSubdomain(spec.serviceAccountName, false)) errs.push(invalid(`${path}.serviceAccountName`, spec.serviceAccountName, m));
  if (spec.nodeName) for (const m of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(invalid(`${path}.nodeName`, spec.nodeName, m));
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be between 1 and 2147483647, inclusive'));
  }
  if (spec.hostname) errs.push(...dns1123Label(spec.hostname, `${path}.hostname`));
  if (spec.subdomain) errs.push(...dns1123Label(spec.subdomain, `${path}.subdomain`));
  return errs;
}

/** ValidatePodCreate. */
export function validatePod(pod: Obj): FieldError[] {
  const errs = validateObjectMeta(pod.metadata ?? {}, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(isObj(pod.spec) ? pod.spec : {}, 'spec'));
  if (arr(pod.spec?.ephemeralContainers).length) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  return errs;
}

/** ValidatePodTemplateSpec: note upstream's `<path>.labels` (not `.metadata.labels`) for template label errors. */
export function validatePodTemplateSpec(template: Obj, path: string): FieldError[] {
  const meta: Obj = isObj(template.metadata) ? template.metadata : {};
  const errs = validateLabels(meta.labels, `${path}.labels`);
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validatePodSpec(isObj(template.spec) ? template.spec : {}, `${path}.spec`));
  if (arr(template.spec?.ephemeralContainers).length) errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
