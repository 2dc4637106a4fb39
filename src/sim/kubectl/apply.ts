/**
 * `kubectl apply -f -` and `kubectl create -f -`: documents are read in order, each one
 * mapped to its resource and sent to the API server; an object that fails reports its error
 * and the others still go through, the errors printed after all the results (apply.go's Run
 * collects them). A stream that does not parse stops at that document, as kubectl's
 * StreamVisitor does; the documents before it have already been applied.
 */
import { APIError } from '../api/errors.ts';
import { resourceForKind, type ResourceInfo } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { decodeStream, InputTooLargeError } from '../yaml/decode.ts';
import { goJSON } from './gofmt.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagString, hasFlag, type ParsedFlags } from './flags.ts';
import { nameOf, toJSON, toYAML } from './output.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ManifestItem {
  info: ResourceInfo;
  manifest: Record<string, unknown>;
}

/**
 * Reads `-f -` as kubectl's resource builder does. Returns the objects in order and the
 * errors met; `fatal` is an error that stopped the stream.
 */
export function readManifests(ctx: KubectlContext, namespaceFlag: string | undefined): { items: ManifestItem[]; errors: unknown[] } {
  const items: ManifestItem[] = [];
  const errors: unknown[] = [];
  let docs;
  try {
    docs = decodeStream(ctx.stdin);
  } catch (err) {
    if (err instanceof InputTooLargeError) return { items, errors: [new KubectlError(`error parsing ${ctx.source}: ${err.message}`)] };
    throw err;
  }
  for (const doc of docs) {
    if (doc.error) {
      errors.push(new KubectlError(`error parsing ${ctx.source}: error converting YAML to JSON: ${doc.error}`));
      break;
    }
    const value = doc.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      errors.push(new KubectlError(`error validating "${ctx.source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`));
      break;
    }
    const obj = value as Record<string, unknown>;
    const missing = [];
    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') missing.push('apiVersion not set');
    if (typeof obj.kind !== 'string' || obj.kind === '') missing.push('kind not set');
    if (missing.length > 0) {
      const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
      errors.push(new KubectlError(`error validating "${ctx.source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`));
      break;
    }
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items) pushItem(item as Record<string, unknown>);
      continue;
    }
    pushItem(obj);
  }
  return { items, errors };

  function pushItem(obj: Record<string, unknown>): void {
    const metadata = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Record<string, unknown>;
    const info = resourceForKind(String(obj.apiVersion), String(obj.kind));
    if (!info) {
      const name = typeof metadata.name === 'string' ? metadata.name : '';
      const ns = typeof metadata.namespace === 'string' ? metadata.namespace : '';
      const [group, version] = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/') : ['', String(obj.apiVersion)];
      const gv = group ? `${group}/${version}` : version;
      errors.push(new KubectlError(`resource mapping not found for name: "${name}" namespace: "${ns}" from "${ctx.source}": no matches for kind "${String(obj.kind)}" in version "${gv}"\nensure CRDs are installed first`));
      return;
    }
    if (info.namespaced) {
      const declared = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
      if (namespaceFlag !== undefined && declared !== undefined && declared !== namespaceFlag) {
        errors.push(new KubectlError(`the namespace from the provided object "${declared}" does not match the namespace "${namespaceFlag}". You must pass '--namespace=${declared}' to perform this operation.`));
        return;
      }
      obj = { ...obj, metadata: { ...metadata, namespace: declared ?? namespaceFlag ?? 'default' } };
    }
    items.push({ info, manifest: obj });
  }
}

