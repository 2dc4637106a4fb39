/**
 * `kubectl rollout status|history|undo|restart|pause|resume` as kubectl v1.31 prints them
 * (staging/src/k8s.io/kubectl/pkg/cmd/rollout/*.go and pkg/polymorphichelpers: rollout_status.go,
 * history.go, rollback.go, objectrestarter.go, objectpauser.go, objectresumer.go).
 */
import { APIError, notFound } from '../api/errors.ts';
import { preferredResourceForKind, type ResourceInfo } from '../api/resources.ts';
import { fromLabelSelector } from '../api/selector.ts';
import { qualified } from '../api/store.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import { REVISION_ANNOTATION, UNIQUE_LABEL_KEY, equalIgnoreHash, findNewReplicaSet, revisionOf, skipCopyAnnotation } from '../controllers/deployment/util.ts';
import { revisionHistory, rollbackToRevision } from '../controllers/history/rollback.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagString, hasFlag, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { nameOf, toJSON, toYAML } from './output.ts';
import { PrefixWriter } from './printers/describe/writer.ts';
import { describePodTemplate } from './printers/describe/containers.ts';
import { tabwrite } from './printers/tabwriter.ts';
import { resolveArgs } from './resolve.ts';

/**
 * kubectl's --timeout=0 waits forever; a headless call must return, so without --timeout the
 * command runs at most this much virtual time and then reports kubectl's timeout error. (A paused
 * rollout is the usual case; a stuck one fails at its progress deadline, 600 s by default.)
 */
const WAIT_LIMIT_MS = 3600 * 1000;

export interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
}

