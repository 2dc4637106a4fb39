/**
 * `kubectl logs`: kubectl's half (staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go and
 * polymorphichelpers/logsforobject.go, v1.31), the API server's (pkg/registry/core/pod/strategy.go
 * LogLocation) and the kubelet's (pkg/kubelet/kubelet_pods.go validateContainerLogStatus), over
 * the containers kubectl reaches through `ctx.containers`.
 */
import { APIError, notFound } from '../api/errors.ts';
import { preferredResourceForKind, resolveResource } from '../api/resources.ts';
import { fromLabelSelector, type Selector } from '../api/selector.ts';
import { qualified } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { EPOCH_MS, formatRFC3339, parseRFC3339 } from '../kernel/time.ts';
import type { ContainerAccess } from './containers.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type FlagSpec, type ParsedFlags } from './flags.ts';
import { parseSelectorFlag } from './get.ts';
import type { Command } from './index.ts';

const PODS = preferredResourceForKind('Pod')!;
/** `--pod-running-timeout`'s default for logs and exec (defaultPodLogsTimeout, 20s). */
const POD_TIMEOUT_MS = 20_000;
/** How long `-f` follows a container that keeps running (virtual time); real kubectl follows until ^C. */
export const FOLLOW_LIMIT_MS = 5 * 60_000;
/** logs.go `selectorTail`: with `-l` and no `--tail`, the last 10 lines of each container. */
const SELECTOR_TAIL = 10;
/** podcmd.DefaultContainerAnnotationName. */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
const LOGS_USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

interface ContainerSpec {
  name: string;
}
interface ContainerStatus {
  name: string;
  containerID?: string;
  state?: { running?: { startedAt?: string }; waiting?: { reason?: string }; terminated?: { containerID?: string; startedAt?: string } };
  lastState?: { terminated?: { containerID?: string; startedAt?: string } };
}

export function usageError(message: string, command: string): KubectlError {
  return new KubectlError(`${message}\nSee 'kubectl ${command} -h' for help and examples`);
}

export function needContainers(ctx: KubectlContext): ContainerAccess {
  if (!ctx.containers) throw new KubectlError('Kubeplay has no container runtime attached to this kubectl');
  return ctx.containers;
}

// ---- pods behind an object (polymorphichelpers) ----------------------------------------------

/** SelectorsForObject: the label selector of a workload or Service, in its namespace. */
function selectorFor(obj: KubeObject): Selector {
  const spec = obj.spec as { selector?: unknown } | undefined;
  switch (obj.kind) {
    case 'Service':
    case 'ReplicationController':
      return fromLabelSelector({ matchLabels: (spec?.selector ?? {}) as Record<string, string> });
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return fromLabelSelector(spec?.selector as Parameters<typeof fromLabelSelector>[0]);
    default:
      throw new KubectlError(`selector for *v1.${obj.kind} not implemented`);
  }
}

function ready(pod: KubeObject): { ready: boolean; sinceMs: number | undefined } {
  const c = (pod.status?.conditions as { type: string; status: string; lastTransitionTime?: string }[] | undefined)?.find((x) => x.type === 'Ready');
  const isReady = c?.status === 'True';
  return { ready: isReady, sinceMs: isReady && c?.lastTransitionTime ? parseRFC3339(c.lastTransitionTime) : undefined };
}

