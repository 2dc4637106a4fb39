/**
 * `kubectl cordon`, `uncordon`, `drain` and `taint` (kubectl v1.31:
 * staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go, pkg/drain/{drain,filters,cordon}.go,
 * pkg/cmd/taint/{taint,utils}.go).
 *
 * drain evicts through the Eviction subresource (controllers/disruption/eviction.ts): a
 * PodDisruptionBudget without room refuses with 429, which drain retries every 5 s of virtual
 * time; an evicted pod is polled every second until it is gone (`pod/x evicted`).
 */
import { APIError, notFound } from '../api/errors.ts';
import { matches, parseSelector, SelectorParseError } from '../api/selector.ts';
import { preferredResourceForKind, resolveResource } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { evictPod } from '../controllers/disruption/eviction.ts';
import { EPOCH_MS, parseRFC3339 } from '../kernel/time.ts';
import { isQualifiedName, isValidLabelValue } from '../validation/names.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type FlagSpec, type ParsedFlags } from './flags.ts';
import { parseSelectorFlag } from './get.ts';
import type { Command } from './index.ts';

const NODES = preferredResourceForKind('Node')!;
const PODS = preferredResourceForKind('Pod')!;
const DAEMONSETS = preferredResourceForKind('DaemonSet')!;
const ACTOR = 'kubectl';
/** drain's wait for evicted pods is unbounded by default; the playground stops after this much virtual time. */
const DRAIN_WAIT_LIMIT_MS = 60 * 60 * 1000;
const POLL_MS = 1000;
/** drain.go: a 429 from the eviction is retried after 5 s. */
const EVICTION_RETRY_MS = 5000;

const SELECTOR: FlagSpec = { name: 'selector', short: 'l', type: 'string' };
const DRY_RUN: FlagSpec = { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' };

// ---- cordon / uncordon ----------------------------------------------------------------------

function usage(use: string): KubectlError {
  return new KubectlError(`USAGE: ${use} [flags]\nSee 'kubectl ${use.split(' ')[0]} -h' for help and examples`);
}

/** The nodes named (or selected with -l) as the drain command's builder resolves them. */
function targetNodes(ctx: KubectlContext, flags: ParsedFlags, use: string): KubeObject[] {
  const selector = parseSelectorFlag(flags);
  if (flags.args.length === 0 && !selector) throw usage(use);
  if (flags.args.length > 0 && selector) throw new KubectlError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${use.split(' ')[0]} -h' for help and examples`);
  if (selector) return ctx.store.list(NODES, undefined, selector).map((n) => ctx.store.get(NODES, undefined, n.metadata.name)!);
  return flags.args.map((name) => {
    const node = ctx.store.get(NODES, undefined, name);
    if (!node) throw notFound('nodes', name);
    return node;
  });
}

function dryRunSuffix(flags: ParsedFlags): string {
  const v = flagString(flags, 'dry-run', 'none');
  return v === 'client' || v === 'unchanged' ? ' (dry run)' : v === 'server' ? ' (server dry run)' : '';
}

/** RunCordonOrUncordon: sets spec.unschedulable, or says it already is. */
function cordonOrUncordon(ctx: KubectlContext, nodes: KubeObject[], desired: boolean, flags: ParsedFlags, out: Output): void {
  const suffix = dryRunSuffix(flags);
  for (const node of nodes) {
    const current = ctx.store.get(NODES, undefined, node.metadata.name) ?? node;
    if (Boolean(current.spec?.unschedulable) === desired) {
      out.out(`node/${node.metadata.name} ${desired ? 'already cordoned' : 'already uncordoned'}${suffix}\n`);
      continue;
    }
    if (!suffix) {
      current.spec = { ...current.spec };
      // The patch sets `unschedulable: true`, or drops the field (omitempty) for false.
      if (desired) current.spec.unschedulable = true;
      else delete current.spec.unschedulable;
      ctx.api.update(NODES, current, ACTOR);
      ctx.kernel.settle();
    }
    out.out(`node/${node.metadata.name} ${desired ? 'cordoned' : 'uncordoned'}${suffix}\n`);
  }
}

// ---- drain ----------------------------------------------------------------------------------

/** pkg/drain/filters.go (v1.31). */
const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
// v1.30 (PR #120159) put "cannot delete" into this message while errors() still prefixed every
// message with it, so v1.30–v1.32 print "cannot delete cannot delete Pods that declare no controller".
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  gracePeriodSeconds: number;
  timeoutMs: number;
  podSelector: string;
  /** --disable-eviction: plain DELETE, no DisruptionTarget condition (and no PDB check). */
  disableEviction: boolean;
  /** --skip-wait-for-delete-timeout: pods deleted longer ago than this are not waited for. */
  skipWaitSeconds: number;
}

