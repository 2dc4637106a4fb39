import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel.ts';
import { Informer } from './informer.ts';
import { parseQuantityOrError } from './quantity.ts';
import { preferredResourceForKind } from './resources.ts';
import { ObjectStore, type WatchEvent } from './store.ts';
import type { KubeObject } from './types.ts';

const PODS = preferredResourceForKind('Pod')!;
const NAMESPACES = preferredResourceForKind('Namespace')!;
const NODES = preferredResourceForKind('Node')!;

function newStore(): ObjectStore {
  const store = new ObjectStore(new Kernel(1));
  for (const name of ['default', 'kube-system', 'a-team', 'Zeta']) store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '' } }, 'test');
  return store;
}

function pod(namespace: string, name: string, nodeName?: string, labels?: Record<string, string>): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'nginx' }] };
  if (nodeName) spec.nodeName = nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: '', resourceVersion: '', creationTimestamp: '', ...(labels ? { labels } : {}) }, spec };
}

const names = (objs: readonly Readonly<KubeObject>[]) => objs.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

describe('ObjectStore.list order (kept by the index, not sorted per call)', () => {
  it('lists by namespace, then name, by code unit, whatever the creation order', () => {
    const store = newStore();
    for (const [ns, name] of [['default', 'web-2'], ['kube-system', 'dns'], ['default', 'Web-1'], ['a-team', 'x'], ['default', 'web-10'], ['Zeta', 'z'], ['default', 'web-1']] as const) store.create(PODS, pod(ns, name), 'test');
    expect(names(store.list(PODS))).toEqual(['Zeta/z', 'a-team/x', 'default/Web-1', 'default/web-1', 'default/web-10', 'default/web-2', 'kube-system/dns']);
    expect(names(store.list(PODS, 'default'))).toEqual(['default/Web-1', 'default/web-1', 'default/web-10', 'default/web-2']);
    expect(names(store.list(PODS, 'nowhere'))).toEqual([]);
    expect(names(store.list(NAMESPACES))).toEqual(['/Zeta', '/a-team', '/default', '/kube-system']);
  });

  it('keeps the order through updates and deletes, and lists the current objects', () => {
    const store = newStore();
    for (const name of ['c', 'a', 'b', 'd']) store.create(PODS, pod('default', name, undefined, { app: name === 'b' ? 'x' : 'y' }), 'test');
    store.delete(PODS, 'default', 'a', 'test');
    const b = store.get(PODS, 'default', 'b')!;
    b.metadata.labels = { app: 'y' };
    store.update(PODS, b, 'test');
    store.create(PODS, pod('default', 'a'), 'test');
    store.delete(PODS, 'default', 'd', 'test');
    expect(names(store.list(PODS))).toEqual(['default/a', 'default/b', 'default/c']);
    expect(names(store.list(PODS, 'default', [{ key: 'app', operator: 'In', values: ['y'] }]))).toEqual(['default/b', 'default/c']);
    expect(store.list(PODS).find((p) => p.metadata.name === 'b')!.metadata.labels).toEqual({ app: 'y' });
    store.delete(PODS, 'default', 'a', 'test');
    store.delete(PODS, 'default', 'b', 'test');
    store.delete(PODS, 'default', 'c', 'test');
    expect(store.list(PODS)).toEqual([]);
    expect(store.count(PODS)).toBe(0);
  });
});

describe('node-filtered watches (the kubelet informer: spec.nodeName=<node>)', () => {
  it('delivers only changes to objects bound to the node before or after, in subscription order with the other watches', () => {
    const store = newStore();
    const heard: string[] = [];
    const label = (who: string) => (e: WatchEvent) => heard.push(`${who}:${e.type}:${e.object.metadata.name}`);
    store.watch(PODS, label('all-1'));
    store.watch(PODS, label('n1'), { nodeName: 'node-1' });
    store.watch(PODS, label('all-2'));
    store.watch(PODS, label('n2'), { nodeName: 'node-2' });
    store.create(PODS, pod('default', 'unbound'), 'test');
    store.create(PODS, pod('default', 'on-1', 'node-1'), 'test');
    const moved = store.get(PODS, 'default', 'unbound')!;
    moved.spec.nodeName = 'node-2';
    store.update(PODS, moved, 'test');
    store.delete(PODS, 'default', 'on-1', 'test');
    expect(heard).toEqual([
      'all-1:ADDED:unbound',
      'all-2:ADDED:unbound',
      'all-1:ADDED:on-1',
      'n1:ADDED:on-1',
      'all-2:ADDED:on-1',
      'all-1:MODIFIED:unbound',
      'all-2:MODIFIED:unbound',
      'n2:MODIFIED:unbound',
      'all-1:DELETED:on-1',
      'n1:DELETED:on-1',
      'all-2:DELETED:on-1',
    ]);
  });

  it('an Informer with nodeName replays, lists and gets only the Pods bound to its node', () => {
    const store = newStore();
    store.create(PODS, pod('default', 'a', 'node-1'), 'test');
    store.create(PODS, pod('default', 'b', 'node-2'), 'test');
    store.create(PODS, pod('default', 'c'), 'test');
    const informer = new Informer(store, PODS, { nodeName: 'node-1' });
    const added: string[] = [];
    informer.addEventHandler({ onAdd: (p) => added.push(p.metadata.name) });
    store.create(PODS, pod('default', 'd', 'node-1'), 'test');
    store.create(PODS, pod('default', 'e', 'node-2'), 'test');
    expect(added).toEqual(['a', 'd']);
    expect(names(informer.list())).toEqual(['default/a', 'default/d']);
    expect(informer.get('default', 'a')?.metadata.name).toBe('a');
    expect(informer.get('default', 'b')).toBeUndefined();
    // Other resources have no spec.nodeName: an unfiltered informer still sees everything.
    expect(new Informer(store, NODES).list()).toEqual([]);
  });
});

