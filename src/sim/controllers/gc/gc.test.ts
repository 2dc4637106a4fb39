import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { preferredResourceForKind } from '../../api/resources.ts';
import { controllersHarness, PODS, replicaSetYaml, RS } from '../replicaset/testing.ts';

const CONFIGMAPS = preferredResourceForKind('ConfigMap')!;
const DEPLOYMENTS = preferredResourceForKind('Deployment')!;

/** The objects removed from the API (not just marked for deletion), as `kind/name`, in order. */
function removals(h: ReturnType<typeof controllersHarness>): string[] {
  return h.kernel.timeline
    .list()
    .filter((e) => e.type === 'api' && e.reason === 'delete' && e.message.endsWith(' deleted') && e.object?.kind !== 'Event')
    .map((e) => `${e.object!.kind}/${e.object!.name}`);
}

function runningWeb() {
  const h = controllersHarness();
  h.create(replicaSetYaml('web', 3));
  h.advance(30);
  return h;
}

describe('garbage collector', () => {
  it('background (the default): the ReplicaSet goes at once, then its Pods', () => {
    const h = runningWeb();
    const pods = h.podNames();
    const r = h.kubectl('delete rs web');
    expect(r).toEqual({ stdout: 'replicaset.apps "web" deleted\n', stderr: '', exitCode: 0 });
    expect(h.rs('web')).toBeUndefined();
    expect(h.pods().map((p) => Boolean(p.metadata.deletionTimestamp))).toEqual([true, true, true]);
    h.advance(40);
    expect(h.podNames()).toEqual([]);
    expect(removals(h)).toEqual(['ReplicaSet/web', ...pods.map((p) => `Pod/${p}`)]);
  });

  it('--cascade alone is background', () => {
    const h = runningWeb();
    expect(h.kubectl('delete rs web --cascade').stdout).toBe('replicaset.apps "web" deleted\n');
    expect(h.rs('web')).toBeUndefined();
  });

  it('foreground: the Pods go first, then the ReplicaSet; kubectl waits for it', () => {
    const h = runningWeb();
    const pods = h.podNames();
    const r = h.kubectl('delete rs web --cascade=foreground --wait=false');
    expect(r.stdout).toBe('replicaset.apps "web" deleted\n');
    const rs = h.rs('web')!;
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(rs.metadata.deletionTimestamp).toBe(h.kernel.timestamp());
    expect(h.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(h.podNames()).toEqual(pods);
    h.advance(40);
    expect(h.rs('web')).toBeUndefined();
    expect(h.podNames()).toEqual([]);
    const order = removals(h);
    expect(order.at(-1)).toBe('ReplicaSet/web');
    expect(order.slice(0, -1).sort()).toEqual(pods.map((p) => `Pod/${p}`));

    const h2 = runningWeb();
    expect(h2.kubectl('delete rs web --cascade=foreground').stdout).toBe('replicaset.apps "web" deleted\n');
    expect(h2.rs('web')).toBeUndefined();
    expect(h2.podNames()).toEqual([]);
  });

  it('orphan: the ReplicaSet goes, its Pods stay without the ownerReference', () => {
    const h = runningWeb();
    const pods = h.podNames();
    expect(h.kubectl('delete rs web --cascade=orphan').stdout).toBe('replicaset.apps "web" deleted\n');
    expect(h.rs('web')).toBeUndefined();
    h.advance(60);
    expect(h.podNames()).toEqual(pods);
    for (const p of h.pods()) {
      expect(p.metadata.ownerReferences).toBeUndefined();
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.status.phase).toBe('Running');
    }
    // A new ReplicaSet with the same selector adopts them instead of creating Pods.
    h.create(replicaSetYaml('web2', 3, 'app: web'));
    expect(h.podNames()).toEqual(pods);
    expect(h.pods().every((p) => p.metadata.ownerReferences?.[0]?.name === 'web2')).toBe(true);
  });

  it('--cascade=false is orphan with kubectl\'s warning; a bad value is refused', () => {
    const h = runningWeb();
    expect(h.kubectl('delete rs web --cascade=false')).toEqual({
      stdout: 'replicaset.apps "web" deleted\n',
      stderr: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
      exitCode: 0,
    });
    expect(h.podNames()).toHaveLength(3);
    expect(h.kubectl('delete pods --all --cascade=sideways')).toEqual({ stdout: '', stderr: 'error: invalid cascade value (sideways). Must be "background", "foreground", or "orphan"\n', exitCode: 1 });
    expect(h.podNames()).toHaveLength(3);
    expect(h.kubectl('delete pods --all --cascade=true --wait=false').stderr).toBe('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n');
  });

  it('keeps a dependent with another owner, dropping the reference to the one that went', () => {
    const h = controllersHarness();
    const a = h.create('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    const b = h.create('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    const ref = (o: typeof a) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid });
    h.api.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', namespace: 'default', ownerReferences: [ref(a), ref(b)] } }, 'kubectl');
    h.api.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'only-a', namespace: 'default', ownerReferences: [ref(a)] } }, 'kubectl');
    h.kernel.settle();
    h.kubectl('delete configmap a');
    expect(h.store.get(CONFIGMAPS, 'default', 'only-a')).toBeUndefined();
    expect(h.store.get(CONFIGMAPS, 'default', 'dep')!.metadata.ownerReferences).toEqual([ref(b)]);
    h.kubectl('delete configmap b');
    expect(h.store.get(CONFIGMAPS, 'default', 'dep')).toBeUndefined();
  });

  it('deletes a dependent whose owner never existed (a stale uid)', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 1));
    h.api.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ghost', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'not-the-uid', controller: true }] }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, 'kubectl');
    h.kernel.settle();
    expect(h.store.get(PODS, 'default', 'ghost')?.metadata.deletionTimestamp ?? 'gone').toBeTruthy();
    h.advance(40);
    expect(h.store.get(PODS, 'default', 'ghost')).toBeUndefined();
    expect(h.store.get(RS, 'default', 'web')).toBeDefined();
  });

  it('foreground through two levels: Pods, then the ReplicaSet, then its Deployment', () => {
    const h = controllersHarness();
    const deploy = h.create(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 0
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: app
        image: nginx:1.27
`);
    const manifest = parse(replicaSetYaml('web-abc', 2)) as { metadata: Record<string, unknown> };
    manifest.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }];
    h.api.create(RS, manifest, 'deployment-controller');
    h.advance(30);
    const pods = h.podNames();
    expect(pods).toHaveLength(2);
    expect(h.kubectl('delete deployment web --cascade=foreground').stdout).toBe('deployment.apps "web" deleted\n');
    expect(h.store.get(DEPLOYMENTS, 'default', 'web')).toBeUndefined();
    expect(removals(h)).toEqual([...pods.map((p) => `Pod/${p}`), 'ReplicaSet/web-abc', 'Deployment/web']);
  });

  it('lets the namespace controller empty a namespace with owned Pods', () => {
    const h = controllersHarness();
    h.create('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    h.create(replicaSetYaml('web', 2).replace('  name: web\n', '  name: web\n  namespace: shop\n'));
    h.advance(30);
    expect(h.podNames('shop')).toHaveLength(2);
    expect(h.kubectl('delete namespace shop')).toEqual({ stdout: 'namespace "shop" deleted\n', stderr: '', exitCode: 0 });
    expect(h.podNames('shop')).toEqual([]);
    expect(h.rs('web', 'shop')).toBeUndefined();
  });
});

