import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { inspect } from './inspect.ts';

describe('inspect: describe and YAML exactly as kubectl prints them, without touching the cluster', () => {
  const c = createCluster({ seed: 1 });
  c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`);
  c.advance(15);
  const pod = c.exec('kubectl get pods -o name').stdout.trim().replace('pod/', '');

  it.each([
    ['Pod', 'default', pod, `pod ${pod}`],
    ['Node', '', 'worker-1', 'node worker-1'],
    ['Service', 'default', 'web', 'service web'],
    ['Deployment', 'default', 'web', 'deployment web'],
    ['Pod', 'kube-system', 'kube-scheduler-control-plane', 'pod kube-scheduler-control-plane -n kube-system'],
  ])('%s %s/%s', (kind, namespace, name, args) => {
    const before = c.timelineSince(Number.MAX_SAFE_INTEGER).total;
    const result = inspect(c.snapshot(), { kind, namespace, name });
    expect(c.timelineSince(Number.MAX_SAFE_INTEGER).total).toBe(before);
    expect(result.describe).toBe(c.exec(`kubectl describe ${args}`).stdout);
    expect(result.yaml).toBe(c.exec(`kubectl get ${args} -o yaml`).stdout);
  });

  it('an object that is gone: null; a kind not served: an error saying so', () => {
    expect(inspect(c.snapshot(), { kind: 'Pod', namespace: 'default', name: 'nope' })).toEqual({ describe: null, yaml: null });
    expect(() => inspect(c.snapshot(), { kind: 'Ingress', namespace: 'default', name: 'x' })).toThrow('the inspector cannot read a Ingress: not a resource served in Kubeplay');
  });
});
