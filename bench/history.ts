/**
 * `node --expose-gc --import tsx bench/history.ts [virtualSeconds]`: memory of a one-hour history.
 * The default 3-node cluster with about 20 Pods (the system Pods, an 8-replica Deployment with
 * readiness and liveness probes behind a Service, 4 busybox clients each fetching from the
 * Service once a second) runs one virtual hour; then the timeline's entries are counted and
 * their retained heap measured (heap with the log, minus heap once the log is dropped, both
 * after a full GC), and the figures at the log's cap (TIMELINE_MAX_ENTRIES) extrapolated.
 */
import { preferredResourceForKind } from '../src/sim/api/resources.ts';
import { Simulation } from '../src/sim/cluster/simulation.ts';
import { TIMELINE_MAX_ENTRIES } from '../src/sim/kernel/timeline.ts';

const PODS = preferredResourceForKind('Pod')!;

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(2)), unit })}\n`);
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const seconds = Number(process.argv[2] ?? 3600);
const sim = new Simulation({ seed: 3 });
const clients = Array.from(
  { length: 4 },
  (_, i) => `apiVersion: v1
kind: Pod
metadata: {name: client-${i}}
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "while true; do wget -q -O- http://web; sleep 1; done"]`,
);
const result = sim.exec('kubectl apply -f -', {
  stdin: [
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 8
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
        livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10}`,
    `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]`,
    ...clients,
  ].join('\n---\n'),
});
if (result.exitCode !== 0) throw new Error(result.stderr);

const start = performance.now();
for (let t = 0; t < seconds; t += 60) sim.advance(Math.min(60, seconds - t));
const wallMs = performance.now() - start;
const pods = sim.store.count(PODS);
const running = sim.store.list(PODS).filter((p) => p.status?.phase === 'Running').length;
if (running < 20) throw new Error(`expected about 20 Running Pods, got ${running} of ${pods}`);

const timeline = sim.kernel.timeline;
const entries = timeline.total;
const kept = timeline.list();
let jsonBytes = 0;
for (const e of kept) jsonBytes += JSON.stringify(e).length;
kept.length = 0;
const withLog = heap();
// Drop the log (the bench only: the Timeline keeps its entries private) and measure what it held.
(timeline as unknown as { entries: unknown[] }).entries = [];
(timeline as unknown as { strings?: Map<string, string> }).strings?.clear();
const withoutLog = heap();
const bytesPerEntry = (withLog - withoutLog) / entries;

const label = `${Math.round(seconds / 60)} virtual minutes, 3 nodes, ${running} Pods with traffic`;
emit(`${label}: simulated in`, wallMs / 1000, 's');
emit(`${label}: timeline entries`, entries, 'entries');
emit(`${label}: timeline entries per virtual second`, entries / seconds, 'entries/s');
emit(`${label}: timeline retained heap`, (withLog - withoutLog) / 2 ** 20, 'MiB');
emit(`${label}: retained heap per entry`, bytesPerEntry, 'bytes');
emit(`${label}: JSON per entry`, jsonBytes / entries, 'bytes');
emit(`timeline at its cap (${TIMELINE_MAX_ENTRIES.toLocaleString('en-US')} entries, reached after ${(TIMELINE_MAX_ENTRIES / (entries / seconds) / 60).toFixed(0)} virtual minutes at this rate): retained heap`, (bytesPerEntry * TIMELINE_MAX_ENTRIES) / 2 ** 20, 'MiB');
