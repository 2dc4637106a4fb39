import { describe, expect, it } from 'vitest';
import { formatQuantity, parseMilli, parseQuantity, parseValue } from './quantity.ts';

describe('quantity', () => {
  it('parses cpu and memory as strings or numbers', () => {
    expect(parseMilli('100m')).toBe(100);
    expect(parseMilli(1)).toBe(1000);
    expect(parseMilli(0.5)).toBe(500);
    expect(parseValue('128Mi')).toBe(134217728);
    expect(parseValue('1G')).toBe(1e9);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('bogus')).toBeUndefined();
    expect(parseQuantity('5Zi')).toBeUndefined();
  });

  it('prints the canonical form the API server stores', () => {
    expect(['0.5', '1000m', '1', '2000', '1500', '1.5Gi', '1024Mi', '512', '1e3', '100m', '0.1', '129e6'].map(formatQuantity)).toEqual([
      '500m',
      '1',
      '1',
      '2k',
      '1500',
      '1536Mi',
      '1Gi',
      '512',
      '1e3',
      '100m',
      '100m',
      '129e6',
    ]);
  });
});
