import { describe, expect, it } from 'vitest';
import { deepCopy, jsonEqual } from './types.ts';

describe('jsonEqual', () => {
  it('answers exactly as comparing JSON.stringify of both would', () => {
    const values: unknown[] = [undefined, null, 0, -0, 1, NaN, Infinity, 'a', '', '0', true, false, [], [undefined], [null], [1, 2], [2, 1], {}, { a: undefined }, { a: 1 }, { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: undefined }, { a: { b: [1, { c: null }] } }, { a: { b: [1, { c: undefined }] } }, { a: { b: [1, {}] } }, { a: [undefined] }, { a: [null] }, { a: [] }, { a: {} }];
    for (const a of values) {
      for (const b of values) expect({ a, b, equal: jsonEqual(a, b) }).toEqual({ a, b, equal: JSON.stringify(a) === JSON.stringify(b) });
    }
  });
});

describe('deepCopy', () => {
  it('copies plain JSON values, dropping undefined members, sharing nothing mutable', () => {
    const input = { a: [1, { b: 'x', c: undefined }], d: { e: null }, f: undefined };
    const copy = deepCopy(input);
    expect(copy).toEqual({ a: [1, { b: 'x' }], d: { e: null } });
    expect(Object.keys(copy)).toEqual(['a', 'd']);
    expect(copy.a).not.toBe(input.a);
    expect(copy.d).not.toBe(input.d);
  });
});
