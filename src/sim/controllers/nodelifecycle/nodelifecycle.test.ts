import { describe, expect, it } from 'vitest';
import { nodeHarness, NODES, PODS } from './testing.ts';

const WEB = `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  nodeName: worker-1
  containers: [{ name: nginx, image: "nginx:1.27", ports: [{ containerPort: 80 }] }]
`;

const UNKNOWN = ['MemoryPressure=Unknown NodeStatusUnknown', 'DiskPressure=Unknown NodeStatusUnknown', 'PIDPressure=Unknown NodeStatusUnknown', 'Ready=Unknown NodeStatusUnknown'];
const HEALTHY = ['MemoryPressure=False KubeletHasSufficientMemory', 'DiskPressure=False KubeletHasNoDiskPressure', 'PIDPressure=False KubeletHasSufficientPID', 'Ready=True KubeletReady'];

function podReady(h: ReturnType<typeof nodeHarness>, name: string): string | undefined {
  return h.pod(name)?.status.conditions.find((c: { type: string }) => c.type === 'Ready')?.status;
}

describe('node lifecycle controller: systemctl stop kubelet', () => {
  it('marks the node Unknown after the 40s grace, taints it, evicts its pods at 300s, and recovers on start', () => {
    const h = nodeHarness();
    h.create(WEB);
    h.at(12);
    expect(h.pod('web')!.status.phase).toBe('Running');
    // The lease was last renewed at 10s; the controller saw it on its 10s pass.
    expect(h.services.get('worker-1')!.systemctl(['stop', 'kubelet'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(h.services.get('worker-1')!.systemctl(['is-active', 'kubelet'])).toEqual({ stdout: 'inactive\n', stderr: '', exitCode: 3 });

    h.at(50);
    expect(h.conditions('worker-1')).toEqual(HEALTHY); // 50s is not after 10s + 40s
    h.at(54.999);
    expect(h.conditions('worker-1')).toEqual(HEALTHY);
    h.at(55);
    expect(h.conditions('worker-1')).toEqual(UNKNOWN);
    const ready = h.node('worker-1').status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready.message).toBe('Kubelet stopped posting node status.');
    expect(ready.lastTransitionTime).toBe(h.kernel.timestamp());
    expect(h.taints('worker-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect(podReady(h, 'web')).toBe('False');
    expect(h.conditions('worker-2')).toEqual(HEALTHY);

    // processTaintBaseEviction acts on the next pass (60s), doNoExecuteTaintingPass 100ms later.
    h.at(60);
    expect(h.taints('worker-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    h.at(60.1);
    expect(h.taints('worker-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(h.node('worker-1').spec.taints[1].timeAdded).toBe(h.kernel.timestamp());

    // DefaultTolerationSeconds: 300s after the taint was seen.
    h.at(360);
    expect(h.pod('web')!.metadata.deletionTimestamp).toBeUndefined();
    h.at(360.1);
    expect(h.pod('web')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.pod('web')!.status.conditions.find((c: { type: string }) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    // The kubelet is stopped: the pod stays Terminating.
    h.at(500);
    expect(h.pod('web')).toBeDefined();

    expect(h.services.get('worker-1')!.systemctl(['start', 'kubelet'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    h.kernel.settle();
    expect(h.conditions('worker-1')).toEqual(HEALTHY);
    expect(h.taints('worker-1')).toEqual(['node.kubernetes.io/unreachable:NoExecute']);
    h.at(505);
    expect(h.taints('worker-1')).toEqual([]);
    h.at(540);
    expect(h.pod('web')).toBeUndefined();

    expect(h.events('worker-1')).toEqual([
      '55 node-controller Normal NodeNotReady: Node worker-1 status is now: NodeNotReady',
      '500 kubelet Normal Starting: Starting kubelet.',
      '500 kubelet Normal NodeHasSufficientMemory: Node worker-1 status is now: NodeHasSufficientMemory (x2)',
      '500 kubelet Normal NodeHasNoDiskPressure: Node worker-1 status is now: NodeHasNoDiskPressure (x2)',
      '500 kubelet Normal NodeHasSufficientPID: Node worker-1 status is now: NodeHasSufficientPID (x2)',
      '500 kubelet Normal NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      '500 kubelet Normal NodeReady: Node worker-1 status is now: NodeReady',
    ]);
    expect(h.events('web').filter((e) => !e.includes(' kubelet '))).toEqual([
      '55 node-controller Warning NodeNotReady: Node is not ready',
      '360.1 taint-eviction-controller Normal TaintManagerEviction: Marking for deletion Pod default/web',
    ]);
    expect(h.events('web').filter((e) => e.includes('Killing'))).toEqual(['500 kubelet Normal Killing: Stopping container nginx']);
  });

  it('a kubelet back before the eviction deadline cancels it', () => {
    const h = nodeHarness();
    h.create(WEB);
    h.at(12);
    h.services.get('worker-1')!.systemctl(['stop', 'kubelet']);
    h.at(100);
    h.services.get('worker-1')!.systemctl(['start', 'kubelet']);
    h.at(105);
    expect(h.taints('worker-1')).toEqual([]);
    expect(podReady(h, 'web')).toBe('True');
    // The DaemonSet pods the cluster started with are written afresh too, Ready since the restart.
    const proxy = h.store.list(PODS, 'kube-system').find((p) => p.metadata.name.startsWith('kube-proxy-') && p.spec.nodeName === 'worker-1')!;
    expect(proxy.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: h.kernel.timestamp(h.kernel.nowMs - 5000) });
    h.at(400);
    expect(h.pod('web')!.metadata.deletionTimestamp).toBeUndefined();
    expect(h.events('web').filter((e) => e.includes('TaintManagerEviction'))).toEqual(['105 taint-eviction-controller Normal TaintManagerEviction: Cancelling deletion of Pod default/web']);
  });

  it('pod GC force-deletes the pods of a deleted node after the 40s quarantine', () => {
    const h = nodeHarness();
    h.create(WEB);
    h.at(12);
    h.services.get('worker-1')!.systemctl(['stop', 'kubelet']);
    h.at(400);
    expect(h.pod('web')!.metadata.deletionTimestamp).toBeDefined();
    h.api.delete(NODES, undefined, 'worker-1', 'test');
    // GC passes run every 20s from 0: 420 finds the node missing, 460 collects.
    h.at(459.999);
    expect(h.pod('web')).toBeDefined();
    h.at(460);
    expect(h.pod('web')).toBeUndefined();
    const gc = h.kernel.timeline.list().filter((e) => e.source === 'pod-garbage-collector' && e.object?.name === 'web');
    expect(gc.map((e) => `${e.t} ${e.reason}: ${e.message}`)).toEqual(['460 update: pod default/web status: Failed', '460 ForceDelete: PodGC is force deleting Pod default/web', '460 delete: pod default/web deleted']);
  });

  it('stops tainting when every node is unready (master disruption mode)', () => {
    const h = nodeHarness();
    for (const name of ['control-plane', 'worker-1', 'worker-2']) h.services.get(name)!.systemctl(['stop', 'kubelet']);
    h.at(120);
    for (const name of ['control-plane', 'worker-1', 'worker-2']) {
      expect(h.conditions(name)).toEqual(UNKNOWN);
      expect(h.taints(name).filter((t) => t.endsWith(':NoExecute'))).toEqual([]);
    }
  });
});

describe('systemctl on a node', () => {
  it('restart records the start events without a NodeReady; other units and verbs answer as systemd does', () => {
    const h = nodeHarness();
    const unit = h.services.get('worker-2')!;
    h.at(30);
    expect(unit.systemctl(['restart', 'kubelet'])).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    h.kernel.settle();
    expect(h.events('worker-2')).toEqual([
      '30 kubelet Normal Starting: Starting kubelet.',
      '30 kubelet Normal NodeHasSufficientMemory: Node worker-2 status is now: NodeHasSufficientMemory',
      '30 kubelet Normal NodeHasNoDiskPressure: Node worker-2 status is now: NodeHasNoDiskPressure',
      '30 kubelet Normal NodeHasSufficientPID: Node worker-2 status is now: NodeHasSufficientPID',
      '30 kubelet Normal NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
    ]);
    expect(unit.systemctl(['is-active', 'kubelet.service'])).toEqual({ stdout: 'active\n', stderr: '', exitCode: 0 });
    expect(unit.systemctl(['stop', 'nginx'])).toEqual({ stdout: '', stderr: 'Failed to stop nginx.service: Unit nginx.service not loaded.\n', exitCode: 5 });
    expect(unit.systemctl(['start', 'foo.service'])).toEqual({ stdout: '', stderr: 'Failed to start foo.service: Unit foo.service not found.\n', exitCode: 5 });
  });
});

describe('node lifecycle controller: taints from the spec', () => {
  it('adds node.kubernetes.io/unschedulable:NoSchedule while the node is cordoned', () => {
    const h = nodeHarness();
    const node = h.node('worker-2');
    node.spec.unschedulable = true;
    h.api.update(NODES, node, 'test');
    h.kernel.settle();
    expect(h.taints('worker-2')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    const again = h.node('worker-2');
    delete again.spec.unschedulable;
    h.api.update(NODES, again, 'test');
    h.kernel.settle();
    expect(h.taints('worker-2')).toEqual([]);
  });
});

describe('taint eviction controller', () => {
  it('deletes a pod that does not tolerate a NoExecute taint at once, and one with tolerationSeconds when they run out', () => {
    const h = nodeHarness();
    h.create(WEB);
    h.create(`
apiVersion: v1
kind: Pod
metadata: { name: patient }
spec:
  nodeName: worker-1
  tolerations: [{ key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 60 }]
  containers: [{ name: nginx, image: "nginx:1.27" }]
`);
    h.at(10);
    const node = h.node('worker-1');
    node.spec.taints = [{ key: 'maintenance', value: 'now', effect: 'NoExecute' }];
    h.api.update(NODES, node, 'test');
    h.kernel.settle();
    expect(h.pod('web')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.pod('patient')!.metadata.deletionTimestamp).toBeUndefined();
    h.at(69.999);
    expect(h.pod('patient')!.metadata.deletionTimestamp).toBeUndefined();
    h.at(70);
    expect(h.pod('patient')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.events('patient').filter((e) => e.includes('TaintManagerEviction'))).toEqual(['70 taint-eviction-controller Normal TaintManagerEviction: Marking for deletion Pod default/patient']);
  });
});
