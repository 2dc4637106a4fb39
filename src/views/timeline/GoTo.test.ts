import { describe, expect, it } from 'vitest';
import { parseMoment } from './GoTo.tsx';

describe('parseMoment', () => {
  it('reads seconds and clock times', () => {
    expect(parseMoment('90')).toBe(90);
    expect(parseMoment(' 12.5 ')).toBe(12.5);
    expect(parseMoment('1:30')).toBe(90);
    expect(parseMoment('1:02:03')).toBe(3723);
  });

  it('refuses anything else', () => {
    for (const text of ['', 'abc', '-5', '1:3', '1:60x', '1e3']) expect(parseMoment(text), text).toBeNull();
  });
});
