/**
 * A whole small cluster for the workload controllers' tests: kernel, store, API server, event
 * recorder, kubeadm's bootstrap, the scheduler, and one kubelet per node over the SimRuntime, as
 * `cluster/simulation.ts` builds them, so the controllers' Pods really get scheduled and run.
 * Not used by the running simulation.
 */
import { APIServer } from '../../api/apiserver.ts';
import { EventRecorder } from '../../api/events.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import { bootstrapCluster } from '../../cluster/bootstrap.ts';
import { DEFAULT_NODES, podCIDR, type NodeOptions } from '../../cluster/nodes.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { Kubelet } from '../../kubelet/kubelet.ts';
import { SimRuntime } from '../../runtime/runtime.ts';
import { Scheduler } from '../../scheduler/scheduler.ts';
import { parse } from 'yaml';

export const PODS = preferredResourceForKind('Pod')!;
export const EVENTS = preferredResourceForKind('Event')!;

export interface Controller {
  start(): void;
}

export type ControllerFactory = (kernel: Kernel, api: APIServer, store: ObjectStore, events: EventRecorder) => Controller;

export function clusterHarness(controllers: ControllerFactory[], opts: { seed?: number; nodes?: NodeOptions[]; images?: string[] } = {}) {
  const nodes = opts.nodes ?? DEFAULT_NODES;
  const kernel = new Kernel(opts.seed ?? 1);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const events = new EventRecorder(kernel, store);
  const boot = bootstrapCluster(kernel, api, nodes);
  const runtime = new SimRuntime(kernel);
  for (const pod of store.list(PODS)) for (const c of pod.spec?.containers ?? []) runtime.preloadImage(pod.spec.nodeName, c.image);
  nodes.forEach((n, i) => {
    runtime.preloadImage(n.name, 'registry.k8s.io/pause:3.10');
    for (const image of opts.images ?? []) runtime.preloadImage(n.name, image);
    new Kubelet(kernel, store, events, runtime, n.name, { podCIDR: podCIDR(i), firstFreeHost: boot.nextPodHost.get(n.name)! }).start();
  });
  new Scheduler(kernel, store, events).start();
  const started = controllers.map((f) => f(kernel, api, store, events));
  for (const c of started) c.start();
  kernel.settle();
  const startMs = kernel.nowMs;
  return {
    kernel,
    store,
    api,
    events,
    controllers: started,
    startMs,
    /** Creates an object from YAML through the API server, as `kubectl create -f` would. */
    apply(yaml: string): KubeObject {
      const manifest = parse(yaml) as Record<string, unknown>;
      const kind = String(manifest.kind);
      const obj = api.create(preferredResourceForKind(kind)!, manifest, 'kubectl');
      kernel.settle();
      return obj;
    },
    /** Runs virtual time forward to `seconds` after the harness was built. */
    at(seconds: number): void {
      kernel.advanceMs(startMs + seconds * 1000 - kernel.nowMs);
    },
    /** Seconds since the harness was built. */
    now(): number {
      return (kernel.nowMs - startMs) / 1000;
    },
    /** Events recorded by `component`, as `t reason: message` with t in seconds since the harness was built. */
    eventsBy(component: string): string[] {
      return kernel.timeline
        .list()
        .filter((e) => e.type === 'event' && e.source === component)
        .map((e) => `${Math.round((e.t * 1000 - startMs) / 10) / 100} ${e.reason}: ${e.message}`);
    },
  };
}
