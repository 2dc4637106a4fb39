/**
 * The prompt: Enter runs the line, Up/Down walk the history, Tab completes as bash with kubectl's
 * completion does (the worker reads the live cluster; see src/worker/complete.ts). Tab on an
 * empty line, and Shift+Tab, move the focus as anywhere else on the page.
 */
import { useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { appStore, useAppStore } from '../../store/index.ts';
import { selectHistory, selectRunCommand } from '../../store/selectors.ts';
import type { AppState } from '../../store/types.ts';
import { FRESH_CURSOR, stepHistory, type HistoryCursor } from './history.ts';
import { applyTab, promptFor } from './completion.ts';
import { useT } from '../i18n.ts';

const selectShellNode = (s: AppState) => s.shellNode;

export function TerminalPrompt({ ref }: { ref: Ref<HTMLInputElement> }) {
  const history = useAppStore(selectHistory);
  const runCommand = useAppStore(selectRunCommand);
  const shellNode = useAppStore(selectShellNode);
  const [text, setText] = useState('');
  const [cursor, setCursor] = useState<HistoryCursor>(FRESH_CURSOR);
  const t = useT();
  /** The text the last Tab left (another Tab on the same text lists the candidates). */
  const lastTab = useRef<string | null>(null);

  const complete = async (input: HTMLInputElement) => {
    const sim = appStore.getState().sim;
    if (!sim?.complete) return;
    // The line as the input holds it now (the state this closure saw can be a render behind a fast typist).
    const line = input.value;
    const at = input.selectionStart ?? line.length;
    const before = line.slice(0, at);
    const after = line.slice(at);
    const asked = line;
    let completion;
    try {
      completion = await sim.complete(before);
    } catch {
      return;
    }
    // The line changed while the worker answered: this completion is for another line.
    if (input.value !== asked) return;
    const outcome = applyTab(before, completion, lastTab.current === asked);
    if (outcome.list) appStore.getState().printCompletions(before, outcome.list);
    const next = `${outcome.before}${after}`;
    // Tab-Tab: whether the first Tab extended the word or not, the next one on this text lists.
    lastTab.current = next;
    if (next !== asked) {
      setText(next);
      requestAnimationFrame(() => input.setSelectionRange(outcome.before.length, outcome.before.length));
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return; // an IME (Chinese input) is still composing
    if (event.key === 'Tab') {
      if (event.shiftKey || event.currentTarget.value === '') return;
      event.preventDefault();
      void complete(event.currentTarget);
      return;
    }
    lastTab.current = null;
    if (event.key === 'Enter') {
      event.preventDefault();
      void runCommand(text);
      setText('');
      setCursor(FRESH_CURSOR);
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const step = stepHistory(history, cursor, text, event.key === 'ArrowUp' ? 'up' : 'down');
      if (!step) return;
      event.preventDefault();
      setCursor(step.cursor);
      setText(step.text);
    }
  };

  return (
    <div className="terminal-prompt">
      <label className="term-prompt" htmlFor="terminal-input" data-testid="terminal-prompt">
        {promptFor(shellNode)}
      </label>
      <input
        ref={ref}
        id="terminal-input"
        data-testid="terminal-input"
        className="terminal-input"
        type="text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={shellNode ? 'curl -s http://10.96.0.1' : 'kubectl get pods -A'}
        aria-label={t('commandLine')}
        aria-description={t('commandLineHelp')}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
      />
    </div>
  );
}
