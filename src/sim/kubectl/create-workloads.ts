/**
 * `kubectl create deployment|service|job|cronjob|namespace|serviceaccount`, as kubectl v1.31's
 * generators build them (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go,
 * create_service.go, create_job.go, create_cronjob.go, create_namespace.go,
 * create_serviceaccount.go): the typed object is built on the client from the flags, then created
 * (`deployment.apps/web created`), or only printed with `--dry-run=client`.
 *
 * A typed object prints as Go marshals its struct: `-o json` keeps the struct's field order
 * (kind and apiVersion first), zero-value structs stay (`resources: {}`, `strategy: {}`,
 * `status: {}`), `creationTimestamp: null`; `-o yaml` goes through a map, so its keys are sorted.
 * The builders below create their objects in struct field order for that reason.
 */
import { APIError } from '../api/errors.ts';
import { ALPHANUMS } from '../api/names.ts';
import { preferredResourceForKind, resolveResource } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../validation/names.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { FlagError, flagBool, flagString, flagStrings, hasFlag, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { usageError } from './logs.ts';
import { nameOf, toJSON, toYAML } from './output.ts';

/** A JSON object whose key order is the Go struct's field order. */
export type Struct = Record<string, unknown>;

/** The flags every generator command shares (PrintFlags, dry-run, validate, apply annotation, field manager). */
export const GENERATOR_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool' },
];

