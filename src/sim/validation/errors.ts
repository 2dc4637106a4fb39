/**
 * Field errors and their text, as apimachinery prints them (v1.31):
 * - `staging/src/k8s.io/apimachinery/pkg/util/validation/field/errors.go` (`Error.ErrorBody`: `%q` for
 *   strings, `%v` for numbers and bools, `%#v` for everything else; Required/Forbidden/TooLong/Internal
 *   print no value). v1.34 (PR #132314) switched composite values to JSON; v1.31 still prints Go syntax.
 * - `staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go` `NewInvalid` (`<Kind>[.<group>] "<name>" is invalid: ...`)
 * - `staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go` (`The <Kind> "<name>" is invalid: ...`, `MultilineError`).
 */
export type FieldErrorType =
  | 'Invalid value'
  | 'Required value'
  | 'Unsupported value'
  | 'Duplicate value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Not found'
  | 'Internal error';

/** One field error, as apimachinery's field.Error. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  value?: unknown;
  detail: string;
}

/** A value already rendered the way Go's `%#v` prints it (e.g. a typed map or struct). */
export class GoLiteral {
  constructor(readonly text: string) {}
}

export const invalid = (field: string, value: unknown, detail: string): FieldError => ({ type: 'Invalid value', field, value, detail });
export const required = (field: string, detail = ''): FieldError => ({ type: 'Required value', field, value: '', detail });
export const forbidden = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, value: '', detail });
export const duplicate = (field: string, value: unknown): FieldError => ({ type: 'Duplicate value', field, value, detail: '' });
export const notFound = (field: string, value: unknown): FieldError => ({ type: 'Not found', field, value, detail: '' });
export const tooLong = (field: string, value: unknown, maxLength: number): FieldError => ({ type: 'Too long', field, value, detail: `must have at most ${maxLength} bytes` });
/** field.NotSupported: the supported values, each `strconv.Quote`d, in the order given (callers pass sets.List(): sorted). */
export const notSupported = (field: string, value: unknown, supported: readonly string[]): FieldError => ({
  type: 'Unsupported value',
  field,
  value,
  detail: supported.length ? `supported values: ${supported.map(goQuote).join(', ')}` : '',
});

/** Go's strconv.Quote: `"` and `\` escaped, C escapes for control characters, printable Unicode kept. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's `%#v` for the plain data validation reports: string maps and slices, numbers, bools. */
export function goSyntax(value: unknown): string {
  if (value instanceof GoLiteral) return value.text;
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const allStrings = value.every((v) => typeof v === 'string');
    return `[]${allStrings ? 'string' : 'interface {}'}{${value.map(goSyntax).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const allStrings = entries.every(([, v]) => typeof v === 'string');
    // fmt prints maps with their keys sorted.
    const body = entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${goQuote(k)}:${goSyntax(v)}`)
      .join(', ');
    return `map[string]${allStrings ? 'string' : 'interface {}'}{${body}}`;
  }
  return String(value);
}

/** field.Error.ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  let s: string;
  const omitsValue = e.type === 'Required value' || e.type === 'Forbidden' || e.type === 'Too long' || e.type === 'Internal error';
  if (omitsValue) s = e.type;
  else if (e.value === null || e.value === undefined) s = `${e.type}: null`;
  else if (typeof e.value === 'string') s = `${e.type}: ${goQuote(e.value)}`;
  else if (typeof e.value === 'number' || typeof e.value === 'boolean') s = `${e.type}: ${e.value}`;
  else s = `${e.type}: ${goSyntax(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `<field>: <body>`, e.g. `spec.containers: Required value`. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** field.ErrorList.ToAggregate() drops errors whose text repeats an earlier one. */
function dedupe(errors: readonly FieldError[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const msg = formatFieldError(e);
    if (!seen.has(msg)) {
      seen.add(msg);
      out.push(msg);
    }
  }
  return out;
}

/**
 * What kubectl prints for an Invalid status (without the trailing newline): kubectl rebuilds the text
 * from status.details (Kind without group, name, causes): one cause on the same line, several as
 * `is invalid: ` + newline + `* cause` lines (`MultilineError`). `group` is unused by kubectl's text but
 * kept so callers can build the server's own message with {@link invalidStatusMessage}.
 */
export function formatInvalid(kind: string, _group: string, name: string, errors: readonly FieldError[]): string {
  const prefix = `The ${kind} ${goQuote(name)} is invalid`;
  const causes = dedupe(errors);
  if (causes.length === 0) return prefix;
  if (causes.length === 1) return `${prefix}: ${causes[0]}`;
  return `${prefix}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
}

/** The Status.message the API server itself writes (`NewInvalid`): `Deployment.apps "x" is invalid: [a, b]`. */
export function invalidStatusMessage(kind: string, group: string, name: string, errors: readonly FieldError[]): string {
  const qualified = group ? `${kind}.${group}` : kind;
  const causes = dedupe(errors);
  if (causes.length === 0) return `${qualified} ${goQuote(name)} is invalid`;
  const agg = causes.length === 1 ? causes[0] : `[${causes.join(', ')}]`;
  return `${qualified} ${goQuote(name)} is invalid: ${agg}`;
}
