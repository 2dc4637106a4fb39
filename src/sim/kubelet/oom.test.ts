/**
 * kubernetes.io "Assign Memory Resources to Containers and Pods" (tasks/configure-pod-container/
 * assign-memory-resource), through the headless API: memory-demo (stress holding 150M under a
 * 200Mi limit) keeps Running; memory-demo-2 (250M over a 100Mi limit) is OOM-killed, with the
 * task's STATUS OOMKilled, lastState reason OOMKilled and exit code 137, then CrashLoopBackOff.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const demo = (name: string, limit: string, bytes: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: mem-example
spec:
  containers:
  - name: ${name}-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "${limit}"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "${bytes}", "--vm-hang", "1"]
`;

describe('memory limits (the OOM killer)', () => {
  it('memory-demo: 150M under a 200Mi limit keeps running, its log as stress prints it', () => {
    const c = createCluster({ seed: 4 });
    c.exec('kubectl create namespace mem-example');
    c.apply(demo('memory-demo', '200Mi', '150M'));
    c.advance(60);
    const row = c.exec('kubectl get pod memory-demo -n mem-example --no-headers').stdout.split(/\s+/);
    expect(row.slice(0, 4)).toEqual(['memory-demo', '1/1', 'Running', '0']);
    expect(c.exec('kubectl logs memory-demo -n mem-example').stdout).toBe('stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n');
  });

  it('memory-demo-2: 250M over a 100Mi limit is OOMKilled (137), then restarted under back-off', () => {
    const c = createCluster({ seed: 4 });
    c.exec('kubectl create namespace mem-example');
    c.apply(demo('memory-demo-2', '100Mi', '250M'));
    let statuses: string[] = [];
    for (let i = 0; i < 400; i++) {
      c.advance(0.1);
      const s = c.exec('kubectl get pod memory-demo-2 -n mem-example --no-headers').stdout.split(/\s+/)[2]!;
      if (statuses.at(-1) !== s) statuses.push(s);
    }
    statuses = statuses.filter((s) => s !== 'ContainerCreating' && s !== 'Pending');
    // The first restart is immediate; after the second kill the back-off (10 s) shows at once.
    expect(statuses.slice(0, 4)).toEqual(['Running', 'OOMKilled', 'Running', 'CrashLoopBackOff']);
    const last = JSON.parse(c.exec('kubectl get pod memory-demo-2 -n mem-example -o json').stdout).status.containerStatuses[0].lastState.terminated;
    expect([last.reason, last.exitCode]).toEqual(['OOMKilled', 137]);
    // The kill comes when the container's memory passes 100Mi: 7 steps of 16 MiB, 16 ms apart after the start.
    const started = c.timeline().find((e) => e.reason === 'Started' && e.object?.name === 'memory-demo-2')!;
    const killed = c.timeline().find((e) => e.reason === 'OOMKilled')!;
    expect(Math.round((killed.t - started.t) * 1000)).toBeGreaterThanOrEqual(96);
    expect(Math.round((killed.t - started.t) * 1000)).toBeLessThanOrEqual(140);
  });
});