/** `-o json` of a typed object: json.MarshalIndent keeps the struct order; the HTML-safe escapes as toJSON. */
export function toStructJSON(value: unknown): string {
  return `${JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

/** A Go map as encoding/json writes it: keys sorted. */
export function sortedMap(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** ObjectMeta in struct order: name, namespace, creationTimestamp, labels, annotations. */
export function objectMeta(name: string | undefined, namespace: string | undefined, labels?: Record<string, string>, annotations?: Record<string, string>): Struct {
  return {
    ...(name ? { name } : {}),
    ...(namespace ? { namespace } : {}),
    creationTimestamp: null,
    ...(labels && Object.keys(labels).length > 0 ? { labels: sortedMap(labels) } : {}),
    ...(annotations && Object.keys(annotations).length > 0 ? { annotations: sortedMap(annotations) } : {}),
  };
}

/** cmdutil.GetDryRunStrategy: `--dry-run` alone means client (with a deprecation warning kubectl prints elsewhere). */
export function dryRunOf(flags: ParsedFlags): 'none' | 'client' | 'server' {
  const value = flagString(flags, 'dry-run', 'none');
  const dryRun = value === 'unchanged' ? 'client' : value;
  if (dryRun !== 'none' && dryRun !== 'client' && dryRun !== 'server') throw new KubectlError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
  return dryRun;
}

/** The printers the generator commands serve; the others fail saying so. */
export function outputOf(flags: ParsedFlags, command: string): '' | 'yaml' | 'json' | 'name' {
  const output = flagString(flags, 'output');
  if (output === '' || output === 'yaml' || output === 'json' || output === 'name') return output;
  throw new KubectlError(`Kubeplay does not simulate the "-o ${output}" output of kubectl ${command}: use -o yaml, -o json or -o name`);
}

/** The namespace kubectl's config loader gives, and whether `-n` enforced it (it then appears in the object). */
export function namespaceOf(flags: ParsedFlags): { namespace: string; enforced: boolean } {
  return hasFlag(flags, 'namespace') ? { namespace: flagString(flags, 'namespace'), enforced: true } : { namespace: 'default', enforced: false };
}

/** What a typed object sends to the server: JSON without the client's nulls and empty status. */
function wireManifest(obj: Struct, namespace: string): Record<string, unknown> {
  const manifest = JSON.parse(JSON.stringify(obj)) as Record<string, unknown>;
  const strip = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(strip);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.creationTimestamp === null) delete o.creationTimestamp;
      Object.values(o).forEach(strip);
    }
  };
  strip(manifest);
  delete manifest.status;
  const meta = manifest.metadata as Record<string, unknown>;
  meta.namespace = namespace;
  return manifest;
}

export interface Emit {
  dryRun: 'none' | 'client' | 'server';
  output: '' | 'yaml' | 'json' | 'name';
  namespace: string;
  /** `created`, or `exposed` for kubectl expose. */
  verb: string;
  /** Wraps the server's error as the command does (`failed to create deployment: %v`), or returns it as is. */
  wrap?: (err: APIError) => Error;
}

/** Creates the object (unless client dry run) and prints it as the command's printer does. */
export function createAndPrint(ctx: KubectlContext, obj: Struct, emit: Emit, out: Output): KubeObject {
  const kind = obj.kind as string;
  const info = preferredResourceForKind(kind)!;
  let result: unknown = obj;
  let stored: KubeObject;
  if (emit.dryRun === 'client') {
    stored = obj as unknown as KubeObject;
  } else {
    const manifest = wireManifest(obj, emit.namespace);
    const name = (manifest.metadata as { name: string }).name;
    try {
      if (ctx.store.peek(info, info.namespaced ? emit.namespace : undefined, name)) throw new APIError('AlreadyExists', `${info.resource}${info.group ? `.${info.group}` : ''} "${name}" already exists`);
      if (!info.namespaced) delete (manifest.metadata as Record<string, unknown>).namespace;
      stored = ctx.api.create(info, manifest, 'kubectl', { dryRun: emit.dryRun === 'server' });
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      throw emit.wrap ? emit.wrap(err) : err;
    }
    result = stored;
  }
  const suffix = emit.dryRun === 'client' ? ' (dry run)' : emit.dryRun === 'server' ? ' (server dry run)' : '';
  if (emit.output === 'yaml') out.out(toYAML(result));
  else if (emit.output === 'json') out.out(emit.dryRun === 'client' ? toStructJSON(result) : toJSON(result));
  else if (emit.output === 'name') out.out(`${nameOf(stored)}\n`);
  else out.out(`${nameOf(stored)} ${emit.verb}${suffix}\n`);
  return stored;
}

/** A usage error of `kubectl create SUB` (`See 'kubectl create SUB -h' ...`). */
function createUsage(sub: string, message: string): KubectlError {
  return usageError(message, `create ${sub}`);
}

/** NameFromCommandArgs: exactly one NAME before `--`. */
function nameFromArgs(flags: ParsedFlags, sub: string): string {
  const dash = flags.argsLenAtDash ?? -1;
  const argsLen = dash === -1 ? flags.args.length : dash;
  if (argsLen !== 1) throw createUsage(sub, `exactly one NAME is required, got ${argsLen}`);
  return flags.args[0]!;
}

/** cobra's MarkFlagRequired check, before the command runs. */
function requireFlags(flags: ParsedFlags, names: string[]): void {
  const missing = names.filter((n) => !hasFlag(flags, n));
  if (missing.length > 0) throw new KubectlError(`required flag(s) ${missing.map((n) => `"${n}"`).join(', ')} not set`);
}

/** pflag's StringSlice: comma-separated values, every occurrence appended. */
function stringSlice(flags: ParsedFlags, name: string): string[] {
  return flagStrings(flags, name).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** pflag's int32 flags, with pflag's message for a bad value. */
function int32Flag(flags: ParsedFlags, name: string, short: string | undefined, fallback: number): number {
  if (!hasFlag(flags, name)) return fallback;
  const v = flagString(flags, name);
  const n = Number(v);
  if (!/^[+-]?\d+$/.test(v) || n > 2147483647 || n < -2147483648) {
    throw new FlagError(`invalid argument "${v}" for "${short ? `-${short}, ` : ''}--${name}" flag: strconv.ParseInt: parsing "${v}": ${/^[+-]?\d+$/.test(v) ? 'value out of range' : 'invalid syntax'}`);
  }
  return n;
}

// ---- deployment -------------------------------------------------------------------------------

/** buildPodSpec: the last path segment of the image, without tag or digest, sanitised. */
export function containerNameForImage(ctx: KubectlContext, image: string): string {
  let name = image.split('/').at(-1)!;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  // sanitizeAndUniquify: `_` and `.` become `-`, then a random suffix (utilrand.String(5)).
  if (/[_.]/.test(name)) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += ALPHANUMS[ctx.kernel.rng.intBelow(ALPHANUMS.length)]!;
    name = `${name.replace(/[_.]/g, '-')}-${suffix}`;
  }
  return name;
}

function buildDeployment(ctx: KubectlContext, name: string, flags: ParsedFlags, namespace: string | undefined): Struct {
  const images = stringSlice(flags, 'image');
  const command = flags.args.slice(1);
  if (images.length > 1 && command.length > 0) throw new KubectlError('cannot specify multiple --image options and command');
  const port = int32Flag(flags, 'port', undefined, -1);
  const replicas = int32Flag(flags, 'replicas', 'r', 1);
  const labels = { app: name };
  const containers: Struct[] = images.map((image) => ({ name: containerNameForImage(ctx, image), image, ...(command.length > 0 ? { command } : {}), resources: {} }));
  if (port >= 0 && containers.length > 0) {
    const { name: n, image, command: c, ...rest } = containers[0]!;
    containers[0] = { name: n, image, ...(c ? { command: c } : {}), ports: [{ containerPort: port }], ...rest };
  }
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: objectMeta(name, namespace, labels),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: objectMeta(undefined, undefined, labels), spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

// ---- service ----------------------------------------------------------------------------------

/** create_service.go parsePorts: `port[:targetPort]`, the target a number or a port name. */
function parsePorts(spec: string): { port: number; targetPort: number | string } {
  const parts = spec.split(':');
  const port = parsePort(parts[0]!);
  if (parts.length === 1) return { port, targetPort: port };
  const target = parts[1]!;
  if (!/^[+-]?\d+$/.test(target)) {
    const errs = isValidPortName(target);
    if (errs.length > 0) throw new KubectlError(errs.join(','));
    return { port, targetPort: target };
  }
  const errs = isValidPortNum(Number(target));
  if (errs.length > 0) throw new KubectlError(errs.join(','));
  return { port, targetPort: Number(target) };
}

/** k8s.io/utils/net ParsePort(s, allowZero=true). */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new KubectlError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

const SERVICE_TYPES: Record<string, string> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

function buildService(type: string, name: string, flags: ParsedFlags, namespace: string | undefined): Struct {
  const tcp = stringSlice(flags, 'tcp');
  const clusterIP = flagString(flags, 'clusterip');
  const externalName = flagString(flags, 'external-name');
  // ServiceOptions.Validate.
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new KubectlError('ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new KubectlError('at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length > 0) throw new KubectlError(`invalid service external name ${externalName}`);
  const nodePort = Number(flagString(flags, 'node-port', '0'));
  const ports = tcp.map((spec) => {
    const { port, targetPort } = parsePorts(spec);
    return { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
  });
  const labels = { app: name };
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: objectMeta(name, namespace, labels),
    spec: { ...(ports.length > 0 ? { ports } : {}), selector: { app: name }, ...(clusterIP ? { clusterIP } : {}), type, ...(externalName ? { externalName } : {}) },
    status: { loadBalancer: {} },
  };
}

// ---- job, cronjob -----------------------------------------------------------------------------

function jobContainer(name: string, image: string, command: string[]): Struct {
  return { name, image, ...(command.length > 0 ? { command } : {}), resources: {} };
}

function buildJob(ctx: KubectlContext, name: string, flags: ParsedFlags, ns: { namespace: string; enforced: boolean }): Struct {
  const image = flagString(flags, 'image');
  const from = flagString(flags, 'from');
  const command = flags.args.slice(1);
  // CreateJobOptions.Validate.
  if ((image === '' && from === '') || (image !== '' && from !== '')) throw new KubectlError('either --image or --from must be specified');
  if (command.length > 0 && from !== '') throw new KubectlError('cannot specify --from and command');
  const namespace = ns.enforced ? ns.namespace : undefined;
  if (image !== '') {
    return {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: objectMeta(name, namespace),
      spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [jobContainer(name, image, command)], restartPolicy: 'Never' } } },
      status: {},
    };
  }
  // --from=cronjob/NAME: the builder resolves TYPE/NAME (ResourceTypeOrNameArgs).
  const slash = from.indexOf('/');
  const info = slash < 0 ? undefined : resolveResource(from.slice(0, slash));
  if (slash < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${from.slice(0, slash)}"`);
  const source = ctx.store.get(info, info.namespaced ? ns.namespace : undefined, from.slice(slash + 1));
  if (!source) throw new APIError('NotFound', `${info.resource}${info.group ? `.${info.group}` : ''} "${from.slice(slash + 1)}" not found`);
  if (source.kind !== 'CronJob') throw new KubectlError(`unknown object type *${info.group === '' ? 'v1' : info.group.split('.')[0] + '.' + info.version}.${source.kind}`);
  // createJobFromCronJob: the template's labels, its annotations plus instantiate=manual, owned by the CronJob.
  const template = (source.spec?.jobTemplate ?? {}) as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown };
  const annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      ...objectMeta(name, namespace, template.metadata?.labels, annotations),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: source.metadata.name, uid: source.metadata.uid, controller: true }],
    },
    spec: typedJobSpec(template.spec),
    status: {},
  };
}

