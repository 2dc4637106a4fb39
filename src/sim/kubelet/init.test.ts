import { describe, expect, it } from 'vitest';
import { harness, PODS } from './testing-harness.ts';

describe('kubelet: init containers and sidecars', () => {
  it('runs init containers one at a time, then the app (Init:0/2 → Init:1/2 → PodInitializing → Running)', () => {
    const h = harness();
    for (const i of ['busybox:1.36', 'nginx:1.27']) h.runtime.images.add(i);
    h.runtime.behaviours.set('init-a', { runMs: 5000 });
    h.runtime.behaviours.set('init-b', { runMs: 5000 });
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: ini }
spec:
  initContainers:
  - { name: init-a, image: "busybox:1.36" }
  - { name: init-b, image: "busybox:1.36" }
  containers:
  - { name: app, image: "nginx:1.27" }
`);
    h.at(0.1);
    expect(h.row('ini')).toBe('ini 0/1 Init:0/2 0 0s');
    h.at(3);
    expect(h.row('ini')).toBe('ini 0/1 Init:0/2 0 3s');
    const cond = h.pod('ini')!.status.conditions.find((c: { type: string }) => c.type === 'Initialized');
    expect(cond).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
    expect(h.pod('ini')!.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    h.at(8);
    expect(h.row('ini')).toBe('ini 0/1 Init:1/2 0 8s');
    h.at(14);
    expect(h.row('ini')).toBe('ini 1/1 Running 0 14s');
    expect(h.runtime.log.filter((l) => l.includes(' start ')).map((l) => l.split(' ').pop()).filter((n) => !['kube-flannel', 'kube-proxy', 'POD'].includes(n!))).toEqual(['init-a', 'init-b', 'app']);
  });

  it('a failing init container shows Init:Error then Init:CrashLoopBackOff', () => {
    const h = harness();
    for (const i of ['busybox:1.36', 'nginx:1.27']) h.runtime.images.add(i);
    h.runtime.behaviours.set('init-a', { runMs: 1000, exitCode: 1 });
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: inf }
spec:
  initContainers: [{ name: init-a, image: "busybox:1.36" }]
  containers: [{ name: app, image: "nginx:1.27" }]
`);
    h.at(40);
    expect(h.row('inf')).toMatch(/^inf 0\/1 Init:CrashLoopBackOff \d \(\d+s ago\) 40s$/);
  });

  it('a sidecar starts before the next init container, stays running, and is stopped last on deletion', () => {
    const h = harness();
    for (const i of ['busybox:1.36', 'nginx:1.27']) h.runtime.images.add(i);
    h.runtime.behaviours.set('init-a', { runMs: 2000 });
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: sc }
spec:
  initContainers:
  - { name: logger, image: "busybox:1.36", restartPolicy: Always }
  - { name: init-a, image: "busybox:1.36" }
  containers:
  - { name: app, image: "nginx:1.27" }
`);
    h.at(6);
    expect(h.row('sc')).toBe('sc 2/2 Running 0 6s');
    expect(h.runtime.log.filter((l) => l.includes(' start ')).map((l) => l.split(' ').pop()).filter((n) => !['kube-flannel', 'kube-proxy', 'POD'].includes(n!))).toEqual(['logger', 'init-a', 'app']);
    h.api.delete(PODS, 'default', 'sc', 'test');
    h.at(10);
    const stops = h.events('sc').filter((e) => e.includes('Killing'));
    expect(stops.map((e) => e.replace(/^[\d.]+ /, ''))).toEqual(['Killing: Stopping container app', 'Killing: Stopping container logger']);
    expect(h.row('sc')).toBe('<gone>');
  });
});
