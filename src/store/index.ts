/**
 * The app store: one zustand store made of slices. Views read it through the narrow selectors
 * in selectors.ts; the worker's updates reach it through `connect`.
 */
import { createStore, useStore } from 'zustand';
import { createClusterSlice } from './clusterSlice.ts';
import { createEditorSlice } from './editorSlice.ts';
import { createGraphSlice } from './graphSlice.ts';
import { createSimSlice } from './simSlice.ts';
import { createTerminalSlice } from './terminalSlice.ts';
import { createTimelineSlice } from './timelineSlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import type { AppState } from './types.ts';

export type { AppState } from './types.ts';
export type { TerminalEntry, TerminalStream } from './terminalSlice.ts';

/** A fresh store (the page uses one; tests make their own). */
export function createAppStore() {
  return createStore<AppState>()((...args) => ({
    ...createClusterSlice(...args),
    ...createTerminalSlice(...args),
    ...createEditorSlice(...args),
    ...createSimSlice(...args),
    ...createGraphSlice(...args),
    ...createTimelineSlice(...args),
    ...createScenarioSlice(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore: AppStore = createAppStore();

/** Reads the page's store with a selector (declare selectors at module scope). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
