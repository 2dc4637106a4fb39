/**
 * `kubectl expose (deployment|rs|rc|pod|service) NAME [--port] [--target-port] [--type] [--name]
 * [--protocol] [--selector] [-l] [--cluster-ip] [--external-ip] [--session-affinity]`, as kubectl
 * v1.31 does it (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go RunExpose, the
 * `service/v2` generator in pkg/generate/versioned/service.go, and polymorphichelpers'
 * canbeexposed.go, mapbasedselectorforobject.go, portsforobject.go, protocolsforobject.go):
 * the selector, ports, protocols and labels come from the object unless flags give them;
 * several ports are named `port-1`, `port-2`...; `service/NAME exposed`.
 */
import type { KubeObject } from '../api/types.ts';
import type { KubectlContext, Output } from './context.ts';
import { createAndPrint, dryRunOf, GENERATOR_FLAGS, namespaceOf, objectMeta, outputOf, sortedMap, type Struct } from './create-workloads.ts';
import { KubectlError } from './errors.ts';
import { flagString, hasFlag, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { fetch, resolveTargets } from './rollout.ts';

/** generate.ParseLabels: `k=v,k2=v2`, each with exactly one `=` and a key. */
export function parseLabels(spec: string): Record<string, string> {
  if (spec === '') throw new KubectlError('no label spec passed');
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${part}`);
    if (kv[0] === '') throw new KubectlError('unexpected empty label key');
    labels[kv[0]!] = kv[1]!;
  }
  return labels;
}

export interface ServiceParams {
  name?: string;
  defaultName: string;
  selector: string;
  labels: string;
  /** `--port` (one port), or '' */
  port: string;
  /** Several ports found by introspection, comma-separated. */
  ports?: string;
  /** `--protocol`, or undefined when the command has no such parameter. */
  protocol: string | undefined;
  /** Port → protocol found by introspection. */
  protocols: Map<string, string> | undefined;
  targetPort: string;
  externalIP?: string;
  type?: string;
  loadBalancerIP?: string;
  sessionAffinity?: string;
  clusterIP?: string;
}

/** generateService (service/v2), in the Service's struct field order. */
export function generateService(p: ServiceParams): Struct {
  if (p.selector === '') throw new KubectlError("'selector' is a required parameter");
  const selector = sortedMap(parseLabels(p.selector));
  const labels = p.labels !== '' ? parseLabels(p.labels) : undefined;
  const name = p.name || p.defaultName;
  const headless = p.clusterIP === 'None';
  const portString = p.ports ?? p.port;
  const ports: Struct[] = [];
  if (portString !== '') {
    const list = portString.split(',');
    list.forEach((s, i) => {
      if (!/^[+-]?\d+$/.test(s)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
      let protocol = p.protocol ?? '';
      const map = p.protocols;
      if (protocol === '' && (!map || map.size === 0)) protocol = 'TCP';
      else if (protocol === '' && map && map.size > 0) protocol = map.get(s) ?? 'TCP';
      ports.push({ ...(list.length > 1 ? { name: `port-${i + 1}` } : {}), protocol, port: Number(s) });
    });
  } else if (!headless) {
    throw new KubectlError("'ports' or 'port' is a required parameter");
  }
  for (const port of ports) port.targetPort = p.targetPort === '' ? port.port : /^[+-]?\d+$/.test(p.targetPort) ? Number(p.targetPort) : p.targetPort;
  const affinity = p.sessionAffinity ?? '';
  if (affinity !== '' && affinity !== 'None' && affinity !== 'ClientIP') throw new KubectlError(`unknown session affinity: ${affinity}`);
  const type = p.type ?? '';
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(name, undefined, labels),
    spec: {
      ...(ports.length > 0 ? { ports } : {}),
      selector,
      ...(p.clusterIP ? { clusterIP: p.clusterIP } : {}),
      ...(type ? { type } : {}),
      ...(p.externalIP ? { externalIPs: [p.externalIP] } : {}),
      ...(affinity ? { sessionAffinity: affinity } : {}),
      ...(type === 'LoadBalancer' && p.loadBalancerIP ? { loadBalancerIP: p.loadBalancerIP } : {}),
    },
    status: { loadBalancer: {} },
  };
}

const EXPOSABLE = new Set(['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']);

/** polymorphichelpers.mapBasedSelectorForObject: a `k=v,...` string of the object's pod selector. */
function selectorFor(obj: KubeObject): string {
  const join = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  switch (obj.kind) {
    case 'Pod':
      if (Object.keys(obj.metadata.labels ?? {}).length === 0) throw new KubectlError('the pod has no labels and cannot be exposed');
      return join(obj.metadata.labels);
    case 'Service':
      if (Object.keys((obj.spec?.selector as Record<string, string> | undefined) ?? {}).length === 0) throw new KubectlError('the service has no pod selector set');
      return join(obj.spec.selector as Record<string, string>);
    default: {
      const sel = obj.spec?.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
      if (!sel) throw new KubectlError(`invalid ${obj.kind.toLowerCase()}: no selectors, therefore cannot be exposed`);
      if ((sel.matchExpressions ?? []).length > 0) throw new KubectlError(`couldn't convert expressions - ${JSON.stringify(sel.matchExpressions)} to map-based selector format`);
      return join(sel.matchLabels);
    }
  }
}

