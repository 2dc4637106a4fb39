/**
 * A Pod's container timeline, read from what the kubelet recorded about it: for each container
 * (init containers first, in the order the kubelet starts them), when it waited (image pull,
 * creation), ran and exited, with marks for failed probes, kills and restarts. Pure, so it is
 * tested without a browser; the inspector draws it as bars on one time axis.
 */
import type { ContainerSummary } from '../../worker/protocol.ts';
import type { ObjectEntry } from './insights.ts';

export type SegmentState = 'waiting' | 'running' | 'exited';

export interface Segment {
  from: number;
  /** null: still going at `now`. */
  to: number | null;
  state: SegmentState;
  /** The exit's reason and code (`Completed, 0`), for an exited segment. */
  detail?: string;
}

export interface TimelineMark {
  t: number;
  kind: 'probe' | 'kill' | 'restart' | 'backoff';
  message: string;
}

export interface ContainerTimelineRow {
  name: string;
  kind: ContainerSummary['kind'];
  segments: Segment[];
  marks: TimelineMark[];
}

export interface ContainerTimeline {
  /** The first and last virtual second the bars span. */
  start: number;
  end: number;
  rows: ContainerTimelineRow[];
}

const CREATED = /^Created container (.+)$/;
const STARTED = /^Started container (.+)$/;
const DIED = /^container (.+) exited with code (-?\d+) \((.*)\)$/;
const KILLING = /^Stopping container (.+)$/;
const BACKOFF = /^Back-off restarting failed container (.+?) in pod /;
const PULLING = /^Pulling image "(.+)"$/;

/** Marks kept per container at most (a crash loop's probes would otherwise fill the row). */
const MARKS_PER_ROW = 40;

/**
 * The timeline of `containers` from `entries` (the Pod's recorded events and decisions, oldest
 * first) up to `now`. A pull names its image, not its container: it is the next container with
 * that image that has not started yet, as the kubelet pulls just before creating it.
 */
export function containerTimeline(entries: readonly ObjectEntry[], containers: readonly ContainerSummary[], now: number): ContainerTimeline {
  const rows = containers.map((c): ContainerTimelineRow => ({ name: c.name, kind: c.kind, segments: [], marks: [] }));
  const byName = new Map(rows.map((r) => [r.name, r]));
  const started = new Set<string>();
  const last = (row: ContainerTimelineRow) => row.segments[row.segments.length - 1];
  const open = (row: ContainerTimelineRow, t: number, state: SegmentState, detail?: string) => {
    const prev = last(row);
    if (prev && prev.to === null) {
      if (prev.state === state) return;
      prev.to = t;
    }
    row.segments.push(detail === undefined ? { from: t, to: null, state } : { from: t, to: null, state, detail });
  };
  const mark = (row: ContainerTimelineRow, m: TimelineMark) => {
    row.marks.push(m);
    if (row.marks.length > MARKS_PER_ROW) row.marks.shift();
  };
  let start = Infinity;
  for (const e of entries) {
    let m: RegExpExecArray | null;
    let row: ContainerTimelineRow | undefined;
    if (e.reason === 'Pulling' && (m = PULLING.exec(e.message))) {
      const image = m[1];
      const i = containers.findIndex((c) => c.image === image && !started.has(c.name));
      row = i < 0 ? undefined : rows[i];
      if (row && !last(row)) open(row, e.t, 'waiting');
    } else if ((m = CREATED.exec(e.message))) {
      row = byName.get(m[1]!);
      if (row && last(row)?.state !== 'waiting') open(row, e.t, 'waiting');
    } else if ((m = STARTED.exec(e.message))) {
      row = byName.get(m[1]!);
      if (row) {
        if (started.has(row.name)) mark(row, { t: e.t, kind: 'restart', message: e.message });
        started.add(row.name);
        open(row, e.t, 'running');
      }
    } else if ((m = DIED.exec(e.message))) {
      row = byName.get(m[1]!);
      if (row) open(row, e.t, 'exited', `${m[3]}, ${m[2]}`);
    } else if ((m = KILLING.exec(e.message))) {
      row = byName.get(m[1]!);
      if (row) mark(row, { t: e.t, kind: 'kill', message: e.message });
    } else if ((m = BACKOFF.exec(e.message))) {
      row = byName.get(m[1]!);
      if (row) mark(row, { t: e.t, kind: 'backoff', message: e.message });
    } else if (e.reason === 'Unhealthy' && e.container !== undefined) {
      row = byName.get(e.container);
      if (row) mark(row, { t: e.t, kind: 'probe', message: e.message });
    }
    if (row) start = Math.min(start, e.t);
  }
  if (start === Infinity) start = now;
  return { start, end: Math.max(now, start), rows };
}
