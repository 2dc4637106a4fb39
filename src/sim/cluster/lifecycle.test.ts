/**
 * Scheduler, kubelet and runtime together, through the headless API as a user drives them:
 * exact kubectl output and timeline entries at virtual times.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

function eventsOf(c: Cluster, name: string): string[] {
  return c
    .timeline()
    .filter((e) => e.type === 'event' && e.object?.name === name)
    .map((e) => `${e.t} ${e.reason}: ${e.message}`);
}

const podRow = (c: Cluster, name: string) => c.exec(`kubectl get pod ${name} --no-headers`).stdout.replace(/\s+/g, ' ').trim();

describe('a Pod from apply to Running', () => {
  it('is scheduled onto a worker, pulled, created and started, never on the tainted control plane', () => {
    const c = createCluster({ seed: 21 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n');
    c.advance(30);
    const wide = c.exec('kubectl get pod web -o wide').stdout.split('\n')[1]!;
    expect(wide).toMatch(/^web {4}1\/1 {5}Running {3}0 {10}30s {3}10\.244\.[12]\.2 {3}worker-[12] {3}<none> {11}<none>$/);
    const events = eventsOf(c, 'web').map((e) => e.replace(/^[\d.]+ /, ''));
    expect(events[0]).toMatch(/^Scheduled: Successfully assigned default\/web to worker-[12]$/);
    expect(events[1]).toBe('Pulling: Pulling image "nginx:1.27"');
    expect(events[2]).toMatch(/^Pulled: Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events.slice(3)).toEqual(['Created: Created container nginx', 'Started: Started container nginx']);
  });

  it('stays Pending with the scheduler\'s exact FailedScheduling message when nothing fits', () => {
    const c = createCluster({ seed: 21 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: "4"\n');
    c.advance(5);
    expect(podRow(c, 'big')).toBe('big 0/1 Pending 0 5s');
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(eventsOf(c, 'big')).toEqual([`0 FailedScheduling: ${message}`]);
    const pod = JSON.parse(c.exec('kubectl get pod big -o json').stdout);
    expect(pod.status.conditions).toEqual([{ lastProbeTime: null, lastTransitionTime: '2024-08-13T12:00:00Z', message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }]);
  });
});

describe('a crashing container', () => {
  it('restarts under CrashLoopBackOff with back-off 10s, 20s, 40s from each exit', () => {
    const c = createCluster({ seed: 21 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "sleep 2; exit 1"]\n');
    c.advance(200);
    const t = c.timeline();
    const starts = t.filter((e) => e.type === 'event' && e.object?.name === 'crash' && e.reason === 'Started').map((e) => e.t);
    const exits = t.filter((e) => e.source.startsWith('kubelet/') && e.object?.name === 'crash' && e.reason === 'ContainerDied').map((e) => e.t);
    expect(starts.length).toBeGreaterThanOrEqual(4);
    // Each run lasts exactly the 2 s the script sleeps.
    for (let i = 0; i < 4; i++) expect(exits[i]! - starts[i]!).toBeCloseTo(2, 3);
    // The first restart follows the exit at once (at the pod worker's next sync); then the back-off
    // from the exit, 10 s, 20 s, 40 s, before the pod worker's next sync picks it up (< 15 s later).
    const waits = [1, 2, 3].map((i) => starts[i]! - exits[i - 1]!);
    expect(waits[0]).toBeLessThan(2);
    for (const [i, backoff] of [10, 20].entries()) {
      expect(waits[i + 1]).toBeGreaterThanOrEqual(backoff);
      expect(waits[i + 1]).toBeLessThan(backoff + 15);
    }
    expect(eventsOf(c, 'crash').some((e) => / BackOff: Back-off restarting failed container app in pod crash_default\([0-9a-f-]{36}\)$/.test(e))).toBe(true);
    expect(c.exec('kubectl get pod crash').stdout).toMatch(/\ncrash {3}0\/1 {5}(CrashLoopBackOff|Error|Running) +\d+ \(\d+s ago\) +3m20s\n$/);
  });

  it('is the same history for the same seed', () => {
    const run = () => {
      const c = createCluster({ seed: 8 });
      c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: crash\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: ["sh", "-c", "sleep 1; exit 3"]\n');
      c.advance(120);
      return JSON.stringify(c.timeline());
    };
    expect(run()).toBe(run());
  });
});

describe('probes', () => {
  it('a liveness probe that starts failing gives three Unhealthy events one period apart, then Killing', () => {
    const c = createCluster({ seed: 21 });
    // The Kubernetes docs' liveness-exec example.
    c.apply(`apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe:
      exec:
        command: ["cat", "/tmp/healthy"]
      initialDelaySeconds: 5
      periodSeconds: 5
`);
    c.advance(90);
    const events = eventsOf(c, 'liveness-exec');
    const unhealthy = events.filter((e) => e.includes(' Unhealthy: '));
    expect(unhealthy.length).toBeGreaterThanOrEqual(3);
    const times = unhealthy.slice(0, 3).map((e) => Number(e.split(' ')[0]));
    expect(times[1]! - times[0]!).toBeCloseTo(5, 3);
    expect(times[2]! - times[1]!).toBeCloseTo(5, 3);
    expect(unhealthy[0]!.replace(/^[\d.]+ /, '')).toBe("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    const killing = events.find((e) => e.includes(' Killing: '))!;
    expect(killing.replace(/^[\d.]+ /, '')).toBe('Killing: Container liveness failed liveness probe, will be restarted');
    expect(Number(killing.split(' ')[0])).toBeCloseTo(times[2]!, 3);
  });
});
