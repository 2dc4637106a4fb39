/**
 * Kubernetes objects as plain data, the shape the API server stores and kubectl prints.
 * Typed loosely on purpose: validation (../validation) checks the fields, and each component
 * reads only what it needs through narrow accessor types.
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape depends on kind; validated on admission
  status?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  [field: string]: unknown;
}

/** A manifest as decoded from YAML, before the API server has filled metadata in. */
export interface Manifest {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: Partial<ObjectMeta> & Record<string, unknown>;
  [field: string]: unknown;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name);
}

/** A deep copy of plain data (objects leaving the store are copies: nobody mutates the cache). */
/**
 * `JSON.stringify(a) === JSON.stringify(b)` without building the strings: the same key order,
 * undefined members skipped (null in arrays), non-finite numbers as null. Components compare
 * specs and statuses on every write with it.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && !Number.isFinite(a)) a = null;
  if (typeof b === 'number' && !Number.isFinite(b)) b = null;
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] === undefined ? null : a[i], b[i] === undefined ? null : b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < kx.length && x[kx[i]!] === undefined) i++;
    while (j < ky.length && y[ky[j]!] === undefined) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j] || !jsonEqual(x[kx[i]!], y[ky[j]!])) return false;
    i++;
    j++;
  }
}

export function deepCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  // Plain loops (no callback, no key array): every API read and write copies, so this is hot.
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) items.push(deepCopy(value[i] as unknown));
    return items as T;
  }
  const out: Record<string, unknown> = {};
  // for-in visits the own keys in Object.keys order: these are plain JSON objects, nothing inherited.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = deepCopy(v);
  }
  return out as T;
}
