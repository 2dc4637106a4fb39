import { describe, expect, it } from 'vitest';
import { harness, PODS } from './testing-harness.ts';

const NGINX = `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers: [{ name: nginx, image: "nginx:1.27", ports: [{ containerPort: 80 }] }]
`;

describe('kubelet: a plain pod', () => {
  it('creates the sandbox, pulls, creates and starts, and reports status', () => {
    const h = harness();
    h.create(NGINX);
    expect(h.row('web')).toBe('web 0/1 ContainerCreating 0 0s');
    h.at(3);
    expect(h.row('web')).toBe('web 0/1 ContainerCreating 0 3s');
    h.at(5);
    expect(h.row('web')).toBe('web 1/1 Running 0 5s');
    const events = h.events('web');
    expect(events.map((e) => e.replace(/^[\d.]+ /, ''))).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 2.345s (2.345s including waiting). Image size: 71234567 bytes.',
      'Created: Created container nginx',
      'Started: Started container nginx',
    ]);
    const pod = h.pod('web')!;
    expect(pod.status.podIP).toBe('10.244.1.2');
    expect(pod.status.hostIP).toBe('172.18.0.3');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(pod.status.containerStatuses[0].image).toBe('docker.io/library/nginx:1.27');
    expect(pod.status.containerStatuses[0].containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('uses an image already present, and hands out pod IPs round-robin (no reuse before wrapping)', () => {
    const h = harness();
    h.runtime.images.add('nginx:1.27');
    h.create(NGINX);
    h.at(2);
    expect(h.events('web').map((e) => e.replace(/^[\d.]+ /, ''))).toEqual(['Pulled: Container image "nginx:1.27" already present on machine', 'Created: Created container nginx', 'Started: Started container nginx']);
    expect(h.row('web')).toBe('web 1/1 Running 0 2s');
    h.api.delete(PODS, 'default', 'web', 'test');
    h.kernel.settle();
    expect(h.row('web')).toBe('web 1/1 Terminating 0 2s');
    h.at(3.2); // the exit is seen at PLEG's next relist
    expect(h.row('web')).toBe('<gone>');
    expect(h.events('web').slice(-1)).toEqual(['2 Killing: Stopping container nginx']);
    h.create(NGINX);
    h.at(5);
    expect(h.pod('web')!.status.podIP).toBe('10.244.1.3');
  });
});
