import { describe, expect, it } from 'vitest';
import type { NodeSummary, PodSummary } from '../../worker/protocol.ts';
import { clientCardId, requestPath } from './source.ts';

const pod = (name: string, podIP: string | null, phase = 'Running', terminating = false): PodSummary => ({
  namespace: 'default',
  name,
  phase,
  nodeName: 'worker-1',
  terminating,
  ready: '1/1',
  status: phase,
  restarts: '0',
  podIP,
  owners: [],
  containers: [],
});

const node = (name: string, internalIP: string): NodeSummary => ({
  name,
  ready: true,
  roles: [],
  unschedulable: false,
  taints: [],
  cpu: { requested: 0, allocatable: 2000 },
  memory: { requested: 0, allocatable: 1 },
  internalIP,
});

const nodes = [node('control-plane', '172.18.0.2'), node('worker-1', '172.18.0.3')];

describe('clientCardId', () => {
  it('names the Pod whose IP the client is', () => {
    expect(clientCardId('10.244.1.5', [pod('web', '10.244.1.4'), pod('buyer', '10.244.1.5')], nodes)).toBe('pod:default/buyer');
  });

  it('names the node whose address the client is, before a hostNetwork Pod sharing it', () => {
    expect(clientCardId('172.18.0.3', [pod('kube-proxy-x', '172.18.0.3')], nodes)).toBe('node:worker-1');
  });

  it('prefers the running Pod when a finished one kept the same IP', () => {
    const pods = [pod('done', '10.244.1.9', 'Succeeded'), pod('leaving', '10.244.1.9', 'Running', true), pod('now', '10.244.1.9')];
    expect(clientCardId('10.244.1.9', pods, nodes)).toBe('pod:default/now');
  });

  it('is null for an address nothing on the graph has', () => {
    expect(clientCardId('10.244.9.9', [pod('web', '10.244.1.4'), pod('new', null)], nodes)).toBeNull();
    expect(clientCardId('', [pod('new', null)], [node('n', '')])).toBeNull();
  });
});

describe('requestPath', () => {
  const edge = 'M125,76 C125,150 400,150 400,226';

  it('starts at the client and joins the edge where it leaves the Service', () => {
    expect(requestPath({ x: 300.04, y: 410.26 }, edge)).toBe('M300,410.3 L125,76 C125,150 400,150 400,226');
  });

  it('is the edge alone with no client card', () => {
    expect(requestPath(null, edge)).toBe(edge);
  });

  it('leaves a path that does not start with an absolute move alone', () => {
    expect(requestPath({ x: 1, y: 2 }, 'm5,5 l1,1')).toBe('m5,5 l1,1');
  });
});
