import { describe as group, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel.ts';
import { ObjectStore } from '../../api/store.ts';
import { resolveResource } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { printTable, type PrintOptions } from './index.ts';
import { ago, meta, node, NOW, pod, running } from './testdata.ts';

const ctx = { nowUnixMs: NOW, store: new ObjectStore(new Kernel(1)) };
const plain: PrintOptions = { wide: false, showLabels: false, withNamespace: false, withKind: false };
const wide: PrintOptions = { ...plain, wide: true };
const print = (resource: string, objects: KubeObject[], opts: PrintOptions = plain): string => printTable(resolveResource(resource)!, objects, opts, ctx);
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

const NODES = [node('kind-control-plane', '172.18.0.2', true), node('kind-worker', '172.18.0.3', false), node('kind-worker2', '172.18.0.4', false)];

group('get nodes', () => {
  it('prints the kubeadm roles, ages and versions', () => {
    expect(print('nodes', NODES)).toBe(
      lines(
        'NAME                 STATUS   ROLES           AGE   VERSION',
        'kind-control-plane   Ready    control-plane   24h   v1.31.0',
        'kind-worker          Ready    <none>          23h   v1.31.0',
        'kind-worker2         Ready    <none>          23h   v1.31.0',
      ),
    );
  });

  it('-o wide adds addresses, OS image, kernel and runtime; the last column is not padded', () => {
    expect(print('nodes', NODES, wide)).toBe(
      lines(
        'NAME                 STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME',
        'kind-control-plane   Ready    control-plane   24h   v1.31.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-25-amd64   containerd://1.7.18',
        'kind-worker          Ready    <none>          23h   v1.31.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-25-amd64   containerd://1.7.18',
        'kind-worker2         Ready    <none>          23h   v1.31.0   172.18.0.4    <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-25-amd64   containerd://1.7.18',
      ),
    );
  });

  it('shows NotReady/Unknown and SchedulingDisabled', () => {
    const cordoned = node('kind-worker', '172.18.0.3', false, { unschedulable: true });
    const lost = node('kind-worker2', '172.18.0.4', false, { ready: false });
    const noConditions = node('bare', '172.18.0.5', false);
    noConditions.status.conditions = [];
    expect(print('nodes', [cordoned, lost, noConditions])).toBe(
      lines(
        'NAME           STATUS                     ROLES    AGE   VERSION',
        'kind-worker    Ready,SchedulingDisabled   <none>   23h   v1.31.0',
        'kind-worker2   NotReady                   <none>   23h   v1.31.0',
        'bare           Unknown                    <none>   23h   v1.31.0',
      ),
    );
  });
});

const app = { name: 'app', image: 'nginx:1.27' };
const PODS: KubeObject[] = [
  pod('nginx', { containers: [app], nodeName: 'kind-worker' }, {
    phase: 'Running', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, started: true, state: running(290) }],
  }),
  pod('crash', { containers: [app], nodeName: 'kind-worker2' }, {
    phase: 'Running', podIP: '10.244.2.7', podIPs: [{ ip: '10.244.2.7' }],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(120) } } }],
  }, {}, 900),
  pod('init-wait', { initContainers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }], containers: [app], nodeName: 'kind-worker' }, {
    phase: 'Pending', podIP: '10.244.1.3', podIPs: [{ ip: '10.244.1.3' }],
    initContainerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: running(5) }, { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
  }, {}, 10),
  pod('init-crash', { initContainers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }], containers: [app], nodeName: 'kind-worker' }, {
    phase: 'Pending', podIP: '10.244.1.4', podIPs: [{ ip: '10.244.1.4' }],
    initContainerStatuses: [
      { name: 'a', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'b', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(40) } } },
    ],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
  }, {}, 200),
  pod('init-error', { initContainers: [{ name: 'a', image: 'busybox' }], containers: [app], nodeName: 'kind-worker', restartPolicy: 'Never' }, {
    phase: 'Failed', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }],
    initContainerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error' } } }],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
  }, {}, 7200),
  pod('init-signal', { initContainers: [{ name: 'a', image: 'busybox' }], containers: [app], nodeName: 'kind-worker' }, {
    phase: 'Pending',
    initContainerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }],
  }, {}, 3 * 86400),
  pod('with-sidecar', { initContainers: [{ name: 'log', image: 'busybox', restartPolicy: 'Always' }], containers: [app], nodeName: 'kind-worker2' }, {
    phase: 'Running', podIP: '10.244.2.12', podIPs: [{ ip: '10.244.2.12' }],
    conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
    initContainerStatuses: [{ name: 'log', ready: true, started: true, restartCount: 1, state: running(30), lastState: { terminated: { exitCode: 2, reason: 'Error', finishedAt: ago(31) } } }],
    containerStatuses: [{ name: 'app', ready: true, started: true, restartCount: 0, state: running(60) }],
  }),
  pod('leaving', { containers: [app], nodeName: 'kind-worker' }, {
    phase: 'Running', podIP: '10.244.1.9', podIPs: [{ ip: '10.244.1.9' }],
    containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running(500) }],
  }, { deletionTimestamp: ago(-30), deletionGracePeriodSeconds: 30 }, 600),
  pod('unscheduled', { containers: [app] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }, {}, 45),
  pod('done', { containers: [app], nodeName: 'kind-worker', restartPolicy: 'Never' }, {
    phase: 'Succeeded', podIP: '10.244.1.6', podIPs: [{ ip: '10.244.1.6' }],
    containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
  }, {}, 119),
];

