/**
 * Strict decoding of a manifest into its Go struct, as kube-apiserver does with fieldValidation=Strict
 * (kubectl v1.31's default). Mirrors:
 * - `apimachinery/pkg/runtime/serializer/json/json.go` (`unmarshal`: sigs.k8s.io/json `UnmarshalStrict`;
 *   a decoding error is fatal and hides the strict errors) and `runtime.NewStrictDecodingError`
 *   (`strict decoding error: ` + errors joined with `, `);
 * - sigs.k8s.io/json strict paths (`unknown field "spec.containers[0].imagePullPolice"`);
 * - Go's encoding/json `UnmarshalTypeError` (first error saved, decoding goes on; `Go struct field
 *   <Struct>.<json path without indexes> of type <Go type>`); custom unmarshalers (Quantity,
 *   IntOrString, Time) return their own errors, which stop decoding at once;
 * - `apiserver/pkg/endpoints/handlers/rest.go` `transformDecodeError`:
 *   `<Kind> in version "<version>" cannot be handled as a <Kind>: <error>`.
 * kubectl sends JSON it encoded from a Go map, so object keys arrive sorted: errors follow that order.
 */
import { ERR_FORMAT_WRONG, parseQuantityOrError } from '../api/quantity.ts';
import { STRUCTS, fieldType, goStructName, goTypeName, goTypeOf } from './gotypes.ts';

class Fatal {
  constructor(readonly message: string) {}
}

interface State {
  strictErrors: string[];
  typeError?: string;
}

/** Go's JSON value kind names, as UnmarshalTypeError.Value prints them. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'object';
}

function goNumberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

const sortedKeys = (o: Record<string, unknown>): string[] => Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const INT_RANGE: Record<string, [number, number]> = { int32: [-2147483648, 2147483647], int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

/** Go's base64.StdEncoding.DecodeString error (`illegal base64 data at input byte N`), or undefined. */
export function base64Error(s: string): string | undefined {
  const src = s.replace(/[\r\n]/g, '');
  const alphabet = /[A-Za-z0-9+/]/;
  for (let i = 0; i < src.length; i += 4) {
    const quantum = src.slice(i, i + 4);
    for (let j = 0; j < quantum.length; j++) {
      const ch = quantum[j]!;
      if (alphabet.test(ch)) continue;
      if (ch === '=' && j >= 2) {
        // Padding: `xx==` or `xxx=`, and nothing after it.
        const ok = (j === 2 && quantum === quantum.slice(0, 2) + '==') || j === 3;
        if (ok && i + 4 >= src.length) return undefined;
        return `illegal base64 data at input byte ${i + (ok ? 4 : j)}`;
      }
      return `illegal base64 data at input byte ${i + j}`;
    }
    if (quantum.length < 4) return `illegal base64 data at input byte ${i}`;
  }
  return undefined;
}

