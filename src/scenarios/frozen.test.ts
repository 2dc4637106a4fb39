/**
 * An invariant of the core: nothing writes to an object the API store keeps. Components read
 * stored objects without copying them (listers, the kubelet's pod sync, printers), which is only
 * sound while every write goes through the store as a new object. Every gallery lesson, which
 * between them run Deployments, rollouts, probes and restarts, init containers and sidecars,
 * Services and traffic, node failure, StatefulSets and Jobs, is run here with the store's objects
 * deep-frozen: a write to one throws (ES modules are strict) and fails the lesson.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../sim/api/resources.ts';
import { ObjectStore } from '../sim/api/store.ts';
import type { KubeObject } from '../sim/api/types.ts';
import { Kernel } from '../sim/kernel/kernel.ts';
import { createCluster } from '../sim/index.ts';
import { GALLERY } from './gallery.ts';
import { runScenario } from './run.ts';

const NAMESPACES = preferredResourceForKind('Namespace')!;
const CONFIGMAPS = preferredResourceForKind('ConfigMap')!;

describe('no component writes to a stored object', () => {
  beforeAll(() => {
    ObjectStore.freezeStoredObjects = true;
  });
  afterAll(() => {
    ObjectStore.freezeStoredObjects = false;
  });

  it('the store really freezes what it keeps, so a write to it throws', () => {
    const store = new ObjectStore(new Kernel(1));
    const meta = (name: string, namespace?: string) => ({ name, namespace, uid: '', resourceVersion: '', creationTimestamp: '' });
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: meta('default') }, 'test');
    store.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('c', 'default'), data: { k: 'v' } }, 'test');
    const stored = store.peek(CONFIGMAPS, 'default', 'c') as KubeObject;
    expect(() => {
      (stored.data as Record<string, string>).k = 'changed';
    }).toThrow(TypeError);
    expect(store.peek(CONFIGMAPS, 'default', 'c')!.data).toEqual({ k: 'v' });
  });

  for (const entry of GALLERY) {
    it(`${entry.id}: runs to its teaching point (${entry.check.t} s) with every stored object frozen`, () => {
      const { scenario, check } = entry;
      const cluster = createCluster({ seed: scenario.seed, nodes: scenario.nodes });
      const runs = runScenario(cluster, scenario, check.t);
      expect(runs.filter((r) => r.result.exitCode !== 0).map((r) => r.result.stderr)).toEqual([]);
      const out = cluster.exec(check.command);
      expect(out.stdout + out.stderr).toContain(check.expect);
    });
  }
});
