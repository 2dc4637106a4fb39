/**
 * Fuzzing the YAML/JSON reader (issue 9, "Fuzzed input"): whatever text is pasted, decodeStream
 * either refuses it as too large (InputTooLargeError, before parsing) or returns, document by
 * document, a value or a one-line go-yaml-style error; it never throws anything else, and
 * inputs built to explode (alias expansion, nesting, document count, size) are refused by the
 * limits in LIMITS rather than expanded. The same inputs through `kubectl apply` are in
 * src/sim/kubectl/apply.fuzz.test.ts.
 *
 * `KUBEPLAY_LONG=1` runs many more cases.
 */
// fast-check is a devDependency for tests; the sim-boundary rule lets tests import only vitest (see the report).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeStream, InputTooLargeError, LIMITS, type DecodedDocument } from './decode.ts';

const LONG = process.env.KUBEPLAY_LONG === '1';
const RUNS = LONG ? 20_000 : 400;
/** Fixed in the bounded run so `npm test` is reproducible; KUBEPLAY_SEED or the long mode explore. */
const SEED = process.env.KUBEPLAY_SEED ? Number(process.env.KUBEPLAY_SEED) : LONG ? undefined : 9;
const PARAMS = { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) };
/** Generous: the machine is shared; the bounded cases take a few seconds. */
const TIMEOUT_MS = LONG ? 3_600_000 : 120_000;

/** Decodes, and checks the shape of what came back; returns the documents or the refusal. */
function decodeChecked(text: string): DecodedDocument[] | InputTooLargeError {
  let docs: DecodedDocument[];
  try {
    docs = decodeStream(text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputTooLargeError);
    expect((err as Error).message).toMatch(/^the input (is|has) .*; Kubeplay accepts at most /);
    return err as InputTooLargeError;
  }
  let previous = -1;
  for (const doc of docs) {
    expect(doc.index).toBeGreaterThan(previous);
    previous = doc.index;
    expect(doc.startLine).toBeGreaterThanOrEqual(1);
    if (doc.error !== undefined) {
      expect(doc.error, 'errors read as go-yaml: "yaml: ..."').toMatch(/^yaml: \S/);
      expect(doc.value).toBeUndefined();
      if (doc.errorLine !== undefined) expect(doc.errorLine).toBeGreaterThanOrEqual(doc.startLine);
    } else {
      expect(doc.value, 'a document without error has a value').not.toBeUndefined();
      // What comes out is JSON data: it survives a JSON round trip unchanged (no undefined, no cycles,
      // no Dates or Maps from YAML tags).
      expect(JSON.parse(JSON.stringify(doc.value))).toEqual(doc.value);
    }
  }
  return docs;
}

/** Characters that mean something to YAML, and some that mean trouble to text handling. */
const YAML_CHARS = [...':-? \n\t{}[],&*!|>\'"%@`#=~.0123456789abcxyz', '\r', '\u0000', '\uFEFF', '\u2028', '中', '😀', '\\'];
const yamlish = fc.array(fc.constantFrom(...YAML_CHARS), { maxLength: 300 }).map((cs) => cs.join(''));

/** `depth` levels of `open … close` around a scalar. */
const nest = (open: string, close: string, depth: number) => `${open.repeat(depth)}x${close.repeat(depth)}`;

/** The classic: 9 levels of 9 aliases, 10^9 strings if expanded. */
function billionLaughs(levels = 9, fanout = 9): string {
  const name = (i: number) => `l${i}`;
  const lines = [`${name(0)}: &${name(0)} [${Array(fanout).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${name(i)}: &${name(i)} [${Array(fanout).fill(`*${name(i - 1)}`).join(', ')}]`);
  return lines.join('\n');
}

