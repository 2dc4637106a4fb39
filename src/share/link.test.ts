import { describe, expect, it } from 'vitest';
import { base64UrlDecode, base64UrlEncode, decodeShareLink, encodeShareLink, MAX_FRAGMENT_CHARS } from './link.ts';
import { GALLERY } from '../scenarios/gallery.ts';
import type { Scenario } from '../scenarios/types.ts';

const scenario: Scenario = GALLERY.find((e) => e.id === 'deployment-heals')!.scenario;

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
const linkOf = async (json: string) => `#s1.${base64UrlEncode(await deflate(new TextEncoder().encode(json)))}`;

describe('share links', () => {
  it('round-trip a scenario with its time and selection', async () => {
    const link = await encodeShareLink(scenario, { t: 42.5, selection: 'pods/default/web' });
    expect(link).toMatch(/^#s1\.[A-Za-z0-9_-]+$/);
    const back = await decodeShareLink(link);
    expect(back).toEqual({ ok: true, scenario: { ...scenario, view: { t: 42.5, selection: 'pods/default/web' } }, t: 42.5, selection: 'pods/default/web' });
    expect(await decodeShareLink(`https://example.org/kubeplay/?x=1${link}`)).toEqual(back);
    // Without the #, and without extras.
    expect(await decodeShareLink((await encodeShareLink(scenario)).slice(1))).toEqual({ ok: true, scenario });
  });

  it('round-trips every gallery scenario', async () => {
    for (const e of GALLERY) {
      const back = await decodeShareLink(await encodeShareLink(e.scenario));
      expect(back).toEqual({ ok: true, scenario: e.scenario });
    }
  });

  it('refuses a corrupt base64url', async () => {
    const link = await encodeShareLink(scenario);
    expect(await decodeShareLink(link.slice(0, 10) + '*' + link.slice(11))).toEqual({ ok: false, error: 'this link is damaged: it is not valid base64url (was it cut or changed when pasted?)' });
    expect(await decodeShareLink('#s1.A')).toEqual({ ok: false, error: 'this link is damaged: it is not valid base64url (was it cut or changed when pasted?)' });
  });

  it('refuses a truncated deflate stream', async () => {
    const link = await encodeShareLink(scenario);
    // Cut mid-stream where the base64url is still well formed (a length of 4n+1 never is).
    let cut = Math.floor(link.length / 2);
    if ((cut - '#s1.'.length) % 4 === 1) cut--;
    expect(await decodeShareLink(link.slice(0, cut))).toEqual({ ok: false, error: 'this link is damaged: its compressed data is incomplete or corrupt (was it cut when pasted?)' });
  });

  it('refuses a decompression bomb quickly', async () => {
    const bomb = await deflate(new Uint8Array(50 * 1024 * 1024));
    const link = `#s1.${base64UrlEncode(bomb)}`;
    expect(link.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    const started = performance.now();
    expect(await decodeShareLink(link)).toEqual({ ok: false, error: 'the link expands to more than 2 MB' });
    // Inflating all 50 MB takes several times longer; stopping at 2 MB takes a few milliseconds.
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses an over-long fragment before decoding it', async () => {
    expect(await decodeShareLink(`#s1.${'A'.repeat(MAX_FRAGMENT_CHARS)}`)).toEqual({ ok: false, error: 'this link is too long (262147 characters; at most 262144)' });
  });

  it('refuses unknown link versions and scenario versions with clear messages', async () => {
    expect(await decodeShareLink('#s9.abc')).toEqual({ ok: false, error: 'unknown link version s9 (this page reads s1; a newer Kubeplay made it)' });
    expect(await decodeShareLink('#x1.abc')).toEqual({ ok: false, error: 'this link has no Kubeplay scenario in it (it should start with #s1.)' });
    expect(await decodeShareLink(await linkOf(JSON.stringify({ ...scenario, version: 7 })))).toEqual({ ok: false, error: 'this link was made by a newer Kubeplay (scenario version 7; this page reads version 1)' });
  });

  it('refuses wrong types, bad JSON and bad UTF-8, without throwing', async () => {
    expect(await decodeShareLink(await linkOf(JSON.stringify({ ...scenario, seed: 'seven', actions: [{ at: '1', kind: 'exec', line: 'x' }] })))).toEqual({
      ok: false, error: 'this link\'s scenario is not valid:\nseed: must be an integer >= 0 and <= 4294967295, got string\nactions[0].at: must be a number >= 0 and <= 2592000, got string',
    });
    expect(await decodeShareLink(await linkOf('{"version":1,'))).toEqual({ ok: false, error: 'this link is damaged: its content is not JSON' });
    expect(await decodeShareLink(`#s1.${base64UrlEncode(await deflate(new Uint8Array([0xff, 0xfe])))}`)).toEqual({ ok: false, error: 'this link is damaged: its content is not UTF-8 text' });
    expect(await decodeShareLink(undefined)).toEqual({ ok: false, error: 'this link has no scenario in it' });
  });
});

describe('base64url', () => {
  it('round-trips every length and rejects padding and other alphabets', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 255);
      const text = base64UrlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(base64UrlDecode(text)).toEqual(bytes);
    }
    expect(base64UrlDecode('ab+/')).toBeUndefined();
    expect(base64UrlDecode('YQ==')).toBeUndefined();
  });
});
