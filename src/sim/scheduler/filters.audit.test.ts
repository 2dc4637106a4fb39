/**
 * Issue 3 audit: the filters the other scheduler tests leave out, through the headless API (seed 5):
 * NodeUnschedulable (a cordoned node), NodeName (a Pod with spec.nodeName skips the scheduler), required
 * node affinity, and PodTopologySpread's missing topology label (v1.31 wording:
 * plugins/nodeunschedulable ErrReasonUnschedulable, podtopologyspread ErrReasonNodeLabelNotMatch; all three
 * are UnschedulableAndUnresolvable, so preemption "is not helpful").
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('kube-scheduler filters through the cluster', () => {
  it('a cordoned node, required node affinity and a spread constraint on a missing label; a label later lets the affinity Pod in', () => {
    const c = createCluster({ seed: 5 });
    expect(c.exec('kubectl cordon worker-1').stdout).toBe('node/worker-1 cordoned\n');
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: aff}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions: [{key: disk, operator: In, values: [ssd]}]
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: spread, labels: {app: s}}
spec:
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: s}}}
  containers: [{name: app, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: named}
spec:
  nodeName: worker-1
  containers: [{name: app, image: nginx:1.27}]
`);
    c.advance(3);
    const failed = (name: string) => c.timeline().filter((e) => e.type === 'event' && e.object?.name === name && e.reason === 'FailedScheduling').map((e) => `${e.t} ${e.message}`);
    const tail = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(failed('aff')).toEqual([`0 0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, ${tail}`]);
    expect(failed('spread')).toEqual([`0 0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), ${tail}`]);
    const decision = c.timeline().find((e) => e.type === 'decision' && e.object?.name === 'aff' && e.reason === 'FailedScheduling')!;
    expect(decision.data!.filtered).toEqual([
      { node: 'control-plane', plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      { node: 'worker-1', plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] },
      { node: 'worker-2', plugin: 'NodeAffinity', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
    ]);
    // spec.nodeName: no scheduler, no Scheduled event, straight to the cordoned node's kubelet.
    expect(c.timeline().filter((e) => e.object?.name === 'named' && e.source.includes('scheduler'))).toEqual([]);
    expect(c.exec('kubectl get pods -o wide --no-headers').stdout.split('\n').map((l) => l.split(/\s+/).slice(0, 3).concat(l.split(/\s+/)[6] ?? '').join(' '))).toEqual([
      'aff 0/1 Pending <none>',
      'named 0/1 ContainerCreating worker-1',
      'spread 0/1 Pending <none>',
      ' ',
    ]);
    expect(c.exec('kubectl label node worker-2 disk=ssd').stdout).toBe('node/worker-2 labeled\n');
    c.advance(3);
    expect(c.timeline().filter((e) => e.type === 'event' && e.object?.name === 'aff' && e.reason === 'Scheduled').map((e) => `${e.t} ${e.message}`)).toEqual([
      // The label is a node update: the Pod leaves the unschedulable queue at once; binding takes 16 ms.
      '3.016 Successfully assigned default/aff to worker-2',
    ]);
  });
});
