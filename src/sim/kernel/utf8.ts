/**
 * UTF-8 encoding (the core's lib has no TextEncoder): the bytes Go's []byte(string) holds, which
 * the hashes that must match upstream (kube-proxy's chain names, pod-template-hash) and the
 * service-account token's base64url are computed over.
 */

/** The UTF-8 bytes of `text`, code point by code point (a lone surrogate as its 3-byte form). */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** The same bytes as a Uint8Array; ASCII without the detour through an array. */
export function utf8(text: string): Uint8Array {
  // eslint-disable-next-line no-control-regex -- the ASCII range
  if (!/^[\x00-\x7f]*$/.test(text)) return Uint8Array.from(utf8Bytes(text));
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
