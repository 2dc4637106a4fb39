/**
 * Arrow-key history for the terminal prompt, as a shell does it: Up walks back through the
 * typed commands, Down walks forward and, past the newest, restores what was being typed.
 */
export interface HistoryCursor {
  /** Index into the history being shown, or null while editing the fresh line. */
  index: number | null;
  /** The fresh line, kept while browsing. */
  draft: string;
}

export const FRESH_CURSOR: HistoryCursor = { index: null, draft: '' };

/** The next cursor and prompt text, or null when the key does nothing. */
export function stepHistory(
  history: readonly string[],
  cursor: HistoryCursor,
  currentText: string,
  direction: 'up' | 'down',
): { cursor: HistoryCursor; text: string } | null {
  if (direction === 'up') {
    if (history.length === 0 || cursor.index === 0) return null;
    const index = cursor.index === null ? history.length - 1 : cursor.index - 1;
    const draft = cursor.index === null ? currentText : cursor.draft;
    return { cursor: { index, draft }, text: history[index] ?? '' };
  }
  if (cursor.index === null) return null;
  if (cursor.index >= history.length - 1) return { cursor: { index: null, draft: '' }, text: cursor.draft };
  const index = cursor.index + 1;
  return { cursor: { index, draft: cursor.draft }, text: history[index] ?? '' };
}
