/**
 * How kubectl turns errors into text: `checkErr` and `StandardErrorMessage` in
 * staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go (v1.31).
 */
import { APIError } from '../api/errors.ts';
import { goQuote } from '../validation/errors.ts';

/** An error kubectl itself raises (not the server): printed as `error: <message>`. */
export class KubectlError extends Error {}

/** The exact text `checkErr` writes to stderr for the errors a command collected, or '' for none. */
export function formatErrors(errors: readonly unknown[]): string {
  if (errors.length === 0) return '';
  if (errors.length === 1) return ensureNewline(formatSingle(errors[0]));
  return errors.map((e) => `${messageForError(e)}\n`).join('');
}

function formatSingle(err: unknown): string {
  if (err instanceof APIError && err.reason === 'Invalid') {
    if (!err.details) return 'The request is invalid';
    // helpers.go: fmt.Sprintf("The %s %q is invalid", ...).
    const prefix = `The ${err.details.kind} ${goQuote(err.details.name)} is invalid: `;
    const seen = new Set<string>();
    const causes: string[] = [];
    for (const c of err.details.causes) {
      const msg = `${c.field}: ${c.message}`;
      if (seen.has(msg)) continue;
      seen.add(msg);
      causes.push(msg);
    }
    if (causes.length === 0) return prefix.slice(0, -2);
    if (causes.length === 1) return `${prefix}${causes[0]}\n`;
    return `${prefix}\n${causes.map((c) => `* ${c}\n`).join('')}`;
  }
  if (err instanceof APIError) return `Error from server (${err.reason}): ${err.message}`;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

function messageForError(err: unknown): string {
  if (err instanceof APIError) return `Error from server (${err.reason}): ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : `${s}\n`;
}
