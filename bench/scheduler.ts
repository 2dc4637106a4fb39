/**
 * `npx tsx bench/scheduler.ts [nodes] [pods]`: kube-scheduler throughput. 10,000 Pods (100m/128Mi
 * each) created at once on a 500-worker cluster, then virtual time runs until every one is bound.
 * Prints JSON lines: the throughput by wall-clock time (this machine's, as loaded as it is), the
 * same by the process's CPU time (the steadier figure on a shared machine), and peak memory.
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

interface Result {
  wallPerSecond: number;
  cpuPerSecond: number;
  heapMiB: number;
  rssMiB: number;
}

function bench(nodeCount: number, podCount: number, realEvents: boolean): Result {
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
  const cpuStart = process.cpuUsage();
  kernel.advanceMs(60_000);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const mem = process.memoryUsage();
  const bound = store.list(PODS, 'default').filter((p) => p.spec.nodeName).length;
  if (bound !== podCount) throw new Error(`expected ${podCount} bound Pods, got ${bound}`);
  return { wallPerSecond: podCount / (ms / 1000), cpuPerSecond: podCount / ((cpu.user + cpu.system) / 1e6), heapMiB: mem.heapUsed / 2 ** 20, rssMiB: mem.rss / 2 ** 20 };
}

const nodeCount = Number(process.argv[2] ?? 500);
const podCount = Number(process.argv[3] ?? 10_000);
const result = bench(nodeCount, podCount, false);
const label = `scheduling throughput, ${podCount.toLocaleString('en-US')} pods on ${nodeCount} nodes`;
const emit = (name: string, value: number, unit: string) => process.stdout.write(`${JSON.stringify({ name, value: Math.round(value), unit })}\n`);
emit(label, result.wallPerSecond, 'pods/s');
emit(`${label}, by CPU time`, result.cpuPerSecond, 'pods/s');
emit(`${label}: heap used at the end`, result.heapMiB, 'MiB');
emit(`${label}: RSS at the end`, result.rssMiB, 'MiB');
