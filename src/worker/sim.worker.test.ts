/**
 * The worker's batching, on the worker module itself: a fake `self` stands in for the worker scope,
 * and fake timers (setTimeout, setInterval and performance.now) stand in for the browser's clock, so
 * the test decides when each millisecond passes. Issue 7: the worker posts batched updates at most
 * once per animation frame (MIN_UPDATE_INTERVAL_MS, 16 ms).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClusterUpdate, WorkerRequest, WorkerResponse } from './protocol.ts';

const FRAME_MS = 16;
const posts: { at: number; message: WorkerResponse }[] = [];
let deliver: (request: WorkerRequest) => void = () => {
  throw new Error('the worker has not registered its message listener');
};
let nextId = 1;

const updates = (since = 0) => posts.slice(since).filter((p): p is { at: number; message: { type: 'update'; update: ClusterUpdate } } => p.message.type === 'update');
const exec = (line: string) => deliver({ id: nextId++, kind: 'exec', line } as WorkerRequest);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  vi.stubGlobal('self', {
    postMessage: (message: WorkerResponse) => posts.push({ at: performance.now(), message }),
    addEventListener: (_type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void) => {
      deliver = (request) => listener({ data: request } as MessageEvent<WorkerRequest>);
    },
  });
  // The module starts its cluster and clock on import, as the worker does when the page creates it.
  await import('./sim.worker.ts');
  // Let the first update go and the cluster settle a little.
  await vi.advanceTimersByTimeAsync(500);
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the worker posts batched updates', () => {
  it('many changes within one frame: one update, carrying all of their entries', async () => {
    await vi.advanceTimersByTimeAsync(FRAME_MS * 2);
    const before = posts.length;
    for (let i = 0; i < 25; i++) exec(`kubectl create configmap batch-${i} --from-literal=k=${i}`);
    // Each command is answered at once; no update yet.
    expect(posts.slice(before).filter((p) => p.message.type === 'result')).toHaveLength(25);
    expect(updates(before)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(FRAME_MS);
    const sent = updates(before);
    expect(sent).toHaveLength(1);
    const created = new Set(sent[0]!.message.update.entries.filter((e) => e.reason === 'create' && e.object?.kind === 'ConfigMap').map((e) => e.object!.name));
    expect(created).toEqual(new Set(Array.from({ length: 25 }, (_, i) => `batch-${i}`)));
    expect(sent[0]!.message.update.summary).toBeDefined();
  });

  it('never two updates less than a frame apart, with commands and the clock changing things every millisecond', async () => {
    const before = posts.length;
    for (let ms = 0; ms < 1_000; ms++) {
      exec(`kubectl label node worker-1 tick=${ms} --overwrite`);
      await vi.advanceTimersByTimeAsync(1);
    }
    const sent = updates(before);
    // Something changed every millisecond, so updates keep coming, one per frame at most.
    expect(sent.length).toBeGreaterThanOrEqual(1_000 / FRAME_MS / 2);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(1_000 / FRAME_MS) + 1);
    for (let k = 1; k < sent.length; k++) expect(sent[k]!.at - sent[k - 1]!.at).toBeGreaterThanOrEqual(FRAME_MS);
  });

  it('nothing changed, nothing posted: a paused clock sends no updates', async () => {
    deliver({ id: nextId++, kind: 'pause' } as WorkerRequest);
    await vi.advanceTimersByTimeAsync(FRAME_MS * 2);
    const before = posts.length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(updates(before)).toHaveLength(0);
  });
});
