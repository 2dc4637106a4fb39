/** The connection to the simulation (the worker client in the page, a fake in tests). */
import type { StateCreator } from 'zustand';
import type { SimulationApi } from '../worker/client.ts';
import type { AppState } from './types.ts';

export interface SimSlice {
  sim: SimulationApi | null;
  /** Connects a simulation: its updates flow into the store. Returns the disconnect function. */
  connect(sim: SimulationApi): () => void;
}

export const createSimSlice: StateCreator<AppState, [], [], SimSlice> = (set, get) => ({
  sim: null,
  connect: (sim) => {
    const offUpdate = sim.onUpdate((update) => get().applyUpdate(update));
    const offFatal = sim.onFatal((message) => {
      get().setFatal(message);
      get().printInfo(message);
    });
    set({ sim });
    return () => {
      offUpdate();
      offFatal();
      if (get().sim === sim) set({ sim: null });
    };
  },
});
