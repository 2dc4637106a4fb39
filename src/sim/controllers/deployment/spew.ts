/**
 * go-spew's `%#v` (format.go `formatState.format` / `formatPtr`, common.go) of a Go value, walked over
 * our JSON object with the struct table of `gotypes.ts`: what `hashutil.DeepHashObject` writes into
 * the hasher (`dump.ForHash`: spew.ConfigState{Indent: " ", SortKeys: true, DisableMethods: true,
 * SpewKeys: true, DisablePointerAddresses: true, DisableCapacities: true}.Sprintf("%#v", obj); Indent
 * and the Disable* flags only matter to Dump, not to the %v formatter).
 *
 * The formatter's rules, as upstream:
 * - a value's type is printed as `(type)` unless the value is a slice element or a map key/value
 *   (`ignoreNextType`), or the target of a pointer (the pointer printed `(*T)` already);
 * - strings print raw (no quotes), ints in decimal, bools as true/false;
 * - a nil pointer prints `(*T)<nil>` (or `<nil>` where types are not printed); a nil slice or map
 *   prints `<nil>` after its type (spew v1.1.1 tells a nil map from an empty one);
 * - structs print `{Field:value Field:value}` in declaration order, unexported fields included;
 * - slices `[a b]`, maps `map[k:v k:v]` with keys sorted (SortKeys; string keys by byte order).
 *
 * The value is the one the controller's informer holds: decoded from the API server's protobuf, so
 * an empty list or map is nil, a quantity is ParseQuantity of its String() (`goquantity.ts`), a
 * missing Time is the zero time.
 */
import { quantityString } from '../../api/quantity.ts';
import { parseRFC3339 } from '../../kernel/time.ts';
import { GO_STRUCTS } from './gotypes.ts';
import { goParseQuantity, type GoQuantity } from './goquantity.ts';
import { utf8Bytes } from '../../kernel/utf8.ts';

const NAMED_MAPS: Readonly<Record<string, string>> = { 'v1.ResourceList': 'map[v1.ResourceName]resource.Quantity' };
const INTS = new Set(['int32', 'int64', 'uint64', 'uint8', 'intstr.Type', 'resource.Scale', 'inf.Scale']);

/** `spew.Sprintf("%#v", v)` of a value of Go type `goType` given as JSON. */
export function spewSprintf(goType: string, value: unknown): string {
  const out: string[] = [];
  format(out, goType, value, true);
  return out.join('');
}

/** The string DeepHashObject hashes for a v1.PodTemplateSpec. */
export function spewPodTemplateSpec(template: unknown): string {
  return spewSprintf('v1.PodTemplateSpec', template ?? {});
}

const isNil = (v: unknown) => v === undefined || v === null;

/** format(): `showType` is `!ignoreNextType` (and the `#` flag). */
function format(out: string[], goType: string, value: unknown, showType: boolean): void {
  if (goType.startsWith('*')) {
    if (isNil(value)) {
      out.push(showType ? `(${goType})<nil>` : '<nil>');
      return;
    }
    if (showType) out.push(`(${goType})`);
    format(out, goType.slice(1), value, false);
    return;
  }
  if (showType) out.push(`(${goType})`);
  const mapType = NAMED_MAPS[goType] ?? goType;
  if (mapType.startsWith('[]')) return formatSlice(out, mapType.slice(2), value);
  if (mapType.startsWith('map[')) return formatMap(out, mapType, value);
  const fields = GO_STRUCTS.get(goType);
  if (fields) {
    if (goType === 'v1.FieldsV1') return formatStruct(out, [{ goName: 'Raw', goType: '[]uint8' }], { Raw: utf8Bytes(JSON.stringify(value)) });
    const obj = (isNil(value) ? {} : value) as Record<string, unknown>;
    out.push('{');
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      out.push(i > 0 ? ` ${f.goName}:` : `${f.goName}:`);
      format(out, f.goType, f.json === undefined ? obj : obj[f.json], true);
    }
    out.push('}');
    return;
  }
  switch (goType) {
    case 'bool':
      out.push(value === true ? 'true' : 'false');
      return;
    case 'resource.Quantity':
      return formatQuantity(out, value);
    case 'intstr.IntOrString': {
      const isStr = typeof value === 'string';
      return formatStruct(
        out,
        [
          { goName: 'Type', goType: 'intstr.Type' },
          { goName: 'IntVal', goType: 'int32' },
          { goName: 'StrVal', goType: 'string' },
        ],
        { Type: isStr ? 1 : 0, IntVal: isStr ? 0 : (value ?? 0), StrVal: isStr ? value : '' },
      );
    }
    case 'v1.Time':
      return formatStruct(out, [{ goName: 'Time', goType: 'time.Time' }], { Time: value });
    case 'time.Time':
      return formatTime(out, value);
  }
  if (INTS.has(goType)) {
    out.push(typeof value === 'bigint' ? value.toString() : String(isNil(value) ? 0 : Math.trunc(Number(value))));
    return;
  }
  // Every other named type under a PodTemplateSpec is a string kind (v1.Protocol, types.UID, ...).
  if (goType !== 'string' && !/^[a-z0-9]+\.[A-Z][A-Za-z0-9]*$/.test(goType)) throw new Error(`spew: no Go type ${goType} in the table`);
  out.push(isNil(value) ? '' : String(value));
}

