/**
 * kube-apiserver's --event-ttl (1h by default, as kind and kubeadm keep it): an Event goes an hour
 * after its last write. Through the headless API: a Pod's start-up Events are listed at 59:59 and
 * gone at 60:01; an Event counted again meanwhile (a failing probe's Unhealthy, a BackOff) stays.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

/** The REASON column of `kubectl get events` rows about `pod/<name>`. */
const reasons = (out: string, pod: string) => out.split('\n').slice(1).filter((l) => l.split(/\s+/)[3] === `pod/${pod}`).map((l) => l.split(/\s+/)[2]);

describe('Event TTL', () => {
  it('drops an Event an hour after its last write, not one that is still being counted', () => {
    const c = createCluster({ seed: 8 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: nginx, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers: [{name: c, image: busybox:1.36, command: [sh, -c, "exit 1"]}]
`);
    c.advance(3599);
    expect(reasons(c.exec('kubectl get events').stdout, 'web')).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    c.advance(10);
    expect(reasons(c.exec('kubectl get events').stdout, 'web')).toEqual([]);
    // The crashing container's BackOff is counted every few minutes: its Event lives on.
    const crash = reasons(c.exec('kubectl get events').stdout, 'crash');
    expect(crash).toContain('BackOff');
    expect(crash).not.toContain('Scheduled');
  });
});
