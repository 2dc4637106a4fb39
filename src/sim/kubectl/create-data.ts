/**
 * `kubectl create configmap|cm` and `kubectl create secret generic|docker-registry|tls`, as
 * kubectl v1.31 builds them (staging/src/k8s.io/kubectl/pkg/cmd/create/create_configmap.go,
 * create_secret.go, create_secret_docker.go): the object is built on the client from the flags,
 * checked key by key (`IsConfigMapKey`, duplicates), then created (`configmap/NAME created`), or
 * only printed with `--dry-run=client` (`-o yaml` shows it as the typed object marshals:
 * `creationTimestamp: null`, a namespace only when `-n` was given, a Secret's `data` in base64).
 *
 * The terminal has no local files, so every flag that reads one (`--from-file`, `--from-env-file`,
 * `secret tls --cert/--key`) fails saying so; `--append-hash` and `--save-config` are not simulated.
 */
import { encodeBase64 } from '../api/base64.ts';
import { APIError } from '../api/errors.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { isConfigMapKey } from '../validation/names.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, flagStrings, hasFlag, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { nameOf, toJSON, toYAML } from './output.ts';

const COMMON: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'validate', type: 'string', noOptDefault: 'strict' },
  { name: 'save-config', type: 'bool' },
  { name: 'append-hash', type: 'bool' },
  { name: 'field-manager', type: 'string' },
  { name: 'from-file', type: 'stringArray' },
];
const FROM: FlagSpec[] = [
  { name: 'from-literal', type: 'stringArray' },
  { name: 'from-env-file', type: 'stringArray' },
];

interface Builder {
  /** `kubectl create <use> -h`, for the usage error. */
  use: string;
  flags: FlagSpec[];
  build(name: string, flags: ParsedFlags): KubeObject;
}

const BUILDERS: Record<string, Builder> = {
  configmap: { use: 'configmap', flags: [...COMMON, ...FROM], build: buildConfigMap },
  'secret generic': { use: 'secret generic', flags: [...COMMON, ...FROM, { name: 'type', type: 'string' }], build: buildGenericSecret },
  'secret docker-registry': {
    use: 'secret docker-registry',
    flags: [...COMMON, ...['docker-username', 'docker-password', 'docker-email', 'docker-server'].map((name): FlagSpec => ({ name, type: 'string' }))],
    build: buildDockerRegistrySecret,
  },
  'secret tls': { use: 'secret tls', flags: [...COMMON, { name: 'cert', type: 'string' }, { name: 'key', type: 'string' }], build: buildTlsSecret },
};

/** Flags that take the next word as their value, so a subcommand is not mistaken for one (`-n cm`). */
const VALUED = new Set(['-n', '--namespace', '-o', '--output', '--context', '--kubeconfig']);

/** Where the subcommand is in the words after `create` (flags may come first: `create -n dev cm x`). */
function subcommandAt(rest: readonly string[]): number {
  return rest.findIndex((w, i) => !w.startsWith('-') && !(i > 0 && VALUED.has(rest[i - 1]!)));
}

/** Whether `kubectl create WORDS...` is one of these commands (the create dispatcher asks). */
export function isCreateDataCommand(rest: readonly string[]): boolean {
  return ['configmap', 'cm', 'secret'].includes(rest[subcommandAt(rest)] ?? '');
}

