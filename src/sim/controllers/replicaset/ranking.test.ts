import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { EPOCH_MS, formatRFC3339 } from '../../kernel/time.ts';
import { lessForDeletion, podsToDelete } from './ranking.ts';

const NOW = EPOCH_MS + 10_000_000;
const ago = (s: number) => formatRFC3339(NOW - s * 1000);

interface P {
  uid?: string;
  node?: string;
  phase?: string;
  readyFor?: number;
  cost?: string;
  restarts?: number;
  age?: number;
}

function pod(name: string, p: P): KubeObject {
  const conditions = p.readyFor !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(p.readyFor) }] : [{ type: 'Ready', status: 'False' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, uid: p.uid ?? name, resourceVersion: '1', creationTimestamp: ago(p.age ?? 1000), ...(p.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } } : {}) },
    spec: { nodeName: p.node ?? 'worker-1', containers: [{ name: 'c' }] },
    status: { phase: p.phase ?? 'Running', conditions, containerStatuses: [{ name: 'c', restartCount: p.restarts ?? 0 }] },
  };
}

const before = (a: KubeObject, b: KubeObject, ra = 1, rb = 1) => lessForDeletion(a, b, ra, rb, NOW);

describe('ActivePodsWithRanks', () => {
  const base: P = { readyFor: 500 };
  it.each<[string, P, P]>([
    ['unscheduled before scheduled', { ...base, node: '' }, base],
    ['Pending before Unknown', { phase: 'Pending' }, { phase: 'Unknown' }],
    ['Unknown before Running', { phase: 'Unknown' }, { phase: 'Running' }],
    ['not ready before ready', {}, base],
    ['lower deletion cost first', { ...base, cost: '-5' }, base],
    ['ready for a shorter time (another log2 bucket) first', { readyFor: 10 }, { readyFor: 500 }],
    ['more restarts first', { ...base, restarts: 3 }, { ...base, restarts: 1 }],
    ['newer first (another log2 bucket)', { ...base, age: 100 }, { ...base, age: 1000 }],
  ])('%s', (_name, a, b) => {
    expect(before(pod('a', a), pod('b', b))).toBe(true);
    expect(before(pod('b', b), pod('a', a))).toBe(false);
  });

  it('ranks doubled-up Pods first, after deletion cost', () => {
    expect(before(pod('a', base), pod('b', base), 2, 1)).toBe(true);
    expect(before(pod('a', { ...base, cost: '10' }), pod('b', base), 2, 1)).toBe(false);
  });

  it('breaks a tie within one log2 bucket by UID', () => {
    // 600s and 700s ago are both in [2^39, 2^40) nanoseconds.
    expect(before(pod('a', { readyFor: 600, uid: 'b-uid' }), pod('b', { readyFor: 700, uid: 'a-uid' }))).toBe(false);
    expect(before(pod('a', { readyFor: 700, uid: 'a-uid' }), pod('b', { readyFor: 600, uid: 'b-uid' }))).toBe(true);
    expect(before(pod('a', { ...base, age: 600, uid: 'a-uid' }), pod('b', { ...base, age: 700, uid: 'b-uid' }))).toBe(true);
  });

  it('picks the victims by rank, counting related Pods per node', () => {
    const pods = [pod('p1', { ...base, node: 'n1' }), pod('p2', { ...base, node: 'n2' }), pod('p3', { ...base, node: 'n2' }), pod('p4', { phase: 'Pending', node: '' })];
    expect(podsToDelete(pods, pods, 2, NOW).map((p) => p.metadata.name)).toEqual(['p4', 'p2']);
    expect(podsToDelete(pods, pods, 4, NOW).map((p) => p.metadata.name)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});