type PodDeleteStatus = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };

/** shouldSkipPod: deleted more than `seconds` ago (only when seconds > 0). */
function shouldSkipPod(ctx: KubectlContext, pod: Readonly<KubeObject>, seconds: number): boolean {
  const ts = pod.metadata.deletionTimestamp;
  const unix = ts ? parseRFC3339(ts) : undefined;
  return seconds > 0 && unix !== undefined && Math.floor((EPOCH_MS + ctx.kernel.nowMs - unix) / 1000) > seconds;
}

function isFinished(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function controllerOf(pod: KubeObject): { kind: string; name: string } | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r) => r.controller);
}

/** makeFilters: skipDeleted, daemonSet, mirrorPod, localStorage, unreplicated; the first non-delete ends the chain. */
function filterPod(ctx: KubectlContext, pod: KubeObject, o: DrainOptions): PodDeleteStatus {
  const okay: PodDeleteStatus = { delete: true, reason: 'Okay' };
  const filters: (() => PodDeleteStatus)[] = [
    () => (shouldSkipPod(ctx, pod, o.skipWaitSeconds) ? { delete: false, reason: 'Skip' } : okay),
    () => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'DaemonSet' || isFinished(pod)) return okay;
      if (!ctx.store.peek(DAEMONSETS, pod.metadata.namespace, ref.name)) {
        const message = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? { delete: true, reason: 'Warning', message } : { delete: false, reason: 'Error', message };
      }
      return o.ignoreDaemonSets ? { delete: false, reason: 'Warning', message: DAEMONSET_WARNING } : { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
    },
    () => (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { delete: false, reason: 'Skip' } : okay),
    () => {
      if (!(pod.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir) || isFinished(pod)) return okay;
      return o.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    },
    () => {
      if (isFinished(pod) || controllerOf(pod)) return okay;
      return o.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let status = okay;
  for (const f of filters) {
    status = f();
    if (!status.delete) break;
  }
  return status;
}

/** GetPodsForDeletion: the pods to evict, the warnings line, and the errors (one per message). */
function podsForDeletion(ctx: KubectlContext, nodeName: string, o: DrainOptions): { pods: KubeObject[]; warnings: string; errors: string[] } {
  const selector = o.podSelector ? parseSelector(o.podSelector) : undefined;
  const items = ctx.store
    .list(PODS)
    .filter((p) => p.spec?.nodeName === nodeName && (!selector || matches(selector, p.metadata.labels)))
    .map((p) => ({ pod: p as KubeObject, status: filterPod(ctx, p as KubeObject, o) }));
  const group = (reason: PodDeleteStatus['reason']) => {
    const by = new Map<string, string[]>();
    for (const { pod, status } of items) if (status.reason === reason) by.set(status.message ?? '', [...(by.get(status.message ?? '') ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
    return [...by];
  };
  const warnings = group('Warning').map(([m, pods]) => `${m}: ${pods.join(', ')}`).join('; ');
  const errors = group('Error').map(([m, pods]) => `cannot delete ${m || 'unexpected error'}: ${pods.join(', ')}`);
  return { pods: items.filter((i) => i.status.delete).map((i) => i.pod), warnings, errors };
}

interface PodWork {
  pod: KubeObject;
  /** Evicting (retrying after 429s), then waiting for the Pod to be gone. */
  phase: 'evict' | 'wait';
  /** Virtual ms of this pod's next step. */
  atMs: number;
}

/**
 * evictPods + waitForDelete (pkg/drain/drain.go v1.31): one goroutine per pod, which prints
 * `evicting pod`, checks the global timeout, posts the eviction, retries a 429 after 5 s, then
 * polls every second (first at once) until the pod is gone. Here the goroutines are steps in
 * virtual time, taken in pod order at equal instants. Returns the errors (none when drained).
 */
function evictAndWait(ctx: KubectlContext, pods: KubeObject[], o: DrainOptions, out: Output): string[] {
  const startMs = ctx.kernel.nowMs;
  const timeoutText = formatGoDuration(o.timeoutMs);
  const timedOut = (): boolean => o.timeoutMs > 0 && ctx.kernel.nowMs - startMs >= o.timeoutMs;
  const errors: string[] = [];
  let work: PodWork[] = [];
  for (const pod of pods) {
    if (!o.disableEviction) {
      work.push({ pod, phase: 'evict', atMs: startMs });
      continue;
    }
    if (!ctx.store.peek(PODS, pod.metadata.namespace, pod.metadata.name)) continue;
    ctx.api.delete(PODS, pod.metadata.namespace, pod.metadata.name, ACTOR, o.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: o.gracePeriodSeconds } : {});
    work.push({ pod, phase: 'wait', atMs: startMs });
  }
  while (work.length > 0) {
    const nextMs = Math.min(...work.map((w) => w.atMs));
    if (nextMs > ctx.kernel.nowMs) ctx.kernel.advanceMs(nextMs - ctx.kernel.nowMs);
    ctx.kernel.settle();
    const due = work.filter((w) => w.atMs === nextMs);
    for (const w of due) {
      const done = w.phase === 'evict' ? evictStep(ctx, w, o, timedOut, timeoutText, out) : waitStep(ctx, w, o, timedOut, timeoutText, out);
      if (done === undefined) continue;
      work = work.filter((x) => x !== w);
      if (done) errors.push(done);
    }
    if (work.length > 0 && ctx.kernel.nowMs - startMs >= DRAIN_WAIT_LIMIT_MS) {
      throw new KubectlError(`kubeplay: drain still waiting for ${work.map((w) => `${w.pod.metadata.namespace}/${w.pod.metadata.name}`).join(', ')} after ${formatGoDuration(ctx.kernel.nowMs - startMs)} of virtual time; stopped waiting (kubectl would wait on; use --timeout)`);
    }
  }
  return errors;
}

/** One turn of the eviction loop: undefined to go on, '' when done, else the pod's error. */
function evictStep(ctx: KubectlContext, w: PodWork, o: DrainOptions, timedOut: () => boolean, timeoutText: string, out: Output): string | undefined {
  const { namespace, name } = w.pod.metadata;
  out.out(`evicting pod ${namespace}/${name}\n`);
  if (timedOut()) return `error when evicting pods/"${name}" -n "${namespace}": global timeout reached: ${timeoutText}`;
  const result = evictPod(ctx, namespace!, name, o.gracePeriodSeconds, ACTOR);
  ctx.kernel.settle();
  if (result.code === 201) {
    w.phase = 'wait';
    return waitStep(ctx, w, o, timedOut, timeoutText, out);
  }
  if (result.code === 404) return '';
  if (result.code === 429) {
    out.err(`error when evicting pods/"${name}" -n "${namespace}" (will retry after 5s): ${result.message}\n`);
    w.atMs = ctx.kernel.nowMs + EVICTION_RETRY_MS;
    return undefined;
  }
  return `error when evicting pods/"${name}" -n "${namespace}": ${result.message}`;
}

/** One poll of waitForDelete: undefined to poll again in a second, '' when gone or skipped, else the error. */
function waitStep(ctx: KubectlContext, w: PodWork, o: DrainOptions, timedOut: () => boolean, timeoutText: string, out: Output): string | undefined {
  const p = w.pod;
  const now = ctx.store.peek(PODS, p.metadata.namespace, p.metadata.name);
  if (!now || now.metadata.uid !== p.metadata.uid) {
    out.out(`pod/${p.metadata.name} ${o.disableEviction ? 'deleted' : 'evicted'}\n`);
    return '';
  }
  if (shouldSkipPod(ctx, now, o.skipWaitSeconds)) {
    out.out(`pod "${p.metadata.name}" has DeletionTimestamp older than ${o.skipWaitSeconds} seconds, skipping\n`);
    return '';
  }
  if (timedOut()) return `error when waiting for pod "${p.metadata.name}" terminating: global timeout reached: ${timeoutText}`;
  w.atMs = ctx.kernel.nowMs + POLL_MS;
  return undefined;
}

function runDrain(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  if (hasFlag(flags, 'delete-local-data')) out.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
  const podSelector = flagString(flags, 'pod-selector');
  if (podSelector) {
    try {
      parseSelector(podSelector);
    } catch (err) {
      if (err instanceof SelectorParseError) throw new KubectlError('--pod-selector=<pod_selector> must be a valid label selector');
      throw err;
    }
  }
  const o: DrainOptions = {
    force: flagBool(flags, 'force'),
    ignoreDaemonSets: flagBool(flags, 'ignore-daemonsets'),
    deleteEmptyDirData: flagBool(flags, 'delete-emptydir-data') || flagBool(flags, 'delete-local-data'),
    gracePeriodSeconds: Number(flagString(flags, 'grace-period', '-1')),
    timeoutMs: parseGoDuration(flagString(flags, 'timeout', '0s'), 'timeout'),
    podSelector,
    disableEviction: flagBool(flags, 'disable-eviction'),
    skipWaitSeconds: Number(flagString(flags, 'skip-wait-for-delete-timeout', '0')),
  };
  const nodes = targetNodes(ctx, flags, 'drain NODE');
  cordonOrUncordon(ctx, nodes, true, flags, out);
  const suffix = dryRunSuffix(flags);
  const drained = new Set<string>();
  for (const node of nodes) {
    const name = node.metadata.name;
    const error = drainNode(ctx, name, o, suffix, out);
    if (error === undefined) {
      drained.add(name);
      out.out(`node/${name} drained${suffix}\n`);
      continue;
    }
    // RunDrain (v1.31): report, list the nodes not drained, and fail with the error.
    out.err(`error: unable to drain node "${name}" due to error: ${error.text}, continuing command...\n`);
    out.err('There are pending nodes to be drained:\n');
    out.err(` ${name}\n`);
    out.err(error.lines.map((l) => `${l}\n`).join(''));
    out.exitCode = 1;
    return;
  }
}

/** deleteOrEvictPodsSimple: undefined when drained, else the error as RunDrain prints it. */
function drainNode(ctx: KubectlContext, name: string, o: DrainOptions, suffix: string, out: Output): { text: string; lines: string[] } | undefined {
  const list = podsForDeletion(ctx, name, o);
  if (list.errors.length > 0) return { text: list.errors.length === 1 ? list.errors[0]! : `[${list.errors.join(', ')}]`, lines: list.errors };
  if (list.warnings) out.err(`Warning: ${list.warnings}\n`);
  if (suffix) {
    for (const pod of list.pods) out.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${suffix}\n`);
    return undefined;
  }
  if (list.pods.length === 0) return undefined;
  const errors = evictAndWait(ctx, list.pods, o, out);
  if (errors.length === 0) return undefined;
  // utilerrors.NewAggregate: one error prints as itself, several as `[a, b]`; CheckErr prints one per line.
  const unique = [...new Set(errors)];
  const error = unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
  const still = podsForDeletion(ctx, name, o).pods;
  if (still.length > 0) {
    out.err(`There are pending pods in node "${name}" when an error occurred: ${error}\n`);
    for (const p of still) out.err(`pod/${p.metadata.name}\n`);
  }
  return { text: error, lines: errors };
}

// ---- taint ----------------------------------------------------------------------------------

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

function taintUsage(message: string): KubectlError {
  return new KubectlError(`${message}\nSee 'kubectl taint -h' for help and examples`);
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
function parseTaint(spec: string): { key: string; value: string; effect: string } {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) {
    key = parts[0]!;
  } else if (parts.length === 2) {
    effect = parts[1]!;
    if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) throw taintUsage(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0]!.split('=');
    if (kv.length > 2) throw taintUsage(`invalid taint spec: ${spec}`);
    key = kv[0]!;
    if (kv.length === 2) {
      value = kv[1]!;
      const errs = isValidLabelValue(value);
      if (errs.length > 0) throw taintUsage(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
    }
  } else {
    throw taintUsage(`invalid taint spec: ${spec}`);
  }
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw taintUsage(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
  return { key, value, effect };
}

function taintString(t: { key: string; value?: string; effect?: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
}

function runTaint(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of flags.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length > 0) throw new KubectlError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw new KubectlError('at least one taint update is required');
  const toAdd: { key: string; value: string; effect: string }[] = [];
  const toRemove: { key: string; effect: string }[] = [];
  for (const spec of taintArgs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      toRemove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw taintUsage(`invalid taint spec: ${spec}`);
    if (toAdd.some((a) => a.key === t.key && a.effect === t.effect)) throw taintUsage(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    toAdd.push(t);
  }
  // Validate
  const resourceType = resources[0]!.toLowerCase();
  const info = resolveResource(resourceType);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${resourceType}"`);
  if (info.kind !== 'Node') throw new KubectlError(`invalid resource type ${resourceType}, only node types are supported`);
  const conflicts = toAdd.flatMap((a) => toRemove.filter((r) => r.key === a.key && (!r.effect || r.effect === a.effect)).map((r) => `{"${r.key}":"${r.effect}"}`));
  if (conflicts.length > 0) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = flagBool(flags, 'all');
  const selector = parseSelectorFlag(flags);
  if (all && selector) throw new KubectlError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) throw new KubectlError("at least one resource name must be specified since 'all' parameter is not set");
  const overwrite = flagBool(flags, 'overwrite');
  const suffix = dryRunSuffix(flags);
  const names = all || selector ? ctx.store.list(NODES, undefined, selector).map((n) => n.metadata.name) : resources.slice(1);
  const errors: unknown[] = [];
  for (const name of names) {
    try {
      const node = ctx.store.get(NODES, undefined, name);
      if (!node) throw notFound('nodes', name);
      const operation = updateTaints(node, toAdd, toRemove, overwrite);
      if (!suffix) {
        ctx.api.update(NODES, node, ACTOR);
        ctx.kernel.settle();
      }
      out.out(`node/${name} ${operation}${suffix}\n`);
    } catch (err) {
      if (!(err instanceof KubectlError || err instanceof APIError)) throw err;
      errors.push(err);
    }
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}

/** updateTaints + reorganizeTaints: the new taint list on `node`, and tainted / untainted / modified. */
function updateTaints(node: KubeObject, toAdd: { key: string; value: string; effect: string }[], toRemove: { key: string; effect: string }[], overwrite: boolean): string {
  const old: Taint[] = node.spec?.taints ?? [];
  if (!overwrite) {
    const exists = toAdd.flatMap((t) => old.filter((o) => o.key === t.key && o.effect === t.effect).map(() => t.key));
    if (exists.length > 0) throw new KubectlError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
  }
  let next: Taint[] = toAdd.map((t) => (t.value ? { key: t.key, value: t.value, effect: t.effect } : { key: t.key, effect: t.effect }));
  for (const o of old) if (!next.some((t) => t.key === o.key && t.effect === o.effect)) next.push(o);
  const added = old.length !== next.length;
  const errs: string[] = [];
  let removed = false;
  for (const r of toRemove) {
    const before = next.length;
    next = next.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = next.length !== before;
    if (!removed) errs.push(`taint "${taintString(r)}" not found`);
  }
  if (errs.length > 0) throw new KubectlError(errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
  node.spec = { ...node.spec };
  if (next.length > 0) node.spec.taints = next;
  else delete node.spec.taints;
  if ((added && removed) || overwrite) return 'modified';
  return added ? 'tainted' : 'untainted';
}

// ---- Go durations (--timeout) -----------------------------------------------------------------

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, to ms. */
export function parseGoDuration(text: string, flag: string): number {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let ms = 0;
  let i = 0;
  while (i < text.length) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new KubectlError(`invalid argument "${text}" for "--${flag}" flag: time: invalid duration "${text}"`);
    ms += Number(m[1]) * UNIT_MS[m[2]!]!;
    i = re.lastIndex;
  }
  if (text.length === 0) throw new KubectlError(`invalid argument "" for "--${flag}" flag: time: invalid duration ""`);
  return Math.round(ms);
}

/** time.Duration.String for whole milliseconds: `30s`, `1m0s`, `1h0m0s`, `1.5s`, `500ms`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : String(s)}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

// ---- the command table ------------------------------------------------------------------------

export const nodeCommands: Record<string, Command> = {
  cordon: { flags: [SELECTOR, DRY_RUN], run: (c, f, o) => cordonOrUncordon(c, targetNodes(c, f, 'cordon NODE'), true, f, o) },
  uncordon: { flags: [SELECTOR, DRY_RUN], run: (c, f, o) => cordonOrUncordon(c, targetNodes(c, f, 'uncordon NODE'), false, f, o) },
  drain: {
    flags: [
      SELECTOR,
      DRY_RUN,
      { name: 'force', type: 'bool' },
      { name: 'ignore-daemonsets', type: 'bool' },
      { name: 'delete-emptydir-data', type: 'bool' },
      { name: 'delete-local-data', type: 'bool' },
      { name: 'grace-period', type: 'int' },
      { name: 'timeout', type: 'string' },
      { name: 'pod-selector', type: 'string' },
      { name: 'disable-eviction', type: 'bool' },
      { name: 'skip-wait-for-delete-timeout', type: 'int' },
      { name: 'chunk-size', type: 'int' },
    ],
    run: runDrain,
  },
  taint: { flags: [SELECTOR, DRY_RUN, { name: 'overwrite', type: 'bool' }, { name: 'all', type: 'bool' }, { name: 'validate', type: 'string' }, { name: 'field-manager', type: 'string' }, { name: 'output', short: 'o', type: 'string' }], run: runTaint },
};
