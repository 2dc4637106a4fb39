/**
 * The kubelet's volume manager, for the volume types a playground pod uses: it sets up each
 * volume of a pod as a live map of files (relative path → content) that the runtime mounts
 * into the containers (src/sim/runtime/volumes.ts), before the sandbox is created, as
 * `WaitForAttachAndMount` does in SyncPod.
 *
 * - emptyDir: one map per pod, shared by its containers, kept across container restarts.
 * - configMap / secret: a file per key (or per `items` entry), read-only; a missing object or key
 *   fails the mount with pkg/volume/configmap/configmap.go and secret/secret.go's texts
 *   (`configmap "x" not found`, `configmap references non-existent config key: k`), retried with
 *   the operation executor's exponential back-off (500 ms doubling to 2m2s,
 *   nestedpendingoperations.go); the object's appearance is seen at the next retry.
 * - downwardAPI and projected (serviceAccountToken, configMap, secret, downwardAPI): files from the
 *   pod's fields; the service-account token is a JWT whose signature is not simulated.
 * - hostPath: a directory of the node's own filesystem (`nodeFs`, the files the node shell reads
 *   and writes), shared by the node's pods; persistentVolumeClaim: its bound volume's node path
 *   (local-path's hostPath directory), so the data outlives the Pod (an unbound claim, on a Pod
 *   bound by hand, gets one map per claim on this node).
 * Other types mount as an empty directory (the kubelet's `NotSimulated` Warning says so, unsimulated.ts).
 */
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS } from '../kernel/time.ts';
import { encodeBase64Url } from '../api/base64.ts';
import { ViewMap } from '../runtime/viewmap.ts';
import { fieldValue } from './env.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs are plain JSON */
type Json = any;

const CONFIGMAPS = preferredResourceForKind('ConfigMap')!;
const SECRETS = preferredResourceForKind('Secret')!;
const PVCS = preferredResourceForKind('PersistentVolumeClaim')!;
const PVS = preferredResourceForKind('PersistentVolume')!;

/** nestedpendingoperations.go: initialDurationBeforeRetry and maxDurationBeforeRetry. */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122_000;

export type Files = Map<string, string>;
export type MountResult = { ok: true } | { ok: false; volume: string; message: string };

/** Volume types whose files the kubelet writes: always mounted read-only. */
const KUBELET_WRITTEN = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);