/** The CronJob's job spec as the typed client holds it: the pod template's ObjectMeta has `creationTimestamp: null`. */
function typedJobSpec(spec: unknown): Struct {
  const copy = JSON.parse(JSON.stringify(spec ?? {})) as Struct;
  const template = copy.template as Struct | undefined;
  if (template) {
    const meta = (template.metadata ?? {}) as Record<string, string>;
    template.metadata = objectMeta(meta.name, meta.namespace, meta.labels as unknown as Record<string, string>, meta.annotations as unknown as Record<string, string>);
  }
  return copy;
}

function buildCronJob(name: string, flags: ParsedFlags, namespace: string | undefined): Struct {
  const command = flags.args.slice(1);
  const restart = flagString(flags, 'restart') || 'OnFailure';
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: objectMeta(name, namespace),
    spec: {
      schedule: flagString(flags, 'schedule'),
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [jobContainer(name, flagString(flags, 'image'), command)], restartPolicy: restart } } },
      },
    },
    status: {},
  };
}

// ---- the subcommands --------------------------------------------------------------------------

interface Subcommand {
  use: string;
  flags: FlagSpec[];
  required: string[];
  build(ctx: KubectlContext, name: string, flags: ParsedFlags, ns: { namespace: string; enforced: boolean }): Struct;
  /** How the command wraps the server's error (`failed to create deployment: %v`); none returns it as is. */
  wrap?: string;
}

