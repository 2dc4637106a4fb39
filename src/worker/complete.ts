/**
 * Tab completion for the page's terminal, as kubectl's cobra completion answers bash
 * (staging/src/k8s.io/kubectl/pkg/util/completion/completion.go, v1.31): verbs, resource types
 * (`kubectl api-resources -o name`), and names read from the live cluster in the namespace the
 * line names (`-n`, else `default`). It reads a snapshot and never writes: completing records
 * nothing on the timeline and adds nothing to the recorded history.
 */
import type { ClusterSnapshot, KubeObject } from '../sim/index.ts';
import { resolveResource } from '../sim/api/resources.ts';
import { qualified } from '../sim/api/store.ts';
import { runApiResources } from '../sim/kubectl/info.ts';
import { Output } from '../sim/kubectl/context.ts';
import { USERLAND } from '../sim/runtime/userland.ts';

export interface Completion {
  /** Index in the line where the word being completed starts. */
  from: number;
  /** Whole replacements for that word, in kubectl's order. */
  candidates: string[];
  /** cobra's ShellCompDirectiveNoSpace: a `type/` candidate waits for its name, no space after it. */
  noSpace: boolean;
}

/** kubectl v1.31's subcommands (`kubectl __complete ""`), whether Kubeplay runs them or not. */
export const KUBECTL_VERBS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info',
  'completion', 'config', 'cordon', 'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events',
  'exec', 'explain', 'expose', 'get', 'help', 'kustomize', 'label', 'logs', 'options', 'patch', 'plugin', 'port-forward',
  'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

/** `kubectl rollout` subcommands, and the types they take (rollout/*.go: validArgs). */
const ROLLOUT_SUBCOMMANDS = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
const ROLLOUT_TYPES = ['deployment', 'daemonset', 'statefulset'];
/** scale.go: validArgs. */
const SCALE_TYPES = ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'];
/** get.go's -o values (the allowed formats kubectl lists). */
const OUTPUT_FORMATS = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];
/** doPodResourceCompletion: resource types that contain pods, for the `<type>/<name>` form. */
const RESOURCES_WITH_PODS = ['daemonsets', 'deployments', 'pods', 'jobs', 'replicasets', 'replicationcontrollers', 'services', 'statefulsets'];

/** Flags whose value is the next word. */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-c', '--container', '-f', '--filename', '--context', '--cluster', '--user', '--kubeconfig', '-L', '--label-columns', '--field-selector', '--sort-by', '--tail', '--since', '-s', '--server', '--template', '--grace-period', '--timeout', '--replicas', '--to-revision', '--cascade', '--dry-run']);

/** Commands a node's shell knows (the node shell's programs: coreutils, curl, kubectl, iptables, systemctl). */
function shellCommands(): string[] {
  const { httpd: _h, nc: _n, ps: _p, killall: _k, ...coreutils } = USERLAND;
  return [...Object.keys(coreutils), 'curl', 'kubectl', 'iptables', 'iptables-save', 'iptables-legacy', 'iptables-legacy-save', 'systemctl', 'clear'].sort();
}

const startsWith = (prefix: string) => (c: string) => c.startsWith(prefix);

/** `kubectl api-resources -o name`, as compGetResourceList reads it. */
function resourceList(): string[] {
  const out = new Output();
  runApiResources({ args: [], values: new Map([['output', ['name']]]) }, out);
  return out.stdout.split('\n').filter((r) => r !== '');
}

/** CompGetResource: the names of `type` in `namespace`, in `kubectl get` order. */
function names(snapshot: ClusterSnapshot, type: string, namespace: string): string[] {
  const info = resolveResource(type);
  if (!info) return [];
  const objects: KubeObject[] = snapshot.objects[qualified(info)] ?? [];
  return objects.filter((o) => !info.namespaced || (o.metadata.namespace ?? '') === namespace).map((o) => o.metadata.name);
}

/** compGetResourceList: types, the last of a comma-separated list completed. */
function resourceTypes(toComplete: string): string[] {
  const comma = toComplete.lastIndexOf(',');
  const prefix = comma < 0 ? '' : toComplete.slice(0, comma + 1);
  const suffix = comma < 0 ? toComplete : toComplete.slice(comma + 1);
  return resourceList().filter(startsWith(suffix)).map((r) => `${prefix}${r}`);
}

/** resourceTypeAndNameCompletionFunc (allowedTypes empty: every type). */
function typeAndName(snapshot: ClusterSnapshot, ns: string, args: string[], toComplete: string, allowedTypes: string[] | null, allowRepeat: boolean): { comps: string[]; noSpace: boolean } {
  if (args.length > 0 && !args[0]!.includes('/')) {
    if (!allowRepeat && args.length > 1) return { comps: [], noSpace: false };
    const given = new Set(args.slice(1));
    return { comps: names(snapshot, args[0]!, ns).filter(startsWith(toComplete)).filter((n) => !given.has(n)), noSpace: false };
  }
  const slash = toComplete.indexOf('/');
  if (slash < 0) {
    const types = allowedTypes ? allowedTypes.filter(startsWith(toComplete)) : resourceTypes(toComplete);
    if (args.length === 0) return { comps: types, noSpace: false };
    return allowRepeat ? { comps: types.map((t) => `${t}/`), noSpace: true } : { comps: [], noSpace: false };
  }
  if (!allowRepeat && args.length > 0) return { comps: [], noSpace: false };
  const type = toComplete.slice(0, slash);
  const given = new Set(args);
  const comps = names(snapshot, type, ns)
    .filter(startsWith(toComplete.slice(slash + 1)))
    .map((n) => `${type}/${n}`)
    .filter((c) => !given.has(c));
  return { comps, noSpace: false };
}

