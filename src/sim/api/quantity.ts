/**
 * resource.Quantity (`staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go`, v1.31): the one
 * implementation every component uses (validation, kubectl printers, scheduler, kubelet). ParseQuantity
 * with its three errors, Value()/MilliValue(), Add/Cmp, and String() as the API server writes it back
 * (`0.5` → `500m`, `1.5Gi` → `1536Mi`, `2000` → `2k`, `129e6` → `129e6`).
 *
 * A value is held exactly as a BigInt count of nano-units (10^-9 of the base unit), the finest scale a
 * parsed Quantity keeps: ParseQuantity rounds anything finer up, away from zero.
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in nano-units: exact. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
  /**
   * String()'s cache. ParseQuantity keeps its input when a quick check calls it canonical, and String()
   * then returns it unchanged: `+1`, `01` and `1.001` print as written (kubernetes#138165). Arithmetic drops it.
   */
  readonly s?: string;
}

/** The regex ParseQuantity's format error quotes (`splitREString`; the scanner itself does not use it). */
export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** suffix.go: decimal suffixes as powers of 10, binary ones as powers of 2. */
const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const suffixFor = (table: Readonly<Record<string, number>>, exp: number): string | undefined => Object.keys(table).find((k) => table[k] === exp);

/** What parseQuantityString accepts: sign, digits, `.digits`, suffix letters, exponent sign and digits. */
const SCANNER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[+-]?[0-9]*)$/;
/** quantity.go `maxInt64Factors`: decimal inputs with at most this many digits take the int64 fast path. */
const MAX_INT64_FACTORS = 18;
/** BinarySI values are capped at MaxInt64 (`maxAllowed`). */
const MAX_BINARY_NANOS = ((1n << 63n) - 1n) * 1_000_000_000n;
/**
 * Our limit, not upstream's: Go keeps an inf.Dec with any int32 exponent; a BigInt of 10^(2^31) would hang
 * the worker, so a value above 10^1000 is refused with the error Go gives for an exponent out of range.
 */
const MAX_NANO_SHIFT = 1000;
const NANO = 1_000_000_000n;

/**
 * Quantity.UnmarshalJSON then ParseQuantity: the Quantity, or the error text the API server returns.
 * A string is trimmed as UnmarshalJSON does; a number stands for its JSON text.
 */
export function parseQuantityOrError(input: string | number): Quantity | string {
  // Manifests repeat a handful of quantities thousands of times (`100m`, `128Mi`); a parsed
  // Quantity is immutable, so every caller may share one.
  const key = typeof input === 'number' ? input : `s${input}`;
  const cached = PARSED.get(key);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(input);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(key, typeof parsed === 'string' ? parsed : Object.freeze(parsed));
  return parsed;
}

const PARSED = new Map<string | number, Quantity | string>();
const PARSED_MAX = 10_000;

function parseUncached(input: string | number): Quantity | string {
  const str = typeof input === 'number' ? jsonNumberText(input) : input.trim();
  if (str === '') return ERR_FORMAT_WRONG;
  const m = SCANNER.exec(str);
  if (!m) return ERR_FORMAT_WRONG;
  const negative = m[1] === '-';
  const intDigits = m[2]!;
  const denom = m[3] ?? '';
  const suffix = m[4]!;
  const num = intDigits.replace(/^0+/, '') || '0';

  let format: QuantityFormat;
  let exponent: number; // a power of 10, or of 2 for BinarySI
  if (suffix in DECIMAL_SUFFIX) [format, exponent] = ['DecimalSI', DECIMAL_SUFFIX[suffix]!];
  else if (suffix in BINARY_SUFFIX) [format, exponent] = ['BinarySI', BINARY_SUFFIX[suffix]!];
  else {
    // suffixHandler.interpret: `e`/`E` and a strconv.ParseInt exponent (an int64), then int32() as Go converts it.
    const em = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (!em) return ERR_SUFFIX;
    const parsed = BigInt(em[1]!);
    if (parsed !== BigInt.asIntN(64, parsed)) return ERR_SUFFIX;
    [format, exponent] = ['DecimalExponent', Number(BigInt.asIntN(32, parsed))];
  }

  // The int64 fast path (few digits, scale at least nano) is the only one that may keep the input as String().
  const fast =
    format === 'BinarySI'
      ? denom === '' && 15 - num.length - Math.trunc((exponent * 3) / 10) - 1 >= 0
      : MAX_INT64_FACTORS - (num.length + denom.length) >= 0 && exponent - denom.length >= -9;
  // The slow path reads the number with inf.Dec.SetString, which wants a digit (the fast path reads `.` or `Ki` as 0).
  if (!fast && intDigits === '' && denom === '') return ERR_NUMERIC;

  const mantissa = BigInt(num + denom);
  let exp10 = -denom.length;
  let scaled = mantissa;
  if (format === 'BinarySI') scaled <<= BigInt(exponent);
  else exp10 += exponent;
  const nanos = toNanos(scaled, exp10 + 9);
  if (nanos === undefined) return ERR_SUFFIX;

  let q: Quantity = { nanos: negative ? -nanos : nanos, format };
  if (fast) {
    const shifted = num + denom;
    const keep =
      format === 'BinarySI' ? (mantissa & 7n) !== 0n : (exponent - denom.length) % 3 === 0 && !shifted.endsWith('000') && !shifted.startsWith('0');
    if (keep) q = { ...q, s: str };
  } else if (format === 'BinarySI') {
    if (nanos > MAX_BINARY_NANOS) q = { nanos: negative ? -MAX_BINARY_NANOS : MAX_BINARY_NANOS, format };
    else if (nanos > 0n && nanos < NANO) q = { ...q, format: 'DecimalSI' };
  }
  return q;
}

