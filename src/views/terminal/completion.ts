/**
 * The prompt and bash's Tab behaviour, as pure functions: one candidate replaces the word (and a
 * space follows unless cobra said NoSpace); several extend the word to their common prefix; a
 * Tab that cannot extend it, right after another on the same line, lists the candidates.
 */

/** The prompt for a shell on `node`: `$` on the control-plane node (the kubectl prompt), `root@worker-1:~#` elsewhere. */
export function promptFor(node: string | null | undefined): string {
  return node ? `root@${node}:~#` : '$';
}

/** The longest prefix all candidates share. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0]!;
  for (const c of candidates) {
    let i = 0;
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

export interface TabOutcome {
  /** The new text before the cursor (unchanged when the Tab could not extend the word). */
  before: string;
  /** Candidates to list below the prompt (bash's second Tab), or null. */
  list: string[] | null;
}

/**
 * What a Tab does to `before` (the text before the cursor), given the completion of its last
 * word (which starts at `from`). `again`: the previous key was a Tab on this same text.
 */
export function applyTab(before: string, completion: { from: number; candidates: readonly string[]; noSpace: boolean }, again: boolean): TabOutcome {
  const { from, candidates, noSpace } = completion;
  const word = before.slice(from);
  if (candidates.length === 0) return { before, list: null };
  if (candidates.length === 1) {
    const only = candidates[0]!;
    const space = noSpace || only.endsWith('/') ? '' : ' ';
    return { before: `${before.slice(0, from)}${only}${space}`, list: null };
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > word.length && prefix.startsWith(word)) return { before: `${before.slice(0, from)}${prefix}`, list: null };
  return { before, list: again ? [...candidates] : null };
}