/** polymorphichelpers.portsForObject and protocolsForObject: the containers' ports, or a Service's. */
function portsFor(obj: KubeObject): { ports: string[]; protocols: Map<string, string> } {
  const ports: string[] = [];
  const protocols = new Map<string, string>();
  if (obj.kind === 'Service') {
    for (const p of (obj.spec?.ports ?? []) as { port: number; protocol?: string }[]) {
      ports.push(String(p.port));
      protocols.set(String(p.port), p.protocol ?? 'TCP');
    }
    return { ports, protocols };
  }
  const spec = (obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec) as { containers?: { ports?: { containerPort: number; protocol?: string }[] }[] } | undefined;
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      ports.push(String(p.containerPort));
      protocols.set(String(p.containerPort), p.protocol ?? 'TCP');
    }
  }
  return { ports, protocols };
}

const NO_RESOURCE = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

function expose(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  if (hasFlag(flags, 'filename')) throw new KubectlError('kubectl expose -f is not simulated in Kubeplay: name the object (kubectl expose deployment NAME --port=80)');
  if (hasFlag(flags, 'overrides')) throw new KubectlError('--overrides is not simulated in Kubeplay');
  const dryRun = dryRunOf(flags);
  const output = outputOf(flags, 'expose');
  const targets = resolveTargets(flags, flags.args, NO_RESOURCE);
  const ns = namespaceOf(flags);
  for (const t of targets) {
    const obj = fetch(ctx, t);
    // CanBeExposed.
    if (!EXPOSABLE.has(obj.kind)) throw new KubectlError(`cannot expose a ${obj.kind}${t.info.group ? `.${t.info.group}` : ''}`);
    let selector = flagString(flags, 'selector');
    if (selector === '') {
      try {
        selector = selectorFor(obj);
      } catch (err) {
        if (err instanceof KubectlError) throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${err.message}`);
        throw err;
      }
    }
    const clusterIP = flagString(flags, 'cluster-ip');
    let port = flagString(flags, 'port');
    let ports: string | undefined;
    const found = portsFor(obj);
    if (port === '') {
      if (found.ports.length === 0 && clusterIP !== 'None') throw new KubectlError("couldn't find port via --port flag or introspection");
      if (found.ports.length === 1) port = found.ports[0]!;
      else if (found.ports.length > 1) ports = found.ports.join(',');
    }
    const labels = flagString(flags, 'labels') || Object.entries(obj.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    const svc = generateService({
      name: flagString(flags, 'name'),
      defaultName: obj.metadata.name.slice(0, 63),
      selector,
      labels,
      port,
      ...(ports !== undefined ? { ports } : {}),
      protocol: flagString(flags, 'protocol'),
      protocols: found.protocols,
      targetPort: flagString(flags, 'target-port') || flagString(flags, 'container-port'),
      externalIP: flagString(flags, 'external-ip'),
      type: flagString(flags, 'type'),
      loadBalancerIP: flagString(flags, 'load-balancer-ip'),
      sessionAffinity: flagString(flags, 'session-affinity'),
      clusterIP,
    });
    if (dryRun === 'client' && ns.enforced) (svc.metadata as Struct).namespace = ns.namespace;
    createAndPrint(ctx, svc, { dryRun, output, namespace: ns.namespace, verb: 'exposed' }, out);
  }
}

export const exposeCommands: Record<string, Command> = {
  expose: {
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'port', type: 'string' },
      { name: 'protocol', type: 'string' },
      { name: 'target-port', type: 'string' },
      { name: 'container-port', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'selector', type: 'string' },
      { name: 'labels', short: 'l', type: 'string' },
      { name: 'external-ip', type: 'string' },
      { name: 'load-balancer-ip', type: 'string' },
      { name: 'session-affinity', type: 'string' },
      { name: 'cluster-ip', type: 'string' },
      { name: 'overrides', type: 'string' },
      { name: 'override-type', type: 'string' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'record', type: 'bool' },
    ],
    run: expose,
  },
};
