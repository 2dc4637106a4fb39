import { describe, expect, it } from 'vitest';
import {
  addQuantity,
  compareQuantity,
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  formatQuantity,
  parseQuantity,
  parseQuantityOrError,
  type Quantity,
  quantityMilliValue,
  quantityString,
  quantityValue,
  zeroQuantity,
} from './quantity.ts';

const q = (input: string | number): Quantity => {
  const parsed = parseQuantityOrError(input);
  if (typeof parsed === 'string') throw new Error(`${input}: ${parsed}`);
  return parsed;
};

describe('resource.Quantity', () => {
  // [input, format, value in nano-units, String()] — expectations follow quantity.go v1.31 (ParseQuantity,
  // CanonicalizeBytes) and its TestQuantityParseEmit cases (`.001Ki` → `1024m`, `.000000000001Ki` → `2n`).
  const table: [string | number, Quantity['format'], bigint, string][] = [
    ['100m', 'DecimalSI', 100_000_000n, '100m'],
    ['0.1', 'DecimalSI', 100_000_000n, '100m'],
    ['1', 'DecimalSI', 1_000_000_000n, '1'],
    ['2.5', 'DecimalSI', 2_500_000_000n, '2500m'],
    ['0.5', 'DecimalSI', 500_000_000n, '500m'],
    ['1000m', 'DecimalSI', 1_000_000_000n, '1'],
    ['1.0', 'DecimalSI', 1_000_000_000n, '1'],
    ['2000', 'DecimalSI', 2_000_000_000_000n, '2k'],
    ['1500', 'DecimalSI', 1_500_000_000_000n, '1500'],
    ['1.5G', 'DecimalSI', 1_500_000_000_000_000_000n, '1500M'],
    ['12345678901234', 'DecimalSI', 12_345_678_901_234_000_000_000n, '12345678901234'],
    ['-1.5', 'DecimalSI', -1_500_000_000n, '-1500m'],
    ['1.5n', 'DecimalSI', 2n, '2n'], // finer than nano rounds up
    ['0', 'DecimalSI', 0n, '0'],
    ['128Mi', 'BinarySI', 134_217_728_000_000_000n, '128Mi'],
    ['1Gi', 'BinarySI', 1_073_741_824_000_000_000n, '1Gi'],
    ['1.5Gi', 'BinarySI', 1_610_612_736_000_000_000n, '1536Mi'],
    ['1024Mi', 'BinarySI', 1_073_741_824_000_000_000n, '1Gi'],
    ['1025Ki', 'BinarySI', 1_049_600_000_000_000n, '1025Ki'],
    ['10Pi', 'BinarySI', 11_258_999_068_426_240_000_000_000n, '10Pi'],
    ['.001Ki', 'BinarySI', 1_024_000_000n, '1024m'], // under 1024 prints as DecimalSI
    ['.000000000001Ki', 'DecimalSI', 2n, '2n'],
    ['99999Ei', 'BinarySI', 9_223_372_036_854_775_807_000_000_000n, '9223372036854775807'], // capped at MaxInt64
    ['1e3', 'DecimalExponent', 1_000_000_000_000n, '1e3'],
    ['1e4', 'DecimalExponent', 10_000_000_000_000n, '10e3'],
    ['129e6', 'DecimalExponent', 129_000_000_000_000_000n, '129e6'],
    ['1e-2000', 'DecimalExponent', 1n, '1e-9'],
    ['  64Mi ', 'BinarySI', 67_108_864_000_000_000n, '64Mi'], // UnmarshalJSON trims
    [0.5, 'DecimalSI', 500_000_000n, '500m'],
    [1, 'DecimalSI', 1_000_000_000n, '1'],
    [1.5, 'DecimalSI', 1_500_000_000n, '1500m'],
    // The int64 fast path keeps an input it thinks canonical, so String() returns it as written (kubernetes#138165).
    ['+1', 'DecimalSI', 1_000_000_000n, '+1'],
    ['01', 'DecimalSI', 1_000_000_000n, '01'],
    ['1.001', 'DecimalSI', 1_001_000_000n, '1.001'],
    ['1E3', 'DecimalExponent', 1_000_000_000_000n, '1E3'],
    [1e21, 'DecimalExponent', 10n ** 30n, '1e+21'],
    // The scanner reads a number without digits as 0 on the fast path.
    ['.', 'DecimalSI', 0n, '0'],
    ['Ki', 'BinarySI', 0n, '0'],
    // v1.31 has no DecimalSI suffix above E and drops it (fixed after v1.31, kubernetes#140459).
    ['1000E', 'DecimalSI', 10n ** 30n, '1'],
  ];

  it.each(table)('parses %j exactly and prints its String()', (input, format, nanos, text) => {
    const parsed = q(input);
    expect({ format: parsed.format, nanos: parsed.nanos }).toEqual({ format, nanos });
    expect(formatQuantity(parsed)).toBe(text);
  });

  it('returns the API server errors for what does not parse', () => {
    const bad: [string, string][] = [
      ['1.5.5', ERR_FORMAT_WRONG],
      ['abc', ERR_FORMAT_WRONG],
      ['10Mb', ERR_FORMAT_WRONG],
      ['5Zi', ERR_FORMAT_WRONG],
      ['', ERR_FORMAT_WRONG],
      ['1 Gi', ERR_FORMAT_WRONG],
      ['100mm', ERR_SUFFIX],
      ['1e', ERR_SUFFIX],
      ['1k5', ERR_SUFFIX],
      ['1e99999999999999999999', ERR_SUFFIX], // strconv.ParseInt overflows
      ['1e2000', ERR_SUFFIX], // our limit: beyond 10^1000
      ['Pi', ERR_NUMERIC], // slow path: inf.Dec wants a digit
    ];
    expect(bad.map(([input]) => parseQuantityOrError(input))).toEqual(bad.map(([, err]) => err));
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    expect(parseQuantity('abc')).toBeUndefined();
    expect(parseQuantity(true)).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  it('gives Value() and MilliValue() rounded away from zero', () => {
    expect(['100m', '1', '2.5', '0.5', '1n'].map((s) => quantityMilliValue(q(s)))).toEqual([100, 1000, 2500, 500, 1]);
    expect(['128Mi', '1G', '100m', '-1.5', '1e3'].map((s) => quantityValue(q(s)))).toEqual([134217728, 1e9, 1, -2, 1000]);
  });

  it('adds and compares exactly; a sum prints canonical', () => {
    expect(formatQuantity(addQuantity(q('64Mi'), q('64Mi')))).toBe('128Mi');
    expect(formatQuantity(addQuantity(q('100m'), q('0.9')))).toBe('1');
    expect(formatQuantity(addQuantity(zeroQuantity(), q('+1')))).toBe('1');
    // A zero receiver takes the addend's format (Quantity.Add), so the sum stays BinarySI.
    expect(formatQuantity(addQuantity(zeroQuantity(), q('128Mi')))).toBe('128Mi');
    expect(formatQuantity(addQuantity(q('1500'), q('128Mi')))).toBe('134219228');
    expect(formatQuantity(zeroQuantity())).toBe('0');
    expect(compareQuantity(q('1Gi'), q('1024Mi'))).toBe(0);
    expect(compareQuantity(q('1'), q('999m'))).toBe(1);
    expect(compareQuantity(q('0.1'), q('101m'))).toBe(-1);
  });

  it('prints a serialized quantity as the API server returns it, anything else as it is', () => {
    expect(['1.5Gi', 0.25, '2000', 'bogus'].map(quantityString)).toEqual(['1536Mi', '250m', '2k', 'bogus']);
  });
});
