/** The `$ ` prompt: Enter runs the line, Up/Down walk the history. */
import { useState, type KeyboardEvent, type Ref } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectHistory, selectRunCommand } from '../../store/selectors.ts';
import { FRESH_CURSOR, stepHistory, type HistoryCursor } from './history.ts';

export function TerminalPrompt({ ref }: { ref: Ref<HTMLInputElement> }) {
  const history = useAppStore(selectHistory);
  const runCommand = useAppStore(selectRunCommand);
  const [text, setText] = useState('');
  const [cursor, setCursor] = useState<HistoryCursor>(FRESH_CURSOR);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return; // an IME (Chinese input) is still composing
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
      <label className="term-prompt" htmlFor="terminal-input">
        $
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
        placeholder="kubectl get pods -A"
        aria-label="Command line"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
      />
    </div>
  );
}
