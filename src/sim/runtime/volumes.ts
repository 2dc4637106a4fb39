/**
 * A container's filesystem with its volumes mounted: the image's files (an in-memory map of
 * absolute path → content) and, at each mountPath, a volume's files. A volume is a live map of
 * relative path → content that the kubelet owns per pod (`emptyDir`: shared by the pod's
 * containers; `configMap`/`secret`/`downwardAPI`: written by the kubelet, read-only as runc
 * mounts them). `subPath` mounts one entry of the volume at mountPath.
 */
import { ViewMap } from './viewmap.ts';

export interface Mount {
  mountPath: string;
  /** The volume's files, by path relative to the volume root (`key`, `dir/key`). */
  files: Map<string, string>;
  readOnly?: boolean;
  subPath?: string;
}

export class MountFs extends ViewMap {
  private readonly mounts: Mount[];

  constructor(mounts: Mount[] = [], initial: Iterable<[string, string]> = []) {
    super();
    // Longest mountPath first, so a nested mount wins over its parent.
    this.mounts = [...mounts].sort((a, b) => b.mountPath.length - a.mountPath.length).map((m) => ({ ...m, mountPath: m.mountPath.replace(/\/+$/, '') || '/' }));
    // A volume mounted over an image directory hides what the image has there (a bind mount;
    // unlike Docker volumes, Kubernetes volumes are not seeded from the image).
    for (const [k, v] of initial) if (!this.route(k)) super.set(k, v);
  }

  /** The mount a path falls under, and its key in the volume. */
  route(path: string): { mount: Mount; key: string } | undefined {
    for (const mount of this.mounts) {
      const base = mount.mountPath;
      const sub = mount.subPath ? mount.subPath.replace(/\/+$/, '') : '';
      if (path === base && sub) return { mount, key: sub };
      if (path.startsWith(base === '/' ? '/' : base + '/')) {
        const rest = path.slice(base === '/' ? 1 : base.length + 1);
        return { mount, key: sub ? `${sub}/${rest}` : rest };
      }
    }
    return undefined;
  }

  readOnlyAt(path: string): boolean {
    return this.route(path)?.mount.readOnly === true;
  }

  override get(path: string): string | undefined {
    const r = this.route(path);
    return r ? r.mount.files.get(r.key) : super.get(path);
  }

  override has(path: string): boolean {
    const r = this.route(path);
    return r ? r.mount.files.has(r.key) : super.has(path);
  }

  override set(path: string, content: string): this {
    const r = this.route(path);
    if (r) r.mount.files.set(r.key, content);
    else super.set(path, content);
    return this;
  }

  override delete(path: string): boolean {
    const r = this.route(path);
    return r ? r.mount.files.delete(r.key) : super.delete(path);
  }

  override *keys(): MapIterator<string> {
    for (const k of super.keys()) if (!this.route(k)) yield k;
    for (const m of this.mounts) {
      const sub = m.subPath ? m.subPath.replace(/\/+$/, '') : '';
      for (const key of m.files.keys()) {
        if (!sub) yield `${m.mountPath === '/' ? '' : m.mountPath}/${key}`;
        else if (key === sub) yield m.mountPath;
        else if (key.startsWith(sub + '/')) yield `${m.mountPath}/${key.slice(sub.length + 1)}`;
      }
    }
  }
}

/** Whether writing at `path` fails with `Read-only file system`. */
export function isReadOnly(fs: Map<string, string>, path: string): boolean {
  return fs instanceof MountFs && fs.readOnlyAt(path);
}

/** Whether `path` is a directory of `fs`: the root, a mountPath, or the parent of some file. */
export function isDirectory(fs: Map<string, string>, path: string): boolean {
  if (path === '/') return true;
  if (fs instanceof MountFs && fs.route(path + '/x')?.mount.mountPath === path) return true;
  for (const k of fs.keys()) if (k.startsWith(path + '/')) return true;
  return false;
}