describe('parseQuantityOrError memo', () => {
  it('gives the same frozen Quantity for a repeated input, and still tells strings from numbers', () => {
    const a = parseQuantityOrError('128Mi');
    expect(parseQuantityOrError('128Mi')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(parseQuantityOrError(' 128Mi ')).toEqual(a);
    expect(parseQuantityOrError('1')).not.toBe(parseQuantityOrError(1));
    expect(parseQuantityOrError('1')).toEqual({ nanos: 1_000_000_000n, format: 'DecimalSI', s: '1' });
    expect(parseQuantityOrError('x1')).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });
});

describe('many objects in one namespace (sorted chunks)', () => {
  it('keeps list order through thousands of creates and deletes in scattered order', () => {
    const store = newStore();
    const all: string[] = [];
    // 3,000 names in a scrambled order (a multiplicative walk over 0..2999), so chunks split everywhere.
    for (let i = 0; i < 3000; i++) {
      const name = `p-${String((i * 1237) % 3000).padStart(4, '0')}`;
      all.push(name);
      store.create(PODS, pod('default', name), 'test');
    }
    all.sort();
    expect(store.list(PODS, 'default').map((p) => p.metadata.name)).toEqual(all);
    // Delete every third, in another scrambled order.
    const gone = new Set<string>();
    for (let i = 0; i < 3000; i += 3) gone.add(`p-${String((i * 7) % 3000).padStart(4, '0')}`);
    for (const name of gone) store.delete(PODS, 'default', name, 'test');
    expect(store.list(PODS, 'default').map((p) => p.metadata.name)).toEqual(all.filter((n) => !gone.has(n)));
    expect(store.count(PODS)).toBe(3000 - gone.size);
  });
});

describe('the controller-uid index (PodControllerUIDIndex and its orphan key)', () => {
  const owned = (p: KubeObject, uid: string, controller = true): KubeObject => ({ ...p, metadata: { ...p.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid, controller }] } });

  it('lists the objects of a controller and the orphans of a namespace, in list order, and follows ownerReference changes', () => {
    const store = newStore();
    store.create(PODS, owned(pod('default', 'b'), 'u1'), 'test');
    store.create(PODS, owned(pod('default', 'a'), 'u1'), 'test');
    store.create(PODS, owned(pod('a-team', 'c'), 'u1'), 'test');
    store.create(PODS, owned(pod('default', 'd'), 'u2'), 'test');
    store.create(PODS, owned(pod('default', 'e'), 'u2', false), 'test');
    store.create(PODS, pod('default', 'f'), 'test');
    store.create(PODS, pod('kube-system', 'g'), 'test');
    expect(names(store.listControlledBy(PODS, 'u1'))).toEqual(['a-team/c', 'default/a', 'default/b']);
    expect(names(store.listControlledBy(PODS, 'u2'))).toEqual(['default/d']);
    expect(store.countControlledBy(PODS, 'u1')).toBe(3);
    // An ownerReference without controller: true leaves the Pod an orphan.
    expect(names(store.listOrphans(PODS, 'default'))).toEqual(['default/e', 'default/f']);
    expect(names(store.listOrphans(PODS, 'kube-system'))).toEqual(['kube-system/g']);

    // Released, adopted by another, deleted: the index follows.
    const a = store.get(PODS, 'default', 'a')!;
    delete a.metadata.ownerReferences;
    store.update(PODS, a, 'test');
    const f = store.get(PODS, 'default', 'f')!;
    store.update(PODS, owned(f, 'u2'), 'test');
    store.delete(PODS, 'default', 'd', 'test');
    expect(names(store.listControlledBy(PODS, 'u1'))).toEqual(['a-team/c', 'default/b']);
    expect(names(store.listControlledBy(PODS, 'u2'))).toEqual(['default/f']);
    expect(names(store.listOrphans(PODS, 'default'))).toEqual(['default/a', 'default/e']);
    expect(store.listControlledBy(PODS, 'nobody')).toEqual([]);
  });

  it('is what a node-filtered informer filters by node too', () => {
    const store = newStore();
    store.create(PODS, owned(pod('default', 'a', 'node-1'), 'u1'), 'test');
    store.create(PODS, owned(pod('default', 'b', 'node-2'), 'u1'), 'test');
    store.create(PODS, pod('default', 'c', 'node-1'), 'test');
    const informer = new Informer(store, PODS, { nodeName: 'node-1' });
    expect(names(informer.listControlledBy('u1'))).toEqual(['default/a']);
    expect(names(informer.listOrphans('default'))).toEqual(['default/c']);
    expect(names(new Informer(store, PODS).listControlledBy('u1'))).toEqual(['default/a', 'default/b']);
  });
});
