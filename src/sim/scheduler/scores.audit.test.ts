/**
 * Issue 3 audit: a scenario for each score plugin where it decides the node, through the headless
 * API, with the decision's per-plugin normalized scores (default cluster: worker-1 and worker-2
 * alike, the tainted control plane filtered out). Weights as the v1.31 default profile has them:
 * TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, the rest 1.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

/** The scheduler's last decision for a Pod: where it went and each plugin's normalized score per node. */
function decision(c: Cluster, pod: string) {
  const d = c.timeline().filter((e) => e.source === 'kube-scheduler' && e.reason === 'Scheduled' && e.object?.name === pod).at(-1);
  if (!d) throw new Error(`no decision for ${pod}`);
  const scored = d.data!.scored as { nodes: string[]; plugins: { name: string; normalized: ArrayLike<number> | number | null }[]; totals: ArrayLike<number> };
  const by = (name: string) => {
    const col = scored.plugins.find((p) => p.name === name)!.normalized;
    return Object.fromEntries(scored.nodes.map((n, i) => [n, col === null || typeof col === 'number' ? col : col[i]]));
  };
  return { selected: d.data!.selected as string, by, totals: Object.fromEntries(scored.nodes.map((n, i) => [n, scored.totals[i]])) };
}

const nodeOf = (c: Cluster, pod: string) => c.exec(`kubectl get pod ${pod} -o jsonpath={.spec.nodeName}`).stdout;

describe('score plugins that decide', () => {
  it('NodeAffinity: a preferred term sends the Pod to the labelled node (100 vs 0, weight 2)', () => {
    const c = createCluster({ seed: 7 });
    c.exec('kubectl label node worker-2 disk=ssd');
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: pref}
spec:
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 40
        preference: {matchExpressions: [{key: disk, operator: In, values: [ssd]}]}
  containers: [{name: app, image: nginx:1.27}]
`);
    c.advance(1);
    const d = decision(c, 'pref');
    expect(d.by('NodeAffinity')).toEqual({ 'worker-1': 0, 'worker-2': 100 });
    expect(d.totals['worker-2']! - d.totals['worker-1']!).toBe(200);
    expect([d.selected, nodeOf(c, 'pref')]).toEqual(['worker-2', 'worker-2']);
  });

  it('TaintToleration: a PreferNoSchedule taint the Pod does not tolerate sends it to the other node (0 vs 100, weight 3)', () => {
    const c = createCluster({ seed: 7 });
    c.exec('kubectl taint node worker-2 maintenance=soon:PreferNoSchedule');
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: soft}
spec:
  containers: [{name: app, image: nginx:1.27}]
`);
    c.advance(1);
    const d = decision(c, 'soft');
    expect(d.by('TaintToleration')).toEqual({ 'worker-1': 100, 'worker-2': 0 });
    expect([d.selected, nodeOf(c, 'soft')]).toEqual(['worker-1', 'worker-1']);
  });

  it('InterPodAffinity: a preferred affinity term follows the Pod it names (100 vs 0, weight 2)', () => {
    const c = createCluster({ seed: 7 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: cache, labels: {app: cache}}
spec:
  nodeName: worker-2
  containers: [{name: redis, image: redis:7.4}]
`);
    c.advance(10);
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  affinity:
    podAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          labelSelector: {matchLabels: {app: cache}}
          topologyKey: kubernetes.io/hostname
  containers: [{name: app, image: nginx:1.27}]
`);
    c.advance(1);
    const d = decision(c, 'web');
    expect(d.by('InterPodAffinity')).toEqual({ 'worker-1': 0, 'worker-2': 100 });
    expect([d.selected, nodeOf(c, 'web')]).toEqual(['worker-2', 'worker-2']);
  });

  it('PodTopologySpread (system defaults over a ReplicaSet): the second replica avoids the node the first is on', () => {
    const c = createCluster({ seed: 7 });
    // The first replica is pinned by hand, then the ReplicaSet adopts it (same labels, no owner).
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: first, labels: {app: spread}}
spec:
  nodeName: worker-1
  containers: [{name: app, image: nginx:1.27}]
`);
    c.advance(5);
    c.apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: spread}
spec:
  replicas: 2
  selector: {matchLabels: {app: spread}}
  template:
    metadata: {labels: {app: spread}}
    spec:
      containers: [{name: app, image: nginx:1.27}]
`);
    c.advance(2);
    const second = c.exec('kubectl get pods -l app=spread -o name').stdout.split('\n').map((l) => l.replace('pod/', '')).find((n) => n && n !== 'first')!;
    const d = decision(c, second);
    // The hostname constraint (maxSkew 3, weight log(2 feasible nodes + 2)): worker-1 with one
    // matching Pod scores round(1 × 1.386 + 2) = 3, worker-2 round(0 + 2) = 2 (the zone constraint
    // has no domain: no node has the label); NormalizeScore 100 × (max + min - s) / max: 66 and 100.
    expect(d.by('PodTopologySpread')).toEqual({ 'worker-1': 66, 'worker-2': 100 });
    expect(nodeOf(c, second)).toBe('worker-2');
  });

  it('ImageLocality: the node that already has a large image gets the Pod, scaled by how many nodes have it; a short image name matches nothing', () => {
    const c = createCluster({ seed: 7 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: pull}
spec:
  nodeName: worker-2
  restartPolicy: Never
  containers: [{name: db, image: mysql:8.4, env: [{name: MYSQL_ROOT_PASSWORD, value: x}]}]
`);
    c.advance(30);
    c.exec('kubectl delete pod pull --grace-period=0 --force');
    c.advance(15);
    const images = JSON.parse(c.exec('kubectl get node worker-2 -o json').stdout).status.images as { names: string[]; sizeBytes: number }[];
    const mysql = images.find((i) => i.names.includes('docker.io/library/mysql:8.4'))!;
    // image_locality.go: the image's size × the share of nodes that have it (1 of 3), clamped to
    // [23 MiB, 1000 MiB] and scaled to 0-100.
    const mb = 1024 * 1024;
    const expected = Math.trunc((100 * (Math.trunc(mysql.sizeBytes / 3) - 23 * mb)) / (1000 * mb - 23 * mb));
    expect(expected).toBe(3);
    // normalizedImageName only adds `:latest`: the node status names the image docker.io/library/mysql:8.4,
    // so a Pod asking for mysql:8.4 finds it nowhere (upstream's TODO about the implicit registry).
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: full}
spec:
  containers: [{name: db, image: docker.io/library/mysql:8.4, env: [{name: MYSQL_ROOT_PASSWORD, value: x}]}]
`);
    c.advance(1);
    const d = decision(c, 'full');
    expect(d.by('ImageLocality')).toEqual({ 'worker-1': 0, 'worker-2': expected });
    expect([d.selected, nodeOf(c, 'full')]).toEqual(['worker-2', 'worker-2']);
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: short}
spec:
  containers: [{name: db, image: mysql:8.4, env: [{name: MYSQL_ROOT_PASSWORD, value: x}]}]
`);
    c.advance(1);
    expect(decision(c, 'short').by('ImageLocality')).toEqual({ 'worker-1': 0, 'worker-2': 0 });
  });
});
