import { describe, expect, it } from 'vitest';
import { decodeStream, InputTooLargeError, LIMITS, splitDocuments } from './decode.ts';

describe('decodeStream', () => {
  it('splits on --- lines as YAMLReader does, skipping empty and comment-only documents', () => {
    const docs = decodeStream('---\n# 中文注释\n---\na: 1\n--- # comment\nb: 2\n---\n\n---   \n');
    expect(docs.map((d) => [d.index, d.startLine, d.value])).toEqual([
      [2, 4, { a: 1 }],
      [3, 6, { b: 2 }],
    ]);
  });

  it('does not split on --- that starts a value', () => {
    expect(splitDocuments('a: |\n  x\n--- !tag\nb: 1').length).toBe(1);
  });

  it('resolves scalars as go-yaml v2 does (YAML 1.1)', () => {
    const [doc] = decodeStream('a: yes\nb: off\nc: 0777\nd: 1:20\ne: 2024-01-01\nf: "yes"\ng: ~\nh: 1.5\n');
    expect(doc!.value).toEqual({ a: true, b: false, c: 511, d: '1:20', e: '2024-01-01', f: 'yes', h: 1.5 });
  });

  it('keeps comments and text in any language out of the data, and values intact', () => {
    const [doc] = decodeStream('# 部署一个网页\nmetadata:\n  name: web # 名字\n  annotations:\n    描述: "你好，世界"\n');
    expect(doc!.value).toEqual({ metadata: { name: 'web', annotations: { 描述: '你好，世界' } } });
  });

  it('refuses .inf, -.inf and .nan as encoding/json does, naming the first in sorted key order', () => {
    expect(decodeStream('spec:\n  replicas: .inf\n')[0]!.error).toBe('json: unsupported value: +Inf');
    expect(decodeStream('b: .nan\na: [1, -.Inf]\n')[0]!.error).toBe('json: unsupported value: -Inf');
    expect(decodeStream('a: ".inf"\nb: inf\n')[0]!.value).toEqual({ a: '.inf', b: 'inf' });
  });

  it('lets the last of duplicate keys win, as sigs.k8s.io/yaml does', () => {
    expect(decodeStream('a: 1\na: 2\n')[0]!.value).toEqual({ a: 2 });
  });

  it('reports syntax errors with go-yaml wording, the line within the document and the line in the stream', () => {
    const docs = decodeStream('a: 1\n---\nkind: Pod\nmetadata:\n  name: x\n   bad: y: z\n');
    expect(docs[1]).toMatchObject({ error: 'yaml: line 4: mapping values are not allowed in this context', errorLine: 6 });
    expect(decodeStream('a:\n\tb: 1\n')[0]!.error).toBe('yaml: line 2: found character that cannot start any token');
    expect(decodeStream('a: "open\n')[0]!.error).toBe('yaml: line 2: found unexpected end of stream'); // go-yaml counts the scanner's line at EOF, past the newline
  });

  it('refuses the billion laughs quickly', () => {
    const lol = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lol.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const [doc] = decodeStream(lol.join('\n'));
    expect(doc!.error).toBe('yaml: document contains excessive aliasing');
  });

  it('refuses input past its limits before parsing', () => {
    expect(() => decodeStream('a'.repeat(LIMITS.maxInputChars + 1))).toThrow(InputTooLargeError);
    expect(() => decodeStream(Array(LIMITS.maxDocuments + 1).fill('a: 1').join('\n---\n'))).toThrow(/at most 10000 in one apply/);
  });

  it('refuses documents nested deeper than the limit', () => {
    const deep = `${'['.repeat(150)}${']'.repeat(150)}`;
    expect(decodeStream(deep)[0]!.error).toMatch(/deeper than 100 levels/);
  });
});
