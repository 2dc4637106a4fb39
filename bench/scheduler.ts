/**
 * `npx tsx bench/scheduler.ts`: kube-scheduler throughput. 10,000 Pods (100m/128Mi each) created
 * at once on a 500-worker cluster, then virtual time runs until every one is bound. Prints one
 * JSON line; wall-clock time, so the figure is this machine's.
 */
import { APIServer } from '../src/sim/api/apiserver.ts';
import { EventRecorder } from '../src/sim/api/events.ts';
import { preferredResourceForKind } from '../src/sim/api/resources.ts';
import { ObjectStore } from '../src/sim/api/store.ts';
import type { KubeObject } from '../src/sim/api/types.ts';
import { bootstrapCluster } from '../src/sim/cluster/bootstrap.ts';
import type { NodeOptions } from '../src/sim/cluster/nodes.ts';
import { Kernel } from '../src/sim/kernel/kernel.ts';
import { Scheduler } from '../src/sim/scheduler/scheduler.ts';

const PODS = preferredResourceForKind('Pod')!;

/**
 * The EventRecorder scans the namespace's Events on each record (to aggregate repeats), which is
 * quadratic over 10,000 Pods; the benchmark measures the scheduler, so its events are counted only.
 */
class CountingRecorder extends EventRecorder {
  count = 0;
  override record(): void {
    this.count++;
  }
}

function bench(nodeCount: number, podCount: number, realEvents: boolean): number {
  const kernel = new Kernel(42);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const nodes: NodeOptions[] = [{ name: 'control-plane', role: 'control-plane' }, ...Array.from({ length: nodeCount }, (_, i) => ({ name: `worker-${i + 1}`, cpu: 32, memoryGi: 128, pods: 110 }))];
  bootstrapCluster(kernel, api, nodes);
  const events = realEvents ? new EventRecorder(kernel, store) : new CountingRecorder(kernel, store);
  const scheduler = new Scheduler(kernel, store, events);
  scheduler.start();
  kernel.settle();
  for (let i = 0; i < podCount; i++) {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}`, namespace: 'default', uid: '', resourceVersion: '', creationTimestamp: '' }, spec: { schedulerName: 'default-scheduler', containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } } as KubeObject;
    store.create(PODS, pod, 'bench');
  }
  const start = performance.now();
  kernel.advanceMs(60_000);
  const ms = performance.now() - start;
  const bound = store.list(PODS, 'default').filter((p) => p.spec.nodeName).length;
  if (bound !== podCount) throw new Error(`expected ${podCount} bound Pods, got ${bound}`);
  return podCount / (ms / 1000);
}

const nodeCount = Number(process.argv[2] ?? 500);
const podCount = Number(process.argv[3] ?? 10_000);
const value = bench(nodeCount, podCount, false);
process.stdout.write(`${JSON.stringify({ name: `scheduling throughput, ${podCount.toLocaleString('en-US')} pods on ${nodeCount} nodes`, value: Math.round(value), unit: 'pods/s' })}\n`);
