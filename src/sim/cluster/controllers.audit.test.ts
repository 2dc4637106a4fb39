/**
 * Issue 5 audit (and issue 3's `describe node`), through the headless API with exact virtual times (seed 5):
 * a 10-replica rollout checked every 100 ms against maxSurge/maxUnavailable with upstream's
 * ScalingReplicaSet sequence (deployment/rolling.go reconcileNewReplicaSet / reconcileOldReplicaSets),
 * `rollout undo`, namespace deletion (Terminating until empty, namespace_controller.go) and the
 * node describer's allocated resources (kubectl describe.go describeNodeResource).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type KubeObject } from '../index.ts';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 10
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "${image}"}]
`;

const scaling = (c: Cluster, from = 0) =>
  c
    .timeline()
    .slice(from)
    .filter((e) => e.type === 'event' && e.reason === 'ScalingReplicaSet')
    .map((e) => `${e.t} ${e.message}`);

const isReady = (p: KubeObject) => (p.status?.conditions ?? []).some((x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True');

describe('a 10-replica RollingUpdate (25% / 25%: maxSurge 3, maxUnavailable 2)', () => {
  it('stays within 13 Pods and 8 ready at every 100 ms, with upstream’s ScalingReplicaSet sequence; undo returns to the first ReplicaSet', () => {
    const c = createCluster({ seed: 5 });
    c.apply(deployment('nginx:1.27'));
    c.advance(60);
    expect(c.exec('kubectl set image deployment/web nginx=nginx:1.28').stdout).toBe('deployment.apps/web image updated\n');
    let maxLive = 0;
    let minReady = Infinity;
    // Every 100 ms while the rollout runs (it is over by 64.4 s), then every second up to 180 s.
    for (let i = 0; i < 210; i++) {
      c.advance(i < 100 ? 0.1 : 1);
      const snap = c.snapshot().objects;
      const pods = snap['pods']!.filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.deletionTimestamp);
      const rss = snap['replicasets.apps']!.filter((r) => r.metadata.labels?.app === 'web');
      const specTotal = rss.reduce((n, r) => n + (r.spec.replicas as number), 0);
      expect(specTotal).toBeLessThanOrEqual(13);
      expect(pods.length).toBeLessThanOrEqual(13);
      expect(pods.filter(isReady).length).toBeGreaterThanOrEqual(8);
      maxLive = Math.max(maxLive, pods.length);
      minReady = Math.min(minReady, pods.filter(isReady).length);
    }
    // Both bounds are reached, so the checks above are not vacuous.
    expect([maxLive, minReady]).toEqual([13, 8]);
    // The ReplicaSet names carry the pod-template-hash (checked in deployment/hash.ts's tests); here only
    // which is which matters.
    const [oldRs, newRs] = [0, 1].map((i) => scaling(c)[i]!.split(' ')[5]!);
    expect(c.exec('kubectl get rs -o name').stdout).toBe(`replicaset.apps/${[oldRs, newRs].sort().join('\nreplicaset.apps/')}\n`);
    expect(scaling(c)).toEqual([
      `0 Scaled up replica set ${oldRs} from 0 to 10`,
      // Surge first, then the unavailable budget, then the surge freed by the scale-down.
      `60 Scaled up replica set ${newRs} from 0 to 3`,
      `60 Scaled down replica set ${oldRs} from 10 to 8`,
      `60 Scaled up replica set ${newRs} from 3 to 5`,
      `62.902 Scaled down replica set ${oldRs} from 8 to 7`,
      `62.902 Scaled up replica set ${newRs} from 5 to 6`,
      `63.081 Scaled down replica set ${oldRs} from 7 to 6`,
      `63.081 Scaled up replica set ${newRs} from 6 to 7`,
      `63.597 Scaled down replica set ${oldRs} from 6 to 5`,
      `63.597 Scaled up replica set ${newRs} from 7 to 8`,
      `63.817 Scaled down replica set ${oldRs} from 5 to 4`,
      `63.817 Scaled up replica set ${newRs} from 8 to 9`,
      `63.854 Scaled down replica set ${oldRs} from 4 to 3`,
      `63.854 Scaled up replica set ${newRs} from 9 to 10`,
      `64.049 Scaled down replica set ${oldRs} from 3 to 2`,
      `64.194 Scaled down replica set ${oldRs} from 2 to 1`,
      `64.395 Scaled down replica set ${oldRs} from 1 to 0`,
    ]);
    const mark = c.timeline().length;
    expect(c.exec('kubectl rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back\n');
    expect(c.exec('kubectl rollout status deployment/web').stdout.split('\n').slice(-2)).toEqual(['deployment "web" successfully rolled out', '']);
    expect(scaling(c, mark).slice(0, 3)).toEqual([
      `180 Scaled up replica set ${oldRs} from 0 to 3`,
      `180 Scaled down replica set ${newRs} from 10 to 8`,
      `180 Scaled up replica set ${oldRs} from 3 to 5`,
    ]);
    expect(c.exec('kubectl rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    const rows = c.exec('kubectl get rs --no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/).join(' '));
    expect(rows.sort()).toEqual([`${oldRs} 10 10 10 3m1s`, `${newRs} 0 0 0 2m1s`].sort());
  }, 30_000);
});

describe('namespace deletion (namespace_controller.go)', () => {
  it('stays Terminating until its last Pod has gone through its grace period, then goes', () => {
    const c = createCluster({ seed: 5 });
    c.exec('kubectl create namespace shop');
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: x, namespace: shop}
spec:
  terminationGracePeriodSeconds: 20
  containers: [{name: app, image: busybox:1.36, command: ["sleep", "3600"]}]
`);
    c.advance(10);
    expect(c.exec('kubectl delete namespace shop --wait=false').stdout).toBe('namespace "shop" deleted\n');
    expect(c.exec('kubectl get ns shop').stdout).toBe('NAME   STATUS        AGE\nshop   Terminating   10s\n');
    c.advance(20);
    expect(c.exec('kubectl get ns shop').stdout).toBe('NAME   STATUS        AGE\nshop   Terminating   30s\n');
    expect(c.exec('kubectl get pods -n shop').stdout).toBe('NAME   READY   STATUS        RESTARTS   AGE\nx      1/1     Terminating   0          30s\n');
    // Refused while Terminating (NamespaceLifecycle admission).
    expect(c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: late, namespace: shop}\n').stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated\n',
    );
    c.advance(5);
    const tail = c
      .timeline()
      .filter((e) => e.type === 'api' && (e.object?.name === 'shop' || e.object?.name === 'x'))
      .slice(-4)
      .map((e) => `${e.t} ${e.source} ${e.message}`);
    // The namespace controller deletes the Pod at 11 s; the kubelet kills sleep (PID 1 ignores SIGTERM)
    // at 31 s, deletes the Pod at 32 s; the namespace is finalized and removed at its next sync.
    expect(tail).toEqual([
      '32 kubelet/worker-1 pod shop/x status: Failed',
      '32 kubelet/worker-1 pod shop/x deleted',
      '33 namespace-controller namespace shop finalized',
      '33 namespace-controller namespace shop deleted',
    ]);
    expect(c.exec('kubectl get ns shop').stderr).toBe('Error from server (NotFound): namespaces "shop" not found\n');
  });
});

describe('kubectl describe node (describeNodeResource)', () => {
  it('lists the non-terminated Pods with requests and limits as a share of allocatable, and sums them', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: req}
spec:
  nodeName: worker-1
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 500m, memory: 256Mi}, limits: {cpu: "1", memory: 512Mi}}}]
`);
    c.advance(5);
    const out = c.exec('kubectl describe node worker-1').stdout;
    expect(out.slice(out.indexOf('Non-terminated'))).toBe(
      [
        'Non-terminated Pods:          (3 in total)',
        '  Namespace                   Name                     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----                     ------------  ----------  ---------------  -------------  ---',
        '  default                     req                      500m (25%)    1 (50%)     256Mi (6%)       512Mi (12%)    5s',
        '  kube-flannel                kube-flannel-ds-q2cq4    100m (5%)     0 (0%)      50Mi (1%)        0 (0%)         10m',
        '  kube-system                 kube-proxy-drhwh         0 (0%)        0 (0%)      0 (0%)           0 (0%)         10m',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests    Limits',
        '  --------           --------    ------',
        '  cpu                600m (30%)  1 (50%)',
        '  memory             306Mi (7%)  512Mi (12%)',
        '  ephemeral-storage  0 (0%)      0 (0%)',
        '  hugepages-1Gi      0 (0%)      0 (0%)',
        '  hugepages-2Mi      0 (0%)      0 (0%)',
        'Events:              <none>',
        '',
      ].join('\n'),
    );
  });
});
