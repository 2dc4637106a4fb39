/**
 * The pod-template-hash: `controller.ComputeHash` in pkg/controller/controller_utils.go.
 *
 * Upstream: FNV-32a over `hashutil.DeepHashObject` (spew's `%#v` dump of the Go struct
 * v1.PodTemplateSpec), then the 8 little-endian bytes of collisionCount (as a uint32, when set),
 * then `rand.SafeEncodeString(fmt.Sprint(sum32))`.
 *
 * NOT UPSTREAM'S INPUT: reproducing spew's dump of the Go struct (field order, nil pointers,
 * type names, resource.Quantity internals) is not done here. The hash input is a canonical JSON
 * (keys sorted, empty maps/lists dropped) of the defaulted template instead. FNV-32a, the
 * collision-count bytes and SafeEncodeString are upstream's, so the format (`^[4-9bcdf]{1,10}$`,
 * usually 10 characters) and the stability are the same, but the values differ from a real
 * cluster's for the same template.
 */

/** apimachinery/pkg/util/rand: the alphabet without vowels and confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** `rand.SafeEncodeString`: each byte `c` becomes `alphanums[c % 27]`. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** FNV-32a (hash/fnv New32a) over bytes, continuing from `seed`. */
export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** JSON with sorted keys, dropping undefined, empty objects and empty arrays (apimachinery's semantic equality treats nil and empty alike). */
export function canonicalJSON(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? 'null';
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = canonical((value as Record<string, unknown>)[key]);
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return out;
}

/** `ComputeHash(template, collisionCount)`; see the file comment for how the input differs from upstream. */
export function computeHash(template: unknown, collisionCount?: number): string {
  const bytes = utf8(canonicalJSON(template));
  let h = fnv32a(bytes);
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}

/** UTF-8 bytes of a string (the core has no TextEncoder in its lib). */
function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return Uint8Array.from(out);
}
