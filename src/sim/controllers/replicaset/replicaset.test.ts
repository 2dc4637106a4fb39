import { describe, expect, it } from 'vitest';
import { APIError } from '../../api/errors.ts';
import type { KubeObject } from '../../api/types.ts';
import { parseRFC3339 } from '../../kernel/time.ts';
import { ControllerExpectations } from './expectations.ts';
import { slowStartBatch } from './replicaset.ts';
import { controllersHarness, PODS, replicaSetYaml, RS } from './testing.ts';

const POD_NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function scale(h: ReturnType<typeof controllersHarness>, name: string, replicas: number): void {
  const rs = h.rs(name)!;
  rs.spec.replicas = replicas;
  h.api.update(RS, rs, 'kubectl');
  h.kernel.settle();
}

function owners(pod: KubeObject): string[] {
  return (pod.metadata.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}`);
}

describe('ReplicaSet controller', () => {
  it('creates the missing Pods from the template, named <rs>-xxxxx, with events', () => {
    const h = controllersHarness();
    const rs = h.create(replicaSetYaml('web', 3));
    const pods = h.pods();
    expect(pods.map((p) => p.metadata.name)).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(POD_NAME);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec.containers[0].image).toBe('nginx:1.27');
    }
    const created = h.kernel.timeline.list().filter((e) => e.type === 'event' && e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect([...created].sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`));
    expect(h.eventsFor('web').every((e) => /^Normal SuccessfulCreate: Created pod: web-[a-z0-9]{5} \(replicaset-controller\)$/.test(e))).toBe(true);
    expect(h.rs('web')!.status).toEqual({ fullyLabeledReplicas: 3, observedGeneration: 1, replicas: 3 });
    h.advance(30);
    expect(h.rs('web')!.status).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
    expect(h.kubectl('get rs web').stdout).toBe('NAME   DESIRED   CURRENT   READY   AGE\nweb    3         3         3       30s\n');
  });

  it('leaves the bootstrap CoreDNS ReplicaSet and its Pods as they are', () => {
    const before = controllersHarness(1, { replicaSets: false, gc: false });
    const after = controllersHarness(1);
    after.advance(60);
    expect(after.rs('coredns-7c65d6cfc9', 'kube-system')).toEqual(before.rs('coredns-7c65d6cfc9', 'kube-system'));
    expect(after.podNames('kube-system')).toEqual(before.podNames('kube-system'));
    expect(after.eventsFor('coredns-7c65d6cfc9', 'kube-system')).toEqual([]);
  });

  it('replaces a deleted Pod with a new name', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 3));
    h.advance(30);
    const [victim, ...rest] = h.podNames();
    expect(h.kubectl(`delete pod ${victim}`).stdout).toBe(`pod "${victim}" deleted\n`);
    const now = h.podNames();
    expect(now).toHaveLength(3);
    expect(now).not.toContain(victim);
    const fresh = now.filter((n) => !rest.includes(n));
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatch(POD_NAME);
    expect(h.eventsFor('web')).toContain(`Normal SuccessfulCreate: Created pod: ${fresh[0]} (replicaset-controller)`);
  });

  it('scales down Pending Pods before Running ones, and doubled-up nodes first', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 3));
    h.advance(30);
    const running = h.pods();
    expect(running.map((p) => `${p.metadata.name} ${p.spec.nodeName} ${p.status.phase}`)).toEqual(['web-5wfnx worker-1 Running', 'web-f5snw worker-2 Running', 'web-xct4c worker-2 Running']);
    scale(h, 'web', 5);
    const pending = h.pods().filter((p) => p.status?.phase === 'Pending').map((p) => p.metadata.name);
    expect(pending).toHaveLength(2);
    scale(h, 'web', 3);
    const deleted = h.eventsFor('web').filter((e) => e.includes('SuccessfulDelete'));
    expect(deleted.sort()).toEqual(pending.map((n) => `Normal SuccessfulDelete: Deleted pod: ${n} (replicaset-controller)`).sort());
    h.advance(40);
    expect(h.podNames()).toEqual(['web-5wfnx', 'web-f5snw', 'web-xct4c']);
    // Three Running and ready Pods: worker-2 runs two of them, so its Pods rank first.
    scale(h, 'web', 1);
    expect(h.eventsFor('web').filter((e) => e.includes('SuccessfulDelete')).slice(-2).sort()).toEqual([
      'Normal SuccessfulDelete: Deleted pod: web-f5snw (replicaset-controller)',
      'Normal SuccessfulDelete: Deleted pod: web-xct4c (replicaset-controller)',
    ]);
    h.advance(40);
    expect(h.podNames()).toEqual(['web-5wfnx']);
    expect(h.rs('web')!.status.replicas).toBe(1);
  });

  it('honours controller.kubernetes.io/pod-deletion-cost', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 3));
    h.advance(30);
    const keep = h.store.get(PODS, 'default', 'web-xct4c')!;
    keep.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '100' };
    h.api.update(PODS, keep, 'kubectl');
    scale(h, 'web', 2);
    expect(h.eventsFor('web').filter((e) => e.includes('SuccessfulDelete'))).toEqual(['Normal SuccessfulDelete: Deleted pod: web-f5snw (replicaset-controller)']);
  });

  it('adopts orphans whose labels match and releases Pods whose labels no longer do', () => {
    const h = controllersHarness();
    h.create('apiVersion: v1\nkind: Pod\nmetadata:\n  name: stray\n  labels:\n    app: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n');
    h.create(replicaSetYaml('web', 3));
    const stray = h.store.get(PODS, 'default', 'stray')!;
    expect(owners(stray)).toEqual(['ReplicaSet/web']);
    expect(h.podNames()).toHaveLength(3);
    expect(h.eventsFor('web').filter((e) => e.includes('SuccessfulCreate'))).toHaveLength(2);
    // Relabel it: the ReplicaSet lets it go and makes a replacement.
    stray.metadata.labels = { app: 'other' };
    h.api.update(PODS, stray, 'kubectl');
    h.kernel.settle();
    expect(h.store.get(PODS, 'default', 'stray')!.metadata.ownerReferences).toBeUndefined();
    expect(h.podNames()).toHaveLength(4);
    expect(h.rs('web')!.status.replicas).toBe(3);
  });

  it('keeps its status counts exact as Pods change: readiness, labels, a new template label', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 3));
    h.advance(30);
    expect(h.rs('web')!.status).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 3, replicas: 3 });
    // A template label the Pods lack: they still count as replicas, no longer as fully labeled.
    const rs = h.rs('web')!;
    rs.spec.template.metadata.labels = { app: 'web', track: 'stable' };
    h.api.update(RS, rs, 'kubectl');
    h.kernel.settle();
    expect(h.rs('web')!.status).toEqual({ availableReplicas: 3, observedGeneration: 2, readyReplicas: 3, replicas: 3 });
    // One Pod gets the label; another is deleted (a replacement from the new template has it).
    const [first, second] = h.pods();
    first!.metadata.labels = { ...first!.metadata.labels, track: 'stable' };
    h.api.update(PODS, first!, 'kubectl');
    h.kernel.settle();
    expect(h.rs('web')!.status.fullyLabeledReplicas).toBe(1);
    h.api.delete(PODS, 'default', second!.metadata.name, 'kubectl', { gracePeriodSeconds: 0 });
    h.kernel.settle();
    expect(h.rs('web')!.status).toEqual({ availableReplicas: 2, fullyLabeledReplicas: 2, observedGeneration: 2, readyReplicas: 2, replicas: 3 });
    h.advance(30);
    expect(h.rs('web')!.status).toEqual({ availableReplicas: 3, fullyLabeledReplicas: 2, observedGeneration: 2, readyReplicas: 3, replicas: 3 });
  });

  it('reports minReadySeconds in availableReplicas', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 2, 'app: web', '\n  minReadySeconds: 60'));
    h.advance(30);
    expect(h.rs('web')!.status).toMatchObject({ readyReplicas: 2, replicas: 2 });
    expect(h.rs('web')!.status.availableReplicas).toBeUndefined();
    // Ready a few seconds after creation; available a minute later, without any other event.
    const readyAt = Math.max(...h.pods().map((p) => parseRFC3339(p.status.conditions.find((c: { type: string }) => c.type === 'Ready').lastTransitionTime)!));
    const nowUnix = () => parseRFC3339(h.kernel.timestamp())!;
    h.advance((readyAt + 60_000 - nowUnix()) / 1000 - 1);
    expect(h.rs('web')!.status.availableReplicas).toBeUndefined();
    h.advance(2);
    expect(h.rs('web')!.status.availableReplicas).toBe(2);
  });

  it('records FailedCreate and the ReplicaFailure condition when the API server refuses a Pod', () => {
    const h = controllersHarness();
    h.create(replicaSetYaml('web', 3).replace('      containers:', '      serviceAccountName: nope\n      containers:'));
    const message = 'pods "web-" is forbidden: error looking up service account default/nope: serviceaccount "nope" not found';
    expect(h.eventsFor('web')).toEqual([`Warning FailedCreate: Error creating: ${message} (replicaset-controller)`]);
    expect(h.rs('web')!.status).toEqual({
      conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: h.kernel.timestamp(), reason: 'FailedCreate', message }],
      observedGeneration: 1,
      replicas: 0,
    });
    expect(h.podNames()).toEqual([]);
  });

  it('creates at most BurstReplicas (500) Pods per sync', () => {
    const h = controllersHarness();
    const written: number[] = [];
    h.store.watch(RS, (e) => {
      if (e.type === 'MODIFIED' && e.object.metadata.name === 'big' && e.object.status?.replicas !== e.old?.status?.replicas) written.push(e.object.status.replicas);
    });
    h.create(replicaSetYaml('big', 600));
    // Each sync writes the status of the Pods it saw before acting, as calculateStatus does:
    // 0, then 500 (and 100 more created), then 600.
    expect(written).toEqual([0, 500, 600]);
    expect(h.podNames()).toHaveLength(600);
  });

  it('is deterministic for a seed', () => {
    const run = () => {
      const h = controllersHarness(5);
      h.create(replicaSetYaml('web', 4));
      h.advance(20);
      scale(h, 'web', 1);
      h.advance(40);
      return JSON.stringify(h.kernel.timeline.list());
    };
    expect(run()).toBe(run());
  });
});

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, ... and stops after a batch with a failure', () => {
    let calls = 0;
    const fail = new APIError('Forbidden', 'no');
    const r = slowStartBatch(10, 1, () => (++calls === 4 ? fail : undefined));
    expect(calls).toBe(7);
    expect(r).toEqual({ successes: 6, error: fail });
    calls = 0;
    expect(slowStartBatch(10, 1, () => void calls++)).toEqual({ successes: 10, error: undefined });
    expect(calls).toBe(10);
  });
});

describe('ControllerExpectations', () => {
  it('holds a sync back until creations and the expected deletions are observed, or expire', () => {
    let now = 0;
    const e = new ControllerExpectations(() => now);
    expect(e.satisfied('default/web')).toBe(true);
    e.expectCreations('default/web', 2);
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(false);
    e.creationObserved('default/web');
    expect(e.satisfied('default/web')).toBe(true);
    e.expectDeletions('default/web', ['default/a']);
    e.deletionObserved('default/web', 'default/b');
    expect(e.satisfied('default/web')).toBe(false);
    now = 5 * 60 * 1000 + 1;
    expect(e.satisfied('default/web')).toBe(true);
  });
});
