/**
 * The controllers wired into a whole cluster, driven through the headless API as the
 * Kubernetes tutorials drive a real one.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

const deployment = (image: string, replicas = 3) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const podNames = (c: Cluster, selector = 'app=web') =>
  c.exec(`kubectl get pods -l ${selector} -o name`).stdout.split('\n').filter(Boolean).map((p) => p.slice(4));

describe('controllers in the cluster', () => {
  it('replaces a deleted Pod that a Deployment owns with a new name, and not a standalone Pod', () => {
    const c = createCluster({ seed: 31 });
    c.apply(deployment('nginx:1.27'));
    c.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\n  labels: {app: solo}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n');
    c.advance(20);
    const before = podNames(c);
    expect(before).toHaveLength(3);
    for (const name of before) expect(name).toMatch(/^web-[4-9bcdf]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const rs = c.exec('kubectl get rs -o name').stdout.trim();
    expect(before.every((p) => p.startsWith(`${rs.slice('replicaset.apps/'.length)}-`))).toBe(true);

    c.exec(`kubectl delete pod ${before[0]}`);
    c.exec('kubectl delete pod solo');
    c.advance(20);
    const after = podNames(c);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(before[0]);
    expect(after.filter((p) => !before.includes(p))).toHaveLength(1);
    expect(c.exec('kubectl get pod solo').stderr).toBe('Error from server (NotFound): pods "solo" not found\n');
    const rsEvents = c.timeline().filter((e) => e.type === 'event' && e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(rsEvents).toHaveLength(4);
    for (const m of rsEvents) expect(m).toMatch(/^Created pod: web-[4-9bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rolls out a new image and rolls back with rollout undo to the previous ReplicaSet', () => {
    const c = createCluster({ seed: 31 });
    c.apply(deployment('nginx:1.27'));
    expect(c.exec('kubectl rollout status deployment/web').stdout.split('\n').slice(-2)).toEqual(['deployment "web" successfully rolled out', '']);
    const first = c.exec('kubectl get rs -o name').stdout.trim();
    expect(c.exec('kubectl set image deployment/web nginx=nginx:1.28').stdout).toBe('deployment.apps/web image updated\n');
    c.exec('kubectl rollout status deployment/web');
    c.advance(5); // the last old Pod finishes terminating
    const images = () => JSON.parse(c.exec('kubectl get pods -l app=web -o json').stdout).items.map((p: { spec: { containers: { image: string }[] } }) => p.spec.containers[0]!.image);
    expect(images()).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
    expect(c.exec('kubectl rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back\n');
    c.exec('kubectl rollout status deployment/web');
    c.advance(40);
    expect(images()).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    const rsTable = c.exec('kubectl get rs --no-headers').stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 4).join(' '));
    expect(rsTable).toContain(`${first.slice('replicaset.apps/'.length)} 3 3 3`);
  });

  it('replaces the Pods of a node whose kubelet stopped, at the times the grace period and tolerationSeconds give', () => {
    const c = createCluster({ seed: 31 });
    c.apply(deployment('nginx:1.27', 4));
    c.advance(20);
    const onWorker1 = () => c.exec('kubectl get pods -l app=web -o wide --no-headers').stdout.split('\n').filter((l) => /\sworker-1\s/.test(l));
    const victims = onWorker1().map((l) => l.split(/\s+/)[0]!);
    expect(victims.length).toBeGreaterThan(0);
    expect(c.exec('systemctl stop kubelet', { node: 'worker-1' })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    c.advance(60);
    expect(c.exec('kubectl get node worker-1 --no-headers').stdout).toMatch(/^worker-1 +NotReady /);
    const taints = JSON.parse(c.exec('kubectl get node worker-1 -o json').stdout).spec.taints.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`);
    // NoSchedule when the node goes Unknown, NoExecute on the controller's next pass.
    expect(taints).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    const evictions = () => c.timeline().filter((e) => e.reason === 'TaintManagerEviction');
    c.advance(250);
    expect(evictions()).toHaveLength(0);
    c.advance(60);
    const evicted = evictions();
    expect(evicted.map((e) => e.object?.name).sort()).toEqual([...victims].sort());
    // Last Lease renewal at 20 s; grace 40 s → Unknown at the 65 s monitor pass; the NoExecute taint
    // follows at 70.1 s, and the Pods' 300 s tolerations run out at 370.1 s.
    expect(c.timeline().find((e) => e.reason === 'NodeNotReady' && e.object?.name === 'worker-1')?.t).toBe(65);
    for (const e of evicted) expect(e.t).toBe(370.1);
    c.advance(30);
    const running = c.exec('kubectl get pods -l app=web -o wide --no-headers').stdout.split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l) && /\sworker-2\s/.test(l));
    expect(running.length).toBe(4);
  });

  it('runs a CronJob on the virtual clock and prints it with kubectl v1.31 columns', () => {
    const c = createCluster({ seed: 31 });
    c.apply('apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: "*/1 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: hello\n            image: busybox:1.28\n            command: ["/bin/sh", "-c", "echo Hello from the Kubernetes cluster"]\n');
    c.advance(150);
    expect(c.exec('kubectl get cj').stdout).toBe('NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        30s             2m30s\n');
    // Jobs are named after the scheduled minute since the epoch: 12:01 and 12:02 on 2024-08-13.
    expect(c.exec('kubectl get jobs -o name').stdout).toBe('job.batch/hello-28725841\njob.batch/hello-28725842\n');
  });

  it('stays deterministic with every controller running', () => {
    const run = () => {
      const c = createCluster({ seed: 77 });
      c.apply(deployment('nginx:1.27', 5));
      c.advance(10);
      c.exec('kubectl scale deployment/web --replicas=2');
      c.advance(10);
      return JSON.stringify([c.timeline(), c.snapshot()]);
    };
    expect(run()).toBe(run());
  });
});

describe('kubectl delete waits for the object it deleted, not its name', () => {
  it('returns once web-0 is gone even though the StatefulSet makes a new web-0 at once', () => {
    const c = createCluster();
    c.apply(`apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: nginx:1.27
`);
    c.advance(30);
    const oldUid = c.snapshot().objects['pods']!.find((p) => p.metadata.name === 'web-0')!.metadata.uid;
    const before = c.now();
    expect(c.exec('kubectl delete pod web-0')).toEqual({ stdout: 'pod "web-0" deleted\n', stderr: '', exitCode: 0 });
    // nginx quits on SIGTERM at once: the wait is the kubelet noticing, seconds, not kubectl's week-long timeout.
    expect(c.now() - before).toBeLessThan(10);
    const web0 = c.snapshot().objects['pods']!.find((p) => p.metadata.name === 'web-0');
    expect(web0 === undefined || web0.metadata.uid !== oldUid).toBe(true);
  });
});
