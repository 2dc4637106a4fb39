/**
 * A command the page runs with text on stdin (the YAML pane's Delete and Diff: `kubectl delete -f -`,
 * `kubectl diff -f -`), as the one shell line the history records: a scenario's exec action is a
 * line with no stdin, so the text travels in the line itself, `printf '%s\n' 'line 1' 'line 2' … |
 * kubectl delete -f -`, which the node shell runs exactly as bash would.
 */
import { LIMITS } from '../scenarios/validate.ts';

export function lineWithStdin(line: string, stdin: string): string {
  const lines = stdin.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const piped = lines.length === 0 ? `printf '' | ${line}` : `printf '%s\\n' ${lines.map(shellQuote).join(' ')} | ${line}`;
  if (piped.length > LIMITS.lineChars) {
    throw new Error(`the manifest is too long for "${line}" from the editor: the history records it as one shell line of ${piped.length} characters, at most ${LIMITS.lineChars}`);
  }
  return piped;
}

/** Single quotes keep everything but a single quote, which is written `'\''`. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const PIPED = /^printf '(?:%s\\n)?'(?: '(?:[^']|'\\'')*')* \| (kubectl [a-z]+ -f -)$/;

/** The command of a line `lineWithStdin` made (`kubectl delete -f -`), for the event log; undefined for any other line. */
export function commandOfStdinLine(line: string): string | undefined {
  if (!line.startsWith('printf ')) return undefined;
  return PIPED.exec(line)?.[1];
}