/** Runs `kubectl create configmap|secret ...`; `rest` is the words after `create`. */
export function runCreateData(ctx: KubectlContext, rest: string[], out: Output): void {
  const at = subcommandAt(rest);
  let key = rest[at] === 'cm' ? 'configmap' : rest[at]!;
  let words = [...rest.slice(0, at), ...rest.slice(at + 1)];
  if (key === 'secret') {
    const subAt = subcommandAt(words);
    const sub = words[subAt];
    if (sub === undefined || !BUILDERS[`secret ${sub}`]) {
      // cobra's DefaultSubCommandRun prints the help, then exits 1.
      out.err(
        'Create a secret with specified type.\n\n' +
          ' A docker-registry type secret is for accessing a container registry.\n\n' +
          ' A generic type secret indicate an Opaque secret type.\n\n' +
          ' A tls type secret holds TLS certificate and its associated key.\n\n' +
          'Available Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\n' +
          'Usage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n\n' +
          'Use "kubectl create secret <command> --help" for more information about a given command.\n' +
          'Use "kubectl options" for a list of global command-line options (applies to all commands).\n',
      );
      out.exitCode = 1;
      return;
    }
    key = `secret ${sub}`;
    words = [...words.slice(0, subAt), ...words.slice(subAt + 1)];
  }
  const builder = BUILDERS[key]!;
  const flags = parseFlags(words, builder.flags);
  if (flagBool(flags, 'help')) {
    out.out(`See the kubectl reference for "kubectl create ${builder.use}": https://kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_${builder.use.replace(' ', '_')}/\n`);
    return;
  }
  // NameFromCommandArgs: exactly one NAME before `--`.
  const dash = words.indexOf('--');
  const argsLen = dash < 0 ? flags.args.length : parseFlags(words.slice(0, dash), builder.flags).args.length;
  if (argsLen !== 1) throw new KubectlError(`exactly one NAME is required, got ${argsLen}\nSee 'kubectl create ${builder.use} -h' for help and examples`);
  const name = flags.args[0]!;
  const dryRunFlag = flagString(flags, 'dry-run', 'none');
  const dryRun = dryRunFlag === 'unchanged' ? 'client' : dryRunFlag;
  if (!['none', 'client', 'server'].includes(dryRun)) throw new KubectlError(`Invalid dry-run value (${dryRunFlag}). Must be "none", "server", or "client".`);
  const output = flagString(flags, 'output');
  if (output !== '' && !['yaml', 'json', 'name'].includes(output)) throw new KubectlError(`Kubeplay does not simulate the "-o ${output}" output of kubectl create ${builder.use}: use -o yaml, -o json or -o name`);
  for (const f of ['append-hash', 'save-config']) {
    if (flagBool(flags, f)) throw new KubectlError(`--${f} is not simulated in Kubeplay`);
  }
  if (name === '') throw new KubectlError('name must be specified');
  if (flagStrings(flags, 'from-env-file').length > 0 && (flagStrings(flags, 'from-file').length > 0 || flagStrings(flags, 'from-literal').length > 0)) {
    throw new KubectlError('from-env-file cannot be combined with from-file or from-literal');
  }
  if (key === 'secret docker-registry' && flagStrings(flags, 'from-file').length === 0 && (flagString(flags, 'docker-username') === '' || flagString(flags, 'docker-password') === '')) {
    throw new KubectlError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  for (const f of ['from-file', 'from-env-file']) {
    const source = flagStrings(flags, f)[0];
    if (source !== undefined) throw noLocalFiles(`--${f}=${source}`);
  }
  const obj = builder.build(name, flags);
  // EnforceNamespace: the namespace is in the object only when -n named it.
  const namespaceFlag = hasFlag(flags, 'namespace') ? flagString(flags, 'namespace') : undefined;
  if (namespaceFlag !== undefined) obj.metadata.namespace = namespaceFlag;
  let result = obj;
  if (dryRun !== 'client') {
    const info = preferredResourceForKind(obj.kind)!;
    const manifest = JSON.parse(JSON.stringify({ ...obj, metadata: { name, namespace: namespaceFlag ?? 'default' } })) as Record<string, unknown>;
    const ns = namespaceFlag ?? 'default';
    try {
      if (ctx.store.peek(info, ns, name)) throw new APIError('AlreadyExists', `${info.resource} "${name}" already exists`);
      result = ctx.api.create(info, manifest, 'kubectl', { dryRun: dryRun === 'server' });
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      // `failed to create configmap: %v` wraps the server's error as plain text (docker-registry: no colon).
      const what = obj.kind === 'ConfigMap' ? 'configmap:' : key === 'secret docker-registry' ? 'secret' : 'secret:';
      throw new KubectlError(`failed to create ${what} ${err.message}`);
    }
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  if (output === 'yaml') out.out(toYAML(printable(result, dryRun === 'client')));
  else if (output === 'json') out.out(toJSON(printable(result, dryRun === 'client')));
  else if (output === 'name') out.out(`${nameOf(result)}\n`);
  else out.out(`${nameOf(result)} created${suffix}\n`);
}

/** The typed object as the printer marshals it: a client-side one has `creationTimestamp: null`. */
function printable(obj: KubeObject, clientSide: boolean): unknown {
  if (!clientSide) return obj;
  const { name, namespace } = obj.metadata;
  return { ...obj, metadata: { creationTimestamp: null, name, ...(namespace ? { namespace } : {}) } };
}

function noLocalFiles(flag: string): KubectlError {
  return new KubectlError(`${flag}: the Kubeplay terminal has no local files, so kubectl cannot read one. Use --from-literal=KEY=VALUE, or apply a manifest with the data inline (kubectl apply -f - reads what you paste)`);
}

/** ParseLiteralSource (kubectl/pkg/util): split at the first `=`; a leading `=` or none is an error. */
function literals(flags: ParsedFlags): [string, string][] {
  return flagStrings(flags, 'from-literal').map((source) => {
    const eq = source.indexOf('=');
    if (eq <= 0) throw new KubectlError(`invalid literal source ${source}, expected key=value`);
    return [source.slice(0, eq), source.slice(eq + 1)];
  });
}

function buildConfigMap(name: string, flags: ParsedFlags): KubeObject {
  const data: Record<string, string> = {};
  for (const [k, v] of literals(flags)) {
    const errs = isConfigMapKey(k);
    if (errs.length > 0) throw new KubectlError(`${JSON.stringify(k)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (Object.hasOwn(data, k)) throw new KubectlError(`cannot add key ${JSON.stringify(k)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
    data[k] = v;
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...(Object.keys(data).length > 0 ? { data } : {}) } as unknown as KubeObject;
}

function secret(name: string, type: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...(Object.keys(data).length > 0 ? { data } : {}), ...(type ? { type } : {}) } as unknown as KubeObject;
}

function buildGenericSecret(name: string, flags: ParsedFlags): KubeObject {
  const data: Record<string, string> = {};
  for (const [k, v] of literals(flags)) {
    const errs = isConfigMapKey(k);
    if (errs.length > 0) throw new KubectlError(`${JSON.stringify(k)} is not valid key name for a Secret ${errs.join(';')}`);
    if (Object.hasOwn(data, k)) throw new KubectlError(`cannot add key ${k}, another key by that name already exists`);
    data[k] = encodeBase64(v);
  }
  return secret(name, flagString(flags, 'type'), data);
}

/** handleDockerCfgJSONContent: `{"auths":{SERVER:{username,password,email,auth}}}`, Go's json.Marshal (omitempty). */
function buildDockerRegistrySecret(name: string, flags: ParsedFlags): KubeObject {
  const username = flagString(flags, 'docker-username');
  const password = flagString(flags, 'docker-password');
  const email = flagString(flags, 'docker-email');
  const server = flagString(flags, 'docker-server', 'https://index.docker.io/v1/');
  const entry: Record<string, string> = { username, password, ...(email ? { email } : {}), auth: encodeBase64(`${username}:${password}`) };
  // encoding/json escapes <, > and & in strings.
  const json = JSON.stringify({ auths: { [server]: entry } }).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return secret(name, 'kubernetes.io/dockerconfigjson', { '.dockerconfigjson': encodeBase64(json) });
}

function buildTlsSecret(_name: string, flags: ParsedFlags): KubeObject {
  const cert = flagString(flags, 'cert');
  const key = flagString(flags, 'key');
  // create_secret_tls.go Validate: both paths are required before they are read.
  if (cert === '' || key === '') throw new KubectlError('key and cert must be specified');
  throw noLocalFiles(`--cert=${cert}`);
}