function typeError(st: State, value: string, goType: string, struct: string, fieldStack: readonly string[]): void {
  if (st.typeError !== undefined) return;
  st.typeError = fieldStack.length
    ? `json: cannot unmarshal ${value} into Go struct field ${goStructName(struct)}.${fieldStack.join('.')} of type ${goType}`
    : `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

/**
 * Decodes `value` as the compact type `compact`, the field `field` of struct `struct`.
 * `path` is the strict path (with indexes), `stack` the Go error-context field stack (without).
 */
function decodeValue(st: State, value: unknown, compact: string, struct: string, field: string | undefined, path: string, stack: string[]): void {
  if (value === null || value === undefined) return; // null leaves the Go value as it is
  const goType = goTypeName(struct, field, compact);
  if (goType === 'map[string][]uint8') {
    if (kindOf(value) !== 'object') return typeError(st, kindOf(value), goType, struct, stack);
    for (const key of sortedKeys(value as Record<string, unknown>)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === null) continue;
      if (typeof v !== 'string') typeError(st, kindOf(v), '[]uint8', struct, stack);
      else {
        const err = base64Error(v);
        if (err && st.typeError === undefined) st.typeError = err;
      }
    }
    return;
  }
  if (compact.startsWith('[]')) {
    if (!Array.isArray(value)) return typeError(st, kindOf(value), goType, struct, stack);
    const elem = compact.slice(2);
    value.forEach((v, i) => {
      // encoding/json decodes a null list element as the element type's zero value (`containers: [null]`
      // is one Container with no name, which validation then refuses); keep the object in that shape.
      if (v === null) {
        const zero = zeroValue(elem);
        if (zero !== undefined) value[i] = zero;
        return;
      }
      decodeValue(st, v, elem, struct, undefined, `${path}[${i}]`, stack);
    });
    return;
  }
  if (compact.startsWith('map[')) {
    if (kindOf(value) !== 'object') return typeError(st, kindOf(value), goType, struct, stack);
    const elem = compact.slice(4, -1);
    const obj = value as Record<string, unknown>;
    for (const key of sortedKeys(obj)) decodeValue(st, obj[key], elem, struct, undefined, `${path}.${key}`, stack);
    return;
  }
  switch (compact) {
    case 'any':
      return;
    case 'string':
    case 'bool':
      if (kindOf(value) !== compact) typeError(st, kindOf(value), goType, struct, stack);
      return;
    case 'int32':
    case 'int64': {
      if (typeof value !== 'number') return typeError(st, kindOf(value), goType, struct, stack);
      const [min, max] = INT_RANGE[compact]!;
      if (!Number.isInteger(value) || value < min || value > max) typeError(st, `number ${goNumberText(value)}`, goType, struct, stack);
      return;
    }
    case 'Quantity': {
      // Quantity.UnmarshalJSON parses the raw JSON text (quotes stripped): anything but a string or number fails the format.
      const q = typeof value === 'string' || typeof value === 'number' ? parseQuantityOrError(value) : ERR_FORMAT_WRONG;
      if (typeof q === 'string') throw new Fatal(q);
      return;
    }
    case 'IntOrString': {
      // IntOrString.UnmarshalJSON: a quoted value is the string, anything else is json.Unmarshal'd into an int32.
      if (typeof value === 'string') return;
      if (typeof value !== 'number') throw new Fatal(`json: cannot unmarshal ${kindOf(value)} into Go value of type int32`);
      if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw new Fatal(`json: cannot unmarshal number ${goNumberText(value)} into Go value of type int32`);
      return;
    }
    case 'Time': {
      // metav1.Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse(time.RFC3339, ...).
      if (typeof value !== 'string') throw new Fatal(`json: cannot unmarshal ${kindOf(value)} into Go value of type string`);
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
        throw new Fatal(`parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`);
      }
      return;
    }
    default:
      return decodeStruct(st, value, compact, path, stack, goTypeOf(compact), struct);
  }
}

function decodeStruct(st: State, value: unknown, structKey: string, path: string, stack: string[], goType: string, parent: string): void {
  if (kindOf(value) !== 'object') return typeError(st, kindOf(value), goType, parent, stack);
  const fields = STRUCTS[structKey];
  if (!fields) throw new Error(`strictDecode: no field table for ${structKey}`);
  const obj = value as Record<string, unknown>;
  for (const key of sortedKeys(obj)) {
    const childPath = path ? `${path}.${key}` : key;
    const t = fieldType(structKey, key);
    if (t === undefined) {
      st.strictErrors.push(`unknown field ${JSON.stringify(childPath)}`);
      continue;
    }
    decodeValue(st, obj[key], t, structKey, key, childPath, [...stack, key]);
  }
}

/** The kinds strict decoding knows (the Go struct of each is named as the kind). */
export function decodableKind(kind: string): boolean {
  return STRUCTS[kind] !== undefined && STRUCTS[kind]!.metadata !== undefined && STRUCTS[kind]!.kind !== undefined;
}

/**
 * Strict decoding of a manifest (already YAML → JSON) for kind/apiVersion. Undefined when it decodes,
 * else the BadRequest message as the server words it.
 */
export function strictDecode(manifest: Record<string, unknown>, apiVersion: string, kind: string): string | undefined {
  if (!decodableKind(kind)) throw new Error(`strictDecode: unsupported kind ${kind}`);
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const st: State = { strictErrors: [] };
  let message: string | undefined;
  try {
    decodeStruct(st, manifest, kind, '', [], `v1.${kind}`, kind);
    if (st.typeError !== undefined) message = st.typeError;
    else if (st.strictErrors.length) message = `strict decoding error: ${st.strictErrors.join(', ')}`;
  } catch (e) {
    if (!(e instanceof Fatal)) throw e;
    message = e.message;
  }
  return message === undefined ? undefined : `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${message}`;
}

/** Go's zero value of a compact type as JSON would carry it, or undefined where null is itself the zero value. */
function zeroValue(compact: string): unknown {
  switch (compact) {
    case 'string':
    case 'Time':
      return compact === 'string' ? '' : undefined;
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
    case 'IntOrString':
      return 0;
    case 'any':
    case 'Quantity':
      return undefined;
    default:
      return compact.startsWith('[]') || compact.startsWith('map[') ? undefined : Object.hasOwn(STRUCTS, compact) ? {} : undefined;
  }
}
