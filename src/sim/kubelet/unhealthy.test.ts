import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('kubelet: the Unhealthy timeline entry names its container', () => {
  it('a failing readiness probe in one of two containers: each Unhealthy entry carries that container', () => {
    const c = createCluster({ seed: 1 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - name: quiet
    image: busybox:1.36
    command: [sleep, "3600"]
  - name: probed
    image: busybox:1.36
    command: [sleep, "3600"]
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 5}
`);
    c.advance(30);
    const unhealthy = c.timeline().filter((e) => e.reason === 'Unhealthy' && e.object?.name === 'two');
    expect(unhealthy.map((e) => e.t)).toEqual([1.119, 3.252, 8.252, 13.252, 18.252, 23.252, 28.252]);
    expect(unhealthy[0]!.message).toBe('Readiness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused');
    expect(unhealthy.map((e) => e.data)).toEqual(unhealthy.map(() => ({ container: 'probed', eventType: 'Warning' })));
  });
});
