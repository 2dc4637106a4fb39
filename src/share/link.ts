/**
 * Share links: the scenario in the URL fragment, `#s1.<base64url of deflate-raw of JSON>`, where
 * `1` is the link format's version. The fragment never reaches a server. Opening a link is
 * handling untrusted input: every step is capped (fragment length, decompressed size), the JSON
 * is checked by parseScenario, and nothing in it is ever executed; decodeShareLink never throws.
 */
import { minimizeScenario, parseScenario, ScenarioError } from '../scenarios/validate.ts';
import type { Scenario } from '../scenarios/types.ts';

export const LINK_VERSION = 1;
/** A fragment longer than this is refused before decoding. */
export const MAX_FRAGMENT_CHARS = 256 * 1024;
/** Decompression stops here: a few KB of link must not become gigabytes of memory. */
export const MAX_DECOMPRESSED_BYTES = 2 * 1024 * 1024;

export type DecodedLink =
  | { ok: true; scenario: Scenario; t?: number; selection?: string }
  | { ok: false; error: string };

/**
 * The fragment (with its `#`) for a scenario; `extra` records the time and selection to show,
 * stored as the scenario's view so that they are validated like the rest.
 */
export async function encodeShareLink(scenario: Scenario, extra: { t?: number; selection?: string } = {}): Promise<string> {
  const view = { ...scenario.view, ...(extra.t !== undefined ? { t: extra.t } : {}), ...(extra.selection !== undefined ? { selection: extra.selection } : {}) };
  const json = JSON.stringify(minimizeScenario({ ...scenario, view }));
  const bytes = await compress(new TextEncoder().encode(json));
  return `#s${LINK_VERSION}.${base64UrlEncode(bytes)}`;
}

/** Reads a fragment (with or without `#`, or a whole URL). Never throws: a broken link gives `{ ok: false, error }`. */
export async function decodeShareLink(fragment: unknown): Promise<DecodedLink> {
  try {
    return await decode(fragment);
  } catch (err) {
    // Whatever slipped through the checks below is still an error message, not an exception.
    return { ok: false, error: `this link cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function decode(fragment: unknown): Promise<DecodedLink> {
  if (typeof fragment !== 'string') return { ok: false, error: 'this link has no scenario in it' };
  // A whole URL, a fragment with its `#`, or the fragment alone.
  const f = fragment.includes('#') ? fragment.slice(fragment.indexOf('#') + 1) : fragment;
  if (f.length > MAX_FRAGMENT_CHARS) return { ok: false, error: `this link is too long (${f.length} characters; at most ${MAX_FRAGMENT_CHARS})` };
  const m = /^s(\d{1,6})\./.exec(f);
  if (!m) return { ok: false, error: 'this link has no Kubeplay scenario in it (it should start with #s1.)' };
  if (Number(m[1]) !== LINK_VERSION) return { ok: false, error: `unknown link version s${m[1]} (this page reads s${LINK_VERSION}; a newer Kubeplay made it)` };
  const bytes = base64UrlDecode(f.slice(m[0].length));
  if (!bytes) return { ok: false, error: 'this link is damaged: it is not valid base64url (was it cut or changed when pasted?)' };
  const inflated = await decompressCapped(bytes, MAX_DECOMPRESSED_BYTES);
  if (inflated === 'too-big') return { ok: false, error: `the link expands to more than ${MAX_DECOMPRESSED_BYTES / 1024 / 1024} MB` };
  if (inflated === 'corrupt') return { ok: false, error: 'this link is damaged: its compressed data is incomplete or corrupt (was it cut when pasted?)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return { ok: false, error: 'this link is damaged: its content is not UTF-8 text' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'this link is damaged: its content is not JSON' };
  }
  try {
    const scenario = parseScenario(data, 'link');
    return { ok: true, scenario, ...(scenario.view?.t !== undefined ? { t: scenario.view.t } : {}), ...(scenario.view?.selection !== undefined ? { selection: scenario.view.selection } : {}) };
  } catch (err) {
    if (err instanceof ScenarioError) return { ok: false, error: err.issues.length === 1 && err.issues[0]!.startsWith('this link') ? err.issues[0]! : `this link's scenario is not valid:\n${err.message}` };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// deflate-raw through the platform's CompressionStream (Chromium 103+, Node 18+).

async function compress(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, stopping as soon as the output passes `cap` bytes (a bomb is refused in milliseconds). */
async function decompressCapped(bytes: Uint8Array, cap: number): Promise<Uint8Array | 'too-big' | 'corrupt'> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  // Not awaited: the writer waits for the reader below (backpressure); errors surface on read.
  writer.write(bytes as BufferSource).catch(() => {});
  writer.close().catch(() => {});
  const reader = ds.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        reader.cancel().catch(() => {});
        return 'too-big';
      }
      chunks.push(value);
    }
  } catch {
    return 'corrupt';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

// ---------------------------------------------------------------------------------------------
// base64url without padding (RFC 4648 §5), strict: any other character is an error.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const INDEX = new Map([...ALPHABET].map((ch, i) => [ch, i]));

export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!, b1 = bytes[i + 1], b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (b1 !== undefined) out += ALPHABET[(n >> 6) & 63]!;
    if (b2 !== undefined) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** The bytes, or undefined when the text is not base64url (a stray character, an impossible length). */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    const len = Math.min(4, text.length - i);
    for (let k = 0; k < 4; k++) {
      const v = k < len ? INDEX.get(text[i + k]!) : 0;
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    out[o++] = (n >> 16) & 255;
    if (len > 2) out[o++] = (n >> 8) & 255;
    if (len > 3) out[o++] = n & 255;
  }
  return out;
}