function maxRestarts(pod: KubeObject): number {
  return Math.max(0, ...((pod.status?.containerStatuses ?? []) as { restartCount?: number }[]).map((s) => s.restartCount ?? 0));
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

/**
 * podutils.ByLogging (logs) and sort.Reverse(podutils.ActivePods) (exec, attach): scheduled
 * first, Running, Ready, ready the longest; then logs prefers more restarts and exec fewer;
 * then the oldest.
 */
export function pickPod(pods: readonly KubeObject[], order: 'logging' | 'active'): KubeObject | undefined {
  const created = (p: KubeObject) => parseRFC3339(p.metadata.creationTimestamp ?? '') ?? 0;
  const cmp = (a: KubeObject, b: KubeObject): number => {
    const an = !!a.spec?.nodeName;
    const bn = !!b.spec?.nodeName;
    if (an !== bn) return an ? -1 : 1;
    const ap = PHASE_RANK[a.status?.phase as string] ?? 0;
    const bp = PHASE_RANK[b.status?.phase as string] ?? 0;
    if (ap !== bp) return ap - bp;
    const ar = ready(a);
    const br = ready(b);
    if (ar.ready !== br.ready) return ar.ready ? -1 : 1;
    if (ar.ready && br.ready && ar.sinceMs !== br.sinceMs) return (ar.sinceMs ?? Infinity) - (br.sinceMs ?? Infinity);
    if (maxRestarts(a) !== maxRestarts(b)) return order === 'logging' ? maxRestarts(b) - maxRestarts(a) : maxRestarts(a) - maxRestarts(b);
    if (created(a) !== created(b)) return created(a) - created(b);
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  };
  return [...pods].sort(cmp)[0];
}

/**
 * The pod an argument names: `NAME` is a pod; `TYPE/NAME` is that object's first pod
 * (GetFirstPod waits up to --pod-running-timeout for one to exist). `notFoundInNamespace`
 * is logs' wording of a missing object (logs.go Complete wraps the NotFound error).
 */
export function resolvePod(ctx: KubectlContext, arg: string, namespace: string, order: 'logging' | 'active', out: Output, notFoundInNamespace: boolean): KubeObject {
  const slash = arg.indexOf('/');
  const info = slash < 0 ? PODS : resolveResource(arg.slice(0, slash));
  const name = slash < 0 ? arg : arg.slice(slash + 1);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${arg.slice(0, slash)}"`);
  const obj = ctx.store.get(info, info.namespaced ? namespace : undefined, name);
  if (!obj) {
    const err = notFound(qualified(info), name);
    if (notFoundInNamespace) throw new KubectlError(`error from server (NotFound): ${err.message} in namespace "${namespace}"`);
    throw err;
  }
  if (obj.kind === 'Pod') return obj;
  const selector = selectorFor(obj);
  const deadline = ctx.kernel.nowMs + POD_TIMEOUT_MS;
  for (;;) {
    const pods = ctx.store.list(PODS, namespace, selector) as KubeObject[];
    const pod = pickPod(pods, order);
    if (pod) {
      if (order === 'logging' && pods.length > 1) out.err(`Found ${pods.length} pods, using pod/${pod.metadata.name}\n`);
      return ctx.store.get(PODS, namespace, pod.metadata.name)!;
    }
    const next = ctx.kernel.agenda.peekTime();
    if (next === undefined || next > deadline) throw new KubectlError('timed out waiting for the condition');
    ctx.kernel.advanceMs(Math.max(0, next - ctx.kernel.nowMs));
  }
}

function containersOf(pod: KubeObject): ContainerSpec[] {
  return (pod.spec?.containers ?? []) as ContainerSpec[];
}

function initContainersOf(pod: KubeObject): ContainerSpec[] {
  return (pod.spec?.initContainers ?? []) as ContainerSpec[];
}

/** podcmd.AllContainerNames: `a, b, init (init)`. */
export function allContainerNames(pod: KubeObject): string {
  return [...containersOf(pod).map((c) => c.name), ...initContainersOf(pod).map((c) => `${c.name} (init)`)].join(', ');
}

export function hasContainer(pod: KubeObject, name: string): boolean {
  return [...containersOf(pod), ...initContainersOf(pod)].some((c) => c.name === name);
}

/** podcmd.FindOrDefaultContainerByName without a name: the annotation's container, else the first (and say so). */
export function defaultContainer(pod: KubeObject, out: Output, quiet: boolean): string {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && hasContainer(pod, annotated)) return annotated;
  const first = containersOf(pod)[0]!.name;
  if (!quiet && (containersOf(pod).length > 1 || initContainersOf(pod).length > 0)) out.err(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}

export function containerStatus(pod: KubeObject, name: string): ContainerStatus | undefined {
  const all = [...((pod.status?.containerStatuses ?? []) as ContainerStatus[]), ...((pod.status?.initContainerStatuses ?? []) as ContainerStatus[])];
  return all.find((s) => s.name === name);
}

// ---- the kubelet's side ---------------------------------------------------------------------

const badRequest = (message: string) => new APIError('BadRequest', message);

/** validateContainerLogStatus: which instance's log a request reads, or the kubelet's error. */
function logContainerID(pod: KubeObject, name: string, previous: boolean): string {
  const podName = pod.metadata.name;
  const s = containerStatus(pod, name);
  if (!s) throw badRequest(`container "${name}" in pod "${podName}" is not available`);
  const last = s.lastState?.terminated;
  const state = s.state ?? {};
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return last.containerID;
  }
  if (state.running) return s.containerID ?? '';
  if (state.terminated) {
    if (state.terminated.containerID) return state.terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    return last.containerID;
  }
  if (state.waiting) {
    const reason = state.waiting.reason ?? '';
    if (reason === 'ErrImagePull') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
    if (reason === 'ImagePullBackOff') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
    throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  throw badRequest(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}

function startedAtOf(pod: KubeObject, name: string, containerID: string): string {
  const s = containerStatus(pod, name);
  const at = s?.state?.running?.startedAt ?? (s?.state?.terminated?.containerID === containerID ? s.state.terminated.startedAt : s?.lastState?.terminated?.startedAt);
  return at ?? formatRFC3339(EPOCH_MS);
}

function runningAs(ctx: KubectlContext, pod: KubeObject, name: string, containerID: string): boolean {
  const now = ctx.store.peek(PODS, pod.metadata.namespace, pod.metadata.name) as KubeObject | undefined;
  if (!now || now.metadata.uid !== pod.metadata.uid) return false;
  const s = containerStatus(now, name);
  return !!s?.state?.running && s.containerID === containerID;
}

function lastLines(text: string, n: number | undefined): string {
  if (n === undefined || n < 0) return text;
  if (n === 0) return '';
  const lines = text.split(/(?<=\n)/);
  return lines.slice(Math.max(0, lines.length - n)).join('');
}

interface LogOptions {
  previous: boolean;
  follow: boolean;
  tail: number | undefined;
  timestamps: boolean;
  prefix: boolean;
}

/** One container's log, as the kubelet streams it. */
function containerLog(ctx: KubectlContext, pod: KubeObject, name: string, opts: LogOptions): string {
  // LogLocation: a pod not yet on a node has no kubelet to ask, and the answer is empty.
  if (!pod.spec?.nodeName) return '';
  const node = pod.spec.nodeName as string;
  const containerID = logContainerID(pod, name, opts.previous);
  const containers = needContainers(ctx);
  const initial = containers.logs(node, containerID) ?? '';
  let text = lastLines(initial, opts.tail);
  if (opts.follow && !opts.previous) {
    const deadline = ctx.kernel.nowMs + FOLLOW_LIMIT_MS;
    while (runningAs(ctx, pod, name, containerID) && ctx.kernel.nowMs < deadline) {
      const next = ctx.kernel.agenda.peekTime();
      if (next === undefined) break;
      ctx.kernel.advanceMs(Math.min(Math.max(0, next - ctx.kernel.nowMs), deadline - ctx.kernel.nowMs));
    }
    const final = containers.logs(node, containerID) ?? initial;
    text += final.startsWith(initial) ? final.slice(initial.length) : '';
  }
  // The runtime keeps no per-line times: every line carries the instance's start time.
  const stamp = opts.timestamps ? `${startedAtOf(pod, name, containerID)} ` : '';
  const prefix = opts.prefix ? `[pod/${pod.metadata.name}/${name}] ` : '';
  if (!stamp && !prefix) return text;
  return text.split(/(?<=\n)/).filter((l) => l !== '').map((l) => `${prefix}${stamp}${l}`).join('');
}

/** logsForObjectWithClient for one pod: its containers' logs in order, or the chosen container's. */
function podLogs(ctx: KubectlContext, pod: KubeObject, container: string | undefined, allContainers: boolean, opts: LogOptions, out: Output): void {
  if (allContainers) {
    for (const c of [...initContainersOf(pod), ...containersOf(pod)]) out.out(containerLog(ctx, pod, c.name, opts));
    return;
  }
  let name = container;
  if (!name) {
    const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    if (annotated && !hasContainer(pod, annotated)) out.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
    name = defaultContainer(pod, out, false);
  }
  if (!hasContainer(pod, name)) throw new KubectlError(`container ${name} is not valid for pod ${pod.metadata.name}`);
  out.out(containerLog(ctx, pod, name, opts));
}

export function runLogs(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const namespace = flagString(flags, 'namespace', 'default');
  const selector = parseSelectorFlag(flags);
  const args = flags.args;
  let container = hasFlag(flags, 'container') ? flagString(flags, 'container') : '';
  if (args.length === 0 && !selector) throw usageError(`error: ${LOGS_USAGE}`, 'logs');
  if (args.length === 1 && selector) throw usageError('error: only a selector (-l) or a POD name is allowed', 'logs');
  if (args.length > 2) throw usageError(`error: ${LOGS_USAGE}`, 'logs');
  if (args.length === 2) container = args[1]!;
  const allContainers = flagBool(flags, 'all-containers');
  if (allContainers && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`);
  if (hasFlag(flags, 'container') && args.length === 2) throw new KubectlError('only one of -c or an inline [CONTAINER] arg is allowed');
  const tailFlag = hasFlag(flags, 'tail') ? Number(flagString(flags, 'tail')) : -1;
  if (tailFlag < -1) throw new KubectlError('--tail must be greater than or equal to -1');
  const opts: LogOptions = {
    previous: flagBool(flags, 'previous'),
    follow: flagBool(flags, 'follow'),
    tail: selector && !hasFlag(flags, 'tail') ? SELECTOR_TAIL : tailFlag,
    timestamps: flagBool(flags, 'timestamps'),
    prefix: flagBool(flags, 'prefix'),
  };
  if (selector) {
    const pods = ctx.store.list(PODS, namespace, selector) as KubeObject[];
    if (pods.length === 0) {
      out.err(`No resources found in ${namespace} namespace.\n`);
      return;
    }
    const maxRequests = hasFlag(flags, 'max-log-requests') ? Number(flagString(flags, 'max-log-requests')) : 5;
    const streams = allContainers ? pods.reduce((n, p) => n + containersOf(p).length + initContainersOf(p).length, 0) : pods.length;
    if (opts.follow && streams > 1 && streams > maxRequests) {
      throw new KubectlError(`you are attempting to follow ${streams} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`);
    }
    for (const pod of pods) podLogs(ctx, pod, container || undefined, allContainers, opts, out);
    return;
  }
  const pod = resolvePod(ctx, args[0]!, namespace, 'logging', out, true);
  podLogs(ctx, pod, container || undefined, allContainers, opts, out);
}

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'previous', short: 'p', type: 'bool' },
  { name: 'follow', short: 'f', type: 'bool' },
  { name: 'tail', type: 'int' },
  { name: 'timestamps', type: 'bool' },
  { name: 'all-containers', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'prefix', type: 'bool' },
  { name: 'max-log-requests', type: 'int' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'ignore-errors', type: 'bool' },
];

export const logsCommands: Record<string, Command> = {
  logs: { flags: FLAGS, run: runLogs },
};