const enforcedNs = (ns: { namespace: string; enforced: boolean }) => (ns.enforced ? ns.namespace : undefined);

const SUBCOMMANDS: Record<string, Subcommand> = {
  deployment: {
    use: 'deployment',
    flags: [...GENERATOR_FLAGS, { name: 'image', type: 'stringArray' }, { name: 'port', type: 'string' }, { name: 'replicas', short: 'r', type: 'string' }],
    required: ['image'],
    build: (ctx, name, flags, ns) => buildDeployment(ctx, name, flags, enforcedNs(ns)),
    wrap: 'failed to create deployment:',
  },
  job: {
    use: 'job',
    flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'from', type: 'string' }],
    required: [],
    build: buildJob,
    wrap: 'failed to create job:',
  },
  cronjob: {
    use: 'cronjob',
    flags: [...GENERATOR_FLAGS, { name: 'image', type: 'string' }, { name: 'schedule', type: 'string' }, { name: 'restart', type: 'string' }],
    required: ['image', 'schedule'],
    build: (_ctx, name, flags, ns) => buildCronJob(name, flags, enforcedNs(ns)),
    wrap: 'failed to create cronjob:',
  },
  namespace: {
    use: 'namespace',
    flags: GENERATOR_FLAGS,
    required: [],
    build: (_ctx, name) => ({ kind: 'Namespace', apiVersion: 'v1', metadata: objectMeta(name, undefined), spec: {}, status: {} }),
  },
  serviceaccount: {
    use: 'serviceaccount',
    flags: GENERATOR_FLAGS,
    required: [],
    build: (_ctx, name, _flags, ns) => ({ kind: 'ServiceAccount', apiVersion: 'v1', metadata: objectMeta(name, enforcedNs(ns)) }),
    wrap: 'failed to create serviceaccount:',
  },
};
for (const [key, type] of Object.entries(SERVICE_TYPES)) {
  SUBCOMMANDS[`service ${key}`] = {
    use: `service ${key}`,
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'tcp', type: 'stringArray' },
      ...(key === 'clusterip' ? [{ name: 'clusterip', type: 'string' } as FlagSpec] : []),
      ...(key === 'nodeport' ? [{ name: 'node-port', type: 'int' } as FlagSpec] : []),
      ...(key === 'externalname' ? [{ name: 'external-name', type: 'string' } as FlagSpec] : []),
    ],
    required: key === 'externalname' ? ['external-name'] : [],
    build: (_ctx, name, flags, ns) => buildService(type, name, flags, enforcedNs(ns)),
    wrap: `failed to create ${type} service:`,
  };
}

