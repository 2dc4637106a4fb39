/**
 * Issue 3 audit: the startup probe gate, startup failure kills, readiness successThreshold and an exec
 * probe's timeoutSeconds, through the headless API (seed 5). prober/worker.go (liveness and readiness wait
 * for `started`; a failed startup probe kills like a failed liveness probe), prober.go (`Startup probe
 * failed: ...`), remote_runtime.go ExecSync (`command "sleep 5" timed out`).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

const eventsOf = (c: Cluster, name: string) =>
  c
    .timeline()
    .filter((e) => (e.type === 'event' || e.reason === 'ContainerDied') && e.object?.name === name)
    .map((e) => `${e.t} ${e.reason}: ${e.message}`);

describe('probes through the cluster', () => {
  it('startup gates liveness and readiness; failureThreshold startup failures kill (137 after the 30 s grace); successThreshold 2; timeoutSeconds', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: slow}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 12; touch /tmp/up; sleep 3600"]
    startupProbe: {exec: {command: [cat, /tmp/up]}, periodSeconds: 5, failureThreshold: 4}
    livenessProbe: {exec: {command: [cat, /tmp/up]}, periodSeconds: 5}
    readinessProbe: {exec: {command: [cat, /tmp/up]}, periodSeconds: 5, successThreshold: 2}
---
apiVersion: v1
kind: Pod
metadata: {name: never}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    startupProbe: {exec: {command: [cat, /tmp/up]}, periodSeconds: 3, failureThreshold: 2}
---
apiVersion: v1
kind: Pod
metadata: {name: to}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    readinessProbe: {exec: {command: [sleep, "5"]}, timeoutSeconds: 2, periodSeconds: 10}
`);
    const ready = () => c.exec('kubectl get pods --no-headers').stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    c.advance(16);
    expect(ready()).toEqual(['never 0/1', 'slow 0/1', 'to 0/1']);
    c.advance(2);
    expect(ready()).toEqual(['never 0/1', 'slow 1/1', 'to 0/1']);
    c.advance(26);
    const startupFailed = "Startup probe failed: cat: can't open '/tmp/up': No such file or directory\n";
    // /tmp/up appears at 13.333; the startup probe passes at 14.034, then liveness and readiness run;
    // readiness needs two successes in a row (successThreshold 2) before READY 1/1.
    expect(eventsOf(c, 'slow').slice(4)).toEqual(['1.333 Started: Started container app', `4.034 Unhealthy: ${startupFailed}`, `9.034 Unhealthy: ${startupFailed}`]);
    const slow = JSON.parse(c.exec('kubectl get pod slow -o json').stdout).status.containerStatuses[0];
    expect([slow.started, slow.ready, slow.restartCount]).toEqual([true, true, 0]);
    expect(eventsOf(c, 'never').slice(4)).toEqual([
      '0.859 Started: Started container app',
      `2.421 Unhealthy: ${startupFailed}`,
      `5.421 Unhealthy: ${startupFailed}`,
      '5.421 Killing: Container app failed startup probe, will be restarted',
      '35.421 ContainerDied: container app exited with code 137 (Error)',
      '35.421 Pulled: Container image "busybox:1.36" already present on machine',
      '35.421 Created: Created container app',
      '35.421 Started: Started container app',
      `38.421 Unhealthy: ${startupFailed}`,
      `41.421 Unhealthy: ${startupFailed}`,
      '41.421 Killing: Container app failed startup probe, will be restarted',
    ]);
    const timedOut = eventsOf(c, 'to').filter((e) => e.includes('Unhealthy'));
    expect(timedOut[0]).toBe('3.453 Unhealthy: Readiness probe failed: command "sleep 5" timed out');
    expect(timedOut.slice(1).map((e) => Number(e.split(' ')[0]))).toEqual([8.595, 18.595, 28.595, 38.595]);
  });
});
