import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const pdb = (bound: string): string => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${bound}
  selector:
    matchLabels: {app: web}
`;

/** Both web Pods on worker-1 (worker-2 cordoned while they are placed), the budget applied at t=30. */
function twoPodsOnWorker1(bound: string, opts: { uncordon: boolean }): Cluster {
  const c = createCluster({ seed: 7 });
  c.exec('kubectl cordon worker-2');
  c.apply(DEPLOYMENT);
  c.advance(30);
  c.apply(pdb(bound));
  if (opts.uncordon) c.exec('kubectl uncordon worker-2');
  c.advance(5);
  return c;
}

const pdbWrites = (c: Cluster, fromT: number): string[] =>
  c
    .timeline()
    .filter((e) => e.t >= fromT && e.type === 'api' && e.object?.kind === 'PodDisruptionBudget')
    .map((e) => `${e.t} ${e.source}: ${e.message}`);

describe('disruption controller', () => {
  it('computes the budget status and the DisruptionAllowed condition', () => {
    const c = twoPodsOnWorker1('maxUnavailable: 1', { uncordon: true });
    const yaml = c.exec('kubectl get pdb web-pdb -o yaml').stdout;
    expect(yaml.slice(yaml.indexOf('status:'))).toBe(`status:
  conditions:
  - lastTransitionTime: "2024-08-13T12:00:30Z"
    message: ""
    observedGeneration: 1
    reason: SufficientPods
    status: "True"
    type: DisruptionAllowed
  currentHealthy: 2
  desiredHealthy: 1
  disruptionsAllowed: 1
  expectedPods: 2
  observedGeneration: 1
`);
    // printPodDisruptionBudget: an unset bound is N/A.
    expect(c.exec('kubectl get pdb').stdout).toBe(`NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
web-pdb   N/A             1                 1                     5s
`);
    expect(c.exec('kubectl describe pdb web-pdb').stdout).toBe(`Name:             web-pdb
Namespace:        default
Max unavailable:  1
Selector:         app=web
Status:
    Allowed disruptions:  1
    Current:              2
    Desired:              1
    Total:                2
Events:                   <none>
`);
  });

  it('counts an integer minAvailable against the Pods it selects, and says when none match', () => {
    const c = createCluster({ seed: 3 });
    c.apply(pdb('minAvailable: 2'));
    c.apply(DEPLOYMENT.replace('replicas: 2', 'replicas: 3'));
    c.advance(30);
    expect(c.exec('kubectl get pdb').stdout).toBe(`NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
web-pdb   2               N/A               1                     30s
`);
    const described = c.exec('kubectl describe pdb web-pdb').stdout;
    expect(described).toContain('Min available:  2\n');
    // The status write re-syncs the budget, still before the Pods exist: the event counts twice.
    expect(described).toContain('  Normal  NoPods  30s (x2 over 30s)  controllermanager  No matching pods found\n');
    // A percentage is taken of the Deployment's scale, rounded up: 50% of 3 needs 2.
    c.apply(pdb('minAvailable: 50%').replace('web-pdb', 'half'));
    const half = c.exec('kubectl get pdb half -o yaml').stdout;
    expect(half).toContain('  desiredHealthy: 2\n');
    expect(half).toContain('  expectedPods: 3\n');
  });

  it('fails safe on Pods whose controller has no scale', () => {
    const c = createCluster({ seed: 3 });
    c.apply(`apiVersion: batch/v1
kind: Job
metadata:
  name: sleeper
spec:
  template:
    metadata:
      labels: {app: sleeper}
    spec:
      restartPolicy: Never
      containers:
      - name: s
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
`);
    c.apply(pdb('maxUnavailable: 1').replace('app: web', 'app: sleeper'));
    c.advance(10);
    const yaml = c.exec('kubectl get pdb web-pdb -o yaml').stdout;
    expect(yaml).toContain('    reason: SyncFailed\n');
    expect(yaml).toMatch(/message: found no controllers for pod "sleeper-[a-z0-9]{5}"\n/);
    expect(c.exec('kubectl describe pdb web-pdb').stdout).toMatch(/Warning {2}CalculateExpectedPodCountFailed {2}9s \(x5 over 10s\) {2}controllermanager {2}Failed to calculate the number of expected pods: found no controllers for pod "sleeper-[a-z0-9]{5}"\n/);
  });
});

describe('kubectl drain with a PodDisruptionBudget', () => {
  it('retries a refused eviction every 5 s until the replacement is ready', () => {
    const c = twoPodsOnWorker1('maxUnavailable: 1', { uncordon: true });
    const t0 = c.now();
    const pods = c.exec('kubectl get pods -o name').stdout.trim().split('\n').map((p) => p.slice('pod/'.length));
    const [a, b] = pods as [string, string];
    const out = c.exec('kubectl drain worker-1 --ignore-daemonsets');
    expect(t0).toBe(35);
    expect(c.now()).toBe(41);
    expect(out.stdout).toBe(`node/worker-1 cordoned
