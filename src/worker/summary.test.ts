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

const NO_USE = { requested: 0, allocatable: 0 };

describe('summarize', () => {
  it('reduces pods and nodes to what the page draws, and counts every resource', () => {
    const snapshot: ClusterSnapshot = {
      t: 12,
      objects: {
        pods: [
          object('Pod', 'web', { namespace: 'default', spec: { nodeName: 'worker-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] }, status: { phase: 'Running' } }),
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
    const base = { ready: '0/0', restarts: '0', podIP: null, containers: [], owners: [], conditions: [], labels: {}, annotations: {} };
    expect(summarize(snapshot)).toEqual({
      pods: [
        {
          ...base,
          namespace: 'default',
          name: 'web',
          uid: 'uid-web',
          phase: 'Running',
          nodeName: 'worker-1',
          terminating: false,
          ready: '0/1',
          status: 'Running',
          containers: [{ name: 'nginx', image: 'nginx:1.27', kind: 'app', state: 'unknown', reason: '', ready: false, restartCount: 0, probes: [] }],
        },
        { ...base, namespace: 'default', name: 'new', uid: 'uid-new', phase: 'Pending', nodeName: null, terminating: false, status: '' },
        { ...base, namespace: 'default', name: 'old', uid: 'uid-old', phase: 'Running', nodeName: 'worker-2', terminating: true, status: 'Terminating' },
      ],
      nodes: [
        { name: 'control-plane', ready: true, roles: ['control-plane'], unschedulable: false, taints: [], cpu: NO_USE, memory: NO_USE, internalIP: '' },
        { name: 'worker-1', ready: false, roles: [], unschedulable: false, taints: [], cpu: NO_USE, memory: NO_USE, internalIP: '' },
      ],
      services: [],
      workloads: [],
      counts: { pods: 3, nodes: 2, configmaps: 1 },
    });
  });

  it('gives kubectl STATUS, READY and RESTARTS, the containers in start order, the IP and the owner', () => {
    const pod = object('Pod', 'app-1', {
      namespace: 'default',
      spec: {
        nodeName: 'worker-1',
        initContainers: [
          { name: 'setup', image: 'busybox:1.36' },
          { name: 'proxy', image: 'envoy:1.31', restartPolicy: 'Always' },
        ],
        containers: [{ name: 'app', image: 'app:1' }],
      },
      status: {
        phase: 'Running',
        podIP: '10.244.1.7',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'setup', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'proxy', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2024-08-13T12:00:00Z' } } },
        ],
        containerStatuses: [{ name: 'app', ready: false, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
      },
    });
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'app-5d8f', uid: 'u', controller: true }];
    const [summary] = summarize({ t: 0, objects: { pods: [pod] } }).pods;
    expect(summary).toMatchObject({ ready: '1/2', status: 'CrashLoopBackOff', restarts: '2', podIP: '10.244.1.7', owners: [{ kind: 'ReplicaSet', name: 'app-5d8f' }] });
    expect(summary?.containers.map((c) => [c.name, c.kind, c.state, c.reason, c.ready, c.restartCount])).toEqual([
      ['setup', 'init', 'terminated', 'Completed', false, 0],
      ['proxy', 'sidecar', 'running', '', true, 0],
      ['app', 'app', 'waiting', 'CrashLoopBackOff', false, 2],
    ]);
  });

  it('sums the requests of unfinished pods on each node against its allocatable, with taints', () => {
    const requests = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } });
    const onWorker = (name: string, phase: string, spec: Record<string, unknown>) =>
      object('Pod', name, { namespace: 'default', spec: { nodeName: 'worker-1', ...spec }, status: { phase } });
    const summary = summarize({
      t: 0,
      objects: {
        nodes: [
          object('Node', 'worker-1', {
            spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
            status: { allocatable: { cpu: '2', memory: '4091904Ki' } },
          }),
        ],
        pods: [
          onWorker('a', 'Running', { containers: [{ name: 'a', ...requests('250m', '64Mi') }, { name: 'b', ...requests('100m', '64Mi') }] }),
          // A plain init container runs alone: only its excess over the app containers counts.
          onWorker('b', 'Running', { initContainers: [{ name: 'i', ...requests('1', '1Mi') }], containers: [{ name: 'c', ...requests('100m', '32Mi') }] }),
          onWorker('done', 'Succeeded', { containers: [{ name: 'c', ...requests('1', '1Gi') }] }),
        ],
      },
    });
    expect(summary.nodes).toEqual([
      {
        name: 'worker-1',
        ready: false,
        roles: [],
        unschedulable: true,
        taints: [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }],
        cpu: { requested: 350 + 1000, allocatable: 2000 },
        memory: { requested: (64 + 64 + 32) * 1024 * 1024, allocatable: 4091904 * 1024 },
        internalIP: '',
      },
    ]);
  });

  it('gives each Service its ports and the endpoints of its EndpointSlices', () => {
    const slice = (name: string, service: string, endpoints: unknown[]) => ({
      ...object('EndpointSlice', name, { namespace: 'default', labels: { 'kubernetes.io/service-name': service } }),
      endpoints,
    });
    const summary = summarize({
      t: 0,
      objects: {
        services: [
          object('Service', 'web', {
            namespace: 'default',
            spec: { type: 'NodePort', clusterIP: '10.96.10.20', ports: [{ protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }] },
          }),
        ],
        'endpointslices.discovery.k8s.io': [
          slice('web-abc', 'web', [
            { addresses: ['10.244.1.2'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', name: 'web-1' } },
            { addresses: ['10.244.2.2'], conditions: { ready: false, serving: true, terminating: true }, targetRef: { kind: 'Pod', name: 'web-2' } },
          ]),
          slice('web-def', 'web', [{ addresses: ['172.18.0.9'], conditions: {} }]),
          slice('other-abc', 'other', [{ addresses: ['10.244.3.3'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'x' } }]),
        ],
      },
    });
    expect(summary.services).toEqual([
      {
        namespace: 'default',
        name: 'web',
        type: 'NodePort',
        clusterIP: '10.96.10.20',
        ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: '8080', nodePort: 30080 }],
        endpoints: [
          { address: '10.244.1.2', ready: true, serving: true, terminating: false, pod: 'web-1' },
          { address: '10.244.2.2', ready: false, serving: true, terminating: true, pod: 'web-2' },
          // discovery/v1: unset conditions mean ready and serving.
          { address: '172.18.0.9', ready: true, serving: true, terminating: false, pod: null },
        ],
      },
    ]);
  });

  it('copes with a snapshot without pods or nodes', () => {
    expect(summarize({ t: 0, objects: {} })).toEqual({ pods: [], nodes: [], services: [], workloads: [], counts: {} });
  });

  it('lists the workloads that own pods with desired and ready counts, and gives each pod its probes, conditions and annotations', () => {
    const deploy = object('Deployment', 'web', { namespace: 'default', spec: { replicas: 3 }, status: { readyReplicas: 2 } });
    const rs = object('ReplicaSet', 'web-5d8f', { namespace: 'default', spec: { replicas: 3 }, status: {} });
    rs.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }];
    const ds = object('DaemonSet', 'agent', { namespace: 'kube-system', spec: {}, status: { desiredNumberScheduled: 3, numberReady: 3 } });
    const job = object('Job', 'pi', { namespace: 'default', spec: {}, status: { succeeded: 1 } });
    const pod = object('Pod', 'web-5d8f-abcde', {
      namespace: 'default',
      spec: { containers: [{ name: 'app', image: 'nginx', livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { tcpSocket: { port: 80 } } }] },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }] },
    });
    pod.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{...}', 'example.com/description': '网页服务' };
    const summary = summarize({ t: 0, objects: { pods: [pod], 'deployments.apps': [deploy], 'replicasets.apps': [rs], 'daemonsets.apps': [ds], 'jobs.batch': [job] } });
    expect(summary.workloads).toEqual([
      { kind: 'Deployment', namespace: 'default', name: 'web', owners: [], desired: 3, ready: 2 },
      { kind: 'ReplicaSet', namespace: 'default', name: 'web-5d8f', owners: [{ kind: 'Deployment', name: 'web' }], desired: 3, ready: 0 },
      { kind: 'DaemonSet', namespace: 'kube-system', name: 'agent', owners: [], desired: 3, ready: 3 },
      { kind: 'Job', namespace: 'default', name: 'pi', owners: [], desired: 1, ready: 1 },
    ]);
    const [p] = summary.pods;
    expect(p?.containers[0]?.probes).toEqual(['liveness', 'readiness']);
    expect(p?.conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }]);
    expect(p?.annotations).toEqual({ 'example.com/description': '网页服务' });
  });
});