/** doPodResourceCompletion: pod names, and `type/` for the types that hold pods. */
function podResource(snapshot: ClusterSnapshot, ns: string, toComplete: string): { comps: string[]; noSpace: boolean } {
  const slash = toComplete.indexOf('/');
  if (slash >= 0) {
    const type = toComplete.slice(0, slash);
    return { comps: names(snapshot, type, ns).filter(startsWith(toComplete.slice(slash + 1))).map((n) => `${type}/${n}`), noSpace: false };
  }
  const pods = names(snapshot, 'pods', ns).filter(startsWith(toComplete));
  return { comps: [...pods, ...RESOURCES_WITH_PODS.filter(startsWith(toComplete)).map((r) => `${r}/`)], noSpace: pods.length === 0 };
}

/** The containers of a pod (CompGetContainers: init containers first). */
function containers(snapshot: ClusterSnapshot, ns: string, pod: string): string[] {
  const p = (snapshot.objects['pods'] ?? []).find((o) => o.metadata.namespace === ns && o.metadata.name === pod);
  if (!p) return [];
  return [...(p.spec?.initContainers ?? []), ...(p.spec?.containers ?? [])].map((c: { name: string }) => c.name);
}

/** Completions for the last word of `line` (the text before the cursor). */
export function complete(line: string, snapshot: ClusterSnapshot): Completion {
  // Complete within the last simple command of a list or pipeline.
  const segmentStart = Math.max(...['|', ';', '&'].map((op) => line.lastIndexOf(op))) + 1;
  const segment = line.slice(segmentStart);
  const wordStart = segmentStart + Math.max(segment.lastIndexOf(' '), segment.lastIndexOf('\t')) + 1;
  const toComplete = line.slice(wordStart);
  const words = line.slice(segmentStart, wordStart).split(/\s+/).filter((w) => w !== '');
  const done = (candidates: string[], noSpace = false): Completion => ({ from: wordStart, candidates: [...new Set(candidates)], noSpace });

  if (words.length === 0) return done(shellCommands().filter(startsWith(toComplete)));
  if (words[0] !== 'kubectl') return done([]);

  // The words after `kubectl`: flags (and their values) apart from the positional arguments.
  let namespace = 'default';
  const positional: string[] = [];
  const rest = words.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === '-n' || w === '--namespace') namespace = rest[i + 1] ?? namespace;
    else if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    if (w.startsWith('-')) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    positional.push(w);
  }
  const previous = rest[rest.length - 1];
  if (previous === '-n' || previous === '--namespace') return done(names(snapshot, 'namespaces', '').filter(startsWith(toComplete)));
  if (previous === '-o' || previous === '--output') return done(OUTPUT_FORMATS.filter(startsWith(toComplete)));
  if (previous !== undefined && VALUE_FLAGS.has(previous)) return done([]);
  // Flags themselves: cobra would list them; Kubeplay completes arguments only.
  if (toComplete.startsWith('-')) return done([]);

  const [verb, ...args] = positional;
  if (verb === undefined) return done(KUBECTL_VERBS.filter(startsWith(toComplete)));
  let result: { comps: string[]; noSpace: boolean };
  switch (verb) {
    case 'get':
    case 'describe':
    case 'delete':
    case 'label':
    case 'annotate':
    case 'edit':
      result = typeAndName(snapshot, namespace, args, toComplete, null, true);
      break;
    case 'explain':
      result = { comps: args.length === 0 ? resourceTypes(toComplete) : [], noSpace: false };
      break;
    case 'logs':
    case 'attach':
    case 'port-forward':
      result = args.length === 0 ? podResource(snapshot, namespace, toComplete) : { comps: args.length === 1 && verb === 'logs' ? containers(snapshot, namespace, args[0]!).filter(startsWith(toComplete)) : [], noSpace: false };
      break;
    case 'exec':
      result = args.length === 0 ? podResource(snapshot, namespace, toComplete) : { comps: [], noSpace: false };
      break;
    case 'cordon':
    case 'uncordon':
    case 'drain':
      result = { comps: args.length === 0 ? names(snapshot, 'nodes', '').filter(startsWith(toComplete)) : [], noSpace: false };
      break;
    case 'taint':
      result = typeAndName(snapshot, namespace, args, toComplete, ['node'], true);
      break;
    case 'scale':
      result = typeAndName(snapshot, namespace, args, toComplete, SCALE_TYPES, false);
      break;
    case 'rollout':
      result = args.length === 0 ? { comps: ROLLOUT_SUBCOMMANDS.filter(startsWith(toComplete)), noSpace: false } : typeAndName(snapshot, namespace, args.slice(1), toComplete, ROLLOUT_TYPES, true);
      break;
    default:
      result = { comps: [], noSpace: false };
  }
  return done(result.comps, result.noSpace);
}
