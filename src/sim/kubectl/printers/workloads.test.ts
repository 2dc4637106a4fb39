import { describe as group, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel.ts';
import { ObjectStore } from '../../api/store.ts';
import { resolveResource } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { printTable, type PrintOptions } from './index.ts';
import { ago, meta, NOW } from './testdata.ts';

const ctx = { nowUnixMs: NOW, store: new ObjectStore(new Kernel(1)) };
const plain: PrintOptions = { wide: false, showLabels: false, withNamespace: false, withKind: false };
const print = (resource: string, objects: KubeObject[], opts: PrintOptions = plain): string => printTable(resolveResource(resource)!, objects, opts, ctx);
const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown>, secondsAgo = 600, namespace: string | undefined = 'default'): KubeObject =>
  ({ apiVersion, kind, metadata: meta(name, namespace, secondsAgo), ...rest }) as KubeObject;
const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'log', image: 'busybox:1.36' }] } };

group('workload tables', () => {
  it('deployments: READY ready/desired; wide CONTAINERS IMAGES SELECTOR', () => {
    const d = obj('apps/v1', 'Deployment', 'web', { spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } });
    expect(print('deployments', [d], { ...plain, withKind: true })).toBe(lines('NAME                  READY   UP-TO-DATE   AVAILABLE   AGE', 'deployment.apps/web   2/3     3            2           10m'));
    expect(print('deployments', [d], { ...plain, wide: true })).toBe(
      lines('NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                    SELECTOR', 'web    2/3     3            2           10m   nginx,log    nginx:1.27,busybox:1.36   app=web'),
    );
  });

  it('replicasets, daemonsets, statefulsets and jobs', () => {
    const rs = obj('apps/v1', 'ReplicaSet', 'web-7c5ddbdf54', { spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7c5ddbdf54' } }, template }, status: { replicas: 3, readyReplicas: 3 } });
    expect(print('replicasets', [rs])).toBe(lines('NAME             DESIRED   CURRENT   READY   AGE', 'web-7c5ddbdf54   3         3         3       10m'));
    const ds = obj('apps/v1', 'DaemonSet', 'kube-proxy', { spec: { selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.0' }] } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 } }, 86400, 'kube-system');
    expect(print('daemonsets', [ds])).toBe(
      lines('NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE', 'kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   24h'),
    );
    const sts = obj('apps/v1', 'StatefulSet', 'db', { spec: { replicas: 2, template }, status: { readyReplicas: 1 } });
    expect(print('statefulsets', [sts])).toBe(lines('NAME   READY   AGE', 'db     1/2     10m'));
    const done = obj('batch/v1', 'Job', 'pi', { spec: { completions: 1, parallelism: 1, template }, status: { succeeded: 1, startTime: ago(600), completionTime: ago(571), conditions: [{ type: 'Complete', status: 'True' }] } });
    const busy = obj('batch/v1', 'Job', 'work', { spec: { parallelism: 3, template }, status: { active: 3, startTime: ago(125) } }, 125);
    expect(print('jobs', [done, busy])).toBe(lines('NAME   STATUS     COMPLETIONS   DURATION   AGE', 'pi     Complete   1/1           29s        10m', 'work   Running    0/1 of 3      2m5s       2m5s'));
  });

  it('namespaces, configmaps, secrets, serviceaccounts', () => {
    expect(print('namespaces', [obj('v1', 'Namespace', 'default', { status: { phase: 'Active' } }, 86400, undefined)])).toBe(lines('NAME      STATUS   AGE', 'default   Active   24h'));
    expect(print('configmaps', [obj('v1', 'ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': 'x' } })])).toBe(lines('NAME               DATA   AGE', 'kube-root-ca.crt   1      10m'));
    expect(print('secrets', [obj('v1', 'Secret', 'db-pass', { type: 'Opaque', data: { user: 'YQ==', password: 'Yg==' } })])).toBe(lines('NAME      TYPE     DATA   AGE', 'db-pass   Opaque   2      10m'));
    expect(print('serviceaccounts', [obj('v1', 'ServiceAccount', 'default', {})])).toBe(lines('NAME      SECRETS   AGE', 'default   0         10m'));
  });

  it('endpoints truncate after three addresses; endpointslices print <unset> when empty', () => {
    const ep = obj('v1', 'Endpoints', 'web', { subsets: [{ addresses: ['10.244.1.2', '10.244.1.3', '10.244.2.2', '10.244.2.3'].map((ip) => ({ ip })), ports: [{ port: 80, protocol: 'TCP' }] }] });
    const none = obj('v1', 'Endpoints', 'idle', {});
    expect(print('endpoints', [ep, none])).toBe(lines('NAME   ENDPOINTS                                               AGE', 'web    10.244.1.2:80,10.244.1.3:80,10.244.2.2:80 + 1 more...   10m', 'idle   <none>                                                  10m'));
    const slice = obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abcde', { addressType: 'IPv4', ports: [{ name: '', port: 80, protocol: 'TCP' }], endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.2.2'] }] });
    const empty = obj('discovery.k8s.io/v1', 'EndpointSlice', 'idle-xyz12', { addressType: 'IPv4', ports: null, endpoints: [] });
    expect(print('endpointslices', [slice, empty])).toBe(lines('NAME         ADDRESSTYPE   PORTS     ENDPOINTS               AGE', 'web-abcde    IPv4          80        10.244.1.2,10.244.2.2   10m', 'idle-xyz12   IPv4          <unset>   <unset>                 10m'));
  });

  it('events: LAST SEEN TYPE REASON OBJECT MESSAGE', () => {
    const ev = (name: string, last: number, type: string, reason: string, kind: string, objName: string, message: string, count = 1): KubeObject =>
      ({ apiVersion: 'v1', kind: 'Event', metadata: meta(name, 'default', last), involvedObject: { kind, name: objName, namespace: 'default' }, reason, message, type, count, firstTimestamp: ago(last), lastTimestamp: ago(last), source: { component: 'kubelet', host: 'kind-worker' } }) as KubeObject;
    expect(print('events', [ev('a', 65, 'Normal', 'Scheduled', 'Pod', 'nginx', 'Successfully assigned default/nginx to kind-worker'), ev('b', 3, 'Warning', 'BackOff', 'Pod', 'crash', 'Back-off restarting failed container app in pod crash_default(uid)\n', 9)])).toBe(
      lines(
        'LAST SEEN   TYPE      REASON      OBJECT      MESSAGE',
        '65s         Normal    Scheduled   pod/nginx   Successfully assigned default/nginx to kind-worker',
        '3s          Warning   BackOff     pod/crash   Back-off restarting failed container app in pod crash_default(uid)',
      ),
    );
  });

  it('kinds without a printer get NAME AGE', () => {
    expect(print('nodes', [])).toBe('');
    const info = { ...resolveResource('configmaps')!, resource: 'leases', kind: 'Lease', group: 'coordination.k8s.io' };
    expect(printTable(info, [obj('coordination.k8s.io/v1', 'Lease', 'kind-worker', {}, 30, 'kube-node-lease')], plain, ctx)).toBe(lines('NAME          AGE', 'kind-worker   30s'));
  });
});
