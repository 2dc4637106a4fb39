/**
 * kubectl v1.31 for the commands the playground serves: one table of commands and their
 * flags, one dispatcher, cobra's messages for what it does not know.
 */
import { APIError } from '../api/errors.ts';
import { runApply } from './apply.ts';
import { isCreateDataCommand, runCreateData } from './create-data.ts';
import { isCreateWorkloadCommand, runCreateWorkload } from './create-workloads.ts';
import { Output, type KubectlContext } from './context.ts';
import { runDelete } from './delete.ts';
import { runDiff } from './diff.ts';
import { runDescribe } from './describe.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { Kubeconfig, runConfig } from './config.ts';
import { FlagError, flagBool, parseFlags, type FlagSpec, type ParsedFlags } from './flags.ts';
import { runGet } from './get.ts';
import { runApiResources, runClusterInfo, runVersion } from './info.ts';
import { execCommands } from './exec.ts';
import { exposeCommands } from './expose.ts';
import { runCommands } from './run.ts';
import { waitCommands } from './wait.ts';
import { eventsCommands } from './events.ts';
import { patchCommands } from './patch.ts';
import { runLabel } from './label.ts';
import { logsCommands } from './logs.ts';
import { nodeCommands } from './nodes.ts';
import { rolloutCommands } from './rollout.ts';
import { scaleCommands } from './scale.ts';
import { setCommands } from './set.ts';

export type Handler = (ctx: KubectlContext, flags: ParsedFlags, out: Output) => void;

export interface Command {
  flags: FlagSpec[];
  run: Handler;
}

