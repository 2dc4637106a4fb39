/**
 * Adding and removing nodes through the headless API and kubectl, as on a kubeadm cluster with
 * flannel: exact kubectl output and the virtual times the controllers give.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

const BIG_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests:\n        cpu: "3"\n';
const WEB = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n';

function eventsOf(c: Cluster, name: string): string[] {
  return c
    .timeline()
    .filter((e) => e.type === 'event' && e.object?.name === name)
    .map((e) => `${e.t} ${e.reason}: ${e.message}`);
}

/** `kubectl get pods -A -o wide` rows on a node: namespace, name (without its random suffix), ready, status, age or IP. */
const onNode = (c: Cluster, node: string, col = 6) =>
  rows(c.exec('kubectl get pods -A -o wide --no-headers').stdout)
    .map((r) => r.split(' '))
    .filter((r) => r[7] === node)
    .map((r) => [r[0], r[1]!.replace(/-\w{5}$/, ''), r[2], r[3], r[col]].join(' '));

const rows = (out: string) => out.trim().split('\n').map((l) => l.replace(/\s+/g, ' '));

describe('cluster.addNode', () => {
  it('joins worker-3 at 172.18.0.5 with 10.244.3.0/24; a Pod that fit nowhere is scheduled onto it and runs once flannel readies the node', () => {
    const c = createCluster({ seed: 21 });
    c.apply('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n');
    c.apply(BIG_POD);
    c.advance(10);
    c.addNode({ name: 'worker-3', cpu: 4 });
    c.advance(40);
    expect(eventsOf(c, 'x')).toEqual([
      '0 FailedScheduling: 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
      '10.019 Scheduled: Successfully assigned default/x to worker-3',
      '10.019 NetworkNotReady: network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      // The node controller's not-ready:NoExecute taint (15.1 s) is lifted when the node turns Ready.
      '20 TaintManagerEviction: Cancelling deletion of Pod default/x',
      '25.497 Pulling: Pulling image "nginx:1.27"',
      '28.511 Pulled: Successfully pulled image "nginx:1.27" in 3.014s (3.014s including waiting). Image size: 72955450 bytes.',
      '28.511 Created: Created container app',
      '28.511 Started: Started container app',
    ]);
    expect(eventsOf(c, 'worker-3').map((e) => e.replace(/ Node worker-3 status is now:.*/, ''))).toEqual([
      '10 Starting: Starting kubelet.',
      '10 NodeHasSufficientMemory:',
      '10 NodeHasNoDiskPressure:',
      '10 NodeHasSufficientPID:',
      '10 NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      '20 NodeReady:',
    ]);
    expect(rows(c.exec('kubectl get nodes -o wide').stdout).at(-1)).toBe('worker-3 Ready <none> 40s v1.31.0 172.18.0.5 <none> Ubuntu 24.04.1 LTS 6.8.0-45-generic containerd://1.7.22');
    expect(c.exec("kubectl get node worker-3 -o jsonpath='{.spec.podCIDR}'").stdout).toBe('10.244.3.0/24');
    expect(onNode(c, 'worker-3')).toEqual([
      'default x 1/1 Running 10.244.3.2',
      'kube-flannel kube-flannel-ds 1/1 Running 172.18.0.5',
      'kube-system kube-proxy 1/1 Running 172.18.0.5',
    ]);
    // kube-proxy on the new node wrote the rules of every Service there is.
    const nat = c.exec('iptables-save -t nat', { node: 'worker-3' }).stdout;
    for (const svc of ['default/kubernetes:https cluster IP', 'kube-system/kube-dns:dns cluster IP', 'kube-system/kube-dns:dns-tcp cluster IP', 'kube-system/kube-dns:metrics cluster IP', 'default/web has no endpoints']) {
      if (svc.endsWith('no endpoints')) continue; // a Service without endpoints has filter rules only
      expect(nat).toContain(`--comment "${svc}"`);
    }
    expect(nat).toContain('-A FLANNEL-POSTRTG -s 10.244.3.0/24 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN');
    expect(c.exec('iptables-save -t filter', { node: 'worker-3' }).stdout).toContain('--comment "default/web has no endpoints"');
  });

  it('gives the next IP and CIDR to each node in join order, refuses a duplicate name, and keeps a default cluster otherwise unchanged', () => {
    const c = createCluster({ seed: 3 });
    expect(() => c.addNode({ name: 'worker-2' })).toThrow('addNode: a node named "worker-2" already exists');
    c.addNode({ name: 'worker-3' });
    c.addNode({ name: 'big', cpu: 16, memoryGi: 64, labels: { disk: 'ssd' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
    expect(() => c.addNode({ name: 'big' })).toThrow('addNode: a node named "big" already exists');
    c.advance(30);
    expect(c.exec("kubectl get nodes -o custom-columns=NAME:.metadata.name,IP:.status.addresses[0].address,CIDR:.spec.podCIDR,TAINTS:.spec.taints[*].key --no-headers").stdout).toBe(
      [
        'big             172.18.0.6   10.244.4.0/24   dedicated',
        'control-plane   172.18.0.2   10.244.0.0/24   node-role.kubernetes.io/control-plane',
        'worker-1        172.18.0.3   10.244.1.0/24   <none>',
        'worker-2        172.18.0.4   10.244.2.0/24   <none>',
        'worker-3        172.18.0.5   10.244.3.0/24   <none>',
        '',
      ].join('\n'),
    );
    expect(c.exec('kubectl get ds -A --no-headers').stdout.split('\n').map((l) => l.replace(/\s+/g, ' ').split(' ').slice(0, 7).join(' '))).toEqual(['kube-flannel kube-flannel-ds 5 5 5 5 5', 'kube-system kube-proxy 5 5 5 5 5', '']);
  });
});

describe('kubectl delete node', () => {
  it('deletes the Node; PodGC collects its Pods after the 40s quarantine, the Deployment replaces them elsewhere, and the running kubelet does not register it again until restarted', () => {
    const c = createCluster({ seed: 21 });
    c.apply(WEB);
    c.advance(30);
    const oldUid = c.snapshot().objects.nodes!.find((n) => n.metadata.name === 'worker-2')!.metadata.uid;
    expect(c.exec('kubectl delete node worker-2')).toEqual({ stdout: 'node "worker-2" deleted\n', stderr: '', exitCode: 0 });
    c.advance(5);
    expect(rows(c.exec('kubectl get nodes').stdout)).toEqual(['NAME STATUS ROLES AGE VERSION', 'control-plane Ready control-plane 12m v1.31.0', 'worker-1 Ready <none> 11m v1.31.0']);
    // Until PodGC's pass at 80 s (the pass at 40 s quarantines the node for 40 s) its Pods remain, bound to no node that exists.
    expect(onNode(c, 'worker-2')).toHaveLength(4);
    c.advance(60);
    const t = c.timeline();
    expect(t.filter((e) => e.reason === 'ForceDelete').map((e) => `${e.t} ${e.message.replace(/-\w{5}$/, '')}`)).toEqual([
      '80 PodGC is force deleting Pod default/web-c7d75d445',
      '80 PodGC is force deleting Pod default/web-c7d75d445',
      '80 PodGC is force deleting Pod kube-flannel/kube-flannel-ds',
      '80 PodGC is force deleting Pod kube-system/kube-proxy',
    ]);
    expect(t.filter((e) => e.source === 'daemonset-controller' && e.reason === 'SuccessfulDelete')).toEqual([]);
    expect(t.filter((e) => e.source === 'replicaset-controller' && e.reason === 'SuccessfulCreate').map((e) => e.t)).toEqual([0, 0, 0, 0, 80, 80]);
    expect(t.filter((e) => e.reason === 'NodeStatusUpdateFailed').map((e) => `${e.t} ${e.message}`)).toEqual(['40 Error updating node status, will retry: error getting node "worker-2": nodes "worker-2" not found']);
    expect(onNode(c, 'worker-2')).toEqual([]);
    expect(c.exec('kubectl get deploy web --no-headers').stdout.replace(/\s+/g, ' ')).toBe('web 4/4 4 4 95s ');
    expect(c.exec('kubectl get node worker-2').stderr).toBe('Error from server (NotFound): nodes "worker-2" not found\n');

    // A new kubelet process registers the Node again: a new uid, Ready at once (flannel's CNI
    // config is still on the machine), node IPAM's next /24, and the DaemonSets' Pods back.
    expect(c.snapshot().objects.nodes!.map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1']);
    expect(c.exec('systemctl restart kubelet', { node: 'worker-2' })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(rows(c.exec('kubectl get node worker-2').stdout)).toEqual(['NAME STATUS ROLES AGE VERSION', 'worker-2 Ready <none> 0s v1.31.0']);
    expect(c.exec("kubectl get node worker-2 -o jsonpath='{.spec.podCIDR}'").stdout).toBe('10.244.3.0/24');
    expect(c.exec("kubectl get node worker-2 -o jsonpath='{.metadata.uid}'").stdout).not.toBe(oldUid);
    c.advance(30);
    expect(onNode(c, 'worker-2', 5)).toEqual([
      'kube-flannel kube-flannel-ds 1/1 Running 30s',
      'kube-system kube-proxy 1/1 Running 30s',
    ]);
    expect(eventsOf(c, 'worker-2').filter((e) => e.startsWith('95 ')).map((e) => e.replace(/ Node worker-2 status is now:.*/, ''))).toEqual([
      '95 Starting: Starting kubelet.',
      '95 NodeHasSufficientMemory:',
      '95 NodeHasNoDiskPressure:',
      '95 NodeHasSufficientPID:',
      '95 NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
    ]);
  });
});
