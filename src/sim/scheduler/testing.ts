/**
 * A small cluster for the scheduler's tests and benchmark: kernel, store, API server, event
 * recorder, kubeadm's bootstrap (default: tainted control plane and two workers) and a started
 * Scheduler. Not used by the running simulation.
 */
import { APIServer } from '../api/apiserver.ts';
import { EventRecorder } from '../api/events.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { bootstrapCluster } from '../cluster/bootstrap.ts';
import { DEFAULT_NODES, type NodeOptions } from '../cluster/nodes.ts';
import { Kernel } from '../kernel/kernel.ts';
import { Scheduler } from './scheduler.ts';

export const PODS = preferredResourceForKind('Pod')!;
export const NODES = preferredResourceForKind('Node')!;
const PRIORITY_CLASSES = preferredResourceForKind('PriorityClass')!;

export function schedulerHarness(seed = 1, nodes: NodeOptions[] = DEFAULT_NODES) {
  const kernel = new Kernel(seed);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const events = new EventRecorder(kernel, store);
  bootstrapCluster(kernel, api, nodes);
  const scheduler = new Scheduler(kernel, store, events);
  scheduler.start();
  kernel.settle();
  return {
    kernel,
    store,
    api,
    scheduler,
    /**
     * Creates a Pod through the API server (defaults, admission, validation), as kubectl would. A
     * `priority` in `spec` becomes a PriorityClass `priority-<n>` (stored without drawing from the PRNG)
     * named by the Pod, since the Priority admission plugin refuses a literal priority.
     */
    createPod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
      const containers = (spec.containers as unknown[]) ?? [{ name: 'app', image: 'nginx:1.27' }];
      if (typeof spec.priority === 'number' && spec.priorityClassName === undefined) {
        const { priority, ...rest } = spec as { priority: number } & Record<string, unknown>;
        const pcName = `priority-${priority}`;
        if (!store.peek(PRIORITY_CLASSES, undefined, pcName)) {
          const uid = `00000000-0000-4000-8000-${String(priority >>> 0).padStart(12, '0')}`;
          store.create(PRIORITY_CLASSES, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pcName, uid }, value: priority, preemptionPolicy: 'PreemptLowerPriority' } as unknown as KubeObject, 'kubectl', { keepUid: true });
        }
        spec = { ...rest, priorityClassName: pcName };
      }
      return api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...meta }, spec: { ...spec, containers } }, 'kubectl');
    },
    pod(name: string, namespace = 'default'): KubeObject {
      return store.get(PODS, namespace, name)!;
    },
    decisions() {
      return kernel.timeline.list().filter((e) => e.source === 'kube-scheduler' && e.type === 'decision');
    },
    eventsFor(name: string) {
      return store
        .list(preferredResourceForKind('Event')!, 'default')
        .filter((e) => (e.involvedObject as { name: string }).name === name)
        .map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count, source: e.source }));
    },
  };
}

/** A container with requests, for tests. */
export function container(name: string, cpu?: string, memory?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return { name, image: 'nginx:1.27', ...(cpu || memory ? { resources: { requests } } : {}), ...extra };
}