const F = {
  filename: { name: 'filename', short: 'f', type: 'stringArray' },
  output: { name: 'output', short: 'o', type: 'string' },
  selector: { name: 'selector', short: 'l', type: 'string' },
  fieldSelector: { name: 'field-selector', type: 'string' },
  allNamespaces: { name: 'all-namespaces', short: 'A', type: 'bool' },
  dryRun: { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  all: { name: 'all', type: 'bool' },
} satisfies Record<string, FlagSpec>;

const COMMANDS: Record<string, Command> = {
  apply: { flags: [F.filename, F.output, F.dryRun, { name: 'validate', type: 'string' }, { name: 'server-side', type: 'bool' }, { name: 'force', type: 'bool' }, { name: 'recursive', short: 'R', type: 'bool' }, { name: 'field-manager', type: 'string' }], run: (c, f, o) => runApply(c, f, o, 'apply') },
  create: { flags: [F.filename, F.output, F.dryRun, { name: 'validate', type: 'string' }, { name: 'save-config', type: 'bool' }, { name: 'recursive', short: 'R', type: 'bool' }], run: runCreate },
  get: { flags: [F.output, F.selector, F.fieldSelector, F.allNamespaces, { name: 'show-labels', type: 'bool' }, { name: 'label-columns', short: 'L', type: 'stringArray' }, { name: 'no-headers', type: 'bool' }, { name: 'show-kind', type: 'bool' }, { name: 'sort-by', type: 'string' }, F.filename], run: runGet },
  describe: { flags: [F.selector, F.allNamespaces, F.filename, { name: 'show-events', type: 'bool' }], run: runDescribe },
  diff: { flags: [F.filename, F.selector, { name: 'server-side', type: 'bool' }, { name: 'field-manager', type: 'string' }, { name: 'force-conflicts', type: 'bool' }, { name: 'prune', type: 'bool' }, { name: 'prune-allowlist', type: 'stringArray' }, { name: 'recursive', short: 'R', type: 'bool' }], run: runDiff },
  delete: { flags: [F.filename, F.selector, F.fieldSelector, F.allNamespaces, F.all, { name: 'grace-period', type: 'int' }, { name: 'force', type: 'bool' }, { name: 'wait', type: 'bool' }, { name: 'now', type: 'bool' }, { name: 'timeout', type: 'string' }, { name: 'cascade', type: 'string', noOptDefault: 'background' }, { name: 'ignore-not-found', type: 'bool' }, F.dryRun], run: runDelete },
  label: { flags: [F.selector, F.all, { name: 'overwrite', type: 'bool' }, F.allNamespaces, F.output, F.dryRun], run: (c, f, o) => runLabel(c, f, o, 'labels') },
  annotate: { flags: [F.selector, F.all, { name: 'overwrite', type: 'bool' }, F.allNamespaces, F.output, F.dryRun], run: (c, f, o) => runLabel(c, f, o, 'annotations') },
  version: { flags: [F.output, { name: 'client', type: 'bool' }], run: (_c, f, o) => runVersion(f, o) },
  'cluster-info': { flags: [], run: (c, _f, o) => runClusterInfo(c, o) },
  ...rolloutCommands,
  ...scaleCommands,
  ...setCommands,
  ...nodeCommands,
  ...logsCommands,
  ...execCommands,
  ...runCommands,
  ...exposeCommands,
  ...waitCommands,
  ...eventsCommands,
  ...patchCommands,
  'api-resources': { flags: [F.output, { name: 'namespaced', type: 'string' }, { name: 'api-group', type: 'string' }, { name: 'verbs', type: 'string' }, { name: 'sort-by', type: 'string' }, { name: 'no-headers', type: 'bool' }, { name: 'cached', type: 'bool' }], run: (_c, f, o) => runApiResources(f, o) },
};

/** kubectl's own commands that the playground does not serve (yet): cobra knows them, so the message differs from an unknown command. */
const KNOWN_ELSEWHERE = ['edit', 'replace', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'kustomize', 'explain', 'autoscale', 'certificate', 'attach', 'plugin', 'completion', 'alpha'];

export function runKubectl(ctx: KubectlContext, argv: string[]): { stdout: string; stderr: string; exitCode: number } {
  const out = new Output();
  // The kubeconfig context's namespace is every command's default (-n and --namespace still win).
  const namespace = ctx.kubeconfig?.namespace;
  if (namespace && !argv.some((w) => w === '-n' || w === '--namespace' || w.startsWith('--namespace=') || /^-n./.test(w))) argv = [`--namespace=${namespace}`, ...argv];
  try {
    dispatch(ctx, argv, out);
  } catch (err) {
    if (err instanceof FlagError) {
      out.err(`error: ${err.message}\nSee 'kubectl ${firstWord(argv)} --help' for usage.\n`);
    } else if (err instanceof KubectlError || err instanceof APIError) {
      out.err(formatErrors([err]));
    } else {
      throw err;
    }
    out.exitCode = 1;
  }
  return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
}

function dispatch(ctx: KubectlContext, argv: string[], out: Output): void {
  // Global flags may come before the command (`kubectl -n kube-system get pods`).
  const commandIndex = argv.findIndex((w, i) => !w.startsWith('-') && !(i > 0 && ['-n', '--namespace'].includes(argv[i - 1]!)));
  if (commandIndex < 0) {
    out.out(USAGE);
    return;
  }
  const name = argv[commandIndex]!;
  const rest = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
  if (name === 'create' && isCreateWorkloadCommand(rest)) {
    runCreateWorkload(ctx, rest, out);
    return;
  }
  if (name === 'create' && isCreateDataCommand(rest)) {
    runCreateData(ctx, rest, out);
    return;
  }
  if (name === 'config') {
    runConfig(ctx.kubeconfig ?? new Kubeconfig(''), rest, out);
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    if (KNOWN_ELSEWHERE.includes(name)) throw new KubectlError(`Kubeplay does not run "kubectl ${name}" yet`);
    throw new KubectlError(`unknown command "${name}" for "kubectl"${suggest(name)}`);
  }
  const flags = parseFlags(rest, command.flags);
  if (flagBool(flags, 'help')) {
    out.out(`See the kubectl reference for "kubectl ${name}": https://kubernetes.io/docs/reference/kubectl/generated/kubectl_${name}/\n`);
    return;
  }
  command.run(ctx, flags, out);
}

function runCreate(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  if (flags.args.length > 0) throw new KubectlError(`Kubeplay does not run "kubectl create ${flags.args[0]}" yet`);
  runApply(ctx, flags, out, 'create');
}

function suggest(name: string): string {
  const all = [...Object.keys(COMMANDS), ...KNOWN_ELSEWHERE];
  const close = all.filter((c) => levenshtein(c, name) <= 2 || c.startsWith(name));
  return close.length > 0 ? `\n\nDid you mean this?\n${close.map((c) => `\t${c}`).join('\n')}` : '';
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

function firstWord(argv: string[]): string {
  return argv.find((w) => !w.startsWith('-')) ?? '';
}

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
