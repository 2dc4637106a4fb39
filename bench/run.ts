/**
 * `npm run bench`: headless benchmarks of the simulation core. Prints one JSON object per line,
 * `{"name": ..., "value": ..., "unit": ...}`. Figures are wall-clock measurements on this
 * machine; tests never assert on them.
 */
import { createCluster } from '../src/sim/index.ts';

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(2)), unit })}\n`);
}

function podDocs(count: number, offset = 0): string {
  const docs: string[] = [];
  for (let i = offset; i < offset + count; i++) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: bench-${i}
  labels:
    app: bench
    shard: "${i % 10}"
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      requests:
        cpu: 10m
        memory: 16Mi`);
  }
  return docs.join('\n---\n');
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

// 1. Applying a 1,000-document manifest.
{
  const yaml = podDocs(1000);
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const cluster = createCluster({ seed: r + 1 });
    const { ms, result } = time(() => cluster.apply(yaml));
    if (result.exitCode !== 0) throw new Error(`apply failed: ${result.stderr.slice(0, 500)}`);
    runs.push(ms);
  }
  const best = Math.min(...runs);
  emit('apply 1,000-document manifest', best, 'ms');
  emit('apply throughput', 1000 / (best / 1000), 'objects/s');
}

// 2. `kubectl get pods -A` over 10,000 Pods.
{
  const cluster = createCluster({ seed: 7 });
  for (let batch = 0; batch < 10; batch++) {
    const r = cluster.apply(podDocs(1000, batch * 1000));
    if (r.exitCode !== 0) throw new Error(`apply failed: ${r.stderr.slice(0, 500)}`);
  }
  const runs: number[] = [];
  let lines = 0;
  for (let r = 0; r < 5; r++) {
    const { ms, result } = time(() => cluster.exec('kubectl get pods -A'));
    lines = result.stdout.split('\n').length - 1;
    runs.push(ms);
  }
  if (lines < 10_000) throw new Error(`expected at least 10,000 rows, got ${lines}`);
  runs.sort((a, b) => a - b);
  emit('kubectl get pods -A over 10,000 pods (median of 5)', runs[2]!, 'ms');
  emit('heap used after 10,000 pods', process.memoryUsage().heapUsed / 1024 / 1024, 'MiB');
}

// 3. A 3-node cluster with 100 probed Pods: virtual seconds simulated per wall-clock second.
{
  const cluster = createCluster({ seed: 9 });
  const docs: string[] = [];
  for (let i = 0; i < 100; i++) {
    docs.push(`apiVersion: v1
kind: Pod
metadata:
  name: probed-${i}
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
    livenessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 10`);
  }
  const r = cluster.apply(docs.join('\n---\n'));
  if (r.exitCode !== 0) throw new Error(`apply failed: ${r.stderr.slice(0, 500)}`);
  cluster.advance(60); // all Running and Ready before measuring
  const running = cluster.exec('kubectl get pods --no-headers').stdout.split('\n').filter((l) => /1\/1\s+Running/.test(l)).length;
  if (running !== 100) throw new Error(`expected 100 Running pods, got ${running}`);
  const virtualSeconds = 3600;
  const { ms } = time(() => cluster.advance(virtualSeconds));
  emit('3 nodes, 100 probed pods: virtual seconds per wall second', virtualSeconds / (ms / 1000), 'x');
}

// 4. A 1,000-replica rolling update on 100 nodes: wall seconds to complete, and the virtual seconds it takes.
{
  const nodes = [{ name: 'control-plane', role: 'control-plane' as const }, ...Array.from({ length: 99 }, (_, i) => ({ name: `worker-${i + 1}`, cpu: 8, memoryGi: 32 }))];
  const cluster = createCluster({ seed: 5, nodes });
  const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 1000
  selector:
    matchLabels: {app: big}
  template:
    metadata:
      labels: {app: big}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80`;
  const created = cluster.apply(deployment('nginx:1.27'));
  if (created.exitCode !== 0) throw new Error(created.stderr);
  const first = cluster.exec('kubectl rollout status deployment/big --timeout=1h');
  if (!first.stdout.includes('successfully rolled out')) throw new Error(`initial rollout: ${first.stdout.slice(-300)}${first.stderr}`);
  const startVirtual = cluster.now();
  const { ms, result } = time(() => {
    cluster.exec('kubectl set image deployment/big web=nginx:1.28');
    return cluster.exec('kubectl rollout status deployment/big --timeout=1h');
  });
  if (!result.stdout.includes('successfully rolled out')) throw new Error(`rolling update: ${result.stdout.slice(-300)}${result.stderr}`);
  emit('1,000-replica rolling update on 100 nodes: wall time', ms / 1000, 's');
  emit('1,000-replica rolling update on 100 nodes: virtual time', cluster.now() - startVirtual, 's');
}
