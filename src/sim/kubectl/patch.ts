/**
 * `kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type=strategic|merge|json] [--dry-run] [-o]`
 * as kubectl v1.31 does it (staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go): the patch (JSON
 * or YAML) is sent to the server, which applies it (apiserver handlers/patch.go) and validates the
 * result as an update; kubectl prints `deployment.apps/web patched`, or `patched (no change)`.
 *
 * The three patch types, as the server applies them:
 * - `merge`: RFC 7386 JSON merge patch (maps merge, `null` deletes, lists are replaced);
 * - `strategic` (the default): a merge patch whose lists of objects with a patch merge key
 *   (containers by `name`, container ports by `containerPort`, env by `name`, ...; see
 *   MERGE_KEYS, from the `patchMergeKey` tags of k8s.io/api) merge item by item, with the
 *   `$patch: delete|replace` directives; other lists are replaced;
 * - `json`: RFC 6902 operations (add, remove, replace, move, copy, test) on JSON pointers.
 * Not simulated: `--patch-file` (no local files), `--subresource`, `--local`.
 */
import { APIError } from '../api/errors.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import { decodeStream } from '../yaml/decode.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagString, hasFlag, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { dryRunOf } from './create-workloads.ts';
import { nameOf, toJSON, toYAML } from './output.ts';
import { parseTemplateOutput, printTemplate } from './templates.ts';
import { fetch, resolveTargets } from './rollout.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonMap = { [k: string]: Json };

const isMap = (v: unknown): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);

/** patchMergeKey of the lists a strategic merge patch merges item by item (k8s.io/api core/v1, apps/v1, meta/v1). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  volumes: 'name',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  conditions: 'type',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  topologySpreadConstraints: 'topologyKey',
  ports: 'port',
};
/** Lists of scalars merged as sets (`patchStrategy:"merge"` on a []string). */
const MERGED_SCALAR_LISTS = new Set(['finalizers']);

/** The merge key of list `field` under `path` (a container's `ports` merge by containerPort, a Service's by port). */
function mergeKeyFor(field: string, path: readonly string[]): string | undefined {
  if (field === 'ports') return path.some((p) => p === 'containers' || p === 'initContainers' || p === 'ephemeralContainers') ? 'containerPort' : path.includes('spec') && !path.includes('template') ? 'port' : undefined;
  return MERGE_KEYS[field];
}

/** RFC 7386. */
export function jsonMergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return deepCopy(patch);
  const out: JsonMap = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k] ?? null, v);
  }
  return out;
}

/** strategicpatch.StrategicMergeMapPatch for the fields of MERGE_KEYS. */
export function strategicMergePatch(target: JsonMap, patch: JsonMap, path: readonly string[] = []): JsonMap {
  if (patch['$patch'] === 'replace') {
    const { $patch: _, ...rest } = patch;
    return stripDirectives(rest) as JsonMap;
  }
  if (patch['$patch'] === 'delete') return {};
  const out: JsonMap = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const drop = new Set((Array.isArray(v) ? v : []).map((x) => JSON.stringify(x)));
      if (Array.isArray(out[field])) out[field] = (out[field] as Json[]).filter((x) => !drop.has(JSON.stringify(x)));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (isMap(v)) {
      out[k] = strategicMergePatch(isMap(cur) ? cur : {}, v, [...path, k]);
    } else if (Array.isArray(v)) {
      const key = mergeKeyFor(k, path);
      if (key && v.every(isMap)) out[k] = mergeList(Array.isArray(cur) ? cur : [], v as JsonMap[], key, [...path, k]);
      else if (MERGED_SCALAR_LISTS.has(k) && Array.isArray(cur)) out[k] = [...cur, ...v.filter((x) => !cur.some((c) => JSON.stringify(c) === JSON.stringify(x)))];
      else out[k] = stripDirectives(v);
    } else {
      out[k] = v;
    }
  }
  return out;
}

