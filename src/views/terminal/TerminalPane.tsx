/**
 * The console: the kubectl terminal (a shell on the control-plane node) and, in a second tab,
 * the event log of the whole history. The terminal stays mounted while hidden (its scrollback
 * and the typed line are kept).
 */
import { useCallback, useRef, useState } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectPending } from '../../store/selectors.ts';
import { EventLog } from '../timeline/EventLog.tsx';
import { TerminalOutput } from './TerminalOutput.tsx';
import { TerminalPrompt } from './TerminalPrompt.tsx';
import { useT } from '../i18n.ts';

type Tab = 'terminal' | 'events';

export function TerminalPane() {
  const pending = useAppStore(selectPending);
  const input = useRef<HTMLInputElement>(null);
  const focusPrompt = useCallback(() => input.current?.focus({ preventScroll: true }), []);
  const [tab, setTab] = useState<Tab>('terminal');
  const t = useT();

  return (
    <section className="pane terminal-pane" aria-label="Console">
      <header className="pane-header">
        <div className="pane-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'terminal'} className="pane-tab" data-testid="tab-terminal" onClick={() => setTab('terminal')}>
            {t('terminal')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'events'} className="pane-tab" data-testid="tab-events" onClick={() => setTab('events')}>
            {t('events')}
          </button>
        </div>
        {tab === 'terminal' && <span className="pane-hint">root@control-plane</span>}
        {pending > 0 && (
          <span className="pane-busy" role="status">
            running…
          </span>
        )}
      </header>
      <div className="console-body" hidden={tab !== 'terminal'}>
        <TerminalOutput onClick={focusPrompt} />
        <TerminalPrompt ref={input} />
      </div>
      {tab === 'events' && <EventLog />}
    </section>
  );
}
