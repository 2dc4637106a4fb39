/**
 * The scrollback: one <pre>, one <span> per entry. Text is always rendered as text nodes,
 * never as HTML, because it echoes user input and cluster data.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import type { TerminalEntry } from '../../store/index.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTerminalEntries } from '../../store/selectors.ts';
import { promptFor } from './completion.ts';

/** Within this many pixels of the bottom counts as "following the output". */
const STICK_TO_BOTTOM_PX = 24;

const Entry = memo(function Entry({ entry }: { entry: TerminalEntry }) {
  if (entry.stream === 'command') {
    return (
      <span className="term-command" data-stream="command" data-node={entry.node}>
        <span className="term-prompt" aria-hidden="true">
          {promptFor(entry.node)}{' '}
        </span>
        {entry.text}
        {'\n'}
      </span>
    );
  }
  return (
    <span className={`term-${entry.stream}`} data-stream={entry.stream}>
      {entry.text}
    </span>
  );
});

export function TerminalOutput({ onClick }: { onClick: () => void }) {
  const entries = useAppStore(selectTerminalEntries);
  const ref = useRef<HTMLPreElement>(null);
  const following = useRef(true);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const onScroll = () => {
    const el = ref.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX;
  };

  // A click (not a text selection) in the scrollback puts the cursor back at the prompt.
  const onMouseUp = () => {
    if (!window.getSelection()?.toString()) onClick();
  };

  return (
    <pre
      ref={ref}
      className="terminal-output"
      data-testid="terminal-output"
      aria-live="polite"
      onScroll={onScroll}
      onMouseUp={onMouseUp}
    >
      {entries.map((entry) => (
        <Entry key={entry.id} entry={entry} />
      ))}
    </pre>
  );
}