/**
 * mergeSlice (strategicpatch/patch.go): items with the key merge into the existing one, new ones
 * are added, `$patch: delete` removes one; then normalizeElementOrder puts the patch's items (in
 * the patch's order) and the others (in their order) together with mergeSortedSlice.
 */
function mergeList(current: Json[], patch: JsonMap[], key: string, path: readonly string[]): Json[] {
  if (patch.some((p) => p['$patch'] === 'replace')) return patch.filter((p) => p['$patch'] !== 'replace').map((p) => stripDirectives(p));
  const merged = [...current];
  const kept: JsonMap[] = [];
  for (const item of patch) {
    const id = item[key];
    if (id === undefined) throw new APIError('BadRequest', `map: ${goMap(item)} does not contain declared merge key: ${key}`);
    const at = merged.findIndex((c) => isMap(c) && c[key] === id);
    if (item['$patch'] === 'delete') {
      if (at >= 0) merged.splice(at, 1);
      continue;
    }
    kept.push(item);
    if (at >= 0) merged[at] = strategicMergePatch(merged[at] as JsonMap, item, path);
    else merged.push(stripDirectives(item));
  }
  const inPatch = (v: Json) => isMap(v) && kept.some((p) => p[key] === v[key]);
  const indexIn = (list: readonly Json[], v: Json) => list.findIndex((x) => isMap(x) && isMap(v) && x[key] === v[key]);
  const left = merged.filter(inPatch).sort((a, b) => indexIn(kept, a) - indexIn(kept, b));
  const right = merged.filter((v) => !inPatch(v)).sort((a, b) => indexIn(current, a) - indexIn(current, b));
  // mergeSortedSlice: two items both in the original keep their original order; otherwise the patch's comes first.
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]!);
    else if (j >= right.length) out.push(left[i++]!);
    else {
      const li = indexIn(current, left[i]!);
      const ri = indexIn(current, right[j]!);
      if (li >= 0 && ri >= 0 && ri < li) out.push(right[j++]!);
      else out.push(left[i++]!);
    }
  }
  return out;
}

function stripDirectives(v: Json): Json {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isMap(v)) return v;
  const out: JsonMap = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

function goMap(m: JsonMap): string {
  return `map[${Object.keys(m)
    .sort()
    .map((k) => `${k}:${isMap(m[k]) || Array.isArray(m[k]) ? JSON.stringify(m[k]) : String(m[k])}`)
    .join(' ')}]`;
}

/** RFC 6902, with evanphx/json-patch's error texts. */
export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new APIError('BadRequest', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = deepCopy(doc);
  for (const raw of ops) {
    if (!isMap(raw)) throw new APIError('BadRequest', 'json: cannot unmarshal into Go value of type jsonpatch.Operation');
    const op = String(raw.op ?? '');
    const path = typeof raw.path === 'string' ? raw.path : undefined;
    // The apiserver answers a failed operation with NewGenericServerResponse(422, ...): an Invalid
    // status with empty kind and name and the library's error as its one cause, which kubectl's
    // StandardErrorMessage prints as `The  "" is invalid: : <error>`.
    const invalid = (message: string) => new APIError('Invalid', 'the server rejected our request due to an error in our request', { kind: '', name: '', causes: [{ field: '', message }] });
    if (path === undefined) throw invalid(`${op} operation does not apply: doc is missing path: ""`);
    switch (op) {
      case 'add':
        out = addAt(out, path, deepCopy(raw.value ?? null), invalid);
        break;
      case 'remove':
        out = removeAt(out, path, invalid);
        break;
      case 'replace':
        getAt(out, path, () => invalid(`replace operation does not apply: doc is missing key: ${path}: missing value`));
        out = removeAt(out, path, invalid);
        out = addAt(out, path, deepCopy(raw.value ?? null), invalid);
        break;
      case 'move':
      case 'copy': {
        const from = String(raw.from ?? '');
        const value = deepCopy(getAt(out, from, () => invalid(`${op} operation does not apply: doc is missing from path: ${from}`)));
        if (op === 'move') out = removeAt(out, from, invalid);
        out = addAt(out, path, value, invalid);
        break;
      }
      case 'test': {
        const value = getAt(out, path, () => invalid(`testing value ${path} failed: test failed`));
        if (JSON.stringify(sortDeep(value)) !== JSON.stringify(sortDeep(raw.value ?? null))) throw invalid(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw invalid(`Unexpected kind: ${op}`);
    }
  }
  return out;
}

function sortDeep(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (!isMap(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k]!)]));
}

