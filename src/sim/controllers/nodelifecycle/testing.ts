/** Test harness: the default three-node cluster with kubelets, leases, scheduler and the node controllers. */
import { APIServer } from '../../api/apiserver.ts';
import { EventRecorder } from '../../api/events.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import { bootstrapCluster } from '../../cluster/bootstrap.ts';
import { DEFAULT_NODES, podCIDR } from '../../cluster/nodes.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS } from '../../kernel/time.ts';
import { Kubelet } from '../../kubelet/kubelet.ts';
import { SimRuntime } from '../../runtime/runtime.ts';
import { Scheduler } from '../../scheduler/scheduler.ts';
import { parse } from 'yaml';
import { NodeLifecycleController } from './controller.ts';
import { NodeLeaseRenewer, NodeLeases } from './lease.ts';
import { PodGCController } from './podgc.ts';
import { KubeletService } from './systemctl.ts';
import { TaintEvictionController } from './tainteviction.ts';

export const PODS = preferredResourceForKind('Pod')!;
export const NODES = preferredResourceForKind('Node')!;
const EVENTS = preferredResourceForKind('Event')!;

export function nodeHarness(seed = 11) {
  const kernel = new Kernel(seed);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const events = new EventRecorder(kernel, store);
  const boot = bootstrapCluster(kernel, api, DEFAULT_NODES);
  const runtime = new SimRuntime(kernel);
  for (const pod of store.list(PODS)) for (const c of pod.spec?.containers ?? []) runtime.preloadImage(pod.spec.nodeName, c.image);
  const leases = new NodeLeases(kernel);
  const services = new Map<string, KubeletService>();
  DEFAULT_NODES.forEach((n, i) => {
    runtime.preloadImage(n.name, 'registry.k8s.io/pause:3.10');
    runtime.preloadImage(n.name, 'nginx:1.27');
    const kubelet = new Kubelet(kernel, store, events, runtime, n.name, { podCIDR: podCIDR(i), firstFreeHost: boot.nextPodHost.get(n.name)! });
    kubelet.start();
    const lease = new NodeLeaseRenewer(kernel, leases, n.name);
    lease.start();
    services.set(n.name, new KubeletService(kubelet, lease));
  });
  new Scheduler(kernel, store, events).start();
  new NodeLifecycleController(kernel, api, store, events, leases).start();
  new TaintEvictionController(kernel, api, store, events).start();
  new PodGCController(kernel, api, store).start();
  kernel.settle();
  const startMs = kernel.nowMs;
  return {
    kernel,
    store,
    api,
    services,
    /** Runs virtual time forward to `seconds` after the harness started. */
    at(seconds: number): void {
      kernel.advanceMs(startMs + Math.round(seconds * 1000) - kernel.nowMs);
    },
    create(yaml: string): KubeObject {
      const pod = api.create(PODS, parse(yaml) as Record<string, unknown>, 'test');
      kernel.settle();
      return pod;
    },
    pod(name: string, namespace = 'default'): KubeObject | undefined {
      return store.get(PODS, namespace, name);
    },
    node(name: string): KubeObject {
      return store.get(NODES, undefined, name)!;
    },
    /** `type=status reason` of a node's conditions. */
    conditions(name: string): string[] {
      return store.get(NODES, undefined, name)!.status.conditions.map((c: { type: string; status: string; reason: string }) => `${c.type}=${c.status} ${c.reason}`);
    },
    /** `key:effect` of a node's taints. */
    taints(name: string): string[] {
      return (store.get(NODES, undefined, name)!.spec.taints ?? []).map((t: { key: string; value?: string; effect: string }) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
    },
    /** Events about an object, as `t source type reason: message`, t in seconds since the harness started. */
    events(name: string): string[] {
      // Event names end in the recorder's nanosecond clock (hex), which orders and dates them.
      const atMs = (e: KubeObject) => Number(BigInt(`0x${e.metadata.name.slice(e.metadata.name.lastIndexOf('.') + 1)}`) / 1_000_000n) - EPOCH_MS;
      return store
        .list(EVENTS)
        .filter((e) => (e.involvedObject as { name: string }).name === name)
        .map((e) => ({ e, ms: atMs(e as KubeObject) }))
        .sort((a, b) => a.ms - b.ms || (a.e.metadata.name < b.e.metadata.name ? -1 : 1))
        .map(({ e, ms }) => `${(ms - startMs) / 1000} ${(e.source as { component: string }).component} ${e.type as string} ${e.reason}: ${e.message}${(e.count as number) > 1 ? ` (x${e.count as number})` : ''}`);
    },
  };
}
