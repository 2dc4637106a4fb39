/**
 * Property-based tests over the headless API (issue 9, "Reliability and security"): random
 * sequences of apply / delete / scale / cordon / drain / kubelet stop-start / advance never make
 * the core throw, and after every step the cluster keeps the invariants a real cluster keeps:
 *
 * - every bound Pod's node exists, no Pod (by uid) appears twice, and a bound Pod never moves;
 * - per node, the requests of its non-terminal Pods fit its allocatable (cpu, memory, pod count),
 *   as the scheduler's NodeResourcesFit and the kubelet's admission guarantee;
 * - two live Pods never share a pod IP;
 * - an EndpointSlice endpoint with ready=true is a Pod whose Ready condition is True, unless
 *   the Service publishes not-ready addresses;
 * - with every kubelet running and every node schedulable, ReplicaSets converge
 *   (status.replicas == spec.replicas) and Deployments account for their ReplicaSets;
 * - the same seed and the same operations give the same timeline and snapshot.
 *
 * Budget: `npm test` runs a bounded number of sequences (NUM_RUNS); `KUBEPLAY_LONG=1 npx vitest
 * run src/sim/property.test.ts` runs many more, longer ones. A failure prints fast-check's seed
 * and shrunk counterexample; replay it with `fc.assert(..., { seed, path })`.
 */
// fast-check is a devDependency for tests; the sim-boundary rule lets tests import only vitest (see the report).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type ClusterSnapshot, type KubeObject } from './index.ts';

const LONG = process.env.KUBEPLAY_LONG === '1';
const NUM_RUNS = LONG ? 100 : 25;
const MAX_OPS = LONG ? 30 : 14;
const DETERMINISM_RUNS = LONG ? 20 : 4;
const TEST_TIMEOUT_MS = LONG ? 3_600_000 : 180_000;
/** Fixed in the bounded run so `npm test` is reproducible; KUBEPLAY_SEED or the long mode explore. */
const SEED = process.env.KUBEPLAY_SEED ? Number(process.env.KUBEPLAY_SEED) : LONG ? undefined : 20261122;
const SEEDED = SEED === undefined ? {} : { seed: SEED };

const WORKERS = ['worker-1', 'worker-2'] as const;
const NODES = ['control-plane', ...WORKERS] as const;

// ---------------------------------------------------------------------------------------------
// Operations

/** What a container does: serve (nginx), fail to pull (a tag nginx does not have), crash, or a shell script. */
const IMAGES = {
  nginx: { image: 'nginx:1.27' },
  unpullable: { image: 'nginx:0.0.0-no-such-tag' },
  crash: { image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] },
  sleeper: { image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] },
  unknown: { image: 'registry.example.com/team/app:2.0' },
} as const;
type ImageKind = keyof typeof IMAGES;

interface Resources {
  cpuMilli: number;
  memoryMi: number;
}

interface Container {
  image: ImageKind;
  res: Resources | null;
  /** A readiness probe that nginx answers (200) or not (404); null: none. */
  probe: '/' | '/missing' | null;
}

type Op =
  | { op: 'deployment'; name: string; replicas: number; c: Container }
  | { op: 'pod'; name: string; c: Container }
  | { op: 'service'; name: string; publishNotReady: boolean }
  | { op: 'job'; name: string; completions: number; parallelism: number; succeed: boolean }
  | { op: 'statefulset'; name: string; replicas: number; c: Container }
  | { op: 'delete'; kind: 'deployment' | 'pod' | 'service' | 'job' | 'statefulset'; name: string }
  | { op: 'scale'; name: string; replicas: number }
  | { op: 'cordon' | 'uncordon' | 'drain'; node: string }
  | { op: 'kubelet'; action: 'stop' | 'start'; node: string }
  | { op: 'advance'; seconds: number };

