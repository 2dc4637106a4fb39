import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { ENDPOINTS } from './endpoints.ts';
import { ENDPOINTSLICES, LABEL_MANAGED_BY } from './endpointslice.ts';
import { networkHarness } from './testing.ts';

const PODS = preferredResourceForKind('Pod')!;
const SERVICES = preferredResourceForKind('Service')!;
const NGINX = 'nginx:1.27';

function deployment(name: string, replicas: number, readinessPort = 80): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: nginx
        image: ${NGINX}
        ports: [{containerPort: 80, name: http}]
        readinessProbe: {httpGet: {path: /, port: ${readinessPort}}, periodSeconds: 2}
`;
}

function service(name: string, extra = ''): string {
  return `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: default, labels: {tier: web}}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 80}]
${extra}`;
}

function setup() {
  return networkHarness({ images: [NGINX] });
}
type H = ReturnType<typeof setup>;

/** The controller's slices for a Service. */
function slicesOf(h: H, svc: string, namespace = 'default'): KubeObject[] {
  return h.store
    .list(ENDPOINTSLICES, namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc && s.metadata.labels?.[LABEL_MANAGED_BY])
    .map((s) => h.store.get(ENDPOINTSLICES, namespace, s.metadata.name)!);
}

function podsOf(h: H, app: string): KubeObject[] {
  return h.store.list(PODS, 'default').filter((p) => p.metadata.labels?.app === app) as KubeObject[];
}

/** The endpoint podToEndpoint makes for a Pod, with the given conditions. */
function endpointFor(pod: KubeObject, ready: boolean, serving: boolean, terminating: boolean) {
  return {
    addresses: [pod.status!.podIP],
    conditions: { ready, serving, terminating },
    nodeName: pod.spec.nodeName,
    targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: pod.metadata.uid },
  };
}

function conditionsOf(h: H, svc: string): string[] {
  return slicesOf(h, svc)
    .flatMap((s) => (s.endpoints ?? []) as { targetRef: { name: string }; conditions: Record<string, boolean> }[])
    .map((e) => `${e.targetRef.name} ready=${e.conditions.ready} serving=${e.conditions.serving} terminating=${e.conditions.terminating}`)
    .sort();
}

describe('EndpointSliceController', () => {
  it('writes one slice for a 3-replica Deployment, ready once the readiness probes pass', () => {
    const h = setup();
    h.apply(deployment('web', 3));
    const svc = h.apply(service('web'));
    h.at(1);
    const pods = podsOf(h, 'web');
    expect(pods).toHaveLength(3);
    // Listed once they have an IP; not ready before the first successful probe.
    const withIP = pods.filter((p) => p.status?.podIP);
    expect(withIP.length).toBeGreaterThan(0);
    expect(conditionsOf(h, 'web')).toEqual(withIP.map((p) => `${p.metadata.name} ready=false serving=false terminating=false`).sort());
    h.at(10);
    const [slice, ...rest] = slicesOf(h, 'web');
    expect(rest).toEqual([]);
    expect(slice!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const readyPods = podsOf(h, 'web');
    const lastReady = readyPods.map((p) => (p.status!.conditions as { type: string; lastTransitionTime: string }[]).find((c) => c.type === 'Ready')!.lastTransitionTime).sort();
    expect({ ...slice, endpoints: [...(slice!.endpoints as { targetRef: { name: string } }[])].sort((a, b) => a.targetRef.name.localeCompare(b.targetRef.name)) }).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        // The last write was for the last Pod to turn ready: its Ready transition triggered it.
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': lastReady[2] },
        creationTimestamp: slice!.metadata.creationTimestamp,
        generateName: 'web-',
        generation: 7, // bumped by every change to the endpoints, as the EndpointSlice registry does
        labels: { tier: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        name: slice!.metadata.name,
        namespace: 'default',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }],
        resourceVersion: slice!.metadata.resourceVersion,
        uid: slice!.metadata.uid,
      },
      addressType: 'IPv4',
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
      endpoints: readyPods.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map((p) => endpointFor(p, true, true, false)),
    });
  });

  it('keeps one placeholder slice, by the same name, while no Pod is selected', () => {
    const h = setup();
    h.apply(service('web'));
    const [placeholder] = slicesOf(h, 'web');
    expect(placeholder!.endpoints).toBeNull();
    expect(placeholder!.ports).toBeUndefined();
    h.apply(deployment('web', 2));
    h.at(10);
    // The placeholder was about to be deleted as a slice was created: finalize reuses its name.
    expect(slicesOf(h, 'web').map((s) => `${s.metadata.name} ${(s.endpoints as unknown[]).length}`)).toEqual([`${placeholder!.metadata.name} 2`]);
    h.kubectl('scale deployment web --replicas=0');
    h.at(60);
    const [after, ...none] = slicesOf(h, 'web');
    expect(none).toEqual([]);
    expect(after!.metadata.name).toBe(placeholder!.metadata.name);
    expect(after!.endpoints).toBeNull();
    expect(after!.ports).toBeUndefined();
  });

  it('marks a Pod that fails its readiness probe not ready and not serving', () => {
    const h = setup();
    h.apply(deployment('web', 1, 8081));
    h.apply(service('web'));
    h.at(30);
    const [pod] = podsOf(h, 'web');
    expect(pod!.status!.phase).toBe('Running');
    expect(slicesOf(h, 'web')[0]!.endpoints).toEqual([endpointFor(pod!, false, false, false)]);
    expect(h.store.get(ENDPOINTS, 'default', 'web')!.subsets).toEqual([
      { notReadyAddresses: [{ ip: pod!.status!.podIP, nodeName: pod!.spec.nodeName, targetRef: { kind: 'Pod', name: pod!.metadata.name, namespace: 'default', uid: pod!.metadata.uid } }], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
    expect(h.kubectl('get endpoints web').split('\n')[1]).toMatch(/^web\s{3,}\s+\d+s$/);
  });

  it('keeps a terminating Pod as ready=false, serving=<Ready>, terminating=true until it is gone', () => {
    const h = setup();
    h.apply(deployment('web', 1));
    h.apply(service('web'));
    h.at(10);
    const [pod] = podsOf(h, 'web');
    h.kubectl(`delete pod ${pod!.metadata.name} --wait=false`);
    const terminating = h.store.get(PODS, 'default', pod!.metadata.name)!;
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(conditionsOf(h, 'web')).toContain(`${pod!.metadata.name} ready=false serving=true terminating=true`);
    // The Endpoints object drops a terminating Pod at once.
    const addresses = ((h.store.get(ENDPOINTS, 'default', 'web')!.subsets ?? []) as { addresses?: { targetRef: { name: string } }[] }[]).flatMap((s) => s.addresses ?? []);
    expect(addresses.map((a) => a.targetRef.name)).not.toContain(pod!.metadata.name);
    h.at(60);
    expect(conditionsOf(h, 'web').filter((c) => c.startsWith(pod!.metadata.name))).toEqual([]);
  });

  it('publishes not-ready Pods as ready with publishNotReadyAddresses', () => {
    const h = setup();
    h.apply(deployment('web', 1, 8081));
    h.apply(service('web', '  publishNotReadyAddresses: true\n'));
    h.at(30);
    const [pod] = podsOf(h, 'web');
    expect(slicesOf(h, 'web')[0]!.endpoints).toEqual([endpointFor(pod!, true, false, false)]);
    expect(h.store.get(ENDPOINTS, 'default', 'web')!.subsets).toEqual([
      { addresses: [{ ip: pod!.status!.podIP, nodeName: pod!.spec.nodeName, targetRef: { kind: 'Pod', name: pod!.metadata.name, namespace: 'default', uid: pod!.metadata.uid } }], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
  });

  it('resolves a named targetPort per Pod, one slice per distinct set of ports', () => {
    const h = setup();
    const pod = (name: string, port: number) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: default, labels: {app: api}}
spec:
  containers: [{name: app, image: ${NGINX}, ports: [{containerPort: ${port}, name: web}]}]
`;
    h.apply(pod('api-a', 8080));
    h.apply(pod('api-b', 9090));
    h.apply(`apiVersion: v1
kind: Service
metadata: {name: api, namespace: default}
spec:
  selector: {app: api}
  ports: [{name: http, port: 80, targetPort: web}, {name: udp, port: 53, protocol: UDP, targetPort: web}]
`);
    h.at(10);
    const byPorts = slicesOf(h, 'api')
      .map((s) => `${JSON.stringify(s.ports)} ${(s.endpoints as { targetRef: { name: string } }[]).map((e) => e.targetRef.name).join(',')}`)
      .sort();
    // The UDP port finds no UDP container port named "web": it is left out.
    expect(byPorts).toEqual(['[{"name":"http","port":8080,"protocol":"TCP"}] api-a', '[{"name":"http","port":9090,"protocol":"TCP"}] api-b']);
    const subsets = h.store.get(ENDPOINTS, 'default', 'api')!.subsets as { addresses: { targetRef: { name: string } }[]; ports: unknown[] }[];
    expect(subsets.map((s) => `${JSON.stringify(s.ports)} ${s.addresses.map((a) => a.targetRef.name).join(',')}`).sort()).toEqual([
      '[{"name":"http","port":8080,"protocol":"TCP"}] api-a',
      '[{"name":"http","port":9090,"protocol":"TCP"}] api-b',
    ]);
  });

  it('gives kube-dns its slice and leaves the API server’s kubernetes endpoints alone', () => {
    const h = setup();
    const [dns, ...rest] = slicesOf(h, 'kube-dns', 'kube-system');
    expect(rest).toEqual([]);
    expect(dns!.ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ]);
    expect(dns!.metadata.labels).toEqual({
      'k8s-app': 'kube-dns',
      'kubernetes.io/cluster-service': 'true',
      'kubernetes.io/name': 'CoreDNS',
      'kubernetes.io/service-name': 'kube-dns',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect((dns!.endpoints as unknown[]).length).toBe(2);
    expect(slicesOf(h, 'kubernetes')).toEqual([]);
    const versions = () => [h.store.get(ENDPOINTSLICES, 'default', 'kubernetes')!.metadata.resourceVersion, h.store.get(ENDPOINTS, 'default', 'kubernetes')!.metadata.resourceVersion];
    const before = versions();
    h.apply(service('web'));
    h.at(30);
    expect(versions()).toEqual(before);
    expect(h.store.get(ENDPOINTS, 'default', 'kubernetes')!.metadata.annotations).toBeUndefined();
    expect(h.kubectl('get endpoints kube-dns -n kube-system').split('\n')[1]).toMatch(/^kube-dns {3}10\.244\.0\.2:53,10\.244\.0\.3:53,10\.244\.0\.2:53 \+ 3 more\.\.\. {3}\d+s$/);
  });

  it('writes nothing for a Service without a selector, and cleans up after a deleted Service', () => {
    const h = setup();
    h.apply(`apiVersion: v1
kind: Service
metadata: {name: external, namespace: default}
spec:
  ports: [{port: 80}]
`);
    h.at(5);
    expect(slicesOf(h, 'external')).toEqual([]);
    expect(h.store.get(ENDPOINTS, 'default', 'external')).toBeUndefined();
    h.apply(service('web'));
    expect(slicesOf(h, 'web')).toHaveLength(1);
    expect(h.store.get(ENDPOINTS, 'default', 'web')).toBeDefined();
    h.kubectl('delete service web');
    h.at(10);
    expect(slicesOf(h, 'web')).toEqual([]);
    expect(h.store.get(ENDPOINTS, 'default', 'web')).toBeUndefined();
  });
});

