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
