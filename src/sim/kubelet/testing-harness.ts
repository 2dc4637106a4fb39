/** Test harness: a two-node bootstrapped cluster, a kubelet on the worker with the TestRuntime. */
import { APIServer } from '../api/apiserver.ts';
import { EventRecorder } from '../api/events.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import { ObjectStore } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
import { bootstrapCluster } from '../cluster/bootstrap.ts';
import { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS } from '../kernel/time.ts';
import { printTable } from '../kubectl/printers/index.ts';
import { parse } from 'yaml';
import { Kubelet } from './kubelet.ts';
import { TestRuntime } from './testing.ts';

export const PODS = preferredResourceForKind('Pod')!;
export const WORKER = 'kind-worker';

export function harness(seed = 7) {
  const kernel = new Kernel(seed);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const events = new EventRecorder(kernel, store);
  const boot = bootstrapCluster(kernel, api, [{ name: 'kind-control-plane', role: 'control-plane' }, { name: WORKER }]);
  const runtime = new TestRuntime(kernel);
  const kubelet = new Kubelet(kernel, store, events, runtime, WORKER, { podCIDR: '10.244.1.0/24', firstFreeHost: boot.nextPodHost.get(WORKER)! });
  kubelet.start();
  const startMs = kernel.nowMs;
  const h = {
    kernel,
    store,
    api,
    runtime,
    kubelet,
    /** Creates a Pod bound to the worker (as the scheduler would have). */
    create(yaml: string): KubeObject {
      const manifest = parse(yaml) as KubeObject;
      manifest.spec.nodeName ??= WORKER;
      const pod = api.create(PODS, manifest as unknown as Record<string, unknown>, 'test');
      kernel.settle();
      return pod;
    },
    pod(name: string): KubeObject | undefined {
      return store.get(PODS, 'default', name);
    },
    /** Runs virtual time forward to `seconds` after the kubelet started. */
    at(seconds: number): void {
      kernel.advanceMs(startMs + seconds * 1000 - kernel.nowMs);
    },
    /** The `kubectl get pod` row (without the header) for a pod. */
    row(name: string): string {
      const pod = store.get(PODS, 'default', name);
      if (!pod) return '<gone>';
      const out = printTable(PODS, [pod], { wide: false, showLabels: false, withNamespace: false, withKind: false }, { nowUnixMs: EPOCH_MS + kernel.nowMs, store });
      return out.split('\n')[1]!.trim().replace(/\s+/g, ' ');
    },
    /** The kubelet's events for a pod, as `t reason: message` with t in seconds since the kubelet started. */
    events(name: string): string[] {
      return kernel.timeline
        .list()
        .filter((e) => e.type === 'event' && e.object?.name === name && e.source === `kubelet/${WORKER}`)
        .map((e) => `${Math.round((e.t * 1000 - startMs) / 10) / 100} ${e.reason}: ${e.message}`);
    },
  };
  return h;
}
