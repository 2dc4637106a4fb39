/** `kubectl get`, with kubectl v1.31's messages and its table, json, yaml and name outputs. */
import { APIError, notFound } from '../api/errors.ts';
import { checkFieldSelector, matchesFields, parseFieldSelector, type FieldRequirement } from '../api/fieldselector.ts';
import { matches, parseSelector, SelectorParseError, type Selector } from '../api/selector.ts';
import { qualified } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { printContext, type KubectlContext, type Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type ParsedFlags } from './flags.ts';
import { asList, nameOf, toJSON, toYAML } from './output.ts';
import { printTable } from './printers/index.ts';
import { resolveArgs } from './resolve.ts';
import { parseTemplateOutput, printTemplate, sortObjects } from './templates.ts';

export function parseSelectorFlag(flags: ParsedFlags): Selector | undefined {
  if (!hasFlag(flags, 'selector')) return undefined;
  const text = flagString(flags, 'selector');
  try {
    return parseSelector(text);
  } catch (err) {
    if (err instanceof SelectorParseError) throw new KubectlError(`unable to parse requirement: ${err.message}`);
    throw err;
  }
}

/**
 * `--field-selector`, checked by the API server per resource as a list asks for it; its error as
 * kubectl's resource builder rewrites it (`Unable to find "<group>/<version>, Resource=<resource>"
 * that match label selector "…", field selector "…": …`).
 */
export function fieldSelectorFor(flags: ParsedFlags, info: Parameters<typeof checkFieldSelector>[0]): FieldRequirement[] {
  const text = flagString(flags, 'field-selector');
  if (text === '') return [];
  try {
    const reqs = parseFieldSelector(text);
    checkFieldSelector(info, reqs);
    return reqs;
  } catch (err) {
    if (!(err instanceof APIError)) throw err;
    throw err.withMessage(`Unable to find "${info.group}/${info.version}, Resource=${info.resource}" that match label selector "${flagString(flags, 'selector')}", field selector "${text}": ${err.message}`);
  }
}

export function runGet(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const output = flagString(flags, 'output');
  const template = parseTemplateOutput(output);
  if (!template && !['', 'wide', 'yaml', 'json', 'name'].includes(output)) {
    throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`);
  }
  if (flags.args.length === 0) {
    out.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw new KubectlError('Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples');
  }
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = flagString(flags, 'namespace', 'default');
  const selector = parseSelectorFlag(flags);
  const { selections, multiType } = resolveArgs(flags.args);
  const errors: unknown[] = [];
  const blocks: { objects: KubeObject[]; selection: (typeof selections)[number] }[] = [];
  for (const sel of selections) {
    const ns = sel.info.namespaced ? (allNamespaces && sel.names.length === 0 ? undefined : namespace) : undefined;
    const fields = fieldSelectorFor(flags, sel.info);
    if (sel.names.length > 0) {
      const objects: KubeObject[] = [];
      for (const name of sel.names) {
        const obj = ctx.store.peek(sel.info, ns, name);
        if (obj && (!selector || matches(selector, obj.metadata.labels)) && matchesFields(sel.info, obj, fields)) objects.push(obj as KubeObject);
        else if (!obj) errors.push(notFound(qualified(sel.info), name));
      }
      blocks.push({ objects, selection: sel });
    } else {
      const listed = ctx.store.list(sel.info, ns, selector) as KubeObject[];
      blocks.push({ objects: fields.length > 0 ? listed.filter((o) => matchesFields(sel.info, o, fields)) : listed, selection: sel });
    }
  }
  const sortBy = flagString(flags, 'sort-by');
  const humanReadable = !template && (output === '' || output === 'wide');
  if (sortBy !== '' && humanReadable) {
    for (const b of blocks) {
      b.objects = [...b.objects];
      sortObjects(b.objects, sortBy, true);
    }
  }
  const all = blocks.flatMap((b) => b.objects);
  const single = selections.length === 1 && selections[0]!.names.length === 1 && all.length === 1;
  if (sortBy !== '' && !humanReadable && !single) sortObjects(all, sortBy, false);
  if (template) {
    if (all.length > 0 || errors.length === 0) out.out(printTemplate(template, (single ? all[0]! : asList(all)) as Record<string, unknown>, flagBool(flags, 'no-headers')));
  } else if (output === 'yaml' || output === 'json') {
    const body = single ? all[0] : asList(all);
    if (all.length > 0 || errors.length === 0) out.out(output === 'yaml' ? toYAML(body) : toJSON(body));
  } else if (output === 'name') {
    for (const obj of all) out.out(`${nameOf(obj)}\n`);
  } else {
    const texts: string[] = [];
    for (const { objects, selection } of blocks) {
      if (objects.length === 0) continue;
      texts.push(
        printTable(selection.info, objects, { wide: output === 'wide', showLabels: flagBool(flags, 'show-labels'), withNamespace: allNamespaces && selection.info.namespaced && selection.names.length === 0, withKind: multiType, noHeaders: flagBool(flags, 'no-headers'), labelColumns: labelColumns(flags) }, printContext(ctx)),
      );
    }
    out.out(texts.join('\n'));
  }
  if (all.length === 0 && errors.length === 0 && output !== 'yaml' && output !== 'json' && !template) {
    const anyNamespaced = selections.some((s) => s.info.namespaced);
    out.err(allNamespaces || !anyNamespaced ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}

function labelColumns(flags: ParsedFlags): string[] {
  return (flags.values.get('label-columns') ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
}
