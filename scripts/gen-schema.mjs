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
const PACKAGES = ['core/v1', 'apps/v1', 'batch/v1', 'discovery/v1'];
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
