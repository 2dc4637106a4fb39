import type { ClusterSlice } from './clusterSlice.ts';
import type { EditorSlice } from './editorSlice.ts';
import type { GraphSlice } from './graphSlice.ts';
import type { SimSlice } from './simSlice.ts';
import type { TerminalSlice } from './terminalSlice.ts';
import type { TimelineSlice } from './timelineSlice.ts';
import type { ScenarioSlice } from './scenarioSlice.ts';

/** The whole app state: one store, one slice per concern. */
export type AppState = ClusterSlice & TerminalSlice & EditorSlice & SimSlice & GraphSlice & TimelineSlice & ScenarioSlice;
