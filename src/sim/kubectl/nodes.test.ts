import { describe, expect, it } from 'vitest';
import { APIError } from '../api/errors.ts';
import { nodeHarness, PODS } from '../controllers/nodelifecycle/testing.ts';
import { Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { FlagError, parseFlags } from './flags.ts';
import { nodeCommands } from './nodes.ts';

/** Runs one of this file's commands as runKubectl does (the lead registers them there). */
function kubectl(h: ReturnType<typeof nodeHarness>, line: string) {
  const [, name, ...rest] = line.split(/\s+/);
  const cmd = nodeCommands[name!]!;
  const out = new Output();
  try {
    cmd.run({ kernel: h.kernel, store: h.store, api: h.api, stdin: '', source: 'STDIN' }, parseFlags(rest, cmd.flags), out);
  } catch (err) {
    if (err instanceof FlagError) out.err(`error: ${err.message}\nSee 'kubectl ${name} --help' for usage.\n`);
    else if (err instanceof KubectlError || err instanceof APIError) out.err(formatErrors([err]));
    else throw err;
    out.exitCode = 1;
  }
  return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
}

const REPLICA = (name: string) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: { app: web }
  ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f9c7b6, uid: 6f1c2b3a-0000-4000-8000-000000000001, controller: true, blockOwnerDeletion: true }]
spec:
  nodeName: worker-1
  containers: [{ name: nginx, image: "nginx:1.27" }]
`;

const SOLO = `
apiVersion: v1
kind: Pod
metadata: { name: solo }
spec:
  nodeName: worker-1
  containers: [{ name: nginx, image: "nginx:1.27" }]
