import { describe as group, expect, it } from 'vitest';
import { Kernel } from '../../kernel/kernel.ts';
import { ObjectStore } from '../../api/store.ts';
import { resolveResource } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { describe } from './index.ts';
import { ago, meta, node, NOW, pod, running } from './testdata.ts';

/** A store holding `objects` (the store assigns uids) and the events `eventsOf` makes for the stored copies. */
function setup(objects: KubeObject[], eventsOf: (stored: KubeObject[]) => KubeObject[] = () => []): { store: ObjectStore; nowUnixMs: number; stored: KubeObject[] } {
  const store = new ObjectStore(new Kernel(1));
  for (const ns of ['default', 'kube-system']) store.create(resolveResource('namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns, undefined, 86400), status: { phase: 'Active' } }, 'test');
  const stored = objects.map((o) => store.create(resolveResource(o.kind)!, o, 'test'));
  for (const e of eventsOf(stored)) store.create(resolveResource('events')!, e, 'test');
  return { store, nowUnixMs: NOW, stored };
}

const event = (name: string, involved: KubeObject, secondsAgo: number, reason: string, message: string, component: string, type = 'Normal', count = 1, firstSecondsAgo = secondsAgo): KubeObject =>
  ({
    apiVersion: 'v1', kind: 'Event', metadata: meta(name, involved.metadata.namespace ?? 'default', secondsAgo),
    involvedObject: { apiVersion: involved.apiVersion, kind: involved.kind, name: involved.metadata.name, namespace: involved.metadata.namespace, uid: involved.metadata.uid },
    reason, message, type, count, firstTimestamp: ago(firstSecondsAgo), lastTimestamp: ago(secondsAgo), source: { component }, reportingComponent: component,
  }) as KubeObject;

const NGINX = pod(
  'nginx',
  {
    serviceAccountName: 'default', nodeName: 'kind-worker', priority: 0,
    containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], volumeMounts: [{ name: 'kube-api-access-7x2lq', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }] }],
    volumes: [{ name: 'kube-api-access-7x2lq', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } }],
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
  },
  {
    phase: 'Running', hostIP: '172.18.0.3', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], startTime: ago(300), qosClass: 'BestEffort',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' })),
    containerStatuses: [{ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest', imageID: 'docker.io/library/nginx@sha256:447a8665', containerID: 'containerd://5f0c1e8d', state: running(290) }],
  },
  { labels: { run: 'nginx' } },
);

