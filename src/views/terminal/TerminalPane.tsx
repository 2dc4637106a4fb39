/** The kubectl terminal: scrollback above, prompt below, as a shell on the control-plane node. */
import { useCallback, useRef } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectPending } from '../../store/selectors.ts';
import { TerminalOutput } from './TerminalOutput.tsx';
import { TerminalPrompt } from './TerminalPrompt.tsx';

export function TerminalPane() {
  const pending = useAppStore(selectPending);
  const input = useRef<HTMLInputElement>(null);
  const focusPrompt = useCallback(() => input.current?.focus({ preventScroll: true }), []);

  return (
    <section className="pane terminal-pane" aria-label="Terminal">
      <header className="pane-header">
        <h2 className="pane-title">Terminal</h2>
        <span className="pane-hint">root@control-plane</span>
        {pending > 0 && (
          <span className="pane-busy" role="status">
            running…
          </span>
        )}
      </header>
      <TerminalOutput onClick={focusPrompt} />
      <TerminalPrompt ref={input} />
    </section>
  );
}