describe('steady state', () => {
  it('writes nothing while nothing changes', () => {
    const h = setup();
    h.apply(deployment('web', 3));
    h.apply(service('web'));
    h.at(30);
    const fromSeconds = h.kernel.nowSeconds;
    h.at(120);
    const writes = h.kernel.timeline
      .list()
      .filter((e) => e.t > fromSeconds && e.type === 'api' && (e.source === 'endpointslice-controller' || e.source === 'endpoint-controller'));
    expect(writes).toEqual([]);
  });
});

describe('slice size', () => {
  it('puts at most 100 endpoints in a slice', () => {
    const h = setup();
    h.apply(service('web'));
    h.apply(deployment('web', 101));
    h.at(60);
    const sizes = slicesOf(h, 'web').map((s) => (s.endpoints as unknown[]).length);
    expect(sizes.sort((a, b) => b - a)).toEqual([100, 1]);
    // kubectl's column: three addresses, then how many more.
    expect(h.kubectl('get endpointslices').split('\n').filter((l) => l.includes('+ 97 more...'))).toHaveLength(1);
  }, 30_000); // 101 Pods through the whole harness: seconds on a loaded machine
});

describe('kubectl output', () => {
  it('prints endpoints and endpointslices as kubectl does', () => {
    const h = setup();
    h.apply(deployment('web', 3));
    h.apply(service('web'));
    h.at(10);
    const slice = slicesOf(h, 'web')[0]!;
    const ips = (slice.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0]).join(',');
    const sorted = podsOf(h, 'web').map((p) => `${p.status!.podIP}:80`).sort().join(',');
    expect(h.kubectl('get endpoints,endpointslices')).toBe(
      [
        'NAME                   ENDPOINTS                                   AGE',
        `endpoints/kubernetes   172.18.0.2:6443                             ${age(h, 'endpoints', 'kubernetes')}`,
        `endpoints/web          ${sorted}   10s`,
        '',
        'NAME                                        ADDRESSTYPE   PORTS   ENDPOINTS                          AGE',
        `endpointslice.discovery.k8s.io/kubernetes   IPv4          6443    172.18.0.2                         ${age(h, 'endpointslices', 'kubernetes')}`,
        `endpointslice.discovery.k8s.io/${slice.metadata.name}    IPv4          80      ${ips}   10s`,
        '',
      ].join('\n'),
    );
    // kubectl v1.31 describe reads the EndpointSlices, in their endpoints' order (not sorted like get endpoints).
    const inSliceOrder = (slice.endpoints as { addresses: string[] }[]).map((e) => `${e.addresses[0]}:80`).join(',');
    expect(h.kubectl('describe svc web').split('\n').find((l) => l.startsWith('Endpoints:'))).toBe(`Endpoints:                ${inSliceOrder}`);
  });
});

function age(h: H, resource: string, name: string): string {
  const line = h.kubectl(`get ${resource} ${name}`).split('\n')[1]!;
  return line.trim().split(/\s+/).pop()!;
}

describe('Service trigger time', () => {
  it('stamps endpoints.kubernetes.io/last-change-trigger-time from the Service creation', () => {
    const h = setup();
    const svc = h.apply(service('web'));
    expect(h.store.get(ENDPOINTS, 'default', 'web')!.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp });
    expect(h.store.get(SERVICES, 'default', 'web')).toBeDefined();
  });
});