group('describe pod', () => {
  it('prints the PodDescriber layout with aligned blocks, volumes, tolerations and sorted events', () => {
    const ctx = setup([NGINX], ([p]) => [
      event('nginx.b', p!, 299, 'Pulling', 'Pulling image "nginx"', 'kubelet'),
      event('nginx.a', p!, 300, 'Scheduled', 'Successfully assigned default/nginx to kind-worker', 'default-scheduler'),
      event('nginx.c', p!, 291, 'Pulled', 'Successfully pulled image "nginx" in 7.6s (7.6s including waiting). Image size: 72955450 bytes.', 'kubelet'),
      event('nginx.d', p!, 291, 'Created', 'Created container nginx', 'kubelet'),
      event('nginx.e', p!, 290, 'Started', 'Started container nginx', 'kubelet'),
    ]);
    expect(describe(resolveResource('pods')!, ctx.stored[0]!, ctx)).toBe(
      [
        'Name:             nginx',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             kind-worker/172.18.0.3',
        'Start Time:       Wed, 14 Aug 2024 11:55:00 +0000',
        'Labels:           run=nginx',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.1.2',
        'IPs:',
        '  IP:  10.244.1.2',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://5f0c1e8d',
        '    Image:          nginx',
        '    Image ID:       docker.io/library/nginx@sha256:447a8665',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Running',
        '      Started:      Wed, 14 Aug 2024 11:55:10 +0000',
        '    Ready:          True',
        '    Restart Count:  0',
        '    Environment:    <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-7x2lq (ro)',
        'Conditions:',
        '  Type                        Status',
        '  PodReadyToStartContainers   True ',
        '  Initialized                 True ',
        '  Ready                       True ',
        '  ContainersReady             True ',
        '  PodScheduled                True ',
        'Volumes:',
        '  kube-api-access-7x2lq:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    ConfigMapOptional:       <nil>',
        '    DownwardAPI:             true',
        'QoS Class:                   BestEffort',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type    Reason     Age    From               Message',
        '  ----    ------     ----   ----               -------',
        '  Normal  Scheduled  5m     default-scheduler  Successfully assigned default/nginx to kind-worker',
        '  Normal  Pulling    4m59s  kubelet            Pulling image "nginx"',
        '  Normal  Pulled     4m51s  kubelet            Successfully pulled image "nginx" in 7.6s (7.6s including waiting). Image size: 72955450 bytes.',
        '  Normal  Created    4m51s  kubelet            Created container nginx',
        '  Normal  Started    4m50s  kubelet            Started container nginx',
        '',
      ].join('\n'),
    );
  });

  it('shows a crash-looping container with its last state, restarts as (xN over) and `Events: <none>` when quiet', () => {
    const crash = pod('crash', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'exit 1'], resources: { limits: { memory: '128Mi' }, requests: { cpu: '0.1', memory: '64Mi' } }, livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }, env: [{ name: 'MODE', value: 'test' }] }] }, {
      phase: 'Running', podIP: '10.244.2.7', podIPs: [{ ip: '10.244.2.7' }],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 5, containerID: 'containerd://9a', imageID: 'docker.io/library/busybox@sha256:9ae9', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(121), finishedAt: ago(120) } } }],
    });
    const ctx = setup([crash], ([p]) => [event('crash.x', p!, 10, 'BackOff', 'Back-off restarting failed container app in pod crash_default(uid-crash)', 'kubelet', 'Warning', 24, 290)]);
    const out = describe(resolveResource('pods')!, ctx.stored[0]!, ctx);
    expect(out).toContain(
      [
        'Containers:',
        '  app:',
        '    Container ID:  containerd://9a',
        '    Image:         busybox',
        '    Image ID:      docker.io/library/busybox@sha256:9ae9',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Command:',
        '      sh',
        '      -c',
        '      exit 1',
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Wed, 14 Aug 2024 11:57:59 +0000',
        '      Finished:     Wed, 14 Aug 2024 11:58:00 +0000',
        '    Ready:          False',
        '    Restart Count:  5',
        '    Limits:',
        '      memory:  128Mi',
        '    Requests:',
        '      cpu:     100m',
        '      memory:  64Mi',
        '    Liveness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3',
        '    Environment:',
        '      MODE:      test',
        '    Mounts:      <none>',
        'Volumes:         <none>',
        'QoS Class:       Burstable',
        'Node-Selectors:  <none>',
        'Tolerations:     <none>',
        'Events:',
        '  Type     Reason   Age                   From     Message',
        '  ----     ------   ----                  ----     -------',
      ].join('\n'),
    );
    expect(out.endsWith('  Warning  BackOff  10s (x24 over 4m50s)  kubelet  Back-off restarting failed container app in pod crash_default(uid-crash)\n')).toBe(true);
    const quiet = setup([NGINX]);
    expect(describe(resolveResource('pods')!, quiet.stored[0]!, quiet).endsWith('                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\nEvents:                      <none>\n')).toBe(true);
  });
});

group('describe service, namespace, secret', () => {
  it('prints the Service with its endpoints per port', () => {
    const web: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: meta('web', 'default', 600, { labels: { app: 'web' } }), spec: { type: 'NodePort', selector: { app: 'web' }, clusterIP: '10.96.200.7', clusterIPs: ['10.96.200.7'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' }, status: { loadBalancer: {} } };
    // describe service reads the EndpointSlices (v1.31); a not-ready endpoint is left out.
    const slice: KubeObject = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: meta('web-x7k2p', 'default', 600, { labels: { 'kubernetes.io/service-name': 'web' } }),
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['10.244.1.2'], conditions: { ready: true } },
        { addresses: ['10.244.1.9'], conditions: { ready: false } },
        { addresses: ['10.244.2.3'], conditions: { ready: true } },
      ],
      ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    };
    const ctx = setup([web, slice]);
    expect(describe(resolveResource('services')!, web, ctx)).toBe(
      [
        'Name:                     web',
        'Namespace:                default',
        'Labels:                   app=web',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     NodePort',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.200.7',
        'IPs:                      10.96.200.7',
        'Port:                     <unset>  80/TCP',
        'TargetPort:               8080/TCP',
        'NodePort:                 <unset>  30080/TCP',
        'Endpoints:                10.244.1.2:8080,10.244.2.3:8080',
        'Session Affinity:         None',
        'External Traffic Policy:  Cluster',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints a namespace and a secret as their describers do', () => {
    const ctx = setup([]);
    const ns = ctx.store.get(resolveResource('namespaces')!, undefined, 'default')!;
    ns.metadata.labels = { 'kubernetes.io/metadata.name': 'default' };
    expect(describe(resolveResource('namespaces')!, ns, ctx)).toBe('Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n');
    const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: meta('db', 'default', 60), type: 'Opaque', data: { password: 'czNjcjN0', user: 'YWRtaW4=' } };
    expect(describe(resolveResource('secrets')!, secret, ctx)).toBe('Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\nuser:      5 bytes\n');
  });
});

