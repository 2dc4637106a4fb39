/**
 * The event log: the known history as a list, like `kubectl get events -w` plus the simulator's
 * own decisions, filterable by category and text. What lies after the moment shown is dimmed;
 * clicking a line goes to its time.
 */
import { useDeferredValue, useMemo } from 'react';
import { useAppStore } from '../../store/index.ts';
import {
  selectCategories,
  selectEventFilter,
  selectMarkers,
  selectSeek,
  selectSelect,
  selectSetEventFilter,
  selectToggleCategory,
  selectVirtualTime,
} from '../../store/selectors.ts';
import { formatClock } from '../../store/timelineSlice.ts';
import { MARKER_CATEGORIES } from '../../worker/markers.ts';
import { CATEGORY_COLOR } from './categories.ts';
import type { GraphSelection } from '../../store/graphSlice.ts';
import { categoryKey, useT } from '../i18n.ts';

/** The inspector's selection for a marker's object (`Kind/namespace/name` or `Kind/name`), if it shows that kind. */
export function selectionOf(object: string): GraphSelection | null {
  const parts = object.split('/');
  const kind = parts[0] ?? '';
  if (!INSPECTABLE.has(kind)) return null;
  if (parts.length === 3) return { kind, namespace: parts[1]!, name: parts[2]! };
  if (parts.length === 2) return { kind, namespace: '', name: parts[1]! };
  return null;
}

const INSPECTABLE = new Set(['Pod', 'Node', 'Service', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/** Lines drawn at most (the newest that match): the list stays cheap however long the history. */
const MAX_ROWS = 400;

export function EventLog() {
  const markers = useAppStore(selectMarkers);
  const categories = useAppStore(selectCategories);
  const filter = useAppStore(selectEventFilter);
  const setFilter = useAppStore(selectSetEventFilter);
  const toggle = useAppStore(selectToggleCategory);
  const seek = useAppStore(selectSeek);
  const select = useAppStore(selectSelect);
  const t = useAppStore(selectVirtualTime);
  const text = useDeferredValue(filter.trim().toLowerCase());
  const tr = useT();

  const rows = useMemo(() => {
    const shown = new Set(categories);
    const out = [];
    for (let i = markers.length - 1; i >= 0 && out.length < MAX_ROWS; i--) {
      const m = markers[i]!;
      if (!shown.has(m.category)) continue;
      if (text && !`${m.reason} ${m.object} ${m.message} ${m.source}`.toLowerCase().includes(text)) continue;
      out.push(m);
    }
    return out.reverse();
  }, [markers, categories, text]);

  return (
    <div className="event-log" data-testid="event-log">
      <div className="event-log-filters">
        {MARKER_CATEGORIES.map((c) => (
          <label key={c} className="event-chip" style={{ borderColor: CATEGORY_COLOR[c] }}>
            <input type="checkbox" data-testid={`event-filter-${c}`} checked={categories.includes(c)} onChange={() => toggle(c)} />
            {tr(categoryKey(c))}
          </label>
        ))}
        <input
          className="event-log-search"
          data-testid="event-log-filter"
          type="search"
          placeholder={tr('eventFilter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <ol className="event-log-list" aria-label={tr('events')}>
        {rows.map((m) => (
          <li key={`${m.i}:${m.t}:${m.reason}`} className={m.t > t ? 'event-row future' : 'event-row'} data-level={m.level}>
            <button
              type="button"
              className="event-row-button"
              onClick={() => {
                void seek(m.t);
                const selection = selectionOf(m.object);
                if (selection) select(selection);
              }}
              title={tr('eventRowTitle')}
            >
              <span className="event-time">{formatClock(m.t)}</span>
              <span className="event-dot" style={{ background: CATEGORY_COLOR[m.category] }} />
              <span className="event-level">{m.level}</span>
              <span className="event-reason">{m.reason}</span>
              <span className="event-object">{m.object}</span>
              <span className="event-message">{m.message}</span>
            </button>
          </li>
        ))}
        {rows.length === 0 && <li className="event-empty">{tr('noEvents')}</li>}
      </ol>
    </div>
  );
}