describe('decodeStream on random and hostile text', () => {
  it(`never throws anything but InputTooLargeError on random YAML-ish text (${RUNS} cases)`, () => {
    fc.assert(fc.property(yamlish, (text) => {
      decodeChecked(text);
    }), PARAMS);
  }, TIMEOUT_MS);

  it(`never throws on arbitrary unicode strings, including lone surrogates (${RUNS} cases)`, () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
      decodeChecked(text);
    }), PARAMS);
  }, TIMEOUT_MS);

  it(`reads any JSON value written as JSON, and as YAML, back to the same data (${RUNS} cases)`, () => {
    // kubectl reads JSON as YAML; JSON data without nulls (which decode as absent fields) must round-trip.
    const noNulls = fc.jsonValue({ maxDepth: 4 }).filter((v) => !JSON.stringify(v).includes('null') && !Number.isNaN(v as number));
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), noNulls, { minKeys: 1, maxKeys: 4 }), (obj) => {
      const text = JSON.stringify(obj);
      const docs = decodeChecked(text);
      expect(Array.isArray(docs)).toBe(true);
      const [doc] = docs as DecodedDocument[];
      // -0 becomes 0 and very large or tiny numbers may lose their form; compare as JSON text.
      expect(doc?.error).toBeUndefined();
      expect(JSON.stringify(doc!.value)).toBe(JSON.stringify(JSON.parse(text)));
    }), PARAMS);
  }, TIMEOUT_MS);

  it('refuses the billion laughs with go-yaml\'s message instead of expanding it', () => {
    // Were it expanded this would build 10^9 strings and never return; returning at all is the bound.
    for (const text of [billionLaughs(), billionLaughs(30, 2), billionLaughs(5, 50)]) {
      const docs = decodeChecked(text) as DecodedDocument[];
      expect(docs).toEqual([{ index: 0, startLine: 1, error: 'yaml: document contains excessive aliasing', errorLine: 1 }]);
    }
    // The same with mappings and merge keys.
    const maps = ['a: &a {x: 1, y: 2, z: 3}'];
    for (let i = 1; i < 12; i++) maps.push(`k${i}: &k${i} {p: ${i === 1 ? '*a' : `*k${i - 1}`}, q: ${i === 1 ? '*a' : `*k${i - 1}`}, r: ${i === 1 ? '*a' : `*k${i - 1}`}, s: ${i === 1 ? '*a' : `*k${i - 1}`}}`);
    expect((decodeChecked(maps.join('\n')) as DecodedDocument[])[0]!.error).toBe('yaml: document contains excessive aliasing');
  }, TIMEOUT_MS);

  it('still reads the modest anchors manifests use', () => {
    const text = 'base: &base {image: nginx:1.27, imagePullPolicy: IfNotPresent}\ncontainers:\n- <<: *base\n  name: a\n- <<: *base\n  name: b\n- *base\n';
    const [doc] = decodeChecked(text) as DecodedDocument[];
    expect(doc!.value).toEqual({
      base: { image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' },
      containers: [
        { image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', name: 'a' },
        { image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', name: 'b' },
        { image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' },
      ],
    });
  }, TIMEOUT_MS);

  it('refuses an alias to an anchor that is not defined with go-yaml\'s message', () => {
    expect((decodeChecked('a: *nowhere\n') as DecodedDocument[])[0]!.error).toBe("yaml: unknown anchor 'nowhere' referenced");
  }, TIMEOUT_MS);

  it('refuses nesting past the limit, however deep and in whichever style, with an error and no throw', () => {
    for (const depth of [LIMITS.maxDepth + 1, 1_000, 20_000]) {
      for (const text of [nest('[', ']', depth), nest('{a: ', '}', depth), `k: ${nest('[', ']', depth)}`]) {
        const docs = decodeChecked(text) as DecodedDocument[];
        expect(docs).toHaveLength(1);
        // Also where the parser runs out of stack first (thousands of levels): the same message.
        expect(docs[0]!.error, `depth ${depth}: ${text.slice(0, 20)}`).toBe(`yaml: the document nests deeper than ${LIMITS.maxDepth} levels, Kubeplay's limit`);
      }
    }
    // Block style indents once per level, so 100 levels of block mappings are already ~5,000 characters.
    const block = Array.from({ length: LIMITS.maxDepth + 1 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1';
    expect((decodeChecked(block) as DecodedDocument[])[0]!.error).toBe(`yaml: the document nests deeper than ${LIMITS.maxDepth} levels, Kubeplay's limit`);
    const ok = Array.from({ length: LIMITS.maxDepth - 1 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1';
    expect((decodeChecked(ok) as DecodedDocument[])[0]!.error).toBeUndefined();
  }, TIMEOUT_MS);

  it('reads huge scalars up to the size limit, and refuses past it before parsing', () => {
    const big = 'x'.repeat(LIMITS.maxInputChars - 100);
    const [doc] = decodeChecked(`a: ${big}\n`) as DecodedDocument[];
    expect((doc!.value as { a: string }).a.length).toBe(big.length);
    const refused = decodeChecked(`a: ${'x'.repeat(LIMITS.maxInputChars)}\n`);
    expect(refused).toBeInstanceOf(InputTooLargeError);
    expect((refused as Error).message).toBe('the input is 8.0 MiB; Kubeplay accepts at most 8.0 MiB in one apply');
  }, TIMEOUT_MS);

  it('reads the most documents allowed, and refuses one more before parsing', () => {
    const docs = decodeChecked(Array(LIMITS.maxDocuments).fill('a: 1').join('\n---\n')) as DecodedDocument[];
    expect(docs).toHaveLength(LIMITS.maxDocuments);
    const refused = decodeChecked(Array(LIMITS.maxDocuments + 1).fill('a: 1').join('\n---\n'));
    expect((refused as Error).message).toBe(`the input has ${LIMITS.maxDocuments + 1} documents; Kubeplay accepts at most ${LIMITS.maxDocuments} in one apply`);
    // Separators alone count as documents too: no way around the limit with empty ones.
    expect(decodeChecked('---\n'.repeat(LIMITS.maxDocuments + 1))).toBeInstanceOf(InputTooLargeError);
  }, TIMEOUT_MS);

  it('treats YAML tags that would build non-JSON values as plain data or an error, never as objects', () => {
    for (const text of ['a: !!binary aGVsbG8=', 'a: !!set {x, y}', 'a: !!omap [{x: 1}]', 'a: !!timestamp 2024-01-01', 'a: !!js/function "function(){}"', 'a: !!python/object:os.system ls', 'a: !custom 1', 'a: !!map [1]']) {
      decodeChecked(text);
    }
  }, TIMEOUT_MS);
});
