import { describe, expect, it } from 'vitest';
import { harness } from './testing-harness.ts';

describe('kubelet: probes (prober/worker.go)', () => {
  it('a liveness probe that starts failing: three Unhealthy events one period apart, then Killing and a restart', () => {
    const h = harness();
    h.runtime.images.add('nginx:1.27');
    h.runtime.behaviours.set('web', { termMs: 200, probe: (_a, since) => (since < 30_000 ? { ok: true, output: '' } : { ok: false, output: 'HTTP probe failed with statuscode: 500' }) });
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: live }
spec:
  containers:
  - name: web
    image: "nginx:1.27"
    livenessProbe: { httpGet: { path: /healthz, port: 80 } }
`);
    h.at(70);
    const events = h.events('live').filter((e) => / (Unhealthy|Killing|Started): /.test(e));
    const unhealthy = events.filter((e) => e.includes('Unhealthy'));
    expect(unhealthy.slice(0, 3).map((e) => e.replace(/^[\d.]+ /, ''))).toEqual(Array(3).fill('Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500'));
    const t = unhealthy.slice(0, 3).map((e) => Number(e.split(' ')[0]));
    expect(t[1]! - t[0]!).toBeCloseTo(10, 1);
    expect(t[2]! - t[1]!).toBeCloseTo(10, 1);
    const killing = events.find((e) => e.includes('Killing'))!;
    expect(killing.replace(/^[\d.]+ /, '')).toBe('Killing: Container web failed liveness probe, will be restarted');
    expect(Number(killing.split(' ')[0])).toBeCloseTo(t[2]!, 1);
    expect(h.pod('live')!.status.containerStatuses[0].restartCount).toBe(1);
    expect(h.pod('live')!.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
  });

  it('readiness gates READY and the Ready/ContainersReady conditions', () => {
    const h = harness();
    h.runtime.images.add('nginx:1.27');
    h.runtime.behaviours.set('web', { termMs: 100, probe: (_a, since) => ({ ok: since >= 15_000, output: 'Get "http://10.244.1.2:80/": dial tcp 10.244.1.2:80: connect: connection refused' }) });
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: rd }
spec:
  containers:
  - name: web
    image: "nginx:1.27"
    readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 5 }
`);
    h.at(5);
    expect(h.row('rd')).toBe('rd 0/1 Running 0 5s');
    const ready = h.pod('rd')!.status.conditions.find((c: { type: string }) => c.type === 'ContainersReady');
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect(h.events('rd').some((e) => e.endsWith('Readiness probe failed: Get "http://10.244.1.2:80/": dial tcp 10.244.1.2:80: connect: connection refused'))).toBe(true);
    h.at(25);
    expect(h.row('rd')).toBe('rd 1/1 Running 0 25s');
  });
});
