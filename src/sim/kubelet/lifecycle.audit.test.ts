/**
 * Issue 3 audit: the kubelet's restart back-off, liveness kills, lifecycle hooks and graceful
 * termination, driven through the headless API with exact virtual times (seed 5).
 *
 * Upstream (v1.31): client-go util/flowcontrol/backoff.go (10 s doubling to 300 s, an entry older than
 * 2×300 s expires), kuberuntime_manager.go doBackOff, kuberuntime_container.go startContainer
 * (postStart), killContainer / executePreStopHook (the preStop time comes off the grace period, at
 * least minimumGracePeriodInSeconds = 2 s is left for SIGTERM → SIGKILL), prober/worker.go.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

const eventsOf = (c: Cluster, name: string) =>
  c
    .timeline()
    .filter((e) => (e.type === 'event' || e.reason === 'ContainerDied') && e.object?.name === name)
    .map((e) => `${e.t} ${e.reason}: ${e.message}`);

const row = (c: Cluster, name: string) => {
  const r = c.exec(`kubectl get pod ${name} --no-headers`);
  return (r.stdout || r.stderr).replace(/\s+/g, ' ').trim();
};

describe('CrashLoopBackOff timing (backoff.go, doBackOff)', () => {
  it('restarts at once, then after 10 s, 20 s, 40 s ... capped at 300 s; a run longer than 10 minutes resets it to 10 s', () => {
    const c = createCluster({ seed: 5 });
    // The 8th run sleeps 700 s; every other run exits 1 after 1 s. The run counter lives in an emptyDir,
    // which survives container restarts.
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  volumes: [{name: d, emptyDir: {}}]
  containers:
  - name: app
    image: busybox:1.36
    volumeMounts: [{name: d, mountPath: /d}]
    command: ["sh", "-c", "n=$(cat /d/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /d/n; echo run $n; if [ $n -eq 8 ]; then sleep 700; fi; sleep 1; exit 1"]
`);
    c.advance(3000);
    const t = c.timeline();
    const starts = t.filter((e) => e.type === 'event' && e.object?.name === 'crash' && e.reason === 'Started').map((e) => e.t);
    const exits = t.filter((e) => e.object?.name === 'crash' && e.reason === 'ContainerDied').map((e) => e.t);
    expect(starts).toEqual([
      1.368, 3, 16.103, 46.373, 96.288, 179.414, 344.899, 649.385, 1351, 1366.235, 1396.162, 1448.307, 1541.177, 1706.76, 2014.541, 2321.293, 2629.409,
      2933.625,
    ]);
    expect(exits.slice(0, 8)).toEqual([2.368, 4, 17.103, 47.373, 97.288, 180.414, 345.899, 1350.385]);
    // The rule behind those numbers: restart k waits its back-off from the previous exit (FinishedAt),
    // and is picked up by the pod worker's next sync (PLEG relist 1 s, or its Jitter(10 s, 0.5) retry).
    const rule = [0, 10, 20, 40, 80, 160, 300, /* ran 700 s > 2×300 s: reset */ 0, 10, 20, 40, 80, 160, 300, 300, 300, 300];
    rule.forEach((backoff, i) => {
      const wait = starts[i + 1]! - exits[i]!;
      expect(wait).toBeGreaterThanOrEqual(backoff);
      expect(wait).toBeLessThan(backoff + 15);
    });
    expect(c.exec('kubectl get pod crash').stdout).toBe('NAME    READY   STATUS             RESTARTS       AGE\ncrash   0/1     CrashLoopBackOff   17 (66s ago)   50m\n');
    const status = JSON.parse(c.exec('kubectl get pod crash -o json').stdout).status.containerStatuses[0];
    expect(status.state.waiting.message).toMatch(/^back-off 5m0s restarting failed container=app pod=crash_default\([0-9a-f-]{36}\)$/);
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: '2024-08-13T12:48:53Z', finishedAt: '2024-08-13T12:48:54Z' });
  });
});

describe('liveness (prober/worker.go) and the kill that follows', () => {
  it("the docs' liveness-exec Pod: three Unhealthy 5 s apart, Killing, SIGKILL 30 s later (exit 137), restarted at once", () => {
    const c = createCluster({ seed: 5 });
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
    c.advance(100);
    const failed = "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n";
    expect(eventsOf(c, 'liveness-exec').slice(4)).toEqual([
      // Running from 1.118; the file is gone from 31.118; the probe ticks at x.915 every 5 s.
      '1.118 Started: Started container liveness',
      `33.915 Unhealthy: ${failed}`,
      `38.915 Unhealthy: ${failed}`,
      `43.915 Unhealthy: ${failed}`,
      '43.915 Killing: Container liveness failed liveness probe, will be restarted',
      // `sh` is PID 1 and has no TERM handler: SIGTERM does nothing, SIGKILL after the 30 s grace.
      '73.915 ContainerDied: container liveness exited with code 137 (Error)',
      // `:latest` defaults imagePullPolicy to Always, so the restart pulls again.
      '73.915 Pulling: Pulling image "registry.k8s.io/busybox"',
      '74.613 Pulled: Successfully pulled image "registry.k8s.io/busybox" in 698ms (698ms including waiting). Image size: 676379 bytes.',
      '74.613 Created: Created container liveness',
      '74.613 Started: Started container liveness',
    ]);
    expect(row(c, 'liveness-exec')).toBe('liveness-exec 1/1 Running 1 (27s ago) 100s');
    const last = JSON.parse(c.exec('kubectl get pod liveness-exec -o json').stdout).status.containerStatuses[0].lastState.terminated;
    expect(last).toMatchObject({ exitCode: 137, reason: 'Error' });
  });
});

