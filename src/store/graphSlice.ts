/** What the cluster graph shows: the view's own options (the objects come from the cluster slice). */
import type { StateCreator } from 'zustand';
import type { AppState } from './types.ts';

export interface GraphSlice {
  /** Show the kube-system and kube-flannel pods (hidden by default: they crowd the control plane). */
  showSystemPods: boolean;
  setShowSystemPods(show: boolean): void;
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set) => ({
  showSystemPods: false,
  setShowSystemPods: (show) => set({ showSystemPods: show }),
});
