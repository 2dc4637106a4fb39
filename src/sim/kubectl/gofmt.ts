/**
 * How Go prints the untyped JSON values kubectl's printers walk (`map[string]interface{}` from an
 * Unstructured object): `fmt.Sprint` (%v), `fmt.Sprintf("%#v")` and `json.Marshal`. Numbers that
 * are whole are int64 to Go (apimachinery's JSON decoding keeps integers as int64), the others
 * float64.
 */
import { goQuote } from '../validation/errors.ts';

type Json = unknown;

/** strconv.FormatFloat(f, 'g', -1, 64), which %v uses for a float64. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // Shortest round-trip digits (JS and strconv agree on them); %e when the exponent is < -4 or
  // >= 6, the threshold strconv uses for precision -1, else %f.
  const [mantissa, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

/** fmt.Sprint of a JSON value: `map[a:1 b:[x y]]`, strings bare, `<nil>` for null. */
export function goSprint(value: Json): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const obj = value as Record<string, Json>;
  return `map[${goSortedKeys(obj)
    .map((k) => `${k}:${goSprint(obj[k])}`)
    .join(' ')}]`;
}

/** fmt.Sprintf("%#v") of a JSON value held in an interface{}. */
export function goSharpV(value: Json): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpV).join(', ')}}`;
  const obj = value as Record<string, Json>;
  return `map[string]interface {}{${goSortedKeys(obj)
    .map((k) => `${goQuote(k)}:${goSharpV(obj[k])}`)
    .join(', ')}}`;
}

/** json.Marshal: compact, map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
export function goJSON(value: Json): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJSONString(value);
  if (typeof value === 'boolean' || typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJSON).join(',')}]`;
  const obj = value as Record<string, Json>;
  return `{${goSortedKeys(obj)
    .map((k) => `${goJSONString(k)}:${goJSON(obj[k])}`)
    .join(',')}}`;
}

function goJSONString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go sorts string keys bytewise (UTF-8), which is code-point order. */
export function goSortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
