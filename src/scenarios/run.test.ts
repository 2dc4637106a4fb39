import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { expandActions, runScenario } from './run.ts';
import { parseScenario } from './validate.ts';

const scenario = parseScenario({
  version: 1, title: 'timing', seed: 3, actions: [
    { at: 0.5, kind: 'exec', line: 'kubectl get ns default', repeat: { every: 0.25, count: 3 } },
    { at: 1, kind: 'exec', line: 'kubectl label ns default a=1' },
    { at: 0, kind: 'apply', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' },
    { at: 5, kind: 'exec', line: 'kubectl get ns shop' },
  ],
});

describe('runScenario', () => {
  it('expands repeats and orders by time, then by position', () => {
    expect(expandActions(scenario).map((s) => [s.atMs, s.index])).toEqual([[0, 0], [500, 1], [750, 1], [1000, 1], [1000, 2], [5000, 3]]);
  });

  it('runs each input at its time and stops at the end time', () => {
    const c = createCluster({ seed: scenario.seed });
    const runs = runScenario(c, scenario, 2);
    expect(c.now()).toBe(2);
    expect(runs.map((r) => [r.step.atMs, r.result.exitCode])).toEqual([[0, 0], [500, 0], [750, 0], [1000, 0], [1000, 0]]);
    expect(runs[4]!.result.stdout).toBe('namespace/default labeled\n');
    const users = c.timeline().filter((e) => e.type === 'user').map((e) => [e.t, e.message]);
    expect(users).toEqual([[0, 'kubectl apply -f -'], [0.5, 'kubectl get ns default'], [0.75, 'kubectl get ns default'], [1, 'kubectl get ns default'], [1, 'kubectl label ns default a=1']]);
    // Carrying on from where it stopped runs only what is left.
    const rest = runScenario(c, scenario, 10);
    expect(rest.map((r) => r.step.atMs)).toEqual([5000]);
    expect(c.now()).toBe(10);
  });

  it('gives the same history for the same scenario', () => {
    const once = () => {
      const c = createCluster({ seed: scenario.seed });
      runScenario(c, scenario, 8);
      return JSON.stringify({ t: c.timeline(), s: c.snapshot() });
    };
    expect(once()).toBe(once());
  });
});
