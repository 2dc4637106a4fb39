/** How each marker category is coloured on the scrubber and in the event log (names: views/i18n.ts). */
import type { MarkerCategory } from '../../worker/protocol.ts';

export const CATEGORY_COLOR: Record<MarkerCategory, string> = {
  user: '#e6edf3',
  scheduling: '#4c8dff',
  pull: '#a371f7',
  container: '#3fb950',
  probe: '#d29922',
  restart: '#ff7b72',
  endpoints: '#39c5cf',
  traffic: '#f778ba',
  node: '#ffa657',
  workload: '#8b949e',
};

/** Speeds offered by the speed control (virtual seconds per real second). */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