export class VolumeManager {
  private readonly pods = new Map<string, Map<string, Files>>();
  private readonly hostPaths = new Map<string, Files>();
  private readonly claims = new Map<string, Files>();
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    /** The node's filesystem, by absolute path: what `hostPath` volumes mount a directory of. */
    private readonly nodeFs: Files = new Map(),
  ) {}

  /** Sets up (or refreshes) every volume of the pod; the first failure in spec order. */
  mount(pod: KubeObject): MountResult {
    const uid = pod.metadata.uid;
    const known = this.pods.get(uid);
    const volumes = known ?? new Map<string, Files>();
    for (const v of (pod.spec.volumes ?? []) as Json[]) {
      // Once mounted, only the files the kubelet writes from API objects are refreshed.
      if (known && !(v.configMap || v.secret || v.projected)) continue;
      const files = volumes.get(v.name) ?? this.persistentFiles(pod, v) ?? new Map<string, string>();
      const r = this.fill(pod, v, files);
      if (r !== undefined) return { ok: false, volume: v.name, message: r };
      volumes.set(v.name, files);
    }
    this.pods.set(uid, volumes);
    this.failures.delete(uid);
    return { ok: true };
  }

  mounted(uid: string): boolean {
    return this.pods.has(uid);
  }

  /** The delay before the next mount attempt of a failing pod (500 ms, 1 s, 2 s, ... 2m2s). */
  nextRetryMs(uid: string): number {
    const n = this.failures.get(uid) ?? 0;
    this.failures.set(uid, n + 1);
    return Math.min(MOUNT_RETRY_MAX_MS, MOUNT_RETRY_INITIAL_MS * 2 ** n);
  }

  /** The runtime's mounts for a container: its volumeMounts resolved to the pod's volume maps. */
  mountsFor(pod: KubeObject, spec: Json): { mountPath: string; files: Files; readOnly?: boolean; subPath?: string }[] {
    const volumes = this.pods.get(pod.metadata.uid);
    const out: { mountPath: string; files: Files; readOnly?: boolean; subPath?: string }[] = [];
    for (const m of (spec.volumeMounts ?? []) as Json[]) {
      const files = volumes?.get(m.name);
      const v = ((pod.spec.volumes ?? []) as Json[]).find((x) => x.name === m.name);
      if (!files || !v) continue;
      const mount: { mountPath: string; files: Files; readOnly?: boolean; subPath?: string } = { mountPath: m.mountPath, files };
      if (m.readOnly || [...KUBELET_WRITTEN].some((t) => v[t])) mount.readOnly = true;
      if (m.subPath) mount.subPath = m.subPath;
      out.push(mount);
    }
    return out;
  }

  /** The pod is gone: its emptyDirs and written volumes go with it (hostPath and claims stay). */
  remove(uid: string): void {
    this.pods.delete(uid);
    this.failures.delete(uid);
  }

  private persistentFiles(pod: KubeObject, v: Json): Files | undefined {
    if (v.hostPath) return this.nodeDirectory(String(v.hostPath.path ?? ''));
    if (v.persistentVolumeClaim) {
      // A bound claim mounts its volume's directory on this node (local-path's hostPath, or a
      // local volume), the same files a hostPath volume of that path shows; data outlives the Pod.
      const path = this.claimHostPath(pod.metadata.namespace ?? 'default', v.persistentVolumeClaim.claimName);
      if (path !== undefined) return this.nodeDirectory(path);
      return getOrCreate(this.claims, `${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    }
    return undefined;
  }

  /** One view per node directory, so every pod mounting it reads and writes the same node files. */
  private nodeDirectory(path: string): Files {
    const dir = path.replace(/\/+$/, '');
    let files = this.hostPaths.get(dir);
    if (!files) this.hostPaths.set(dir, (files = new NodeDirectory(this.nodeFs, dir)));
    return files;
  }

  /** The node path of the volume a claim is bound to (hostPath or local), if it has one. */
  private claimHostPath(namespace: string, claimName: string): string | undefined {
    const claim = this.store.peek(PVCS, namespace, claimName) as Json;
    const volumeName: string | undefined = claim?.spec?.volumeName;
    if (!volumeName) return undefined;
    const pv = this.store.peek(PVS, undefined, volumeName) as Json;
    const path: unknown = pv?.spec?.hostPath?.path ?? pv?.spec?.local?.path;
    return typeof path === 'string' ? path.replace(/\/+$/, '') : undefined;
  }

  /** Writes a volume's files; an error message when its source is missing. */
  private fill(pod: KubeObject, v: Json, files: Files): string | undefined {
    const ns = pod.metadata.namespace ?? 'default';
    if (v.configMap || v.secret) {
      const isCM = !!v.configMap;
      const src = v.configMap ?? v.secret;
      const name = isCM ? src.name : src.secretName;
      const data = this.sourceData(ns, isCM, name);
      if (!data) return src.optional ? (files.clear(), undefined) : `${isCM ? 'configmap' : 'secret'} "${name}" not found`;
      return writeKeys(files, data, src.items, isCM, src.optional);
    }
    if (v.downwardAPI) {
      files.clear();
      for (const item of v.downwardAPI.items ?? []) files.set(item.path, downwardValue(pod, item));
      return undefined;
    }
    if (v.projected) {
      const next = new Map<string, string>();
      for (const s of v.projected.sources ?? []) {
        // The token is issued once per pod here (the kubelet refreshes it at 80% of its lifetime).
        if (s.serviceAccountToken) next.set(s.serviceAccountToken.path, files.get(s.serviceAccountToken.path) ?? this.token(pod, s.serviceAccountToken));
        else if (s.downwardAPI) for (const item of s.downwardAPI.items ?? []) next.set(item.path, downwardValue(pod, item));
        else if (s.configMap || s.secret) {
          const isCM = !!s.configMap;
          const src = s.configMap ?? s.secret;
          const data = this.sourceData(ns, isCM, src.name);
          if (!data) {
            if (src.optional) continue;
            return `${isCM ? 'configmap' : 'secret'} "${src.name}" not found`;
          }
          const err = writeKeys(next, data, src.items, isCM, src.optional, false);
          if (err) return err;
        }
      }
      files.clear();
      for (const [k, val] of next) files.set(k, val);
      return undefined;
    }
    // Any other type (nfs, csi, ephemeral, ...) stays an empty directory; the kubelet says so (unsimulated.ts).
    return undefined;
  }

  private sourceData(ns: string, isCM: boolean, name: string): Record<string, string> | undefined {
    const obj = this.store.peek(isCM ? CONFIGMAPS : SECRETS, ns, name) as Json;
    if (!obj) return undefined;
    if (isCM) return { ...(obj.data ?? {}), ...mapValues(obj.binaryData ?? {}, decodeBase64) };
    return secretData(obj);
  }

  /** A bound service-account token (a JWT; the signature is not simulated). */
  private token(pod: KubeObject, s: Json): string {
    const iat = Math.floor((EPOCH_MS + this.kernel.nowMs) / 1000);
    const header = { alg: 'RS256', kid: 'kubeplay' };
    const claims = {
      aud: s.audience ? [s.audience] : ['https://kubernetes.default.svc.cluster.local'],
      exp: iat + (s.expirationSeconds ?? 3607), iat, iss: 'https://kubernetes.default.svc.cluster.local',
      'kubernetes.io': { namespace: pod.metadata.namespace, node: { name: pod.spec.nodeName }, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: pod.spec.serviceAccountName ?? 'default' } },
      nbf: iat, sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec.serviceAccountName ?? 'default'}`,
    };
    return `${encodeBase64Url(JSON.stringify(header))}.${encodeBase64Url(JSON.stringify(claims))}.c2lnbmF0dXJlLW5vdC1zaW11bGF0ZWQ`;
  }
}

