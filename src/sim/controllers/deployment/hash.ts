/**
 * The pod-template-hash: `controller.ComputeHash` (pkg/controller/controller_utils.go, v1.31):
 *
 *   podTemplateSpecHasher := fnv.New32a()
 *   hashutil.DeepHashObject(podTemplateSpecHasher, *template)   // fmt.Fprintf(h, "%v", dump.ForHash(obj))
 *   if collisionCount != nil { h.Write(8 little-endian bytes of uint32(*collisionCount)) }
 *   return rand.SafeEncodeString(fmt.Sprint(h.Sum32()))
 *
 * `dump.ForHash` is go-spew's `%#v` of the Go struct v1.PodTemplateSpec, ported in `spew.ts` over the
 * struct table of `gotypes.ts` (k8s.io/api v0.31), with quantities as the controller's informer holds
 * them (`goquantity.ts`). The input is the template as stored, i.e. after the API server's defaulting
 * (`../../validation/defaults.ts`: SetDefaults_PodSpec, _Container, _Probe, volume modes, ...).
 *
 * Checked against a real v1.31 pair: kubeadm v1.31's CoreDNS Deployment, defaulted by our API server,
 * hashes to `7c65d6cfc9`, the ReplicaSet name every kind v1.31 / kubeadm v1.31 cluster shows
 * (hash.test.ts). spew.test.ts pins the printer on small structs; while porting, whole templates were
 * also compared byte for byte with the real go-spew v1.1.1 on Go mirrors of gotypes.ts.
 * The values are specific to v1.31: PodSpec gained fields in v1.32, which changes every hash.
 */

import { utf8 } from '../../kernel/utf8.ts';
import { spewPodTemplateSpec } from './spew.ts';

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

/**
 * JSON with sorted keys, dropping undefined, empty objects and empty arrays (apimachinery's semantic
 * equality treats nil and empty alike). Template equality (EqualIgnoreHash) uses it; the hash does not.
 */
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

/** `ComputeHash(template, collisionCount)`: the pod-template-hash label value and ReplicaSet name suffix. */
export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(utf8(spewPodTemplateSpec(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}