group('get pods', () => {
  it('computes READY, STATUS and RESTARTS as printPod does', () => {
    expect(print('pods', PODS)).toBe(
      lines(
        'NAME           READY   STATUS                  RESTARTS      AGE',
        'nginx          1/1     Running                 0             5m',
        'crash          0/1     CrashLoopBackOff        5 (2m ago)    15m',
        'init-wait      0/1     Init:0/2                0             10s',
        'init-crash     0/1     Init:CrashLoopBackOff   3 (40s ago)   3m20s',
        'init-error     0/1     Init:Error              0             120m',
        'init-signal    0/1     Init:Signal:9           0             3d',
        'with-sidecar   2/2     Running                 1 (31s ago)   5m',
        'leaving        1/1     Terminating             0             10m',
        'unscheduled    0/1     Pending                 0             45s',
        'done           0/1     Completed               0             119s',
      ),
    );
  });

  it('-o wide adds IP, NODE, NOMINATED NODE and READINESS GATES with <none> for the missing', () => {
    const gated = pod('gated', { containers: [app], nodeName: 'kind-worker', readinessGates: [{ conditionType: 'example.com/lb' }] }, {
      phase: 'Running', podIPs: [{ ip: '10.244.1.20' }], conditions: [{ type: 'example.com/lb', status: 'False' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: running(60) }],
    });
    expect(print('pods', [PODS[0]!, PODS[8]!, gated], wide)).toBe(
      lines(
        'NAME          READY   STATUS    RESTARTS   AGE   IP            NODE          NOMINATED NODE   READINESS GATES',
        'nginx         1/1     Running   0          5m    10.244.1.2    kind-worker   <none>           <none>',
        'unscheduled   0/1     Pending   0          45s   <none>        <none>        <none>           <none>',
        'gated         1/1     Running   0          5m    10.244.1.20   kind-worker   <none>           0/1',
      ),
    );
  });

  it('adds NAMESPACE first with -A, kind prefixes, -L columns and LABELS last', () => {
    const labelled = pod('web-1', { containers: [app] }, { phase: 'Pending' }, { labels: { app: 'web', tier: 'front' } }, 30);
    const other = pod('db-0', { containers: [app] }, { phase: 'Pending' }, { namespace: 'data', labels: { app: 'db' } }, 30);
    expect(print('pods', [labelled, other], { ...plain, withNamespace: true, withKind: true, labelColumns: ['example.com/tier', 'app'], showLabels: true })).toBe(
      lines(
        'NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE   TIER   APP   LABELS',
        'default     pod/web-1   0/1     Pending   0          30s          web   app=web,tier=front',
        'data        pod/db-0    0/1     Pending   0          30s          db    app=db',
      ),
    );
  });

  it('prints nothing for an empty list and no header with --no-headers', () => {
    expect(print('pods', [])).toBe('');
    expect(print('pods', [PODS[0]!], { ...plain, noHeaders: true })).toBe('nginx   1/1   Running   0     5m\n');
  });
});

