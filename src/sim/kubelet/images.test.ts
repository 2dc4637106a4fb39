import { describe, expect, it } from 'vitest';
import { harness, PODS } from './testing-harness.ts';

describe('kubelet: image pulls (images/image_manager.go) and termination', () => {
  it('a failing pull: Failed, Error: ErrImagePull, then BackOff / Error: ImagePullBackOff', () => {
    const h = harness();
    h.runtime.registry.set('nginx:nope', { error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": not found' });
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: bad }
spec:
  containers: [{ name: web, image: "nginx:nope" }]
`);
    h.at(3);
    expect(h.row('bad')).toBe('bad 0/1 ErrImagePull 0 3s');
    h.at(30);
    const msgs = h.events('bad').map((e) => e.replace(/^[\d.]+ /, ''));
    expect(msgs.slice(0, 3)).toEqual([
      'Pulling: Pulling image "nginx:nope"',
      'Failed: Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": not found',
      'Failed: Error: ErrImagePull',
    ]);
    expect(msgs).toContain('BackOff: Back-off pulling image "nginx:nope"');
    expect(msgs).toContain('Failed: Error: ImagePullBackOff');
  });

  it('ErrImageNeverPull and InvalidImageName', () => {
    const h = harness();
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: never }
spec:
  containers: [{ name: web, image: "nginx:1.27", imagePullPolicy: Never }]
`);
    h.at(3);
    expect(h.row('never')).toBe('never 0/1 ErrImageNeverPull 0 3s');
    expect(h.events('never').map((e) => e.replace(/^[\d.]+ /, ''))).toEqual(['ErrImageNeverPull: Container image "nginx:1.27" is not present with pull policy of Never', 'Failed: Error: ErrImageNeverPull']);
  });

  it('SIGKILL when the grace period ends and the process ignores SIGTERM', () => {
    const h = harness();
    h.runtime.images.add('nginx:1.27');
    h.runtime.behaviours.set('web', {});
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: stubborn }
spec:
  terminationGracePeriodSeconds: 5
  containers: [{ name: web, image: "nginx:1.27" }]
`);
    h.at(5);
    h.api.delete(PODS, 'default', 'stubborn', 'test');
    h.kernel.settle();
    expect(h.row('stubborn')).toBe('stubborn 1/1 Terminating 0 5s');
    h.at(9.9);
    expect(h.row('stubborn')).toBe('stubborn 1/1 Terminating 0 9s');
    h.at(10.1);
    // The SIGKILL exit reaches the pod worker at PLEG's next relist (1 s period); then the Pod goes.
    expect(h.row('stubborn')).toBe('stubborn 1/1 Terminating 0 10s');
    h.at(11.1);
    expect(h.row('stubborn')).toBe('<gone>');
    expect(h.runtime.log.filter((l) => l.includes('signal') && l.endsWith(' web'))).toEqual(['5000 signal 15 web', '10000 signal 9 web']);
  });
});
