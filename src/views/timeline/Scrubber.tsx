/**
 * The scrubber: a range over the known history with its markers drawn on a canvas (binned per
 * pixel column, so a long history costs no more than a short one). Hovering reads the nearest
 * marker; clicking jumps to it; dragging previews the time under the pointer and seeks on
 * release (going back re-runs the history from its start, so one seek per gesture, not per pixel).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectCategories, selectMarkers, selectSeek } from '../../store/selectors.ts';
import { formatClock } from '../../store/timelineSlice.ts';
import type { Marker, MarkerCategory } from '../../worker/protocol.ts';
import { CATEGORY_COLOR } from './categories.ts';
import { categoryKey, useT } from '../i18n.ts';
import { binMarkers, nearestMarker, timeAt, xAt } from './scrubber.ts';

const HEIGHT = 28;
/** Hover picks a marker within this many pixels. */
const HOVER_PX = 4;

export function Scrubber({ t, end }: { t: number; end: number }) {
  const markers = useAppStore(selectMarkers);
  const categories = useAppStore(selectCategories);
  const seek = useAppStore(selectSeek);
  const shown = useMemo(() => new Set<MarkerCategory>(categories), [categories]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ x: number; marker: Marker | null; t: number } | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const tr = useT();
  const seeking = useRef<{ busy: boolean; next: number | null }>({ busy: false, next: null });

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = canvas.current;
    if (!element || width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    element.width = width * ratio;
    element.height = HEIGHT * ratio;
    const g = element.getContext('2d');
    if (!g) return;
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, HEIGHT);
    // The known past up to now, then the recorded future (when looking back).
    const nowX = xAt(t, width, end);
    g.fillStyle = '#1f6feb33';
    g.fillRect(0, 0, nowX, HEIGHT);
    const bins = binMarkers(markers, shown, width, end);
    const rows = [...bins.keys()];
    rows.forEach((category, row) => {
      g.fillStyle = CATEGORY_COLOR[category];
      const y = 3 + (row * (HEIGHT - 6)) / Math.max(1, rows.length);
      const h = Math.max(2, (HEIGHT - 6) / Math.max(1, rows.length) - 1);
      for (const column of bins.get(category)!) g.fillRect(column, y, 1, h);
    });
    g.fillStyle = '#e6edf3';
    g.fillRect(Math.min(width - 2, nowX), 0, 2, HEIGHT);
  }, [markers, shown, width, end, t]);

  const go = (target: number) => {
    const state = seeking.current;
    if (state.busy) {
      state.next = target;
      return;
    }
    state.busy = true;
    void seek(target).finally(() => {
      state.busy = false;
      const next = state.next;
      state.next = null;
      if (next !== null) go(next);
    });
  };

  const pointerTime = (event: React.PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    return { x, t: timeAt(x, box.width, end) };
  };

  return (
    <div
      className="timeline-scrubber"
      data-testid="timeline-scrubber"
      role="slider"
      tabIndex={0}
      aria-label={tr('a11yTime')}
      aria-valuemin={0}
      aria-valuemax={Math.round(end)}
      aria-valuenow={Math.round(t)}
      aria-valuetext={formatClock(t)}
      onPointerMove={(event) => {
        const p = pointerTime(event);
        const tolerance = (HOVER_PX / Math.max(1, width)) * end;
        setHover({ x: p.x, t: p.t, marker: nearestMarker(markers, shown, p.t, tolerance) });
        if (dragging !== null) setDragging(p.x);
      }}
      onPointerLeave={() => setHover(null)}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        setDragging(pointerTime(event).x);
      }}
      onPointerUp={(event) => {
        if (dragging === null) return;
        setDragging(null);
        const p = pointerTime(event);
        const tolerance = (HOVER_PX / Math.max(1, width)) * end;
        // Released on a marker: exactly its time; elsewhere the time under the pointer.
        go(nearestMarker(markers, shown, p.t, tolerance)?.t ?? p.t);
      }}
      onPointerCancel={() => setDragging(null)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft') go(Math.max(0, t - 1));
        if (event.key === 'ArrowRight') go(Math.min(end, t + 1));
        if (event.key === 'Home') go(0);
        if (event.key === 'End') go(end);
      }}
    >
      <canvas ref={canvas} className="timeline-canvas" style={{ height: HEIGHT }} />
      {dragging !== null && <div className="timeline-ghost" style={{ left: Math.max(0, Math.min(width - 2, dragging)) }} />}
      {hover && (
        <div className="timeline-tooltip" data-testid="timeline-tooltip" style={{ left: Math.min(Math.max(0, hover.x - 140), Math.max(0, width - 280)) }}>
          {hover.marker ? (
            <>
              <span className="timeline-tooltip-time">{formatClock(hover.marker.t)}</span>{' '}
              <span style={{ color: CATEGORY_COLOR[hover.marker.category] }}>{tr(categoryKey(hover.marker.category))}</span>{' '}
              <strong>{hover.marker.reason}</strong> {hover.marker.object && <span className="timeline-tooltip-object">{hover.marker.object}</span>}
              <div className="timeline-tooltip-message">{hover.marker.message}</div>
            </>
          ) : (
            <span className="timeline-tooltip-time">{formatClock(hover.t)}</span>
          )}
        </div>
      )}
    </div>
  );
}
