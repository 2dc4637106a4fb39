import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../worker/protocol.ts';
import type { LoadBalancePick } from '../inspector/entries.ts';
import { chipsToFlash, emitPick, emitPodFx, onPick, onPodFx, restartedPods, type PodFx } from './fx.ts';

const pod = (name: string, restarts: number[], uid = `uid-${name}`): PodSummary => ({
  namespace: 'default',
  name,
  uid,
  phase: 'Running',
  nodeName: 'worker-1',
  terminating: false,
  ready: '1/1',
  status: 'Running',
  restarts: String(restarts.reduce((a, b) => a + b, 0)),
  podIP: null,
  owners: [],
  containers: restarts.map((n, i) => ({ name: `c${i}`, image: 'x', kind: 'app', state: 'running', reason: '', ready: true, restartCount: n, probes: [] })),
});

describe('restartedPods', () => {
  it('names the pods whose containers restarted, not new pods nor a new pod of the same name', () => {
    const prev = [pod('a', [0, 1]), pod('b', [2]), pod('c', [0])];
    const next = [pod('a', [0, 2]), pod('b', [2]), pod('c', [3], 'uid-c2'), pod('d', [1])];
    expect(restartedPods(prev, next).map((p) => p.name)).toEqual(['a']);
    expect(restartedPods(next, next)).toEqual([]);
  });
});

describe('the fx bus', () => {
  it('delivers to the registered card or edge only, until unsubscribed', () => {
    const got: string[] = [];
    const off = onPodFx('default', 'a', (fx: PodFx) => got.push(`a:${fx.kind}`));
    const offEdge = onPick('default/web', 'a', (p) => got.push(`edge:${p.endpoint}`));
    emitPodFx('default', 'a', { kind: 'restart' });
    emitPodFx('default', 'b', { kind: 'restart' });
    const pick = { service: 'default/web', podNamespace: 'default', pod: 'a', endpoint: '10.244.1.2:80' } as LoadBalancePick;
    emitPick(pick);
    // A Service only reaches pods of its own namespace by name.
    emitPick({ ...pick, podNamespace: 'other' });
    off();
    offEdge();
    emitPodFx('default', 'a', { kind: 'restart' });
    emitPick(pick);
    expect(got).toEqual(['a:restart', 'edge:10.244.1.2:80']);
  });
});

describe('chipsToFlash', () => {
  const chips = [
    { container: 'app', probes: ['liveness', 'readiness'] },
    { container: 'metrics', probes: ['liveness'] },
    { container: 'log', probes: [] },
  ];
  it('the container the Unhealthy entry names, and only if it declares that probe', () => {
    expect(chipsToFlash(chips, 'liveness', 'metrics').map((c) => c.container)).toEqual(['metrics']);
    expect(chipsToFlash(chips, 'readiness', 'metrics')).toEqual([]);
  });
  it('an entry that names no container: every container with that probe', () => {
    expect(chipsToFlash(chips, 'liveness', null).map((c) => c.container)).toEqual(['app', 'metrics']);
  });
});
