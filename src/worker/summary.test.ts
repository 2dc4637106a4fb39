import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot, KubeObject } from '../sim/index.ts';
import { summarize } from './summary.ts';

function object(kind: string, name: string, rest: Partial<KubeObject> & { namespace?: string; labels?: Record<string, string>; deleting?: boolean } = {}): KubeObject {
  const { namespace, labels, deleting, ...fields } = rest;
  return {
    apiVersion: 'v1',
    kind,
    metadata: {
      name,
      uid: `uid-${name}`,
      resourceVersion: '1',
      creationTimestamp: '2024-01-01T00:00:00Z',
      ...(namespace === undefined ? {} : { namespace }),
      ...(labels === undefined ? {} : { labels }),
      ...(deleting ? { deletionTimestamp: '2024-01-01T00:01:00Z' } : {}),
    },
    ...fields,
  };
}

describe('summarize', () => {
  it('reduces pods and nodes to what the page draws, and counts every resource', () => {
    const snapshot: ClusterSnapshot = {
      t: 12,
      objects: {
        pods: [
          object('Pod', 'web', { namespace: 'default', spec: { nodeName: 'worker-1' }, status: { phase: 'Running' } }),
          object('Pod', 'new', { namespace: 'default', spec: {}, status: {} }),
          object('Pod', 'old', { namespace: 'default', spec: { nodeName: 'worker-2' }, status: { phase: 'Running' }, deleting: true }),
        ],
        nodes: [
          object('Node', 'control-plane', {
            labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/os': 'linux' },
            status: { conditions: [{ type: 'Ready', status: 'True' }] },
          }),
          object('Node', 'worker-1', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
        ],
        configmaps: [object('ConfigMap', 'a', { namespace: 'default' })],
      },
    };
    expect(summarize(snapshot)).toEqual({
      pods: [
        { namespace: 'default', name: 'web', phase: 'Running', nodeName: 'worker-1', terminating: false },
        { namespace: 'default', name: 'new', phase: 'Pending', nodeName: null, terminating: false },
        { namespace: 'default', name: 'old', phase: 'Running', nodeName: 'worker-2', terminating: true },
      ],
      nodes: [
        { name: 'control-plane', ready: true, roles: ['control-plane'] },
        { name: 'worker-1', ready: false, roles: [] },
      ],
      counts: { pods: 3, nodes: 2, configmaps: 1 },
    });
  });

  it('copes with a snapshot without pods or nodes', () => {
    expect(summarize({ t: 0, objects: {} })).toEqual({ pods: [], nodes: [], counts: {} });
  });
});
