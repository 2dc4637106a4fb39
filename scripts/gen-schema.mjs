// Generates src/sim/validation/fields.json: a compact table of every field of every API struct the
// simulated API server decodes, derived from `kubernetes-types` (the TypeScript mirror of k8s.io/api)
// with `ts-json-schema-generator`. Run once after bumping kubernetes-types: `node scripts/gen-schema.mjs`.
//
// Output shape: { "<GoStruct>": { "<jsonField>": "<type>" } } where <type> is one of
//   string | bool | number | Quantity | IntOrString | Time | any | <GoStruct> | []<type> | map[<type>]
// `number` is refined to int32/int64 by src/sim/validation/gotypes.ts (TypeScript cannot tell them apart).
// Two structs sharing a Go name in different packages (core/v1 EndpointPort, discovery/v1 EndpointPort)
// are kept apart as `EndpointPort@discovery/v1`; the part before `@` is the Go name errors print.
import { createGenerator } from 'ts-json-schema-generator';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = 'node_modules/kubernetes-types';
const PACKAGES = ['core/v1', 'apps/v1', 'batch/v1', 'discovery/v1', 'policy/v1'];
const ALIASES = { Quantity: 'Quantity', Time: 'Time', MicroTime: 'Time' };

/** The schema of one property, as a compact type string. */
function typeOf(schema, rename) {
  if (schema.$ref) {
    const name = decodeURIComponent(schema.$ref.replace('#/definitions/', ''));
    if (ALIASES[name]) return ALIASES[name];
    if (name === 'RawExtension' || name === 'FieldsV1') return 'any';
    return rename(name);
  }
  const t = schema.type;
  if (Array.isArray(t)) {
    if (t.length === 2 && t.includes('number') && t.includes('string')) return 'IntOrString';
    throw new Error(`unexpected union ${JSON.stringify(schema)}`);
  }
  if (t === 'string') return 'string';
  if (t === 'boolean') return 'bool';
  if (t === 'number') return 'number';
  if (t === 'array') return `[]${typeOf(schema.items, rename)}`;
  if (t === 'object') {
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return `map[${typeOf(schema.additionalProperties, rename)}]`;
    return 'any';
  }
  if (schema.const !== undefined || schema.enum) return 'string';
  throw new Error(`unexpected schema ${JSON.stringify(schema)}`);
}

const table = {};
for (const pkg of PACKAGES) {
  const file = path.join(TYPES, `${pkg}.d.ts`);
  const declared = new Set([...fs.readFileSync(file, 'utf8').matchAll(/^export interface (\w+)/gm)].map((m) => m[1]));
  const schema = createGenerator({ path: file, type: '*', expose: 'all', skipTypeCheck: true, jsDoc: 'none', topRef: false }).createSchema('*');
  const defs = schema.definitions;
  // A struct declared in this package whose Go name an earlier package's struct already took.
  const renamed = new Map();
  for (const name of Object.keys(defs)) {
    if (declared.has(name) && table[name] !== undefined) renamed.set(name, `${name}@${pkg}`);
  }
  const rename = (name) => renamed.get(name) ?? name;
  for (const [name, def] of Object.entries(defs)) {
    if (ALIASES[name] || name === 'RawExtension' || name === 'FieldsV1' || def.type !== 'object' || !def.properties) continue;
    const key = rename(name);
    if (table[key] !== undefined && !declared.has(name)) continue; // shared struct (meta/v1, core/v1) already taken
    const fields = {};
    for (const [field, prop] of Object.entries(def.properties)) fields[field] = typeOf(prop, rename);
    table[key] = fields;
  }
}

const out = path.resolve('src/sim/validation/fields.json');
const sorted = Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k]]));
fs.writeFileSync(out, JSON.stringify(sorted) + '\n');
console.log(`wrote ${out}: ${Object.keys(sorted).length} structs, ${fs.statSync(out).size} bytes`);

// ---- The editor's JSON Schema ---------------------------------------------------------------
// Also writes src/views/editor/kubernetes.schema.json, the JSON Schema monaco-yaml validates,
// completes and explains the YAML pane with (loaded lazily with Monaco). Same source, with the
// descriptions kept for hover. Post-processed the way the API server reads YAML:
// - a Quantity accepts a number as well as a string (`cpu: 1`);
// - a document must have apiVersion and kind, and the root picks the definition by `kind`
//   (`if kind == X then $ref X`), for every kind the simulated API server serves.
// The kinds the simulated API server serves: the rows of src/sim/api/resources.ts.
const KINDS = {};
const apiVersions = new Set();
for (const m of fs.readFileSync('src/sim/api/resources.ts', 'utf8').matchAll(/kind: '(\w+)', group: '([\w.]*)', version: '(\w+)'/g)) {
  const [, kind, group, version] = m;
  const pkg = `${group === '' ? 'core' : group.split('.')[0]}/${version}`; // kubernetes-types' folders
  (KINDS[pkg] ??= new Set()).add(kind);
  apiVersions.add(group === '' ? version : `${group}/${version}`);
}
const defs = {};
const branches = [];
for (const [pkg, kinds] of Object.entries(KINDS)) {
  const file = path.join(TYPES, `${pkg}.d.ts`);
  const declared = new Set([...fs.readFileSync(file, 'utf8').matchAll(/^export interface (\w+)/gm)].map((m) => m[1]));
  const schema = createGenerator({ path: file, type: '*', expose: 'all', skipTypeCheck: true, jsDoc: 'extended', topRef: false }).createSchema('*');
  // A struct of this package whose name another package already took gets a package prefix.
  const renamed = new Map();
  for (const name of Object.keys(schema.definitions)) {
    if (declared.has(name) && defs[name] !== undefined) renamed.set(name, `${pkg.replace('/', '.')}.${name}`);
  }
  const fix = (node) => {
    if (Array.isArray(node)) return node.map(fix);
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref') {
        const name = decodeURIComponent(v.replace('#/definitions/', ''));
        out[k] = `#/definitions/${encodeURIComponent(renamed.get(name) ?? name)}`;
      } else out[k] = k === 'properties' || k === 'definitions' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, fix(s)])) : fix(v);
    }
    return out;
  };
  for (const [name, def] of Object.entries(schema.definitions)) {
    const key = renamed.get(name) ?? name;
    if (defs[key] !== undefined && !declared.has(name)) continue; // shared (meta/v1, core/v1): already there
    defs[key] = fix(def);
  }
  for (const kind of kinds) {
    const def = defs[renamed.get(kind) ?? kind];
    if (!def) throw new Error(`no definition for ${kind} in ${pkg}`);
    def.required = [...new Set(['apiVersion', 'kind', ...(def.required ?? [])])];
    branches.push({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then: { $ref: `#/definitions/${encodeURIComponent(renamed.get(kind) ?? kind)}` } });
  }
}
defs.Quantity = { ...defs.Quantity, type: ['string', 'number'] };
const kindsAll = Object.values(KINDS).flatMap((k) => [...k]).sort();
const editorSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes v1.31 object',
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.', enum: [...apiVersions].sort() },
    kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.', enum: kindsAll },
  },
  allOf: branches,
  definitions: Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]])),
};
const editorOut = path.resolve('src/views/editor/kubernetes.schema.json');
fs.writeFileSync(editorOut, JSON.stringify(editorSchema) + '\n');
console.log(`wrote ${editorOut}: ${kindsAll.length} kinds, ${Object.keys(defs).length} definitions, ${fs.statSync(editorOut).size} bytes`);