/**
 * A Secret's keys, decoded. `stringData` is read too: the API server should have merged it into
 * `data` on write (core/v1 conversion) but the simulated one keeps it as sent.
 */
export function secretData(obj: Json): Record<string, string> {
  return { ...mapValues(obj.data ?? {}, decodeBase64), ...(obj.stringData ?? {}) };
}

function getOrCreate(m: Map<string, Files>, key: string): Files {
  let f = m.get(key);
  if (!f) m.set(key, (f = new Map()));
  return f;
}

function mapValues(o: Record<string, string>, fn: (s: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fn(v)]));
}

/** Keys as files, or the `items` chosen; configmap.go / secret.go's error for an item's missing key. */
function writeKeys(files: Files, data: Record<string, string>, items: Json[] | undefined, isCM: boolean, optional: boolean | undefined, clear = true): string | undefined {
  const next = new Map<string, string>();
  if (items?.length) {
    for (const item of items) {
      if (!(item.key in data)) {
        if (optional) continue;
        return isCM ? `configmap references non-existent config key: ${item.key}` : `references non-existent secret key: ${item.key}`;
      }
      next.set(item.path, data[item.key]!);
    }
  } else for (const [k, v] of Object.entries(data)) next.set(k, v);
  if (clear) files.clear();
  for (const [k, v] of next) files.set(k, v);
  return undefined;
}

/** A downwardAPI item's file content: a field (labels and annotations as `k="v"` lines, sorted) or a resource. */
function downwardValue(pod: KubeObject, item: Json): string {
  if (item.fieldRef) {
    const path: string = item.fieldRef.fieldPath;
    if (path === 'metadata.labels' || path === 'metadata.annotations') {
      const map: Record<string, string> = (path === 'metadata.labels' ? pod.metadata.labels : pod.metadata.annotations) ?? {};
      return Object.keys(map).sort().map((k) => `${k}=${JSON.stringify(map[k])}`).join('\n');
    }
    return fieldValue(pod, path) ?? '';
  }
  return '';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Secret `data` is base64; what does not decode is kept as it is (the API server rejects it upstream). */
export function decodeBase64(text: string): string {
  const clean = text.replace(/[\s=]/g, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) return text;
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const c of clean) {
    buf = (buf << 6) | B64.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 0xff);
    }
  }
  try {
    return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  } catch {
    return String.fromCharCode(...bytes); // binary data: shown byte for byte
  }
}

/**
 * A directory of the node's filesystem as a volume's files (relative path → content): reads and
 * writes go to the node's map under `dir`, so a file written on the node (`echo … >
 * /mnt/data/index.html` in its shell) is in the Pod, and what the Pod writes is on the node.
 */
export class NodeDirectory extends ViewMap {
  constructor(
    private readonly nodeFs: Files,
    private readonly dir: string,
  ) {
    super();
  }

  private full(key: string): string {
    return `${this.dir}/${key}`;
  }

  override get(key: string): string | undefined {
    return this.nodeFs.get(this.full(key));
  }

  override has(key: string): boolean {
    return this.nodeFs.has(this.full(key));
  }

  override set(key: string, content: string): this {
    this.nodeFs.set(this.full(key), content);
    return this;
  }

  override delete(key: string): boolean {
    return this.nodeFs.delete(this.full(key));
  }

  override clear(): void {
    for (const k of [...this.keys()]) this.delete(k);
  }

  override *keys(): MapIterator<string> {
    const prefix = `${this.dir}/`;
    for (const k of this.nodeFs.keys()) if (k.startsWith(prefix)) yield k.slice(prefix.length);
  }
}
