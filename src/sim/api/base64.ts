/** Base64 of a string's UTF-8 bytes (RFC 4648): how a Secret's `data` holds text, and a JWT's segments. */
import { utf8Bytes } from '../kernel/utf8.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Characters are collected and joined once: `+=` a few at a time would leave a rope of cons-string
 * nodes in the heap for as long as the value is kept.
 */
function encode(text: string, alphabet: string, pad: boolean): string {
  const bytes = utf8Bytes(text);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, bytes.length - i + 1);
    for (let k = 0; k < 4; k++) {
      if (k < chars) out.push(alphabet[(n >> (18 - 6 * k)) & 63]!);
      else if (pad) out.push('=');
    }
  }
  return out.join('');
}

/** The standard alphabet, padded (Go's base64.StdEncoding). */
export function encodeBase64(text: string): string {
  return encode(text, B64, true);
}

/** The URL alphabet without padding (RFC 4648 §5, base64.RawURLEncoding), as a JWT's segments are encoded. */
export function encodeBase64Url(text: string): string {
  return encode(text, B64URL, false);
}