/** mantissa × 10^shift as a whole number, a remainder rounding up (away from zero: mantissa is unsigned). */
function toNanos(mantissa: bigint, shift: number): bigint | undefined {
  if (shift > MAX_NANO_SHIFT) return undefined;
  if (shift >= 0) return mantissa * 10n ** BigInt(shift);
  if (-shift > mantissa.toString().length) return mantissa === 0n ? 0n : 1n;
  const div = 10n ** BigInt(-shift);
  return mantissa / div + (mantissa % div === 0n ? 0n : 1n);
}

/** The JSON text Go's encoder writes for a float64 (kubectl turns YAML numbers into JSON): shortest form, like JS. */
function jsonNumberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
}

/** A serialized quantity (string or number) as a Quantity, or undefined when it does not parse. */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  const q = parseQuantityOrError(input);
  return typeof q === 'string' ? undefined : q;
}

/** The zero Quantity (`resource.Quantity{}`): prints `0`; the first Add takes the other's format. */
export function zeroQuantity(): Quantity {
  return { nanos: 0n, format: 'DecimalSI' };
}

/** Quantity.Add: exact; a zero receiver takes the format of what is added. */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantity(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** Quantity.Value(): whole units, rounded away from zero (`128Mi` → 134217728, `100m` → 1). */
export function quantityValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, NANO));
}

/** Quantity.MilliValue(): thousandths, rounded away from zero (`1` → 1000, `0.5` → 500). */
export function quantityMilliValue(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, 1_000_000n));
}

/** int64Amount.AsScaledInt64: an inexact result moves one away from zero. */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  if (a % b === 0n) return q;
  return a > 0n ? q + 1n : q - 1n;
}

/** Quantity.String(): the kept input if ParseQuantity kept one, otherwise CanonicalizeBytes. */
export function formatQuantity(q: Quantity): string {
  return q.s ?? canonicalize(q);
}

/** String() of a serialized quantity, as the API server returns it; what does not parse prints as it is. */
export function quantityString(input: unknown): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input);
}

/**
 * Quantity.CanonicalizeBytes. BinarySI: the largest exact `Ki`..`Ei`, unless the value is under 1024 or
 * not whole (then DecimalSI). Decimal: an integer mantissa with the largest exponent that is a multiple
 * of 3 and keeps it whole, as a suffix (DecimalSI) or `e<exp>` (DecimalExponent).
 */
function canonicalize(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  if (q.format === 'BinarySI' && abs >= 1024n * NANO && abs % NANO === 0n) {
    let units = abs / NANO;
    let exp = 0;
    while (units % 1024n === 0n) {
      units /= 1024n;
      exp += 10;
    }
    return `${sign}${units}${suffixFor(BINARY_SUFFIX, exp) ?? ''}`;
  }
  const digits = abs.toString();
  const mantissa = digits.replace(/0+$/, '');
  let exp = -9 + (digits.length - mantissa.length);
  const pad = ((exp % 3) + 3) % 3; // AsCanonicalBytes lowers the exponent to a multiple of 3
  exp -= pad;
  const number = `${sign}${mantissa}${'0'.repeat(pad)}`;
  if (q.format === 'DecimalExponent') return exp === 0 ? number : `${number}e${exp}`;
  // v1.31 drops a DecimalSI suffix it has no letter for (above E): `1000E` prints `1` (fixed later, kubernetes#140459).
  return `${number}${suffixFor(DECIMAL_SUFFIX, exp) ?? ''}`;
}
