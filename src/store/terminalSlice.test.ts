import { describe, expect, it } from 'vitest';
import type { SimulationApi } from '../worker/client.ts';
import { createAppStore } from './index.ts';

/** Just enough of a simulation for the terminal: exec records where each line ran. */
function fakeSim(calls: string[]): SimulationApi {
  const done = async () => {};
  return {
    exec: async (line, _stdin, node) => {
      calls.push(`${node ?? '(control plane)'}: ${line}`);
      return { stdout: `${node ?? 'control-plane'}\n`, stderr: '', exitCode: 0 };
    },
    apply: async () => ({ stdout: '', stderr: '', exitCode: 0 }),
    advance: done,
    reset: done,
    load: done,
    play: done,
    pause: done,
    setSpeed: done,
    step: done,
    seek: done,
    scenario: async () => ({ version: 1, title: 'fake', seed: 1, actions: [] }),
    onUpdate: () => () => {},
    onFatal: () => () => {},
  };
}

describe('terminal slice: the node the shell runs on, and completion lists', () => {
  it('runs each line on the picked node and tags its echo with it', async () => {
    const store = createAppStore();
    const calls: string[] = [];
    store.getState().connect(fakeSim(calls));
    await store.getState().runCommand('hostname');
    store.getState().setShellNode('worker-1');
    await store.getState().runCommand('hostname');
    expect(calls).toEqual(['(control plane): hostname', 'worker-1: hostname']);
    expect(store.getState().entries.map((e) => [e.stream, e.node ?? null, e.text])).toEqual([
      ['command', null, 'hostname'],
      ['stdout', null, 'control-plane\n'],
      ['command', 'worker-1', 'hostname'],
      ['stdout', null, 'worker-1\n'],
    ]);
  });

  it('prints a completion list below the line typed so far, in columns', () => {
    const store = createAppStore();
    store.getState().printCompletions('kubectl get pod', ['pods', 'poddisruptionbudgets.policy']);
    expect(store.getState().entries.map((e) => [e.stream, e.text])).toEqual([
      ['command', 'kubectl get pod'],
      ['completion', 'pods                         poddisruptionbudgets.policy\n'],
    ]);
    expect(store.getState().history).toEqual([]);
  });
});
