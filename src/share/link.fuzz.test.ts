/**
 * Share links are untrusted input: random fragments and mutations of real links never throw,
 * never hang, and always end as a scenario that passed validation or a message saying what is wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GALLERY } from '../scenarios/gallery.ts';
import { decodeShareLink, encodeShareLink } from './link.ts';

const RUNS = process.env['KUBEPLAY_LONG'] === '1' ? 2_000 : 150;

function expectWellFormed(result: Awaited<ReturnType<typeof decodeShareLink>>): void {
  if (result.ok) {
    expect(result.scenario.version).toBe(1);
    expect(Array.isArray(result.scenario.actions)).toBe(true);
  } else {
    expect(typeof result.error).toBe('string');
    expect(result.error.length).toBeGreaterThan(0);
    expect(result.error).not.toMatch(/TypeError|undefined is not|Cannot read properties/);
  }
}

describe('share links under fuzzing', () => {
  it('random fragments give a clear error, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string().map((s) => `#s1.${s}`), fc.base64String().map((s) => `#s1.${s}`)), async (fragment) => {
        expectWellFormed(await decodeShareLink(fragment));
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
  });

  it('mutated real links (flipped, cut, spliced characters) decode or fail cleanly', async () => {
    const links = await Promise.all(GALLERY.slice(0, 4).map((e) => encodeShareLink(e.scenario)));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: links.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: alphabet.length - 1 }), fc.constantFrom('flip', 'cut', 'insert', 'delete')), { minLength: 1, maxLength: 4 }),
        async (which, edits) => {
          let link = links[which]!;
          for (const [at, ch, op] of edits) {
            const i = 4 + (at % Math.max(1, link.length - 4));
            const c = alphabet[ch]!;
            if (op === 'flip') link = link.slice(0, i) + c + link.slice(i + 1);
            else if (op === 'cut') link = link.slice(0, i);
            else if (op === 'insert') link = link.slice(0, i) + c + link.slice(i);
            else link = link.slice(0, i) + link.slice(i + 1);
          }
          expectWellFormed(await decodeShareLink(link));
        },
      ),
      { numRuns: RUNS, seed: 7 },
    );
  });
});
