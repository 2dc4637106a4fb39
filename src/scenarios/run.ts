/**
 * Replaying a scenario on a headless cluster: each input at its virtual time, repeats expanded.
 * The worker's replay and the gallery tests share this, so that both see the same history.
 */
import type { Cluster, ExecResult } from '../sim/index.ts';
import type { Scenario, TimedAction } from './types.ts';

/** One input to run: an apply, or one run of an exec line (a repeat expands to several). */
export interface ScenarioStep {
  /** Virtual time in whole milliseconds: the kernel's clock steps in milliseconds. */
  atMs: number;
  /** Index of the action in `scenario.actions`. */
  index: number;
  action: TimedAction;
}

/**
 * Every input in the order it runs: by time, then by position in `actions` (inputs at the same
 * time run in array order, DESIGN.md). Repeats start at `at` and run `every` seconds apart.
 */
export function expandActions(scenario: Scenario): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  scenario.actions.forEach((action, index) => {
    const count = action.kind === 'exec' && action.repeat ? action.repeat.count : 1;
    const every = action.kind === 'exec' && action.repeat ? action.repeat.every : 0;
    for (let k = 0; k < count; k++) steps.push({ atMs: Math.round((action.at + k * every) * 1000), index, action });
  });
  return steps.sort((a, b) => a.atMs - b.atMs || a.index - b.index);
}

/** Runs one step on the cluster now. */
export function runStep(cluster: Cluster, step: ScenarioStep): ExecResult {
  const a = step.action;
  return a.kind === 'apply' ? cluster.apply(a.yaml) : cluster.exec(a.line, a.node !== undefined ? { node: a.node } : {});
}

/**
 * Runs the scenario's inputs from the cluster's current time up to `untilSeconds` and leaves the
 * cluster there. Inputs before the current time are taken as already run (a cluster restored
 * from a snapshot at t); an input at exactly `untilSeconds` runs. Returns each run's output.
 */
export function runScenario(cluster: Cluster, scenario: Scenario, untilSeconds: number): { step: ScenarioStep; result: ExecResult }[] {
  const untilMs = Math.round(untilSeconds * 1000);
  const startMs = Math.round(cluster.now() * 1000);
  const out: { step: ScenarioStep; result: ExecResult }[] = [];
  for (const step of expandActions(scenario)) {
    if (step.atMs > untilMs) break;
    if (step.atMs < startMs) continue;
    advanceTo(cluster, step.atMs);
    out.push({ step, result: runStep(cluster, step) });
  }
  advanceTo(cluster, untilMs);
  return out;
}

function advanceTo(cluster: Cluster, ms: number): void {
  const nowMs = Math.round(cluster.now() * 1000);
  if (ms > nowMs) cluster.advance((ms - nowMs) / 1000);
}
