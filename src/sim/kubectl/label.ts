/**
 * `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes, an existing key
 * needs `--overwrite`; prints `pod/x labeled` (or `not labeled` when nothing changed, as
 * kubectl's label command does; annotate always says `annotated`).
 */
import { APIError } from '../api/errors.ts';
import type { KubeObject } from '../api/types.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagBool, flagString, type ParsedFlags } from './flags.ts';
import { parseSelectorFlag } from './get.ts';
import { dryRunStrategy, printOperation } from './dryrun.ts';
import { resolveArgs } from './resolve.ts';

export function runLabel(ctx: KubectlContext, flags: ParsedFlags, out: Output, field: 'labels' | 'annotations'): void {
  const command = field === 'labels' ? 'label' : 'annotate';
  const changes = flags.args.filter((a) => /^[^=]+=.*$/.test(a) || (a.endsWith('-') && !a.includes('/')));
  const resources = flags.args.filter((a) => !changes.includes(a));
  if (resources.length === 0 || changes.length === 0) throw new KubectlError(`one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl ${command} -h' for help and examples`);
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const eq = c.indexOf('=');
      set.set(c.slice(0, eq), c.slice(eq + 1));
    }
  }
  const namespace = flagString(flags, 'namespace', 'default');
  const overwrite = flagBool(flags, 'overwrite');
  const selector = parseSelectorFlag(flags);
  const all = flagBool(flags, 'all');
  const { selections } = resolveArgs(resources);
  const dryRun = dryRunStrategy(flags);
  const errors: unknown[] = [];
  for (const sel of selections) {
    const ns = sel.info.namespaced ? namespace : undefined;
    const names = sel.names.length > 0 ? sel.names : selector || all ? ctx.store.list(sel.info, ns, selector).map((o) => o.metadata.name) : [];
    if (sel.names.length === 0 && !selector && !all) throw new KubectlError(`resource(s) were provided, but no name was specified`);
    for (const name of names) {
      try {
        const obj = ctx.store.get(sel.info, ns, name);
        if (!obj) throw new APIError('NotFound', `${sel.info.group ? `${sel.info.resource}.${sel.info.group}` : sel.info.resource} "${name}" not found`);
        const current = { ...(obj.metadata[field] ?? {}) };
        for (const [k, v] of set) {
          if (!overwrite && k in current && current[k] !== v) throw new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
        }
        const next = { ...current };
        for (const [k, v] of set) next[k] = v;
        for (const k of remove) delete next[k];
        const changed = JSON.stringify(next) !== JSON.stringify(current);
        const updated: KubeObject = { ...obj, metadata: { ...obj.metadata, [field]: next } };
        if (Object.keys(next).length === 0) delete updated.metadata[field];
        const stored = changed && dryRun === 'none' ? ctx.api.update(sel.info, updated, 'kubectl') : updated;
        const verb = field === 'labels' ? (changed ? (remove.length > 0 && set.size === 0 ? 'unlabeled' : 'labeled') : 'not labeled') : 'annotated';
        printOperation(flags, out, (stored ?? updated) as KubeObject, verb, dryRun);
      } catch (err) {
        errors.push(err);
      }
    }
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}