function pointer(path: string): string[] {
  if (path === '') return [];
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: Json, path: string, missing: () => Error): Json {
  let cur: Json = doc;
  for (const part of pointer(path)) {
    if (Array.isArray(cur)) {
      const i = Number(part);
      if (!/^\d+$/.test(part) || i >= cur.length) throw missing();
      cur = cur[i]!;
    } else if (isMap(cur) && Object.hasOwn(cur, part)) {
      cur = cur[part]!;
    } else {
      throw missing();
    }
  }
  return cur;
}

function parentOf(doc: Json, path: string, invalid: (m: string) => Error, op: string): { parent: Json; last: string } {
  const parts = pointer(path);
  const last = parts.pop();
  if (last === undefined) throw invalid(`${op} operation does not apply: doc is missing path: ${path}`);
  const parent = getAt(doc, parts.length === 0 ? '' : `/${parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`, () => invalid(`${op} operation does not apply: doc is missing path: ${path}`));
  return { parent, last };
}

function addAt(doc: Json, path: string, value: Json, invalid: (m: string) => Error): Json {
  if (path === '') return value;
  const { parent, last } = parentOf(doc, path, invalid, 'add');
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!/^\d+$/.test(last) && last !== '-') throw invalid(`add operation does not apply: doc is missing path: ${path}`);
    if (i > parent.length) throw invalid(`add operation does not apply: doc is missing path: ${path}`);
    parent.splice(i, 0, value);
  } else if (isMap(parent)) {
    parent[last] = value;
  } else {
    throw invalid(`add operation does not apply: doc is missing path: ${path}`);
  }
  return doc;
}

function removeAt(doc: Json, path: string, invalid: (m: string) => Error): Json {
  const { parent, last } = parentOf(doc, path, invalid, 'remove');
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!/^\d+$/.test(last) || i >= parent.length) throw invalid(`remove operation does not apply: doc is missing path: ${path}`);
    parent.splice(i, 1);
  } else if (isMap(parent) && Object.hasOwn(parent, last)) {
    delete parent[last];
  } else {
    throw invalid(`remove operation does not apply: doc is missing path: ${path}`);
  }
  return doc;
}

/** yaml.ToJSON: the patch may be JSON or YAML. */
function parsePatch(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    const docs = decodeStream(text);
    const doc = docs[0];
    if (!doc || doc.error !== undefined) throw new KubectlError(`unable to parse ${JSON.stringify(text)}: ${doc?.error ?? 'yaml: empty document'}`);
    return (doc.value ?? null) as Json;
  }
}

const TYPES = ['json', 'merge', 'strategic'];

