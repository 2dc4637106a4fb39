import { describe, expect, it } from 'vitest';
import { createCluster } from './index.ts';

const manifests = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
`;

function run(seed: number) {
  const c = createCluster({ seed });
  c.apply(manifests);
  c.advance(5);
  c.exec('kubectl label ns shop team=a');
  c.advance(2.5);
  return { timeline: c.timeline(), snapshot: c.snapshot(), now: c.now() };
}

describe('the headless API', () => {
  it('gives the same history for the same seed, bit for bit', () => {
    expect(JSON.stringify(run(11))).toBe(JSON.stringify(run(11)));
    expect(JSON.stringify(run(11).snapshot)).not.toBe(JSON.stringify(run(12).snapshot));
  });

  it('keeps virtual time in seconds', () => {
    const c = createCluster();
    expect(c.now()).toBe(0);
    c.advance(1.5);
    c.advance(10);
    expect(c.now()).toBe(11.5);
    expect(() => c.advance(-1)).toThrow('advance: seconds must be a non-negative number, got -1');
  });

  it('records every API write in the timeline with its virtual time, actor and object', () => {
    const c = createCluster({ seed: 5 });
    c.advance(2);
    c.apply(manifests);
    const writes = c.timeline().filter((e) => e.type === 'api' && e.t === 2 && e.source === 'kubectl');
    expect(writes.map((e) => [e.reason, e.object?.kind, e.object?.namespace, e.object?.name])).toEqual([
      ['create', 'Namespace', undefined, 'shop'],
      ['create', 'Deployment', 'shop', 'web'],
      ['create', 'Service', 'shop', 'web'],
    ]);
    const user = c.timeline().filter((e) => e.type === 'user');
    expect(user.at(-1)).toMatchObject({ t: 2, source: 'shell/control-plane', message: 'kubectl apply -f -' });
  });

  it('allocates a ClusterIP from 10.96.0.0/12 above the static band and a NodePort above 30085', () => {
    const c = createCluster({ seed: 5 });
    c.apply(manifests);
    const svc = c.snapshot().objects.services!.find((s) => s.metadata.name === 'web')!;
    const [a, b, c3] = (svc.spec.clusterIP as string).split('.').map(Number);
    expect(a).toBe(10);
    expect(b! >= 96 && b! <= 111).toBe(true);
    expect(b! > 96 || c3! >= 1).toBe(true);
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(svc.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(svc.spec.ports[0].targetPort).toBe(80);
  });

  it('refuses a taken or out-of-range NodePort with the registry messages', () => {
    const c = createCluster({ seed: 5 });
    const svc = (name: string, port: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: ${port}\n`;
    expect(c.apply(svc('a', 30080)).stdout).toBe('service/a created\n');
    expect(c.apply(svc('b', 30080)).stderr).toBe('The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
    expect(c.apply(svc('c', 40000)).stderr).toBe('The Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
    expect(c.exec('kubectl get svc -o name').stdout).toBe('service/a\nservice/kubernetes\n');
  });

  it('builds other cluster shapes', () => {
    const c = createCluster({ nodes: [{ name: 'cp', role: 'control-plane' }, { name: 'big', cpu: 8, memoryGi: 32 }] });
    expect(c.exec('kubectl get nodes -o name').stdout).toBe('node/big\nnode/cp\n');
    const big = c.snapshot().objects.nodes!.find((n) => n.metadata.name === 'big')!;
    expect(big.status.capacity).toMatchObject({ cpu: '8', memory: '33554432Ki', pods: '110' });
    expect(big.status.allocatable.memory).toBe('33452032Ki');
    expect(big.spec.podCIDR).toBe('10.244.1.0/24');
    expect(() => createCluster({ nodes: [{ name: 'a' }, { name: 'a' }] })).toThrow('createCluster: duplicate node name "a"');
  });

  it('creates Jobs with the selector the registry generates from their uid', () => {
    const c = createCluster({ seed: 5 });
    const r = c.apply('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: pi\n        image: perl:5.34\n');
    expect(r.stdout).toBe('job.batch/pi created\n');
    const job = c.snapshot().objects['jobs.batch']![0]!;
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } });
  });
});

describe('timelineSince', () => {
  it('returns the entries after a count and the new count', () => {
    const c = createCluster({ seed: 2 });
    const { total } = c.timelineSince(0);
    expect(total).toBe(c.timeline().length);
    c.exec('kubectl create namespace a');
    const next = c.timelineSince(total);
    expect(next.total).toBe(c.timeline().length);
    expect(next.entries).toEqual(c.timeline().slice(total));
    expect(next.entries.map((e) => e.message)).toContain('namespace a created');
  });
});
