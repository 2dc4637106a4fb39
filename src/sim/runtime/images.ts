/**
 * Each node's image store and the pulls into it, as containerd's CRI image service does them:
 * a pull resolves the reference at the registry, downloads the layers the node lacks and
 * unpacks them; two pulls of one image on one node share the work (containerd deduplicates
 * by reference); a registry that refuses makes the pull fail with containerd's error.
 *
 * Pull time, drawn per pull from the kernel's PRNG (a local registry mirror on a LAN):
 *   resolve 250–750 ms + size ÷ (25–50 MB/s) + size ÷ 200 MB/s to unpack.
 * A 70 MB image takes about 3 s; a pull of an image already present costs only the resolve.
 * Size and digests are fixed per image: seeded by the cluster seed and the reference, so they
 * do not depend on the order of pulls.
 */
import type { Kernel } from '../kernel/kernel.ts';
import { Prng } from '../kernel/prng.ts';
import { behaviourFor, type ImageBehaviour } from './behaviours.ts';
import { goQuote, invalidImageNameMessage, parseImageReference, type ImageReference } from './reference.ts';
import type { PullResult } from './types.ts';

export const PULL_RESOLVE_MS = { min: 250, max: 750 };
export const PULL_DOWNLOAD_MB_PER_S = { min: 25, max: 50 };
export const PULL_UNPACK_MB_PER_S = 200;
/** Size of an image the catalog does not know, drawn once per image. */
export const GENERIC_IMAGE_BYTES = { min: 8_000_000, max: 120_000_000 };

interface ImageFacts {
  imageRef: string;
  imageID: string;
  sizeBytes: number;
}

/** containerd's error for a reference the registry does not have (as the kubelet quotes it after `Failed to pull image "...": `). */
export function notFoundMessage(canonical: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image ${goQuote(canonical)}: failed to resolve reference ${goQuote(canonical)}: ${canonical}: not found`;
}

export class ImageStore {
  private readonly present = new Map<string, Set<string>>();
  private readonly inflight = new Map<string, ((r: PullResult) => void)[]>();
  private readonly refused = new Map<string, string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly behaviours: (repository: string) => ImageBehaviour = (r) => behaviourFor(r),
  ) {}

  has(node: string, image: string): boolean {
    const parsed = parseImageReference(image);
    return parsed.ok && (this.present.get(node)?.has(parsed.ref.canonical) ?? false);
  }

  /** Puts an image on a node without a pull (images baked into the node, e.g. pause and kube-proxy). */
  preload(node: string, image: string): void {
    const parsed = parseImageReference(image);
    if (!parsed.ok) throw new Error(`preload: ${parsed.error}`);
    this.nodeImages(node).add(parsed.ref.canonical);
  }

  /** A registry that refuses an image (fault injection); `available: true` lifts it. */
  setAvailability(image: string, available: boolean, message?: string): void {
    const parsed = parseImageReference(image);
    if (!parsed.ok) throw new Error(`setImageAvailability: ${parsed.error}`);
    if (available) this.refused.delete(parsed.ref.canonical);
    else this.refused.set(parsed.ref.canonical, message ?? notFoundMessage(parsed.ref.canonical));
  }

  pull(node: string, image: string, done: (r: PullResult) => void): void {
    const parsed = parseImageReference(image);
    if (!parsed.ok) {
      const message = invalidImageNameMessage(image, parsed.error);
      this.kernel.after(0, `runtime: invalid image ${image}`, () => done({ ok: false, reason: 'InvalidImageName', message }));
      return;
    }
    const ref = parsed.ref;
    const key = `${node}\u0000${ref.canonical}`;
    const waiting = this.inflight.get(key);
    if (waiting) {
      waiting.push(done);
      return;
    }
    const callbacks = [done];
    this.inflight.set(key, callbacks);
    const finish = (result: PullResult) => {
      this.inflight.delete(key);
      if (result.ok) this.nodeImages(node).add(ref.canonical);
      for (const cb of callbacks) cb(result);
    };

    const rng = this.kernel.rng;
    const resolveMs = rng.intBetween(PULL_RESOLVE_MS.min, PULL_RESOLVE_MS.max);
    const refusal = this.refused.get(ref.canonical) ?? this.missingTag(ref);
    if (refusal !== undefined) {
      this.kernel.after(resolveMs, `runtime: pull ${ref.canonical} on ${node} fails`, () => finish({ ok: false, reason: 'ErrImagePull', message: refusal }));
      return;
    }
    const facts = this.facts(ref);
    const alreadyPresent = this.nodeImages(node).has(ref.canonical);
    let pulledInMs = resolveMs;
    if (!alreadyPresent) {
      const downloadBytesPerMs = rng.intBetween(PULL_DOWNLOAD_MB_PER_S.min, PULL_DOWNLOAD_MB_PER_S.max) * 1000;
      pulledInMs = Math.round(resolveMs + facts.sizeBytes / downloadBytesPerMs + facts.sizeBytes / (PULL_UNPACK_MB_PER_S * 1000));
    }
    this.kernel.after(pulledInMs, `runtime: pull ${ref.canonical} on ${node}`, () => finish({ ok: true, ...facts, pulledInMs, alreadyPresent }));
  }

  /** Digests and size of an image: fixed per image, from the cluster seed and the reference. */
  facts(ref: ImageReference): ImageFacts {
    const rng = new Prng(fnv1a(`${this.kernel.seed}\u0000${ref.repository}:${ref.tag ?? ''}`));
    const hex = () => Array.from({ length: 8 }, () => rng.nextUint32().toString(16).padStart(8, '0')).join('');
    const manifest = hex();
    const config = hex();
    const size = this.behaviours(ref.repository).sizeBytes ?? rng.intBetween(GENERIC_IMAGE_BYTES.min, GENERIC_IMAGE_BYTES.max);
    return {
      imageRef: `sha256:${config}`,
      imageID: `${ref.repository}@${ref.digest ?? `sha256:${manifest}`}`,
      sizeBytes: size,
    };
  }

  private missingTag(ref: ImageReference): string | undefined {
    const tags = this.behaviours(ref.repository).tags;
    return tags && ref.tag !== undefined && !tags.includes(ref.tag) ? notFoundMessage(ref.canonical) : undefined;
  }

  private nodeImages(node: string): Set<string> {
    let set = this.present.get(node);
    if (!set) this.present.set(node, (set = new Set()));
    return set;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