const APPS = ['web', 'api'];
const arbContainer: fc.Arbitrary<Container> = fc.record({
  image: fc.constantFrom<ImageKind>('nginx', 'nginx', 'unpullable', 'crash', 'sleeper', 'unknown'),
  res: fc.option(fc.record({ cpuMilli: fc.integer({ min: 0, max: 1500 }), memoryMi: fc.integer({ min: 0, max: 3000 }) }), { nil: null }),
  probe: fc.constantFrom<'/' | '/missing' | null>(null, '/', '/missing'),
});

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('deployment' as const), name: fc.constantFrom(...APPS), replicas: fc.integer({ min: 0, max: 8 }), c: arbContainer }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('pod' as const), name: fc.constantFrom('p1', 'p2'), c: arbContainer }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('service' as const), name: fc.constantFrom(...APPS), publishNotReady: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('job' as const), name: fc.constant('j1'), completions: fc.integer({ min: 1, max: 4 }), parallelism: fc.integer({ min: 1, max: 3 }), succeed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('statefulset' as const), name: fc.constant('db'), replicas: fc.integer({ min: 0, max: 3 }), c: arbContainer }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), kind: fc.constantFrom('deployment' as const, 'pod' as const, 'service' as const, 'job' as const, 'statefulset' as const), name: fc.constantFrom(...APPS, 'p1', 'p2', 'j1', 'db') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('scale' as const), name: fc.constantFrom(...APPS), replicas: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('cordon' as const, 'uncordon' as const, 'drain' as const), node: fc.constantFrom(...WORKERS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('kubelet' as const), action: fc.constantFrom('stop' as const, 'start' as const), node: fc.constantFrom(...WORKERS) }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 30, max: 400 })) }) },
);

function containerYAML(name: string, c: Container, indent: string): string {
  const img = IMAGES[c.image];
  const lines = [`- name: ${name}`, `  image: ${img.image}`];
  if ('command' in img) lines.push(`  command: ${JSON.stringify(img.command)}`);
  if (c.res) lines.push(`  resources:`, `    requests: {cpu: ${c.res.cpuMilli}m, memory: ${c.res.memoryMi}Mi}`);
  if (c.probe) lines.push(`  readinessProbe:`, `    httpGet: {path: "${c.probe}", port: 80}`, `    periodSeconds: 5`);
  return lines.map((l) => indent + l).join('\n');
}

