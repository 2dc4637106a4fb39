/**
 * A cluster for the controllers' tests: what Simulation builds (bootstrap, runtime, kubelets,
 * scheduler) plus the ReplicaSet controller and the garbage collector. Not used by the running
 * simulation.
 */
import { parse } from 'yaml';
import { APIServer } from '../../api/apiserver.ts';
import { EventRecorder } from '../../api/events.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import { bootstrapCluster } from '../../cluster/bootstrap.ts';
import { DEFAULT_NODES, podCIDR } from '../../cluster/nodes.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { runKubectl } from '../../kubectl/index.ts';
import { Kubelet } from '../../kubelet/kubelet.ts';
import { SimRuntime } from '../../runtime/runtime.ts';
import { Scheduler } from '../../scheduler/scheduler.ts';
import { GarbageCollector } from '../gc/gc.ts';
import { ReplicaSetController } from './replicaset.ts';

export const PODS = preferredResourceForKind('Pod')!;
export const RS = preferredResourceForKind('ReplicaSet')!;
const EVENTS = preferredResourceForKind('Event')!;

export function controllersHarness(seed = 1, opts: { replicaSets?: boolean; gc?: boolean } = {}) {
  const kernel = new Kernel(seed);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const events = new EventRecorder(kernel, store);
  const boot = bootstrapCluster(kernel, api, DEFAULT_NODES);
  const runtime = new SimRuntime(kernel);
  for (const pod of store.list(PODS)) for (const c of pod.spec?.containers ?? []) runtime.preloadImage(pod.spec.nodeName, c.image);
  DEFAULT_NODES.forEach((n, i) => {
    runtime.preloadImage(n.name, 'registry.k8s.io/pause:3.10');
    new Kubelet(kernel, store, events, runtime, n.name, { podCIDR: podCIDR(i), firstFreeHost: boot.nextPodHost.get(n.name)! }).start();
  });
  new Scheduler(kernel, store, events).start();
  const rsc = new ReplicaSetController(kernel, api, store, events);
  if (opts.replicaSets !== false) rsc.start();
  const gc = new GarbageCollector(kernel, store, api);
  if (opts.gc !== false) gc.start();
  kernel.settle();
  return {
    kernel,
    store,
    api,
    rsc,
    gc,
    /** Creates objects from YAML through the API server, as kubectl create does. */
    create(yaml: string): KubeObject {
      const manifest = parse(yaml) as Record<string, unknown>;
      const info = preferredResourceForKind(manifest.kind as string)!;
      const obj = api.create(info, manifest, 'kubectl');
      kernel.settle();
      return obj;
    },
    kubectl(line: string): { stdout: string; stderr: string; exitCode: number } {
      const r = runKubectl({ kernel, store, api, stdin: '', source: 'STDIN' }, line.split(' '));
      kernel.settle();
      return r;
    },
    advance(seconds: number): void {
      kernel.advanceMs(seconds * 1000);
    },
    pods(namespace = 'default'): KubeObject[] {
      return store.list(PODS, namespace).map((p) => store.get(PODS, namespace, p.metadata.name)!);
    },
    podNames(namespace = 'default'): string[] {
      return store.list(PODS, namespace).map((p) => p.metadata.name);
    },
    rs(name: string, namespace = 'default'): KubeObject | undefined {
      return store.get(RS, namespace, name);
    },
    /** Events about an object, as `type reason: message (component)`, in the order recorded. */
    eventsFor(name: string, namespace = 'default'): string[] {
      return store
        .list(EVENTS, namespace)
        .filter((e) => (e.involvedObject as { name: string }).name === name)
        .map((e) => ({ t: e.metadata.name, line: `${e.type as string} ${e.reason as string}: ${e.message as string} (${(e.source as { component: string }).component})` }))
        .sort((a, b) => (a.t < b.t ? -1 : 1))
        .map((e) => e.line);
    },
  };
}

/** A ReplicaSet manifest. */
export function replicaSetYaml(name: string, replicas: number, labels = `app: ${name}`, extra = ''): string {
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}${extra}
  selector:
    matchLabels:
      ${labels}
  template:
    metadata:
      labels:
        ${labels}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        ports:
        - containerPort: 80
`;
}
