/**
 * ControllerRevision names of StatefulSets, as kube-controller-manager v1.31 computes them. (DaemonSets
 * name theirs with controller.ComputeHash of the template, the Deployments' pod-template-hash: see
 * daemon/update.go snapshot() and ../daemonset/pods.ts.)
 *
 * pkg/controller/history/controller_history.go:
 *
 *   func HashControllerRevision(revision *apps.ControllerRevision, probe *int32) string {
 *     hf := fnv.New32()                       // FNV-32, not FNV-32a as ComputeHash uses
 *     if len(revision.Data.Raw) > 0 { hf.Write(revision.Data.Raw) }
 *     if probe != nil { hf.Write([]byte(strconv.FormatInt(int64(*probe), 10))) }
 *     return rand.SafeEncodeString(fmt.Sprint(hf.Sum32()))
 *   }
 *
 * `Data.Raw` is the patch of `getPatch` (pkg/controller/statefulset/stateful_set_utils.go; the DaemonSet
 * controller stores the same patch but does not hash it): the object is marshalled with
 * encoding/json (struct tags: `omitempty` drops zero values, other fields print theirs, e.g.
 * `"creationTimestamp":null`, `"resources":{}`), unmarshalled into map[string]interface{}, and
 * `{"spec":{"template":<template with "$patch":"replace">}}` marshalled again: so every object's keys
 * come out sorted, and encoding/json escapes `<`, `>`, `&`, U+2028 and U+2029.
 *
 * The probe is the collisionCount: the StatefulSet controller passes a pointer to it defaulted to 0,
 * so "0" is always hashed.
 *
 * No real (StatefulSet manifest, revision name) pair was found to test against; the FNV-32 and encoding
 * rules are tested in hash.test.ts, and the Go JSON was compared byte for byte with encoding/json on Go
 * mirrors of the struct table the pod-template-hash was checked with (../deployment/gotypes.ts).
 */
import { quantityString } from '../../api/quantity.ts';
import { safeEncodeString } from '../deployment/hash.ts';
import { GO_STRUCTS } from '../deployment/gotypes.ts';
import { utf8 } from '../../kernel/utf8.ts';

/** FNV-32 (hash/fnv New32): multiply, then xor. */
export function fnv32(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0;
  return h >>> 0;
}

/** The bytes of getPatch for a pod template: `{"spec":{"template":{"$patch":"replace",...}}}`. */
export function revisionPatch(template: unknown): string {
  const encoded = goJSON('v1.PodTemplateSpec', template ?? {}) as Record<string, unknown>;
  return goMarshal({ spec: { template: { ...encoded, $patch: 'replace' } } });
}

/** HashControllerRevision over the patch of `template`, with the collisionCount probe when given. */
export function hashControllerRevision(template: unknown, probe?: number | null): string {
  let h = fnv32(utf8(revisionPatch(template)));
  if (probe !== undefined && probe !== null) h = fnv32(utf8(String(Math.trunc(probe))), h);
  return safeEncodeString(String(h));
}

/** ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 bytes. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

const isNil = (v: unknown) => v === undefined || v === null;

/** What encoding/json's isEmptyValue calls empty, for `omitempty`. */
function isEmpty(goType: string, value: unknown): boolean {
  if (goType.startsWith('*')) return isNil(value);
  if (goType.startsWith('[]') || goType.startsWith('map[') || goType === 'v1.ResourceList') {
    return isNil(value) || (Array.isArray(value) ? value.length === 0 : Object.keys(value as object).length === 0);
  }
  if (GO_STRUCTS.has(goType) || goType === 'resource.Quantity' || goType === 'intstr.IntOrString' || goType === 'v1.Time') return false;
  return isNil(value) || value === '' || value === 0 || value === false;
}

/**
 * The value json.Marshal writes for a Go value of `goType` given as our JSON (decoded from protobuf:
 * an empty list or map is nil, hence null where the field has no omitempty).
 */
function goJSON(goType: string, value: unknown): unknown {
  if (goType.startsWith('*')) return isNil(value) ? null : goJSON(goType.slice(1), value);
  if (goType.startsWith('[]')) {
    if (!Array.isArray(value) || value.length === 0) return null;
    return value.map((v) => goJSON(goType.slice(2), v));
  }
  if (goType.startsWith('map[') || goType === 'v1.ResourceList') {
    const entries = Object.entries((value ?? {}) as Record<string, unknown>);
    if (entries.length === 0) return null;
    const valueType = goType === 'v1.ResourceList' ? 'resource.Quantity' : goType.slice(goType.indexOf(']') + 1);
    return Object.fromEntries(entries.map(([k, v]) => [k, goJSON(valueType, v)]));
  }
  switch (goType) {
    case 'resource.Quantity':
      return isNil(value) ? '0' : quantityString(value);
    case 'intstr.IntOrString':
      return typeof value === 'string' ? value : isNil(value) ? 0 : value;
    case 'v1.Time':
      return isNil(value) ? null : value;
    case 'v1.FieldsV1':
      return value;
    case 'bool':
      return value === true;
  }
  const fields = GO_STRUCTS.get(goType);
  if (fields) {
    const obj = (isNil(value) ? {} : value) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.json === undefined) {
        Object.assign(out, goJSON(f.goType, obj));
        continue;
      }
      const v = obj[f.json];
      if (f.omitEmpty && isEmpty(f.goType, v)) continue;
      out[f.json] = goJSON(f.goType, v);
    }
    return out;
  }
  if (/^u?int(8|16|32|64)?$/.test(goType)) return isNil(value) ? 0 : value;
  return isNil(value) ? '' : value;
}

/** json.Marshal of map[string]interface{} values: keys sorted, Go's HTML-safe escapes. */
function goMarshal(value: unknown): string {
  return JSON.stringify(sortKeys(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  // Go sorts map keys by byte order; keys here are ASCII field names and label keys.
  return Object.fromEntries(
    Object.keys(obj)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((k) => [k, sortKeys(obj[k])]),
  );
}
