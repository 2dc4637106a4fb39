import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { DaemonSetController, resolveMaxUnavailable } from './daemonset.ts';
import { computeHash } from './pods.ts';
import { clusterHarness, PODS } from './testing-harness.ts';

const DAEMONSETS = preferredResourceForKind('DaemonSet')!;
const NODES = preferredResourceForKind('Node')!;
const COMPONENT = 'daemonset-controller';

const FLUENTD = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluentd, namespace: default}
spec:
  selector: {matchLabels: {app: fluentd}}
  template:
    metadata: {labels: {app: fluentd}}
    spec:
      containers: [{name: fluentd, image: "fluentd:v1.17"}]
`;

function setup() {
  return clusterHarness([(k, a, s, e) => new DaemonSetController(k, a, s, e)]);
}

type H = ReturnType<typeof setup>;

/** node → pod name, image, phase for a DaemonSet's live Pods. */
function podsOf(h: H, ds: string, namespace = 'default'): string[] {
  return h.store
    .list(PODS, namespace)
    .filter((p) => p.metadata.ownerReferences?.[0]?.name === ds && !p.metadata.deletionTimestamp)
    .map((p) => `${p.spec.nodeName ?? '-'} ${p.spec.containers[0].image} ${p.status?.phase}`)
    .sort();
}

function status(h: H, name: string, namespace = 'default') {
  return h.store.get(DAEMONSETS, namespace, name)!.status;
}

describe('DaemonSet controller', () => {
  it('adopts the bootstrap kube-proxy and flannel Pods without creating or deleting any', () => {
    const h = setup();
    h.at(60);
    expect(h.eventsBy(COMPONENT)).toEqual([]);
    expect(podsOf(h, 'kube-proxy', 'kube-system')).toHaveLength(3);
    expect(podsOf(h, 'kube-flannel-ds', 'kube-flannel')).toHaveLength(3);
    expect(status(h, 'kube-proxy', 'kube-system')).toEqual({ currentNumberScheduled: 3, desiredNumberScheduled: 3, numberAvailable: 3, numberMisscheduled: 0, numberReady: 3, observedGeneration: 1, updatedNumberScheduled: 3 });
  });

  it('runs one Pod per worker (the control plane taint is not tolerated), placed by the scheduler', () => {
    const h = setup();
    h.apply(FLUENTD);
    const events = h.eventsBy(COMPONENT);
    expect(events).toHaveLength(2);
    for (const e of events) expect(e).toMatch(/^0 SuccessfulCreate: Created pod: fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    h.at(30);
    const pods = h.store.list(PODS, 'default');
    for (const pod of pods) {
      // The controller pins the node with an affinity; the scheduler sets nodeName.
      expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec.nodeName] }] }]);
      expect(pod.metadata.generateName).toBe('fluentd-');
      expect(pod.metadata.labels).toEqual({ app: 'fluentd', 'controller-revision-hash': computeHash(h.store.get(DAEMONSETS, 'default', 'fluentd')!.spec.template), 'pod-template-generation': '1' });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: h.store.get(DAEMONSETS, 'default', 'fluentd')!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(pod.spec.tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
      ]);
    }
    expect(podsOf(h, 'fluentd')).toEqual(['worker-1 fluentd:v1.17 Running', 'worker-2 fluentd:v1.17 Running']);
    expect(status(h, 'fluentd')).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 1, updatedNumberScheduled: 2 });
  });

  it('runs on the control plane too when the template tolerates its taint; hostNetwork adds network-unavailable', () => {
    const h = setup();
    h.apply(FLUENTD.replace('containers:', 'hostNetwork: true\n      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]\n      containers:'));
    h.at(30);
    expect(podsOf(h, 'fluentd')).toEqual(['control-plane fluentd:v1.17 Running', 'worker-1 fluentd:v1.17 Running', 'worker-2 fluentd:v1.17 Running']);
    const pod = h.store.list(PODS, 'default')[0]!;
    expect(pod.spec.tolerations[0]).toEqual({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' });
    expect(pod.spec.tolerations.at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('honours the nodeSelector, and follows node removal and addition', () => {
    const h = setup();
    h.apply(FLUENTD.replace('containers:', 'nodeSelector: {kubernetes.io/hostname: worker-2}\n      containers:'));
    h.at(20);
    expect(podsOf(h, 'fluentd')).toEqual(['worker-2 fluentd:v1.17 Running']);
    const node = h.store.get(NODES, undefined, 'worker-2')!;
    h.store.delete(NODES, undefined, 'worker-2', 'kubectl');
    h.at(21);
    // getUnscheduledPodsWithoutNode: a Pod bound to the deleted node is not the DaemonSet
    // controller's to delete (the pod GC controller collects orphans), so nothing is deleted here.
    expect(podsOf(h, 'fluentd')).toEqual(['worker-2 fluentd:v1.17 Running']);
    expect(h.eventsBy(COMPONENT).filter((e) => e.includes('SuccessfulDelete'))).toEqual([]);
    // The orphan force-deleted (as PodGC does): no Pod is created while the node is gone.
    const orphan = h.store.list(PODS, 'default')[0]!;
    h.store.delete(PODS, 'default', orphan.metadata.name, 'pod-garbage-collector');
    h.at(22);
    expect(podsOf(h, 'fluentd')).toEqual([]);
    const again: KubeObject = { ...node, metadata: { ...node.metadata, resourceVersion: '' } };
    h.store.create(NODES, again, 'kubelet');
    h.at(40);
    expect(podsOf(h, 'fluentd')).toEqual(['worker-2 fluentd:v1.17 Running']);
    expect(h.eventsBy(COMPONENT).filter((e) => e.includes('fluentd')).at(-1)).toMatch(/^22 SuccessfulCreate: Created pod: fluentd-\w{5}$/);
  });

  it('rolls a template change out one node at a time (maxUnavailable 1)', () => {
    const h = setup();
    h.apply(FLUENTD);
    h.at(30);
    const ds = h.store.get(DAEMONSETS, 'default', 'fluentd')!;
    ds.spec.template.spec.containers[0].image = 'fluentd:v1.18';
    h.api.update(DAEMONSETS, ds, 'kubectl');
    h.kernel.settle();
    // One old Pod goes first; the other stays until the replacement is available.
    expect(podsOf(h, 'fluentd')).toHaveLength(1);
    h.at(120);
    expect(podsOf(h, 'fluentd')).toEqual(['worker-1 fluentd:v1.18 Running', 'worker-2 fluentd:v1.18 Running']);
    // Delete at the update, create once the old Pod has terminated, and the next node only
    // after the new Pod is Ready (the generic server's start-up time).
    const events = h.eventsBy(COMPONENT).slice(2).map((e) => e.replace(/fluentd-\w{5}/, 'fluentd-*'));
    expect(events).toEqual(['30 SuccessfulDelete: Deleted pod: fluentd-*', '31 SuccessfulCreate: Created pod: fluentd-*', '32.71 SuccessfulDelete: Deleted pod: fluentd-*', '33 SuccessfulCreate: Created pod: fluentd-*']);
    expect(status(h, 'fluentd')).toEqual({ currentNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0, numberReady: 2, observedGeneration: 2, updatedNumberScheduled: 2 });
    for (const p of h.store.list(PODS, 'default')) if (!p.metadata.deletionTimestamp) expect(p.metadata.labels!['pod-template-generation']).toBe('2');
  });

  it('OnDelete leaves old Pods until they are deleted', () => {
    const h = setup();
    h.apply(FLUENTD.replace('  template:', '  updateStrategy: {type: OnDelete}\n  template:'));
    h.at(30);
    const ds = h.store.get(DAEMONSETS, 'default', 'fluentd')!;
    ds.spec.template.spec.containers[0].image = 'fluentd:v1.18';
    h.api.update(DAEMONSETS, ds, 'kubectl');
    h.at(90);
    expect(podsOf(h, 'fluentd')).toEqual(['worker-1 fluentd:v1.17 Running', 'worker-2 fluentd:v1.17 Running']);
    expect(status(h, 'fluentd').updatedNumberScheduled).toBeUndefined();
    const old = h.store.list(PODS, 'default').find((p) => p.spec.nodeName === 'worker-1')!;
    h.api.delete(PODS, 'default', old.metadata.name, 'kubectl');
    h.at(150);
    expect(podsOf(h, 'fluentd')).toEqual(['worker-1 fluentd:v1.18 Running', 'worker-2 fluentd:v1.17 Running']);
    expect(status(h, 'fluentd').updatedNumberScheduled).toBe(1);
  });

  it('resolves maxUnavailable as an int or a percentage rounded up', () => {
    expect(resolveMaxUnavailable(1, 3)).toBe(1);
    expect(resolveMaxUnavailable('50%', 3)).toBe(2);
    expect(resolveMaxUnavailable('10%', 3)).toBe(1);
  });

  it('computes the revision hash deterministically in ComputeHash alphabet', () => {
    const a = computeHash({ metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'b' }] } });
    expect(a).toBe(computeHash({ spec: { containers: [{ image: 'b', name: 'a' }] }, metadata: { labels: { app: 'x' } } }));
    expect(a).toMatch(/^[4-9bcdf]{1,10}$/);
    expect(computeHash({ a: 1 }, 1)).not.toBe(computeHash({ a: 1 }));
  });
});
