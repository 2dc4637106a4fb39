/**
 * The console: the terminal (a root shell on a node: the control-plane node by default, where
 * kubectl is set up, or any node picked in the header, where `curl`, `iptables-save`, `nslookup`
 * see that node's network) and, in a second tab, the event log of the whole history. The terminal
 * stays mounted while hidden (its scrollback and the typed line are kept).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectGraphNodes, selectPending } from '../../store/selectors.ts';
import type { AppState } from '../../store/types.ts';
import { EventLog } from '../timeline/EventLog.tsx';
import { TerminalOutput } from './TerminalOutput.tsx';
import { TerminalPrompt } from './TerminalPrompt.tsx';
import { useT } from '../i18n.ts';

type Tab = 'terminal' | 'events';

const selectShellNode = (s: AppState) => s.shellNode;
const selectSetShellNode = (s: AppState) => s.setShellNode;

/** Where the shell runs: '' is the control-plane node (the default), else a node's name. */
function NodePicker() {
  const nodes = useAppStore(selectGraphNodes);
  const shellNode = useAppStore(selectShellNode);
  const setShellNode = useAppStore(selectSetShellNode);
  const t = useT();
  const controlPlane = nodes.find((n) => n.roles.includes('control-plane'))?.name ?? 'control-plane';
  const others = nodes.filter((n) => n.name !== controlPlane).map((n) => n.name);
  // A node picked before a reset may be gone: the control-plane node takes over.
  const gone = shellNode !== null && nodes.length > 0 && !others.includes(shellNode);
  useEffect(() => {
    if (gone) setShellNode(null);
  }, [gone, setShellNode]);
  const value = shellNode ?? '';
  return (
    <label className="shell-node" title={t('shellOnTitle')}>
      <span>{t('shellOn')}</span>
      <select
        className="graph-select"
        data-testid="terminal-node"
        value={value}
        onChange={(event) => setShellNode(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">root@{controlPlane}</option>
        {others.map((name) => (
          <option key={name} value={name}>
            root@{name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TerminalPane() {
  const pending = useAppStore(selectPending);
  const input = useRef<HTMLInputElement>(null);
  const focusPrompt = useCallback(() => input.current?.focus({ preventScroll: true }), []);
  const [tab, setTab] = useState<Tab>('terminal');
  const t = useT();

  return (
    <section className="pane terminal-pane" aria-label={t('console')}>
      <header className="pane-header">
        <div className="pane-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'terminal'} className="pane-tab" data-testid="tab-terminal" onClick={() => setTab('terminal')}>
            {t('terminal')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'events'} className="pane-tab" data-testid="tab-events" onClick={() => setTab('events')}>
            {t('events')}
          </button>
        </div>
        {tab === 'terminal' && <NodePicker />}
        {pending > 0 && (
          <span className="pane-busy" role="status">
            {t('running')}
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