const ALIASES: Record<string, string> = { deploy: 'deployment', cj: 'cronjob', ns: 'namespace', sa: 'serviceaccount', svc: 'service' };

/** Flags that take the next word as their value, so a subcommand is not mistaken for one (`-n dev`). */
const VALUED = new Set(['-n', '--namespace', '-o', '--output', '--context', '--kubeconfig', '--image', '--tcp', '--schedule', '--from', '--port', '--replicas', '-r']);

function subcommandAt(rest: readonly string[]): number {
  return rest.findIndex((w, i) => !w.startsWith('-') && !(i > 0 && VALUED.has(rest[i - 1]!)));
}

/** Whether `kubectl create WORDS...` is one of these commands (the create dispatcher asks). */
export function isCreateWorkloadCommand(rest: readonly string[]): boolean {
  const word = rest[subcommandAt(rest)] ?? '';
  const key = ALIASES[word] ?? word;
  return key === 'service' || key in SUBCOMMANDS;
}

const SERVICE_HELP =
  'Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n' +
  '  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\n' +
  'Usage:\n  kubectl create service [flags] [options]\n\n' +
  'Use "kubectl create service <command> --help" for more information about a given command.\n' +
  'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';

/** Runs `kubectl create deployment|service|job|cronjob|namespace|serviceaccount ...`; `rest` is the words after `create`. */
export function runCreateWorkload(ctx: KubectlContext, rest: string[], out: Output): void {
  const at = subcommandAt(rest);
  let key = ALIASES[rest[at]!] ?? rest[at]!;
  let words = [...rest.slice(0, at), ...rest.slice(at + 1)];
  if (key === 'service') {
    const subAt = subcommandAt(words);
    const sub = words[subAt];
    if (sub === undefined) {
      // cobra's DefaultSubCommandRun: the help, exit 1.
      out.err(SERVICE_HELP);
      out.exitCode = 1;
      return;
    }
    if (!SERVICE_TYPES[sub]) throw createUsage('service', `unknown command "${words.filter((w) => !w.startsWith('-')).join(' ')}"`);
    key = `service ${sub}`;
    words = [...words.slice(0, subAt), ...words.slice(subAt + 1)];
  }
  const sub = SUBCOMMANDS[key]!;
  let flags: ParsedFlags;
  try {
    flags = parseFlags(words, sub.flags);
  } catch (err) {
    if (err instanceof FlagError) throw new KubectlError(`${err.message}\nSee 'kubectl create ${sub.use} --help' for usage.`);
    throw err;
  }
  if (flagBool(flags, 'help')) {
    out.out(`See the kubectl reference for "kubectl create ${sub.use}": https://kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_${sub.use.replace(' ', '_')}/\n`);
    return;
  }
  requireFlags(flags, sub.required);
  const name = nameFromArgs(flags, sub.use);
  const dryRun = dryRunOf(flags);
  const output = outputOf(flags, `create ${sub.use}`);
  if (flagBool(flags, 'save-config')) throw new KubectlError('--save-config is not simulated in Kubeplay');
  const ns = namespaceOf(flags);
  let obj: Struct;
  try {
    obj = sub.build(ctx, name, flags, ns);
  } catch (err) {
    if (err instanceof FlagError) throw new KubectlError(`${err.message}\nSee 'kubectl create ${sub.use} --help' for usage.`);
    throw err;
  }
  const wrap = sub.wrap;
  createAndPrint(ctx, obj, { dryRun, output, namespace: ns.namespace, verb: 'created', ...(wrap ? { wrap: (e: APIError) => new KubectlError(`${wrap} ${e.message}`) } : {}) }, out);
}