/** `TYPE NAME` or `TYPE/NAME` arguments as kubectl's resource builder reads them. */
export function resolveTargets(flags: ParsedFlags, args: string[], usage: string): Target[] {
  if (args.length === 0) throw new KubectlError(usage);
  const namespace = flagString(flags, 'namespace', 'default');
  const { selections } = resolveArgs(args);
  const targets: Target[] = [];
  for (const sel of selections) {
    if (sel.names.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified');
    for (const name of sel.names) targets.push({ info: sel.info, namespace: sel.info.namespaced ? namespace : undefined, name });
  }
  return targets;
}

export function fetch(ctx: KubectlContext, t: Target): KubeObject {
  const obj = ctx.store.get(t.info, t.namespace, t.name);
  if (!obj) throw notFound(qualified(t.info), t.name);
  return obj;
}

const REPLICASETS = preferredResourceForKind('ReplicaSet')!;

const REQUIRED = "Required resource not specified.\nSee 'kubectl rollout SUB -h' for help and examples";

const SUBCOMMANDS: Record<string, (ctx: KubectlContext, flags: ParsedFlags, out: Output, targets: Target[]) => void> = {
  status: runStatus,
  history: runHistory,
  undo: (ctx, flags, out, targets) => eachTarget(out, targets, (t) => undo(ctx, flags, out, t)),
  restart: (ctx, _flags, out, targets) => eachTarget(out, targets, (t) => restart(ctx, out, t)),
  pause: (ctx, _flags, out, targets) => eachTarget(out, targets, (t) => setPaused(ctx, out, t, true)),
  resume: (ctx, _flags, out, targets) => eachTarget(out, targets, (t) => setPaused(ctx, out, t, false)),
};

export const rolloutCommands: Record<string, Command> = {
  rollout: {
    flags: [
      { name: 'watch', short: 'w', type: 'bool' },
      { name: 'timeout', type: 'string' },
      { name: 'revision', type: 'int' },
      { name: 'to-revision', type: 'int' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    ],
    run: (ctx, flags, out) => {
      const [sub, ...args] = flags.args;
      const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
      if (!run) throw new KubectlError(sub === undefined ? "You must specify a subcommand: status, history, undo, restart, pause or resume.\nSee 'kubectl rollout -h' for help and examples" : `unknown command "${sub}" for "kubectl rollout"`);
      run(ctx, flags, out, resolveTargets(flags, args, REQUIRED.replace('SUB', sub!)));
    },
  },
};

function eachTarget(out: Output, targets: Target[], fn: (t: Target) => void): void {
  const errors: unknown[] = [];
  for (const t of targets) {
    try {
      fn(t);
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

/** The resource as kubectl's pauser/resumer errors name it: `deployments.apps "web"`. */
const resourceString = (t: Target): string => `${qualified(t.info)} ${JSON.stringify(t.name)}`;

// ---- status ---------------------------------------------------------------------------------

/** StatusViewer.Status for Deployments, DaemonSets and StatefulSets (polymorphichelpers/rollout_status.go). */
export function rolloutStatusMessage(obj: KubeObject, revision: number): { message: string; done: boolean } {
  const s = obj.status ?? {};
  const gen = obj.metadata.generation ?? 0;
  const name = obj.metadata.name;
  switch (obj.kind) {
    case 'Deployment': {
      if (revision > 0) {
        const current = revisionOf(obj);
        if (current === undefined) throw new KubectlError(`cannot get the revision of deployment ${JSON.stringify(name)}: ${obj.metadata.annotations?.[REVISION_ANNOTATION] === undefined ? "revision annotation not found" : 'invalid revision'}`);
        if (current !== revision) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${current})`);
      }
      if (gen > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
      const progressing = (s.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
      const replicas = obj.spec?.replicas as number | undefined;
      const updated = s.updatedReplicas ?? 0;
      if (replicas !== undefined && updated < replicas) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
      if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
      if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
      return { message: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
    }
    case 'DaemonSet': {
      if (obj.spec?.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
      if (gen > (s.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
      const desired = s.desiredNumberScheduled ?? 0;
      if ((s.updatedNumberScheduled ?? 0) < desired) return { message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...\n`, done: false };
      if ((s.numberAvailable ?? 0) < desired) return { message: `Waiting for daemon set ${JSON.stringify(name)} rollout to finish: ${s.numberAvailable ?? 0} of ${desired} updated pods are available...\n`, done: false };
      return { message: `daemon set ${JSON.stringify(name)} successfully rolled out\n`, done: true };
    }
    case 'StatefulSet': {
      if (obj.spec?.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
      if (!s.observedGeneration || gen > s.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
      const replicas = obj.spec?.replicas as number | undefined;
      if (replicas !== undefined && (s.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (s.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
      const partition = obj.spec?.updateStrategy?.rollingUpdate?.partition as number | undefined;
      if (obj.spec?.updateStrategy?.rollingUpdate) {
        if (replicas !== undefined && partition !== undefined && (s.updatedReplicas ?? 0) < replicas - partition) {
          return { message: `Waiting for partitioned roll out to finish: ${s.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
        }
        return { message: `partitioned roll out complete: ${s.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
      }
      if (s.updateRevision !== s.currentRevision) return { message: `waiting for statefulset rolling update to complete ${s.updatedReplicas ?? 0} pods at revision ${s.updateRevision}...\n`, done: false };
      return { message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`, done: true };
    }
    default:
      throw new KubectlError(`no status viewer has been implemented for ${obj.kind}${obj.apiVersion.includes('/') ? `.${obj.apiVersion.split('/')[0]}` : ''}`);
  }
}

/** Go's time.ParseDuration for the forms people type: `30s`, `5m`, `1m30s`, `500ms`, `0`. */
export function parseDurationMs(text: string): number {
  if (text === '0') return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) throw new KubectlError(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
    total += Number(m[1]) * units[m[2]!]!;
    pos = re.lastIndex;
  }
  if (text === '') throw new KubectlError(`invalid argument "" for "--timeout" flag: time: invalid duration ""`);
  return Math.round(total);
}

/**
 * rollout status: prints the viewer's line for the object as listed, then again for every
 * change the watch delivers (so a line repeats when a write leaves it unchanged, as on a real
 * cluster), running virtual time until done, the timeout, or a deletion.
 */
function runStatus(ctx: KubectlContext, flags: ParsedFlags, out: Output, targets: Target[]): void {
  if (targets.length !== 1) throw new KubectlError('rollout status is only supported on individual resources and resource collections, but 0 resources were found');
  const t = targets[0]!;
  const revision = Number(flagString(flags, 'revision', '0'));
  const watch = flagString(flags, 'watch', 'true') !== 'false';
  const timeoutMs = hasFlag(flags, 'timeout') ? parseDurationMs(flagString(flags, 'timeout')) : 0;
  const first = fetch(ctx, t);
  let done = false;
  let failure: unknown;
  const observe = (obj: KubeObject): void => {
    if (done || failure) return;
    try {
      const status = rolloutStatusMessage(obj, revision);
      out.out(status.message);
      if (status.done || !watch) done = true;
    } catch (err) {
      failure = err;
    }
  };
  observe(first);
  const unwatch = ctx.store.watch(t.info, (e) => {
    if (e.object.metadata.name !== t.name || e.object.metadata.namespace !== t.namespace) return;
    if (e.type === 'DELETED') failure ??= new KubectlError('object has been deleted');
    else observe(e.object);
  });
  try {
    const deadline = ctx.kernel.nowMs + (timeoutMs > 0 ? timeoutMs : WAIT_LIMIT_MS);
    while (!done && !failure && ctx.kernel.nowMs < deadline) {
      const next = ctx.kernel.agenda.peekTime();
      if (next === undefined || next > deadline) {
        ctx.kernel.advanceMs(deadline - ctx.kernel.nowMs);
        break;
      }
      ctx.kernel.advanceMs(Math.max(0, next - ctx.kernel.nowMs));
    }
  } finally {
    unwatch();
  }
  if (failure) throw failure;
  if (!done) throw new KubectlError('timed out waiting for the condition');
}

// ---- history and undo -----------------------------------------------------------------------

/** deploymentutil.GetAllReplicaSets as kubectl has it: the ReplicaSets the Deployment controls. */
function replicaSetsOf(ctx: KubectlContext, d: KubeObject): KubeObject[] {
  return ctx.store
    .list(REPLICASETS, d.metadata.namespace, fromLabelSelector(d.spec?.selector))
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
    .map((rs) => deepCopy(rs) as KubeObject);
}

function requireDeployment(t: Target, what: string): void {
  if (t.info.kind === 'Deployment') return;
  if (t.info.kind === 'DaemonSet' || t.info.kind === 'StatefulSet') throw new KubectlError(`Kubeplay does not keep ControllerRevisions yet: rollout ${what} of ${t.info.resource} is not supported`);
  throw new KubectlError(`no ${what === 'history' ? 'history viewer' : 'rollbacker'} has been implemented for ${JSON.stringify(`${t.info.kind}${t.info.group ? `.${t.info.group}` : ''}`)}`);
}

/** rollout history [--revision=N]: `REVISION  CHANGE-CAUSE` through a tabwriter (0, 8, 2), or one revision's template. */
function runHistory(ctx: KubectlContext, flags: ParsedFlags, out: Output, targets: Target[]): void {
  eachTarget(out, targets, (t) => {
    const viaRevisions = t.info.kind === 'DaemonSet' || t.info.kind === 'StatefulSet';
    if (!viaRevisions) requireDeployment(t, 'history');
    const d = fetch(ctx, t);
    const revision = Number(flagString(flags, 'revision', '0'));
    // DaemonSets and StatefulSets keep their history as ControllerRevisions.
    const history = viaRevisions ? revisionHistory(ctx.store, d) : new Map<number, KubeObject>();
    for (const rs of viaRevisions ? [] : replicaSetsOf(ctx, d)) {
      const v = revisionOf(rs);
      if (v === undefined) continue;
      const template = deepCopy(rs.spec.template ?? {});
      template.metadata ??= {};
      const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
      template.metadata.annotations ??= {};
      if (cause) template.metadata.annotations['kubernetes.io/change-cause'] = cause;
      history.set(v, template);
    }
    const output = flagString(flags, 'output');
    if (output !== '') {
      // With -o, each revision's own object (ReplicaSet or ControllerRevision) goes through the printer.
      const objects = new Map<number, KubeObject>();
      if (viaRevisions) {
        // The DaemonSet/StatefulSet history viewers print the object itself with that revision's template applied.
        for (const [v, template] of history) {
          const applied = deepCopy(d);
          applied.spec.template = deepCopy(template);
          const meta = applied.spec.template.metadata;
          if (meta?.annotations && Object.keys(meta.annotations).length === 0) delete meta.annotations;
          objects.set(v, applied);
        }
      } else {
        for (const rs of replicaSetsOf(ctx, d)) {
          const v = revisionOf(rs);
          if (v !== undefined) objects.set(v, rs);
        }
      }
      if (revision > 0 && !objects.has(revision)) throw new KubectlError(`unable to find the specified revision`);
      const chosen = revision > 0 ? [objects.get(revision)!] : [...objects.keys()].sort((a, b) => a - b).map((k) => objects.get(k)!);
      if (output === 'yaml') out.out(chosen.map((o) => toYAML(o)).join('---\n'));
      else if (output === 'json') out.out(chosen.map((o) => toJSON(o)).join(''));
      else if (output === 'name') out.out(chosen.map((o) => `${nameOf(o)}\n`).join(''));
      else throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
      return;
    }
    let text: string;
    if (history.size === 0) text = 'No rollout history found.';
    else if (revision > 0) {
      const template = history.get(revision);
      if (!template) throw new KubectlError('unable to find the specified revision');
      // history.go prints the template straight, not through a tabwriter: its columns are raw tabs.
      const w = new PrefixWriter();
      describePodTemplate(template, w);
      text = w.raw();
    } else {
      const rows = [...history.keys()].sort((a, b) => a - b).map((r) => `${r}\t${history.get(r)!.metadata?.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`);
      text = tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, { minwidth: 0, padding: 2 });
    }
    // The name printer with operation `fmt.Sprintf("%s\n%s", withRevision, historyInfo)`.
    out.out(`${nameOf(d)} ${revision > 0 ? `with revision #${revision}` : ''}\n${text}\n`);
  });
}

const ROLLBACK_SKIPPED_KEYS = (k: string): boolean => skipCopyAnnotation(k);

/** rollout undo [--to-revision=N] (polymorphichelpers/rollback.go DeploymentRollbacker). */
function undo(ctx: KubectlContext, flags: ParsedFlags, out: Output, t: Target): void {
  if (t.info.kind === 'DaemonSet' || t.info.kind === 'StatefulSet') return undoRevision(ctx, flags, out, t);
  requireDeployment(t, 'undo');
  const d = fetch(ctx, t);
  const toRevision = Number(flagString(flags, 'to-revision', '0'));
  if (d.spec?.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const rss = replicaSetsOf(ctx, d);
  const newRS = findNewReplicaSet(d, rss);
  const all = [...rss.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid), ...(newRS ? [newRS] : [])];
  let target: KubeObject | undefined;
  let latest: { v: number; rs?: KubeObject } = { v: -1 };
  let previous: { v: number; rs?: KubeObject } = { v: -1 };
  for (const rs of all) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (latest.v < v) {
        previous = latest;
        latest = { v, rs };
      } else if (previous.v < v) previous = { v, rs };
    } else if (toRevision === v) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && !target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0) {
    if (!previous.rs) throw new KubectlError(`no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`);
    target = previous.rs;
  }
  const dryRun = flagString(flags, 'dry-run', 'none');
  if (dryRun === 'client' || dryRun === 'unchanged') {
    const w = new PrefixWriter();
    describePodTemplate(target!.spec.template, w);
    out.out(w.toString());
    return;
  }
  if (equalIgnoreHash(target!.spec.template, d.spec.template)) {
    out.out(`${nameOf(d)} skipped rollback (current template already matches revision ${toRevision})\n`);
    return;
  }
  const template = deepCopy(target!.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[UNIQUE_LABEL_KEY];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ROLLBACK_SKIPPED_KEYS(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target!.metadata.annotations ?? {})) if (!ROLLBACK_SKIPPED_KEYS(k)) annotations[k] = v;
  // The JSON patch replaces /spec/template and /metadata/annotations wholesale.
  const next = deepCopy(d);
  next.spec.template = template;
  next.metadata.annotations = annotations;
  ctx.api.update(t.info, next, 'kubectl');
  out.out(`${nameOf(d)} rolled back\n`);
}

/** DaemonSetRollbacker / StatefulSetRollbacker: the revision's template patched back in. */
function undoRevision(ctx: KubectlContext, flags: ParsedFlags, out: Output, t: Target): void {
  const obj = fetch(ctx, t);
  const dryRun = flagString(flags, 'dry-run', 'none');
  const result = rollbackToRevision(ctx.store, obj, Number(flagString(flags, 'to-revision', '0')), dryRun === 'client' || dryRun === 'unchanged');
  if ('error' in result) throw new KubectlError(result.error);
  if ('dryRun' in result) {
    const w = new PrefixWriter();
    describePodTemplate(result.dryRun, w);
    out.out(w.toString());
    return;
  }
  if ('skipped' in result) {
    out.out(`${nameOf(obj)} skipped rollback (current template already matches revision ${result.skipped})\n`);
    return;
  }
  ctx.api.update(t.info, result.rolledBack, 'kubectl');
  out.out(`${nameOf(obj)} rolled back\n`);
}

// ---- restart, pause, resume -----------------------------------------------------------------

/** objectrestarter.go: stamps kubectl.kubernetes.io/restartedAt on the pod template. */
function restart(ctx: KubectlContext, out: Output, t: Target): void {
  const obj = fetch(ctx, t);
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(obj.kind)) throw new KubectlError(`${resourceString(t)} restarting is not supported`);
  if (obj.kind === 'Deployment' && obj.spec?.paused) throw new KubectlError(`${resourceString(t)} can't restart paused deployment (run rollout resume first)`);
  if (obj.kind === 'DaemonSet' && obj.spec?.updateStrategy?.type === 'OnDelete') throw new KubectlError(`${resourceString(t)} can't restart daemonset with updateStrategy 'OnDelete'`);
  if (obj.kind === 'StatefulSet' && obj.spec?.updateStrategy?.type === 'OnDelete') throw new KubectlError(`${resourceString(t)} can't restart statefulset with updateStrategy 'OnDelete'`);
  const next = deepCopy(obj);
  next.spec.template.metadata ??= {};
  next.spec.template.metadata.annotations = { ...(next.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': ctx.kernel.timestamp() };
  ctx.api.update(t.info, next, 'kubectl');
  out.out(`${nameOf(obj)} restarted\n`);
}

/** objectpauser.go / objectresumer.go: only Deployments pause. */
function setPaused(ctx: KubectlContext, out: Output, t: Target, paused: boolean): void {
  const obj = fetch(ctx, t);
  if (obj.kind !== 'Deployment') throw new KubectlError(`${resourceString(t)} ${paused ? 'pausing' : 'resuming'} is not supported`);
  if (Boolean(obj.spec?.paused) === paused) throw new KubectlError(`${resourceString(t)} ${paused ? 'is already paused' : 'is not paused'}`);
  const next = deepCopy(obj);
  if (paused) next.spec.paused = true;
  else delete next.spec.paused;
  ctx.api.update(t.info, next, 'kubectl');
  out.out(`${nameOf(obj)} ${paused ? 'paused' : 'resumed'}\n`);
}
