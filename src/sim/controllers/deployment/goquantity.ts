/**
 * The Go-internal state of a resource.Quantity as kube-controller-manager holds it, for spew's dump
 * (`spew.ts`). The controller never sees the manifest's text: the API server stores a quantity as
 * its String() (protobuf `Quantity.Marshal`), and the controller's informer decodes that text with
 * `ParseQuantity` (protobuf `Quantity.Unmarshal`). So the struct hashed is ParseQuantity(String()).
 *
 * Port of `ParseQuantity` / `parseQuantityString` / the suffixer of
 * apimachinery/pkg/api/resource (quantity.go, suffix.go, v1.31): the int64 fast path
 * (`i int64Amount{value, scale}`, and `s` kept when the text is already canonical), and the
 * inf.Dec slow path (`d.Dec`, rounded up to nano scale, BinarySI capped at MaxInt64).
 */

export interface GoQuantity {
  /** `i.value` (int64). */
  readonly value: bigint;
  /** `i.scale` (resource.Scale, int32). */
  readonly scale: number;
  /** `d.Dec`, when the slow path was taken: `unscaled` and inf.Scale. */
  readonly dec: { readonly unscaled: bigint; readonly scale: number } | undefined;
  /** `s`, the cached String(). */
  readonly s: string;
  /** `Format`. */
  readonly format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent' | '';
}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
/** quantity.go `maxInt64Factors`. */
const MAX_INT64_FACTORS = 18;
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

interface Parts {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString. */
function parseQuantityString(str: string): Parts | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  // strip leading zeros
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] !== '0') break;
    pos++;
  }
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num, denom: '', suffix: '' };
  pos = i;
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) return undefined; // ErrFormatWrong
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** suffixer.interpret: base, exponent, format. */
function interpret(suffix: string): { base: 2 | 10; exponent: number; format: GoQuantity['format'] } | undefined {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix]!, format: 'DecimalSI' };
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix]!, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number.parseInt(suffix.slice(1), 10), format: 'DecimalExponent' };
  }
  return undefined;
}

/** ParseQuantity(str); undefined where Go returns an error (the API server never stores such text). */
export function goParseQuantity(str: string): GoQuantity | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return { value: 0n, scale: 0, dec: undefined, s: str, format: 'DecimalSI' };
  const parts = parseQuantityString(str);
  if (!parts) return undefined;
  const { positive, value, num, denom, suffix } = parts;
  const suf = interpret(suffix);
  if (!suf) return undefined;
  const { base, exponent } = suf;
  let format = suf.format;

  // The int64 fast path.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      // int32(float32(exponent)*3/10): exponent is a multiple of 10 here, so the product is exact.
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = MAX_INT64_FACTORS - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      if (v > MAX_INT64) return undefined; // strconv.ParseInt: ErrNumeric
      let result = v * mantissa;
      if (result <= MAX_INT64 && result >= MIN_INT64) {
        if (!positive) result = -result;
        const canonical =
          format === 'BinarySI' ? exponent % 10 === 0 && (v & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { value: result, scale, dec: undefined, s: canonical ? str : '', format };
      }
    }
  }

  // The inf.Dec path: value × base^exponent, rounded up (away from zero) to nano scale.
  const digits = value.replace(/^[+-]/, '').replace('.', '');
  const fraction = value.includes('.') ? value.length - value.indexOf('.') - 1 : 0;
  let unscaled = BigInt(digits === '' ? '0' : digits);
  let decScale = fraction; // inf.Scale: value = unscaled × 10^-scale
  if (base === 10) decScale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  if (unscaled !== 0n) {
    // inf.Dec.Round(x, 9, RoundUp)
    if (decScale <= 9) unscaled *= 10n ** BigInt(9 - decScale);
    else {
      const div = 10n ** BigInt(decScale - 9);
      unscaled = unscaled / div + (unscaled % div === 0n ? 0n : 1n);
    }
    decScale = 9;
  }
  if (format === 'BinarySI' && unscaled > MAX_INT64 * 10n ** BigInt(decScale)) {
    unscaled = MAX_INT64;
    decScale = 0;
  }
  if (format === 'BinarySI' && unscaled > 0n && unscaled < 10n ** BigInt(decScale)) format = 'DecimalSI';
  if (!positive) unscaled = -unscaled;
  return { value: 0n, scale: 0, dec: { unscaled, scale: decScale }, s: '', format };
}
