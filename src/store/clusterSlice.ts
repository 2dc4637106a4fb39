/**
 * What the page knows of the cluster: virtual time, the object summary and a tail of the
 * timeline, all from the worker's update batches (one `set` per batch).
 */
import type { StateCreator } from 'zustand';
import type { ClusterUpdate, NodeSummary, PodSummary, ServiceSummary, TimelineEvent } from '../worker/protocol.ts';
import type { AppState } from './types.ts';
import { timelineFields } from './timelineSlice.ts';

/** The page keeps this many recent timeline entries; the worker holds the full log. */
export const TIMELINE_KEEP = 1_000;

export interface ClusterSlice {
  /** Virtual seconds since the cluster was created. */
  t: number;
  /** False until the first update arrives. */
  connected: boolean;
  pods: PodSummary[];
  nodes: NodeSummary[];
  services: ServiceSummary[];
  counts: Record<string, number>;
  /** Pods per phase, computed once per batch so views do not filter on every render. */
  podPhases: Record<string, number>;
  /** The most recent timeline entries, oldest first. */
  timeline: TimelineEvent[];
  /** Entries recorded since the last reset, including the ones no longer kept here. */
  timelineTotal: number;
  /** Why the simulation stopped, if it did. */
  fatal: string | null;
  applyUpdate(update: ClusterUpdate): void;
  setFatal(message: string | null): void;
}

export const createClusterSlice: StateCreator<AppState, [], [], ClusterSlice> = (set) => ({
  t: 0,
  connected: false,
  pods: [],
  nodes: [],
  services: [],
  counts: {},
  podPhases: {},
  timeline: [],
  timelineTotal: 0,
  fatal: null,
  applyUpdate: (update) =>
    set((state) => {
      const base = update.reset ? [] : state.timeline;
      const next: Partial<AppState> = {
        ...timelineFields(state, update),
        t: update.t,
        connected: true,
        timeline: update.entries.length > 0 ? appendCapped(base, update.entries, TIMELINE_KEEP) : base,
        timelineTotal: (update.reset ? 0 : state.timelineTotal) + update.skippedEntries + update.entries.length,
      };
      if (update.reset) next.fatal = null;
      if (update.summary) {
        next.pods = update.summary.pods;
        next.nodes = update.summary.nodes;
        next.services = update.summary.services;
        next.workloads = update.summary.workloads ?? [];
        next.counts = update.summary.counts;
        next.podPhases = countPhases(update.summary.pods);
      }
      return next;
    }),
  setFatal: (message) => set({ fatal: message }),
});

/** `list` followed by `more`, keeping only the last `keep` items. */
export function appendCapped<T>(list: readonly T[], more: readonly T[], keep: number): T[] {
  const all = list.concat(more);
  return all.length > keep ? all.slice(all.length - keep) : all;
}

function countPhases(pods: readonly PodSummary[]): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const pod of pods) {
    const phase = pod.terminating ? 'Terminating' : pod.phase;
    phases[phase] = (phases[phase] ?? 0) + 1;
  }
  return phases;
}
