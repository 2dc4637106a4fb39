/** `kubectl describe TYPE [NAME...] [-l selector]`. */
import { notFound } from '../api/errors.ts';
import { qualified } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { printContext, type KubectlContext, type Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagBool, flagString, type ParsedFlags } from './flags.ts';
import { parseSelectorFlag } from './get.ts';
import { describe } from './printers/index.ts';
import { resolveArgs } from './resolve.ts';

export function runDescribe(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  if (flags.args.length === 0) throw new KubectlError(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n`);
  const namespace = flagString(flags, 'namespace', 'default');
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const selector = parseSelectorFlag(flags);
  const { selections } = resolveArgs(flags.args);
  const errors: unknown[] = [];
  const texts: string[] = [];
  // DescribeMatchingResources: only `describe TYPE NAME` (two words) falls back to a name prefix.
  const prefixAllowed = flags.args.length === 2 && selections.length === 1 && selections[0]!.names.length === 1;
  let prefixMatched = false;
  for (const sel of selections) {
    const ns = sel.info.namespaced ? (allNamespaces && sel.names.length === 0 ? undefined : namespace) : undefined;
    let objects: KubeObject[];
    if (sel.names.length > 0) {
      objects = [];
      for (const name of sel.names) {
        // describe also accepts a name prefix, as kubectl's describe does when no exact match exists.
        const exact = ctx.store.peek(sel.info, ns, name);
        const found = exact ? [exact] : prefixAllowed ? ctx.store.list(sel.info, ns).filter((o) => o.metadata.name.startsWith(name)) : [];
        if (!exact && found.length > 0) prefixMatched = true;
        if (found.length === 0) errors.push(notFound(qualified(sel.info), name));
        objects.push(...(found as KubeObject[]));
      }
    } else {
      objects = ctx.store.list(sel.info, ns, selector) as KubeObject[];
    }
    for (const obj of objects) texts.push(describe(sel.info, obj, printContext(ctx)));
  }
  // Exact matches are separated by a blank line ("\n\n%s"); prefix matches each end in one ("%s\n").
  out.out(prefixMatched ? texts.map((t) => `${t}\n`).join('') : texts.join('\n\n'));
  if (texts.length === 0 && errors.length === 0) {
    out.err(allNamespaces || !selections.some((s) => s.info.namespaced) ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}