const svc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown> = {}, namespace = 'default', secondsAgo = 86400): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name, namespace, secondsAgo), spec, status });

group('get services', () => {
  const SERVICES = [
    svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
    svc('web', { type: 'NodePort', clusterIP: '10.96.200.7', clusterIPs: ['10.96.200.7'], selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }, {}, 'default', 60),
    svc('lb', { type: 'LoadBalancer', clusterIP: '10.104.11.5', clusterIPs: ['10.104.11.5'], selector: { app: 'web', tier: 'front' }, ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }, { port: 443, nodePort: 30443, protocol: 'TCP' }] }, {}, 'default', 60),
    svc('lb-ready', { type: 'LoadBalancer', clusterIP: '10.104.11.6', clusterIPs: ['10.104.11.6'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'a1b2c3d4e5f6.elb.example.com' }] } }, 'default', 60),
    svc('db', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, ports: [{ port: 5432, protocol: 'TCP' }] }, {}, 'default', 60),
    svc('ext', { type: 'ExternalName', externalName: 'db.example.com' }, {}, 'default', 60),
  ];

  it('prints TYPE, CLUSTER-IP, EXTERNAL-IP (<none>, <pending>, the LB list unclipped: the server prints wide rows) and PORT(S)', () => {
    expect(print('services', SERVICES)).toBe(
      lines(
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP                                 PORT(S)                      AGE',
        'kubernetes   ClusterIP      10.96.0.1     <none>                                      443/TCP                      24h',
        'web          NodePort       10.96.200.7   <none>                                      80:30080/TCP                 60s',
        'lb           LoadBalancer   10.104.11.5   <pending>                                   80:31234/TCP,443:30443/TCP   60s',
        'lb-ready     LoadBalancer   10.104.11.6   203.0.113.10,a1b2c3d4e5f6.elb.example.com   80:31000/TCP                 60s',
        'db           ClusterIP      None          <none>                                      5432/TCP                     60s',
        'ext          ExternalName   <none>        db.example.com                              <none>                       60s',
      ),
    );
  });

  it('-o wide adds SELECTOR and shows the full load-balancer list', () => {
    expect(print('services', [SERVICES[0]!, SERVICES[3]!, SERVICES[2]!], wide)).toBe(
      lines(
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP                                 PORT(S)                      AGE   SELECTOR',
        'kubernetes   ClusterIP      10.96.0.1     <none>                                      443/TCP                      24h   <none>',
        'lb-ready     LoadBalancer   10.104.11.6   203.0.113.10,a1b2c3d4e5f6.elb.example.com   80:31000/TCP                 60s   <none>',
        'lb           LoadBalancer   10.104.11.5   <pending>                                   80:31234/TCP,443:30443/TCP   60s   app=web,tier=front',
      ),
    );
  });

  it('prints kube-dns with -A', () => {
    const dns = svc('kube-dns', { type: 'ClusterIP', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] }, {}, 'kube-system');
    expect(print('services', [SERVICES[0]!, dns], { ...plain, withNamespace: true })).toBe(
      lines(
        'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE',
        'default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  24h',
        'kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   24h',
      ),
    );
  });
});