describe('graceful termination (killContainer)', () => {
  it('SIGTERM ends a process that traps it with its own code (143), when the running sleep returns', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: trap}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "trap 'exit 143' TERM; while true; do sleep 1; done"]
`);
    c.advance(100);
    expect(c.exec('kubectl delete pod trap --wait=false').stdout).toBe('pod "trap" deleted\n');
    expect(row(c, 'trap')).toBe('trap 1/1 Terminating 0 100s');
    c.advance(5);
    expect(eventsOf(c, 'trap').slice(-2)).toEqual(['100 Killing: Stopping container app', '100.368 ContainerDied: container app exited with code 143 (Error)']);
    expect(row(c, 'trap')).toBe('Error from server (NotFound): pods "trap" not found');
  });

  it('postStart holds the container out of Running; a preStop longer than the grace period is cut, then 2 s more before SIGKILL (137)', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: hooks}
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    lifecycle:
      postStart: {exec: {command: ["sh", "-c", "sleep 4"]}}
      preStop: {exec: {command: ["sh", "-c", "sleep 20"]}}
`);
    c.advance(5);
    // Started at 1.368; postStart returns 4 s later.
    expect(row(c, 'hooks')).toBe('hooks 0/1 ContainerCreating 0 5s');
    c.advance(1);
    expect(row(c, 'hooks')).toBe('hooks 1/1 Running 0 6s');
    c.advance(6);
    c.exec('kubectl delete pod hooks --wait=false');
    c.advance(11.9);
    expect(row(c, 'hooks')).toBe('hooks 1/1 Terminating 0 23s');
    c.advance(2);
    // preStop from 12 s, cut at 22 s (the 10 s grace); SIGTERM (ignored by PID 1) then SIGKILL at 24 s.
    expect(eventsOf(c, 'hooks').slice(-2)).toEqual(['12 Killing: Stopping container app', '24 ContainerDied: container app exited with code 137 (Error)']);
    expect(row(c, 'hooks')).toBe('Error from server (NotFound): pods "hooks" not found');
  });

  it('a failing postStart: FailedPostStartHook without the output (v1.26+), Killing FailedPostStartHook, the failing preStop likewise', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: ps}
spec:
  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      postStart: {exec: {command: ["sh", "-c", "echo boom; exit 3"]}}
      preStop: {exec: {command: ["sh", "-c", "exit 1"]}}
`);
    c.advance(5);
    expect(eventsOf(c, 'ps').slice(3, 10)).toEqual([
      '3.261 Created: Created container app',
      '3.261 Started: Started container app',
      '3.291 FailedPostStartHook: PostStartHook failed',
      '3.291 Killing: FailedPostStartHook',
      '3.321 FailedPreStopHook: PreStopHook failed',
      // nginx's STOPSIGNAL is SIGQUIT: a graceful exit 0.
      '3.324 ContainerDied: container app exited with code 0 (Completed)',
      '4 Pulled: Container image "nginx:1.27" already present on machine',
    ]);
    expect(row(c, 'ps')).toBe('ps 0/1 CrashLoopBackOff 1 (1s ago) 5s');
  });

  it("a failing exec postStart's message: CRI's exit code and stderr, then stdout and stderr Go-quoted", () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: ps}
spec:
  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      postStart: {exec: {command: ["sh", "-c", "echo boom; echo bad >&2; exit 3"]}}
`);
    let message = '';
    for (let i = 0; i < 200 && !message; i++) {
      c.advance(0.05);
      message = c.exec(`kubectl get pod ps -o jsonpath={.status.containerStatuses[0].state.waiting.message}`).stdout;
    }
    const uid = c.exec('kubectl get pod ps -o jsonpath={.metadata.uid}').stdout;
    expect(message).toBe(
      `Exec lifecycle hook ([sh -c echo boom; echo bad >&2; exit 3]) for Container "app" in Pod "ps_default(${uid})" failed - error: command 'sh -c echo boom; echo bad >&2; exit 3' exited with 3: bad\n, message: "boom\\nbad\\n"`,
    );
    expect(c.exec('kubectl get pod ps -o jsonpath={.status.containerStatuses[0].state.waiting.reason}').stdout).toBe('PostStartHookError');
  });
});
