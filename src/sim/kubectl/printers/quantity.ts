/**
 * Just enough of apimachinery's resource.Quantity for describe: parse the serialized forms, add,
 * and print the canonical String() (BinarySI as the largest exact `Ki`..`Ei`, DecimalSI as the
 * largest exact `k`..`E` or `m`/`u`/`n` for fractions; binary values under 1Ki print as decimal).
 * Values are held exactly, in nano-units, as bigint.
 */
export interface Quantity {
  nanos: bigint;
  format: 'BinarySI' | 'DecimalSI';
}

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const NANO = 1_000_000_000n;

export function parseQuantity(input: unknown): Quantity | undefined {
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : undefined;
  if (text === undefined) return undefined;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let value = BigInt(`${m[2] || '0'}${frac}`) * NANO; // scaled by 10^frac.length
  let divisor = 10n ** BigInt(frac.length);
  const suffix = m[4] ?? '';
  let format: Quantity['format'] = 'DecimalSI';
  if (suffix in BINARY) {
    format = 'BinarySI';
    value *= 1024n ** BigInt(BINARY[suffix]!);
  } else {
    const exp = suffix.startsWith('e') || suffix.startsWith('E') ? Number(suffix.slice(1)) : DECIMAL[suffix]!;
    if (exp >= 0) value *= 10n ** BigInt(exp);
    else divisor *= 10n ** BigInt(-exp);
  }
  const nanos = value / divisor; // sub-nano precision is dropped (Go rounds up; never met here)
  return { nanos: m[1] === '-' ? -nanos : nanos, format };
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.format };
}

export function zeroQuantity(): Quantity {
  return { nanos: 0n, format: 'DecimalSI' };
}

/** Value(): whole units, rounded up. */
export function quantityValue(q: Quantity): number {
  const whole = q.nanos / NANO;
  return Number(q.nanos % NANO > 0n ? whole + 1n : whole);
}

/** MilliValue(): thousandths, rounded up. */
export function quantityMilliValue(q: Quantity): number {
  const milli = q.nanos / 1_000_000n;
  return Number(q.nanos % 1_000_000n > 0n ? milli + 1n : milli);
}

export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const sign = q.nanos < 0n ? '-' : '';
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  if (abs % NANO === 0n) {
    const units = abs / NANO;
    if (q.format === 'BinarySI' && units >= 1024n) {
      let k = 0;
      let v = units;
      while (k < 6 && v % 1024n === 0n) {
        v /= 1024n;
        k++;
      }
      return `${sign}${v}${['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'][k]}`;
    }
    let k = 0;
    let v = units;
    while (k < 6 && v % 1000n === 0n) {
      v /= 1000n;
      k++;
    }
    return `${sign}${v}${['', 'k', 'M', 'G', 'T', 'P', 'E'][k]}`;
  }
  if (abs % 1_000_000n === 0n) return `${sign}${abs / 1_000_000n}m`;
  if (abs % 1000n === 0n) return `${sign}${abs / 1000n}u`;
  return `${sign}${abs}n`;
}

/** The canonical form of a serialized quantity (what the API server would return). */
export function canonicalQuantity(input: unknown): string {
  const q = parseQuantity(input);
  return q ? formatQuantity(q) : String(input);
}
