/**
 * `kubectl delete` by name, by `-f -`, by `-l` or `--all`. Prints `pod "x" deleted` as each
 * deletion is accepted, then (default `--wait=true`) runs virtual time until the objects are
 * gone, as kubectl waits for them, bounded by `--timeout` (default: a week, kubectl's 0 means
 * "until done"). `--cascade` picks the garbage collector's propagation policy.
 */
import type { PropagationPolicy } from '../api/apiserver.ts';
import { APIError, notFound } from '../api/errors.ts';
import type { ResourceInfo } from '../api/resources.ts';
import { qualified } from '../api/store.ts';
import { readManifests } from './apply.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type ParsedFlags } from './flags.ts';
import { dryRunStrategy, dryRunSuffix } from './dryrun.ts';
import { matchesFields } from '../api/fieldselector.ts';
import { fieldSelectorFor, parseSelectorFlag } from './get.ts';
import { resolveArgs } from './resolve.ts';

const WAIT_LIMIT_MS = 7 * 24 * 3600 * 1000;

interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
}

export function runDelete(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const propagationPolicy = cascadingStrategy(flags, out);
  const namespace = flagString(flags, 'namespace', 'default');
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const selector = parseSelectorFlag(flags);
  const files = flags.values.get('filename') ?? [];
  const all = flagBool(flags, 'all');
  const errors: unknown[] = [];
  const targets: Target[] = [];
  let source: string | undefined;
  if (files.length > 0) {
    if (flags.args.length > 0) throw new KubectlError('cannot specify both a resource type and a filename');
    const read = readManifests(ctx, hasFlag(flags, 'namespace') ? namespace : undefined);
    errors.push(...read.errors);
    source = ctx.source;
    for (const { info, manifest } of read.items) {
      const meta = manifest.metadata as Record<string, string>;
      targets.push({ info, namespace: info.namespaced ? meta.namespace : undefined, name: meta.name ?? '' });
    }
  } else {
    if (flags.args.length === 0) throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
    const { selections } = resolveArgs(flags.args);
    for (const sel of selections) {
      const ns = sel.info.namespaced ? (allNamespaces ? undefined : namespace) : undefined;
      if (sel.names.length > 0) {
        for (const name of sel.names) targets.push({ info: sel.info, namespace: sel.info.namespaced ? namespace : undefined, name });
      } else if (selector || all || hasFlag(flags, 'field-selector')) {
        const fields = fieldSelectorFor(flags, sel.info);
        for (const obj of ctx.store.list(sel.info, ns, selector)) {
          if (matchesFields(sel.info, obj, fields)) targets.push({ info: sel.info, namespace: obj.metadata.namespace, name: obj.metadata.name });
        }
      } else {
        throw new KubectlError('resource(s) were provided, but no name was specified');
      }
    }
    if (targets.length === 0 && errors.length === 0) {
      out.err(allNamespaces || !selections.some((s) => s.info.namespaced) ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
      return;
    }
  }
  const dryRun = dryRunStrategy(flags);
  const gracePeriod = hasFlag(flags, 'grace-period') ? Number(flagString(flags, 'grace-period')) : undefined;
  const force = flagBool(flags, 'force');
  if (force && gracePeriod === undefined) out.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const grace = force && (gracePeriod === undefined || gracePeriod <= 0) ? 0 : gracePeriod !== undefined && gracePeriod >= 0 ? gracePeriod : undefined;
  /** Deleted objects still present, by uid: kubectl waits on the uid (a StatefulSet's new web-0 is another object). */
  const pending: { target: Target; uid: string }[] = [];
  for (const t of targets) {
    try {
      const opts: { gracePeriodSeconds?: number; propagationPolicy: PropagationPolicy } = { propagationPolicy };
      if (grace !== undefined) opts.gracePeriodSeconds = grace;
      const existing = ctx.store.peek(t.info, t.namespace, t.name);
      if (!existing) throw notFound(qualified(t.info), t.name);
      const label = `${t.info.singular}${t.info.group ? `.${t.info.group}` : ''} "${t.name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}`;
      if (dryRun !== 'none') {
        // A dry run deletes nothing and waits for nothing.
        out.out(`${label}${dryRunSuffix(dryRun)}\n`);
        continue;
      }
      const { removed } = ctx.api.delete(t.info, t.namespace, t.name, 'kubectl', opts);
      out.out(`${label}\n`);
      if (!removed) pending.push({ target: t, uid: existing.metadata.uid });
    } catch (err) {
      errors.push(source && err instanceof APIError ? err.withMessage(`error when deleting "${source}": ${err.message}`) : err);
    }
  }
  const wait = flagString(flags, 'wait', 'true') !== 'false';
  if (wait && pending.length > 0) {
    const deadline = ctx.kernel.nowMs + WAIT_LIMIT_MS;
    const gone = () =>
      pending.every(({ target: t, uid }) => ctx.store.peek(t.info, t.namespace, t.name)?.metadata.uid !== uid);
    while (!gone() && ctx.kernel.nowMs < deadline) {
      const next = ctx.kernel.agenda.peekTime();
      if (next === undefined) break;
      ctx.kernel.advanceMs(Math.max(0, next - ctx.kernel.nowMs));
    }
  }
  // delete.go: with --ignore-not-found, r.IgnoreErrors(errors.IsNotFound): a missing object is no error.
  if (flagBool(flags, 'ignore-not-found')) {
    for (let i = errors.length - 1; i >= 0; i--) {
      const e = errors[i];
      if (e instanceof APIError && e.reason === 'NotFound') errors.splice(i, 1);
    }
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}

/** Go's strconv.ParseBool. */
const BOOLS: Record<string, boolean> = { '1': true, t: true, T: true, TRUE: true, true: true, True: true, '0': false, f: false, F: false, FALSE: false, false: false, False: false };

/**
 * `GetCascadingStrategy` (staging/src/k8s.io/kubectl/pkg/cmd/delete/delete.go, v1.31): the
 * default and `--cascade` alone are background; a boolean still works, with a warning.
 */
function cascadingStrategy(flags: ParsedFlags, out: Output): PropagationPolicy {
  const value = flagString(flags, 'cascade', 'background');
  const b = BOOLS[value];
  if (b === undefined) {
    switch (value) {
      case 'orphan':
        return 'Orphan';
      case 'foreground':
        return 'Foreground';
      case 'background':
        return 'Background';
      default:
        throw new KubectlError(`invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`);
    }
  }
  out.err(`warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${b ? 'background' : 'orphan'}.\n`);
  return b ? 'Background' : 'Orphan';
}