function runPatch(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  if (hasFlag(flags, 'patch-file')) throw new KubectlError('--patch-file: the Kubeplay terminal has no local files, so kubectl cannot read one. Give the patch inline with -p');
  if (hasFlag(flags, 'subresource')) throw new KubectlError('kubectl patch --subresource is not simulated in Kubeplay');
  if (hasFlag(flags, 'local')) throw new KubectlError('kubectl patch --local is not simulated in Kubeplay');
  const patchText = flagString(flags, 'patch');
  if (patchText === '') throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
  const type = flagString(flags, 'type', 'strategic');
  if (!TYPES.includes(type.toLowerCase())) throw new KubectlError(`--type must be one of [${TYPES.join(' ')}], not ${JSON.stringify(type)}`);
  const dryRun = dryRunOf(flags);
  const output = flagString(flags, 'output');
  const template = parseTemplateOutput(output);
  if (!template && output !== '' && output !== 'yaml' && output !== 'json' && output !== 'name') throw new KubectlError(`Kubeplay does not simulate the "-o ${output}" output of kubectl patch: use -o yaml, -o json, -o name or -o jsonpath`);
  const patch = parsePatch(patchText);
  const targets = resolveTargets(flags, flags.args, "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  for (const t of targets) {
    const current = fetch(ctx, t);
    const base = JSON.parse(JSON.stringify(current)) as JsonMap;
    let patched: Json;
    switch (type.toLowerCase()) {
      case 'json':
        patched = jsonPatch(base, patch);
        break;
      case 'merge':
        patched = jsonMergePatch(base, patch);
        break;
      default:
        if (!isMap(patch)) throw new APIError('BadRequest', 'json: cannot unmarshal array into Go value of type map[string]interface {}');
        patched = strategicMergePatch(base, patch);
    }
    if (!isMap(patched)) throw new APIError('BadRequest', 'the patched object is not an object');
    // The server keeps what a patch cannot change (the object's identity, its status).
    const meta = (isMap(patched.metadata) ? patched.metadata : {}) as JsonMap;
    if (meta.name !== current.metadata.name) throw new APIError('Invalid', `the name of the object (${String(meta.name)}) does not match the name on the URL (${current.metadata.name})`);
    if (dryRun === 'client') {
      // patch.go: a client dry run applies the patch locally to the object it got, with no
      // decoding, defaulting or validation, and prints the result.
      const changed = JSON.stringify(sortDeep(patched)) !== JSON.stringify(sortDeep(base));
      print(out, patched as unknown as KubeObject, changed, '', output, template);
      continue;
    }
    // Strict decoding, defaults, update validation, allocation: the server's update path. replace()
    // keeps labels and annotations a controller set; a patch is authoritative for them, so any the
    // patch removed are removed afterwards.
    const written = ctx.api.replace(t.info, patched as Record<string, unknown>, 'kubectl', { dryRun: dryRun !== 'none' });
    let result = written.object;
    let changed = written.changed;
    const fixed = deepCopy(result);
    let differs = false;
    for (const field of ['labels', 'annotations'] as const) {
      const want = isMap(meta[field]) && Object.keys(meta[field]).length > 0 ? (meta[field] as Record<string, string>) : undefined;
      if (JSON.stringify(sortDeep((fixed.metadata[field] ?? null) as Json)) === JSON.stringify(sortDeep((want ?? null) as Json))) continue;
      differs = true;
      if (want) fixed.metadata[field] = want;
      else delete fixed.metadata[field];
    }
    if (differs) {
      changed = true;
      result = dryRun === 'none' ? ctx.api.update(t.info, fixed, 'kubectl') : fixed;
    }
    print(out, result, changed, dryRun === 'server' ? ' (server dry run)' : '', output, template);
  }
}

function print(out: Output, result: KubeObject, changed: boolean, suffix: string, output: string, template: ReturnType<typeof parseTemplateOutput>): void {
  if (template) out.out(printTemplate(template, result as unknown as Record<string, unknown>, false));
  else if (output === 'yaml') out.out(toYAML(result));
  else if (output === 'json') out.out(toJSON(result));
  else if (output === 'name') out.out(`${nameOf(result)}\n`);
  else out.out(`${nameOf(result)} patched${changed ? '' : ' (no change)'}${suffix}\n`);
}

export const patchCommands: Record<string, Command> = {
  patch: {
    flags: [
      { name: 'patch', short: 'p', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'patch-file', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'local', type: 'bool' },
      { name: 'subresource', type: 'string' },
      { name: 'field-manager', type: 'string' },
      { name: 'record', type: 'bool' },
      { name: 'allow-missing-template-keys', type: 'bool' },
      { name: 'show-managed-fields', type: 'bool' },
      { name: 'recursive', short: 'R', type: 'bool' },
    ],
    run: runPatch,
  },
};
