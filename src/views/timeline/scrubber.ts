/**
 * The scrubber's arithmetic, without the DOM: time ↔ x, which markers fall in which pixel column,
 * and which marker is nearest to the pointer.
 */
import type { Marker, MarkerCategory } from '../../worker/protocol.ts';

export function timeAt(x: number, width: number, end: number): number {
  if (width <= 0 || end <= 0) return 0;
  return Math.max(0, Math.min(end, (x / width) * end));
}

export function xAt(t: number, width: number, end: number): number {
  if (end <= 0) return 0;
  return Math.max(0, Math.min(width, (t / end) * width));
}

/**
 * Markers binned into pixel columns: one tick per (column, category), however many markers fall
 * there, so drawing costs the width of the bar, not the length of the history.
 */
export function binMarkers(markers: readonly Marker[], shown: ReadonlySet<MarkerCategory>, width: number, end: number): Map<MarkerCategory, Set<number>> {
  const bins = new Map<MarkerCategory, Set<number>>();
  const columns = Math.max(1, Math.floor(width));
  for (const m of markers) {
    if (!shown.has(m.category)) continue;
    const column = Math.min(columns - 1, Math.floor(xAt(m.t, columns, end)));
    let set = bins.get(m.category);
    if (!set) bins.set(m.category, (set = new Set()));
    set.add(column);
  }
  return bins;
}

/** The shown marker nearest to time `t`, within `tolerance` seconds. Markers are sorted by time. */
export function nearestMarker(markers: readonly Marker[], shown: ReadonlySet<MarkerCategory>, t: number, tolerance: number): Marker | null {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  let best: Marker | null = null;
  for (let i = lo - 1, j = lo; i >= 0 || j < markers.length; i--, j++) {
    const left = i >= 0 ? markers[i]! : null;
    const right = j < markers.length ? markers[j]! : null;
    if ((!left || t - left.t > tolerance) && (!right || right.t - t > tolerance)) break;
    for (const m of [left, right]) {
      if (!m || !shown.has(m.category) || Math.abs(m.t - t) > tolerance) continue;
      if (!best || Math.abs(m.t - t) < Math.abs(best.t - t)) best = m;
    }
  }
  return best;
}
