/**
 * Image names as containerd normalises them, and the kubelet's image-pull messages
 * (pkg/kubelet/images/image_manager.go, v1.31).
 */
import { goDuration } from './format.ts';

/** docker/distribution's reference grammar, loosely: lowercase repository path, optional tag and digest. */
const REFERENCE = /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function isValidImage(image: string): boolean {
  return REFERENCE.test(image);
}

/** `nginx:1.27` → `docker.io/library/nginx:1.27`; no tag → `:latest`. */
export function normalizeImage(image: string): string {
  let name = image;
  const firstSlash = name.indexOf('/');
  const first = firstSlash < 0 ? '' : name.slice(0, firstSlash);
  if (firstSlash < 0) name = `docker.io/library/${name}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${name}`;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !name.includes('@')) name += ':latest';
  return name;
}

/** The repository part of a normalised image (`docker.io/library/nginx`). */
export function repository(image: string): string {
  const n = normalizeImage(image);
  const at = n.indexOf('@');
  const base = at >= 0 ? n.slice(0, at) : n;
  const colon = base.lastIndexOf(':');
  return colon > base.lastIndexOf('/') ? base.slice(0, colon) : base;
}

/** A stable made-up digest for an image whose pull the kubelet did not see (64 hex, FNV-1a chained). */
export function syntheticImageID(image: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${image}#${round}`) {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return `${repository(image)}@sha256:${out.slice(0, 64)}`;
}

/** The events' messages, verbatim from image_manager.go. */
export const imageMessages = {
  pulling: (image: string) => `Pulling image "${image}"`,
  pulled: (image: string, pullMs: number, totalMs: number, sizeBytes: number) => `Successfully pulled image "${image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${sizeBytes} bytes.`,
  present: (image: string) => `Container image "${image}" already present on machine`,
  neverPull: (image: string) => `Container image "${image}" is not present with pull policy of Never`,
  failed: (image: string, message: string) => `Failed to pull image "${image}": ${message}`,
  backOff: (image: string) => `Back-off pulling image "${image}"`,
  invalid: (image: string) => `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`,
};
