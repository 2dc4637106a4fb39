import { describe, expect, it } from 'vitest';
import type { SimulationApi } from '../worker/client.ts';
import type { ClusterUpdate, ExecResult, PodSummary } from '../worker/protocol.ts';
import { TIMELINE_KEEP } from './clusterSlice.ts';
import { createAppStore } from './index.ts';
import { APPLY_COMMAND } from './terminalSlice.ts';
import { INITIAL_CLOCK } from './timelineSlice.ts';

/** A simulation that answers from a table and lets the test push updates. */
function fakeSimulation(answers: Record<string, ExecResult>) {
  const calls: string[] = [];
  let push: (update: ClusterUpdate) => void = () => {};
  const sim: SimulationApi = {
    exec: async (line) => {
      calls.push(line);
      const answer = answers[line];
      if (!answer) throw new Error(`not implemented: ${line}`);
      return answer;
    },
    apply: async (yaml) => {
      calls.push(`apply:${yaml}`);
      return answers[APPLY_COMMAND] ?? { stdout: '', stderr: '', exitCode: 0 };
    },
    advance: async () => {},
    reset: async () => {},
    load: async () => {},
    play: async () => {
      calls.push('play');
    },
    pause: async () => {
      calls.push('pause');
    },
    setSpeed: async (speed) => {
      calls.push(`speed:${speed}`);
    },
    step: async () => {
      calls.push('step');
    },
    seek: async (t) => {
      calls.push(`seek:${t}`);
    },
    scenario: async () => ({ version: 1, title: 'fake', seed: 1, actions: [] }),
    onUpdate: (listener) => {
      push = listener;
      return () => {};
    },
    onFatal: () => () => {},
  };
  return { sim, calls, push: (update: ClusterUpdate) => push(update) };
}

const NO_USE = { requested: 0, allocatable: 0 };
const pod = (name: string, phase: string, nodeName: string | null): PodSummary => ({
  namespace: 'default',
  name,
  phase,
  nodeName,
  terminating: false,
  ready: '0/1',
  status: phase,
  restarts: '0',
  podIP: null,
  containers: [],
  owners: [],
});

const update = (fields: Partial<ClusterUpdate>): ClusterUpdate => ({
  t: 0,
  reset: false,
  entries: [],
  skippedEntries: 0,
  jumped: false,
  clock: INITIAL_CLOCK,
  markers: [],
  ...fields,
});

describe('terminal slice', () => {
  it('prints each command with its output, in the order typed', async () => {
    const store = createAppStore();
    const { sim } = fakeSimulation({
      'kubectl get ns': { stdout: 'NAME      STATUS   AGE\ndefault   Active   5s\n', stderr: '', exitCode: 0 },
      'kubectl get x': { stdout: '', stderr: 'error: the server doesn\'t have a resource type "x"', exitCode: 1 },
    });
    store.getState().connect(sim);
    const first = store.getState().runCommand('  kubectl get ns ');
    const second = store.getState().runCommand('kubectl get x');
    await Promise.all([first, second]);
    expect(store.getState().entries.map(({ stream, text }) => [stream, text])).toEqual([
      ['command', 'kubectl get ns'],
      ['stdout', 'NAME      STATUS   AGE\ndefault   Active   5s\n'],
      ['command', 'kubectl get x'],
      ['stderr', 'error: the server doesn\'t have a resource type "x"\n'],
    ]);
    expect(store.getState().history).toEqual(['kubectl get ns', 'kubectl get x']);
    expect(store.getState().pending).toBe(0);
  });

  it('applies the editor text as kubectl apply -f - and keeps the text', async () => {
    const store = createAppStore();
    const { sim, calls } = fakeSimulation({ [APPLY_COMMAND]: { stdout: 'pod/web created\n', stderr: '', exitCode: 0 } });
    store.getState().connect(sim);
    store.getState().setYamlText('# 中文注释\nkind: Pod\n');
    await store.getState().applyEditor();
    expect(calls).toEqual(['apply:# 中文注释\nkind: Pod\n']);
    expect(store.getState().entries.map((e) => e.text)).toEqual([APPLY_COMMAND, 'pod/web created\n']);
    expect(store.getState().yamlText).toBe('# 中文注释\nkind: Pod\n');
    expect(store.getState().history).toEqual([]);
  });

  it('shows a failing simulation as stderr, and clear empties the scrollback', async () => {
    const store = createAppStore();
    store.getState().connect(fakeSimulation({}).sim);
    await store.getState().runCommand('kubectl version');
    expect(store.getState().entries.at(-1)).toMatchObject({ stream: 'stderr', text: 'kubeplay: not implemented: kubectl version\n' });
    await store.getState().runCommand('clear');
    expect(store.getState().entries).toEqual([]);
    expect(store.getState().history).toEqual(['kubectl version', 'clear']);
  });
});

describe('graph slice', () => {
  it('hides system pods until asked', () => {
    const store = createAppStore();
    expect(store.getState().showSystemPods).toBe(false);
    store.getState().setShowSystemPods(true);
    expect(store.getState().showSystemPods).toBe(true);
  });
});

describe('cluster slice', () => {
  it('applies each update batch, keeps the last summary and a capped timeline, and starts over on reset', () => {
    const store = createAppStore();
    const { sim, push } = fakeSimulation({});
    store.getState().connect(sim);
    const entry = (t: number) => ({ t, source: 'kubectl', type: 'user' as const, message: `m${t}` });

    push(update({
      t: 1,
      reset: true,
      summary: {
        pods: [
          pod('a', 'Running', 'w1'),
          pod('b', 'Pending', null),
        ],
        nodes: [{ name: 'w1', ready: true, roles: [], unschedulable: false, taints: [], cpu: NO_USE, memory: NO_USE }],
        services: [],
        counts: { pods: 2, nodes: 1 },
      },
      entries: [entry(1)],
    }));
    push(update({ t: 2, entries: Array.from({ length: TIMELINE_KEEP }, (_, i) => entry(2 + i)), skippedEntries: 5 }));

    const state = store.getState();
    expect(state.t).toBe(2);
    expect(state.connected).toBe(true);
    expect(state.pods).toHaveLength(2);
    expect(state.podPhases).toEqual({ Running: 1, Pending: 1 });
    expect(state.timeline).toHaveLength(TIMELINE_KEEP);
    expect(state.timeline[0]?.t).toBe(2);
    expect(state.timelineTotal).toBe(1 + 5 + TIMELINE_KEEP);

    push(update({ t: 0, reset: true, summary: { pods: [], nodes: [], services: [], counts: {} } }));
    expect(store.getState()).toMatchObject({ t: 0, timeline: [], timelineTotal: 0, pods: [], services: [], podPhases: {} });
  });
});
