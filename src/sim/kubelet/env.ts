/**
 * A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables, v1.31): the Service variables of the pod's namespace (envvars.go,
 * when enableServiceLinks), then `envFrom`, then `env` with `$(VAR)` expanded against what was
 * defined before it (third_party/forked/golang/expansion). `valueFrom` reads ConfigMaps and
 * Secrets (errors as makeEnvironmentVariables words them: `configmap "x" not found`,
 * `couldn't find key k in ConfigMap default/x`), the pod's fields and its resources.
 */
import { parseQuantity, quantityMilliValue, quantityValue } from '../api/quantity.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { secretData } from './volumes.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs are plain JSON */
type Json = any;

const CONFIGMAPS = preferredResourceForKind('ConfigMap')!;
const SECRETS = preferredResourceForKind('Secret')!;
const SERVICES = preferredResourceForKind('Service')!;

export type EnvResult = { ok: true; env: { name: string; value: string }[] } | { ok: false; message: string };

/** pkg/fieldpath ExtractFieldPathAsString plus the kubelet's own status fields. */
export function fieldValue(pod: KubeObject, path: string, podIP?: string, hostIP?: string): string | undefined {
  const m = /^metadata\.(labels|annotations)\['([^']*)'\]$/.exec(path);
  if (m) return ((m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations) ?? {})[m[2]!] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default';
    case 'metadata.uid': return pod.metadata.uid;
    case 'spec.nodeName': return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec.serviceAccountName ?? '';
    case 'status.podIP': return podIP ?? pod.status?.podIP ?? '';
    case 'status.podIPs': return podIP ?? pod.status?.podIP ?? '';
    case 'status.hostIP': return hostIP ?? pod.status?.hostIP ?? '';
    case 'status.hostIPs': return hostIP ?? pod.status?.hostIP ?? '';
  }
  return undefined;
}

/** resourceFieldRef: the container's limit (the node's allocatable when unset) or request, divided and rounded up. */
function resourceValue(spec: Json, ref: Json, allocatable: Record<string, string>): string {
  const [kind, resource] = String(ref.resource).split('.') as [string, string];
  const raw = spec.resources?.[kind]?.[resource] ?? (kind === 'limits' ? allocatable[resource] : undefined) ?? '0';
  const q = parseQuantity(raw);
  const divisor = parseQuantity(ref.divisor ?? '1');
  if (!q || !divisor) return '0';
  // resource/helpers.go ExtractContainerResourceValue: ceil(value / divisor), in milli units for cpu.
  const value = resource === 'cpu' ? quantityMilliValue(q) : quantityValue(q);
  const div = resource === 'cpu' ? quantityMilliValue(divisor) : quantityValue(divisor);
  return String(Math.ceil(value / Math.max(1, div)));
}

/** envvars.go FromServices: `NAME_SERVICE_HOST`, `_SERVICE_PORT`, `_PORT`, `_PORT_<port>_<PROTO>...`. */
function serviceEnv(store: ObjectStore, namespace: string): Map<string, string> {
  const env = new Map<string, string>();
  const services = [...store.list(SERVICES, namespace)];
  if (namespace !== 'default') {
    const master = store.peek(SERVICES, 'default', 'kubernetes');
    if (master) services.push(master);
  }
  for (const svc of services as Json[]) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const name = String(svc.metadata.name).toUpperCase().replace(/-/g, '_');
    const ports: Json[] = svc.spec.ports ?? [];
    if (ports.length === 0) continue;
    env.set(`${name}_SERVICE_HOST`, ip);
    env.set(`${name}_SERVICE_PORT`, String(ports[0].port));
    for (const p of ports) if (p.name) env.set(`${name}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`, String(p.port));
    const first = ports[0];
    env.set(`${name}_PORT`, `${String(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`);
    for (const p of ports) {
      const proto = String(p.protocol ?? 'TCP');
      const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      env.set(prefix, `${proto.toLowerCase()}://${ip}:${p.port}`);
      env.set(`${prefix}_PROTO`, proto.toLowerCase());
      env.set(`${prefix}_PORT`, String(p.port));
      env.set(`${prefix}_ADDR`, ip);
    }
  }
  return env;
}

/** expansion.Expand: `$(VAR)` from `vars`, `$$(VAR)` escapes, an undefined reference stays as written. */
export function expandVars(text: string | null | undefined, vars: ReadonlyMap<string, string>): string {
  // Go decodes a null list element as "".
  return (text ?? '').replace(/\$(\$|\(([A-Za-z_][A-Za-z0-9_.-]*)\))/g, (all, what: string, name: string | undefined) => {
    if (what === '$') return '$';
    return name !== undefined && vars.has(name) ? vars.get(name)! : all;
  });
}

export function containerEnv(store: ObjectStore, pod: KubeObject, spec: Json, podIP: string, hostIP: string, allocatable: Record<string, string>): EnvResult {
  const ns = pod.metadata.namespace ?? 'default';
  const vars = pod.spec.enableServiceLinks === false ? new Map<string, string>() : serviceEnv(store, ns);
  const objects = new Map<string, Json>();
  const get = (isCM: boolean, name: string): Json => {
    const key = `${isCM ? 'cm' : 's'}/${name}`;
    if (!objects.has(key)) objects.set(key, store.peek(isCM ? CONFIGMAPS : SECRETS, ns, name) ?? null);
    return objects.get(key);
  };
  for (const from of (spec.envFrom ?? []) as Json[]) {
    const isCM = !!from.configMapRef;
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const obj = get(isCM, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return { ok: false, message: `${isCM ? 'configmap' : 'secret'} "${ref.name}" not found` };
    }
    const data: Record<string, string> = isCM ? (obj.data ?? {}) : secretData(obj);
    // Keys that are not valid variable names are skipped (an InvalidEnvironmentVariableNames event upstream).
    for (const [k, v] of Object.entries(data)) if (/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(`${from.prefix ?? ''}${k}`)) vars.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of (spec.env ?? []) as Json[]) {
    if (e.value !== undefined || !e.valueFrom) {
      vars.set(e.name, expandVars(String(e.value ?? ''), vars));
      continue;
    }
    const vf = e.valueFrom;
    if (vf.fieldRef) {
      vars.set(e.name, fieldValue(pod, vf.fieldRef.fieldPath, podIP, hostIP) ?? '');
    } else if (vf.resourceFieldRef) {
      vars.set(e.name, resourceValue(spec, vf.resourceFieldRef, allocatable));
    } else if (vf.configMapKeyRef || vf.secretKeyRef) {
      const isCM = !!vf.configMapKeyRef;
      const ref = vf.configMapKeyRef ?? vf.secretKeyRef;
      const obj = get(isCM, ref.name);
      if (!obj) {
        if (ref.optional) continue;
        return { ok: false, message: `${isCM ? 'configmap' : 'secret'} "${ref.name}" not found` };
      }
      const raw = isCM ? obj.data?.[ref.key] : secretData(obj)[ref.key];
      if (raw === undefined) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ${isCM ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name}` };
      }
      vars.set(e.name, String(raw));
    }
  }
  return { ok: true, env: [...vars].map(([name, value]) => ({ name, value })) };
}