function manifest(op: Op): string {
  switch (op.op) {
    case 'deployment':
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${op.name}
spec:
  replicas: ${op.replicas}
  selector:
    matchLabels: {app: ${op.name}}
  template:
    metadata:
      labels: {app: ${op.name}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
${containerYAML('main', op.c, '      ')}
`;
    case 'pod':
      return `apiVersion: v1
kind: Pod
metadata:
  name: ${op.name}
  labels: {app: web}
spec:
  terminationGracePeriodSeconds: 5
  containers:
${containerYAML('main', op.c, '  ')}
`;
    case 'service':
      return `apiVersion: v1
kind: Service
metadata:
  name: ${op.name}
spec:
  selector: {app: ${op.name}}
  publishNotReadyAddresses: ${op.publishNotReady}
  ports:
  - port: 80
`;
    case 'job':
      return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${op.name}
spec:
  completions: ${op.completions}
  parallelism: ${op.parallelism}
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "sleep 2; exit ${op.succeed ? 0 : 1}"]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
`;
    case 'statefulset':
      return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${op.name}
spec:
  serviceName: ${op.name}
  replicas: ${op.replicas}
  selector:
    matchLabels: {app: ${op.name}}
  template:
    metadata:
      labels: {app: ${op.name}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
${containerYAML('main', op.c, '      ')}
`;
    default:
      throw new Error(`no manifest for ${op.op}`);
  }
}

/** One operation through the headless API, as a user would type it. */
function runOp(cluster: Cluster, op: Op): void {
  let result;
  switch (op.op) {
    case 'deployment':
    case 'pod':
    case 'service':
    case 'job':
    case 'statefulset':
      result = cluster.apply(manifest(op));
      // A Deployment or Service with a fixed selector is always valid to apply; a Pod or Job may not be
      // (their specs are mostly immutable), and then kubectl says why.
      if (op.op === 'deployment' || op.op === 'service') expect(result, manifest(op)).toMatchObject({ exitCode: 0, stderr: '' });
      break;
    case 'delete':
      // Not --ignore-not-found: the simulated kubectl accepts the flag but still reports NotFound (see the report).
      // --wait=false: a Pod on a stopped kubelet is never confirmed gone, and kubectl would wait (virtual) days.
      result = cluster.exec(`kubectl delete ${op.kind} ${op.name} --wait=false`);
      if (result.exitCode !== 0) expect(result.stderr).toMatch(/^Error from server \(NotFound\): /);
      break;
    case 'scale':
      result = cluster.exec(`kubectl scale deployment ${op.name} --replicas=${op.replicas}`);
      break;
    case 'cordon':
    case 'uncordon':
      result = cluster.exec(`kubectl ${op.op} ${op.node}`);
      expect(result.exitCode, result.stderr).toBe(0);
      break;
    case 'drain':
      result = cluster.exec(`kubectl drain ${op.node} --ignore-daemonsets --force --delete-emptydir-data --timeout=30s`);
      break;
    case 'kubelet':
      result = cluster.exec(`systemctl ${op.action} kubelet`, { node: op.node });
      expect(result.exitCode, result.stderr).toBe(0);
      break;
    case 'advance':
      cluster.advance(op.seconds);
      return;
  }
  expect(typeof result.stdout).toBe('string');
  // A failed command always says why.
  if (result.exitCode !== 0) expect(result.stderr, `${op.op} exited ${result.exitCode} silently`).not.toBe('');
}

// ---------------------------------------------------------------------------------------------
// Invariants, from the snapshot alone

type Obj = KubeObject;

interface EndpointSlice extends KubeObject {
  endpoints?: { conditions?: { ready?: boolean }; targetRef?: { kind: string; namespace: string; name: string } }[];
}

function list(snap: ClusterSnapshot, resource: string): Obj[] {
  return (snap.objects[resource] ?? []) as Obj[];
}

const isTerminal = (pod: Obj) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** resource.Quantity → milli-units, for the forms requests and allocatable take here. */
function milli(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|Ki|Mi|Gi|Ti)?$/.exec(String(q));
  if (!m) throw new Error(`unexpected quantity ${q}`);
  const factor = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, '': 1 }[m[2] ?? '']!;
  return Math.round(Number(m[1]) * factor * 1000);
}

/** The scheduler's view of a Pod's requests: max(sum of containers, each init container) + overhead. */
function podRequests(pod: Obj): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  for (const c of pod.spec?.containers ?? []) {
    sum.cpu += milli(c.resources?.requests?.cpu);
    sum.memory += milli(c.resources?.requests?.memory);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, milli(c.resources?.requests?.cpu));
    sum.memory = Math.max(sum.memory, milli(c.resources?.requests?.memory));
  }
  sum.cpu += milli(pod.spec?.overhead?.cpu);
  sum.memory += milli(pod.spec?.overhead?.memory);
  return sum;
}

function checkInvariants(snap: ClusterSnapshot, context: string): void {
  const nodes = new Map(list(snap, 'nodes').map((n) => [n.metadata.name, n]));
  const pods = list(snap, 'pods');

  // One object per uid; every bound Pod on a node that exists.
  const uids = new Set<string>();
  for (const pod of pods) {
    expect(uids.has(pod.metadata.uid!), `${context}: pod uid ${pod.metadata.uid} listed twice`).toBe(false);
    uids.add(pod.metadata.uid!);
    if (pod.spec.nodeName) expect(nodes.has(pod.spec.nodeName), `${context}: pod ${pod.metadata.name} bound to missing node ${pod.spec.nodeName}`).toBe(true);
  }

  // Per node: requests of non-terminal Pods within allocatable.
  for (const [name, node] of nodes) {
    const bound = pods.filter((p) => p.spec.nodeName === name && !isTerminal(p));
    const used = bound.reduce((acc, p) => {
      const r = podRequests(p);
      return { cpu: acc.cpu + r.cpu, memory: acc.memory + r.memory };
    }, { cpu: 0, memory: 0 });
    const alloc = node.status.allocatable;
    const where = `${context}: node ${name} (${bound.map((p) => p.metadata.name).join(', ')})`;
    expect(used.cpu, `${where} cpu`).toBeLessThanOrEqual(milli(alloc.cpu));
    expect(used.memory, `${where} memory`).toBeLessThanOrEqual(milli(alloc.memory));
    expect(bound.length, `${where} pods`).toBeLessThanOrEqual(Number(alloc.pods));
  }

  // No two live Pods share a pod IP (host-network Pods share their node's).
  const ips = new Map<string, string>();
  for (const pod of pods) {
    const ip = pod.status?.podIP;
    if (!ip || pod.spec.hostNetwork || isTerminal(pod) || pod.metadata.deletionTimestamp) continue;
    expect(ips.get(ip), `${context}: ${pod.metadata.name} and ${ips.get(ip)} both have IP ${ip}`).toBeUndefined();
    ips.set(ip, pod.metadata.name);
  }

  // Ready endpoints are Ready Pods, unless the Service publishes not-ready addresses.
  const podsByKey = new Map(pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const services = new Map(list(snap, 'services').map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
  for (const slice of list(snap, 'endpointslices.discovery.k8s.io') as EndpointSlice[]) {
    const svc = services.get(`${slice.metadata.namespace}/${slice.metadata.labels?.['kubernetes.io/service-name']}`);
    if (!svc || svc.spec.publishNotReadyAddresses) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready !== true || ep.targetRef?.kind !== 'Pod') continue;
      const pod = podsByKey.get(`${ep.targetRef.namespace}/${ep.targetRef.name}`);
      const where = `${context}: slice ${slice.metadata.name} endpoint ${ep.targetRef.name} is ready`;
      expect(pod, `${where} but the Pod is gone`).toBeDefined();
      const ready = (pod!.status?.conditions as { type: string; status: string }[] | undefined)?.find((c) => c.type === 'Ready');
      expect(ready?.status, `${where} but the Pod is not Ready`).toBe('True');
    }
  }
}

/** With every node healthy and schedulable, controllers have had the time to catch up. */
function checkConverged(snap: ClusterSnapshot, context: string): void {
  const replicaSets = list(snap, 'replicasets.apps');
  for (const rs of replicaSets) {
    if (rs.metadata.deletionTimestamp) continue;
    const where = `${context}: replicaset ${rs.metadata.name}`;
    expect(rs.status?.observedGeneration, `${where} observedGeneration`).toBe(rs.metadata.generation);
    expect(rs.status?.replicas ?? 0, `${where} status.replicas`).toBe(rs.spec.replicas);
    const owned = list(snap, 'pods').filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp && p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
    expect(owned.length, `${where} live pods`).toBe(rs.spec.replicas);
  }
  for (const d of list(snap, 'deployments.apps')) {
    const where = `${context}: deployment ${d.metadata.name}`;
    const mine = replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
    const specTotal = mine.reduce((n, rs) => n + rs.spec.replicas, 0);
    expect(d.status?.observedGeneration, `${where} observedGeneration`).toBe(d.metadata.generation);
    expect(d.status?.replicas ?? 0, `${where} status.replicas`).toBe(mine.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0));
    // maxSurge 25% (rounded up) is the most a rollout may run over; a stuck rollout (a crashing or
    // unpullable new template) legitimately stays above spec.replicas.
    expect(specTotal, `${where} replicas of its ReplicaSets`).toBeGreaterThanOrEqual(d.spec.replicas);
    expect(specTotal, `${where} replicas of its ReplicaSets`).toBeLessThanOrEqual(d.spec.replicas + Math.ceil(d.spec.replicas / 4));
    const active = mine.filter((rs) => rs.spec.replicas > 0);
    if (active.length <= 1) expect(d.status?.replicas ?? 0, `${where} status.replicas`).toBe(d.spec.replicas);
  }
}

// ---------------------------------------------------------------------------------------------
// Scenario

function describeOps(ops: Op[]): string {
  return ops.map((o) => JSON.stringify(o)).join('\n');
}

function play(seed: number, ops: Op[]): Cluster {
  const cluster = createCluster({ seed });
  // A Pod is bound once: its nodeName never changes (binding is immutable; rescheduling is a new Pod).
  const boundTo = new Map<string, string>();
  ops.forEach((op, i) => {
    runOp(cluster, op);
    const context = `after step ${i} ${JSON.stringify(op)} at t=${cluster.now()}`;
    const snap = cluster.snapshot();
    checkInvariants(snap, context);
    for (const pod of list(snap, 'pods')) {
      if (!pod.spec.nodeName) continue;
      const before = boundTo.get(pod.metadata.uid!);
      expect(before ?? pod.spec.nodeName, `${context}: pod ${pod.metadata.name} moved from ${before} to ${pod.spec.nodeName}`).toBe(pod.spec.nodeName);
      boundTo.set(pod.metadata.uid!, pod.spec.nodeName);
    }
  });
  return cluster;
}

/** Heals the cluster (kubelets started, nodes uncordoned) and gives the controllers time. */
function heal(cluster: Cluster): void {
  for (const node of WORKERS) {
    runOp(cluster, { op: 'kubelet', action: 'start', node });
    runOp(cluster, { op: 'uncordon', node });
  }
  // Node lifecycle: NotReady pods are evicted after 300 s of unreachable taint; replacements then start.
  cluster.advance(600);
  checkInvariants(cluster.snapshot(), 'after healing');
  cluster.advance(60);
}

describe('the headless API under random operations', () => {
  it(`keeps the invariants after every step (${NUM_RUNS} sequences of up to ${MAX_OPS} operations)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(arbOp, { minLength: 1, maxLength: MAX_OPS, size: 'max' }), (seed, ops) => {
        const cluster = play(seed, ops);
        heal(cluster);
        const snap = cluster.snapshot();
        checkInvariants(snap, `converged, ops:\n${describeOps(ops)}`);
        checkConverged(snap, `converged, ops:\n${describeOps(ops)}`);
      }),
      { numRuns: NUM_RUNS, endOnFailure: !LONG, ...SEEDED },
    );
  }, TEST_TIMEOUT_MS);

  it(`gives the same timeline and snapshot for the same seed and operations (${DETERMINISM_RUNS} sequences)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(arbOp, { minLength: 1, maxLength: MAX_OPS, size: 'max' }), (seed, ops) => {
        const run = () => {
          const cluster = createCluster({ seed });
          for (const op of ops) runOp(cluster, op);
          return JSON.stringify({ timeline: cluster.timeline(), snapshot: cluster.snapshot() });
        };
        expect(run() === run(), `same seed ${seed}, different history for:\n${describeOps(ops)}`).toBe(true);
      }),
      { numRuns: DETERMINISM_RUNS, ...SEEDED },
    );
  }, TEST_TIMEOUT_MS);

  it('the replay helper itself runs a known sequence to a converged cluster', () => {
    // A fixed sequence through every kind of operation: a guard that the generators above reach
    // real behaviour (scheduled Pods, endpoints, a drained node), not only early errors.
    const ops: Op[] = [
      { op: 'deployment', name: 'web', replicas: 3, c: { image: 'nginx', res: { cpuMilli: 200, memoryMi: 64 }, probe: '/' } },
      { op: 'service', name: 'web', publishNotReady: false },
      { op: 'advance', seconds: 60 },
      { op: 'drain', node: 'worker-1' },
      { op: 'kubelet', action: 'stop', node: 'worker-2' },
      { op: 'advance', seconds: 120 },
      { op: 'scale', name: 'web', replicas: 5 },
    ];
    const cluster = play(7, ops);
    heal(cluster);
    const snap = cluster.snapshot();
    checkConverged(snap, 'fixed sequence');
    const web = list(snap, 'pods').filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
    expect(web.map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Running', 'Running', 'Running']);
    const ready = (list(snap, 'endpointslices.discovery.k8s.io') as EndpointSlice[])
      .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')
      .flatMap((s) => s.endpoints ?? [])
      .filter((e) => e.conditions?.ready);
    expect(ready).toHaveLength(5);
    expect(NODES).toContain(web[0]!.spec.nodeName);
  });
});
