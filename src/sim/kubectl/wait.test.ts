import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

/**
 * Expected outputs were recorded from kubectl v1.31.9 run against a fake API server serving exactly
 * these objects (scripts/kubectl-oracle, PORT=18110): client-side dry runs and the errors kubectl
 * raises itself, compared byte for byte.
 */
const MANIFEST = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: nginx, image: nginx:1.27, ports: [{containerPort: 80, name: http}, {containerPort: 443, protocol: TCP}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: noport}\nspec:\n  selector: {matchLabels: {app: noport, tier: x}}\n  template:\n    metadata: {labels: {app: noport, tier: x}}\n    spec:\n      containers:\n      - {name: bb, image: busybox, command: [sleep, \"3600\"]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {run: solo}}\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [{containerPort: 8080, protocol: UDP}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: nolabels}\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [{containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: websvc, labels: {x: z}}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, name: http}, {port: 443, targetPort: 8443, name: https, protocol: TCP}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tick}\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    metadata: {labels: {k: v}, annotations: {a: b}}\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: t, image: busybox, command: [date]}]\n";

function oracleCluster() {
  const c = createCluster({ seed: 1 });
  c.apply(MANIFEST);
  c.advance(20);
  return c;
}

const CASES: [command: string, output: string, exitCode: number][] = [
  ["kubectl wait --for=jsonpath='{.status.phase}'= pod/solo", "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n", 1],
  ["kubectl wait --for=jsonpath='{.a}'=b=c pod/solo", "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n", 1],
  ["kubectl wait --for=jsonpath= pod/solo", "error: jsonpath expression cannot be empty\n", 1],
  ["kubectl wait --for=condition=Ready pod -l app=zzz", "error: no matching resources found\n", 1],
  ["kubectl wait --for=condition=Ready pod", "error: resource(s) were provided, but no name was specified\n", 1],
  ["kubectl wait --for=condition=Ready", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1],
  ["kubectl wait pod/solo", "error: unrecognized condition: \"\"\n", 1],
  ["kubectl wait --for=foo pod/solo", "error: unrecognized condition: \"foo\"\n", 1],
  ["kubectl wait --for=condition=Ready pod/missing", "Error from server (NotFound): pods \"missing\" not found\n", 1],
  ["kubectl wait --for=delete pod/missing", "", 0],
  ["kubectl wait --for=condition=Foo pod/solo --timeout=0", "error: condition not met for pods/solo\n", 1],
  ["kubectl wait --for=condition=Ready pod/solo --timeout=0", "pod/solo condition met\n", 0],
  ["kubectl wait --for=jsonpath={.status.phase}=Pending pod/solo --timeout=0", "error: condition not met for pods/solo\n", 1],
  ["kubectl wait --for=jsonpath={.status.phase}=Running pod/solo --timeout=0", "pod/solo condition met\n", 0],
  ["kubectl wait --for=delete pod/solo --timeout=0", "error: condition not met for pods/solo\n", 1],
  ["kubectl wait --for=condition=Ready pod/solo pod/nolabels --timeout=0", "pod/solo condition met\npod/nolabels condition met\n", 0],
];

describe('kubectl wait (errors kubectl raises before it watches, and --timeout=0, which fetches once), as kubectl v1.31.9 prints them', () => {
  const c = oracleCluster();
  it.each(CASES)('%s', (command, output, exitCode) => {
    const r = c.exec(command);
    expect(r.stdout + r.stderr).toBe(output);
    expect(r.exitCode).toBe(exitCode);
  });
});

const run = (c: ReturnType<typeof createCluster>, line: string) => {
  const r = c.exec(line);
  return { out: r.stdout + r.stderr, exitCode: r.exitCode, t: c.now() };
};

describe('kubectl wait runs virtual time until the condition holds, or its timeout', () => {
  it('--for=condition=Ready returns at the write that made the Pod Ready; a met condition returns at once', () => {
    const c = createCluster({ seed: 1 });
    c.exec('kubectl run web --image=nginx --port=80');
    expect(run(c, 'kubectl wait --for=condition=Ready pod/web --timeout=60s')).toEqual({ out: 'pod/web condition met\n', exitCode: 0, t: 3.939 });
    expect(run(c, `kubectl get pod web -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`).out).toBe('True');
    expect(run(c, 'kubectl wait --for=condition=ready=true pod/web')).toEqual({ out: 'pod/web condition met\n', exitCode: 0, t: 3.939 });
  });

  it('times out after --timeout of virtual time, with kubectl\'s message', () => {
    const c = createCluster({ seed: 1 });
    c.exec('kubectl run slow --image=nginx:doesnotexist');
    expect(run(c, 'kubectl wait --for=condition=Ready pod/slow --timeout=15s')).toEqual({ out: 'error: timed out waiting for the condition on pods/slow\n', exitCode: 1, t: 15 });
    // The default timeout is 30s.
    expect(run(c, 'kubectl wait --for=condition=Ready pod/slow')).toEqual({ out: 'error: timed out waiting for the condition on pods/slow\n', exitCode: 1, t: 45 });
    // 0 checks once.
    expect(run(c, 'kubectl wait --for=condition=Ready pod/slow --timeout=0')).toEqual({ out: 'error: condition not met for pods/slow\n', exitCode: 1, t: 45 });
    // A deletion while waiting for a condition leaves it unmet until the timeout.
    c.exec('kubectl delete pod slow --wait=false');
    expect(run(c, 'kubectl wait --for=condition=Ready pod/slow --timeout=20s')).toEqual({ out: 'error: timed out waiting for the condition on pods/slow\n', exitCode: 1, t: 65 });
  });

  it('--for=jsonpath and --for=delete, over a selector and several objects', () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl run bb --image=busybox --restart=Never -- sh -c 'echo hello; sleep 2'");
    expect(run(c, 'kubectl wait --for=jsonpath={.status.phase}=Succeeded pod/bb --timeout=1m')).toEqual({ out: 'pod/bb condition met\n', exitCode: 0, t: 4 });
    c.exec('kubectl create deployment d --image=nginx --replicas=2');
    expect(run(c, 'kubectl wait --for=condition=Available deploy/d --timeout=2m')).toEqual({ out: 'deployment.apps/d condition met\n', exitCode: 0, t: 8.289 });
    expect(run(c, 'kubectl wait --for=jsonpath={.status.phase}=Running pod -l app=d').out).toMatch(/^pod\/d-[a-z0-9]+-[a-z0-9]{5} condition met\npod\/d-[a-z0-9]+-[a-z0-9]{5} condition met\n$/);
    c.exec('kubectl run web --image=nginx');
    expect(run(c, 'kubectl wait --for=condition=Ready pod/web')).toEqual({ out: 'pod/web condition met\n', exitCode: 0, t: 9.78 });
    c.exec('kubectl delete pod web --wait=false');
    // The kubelet stops nginx within its grace period; the wait ends when the API object is gone.
    expect(run(c, 'kubectl wait --for=delete pod/web --timeout=60s')).toEqual({ out: 'pod/web condition met\n', exitCode: 0, t: 40 });
    // Already gone: NotFound is ignored for --for=delete, nothing is printed.
    expect(run(c, 'kubectl wait --for=delete pod/web')).toEqual({ out: '', exitCode: 0, t: 40 });
  });

  it('waits for a Job created from the command line to complete', () => {
    const c = createCluster({ seed: 1 });
    c.exec("kubectl create job j --image=busybox -- sh -c 'echo hi'");
    const r = run(c, 'kubectl wait --for=condition=complete job/j --timeout=2m');
    expect(r.out).toBe('job.batch/j condition met\n');
    expect(run(c, 'kubectl logs job/j').out).toBe('hi\n');
  });
});
