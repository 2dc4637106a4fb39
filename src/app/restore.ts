/**
 * The simulation worker's life on the page: starting it, remembering the last good history, and
 * starting a new worker from that history when the old one died (an exception in the core, a
 * crash, a killed worker). The editor's text lives in the store and is never touched.
 */
import type { Scenario } from '../scenarios/types.ts';
import type { AppStore } from '../store/index.ts';
import { SimulationClient } from '../worker/client.ts';

let current: SimulationClient | null = null;
let disconnect: (() => void) | null = null;
let lastGood: { scenario: Scenario; t: number } | null = null;

/** Starts a worker and connects it to the store. */
export function startSimulation(store: AppStore): SimulationClient {
  disconnect?.();
  current?.terminate();
  current = new SimulationClient();
  disconnect = store.getState().connect(current);
  return current;
}

/** The saving loop reports each history it saved: the one to come back to. */
export function rememberScenario(scenario: Scenario, t: number): void {
  lastGood = { scenario, t };
}

export async function restoreSimulation(store: AppStore): Promise<void> {
  startSimulation(store);
  store.getState().setFatal(null);
  if (lastGood) {
    await store.getState().openScenario(lastGood.scenario, { t: lastGood.t, play: false, editorText: store.getState().yamlText });
    store.getState().printInfo(`Restored the history up to ${Math.floor(lastGood.t)} s from what was last saved.`);
  } else {
    store.getState().printInfo('Started a new cluster (there was no saved history to restore).');
  }
}

/**
 * Fault injection for tests and demos (`?faults=1`): kill the worker as a browser would. Nothing
 * else is reachable from it.
 */
export function installFaultHooks(target: { kubeplayFaults?: { killWorker(): void } }): void {
  target.kubeplayFaults = {
    killWorker: () => current?.kill('the simulation worker was killed'),
  };
}