function formatStruct(out: string[], fields: readonly { goName: string; goType: string }[], values: Record<string, unknown>): void {
  out.push('{');
  fields.forEach((f, i) => {
    if (i > 0) out.push(' ');
    out.push(`${f.goName}:`);
    format(out, f.goType, values[f.goName], true);
  });
  out.push('}');
}

function formatSlice(out: string[], elem: string, value: unknown): void {
  // Decoded from protobuf, an empty list is a nil slice.
  if (!Array.isArray(value) || value.length === 0) {
    out.push('<nil>');
    return;
  }
  out.push('[');
  value.forEach((v, i) => {
    if (i > 0) out.push(' ');
    format(out, elem, v, false);
  });
  out.push(']');
}

function formatMap(out: string[], mapType: string, value: unknown): void {
  const close = mapType.indexOf(']');
  const keyType = mapType.slice(4, close);
  const valueType = mapType.slice(close + 1);
  const obj = (isNil(value) ? {} : value) as Record<string, unknown>;
  const keys = Object.keys(obj).sort(compareGoStrings);
  // Decoded from protobuf, an empty map is nil, and spew prints a nil map as <nil>.
  if (keys.length === 0) {
    out.push('<nil>');
    return;
  }
  out.push('map[');
  keys.forEach((k, i) => {
    if (i > 0) out.push(' ');
    format(out, keyType, k, false);
    out.push(':');
    format(out, valueType, obj[k], false);
  });
  out.push(']');
}

/** Go compares strings byte by byte (UTF-8); JavaScript by UTF-16 unit. */
function compareGoStrings(a: string, b: string): number {
  const x = utf8Bytes(a);
  const y = utf8Bytes(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/**
 * resource.Quantity{i int64Amount{value, scale}; d infDecAmount{*inf.Dec}; s string; Format}. A field
 * the manifest left out is the zero Quantity, which protobuf carries as "0".
 */
function formatQuantity(out: string[], value: unknown): void {
  const text = isNil(value) ? '0' : quantityString(value);
  const q: GoQuantity = goParseQuantity(text) ?? { value: 0n, scale: 0, dec: undefined, s: '', format: '' };
  out.push('{i:(resource.int64Amount){value:(int64)', q.value.toString(), ' scale:(resource.Scale)', String(q.scale), '}');
  out.push(' d:(resource.infDecAmount){Dec:');
  if (!q.dec) out.push('(*inf.Dec)<nil>');
  else {
    const abs = q.dec.unscaled < 0n ? -q.dec.unscaled : q.dec.unscaled;
    const words: string[] = [];
    for (let w = abs; w > 0n; w >>= 64n) words.push((w & ((1n << 64n) - 1n)).toString());
    const nat = words.length === 0 ? '<nil>' : `[${words.join(' ')}]`;
    out.push(`(*inf.Dec){unscaled:(big.Int){neg:(bool)${q.dec.unscaled < 0n} abs:(big.nat)${nat}} scale:(inf.Scale)${q.dec.scale}}`);
  }
  out.push('}', ' s:(string)', q.s, ' Format:(resource.Format)', q.format, '}');
}

/**
 * time.Time{wall uint64; ext int64; loc *Location}. A template's creationTimestamp is null in every
 * manifest kubectl sends; a set one would be time.Unix(sec, 0).Local(): wall 0, ext = sec plus the
 * seconds from year 1 to 1970, and loc = &time.Local, whose dump depends on the zone files of the
 * controller-manager's image. That location is not simulated in Kubeplay: it prints as nil.
 */
function formatTime(out: string[], value: unknown): void {
  const ms = typeof value === 'string' ? parseRFC3339(value) : undefined;
  const ext = ms === undefined ? 0 : Math.floor(ms / 1000) + 62135596800;
  out.push(`{wall:(uint64)0 ext:(int64)${ext} loc:(*time.Location)<nil>}`);
}

