/**
 * The clock and the known history as the page sees them: playing or paused, the speed, where
 * the history ends, the markers over it (for the scrubber and the event log) and the filters.
 * Updates reach it through the cluster slice's one `set` per batch (see `timelineFields`).
 */
import type { StateCreator } from 'zustand';
import { MARKER_CATEGORIES, type MarkerCategory } from '../worker/markers.ts';
import type { ClockState, ClusterUpdate, Marker } from '../worker/protocol.ts';
import type { AppState } from './types.ts';

/** The page keeps at most this many markers (the worker keeps up to 100,000; older ones fall off). */
export const MARKERS_KEEP = 100_000;

export interface TimelineSlice {
  clock: ClockState;
  markers: Marker[];
  /** Categories shown on the scrubber and in the event log. */
  categories: readonly MarkerCategory[];
  /** Text the event log is filtered by (object, reason or message). */
  eventFilter: string;
  /** Shown until dismissed: what happened to the history (a fork). */
  notice: string | null;
  play(): Promise<void>;
  pause(): Promise<void>;
  setSpeed(speed: number): Promise<void>;
  step(): Promise<void>;
  seek(t: number): Promise<void>;
  toggleCategory(category: MarkerCategory): void;
  setEventFilter(text: string): void;
  dismissNotice(): void;
}

export const INITIAL_CLOCK: ClockState = { playing: true, speed: 1, end: 0, live: true, inputs: 0 };

export const createTimelineSlice: StateCreator<AppState, [], [], TimelineSlice> = (set, get) => {
  /** Sends a clock request; a failure is printed in the terminal (the clock stays as it was). */
  const request = async (work: (sim: NonNullable<AppState['sim']>) => Promise<void>): Promise<void> => {
    const sim = get().sim;
    if (!sim) return;
    try {
      await work(sim);
    } catch (error) {
      get().printInfo(`kubeplay: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    clock: INITIAL_CLOCK,
    markers: [],
    categories: MARKER_CATEGORIES,
    eventFilter: '',
    notice: null,
    play: () => request((sim) => sim.play()),
    pause: () => request((sim) => sim.pause()),
    setSpeed: (speed) => request((sim) => sim.setSpeed(speed)),
    step: () => request((sim) => sim.step()),
    seek: (t) => request((sim) => sim.seek(t)),
    toggleCategory: (category) =>
      set((state) => ({
        categories: state.categories.includes(category)
          ? state.categories.filter((c) => c !== category)
          : MARKER_CATEGORIES.filter((c) => c === category || state.categories.includes(c)),
      })),
    setEventFilter: (text) => set({ eventFilter: text }),
    dismissNotice: () => set({ notice: null }),
  };
};

/** The timeline's part of applying one update batch (merged into the cluster slice's `set`). */
export function timelineFields(state: AppState, update: ClusterUpdate): Partial<TimelineSlice> {
  const next: Partial<TimelineSlice> = { clock: update.clock };
  if (update.markersReplace) next.markers = capped(update.markersReplace);
  else if (update.markers.length > 0) next.markers = capped(state.markers.concat(update.markers));
  if (update.clock.forkedAt !== undefined) {
    next.notice = `You changed the cluster at ${formatClock(update.clock.forkedAt)}, in the past: a new history starts there, and what had been recorded after it is gone.`;
  }
  return next;
}

function capped(markers: Marker[]): Marker[] {
  return markers.length > MARKERS_KEEP ? markers.slice(markers.length - MARKERS_KEEP) : markers;
}

/** Virtual time as the timeline shows it: `m:ss`, or `h:mm:ss` past an hour. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
