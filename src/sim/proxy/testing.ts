/** Fixtures for the kube-proxy tests: a Kernel + ObjectStore with hand-built Services and EndpointSlices. */
import { resolveResource } from '../api/resources.ts';
import { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { Kernel } from '../kernel/kernel.ts';
import { KubeProxy, type KubeProxyOptions } from './proxier.ts';

export const SERVICES = resolveResource('services')!;
export const SLICES = resolveResource('endpointslices')!;

export function world(): { kernel: Kernel; store: ObjectStore } {
  const kernel = new Kernel(7);
  const store = new ObjectStore(kernel);
  for (const ns of ['default', 'kube-system']) {
    store.create(resolveResource('namespaces')!, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } as KubeObject, 'test');
  }
  return { kernel, store };
}

export function service(name: string, spec: Record<string, unknown>, namespace = 'default'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace } as KubeObject['metadata'],
    spec: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ...spec },
  };
}

export interface EP {
  ip: string;
  node?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export function slice(svc: string, eps: EP[], ports: { name?: string; port: number; protocol?: string }[] = [{ port: 80 }], namespace = 'default', suffix = 'abcde'): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${svc}-${suffix}`, namespace, labels: { 'kubernetes.io/service-name': svc } } as unknown as KubeObject['metadata'],
    addressType: 'IPv4',
    endpoints: eps.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      nodeName: e.node ?? 'worker-1',
      targetRef: { kind: 'Pod', namespace, name: `pod-${e.ip}` },
    })),
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}

export const DEMO_PODS: EP[] = [{ ip: '10.244.1.2', node: 'worker-1' }, { ip: '10.244.2.2', node: 'worker-2' }, { ip: '10.244.2.3', node: 'worker-2' }];

/** The two demo services of K8S-FACTS §1 with their three pods. */
export function demoWorld(opts: KubeProxyOptions = {}): { kernel: Kernel; store: ObjectStore; proxy: KubeProxy } {
  const { kernel, store } = world();
  store.create(SERVICES, service('demo-clusterip', { clusterIP: '10.96.140.20', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] }), 'test');
  store.create(
    SERVICES,
    service('demo-nodeport', { type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: '10.96.200.7', ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }),
    'test',
  );
  store.create(SLICES, slice('demo-clusterip', DEMO_PODS), 'test');
  store.create(SLICES, slice('demo-nodeport', DEMO_PODS), 'test');
  const proxy = new KubeProxy(kernel, store, 'worker-1', '192.168.56.11', { clusterCIDR: '10.244.0.0/16', ...opts });
  proxy.start();
  kernel.settle();
  return { kernel, store, proxy };
}
