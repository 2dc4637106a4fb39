import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../api/resources.ts';
import { Prng } from '../kernel/prng.ts';
import { nodeManifest } from '../cluster/nodes.ts';
import { fitErrorMessage } from './fit-error.ts';
import { container, NODES, PODS, schedulerHarness } from './testing.ts';

const CP_TAINT = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
// The message a kubeadm v1.31 cluster prints for a Pod asking 3 CPUs of two 2-CPU workers.
const TOO_MUCH_CPU = `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`;

const apiWrites = (h: ReturnType<typeof schedulerHarness>, name: string) =>
  h.kernel.timeline
    .list()
    .filter((e) => e.type === 'api' && e.source === 'kube-scheduler' && e.object?.name === name)
    .map((e) => [e.t, e.message]);

describe('kube-scheduler', () => {
  it('binds a Pod to a worker, never the tainted control plane, after the bind delay', () => {
    const h = schedulerHarness(1);
    h.createPod('web');
    h.kernel.advanceMs(1000);
    const pod = h.pod('web');
    expect(pod.spec.nodeName).toBe('worker-1');
    expect(apiWrites(h, 'web')).toEqual([
      [0.007, 'pod default/web bound to worker-1'],
      [0.007, 'pod default/web PodScheduled=True'],
    ]);
    expect(pod.status.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-08-13T12:00:00Z' }]);
    const d = h.decisions()[0]!;
    expect([d.t, d.reason, d.message]).toEqual([0, 'Scheduled', 'Pod default/web assigned to worker-1']);
    expect(d.data!.filtered).toEqual([{ node: 'control-plane', plugin: 'TaintToleration', reasons: [CP_TAINT] }]);
    expect(d.data!.scored).toEqual({
      nodes: ['worker-1', 'worker-2'],
      plugins: [
        { name: 'TaintToleration', weight: 3, raw: 0, normalized: 100 },
        { name: 'NodeAffinity', weight: 2, raw: null, normalized: null },
        // LeastAllocated: this Pod and kube-proxy count the non-zero defaults 100m/200Mi, flannel its
        // requests 100m/50Mi: cpu (2000-300)/2000 → 85, memory (3996Mi-450Mi)/3996Mi → 88, mean 86.
        { name: 'NodeResourcesFit', weight: 1, raw: 86, normalized: 86 },
        { name: 'PodTopologySpread', weight: 2, raw: null, normalized: null },
        { name: 'InterPodAffinity', weight: 2, raw: null, normalized: null },
        // BalancedAllocation counts the plain requests (flannel's alone): 0.05 and 0.0125, std 0.0188 → 98.
        { name: 'NodeResourcesBalancedAllocation', weight: 1, raw: 98, normalized: 98 },
        { name: 'ImageLocality', weight: 1, raw: 0, normalized: 0 },
      ],
      totals: Uint16Array.from([484, 484]),
    });
    expect(h.eventsFor('web')).toEqual([{ type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web to worker-1', count: 1, source: { component: 'default-scheduler' } }]);
  });

  it('fails a Pod that asks for more CPU than any worker has, with the FitError upstream prints', () => {
    const h = schedulerHarness(1);
    h.createPod('big', { containers: [container('app', '3')] });
    h.kernel.advanceMs(1000);
    const pod = h.pod('big');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status.conditions).toEqual([{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: TOO_MUCH_CPU, lastProbeTime: null, lastTransitionTime: '2024-08-13T12:00:00Z' }]);
    expect(h.eventsFor('big')).toEqual([{ type: 'Warning', reason: 'FailedScheduling', message: TOO_MUCH_CPU, count: 1, source: { component: 'default-scheduler' } }]);
    // Nothing changes in the cluster: the next attempt is the leftover flush, the first 30s tick after 5 minutes.
    h.kernel.advanceMs(400_000);
    expect(h.decisions().map((d) => [d.t, d.reason])).toEqual([
      [0, 'FailedScheduling'],
      [330, 'FailedScheduling'],
    ]);
    expect(h.eventsFor('big')[0]!.count).toBe(2);
    // The condition did not change, so it was not written again.
    expect(apiWrites(h, 'big')).toEqual([[0, 'pod default/big PodScheduled=False (Unschedulable)']]);
  });

  it('reports a nodeSelector that no node matches', () => {
    const h = schedulerHarness(3);
    h.createPod('sel', { nodeSelector: { disk: 'ssd' } });
    h.kernel.advanceMs(100);
    expect(h.decisions()[0]!.message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`,
    );
  });

  it('retries an unschedulable Pod as soon as a node is added', () => {
    const h = schedulerHarness(1);
    h.createPod('big', { containers: [container('app', '3')] });
    h.kernel.advanceMs(10_000);
    h.store.create(NODES, nodeManifest({ name: 'worker-3', cpu: 4 }, 3, (n) => '0'.repeat(n)), 'kubeadm');
    h.kernel.advanceMs(1000);
    expect(h.decisions().map((d) => [d.t, d.reason, d.message])).toEqual([
      [0, 'FailedScheduling', TOO_MUCH_CPU],
      [10, 'Scheduled', 'Pod default/big assigned to worker-3'],
    ]);
    expect(h.pod('big').spec.nodeName).toBe('worker-3');
    expect(apiWrites(h, 'big').slice(1)).toEqual([
      [10.012, 'pod default/big bound to worker-3'],
      [10.012, 'pod default/big PodScheduled=True'],
    ]);
  });

  it('retries after the backoff when a Pod on the node is deleted', () => {
    const h = schedulerHarness(1);
    h.createPod('a', { containers: [container('app', '1500m')] });
    h.kernel.advanceMs(100);
    h.createPod('b', { containers: [container('app', '1500m')] });
    h.createPod('c', { containers: [container('app', '1500m')] });
    h.kernel.advanceMs(400);
    expect(h.decisions().map((d) => [d.t, d.object!.name, d.reason])).toEqual([
      [0, 'a', 'Scheduled'],
      [0.1, 'b', 'Scheduled'],
      [0.1, 'c', 'FailedScheduling'],
    ]);
    h.store.delete(PODS, 'default', 'a', 'kubectl');
    h.kernel.advanceMs(2000);
    // Freed at 0.5s, but c's 1s backoff from its failure at 0.1s runs out at 1.1s: the 2s flush tick.
    expect(h.decisions().slice(3).map((d) => [d.t, d.object!.name, d.reason, d.data!.attempt])).toEqual([[2, 'c', 'Scheduled', 2]]);
  });

  it('schedules higher priority first, then in the order Pods were queued', () => {
    const h = schedulerHarness(5);
    h.createPod('low-1');
    h.createPod('high', { priority: 1000 });
    h.createPod('low-2');
    h.kernel.advanceMs(100);
    expect(h.decisions().map((d) => d.object!.name)).toEqual(['high', 'low-1', 'low-2']);
  });

  it('spreads six identical Pods evenly over the two workers (LeastAllocated, BalancedAllocation)', () => {
    const h = schedulerHarness(7);
    for (let i = 0; i < 6; i++) h.createPod(`web-${i}`, { containers: [container('app', '200m', '256Mi')] });
    h.kernel.advanceMs(1000);
    const nodes = Array.from({ length: 6 }, (_, i) => h.pod(`web-${i}`).spec.nodeName as string);
    expect(nodes.filter((n) => n === 'worker-1')).toHaveLength(3);
    expect(nodes.filter((n) => n === 'worker-2')).toHaveLength(3);
  });

  it('keeps a Pod whose requests fit nowhere pending with each node counted once per reason', () => {
    const h = schedulerHarness(2);
    h.createPod('huge', { containers: [container('app', '3', '8Gi')] });
    h.kernel.advanceMs(100);
    expect(h.decisions()[0]!.message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('names the remaining shortfall when evicting lower-priority Pods would not be enough', () => {
    const h = schedulerHarness(2);
    h.createPod('filler-1', { containers: [container('app', '100m')] });
    h.createPod('filler-2', { containers: [container('app', '100m')] });
    h.kernel.advanceMs(100);
    h.createPod('vip', { priority: 100, containers: [container('app', '3')] });
    h.kernel.advanceMs(100);
    expect(h.decisions()[2]!.message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 Insufficient cpu.`,
    );
  });

  it('honours tolerations, hostPort conflicts and required anti-affinity', () => {
    const h = schedulerHarness(4);
    h.createPod('cp', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } });
    const port = { containers: [container('app', undefined, undefined, { ports: [{ containerPort: 80, hostPort: 8080 }] })] };
    h.createPod('p1', port);
    h.createPod('p2', port);
    h.createPod('p3', port);
    h.kernel.advanceMs(100);
    expect(h.pod('cp').spec.nodeName).toBe('control-plane');
    expect(new Set([h.pod('p1').spec.nodeName, h.pod('p2').spec.nodeName])).toEqual(new Set(['worker-1', 'worker-2']));
    expect(h.decisions().find((d) => d.object!.name === 'p3')!.message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't have free ports for the requested pod ports. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
    const anti = (name: string) =>
      h.createPod(name, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } }, { labels: { app: 'db' } });
    anti('db-1');
    anti('db-2');
    anti('db-3');
    h.kernel.advanceMs(100);
    expect(new Set([h.pod('db-1').spec.nodeName, h.pod('db-2').spec.nodeName])).toEqual(new Set(['worker-1', 'worker-2']));
    expect(h.decisions().find((d) => d.object!.name === 'db-3')!.message).toBe(
      `0/3 nodes are available: 1 ${CP_TAINT}, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.`,
    );
  });

  it('never exceeds a node allocatable, over many Pods of random sizes', () => {
    const h = schedulerHarness(11, [
      { name: 'control-plane', role: 'control-plane' },
      ...Array.from({ length: 5 }, (_, i) => ({ name: `worker-${i + 1}`, cpu: 2 + i, memoryGi: 2 + i, pods: 30 })),
    ]);
    const sizes = new Prng(99);
    for (let i = 0; i < 300; i++) {
      const cpu = `${sizes.intBetween(0, 12) * 50}m`;
      const mem = `${sizes.intBetween(0, 16) * 32}Mi`;
      h.createPod(`p-${i}`, { containers: [container('app', cpu === '0m' ? undefined : cpu, mem === '0Mi' ? undefined : mem)] });
      if (i % 50 === 49) h.kernel.advanceMs(500);
    }
    h.kernel.advanceMs(2000);
    let bound = 0;
    for (const node of h.store.list(NODES)) {
      const alloc = h.scheduler.cache.nodeInfo(node.metadata.name)!.allocatable;
      const pods = h.store.list(PODS).filter((p) => p.spec.nodeName === node.metadata.name);
      let cpu = 0;
      let mem = 0;
      for (const p of pods) {
        const r = p.spec.containers[0].resources?.requests ?? {};
        cpu += r.cpu ? parseInt(r.cpu, 10) : 0;
        mem += r.memory ? parseInt(r.memory, 10) * 1024 * 1024 : 0;
      }
      expect(cpu).toBeLessThanOrEqual(alloc.milliCPU);
      expect(mem).toBeLessThanOrEqual(alloc.memory);
      expect(pods.length).toBeLessThanOrEqual(alloc.pods);
      if (node.metadata.name !== 'control-plane') bound += pods.length - 2; // minus kube-proxy and flannel
    }
    const pending = h.store.list(PODS, 'default').filter((p) => !p.spec.nodeName);
    expect(bound + pending.length).toBe(300);
    expect(pending.length).toBeGreaterThan(0);
    for (const p of pending) {
      expect(p.status.conditions[0].message).toMatch(/^0\/6 nodes are available: .*1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}/);
      expect(p.status.conditions[0].message).toMatch(/Insufficient (cpu|memory)|Too many pods/);
    }
  });

  it('places the same Pods on the same nodes for the same seed', () => {
    const run = (seed: number) => {
      const h = schedulerHarness(seed);
      for (let i = 0; i < 20; i++) h.createPod(`p-${i}`, { containers: [container('app', `${(i % 4) * 100 + 50}m`)] });
      h.kernel.advanceMs(1000);
      return JSON.stringify(h.decisions());
    };
    expect(run(21)).toBe(run(21));
  });

  it('ignores Pods for another scheduler', () => {
    const h = schedulerHarness(1);
    h.createPod('other', { schedulerName: 'my-scheduler' });
    h.kernel.advanceMs(100);
    expect(h.decisions()).toEqual([]);
    expect(h.store.list(preferredResourceForKind('Event')!, 'default')).toEqual([]);
  });
});

describe('FitError', () => {
  it('sorts the histogram as strings, so 10 sorts before 2', () => {
    expect(fitErrorMessage(12, [...Array(10).fill(['Insufficient cpu']), ['Too many pods'], ['Too many pods']], '')).toBe('0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods.');
  });
});