group('describe node and deployment', () => {
  it('node: taints, lease, conditions table and allocated resources from the pods on it', () => {
    const n = node('kind-control-plane', '172.18.0.2', true);
    const coredns = pod('coredns-6f6b679f8f-abcde', { nodeName: 'kind-control-plane', containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } } }] }, { phase: 'Running' }, { namespace: 'kube-system' }, 3600);
    const ctx = setup([n, coredns]); // the store stamps creationTimestamp with its own clock (the epoch, 24h before NOW)
    const out = describe(resolveResource('nodes')!, ctx.stored[0]!, ctx);
    expect(out).toContain('Roles:              control-plane\n');
    expect(out).toContain('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\nUnschedulable:      false\nLease:\n  HolderIdentity:  kind-control-plane\n  AcquireTime:     <unset>\n  RenewTime:       Wed, 14 Aug 2024 11:59:40 +0000\n');
    expect(out).toContain('  Ready            True    Wed, 14 Aug 2024 11:59:40 +0000   Tue, 13 Aug 2024 12:00:40 +0000   KubeletReady                 kubelet is posting ready status\n');
    expect(out).toContain(
      [
        'Non-terminated Pods:          (1 in total)',
        '  Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                        ------------  ----------  ---------------  -------------  ---',
        '  kube-system                 coredns-6f6b679f8f-abcde    100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     24h',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests   Limits',
        '  --------           --------   ------',
        '  cpu                100m (5%)  0 (0%)',
        '  memory             70Mi (1%)  170Mi (4%)',
        '  ephemeral-storage  0 (0%)     0 (0%)',
        '  hugepages-1Gi      0 (0%)     0 (0%)',
        '  hugepages-2Mi      0 (0%)     0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });

  it('deployment: replicas line, strategy, pod template and the old/new ReplicaSets', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    const d: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web', 'default', 600, { labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } }), spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } }, status: { replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }] } };
    const ctx = setup([d]);
    const owner = ctx.stored[0]!;
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata.uid, controller: true };
    const rs = (name: string, image: string, replicas: number, secondsAgo: number): KubeObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta(name, 'default', secondsAgo, { ownerReferences: [ref] }), spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': name.slice(4) } }, spec: { containers: [{ name: 'nginx', image }] } } }, status: { replicas } });
    ctx.store.create(resolveResource('replicasets')!, rs('web-5d9f8c7b6a', 'nginx:1.26', 0, 600), 'test');
    ctx.store.create(resolveResource('replicasets')!, rs('web-7c5ddbdf54', 'nginx:1.27', 2, 120), 'test');
    const out = describe(resolveResource('deployments')!, owner, ctx);
    expect(out).toContain('Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\nPod Template:\n  Labels:  app=web\n  Containers:\n   nginx:\n    Image:         nginx:1.27\n');
    expect(out).toContain('Conditions:\n  Type           Status  Reason\n  ----           ------  ------\n  Available      True    MinimumReplicasAvailable\n  Progressing    True    NewReplicaSetAvailable\nOldReplicaSets:  web-5d9f8c7b6a (0/0 replicas created)\nNewReplicaSet:   web-7c5ddbdf54 (2/2 replicas created)\nEvents:          <none>\n');
  });
});