export function runApply(ctx: KubectlContext, flags: ParsedFlags, out: Output, mode: 'apply' | 'create'): void {
  const files = flags.values.get('filename') ?? [];
  if (files.length === 0) {
    out.err(`error: must specify one of -f and -k\n\n`);
    out.exitCode = 1;
    return;
  }
  if (files.some((f) => f !== '-')) {
    // The playground has no files: only the stream a user pastes (stdin) exists.
    out.err(`error: the path "${files.find((f) => f !== '-')}" does not exist\n`);
    out.exitCode = 1;
    return;
  }
  const dryRun = flagString(flags, 'dry-run', 'none');
  if (!['none', 'client', 'server'].includes(dryRun)) {
    out.err(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".\n`);
    out.exitCode = 1;
    return;
  }
  const output = flagString(flags, 'output');
  const namespaceFlag = hasFlag(flags, 'namespace') ? flagString(flags, 'namespace') : undefined;
  const { items, errors } = readManifests(ctx, namespaceFlag);
  if (items.length === 0 && errors.length === 0) {
    out.err('error: no objects passed to ' + mode + '\n');
    out.exitCode = 1;
    return;
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const printed: KubeObject[] = [];
  for (const { info, manifest } of items) {
    const name = String((manifest.metadata as Record<string, unknown>)?.name ?? '');
    try {
      if (mode === 'create') {
        const created = createOne(ctx, info, manifest, dryRun);
        report(created, 'created');
        continue;
      }
      const withAnnotation = annotateLastApplied(manifest);
      const current = name ? ctx.store.peek(info, (manifest.metadata as Record<string, string>).namespace, name) : undefined;
      if (!current) {
        if (!name) throw new KubectlError(`error when retrieving current configuration of:\nResource: "${info.group ? `${info.group}/${info.version}` : `/${info.version}`}, Resource=${info.resource}", GroupVersionKind: "${info.group ? `${info.group}/${info.version}` : `/${info.version}`}, Kind=${info.kind}"\nName: "", Namespace: "${(manifest.metadata as Record<string, string>)?.namespace ?? ''}"\nfrom server for: "${ctx.source}": resource name may not be empty`);
        report(createOne(ctx, info, withAnnotation, dryRun), 'created');
        continue;
      }
      if (dryRun !== 'none') {
        report(current as KubeObject, 'configured');
        continue;
      }
      const { object, changed } = ctx.api.replace(info, withAnnotation, 'kubectl');
      report(object, changed ? 'configured' : 'unchanged');
    } catch (err) {
      if (err instanceof APIError) {
        const verb = mode === 'create' || !ctx.store.peek(info, (manifest.metadata as Record<string, string>)?.namespace, name) ? 'creating' : 'patching';
        const detailed = err.reason === 'Invalid' && err.details ? err.withMessage(`error when ${verb} "${ctx.source}": ${err.message}`) : err.withMessage(`error when ${verb} "${ctx.source}": ${err.message}`);
        errors.push(detailed);
      } else {
        errors.push(err);
      }
    }
  }
  if (output === 'yaml' || output === 'json') {
    const body = printed.length === 1 ? printed[0] : { apiVersion: 'v1', items: printed, kind: 'List', metadata: { resourceVersion: '' } };
    out.out(output === 'yaml' ? toYAML(body) : toJSON(body));
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }

  function report(obj: KubeObject, verb: string): void {
    if (output === 'yaml' || output === 'json') printed.push(obj);
    else if (output === 'name') out.out(`${nameOf(obj)}\n`);
    else out.out(`${nameOf(obj)} ${verb}${suffix}\n`);
  }
}

function createOne(ctx: KubectlContext, info: ResourceInfo, manifest: Record<string, unknown>, dryRun: string): KubeObject {
  if (dryRun === 'client') return manifest as unknown as KubeObject;
  const existing = ctx.store.peek(info, (manifest.metadata as Record<string, string>)?.namespace, String((manifest.metadata as Record<string, unknown>)?.name ?? ''));
  if (existing && (manifest.metadata as Record<string, unknown>)?.name) {
    throw new APIError('AlreadyExists', `${info.group ? `${info.resource}.${info.group}` : info.resource} "${existing.metadata.name}" already exists`);
  }
  return ctx.api.create(info, manifest, 'kubectl', { dryRun: dryRun === 'server' });
}

/**
 * The last-applied-configuration annotation as kubectl writes it: the manifest (with its
 * namespace filled in) without that annotation, as compact JSON with sorted keys and a newline.
 */
export function annotateLastApplied(manifest: Record<string, unknown>): Record<string, unknown> {
  const metadata = { ...((manifest.metadata as Record<string, unknown>) ?? {}) };
  const annotations = { ...((metadata.annotations as Record<string, string>) ?? {}) };
  delete annotations[LAST_APPLIED];
  const original = { ...manifest, metadata: { ...metadata, annotations } };
  // json.Marshal: sorted keys, and <, >, & escaped as \u003c, \u003e, \u0026.
  const text = `${goJSON(original)}\n`;
  return { ...manifest, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: text } } };
}

