/**
 * Service, Namespace, ConfigMap, Secret, Node and the simpler kinds, after
 * `pkg/apis/core/validation/validation.go` (ValidateService, validateServicePort,
 * ValidateNamespace, ValidateConfigMap, ValidateSecret, ValidateNode, ...) v1.31.
 */
import { type FieldError, GoLiteral, duplicate, forbidden, invalid, notSupported, required } from './errors.ts';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isValidPortNum, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, validateLabels, validateObjectMeta } from './names.ts';
import { validatePortNumOrName } from './pod.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- validation reads loosely typed objects */
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const KUBELET_PORT = 10250;

const isIPv4 = (s: string) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
const isIPv6 = (s: string) => s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && (s.match(/::/g) ?? []).length <= 1;

/** `%#v` of the core.ServicePort{Protocol, Port} key upstream reports duplicates with. */
const servicePortKey = (protocol: string, port: number) =>
  new GoLiteral(`core.ServicePort{Name:"", Protocol:"${protocol}", AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`);

export function validateService(svc: Obj): FieldError[] {
  const errs = validateObjectMeta(svc.metadata ?? {}, true, nameIsDNS1035Label);
  const spec: Obj = isObj(svc.spec) ? svc.spec : {};
  const ports = arr(spec.ports);
  const headless = spec.clusterIP === 'None';
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(required('spec.ports'));
  if (spec.type === 'LoadBalancer' || spec.type === 'NodePort') {
    if (headless) errs.push(invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`));
  }
  if (spec.type === 'LoadBalancer') {
    ports.forEach((p: Obj, i) => {
      if (p.port === KUBELET_PORT) errs.push(invalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
    });
  }
  if (spec.type === 'ExternalName') {
    if (spec.clusterIP) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    const cname = String(spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => invalid('spec.externalName', cname, m)));
    else errs.push(required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p: Obj, i) => {
    const path = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) errs.push(required(`${path}.name`));
    else if (p.name) {
      errs.push(...isDNS1123Label(p.name).map((m) => invalid(`${path}.name`, p.name, m)));
      if (names.has(p.name)) errs.push(duplicate(`${path}.name`, p.name));
      else names.add(p.name);
    }
    errs.push(...isValidPortNum(p.port ?? 0).map((m) => invalid(`${path}.port`, p.port ?? 0, m)));
    if (!p.protocol) errs.push(required(`${path}.protocol`));
    else if (!PROTOCOLS.includes(p.protocol)) errs.push(notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
    errs.push(...validatePortNumOrName(p.targetPort, `${path}.targetPort`));
  });
  if (isObj(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity)) errs.push(notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']));
  else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig !== undefined) errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  if (spec.clusterIP && spec.clusterIP !== 'None' && !isIPv4(spec.clusterIP) && !isIPv6(spec.clusterIP)) {
    errs.push(invalid('spec.clusterIPs[0]', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (!spec.type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p: Obj, i) => {
      if (p.nodePort) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p: Obj, i) => {
    if (p.nodePort) {
      const key = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(key);
      if (p.nodePort < 1 || p.nodePort > 65535) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'must be between 1 and 65535, inclusive'));
    }
  });
  ports.forEach((p: Obj, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, servicePortKey(p.protocol, p.port)));
    seen.add(key);
  });
  return errs;
}

export function validateNamespace(ns: Obj): FieldError[] {
  const errs = validateObjectMeta(ns.metadata ?? {}, false, nameIsDNSLabel);
  for (const f of arr(ns.spec?.finalizers)) {
    if (typeof f === 'string' && !f.includes('/') && f !== 'kubernetes') errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function validateDataKeys(data: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isObj(data)) return errs;
  for (const key of Object.keys(data).sort()) for (const m of isConfigMapKey(key)) errs.push(invalid(`${path}[${key}]`, key, m));
  return errs;
}

export function validateConfigMap(cm: Obj): FieldError[] {
  const errs = validateObjectMeta(cm.metadata ?? {}, true, nameIsDNSSubdomain);
  errs.push(...validateDataKeys(cm.data, 'data'));
  errs.push(...validateDataKeys(cm.binaryData, 'binaryData'));
  for (const key of Object.keys(isObj(cm.data) ? cm.data : {}).sort()) {
    if (isObj(cm.binaryData) && cm.binaryData[key] !== undefined) errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
  }
  return errs;
}

export function validateSecret(secret: Obj): FieldError[] {
  const errs = validateObjectMeta(secret.metadata ?? {}, true, nameIsDNSSubdomain);
  // v1 conversion merges stringData into data before validation.
  errs.push(...validateDataKeys({ ...(secret.data ?? {}), ...(secret.stringData ?? {}) }, 'data'));
  return errs;
}

export function validateNode(node: Obj): FieldError[] {
  return validateObjectMeta(node.metadata ?? {}, false, nameIsDNSSubdomain);
}

/** Kinds checked only for their metadata here (ServiceAccount, Endpoints, EndpointSlice, Event). */
export function validateMetaOnly(obj: Obj, nameFn = nameIsDNSSubdomain): FieldError[] {
  return validateObjectMeta(obj.metadata ?? {}, true, nameFn);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
