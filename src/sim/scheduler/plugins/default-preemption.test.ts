/**
 * PriorityClass, the Priority admission plugin and DefaultPreemption, through the headless API (seed 5).
 * Upstream v1.31: plugin/pkg/admission/priority/admission.go, pkg/apis/scheduling/validation,
 * pkg/scheduler/framework/preemption/preemption.go, printers.go (priorityClassColumnDefinitions).
 */
import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../../api/resources.ts';
import { createCluster, type Cluster } from '../../index.ts';
import { container, schedulerHarness } from '../testing.ts';

const classes = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000000
description: "for the important Pod"
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 100
`;

const filler = `apiVersion: apps/v1
kind: Deployment
metadata: {name: filler}
spec:
  replicas: 4
  selector: {matchLabels: {app: filler}}
  template:
    metadata: {labels: {app: filler}}
    spec:
      priorityClassName: low
      containers: [{name: app, image: "busybox:1.36", command: ["sleep", "3600"], resources: {requests: {cpu: 900m}}}]
`;

const vip = `apiVersion: v1
kind: Pod
metadata: {name: vip}
spec:
  priorityClassName: high
  containers: [{name: app, image: "nginx:1.27", resources: {requests: {cpu: "1"}}}]
`;

const rows = (c: Cluster) =>
  c
    .exec('kubectl get pods -o wide --no-headers')
    .stdout.trim()
    .split('\n')
    .map((l) => l.split(/\s+/));

describe('PriorityClass and the Priority admission plugin', () => {
  it('serves the two system classes; resolves priorityClassName and the global default; refuses as the API server does', () => {
    const c = createCluster({ seed: 5 });
    expect(c.exec('kubectl get priorityclasses').stdout).toBe(
      'NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n' +
        'system-cluster-critical   2000000000   false            12m   PreemptLowerPriority\n' +
        'system-node-critical      2000001000   false            12m   PreemptLowerPriority\n',
    );
    expect(c.apply(classes).stdout).toBe('priorityclass.scheduling.k8s.io/high created\npriorityclass.scheduling.k8s.io/low created\n');
    const pc = (yaml: string) => c.apply(`apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\n${yaml}`).stderr;
    expect(pc('metadata: {name: system-foo}\nvalue: 1000\n')).toBe(
      "The PriorityClass \"system-foo\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-foo is not a known system priority class\n",
    );
    expect(pc('metadata: {name: huge}\nvalue: 2000000000\n')).toBe('The PriorityClass "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000\n');
    expect(pc('metadata: {name: high}\nvalue: 1001\n')).toBe('The PriorityClass "high" is invalid: value: Forbidden: may not be changed in an update.\n');
    expect(pc('metadata: {name: d1}\nvalue: 10\nglobalDefault: true\n')).toBe('');
    expect(pc('metadata: {name: d2}\nvalue: 20\nglobalDefault: true\n')).toBe(
      'Error from server (Forbidden): error when creating "STDIN": priorityclasses.scheduling.k8s.io "d2" is forbidden: PriorityClass d1 is already marked as default. Only one default can exist\n',
    );
    const pod = (name: string, extra: string) => c.apply(`apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n${extra}  containers: [{name: a, image: nginx}]\n`);
    expect(pod('x', '  priorityClassName: nope\n').stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "x" is forbidden: no PriorityClass with name nope was found\n');
    expect(pod('w', '  priority: 5\n').stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "w" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 10 from the given PriorityClass name\n',
    );
    expect(pod('named', '  priorityClassName: high\n').stdout).toBe('pod/named created\n');
    expect(pod('plain', '').stdout).toBe('pod/plain created\n');
    const spec = (name: string) => JSON.parse(c.exec(`kubectl get pod ${name} -o json`).stdout).spec;
    expect([spec('named').priority, spec('named').priorityClassName, spec('named').preemptionPolicy]).toEqual([1000000, 'high', 'PreemptLowerPriority']);
    // No class named: the global default's name and value.
    expect([spec('plain').priority, spec('plain').priorityClassName]).toEqual([10, 'd1']);
    expect(c.exec('kubectl describe pod named').stdout).toContain('Priority:             1000000\nPriority Class Name:  high\n');
  });
});

describe('DefaultPreemption', () => {
  it('evicts a lower-priority Pod gracefully, nominates its node, and schedules the preemptor once the victim is gone', () => {
    const c = createCluster({ seed: 5 });
    c.apply(classes);
    c.apply(filler);
    c.advance(20);
    // 900m each: two per worker (1.8 of 2 CPUs), so the vip's 1 CPU fits nowhere.
    expect(rows(c).map((r) => `${r[2]} ${r[6]}`).sort()).toEqual(['Running worker-1', 'Running worker-1', 'Running worker-2', 'Running worker-2']);
    c.apply(vip);
    c.advance(0.5);
    const vipUid = JSON.parse(c.exec('kubectl get pod vip -o json').stdout).metadata.uid;
    const preempted = c.timeline().filter((e) => e.type === 'event' && e.reason === 'Preempted');
    expect(preempted.map((e) => `${e.t} ${e.source} ${e.message}`)).toEqual([`20 default-scheduler Preempted by pod ${vipUid} on node worker-2`]);
    const victim = preempted[0]!.object!.name;
    // Lower priority and same start time on both workers: the first candidate from the random offset.
    const victimPod = JSON.parse(c.exec(`kubectl get pod ${victim} -o json`).stdout);
    expect(victimPod.spec.nodeName).toBe('worker-2');
    expect(victimPod.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(victimPod.status.conditions.find((x: { type: string }) => x.type === 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: '2024-08-13T12:00:20Z',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    // After a successful PostFilter the FitError has no preemption part; the Pod waits, nominated.
    const failed = c.timeline().filter((e) => e.type === 'event' && e.object?.name === 'vip' && e.reason === 'FailedScheduling');
    expect(failed.map((e) => `${e.t} ${e.message}`)).toEqual(['20 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.']);
    const vipRow = () => rows(c).find((r) => r[0] === 'vip')!;
    expect(vipRow()).toEqual(['vip', '0/1', 'Pending', '0', '0s', '<none>', '<none>', 'worker-2', '<none>']);
    expect(rows(c).find((r) => r[0] === victim)!.slice(1, 3)).toEqual(['1/1', 'Terminating']);
    // The ReplicaSet replaces the victim at once; its low-priority Pod finds nothing to preempt.
    const replacement = rows(c).find((r) => r[2] === 'Pending' && r[0] !== 'vip')![0]!;
    expect(c.timeline().filter((e) => e.type === 'event' && e.object?.name === replacement && e.reason === 'FailedScheduling')[0]!.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    // `sleep` ignores SIGTERM as PID 1: SIGKILL at 50 s; the kubelet deletes the Pod at the next relist,
    // which frees the node and moves the preemptor back into the active queue.
    c.advance(35);
    const scheduled = c.timeline().filter((e) => e.type === 'event' && e.object?.name === 'vip' && e.reason === 'Scheduled');
    expect(scheduled.map((e) => `${e.t} ${e.message}`)).toEqual(['51.02 Successfully assigned default/vip to worker-2']);
    expect(vipRow().slice(0, 3).concat(vipRow()[6]!)).toEqual(['vip', '1/1', 'Running', 'worker-2']);
    expect(rows(c).some((r) => r[0] === victim)).toBe(false);
  });
});

describe('SelectVictimsOnNode and pickOneNodeForPreemption', () => {
  it('reprieves PDB-protected Pods first, keeps what still fits, evicts with the grace period and nominates the node', () => {
    const h = schedulerHarness(3);
    const on = (node: string) => ({ nodeName: node });
    // worker-1: b (priority 10, created first), then a (priority 10, protected by a budget with no disruption left).
    h.createPod('b', { ...on('worker-1'), priority: 10, containers: [container('app', '900m')] });
    h.createPod('a', { ...on('worker-1'), priority: 10, containers: [container('app', '900m')] }, { labels: { app: 'a' } });
    // worker-2: c (priority 10) and d (priority 10), no budget.
    h.createPod('c', { ...on('worker-2'), priority: 10, containers: [container('app', '900m')] });
    h.createPod('d', { ...on('worker-2'), priority: 10, containers: [container('app', '900m')] });
    const PDBS = preferredResourceForKind('PodDisruptionBudget')!;
    const pdb = h.api.create(PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'a', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'a' } } } }, 'kubectl');
    h.store.update(PDBS, { ...pdb, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } }, 'test', { subresource: 'status' });
    h.kernel.advanceMs(100);
    // Pinned to worker-1: without the budget, b (first in MoreImportantPod order among equals) would be
    // reprieved and a evicted; the budget makes a the first reprieved, so b is the victim.
    h.createPod('pinned', { priority: 1000, nodeSelector: { 'kubernetes.io/hostname': 'worker-1' }, containers: [container('app', '1')] });
    h.kernel.advanceMs(100);
    const preempting = h.kernel.timeline.list().filter((e) => e.reason === 'Preempting');
    expect(preempting.map((e) => e.message)).toEqual(['Pod default/pinned preempts default/b on worker-1']);
    expect(h.pod('b').metadata.deletionTimestamp).toBeDefined();
    expect(h.pod('a').metadata.deletionTimestamp).toBeUndefined();
    expect(h.pod('pinned').status.nominatedNodeName).toBe('worker-1');
    // A second preemptor, free to go anywhere: worker-1 still counts the terminating b (until it is gone),
    // so each worker needs one priority-10 victim and none violates a budget (b again on worker-1; on
    // worker-2 c comes first in MoreImportantPod order and is reprieved, d is the victim). Every criterion
    // ties: the first candidate from the random offset wins.
    h.createPod('free', { priority: 1000, containers: [container('app', '1')] });
    h.kernel.advanceMs(100);
    expect(h.kernel.timeline.list().filter((e) => e.reason === 'Preempting').map((e) => e.message)[1]).toBe('Pod default/free preempts default/d on worker-2');
    expect(h.pod('c').metadata.deletionTimestamp).toBeUndefined();
    expect(h.pod('free').status.nominatedNodeName).toBe('worker-2');
  });
});
