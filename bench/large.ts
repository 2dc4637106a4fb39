/**
 * `npx tsx bench/large.ts [nodes] [pods] [wallLimitSeconds]`: the headless core at scale. A cluster
 * of `nodes` workers (8 CPU, 32 GiB, 110 Pods each) and a Deployment of `pods` replicas, from
 * `kubectl apply` until every replica is Running, in steps of 100 virtual ms. Prints the wall
 * time (and the process's CPU time: on a shared machine it is the steadier figure), the virtual
 * time it took, and memory (peak RSS and heap sampled after each step).
 * Default: the target, 1,000 nodes and 100,000 Pods; give up (and print how far it got)
 * after `wallLimitSeconds` (default 600; checked between steps). Wall and CPU time run from the
 * apply (its own settle included). `BENCH_VERBOSE=1` prints each step's progress on stderr.
 * Needs a large heap: `node --max-old-space-size=...` (the size peaks at about 6.5 GB).
 * `npm run bench` runs the size (1,000 nodes, 100,000 Pods) with a 900 s limit: some
 * seven minutes on this 2-core machine. `npx tsx bench/large.ts 20 2000` is a quick check.
 */
import { preferredResourceForKind } from '../src/sim/api/resources.ts';
import { Simulation } from '../src/sim/cluster/simulation.ts';

const PODS = preferredResourceForKind('Pod')!;

/** User + system CPU time of this process since `from`, in seconds. */
function cpuSecondsSince(from: NodeJS.CpuUsage): number {
  const cpu = process.cpuUsage(from);
  return (cpu.user + cpu.system) / 1e6;
}

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(2)), unit })}\n`);
}

const nodeCount = Number(process.argv[2] ?? 1000);
const podCount = Number(process.argv[3] ?? 100_000);
const wallLimitMs = Number(process.argv[4] ?? 600) * 1000;
const label = `${nodeCount.toLocaleString('en-US')} nodes, ${podCount.toLocaleString('en-US')}-Pod Deployment`;

const t0 = performance.now();
const sim = new Simulation({
  seed: 11,
  nodes: [{ name: 'control-plane', role: 'control-plane' }, ...Array.from({ length: nodeCount }, (_, i) => ({ name: `worker-${i + 1}`, cpu: 8, memoryGi: 32, pods: 110 }))],
});
const tCluster = performance.now();
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;

// The clock starts before the apply: its own settle (the Deployment, the ReplicaSet, the first
// burst of Pods and their scheduling) is part of "from apply to all Running".
const start = performance.now();
const cpuStart = process.cpuUsage();
const result = sim.exec('kubectl apply -f -', {
  stdin: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: ${podCount}
  selector:
    matchLabels: {app: big}
  template:
    metadata:
      labels: {app: big}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests: {cpu: 10m, memory: 16Mi}`,
});
if (result.exitCode !== 0) throw new Error(result.stderr);

const startVirtual = sim.kernel.nowSeconds;
let running = 0;
let done = false;
while (performance.now() - start < wallLimitMs) {
  sim.advance(0.1);
  const mem = process.memoryUsage();
  peakRss = Math.max(peakRss, mem.rss);
  peakHeap = Math.max(peakHeap, mem.heapUsed);
  running = 0;
  let total = 0;
  for (const pod of sim.store.list(PODS, 'default')) {
    total++;
    if (pod.status?.phase === 'Running') running++;
  }
  if (process.env.BENCH_VERBOSE) process.stderr.write(`t=${sim.kernel.nowSeconds}s wall=${((performance.now() - start) / 1000).toFixed(1)}s cpu=${cpuSecondsSince(cpuStart).toFixed(1)}s pods=${total} running=${running} rss=${(mem.rss / 2 ** 20).toFixed(0)}MiB timeline=${sim.kernel.timeline.total}\n`);
  if (running === podCount) {
    done = true;
    break;
  }
}
const wallMs = performance.now() - start;
const cpuSeconds = cpuSecondsSince(cpuStart);
emit(`${label}: cluster creation`, (tCluster - t0) / 1000, 's');
if (done) {
  emit(`${label}: apply to all Running, wall`, wallMs / 1000, 's');
  emit(`${label}: apply to all Running, CPU`, cpuSeconds, 's');
  emit(`${label}: apply to all Running, virtual`, sim.kernel.nowSeconds - startVirtual, 's');
} else {
  emit(`${label}: NOT FINISHED within the wall limit; Pods Running then`, running, 'pods');
  emit(`${label}: wall time spent`, wallMs / 1000, 's');
  emit(`${label}: CPU time spent`, cpuSeconds, 's');
}
emit(`${label}: peak RSS`, peakRss / 2 ** 20, 'MiB');
emit(`${label}: peak heap used`, peakHeap / 2 ** 20, 'MiB');
emit(`${label}: timeline entries`, sim.kernel.timeline.total, 'entries');