evicting pod default/${a}
evicting pod default/${b}
pod/${a} evicted
evicting pod default/${b}
pod/${b} evicted
node/worker-1 drained
`);
    // drain.go: `error when evicting pods/%q -n %q (will retry after 5s): %v`; eviction.go's 429 message.
    expect(out.stderr).toBe(`Warning: ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-r4hvd, kube-system/kube-proxy-8dx2b
error when evicting pods/"${b}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
`);
    expect(out.exitCode).toBe(0);
    expect(pdbWrites(c, t0)).toEqual([
      `35 kube-apiserver: poddisruptionbudget default/web-pdb status: eviction of ${a}, 0 disruptions allowed`,
      '35 disruption-controller: poddisruptionbudget default/web-pdb status: 1 healthy, 1 desired, 0 disruptions allowed',
      '39.147 disruption-controller: poddisruptionbudget default/web-pdb status: 2 healthy, 1 desired, 1 disruptions allowed',
      `40 kube-apiserver: poddisruptionbudget default/web-pdb status: eviction of ${b}, 0 disruptions allowed`,
      '40 disruption-controller: poddisruptionbudget default/web-pdb status: 1 healthy, 1 desired, 0 disruptions allowed',
    ]);
  });

  it('gives up at --timeout when the budget never allows the eviction', () => {
    // Nowhere to go: worker-2 stays cordoned, so the replacement stays Pending.
    const c = twoPodsOnWorker1('minAvailable: 1', { uncordon: false });
    const [a, b] = c.exec('kubectl get pods -o name').stdout.trim().split('\n').map((p) => p.slice('pod/'.length)) as [string, string];
    const out = c.exec('kubectl drain worker-1 --ignore-daemonsets --timeout=12s');
    // The goroutine notices the deadline only after its next 5 s sleep: at 15 s.
    expect(c.now()).toBe(50);
    const refused = `error when evicting pods/"${b}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    const timeout = `error when evicting pods/"${b}" -n "default": global timeout reached: 12s`;
    expect(out.stdout).toBe(`node/worker-1 cordoned
evicting pod default/${a}
evicting pod default/${b}
pod/${a} evicted
evicting pod default/${b}
evicting pod default/${b}
evicting pod default/${b}
`);
    expect(out.stderr).toBe(
      'Warning: ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-r4hvd, kube-system/kube-proxy-8dx2b\n' +
        refused.repeat(3) +
        `There are pending pods in node "worker-1" when an error occurred: ${timeout}\npod/${b}\n` +
        `error: unable to drain node "worker-1" due to error: ${timeout}, continuing command...\nThere are pending nodes to be drained:\n worker-1\n${timeout}\n`,
    );
    expect(out.exitCode).toBe(1);
  });

  it('evicts Pods selected by two budgets with the eviction subresource error', () => {
    const c = twoPodsOnWorker1('maxUnavailable: 1', { uncordon: true });
    c.apply(pdb('maxUnavailable: 1').replace('web-pdb', 'second'));
    const [a, b] = c.exec('kubectl get pods -o name').stdout.trim().split('\n').map((p) => p.slice('pod/'.length)) as [string, string];
    const out = c.exec('kubectl drain worker-1 --ignore-daemonsets');
    const err = (p: string) => `error when evicting pods/"${p}" -n "default": This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.`;
    // The aggregate prints as `[a, b]` inside messages, and one error per line at the end (cmdutil.CheckErr).
    expect(out.stderr.split('\n').slice(-3)).toEqual([err(a), err(b), '']);
    expect(out.stderr).toContain(`error: unable to drain node "worker-1" due to error: [${err(a)}, ${err(b)}], continuing command...\n`);
    expect(out.exitCode).toBe(1);
  });
});

describe('PodDisruptionBudget validation', () => {
  it('refuses both bounds, bad percentages and more than 100%', () => {
    const c = createCluster({ seed: 1 });
    const both = c.apply(pdb('minAvailable: 1\n  maxUnavailable: 1'));
    expect(both.stderr).toBe(
      'The PodDisruptionBudget "web-pdb" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a4e1a0), Selector:(*v1.LabelSelector)(0xc000a4e1c0), MaxUnavailable:(*intstr.IntOrString)(0xc000a4e1e0), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set\n',
    );
    expect(c.apply(pdb('minAvailable: 150%')).stderr).toBe('The PodDisruptionBudget "web-pdb" is invalid: spec.minAvailable: Invalid value: 150%: must not be greater than 100%\n');
    expect(c.apply(pdb('maxUnavailable: -1')).stderr).toBe('The PodDisruptionBudget "web-pdb" is invalid: spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0\n');
    expect(c.apply(pdb('maxUnavailable: 1')).stdout).toBe('poddisruptionbudget.policy/web-pdb created\n');
  });
});
