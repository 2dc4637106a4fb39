/**
 * resource.Quantity (`staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go`): parsing with the
 * same errors, exact comparison, and the canonical form the API server writes back (`0.5` → `500m`,
 * `1.5Gi` → `1536Mi`, `2000` → `2k`). Values are kept exact as a BigInt count of nano-units, the
 * smallest scale a Quantity keeps (ParseQuantity rounds anything finer up).
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano-units (10^-9 of the base unit): exact. */
  nanos: bigint;
  format: QuantityFormat;
}

/** The regex ParseQuantity's format error quotes (quantity.go `splitREString`). */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** ParseQuantity: a Quantity, or the error text the API server returns for it. */
export function parseQuantityExact(input: string | number): Quantity | string {
  const s = typeof input === 'number' ? numberToString(input) : input.trim();
  const m = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(s);
  if (!s || !m) return ERR_FORMAT_WRONG;
  const num = m[1]!;
  const suffix = m[2]!;
  const nm = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(num);
  if (!nm || (nm[2] === '' && (nm[3] ?? '') === '')) return ERR_NUMERIC;
  const negative = nm[1] === '-';
  const intPart = nm[2] ?? '';
  const fracPart = nm[3] ?? '';
  let format: QuantityFormat;
  let exp10 = -fracPart.length;
  let mant = BigInt((intPart + fracPart).replace(/^0+(?=.)/, '') || '0');
  if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    mant *= 1n << BigInt(BINARY_SUFFIX[suffix]!);
  } else if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    exp10 += DECIMAL_SUFFIX[suffix]!;
  } else {
    const em = /^[eE]([-+]?[0-9]+)$/.exec(suffix);
    if (!em) return ERR_SUFFIX;
    format = 'DecimalExponent';
    exp10 += Number(em[1]);
  }
  // To nano-units, rounding any finer remainder up (away from zero), as ParseQuantity does.
  const shift = exp10 + 9;
  let nanos: bigint;
  if (shift >= 0) nanos = mant * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    nanos = mant / div + (mant % div === 0n ? 0n : 1n);
  }
  return { nanos: negative ? -nanos : nanos, format };
}

/** Go formats a float64 for JSON with the shortest repr, like JS; kubectl sends YAML numbers that way. */
function numberToString(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** The value in base units (cores, bytes) as a float, or undefined if it does not parse. */
export function parseQuantity(s: string | number): number | undefined {
  const q = parseQuantityExact(s);
  return typeof q === 'string' ? undefined : Number(q.nanos) / 1e9;
}

/** Quantity.MilliValue(): milli-units rounded up (`100m` → 100, `1` → 1000), or undefined. */
export function parseMilli(s: string | number): number | undefined {
  const q = parseQuantityExact(s);
  if (typeof q === 'string') return undefined;
  return Number(ceilDiv(q.nanos, 1_000_000n));
}

/** Quantity.Value(): whole units rounded up (`128Mi` → 134217728), or undefined. */
export function parseValue(s: string | number): number | undefined {
  const q = parseQuantityExact(s);
  if (typeof q === 'string') return undefined;
  return Number(ceilDiv(q.nanos, 1_000_000_000n));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.String(): the canonical form (`CanonicalizeBytes`). Accepts a string/number to parse first. */
export function formatQuantity(input: Quantity | string | number): string {
  const q = typeof input === 'object' ? input : parseQuantityExact(input);
  if (typeof q === 'string') throw new Error(`formatQuantity: ${q}`);
  if (q.nanos === 0n) return '0';
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI' && (abs < 1024n * 1_000_000_000n || abs % 1_000_000_000n !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let v = abs / 1_000_000_000n;
    let exp = 0;
    while (exp < 60 && v % 1024n === 0n) {
      v /= 1024n;
      exp += 10;
    }
    const suffix = Object.keys(BINARY_SUFFIX).find((k) => BINARY_SUFFIX[k] === exp) ?? '';
    return `${sign}${v}${suffix}`;
  }
  // Decimal: an integer mantissa with the largest exponent (a multiple of 3 for SI) that keeps it whole.
  let mant = abs;
  let exp = -9;
  const step = 3;
  const stepDiv = 1000n;
  while (mant % stepDiv === 0n && (format === 'DecimalExponent' || exp < 18)) {
    mant /= stepDiv;
    exp += step;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${sign}${mant}` : `${sign}${mant}e${exp}`;
  const suffix = Object.keys(DECIMAL_SUFFIX).find((k) => DECIMAL_SUFFIX[k] === exp) ?? '';
  return `${sign}${mant}${suffix}`;
}