`;

const DS_PODS = 'kube-flannel/kube-flannel-ds-b6lv2, kube-system/kube-proxy-mwc2z';

describe('kubectl cordon / uncordon', () => {
  it('prints cordoned, already cordoned, uncordoned, already uncordoned', () => {
    const h = nodeHarness();
    expect(kubectl(h, 'kubectl cordon worker-1')).toEqual({ stdout: 'node/worker-1 cordoned\n', stderr: '', exitCode: 0 });
    expect(h.node('worker-1').spec.unschedulable).toBe(true);
    expect(h.taints('worker-1')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(kubectl(h, 'kubectl cordon worker-1')).toEqual({ stdout: 'node/worker-1 already cordoned\n', stderr: '', exitCode: 0 });
    expect(kubectl(h, 'kubectl uncordon worker-1')).toEqual({ stdout: 'node/worker-1 uncordoned\n', stderr: '', exitCode: 0 });
    expect(h.node('worker-1').spec.unschedulable).toBeUndefined();
    expect(h.taints('worker-1')).toEqual([]);
    expect(kubectl(h, 'kubectl uncordon worker-1')).toEqual({ stdout: 'node/worker-1 already uncordoned\n', stderr: '', exitCode: 0 });
    expect(kubectl(h, 'kubectl cordon worker-1 --dry-run=client')).toEqual({ stdout: 'node/worker-1 cordoned (dry run)\n', stderr: '', exitCode: 0 });
    expect(h.node('worker-1').spec.unschedulable).toBeUndefined();
    expect(kubectl(h, 'kubectl cordon -l kubernetes.io/hostname=worker-2')).toEqual({ stdout: 'node/worker-2 cordoned\n', stderr: '', exitCode: 0 });
  });

  it("prints cobra's usage error and the server's NotFound", () => {
    const h = nodeHarness();
    expect(kubectl(h, 'kubectl cordon')).toEqual({ stdout: '', stderr: "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n", exitCode: 1 });
    expect(kubectl(h, 'kubectl uncordon nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', exitCode: 1 });
  });
});

describe('kubectl drain', () => {
  it('refuses DaemonSet-managed pods without --ignore-daemonsets (after cordoning)', () => {
    const h = nodeHarness();
    expect(kubectl(h, 'kubectl drain worker-1')).toEqual({
      stdout: 'node/worker-1 cordoned\n',
      stderr: [
        `error: unable to drain node "worker-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${DS_PODS}, continuing command...`,
        'There are pending nodes to be drained:',
        ' worker-1',
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${DS_PODS}`,
        '',
      ].join('\n'),
      exitCode: 1,
    });
  });

  it('refuses unmanaged pods without --force, listing every error', () => {
    const h = nodeHarness();
    h.create(SOLO);
    const r = kubectl(h, 'kubectl drain worker-1');
    expect(r.stderr).toBe(
      [
        `error: unable to drain node "worker-1" due to error: [cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo, cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${DS_PODS}], continuing command...`,
        'There are pending nodes to be drained:',
        ' worker-1',
        'cannot delete cannot delete Pods that declare no controller (use --force to override): default/solo',
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${DS_PODS}`,
        '',
      ].join('\n'),
    );
    expect(h.pod('solo')!.metadata.deletionTimestamp).toBeUndefined();
  });

  it('evicts, waits in virtual time until the pods are gone, and says drained', () => {
    const h = nodeHarness();
    h.create(REPLICA('web-5d8f9c7b6-abcde'));
    h.create(SOLO);
    h.at(10);
    const r = kubectl(h, 'kubectl drain worker-1 --ignore-daemonsets --force');
    expect(r).toEqual({
      stdout: ['node/worker-1 cordoned', 'evicting pod default/solo', 'evicting pod default/web-5d8f9c7b6-abcde', 'pod/solo evicted', 'pod/web-5d8f9c7b6-abcde evicted', 'node/worker-1 drained', ''].join('\n'),
      stderr: `Warning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: ${DS_PODS}\n`,
      exitCode: 0,
    });
    // nginx stops on SIGTERM at once; the kubelet reports it at the next relist, drain sees it at its next 1s poll.
    expect(h.kernel.nowMs).toBe(11_000);
    expect(h.pod('solo')).toBeUndefined();
    const evicted = h.kernel.timeline.list().find((e) => e.object?.name === 'solo' && e.message.includes('DisruptionTarget'));
    expect(evicted?.source).toBe('kube-apiserver');
  });

  it('gives up at --timeout when the kubelet is stopped, listing the pending pods', () => {
    const h = nodeHarness();
    h.create(REPLICA('web-5d8f9c7b6-abcde'));
    h.at(10);
    h.services.get('worker-1')!.systemctl(['stop', 'kubelet']);
    const r = kubectl(h, 'kubectl drain worker-1 --ignore-daemonsets --timeout=30s');
    const err = 'error when waiting for pod "web-5d8f9c7b6-abcde" terminating: global timeout reached: 30s';
    expect(r).toEqual({
      stdout: 'node/worker-1 cordoned\nevicting pod default/web-5d8f9c7b6-abcde\n',
      stderr: [
        `Warning: ignoring DaemonSet-managed Pods: ${DS_PODS}`,
        `There are pending pods in node "worker-1" when an error occurred: ${err}`,
        'pod/web-5d8f9c7b6-abcde',
        `error: unable to drain node "worker-1" due to error: ${err}, continuing command...`,
        'There are pending nodes to be drained:',
        ' worker-1',
        err,
        '',
      ].join('\n'),
      exitCode: 1,
    });
    expect(h.kernel.nowMs).toBe(40_000);
  });

  it('stops waiting for pods deleted longer ago than --skip-wait-for-delete-timeout', () => {
    const h = nodeHarness();
    h.create(REPLICA('web-5d8f9c7b6-abcde'));
    h.at(10);
    h.services.get('worker-1')!.systemctl(['stop', 'kubelet']);
    h.api.delete(PODS, 'default', 'web-5d8f9c7b6-abcde', 'test');
    // deletionTimestamp is 40s (10s + the 30s grace): at 100s it is 60s old, so drain skips the pod.
    h.at(100);
    const r = kubectl(h, 'kubectl drain worker-1 --ignore-daemonsets --skip-wait-for-delete-timeout=30');
    expect(r.stdout).toBe('node/worker-1 cordoned\nnode/worker-1 drained\n');
    expect(h.kernel.nowMs).toBe(100_000);
    expect(h.pod('web-5d8f9c7b6-abcde')).toBeDefined();
  });

  it('prints what it would evict with --dry-run=client', () => {
    const h = nodeHarness();
    h.create(REPLICA('web-5d8f9c7b6-abcde'));
    expect(kubectl(h, 'kubectl drain worker-1 --ignore-daemonsets --dry-run=client')).toEqual({
      stdout: 'node/worker-1 cordoned (dry run)\nevicting pod default/web-5d8f9c7b6-abcde (dry run)\nnode/worker-1 drained (dry run)\n',
      stderr: `Warning: ignoring DaemonSet-managed Pods: ${DS_PODS}\n`,
      exitCode: 0,
    });
    expect(h.pod('web-5d8f9c7b6-abcde')!.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('kubectl taint', () => {
  it('taints, refuses a duplicate without --overwrite, overwrites, untaints', () => {
    const h = nodeHarness();
    expect(kubectl(h, 'kubectl taint nodes worker-1 dedicated=gpu:NoSchedule')).toEqual({ stdout: 'node/worker-1 tainted\n', stderr: '', exitCode: 0 });
    expect(h.taints('worker-1')).toEqual(['dedicated=gpu:NoSchedule']);
    expect(kubectl(h, 'kubectl taint nodes worker-1 dedicated=ml:NoSchedule')).toEqual({ stdout: '', stderr: 'error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n', exitCode: 1 });
    expect(kubectl(h, 'kubectl taint nodes worker-1 dedicated=ml:NoSchedule --overwrite')).toEqual({ stdout: 'node/worker-1 modified\n', stderr: '', exitCode: 0 });
    expect(h.taints('worker-1')).toEqual(['dedicated=ml:NoSchedule']);
    expect(kubectl(h, 'kubectl taint no worker-1 dedicated:NoSchedule-')).toEqual({ stdout: 'node/worker-1 untainted\n', stderr: '', exitCode: 0 });
    expect(h.taints('worker-1')).toEqual([]);
    expect(kubectl(h, 'kubectl taint nodes worker-1 dedicated-')).toEqual({ stdout: '', stderr: 'error: taint "dedicated" not found\n', exitCode: 1 });
  });

  it("prints kubectl's errors for bad specs", () => {
    const h = nodeHarness();
    const err = (line: string) => kubectl(h, line).stderr;
    expect(err('kubectl taint nodes worker-1 key=value:Foo')).toBe("error: invalid taint effect: Foo, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
    // A spec without `:` is a key alone, so `key=value` fails as a key (parseTaint).
    expect(err('kubectl taint nodes worker-1 key=value')).toBe(
      "error: invalid taint spec: key=value, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n",
    );
    expect(err('kubectl taint nodes worker-1')).toBe('error: at least one taint update is required\n');
    expect(err('kubectl taint nodes worker-1 a=b:NoSchedule worker-2')).toBe('error: all resources must be specified before taint changes: worker-2\n');
    expect(err('kubectl taint pods web a=b:NoSchedule')).toBe('error: invalid resource type pods, only node types are supported\n');
    expect(err('kubectl taint nodes a=b:NoSchedule')).toBe("error: at least one resource name must be specified since 'all' parameter is not set\n");
    expect(err('kubectl taint nodes worker-1 a=b:NoSchedule a:NoSchedule-')).toBe('error: can not both modify and remove the following taint(s) in the same command: {"a":"NoSchedule"}\n');
    expect(err('kubectl taint nodes nope a=b:NoSchedule')).toBe('Error from server (NotFound): nodes "nope" not found\n');
  });

  it('taints every node with --all', () => {
    const h = nodeHarness();
    expect(kubectl(h, 'kubectl taint nodes --all team=blue:PreferNoSchedule').stdout).toBe('node/control-plane tainted\nnode/worker-1 tainted\nnode/worker-2 tainted\n');
    expect(h.taints('control-plane')).toEqual(['team=blue:PreferNoSchedule', 'node-role.kubernetes.io/control-plane:NoSchedule']);
  });
});
