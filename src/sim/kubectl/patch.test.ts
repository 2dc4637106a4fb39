import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

/**
 * Expected outputs were recorded from kubectl v1.31.9 run against a fake API server serving exactly
 * these objects (scripts/kubectl-oracle, PORT=18110). With --dry-run=client kubectl applies the
 * patch itself (strategic merge, JSON merge, JSON patch) and prints the result, so these pin the
 * three patch algorithms, the strategic merge's item order included.
 */
const MANIFEST = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: nginx, image: nginx:1.27, ports: [{containerPort: 80, name: http}, {containerPort: 443, protocol: TCP}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: noport}\nspec:\n  selector: {matchLabels: {app: noport, tier: x}}\n  template:\n    metadata: {labels: {app: noport, tier: x}}\n    spec:\n      containers:\n      - {name: bb, image: busybox, command: [sleep, \"3600\"]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: solo, labels: {run: solo}}\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [{containerPort: 8080, protocol: UDP}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: nolabels}\nspec:\n  containers:\n  - {name: c, image: nginx, ports: [{containerPort: 8080}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: websvc, labels: {x: z}}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, name: http}, {port: 443, targetPort: 8443, name: https, protocol: TCP}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: tick}\nspec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    metadata: {labels: {k: v}, annotations: {a: b}}\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: t, image: busybox, command: [date]}]\n";

function oracleCluster() {
  const c = createCluster({ seed: 1 });
  c.apply(MANIFEST);
  c.advance(20);
  return c;
}

const CASES: [command: string, output: string, exitCode: number][] = [
  ["kubectl patch deploy web --type=foo -p x", "error: --type must be one of [json merge strategic], not \"foo\"\n", 1],
  ["kubectl patch deploy web", "error: must specify --patch or --patch-file containing the contents of the patch\n", 1],
  ["kubectl patch deploy nope -p '{}'", "Error from server (NotFound): deployments.apps \"nope\" not found\n", 1],
  ["kubectl patch deploy web -p '{\"spec\":{\"replicas\":3}}' --dry-run=client", "deployment.apps/web patched\n", 0],
  ["kubectl patch deploy web -p '{\"spec\":{\"replicas\":2}}' --dry-run=client", "deployment.apps/web patched (no change)\n", 0],
  ["kubectl patch deploy web -p '{\"spec\":{\"replicas\":3}}' --dry-run=client -o name", "deployment.apps/web\n", 0],
  ["kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"side\",\"image\":\"busybox\"}]}}}}' --dry-run=client -o jsonpath='{.spec.template.spec.containers[*].name}'", "side nginx", 0],
  ["kubectl patch pod solo -p '{\"spec\":{\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":9090}]}]}}' --dry-run=client -o jsonpath='{.spec.containers[0].ports}'", "[{\"containerPort\":9090},{\"containerPort\":8080,\"protocol\":\"UDP\"}]", 0],
  ["kubectl patch svc websvc -p '{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080}]}}' --dry-run=client -o jsonpath='{.spec.ports}'", "[{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\",\"targetPort\":8080},{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\",\"targetPort\":8443}]", 0],
  ["kubectl patch svc websvc --type=merge -p '{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080}]}}' --dry-run=client -o jsonpath='{.spec.ports}'", "[{\"port\":80,\"targetPort\":8080}]", 0],
  ["kubectl patch deploy web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]' --dry-run=client -o jsonpath='{.spec.replicas}'", "5", 0],
  ["kubectl patch deploy web -p 'spec: {replicas: 4}' --dry-run=client -o jsonpath='{.spec.replicas}'", "4", 0],
  ["kubectl patch deploy web -p '{\"metadata\":{\"labels\":{\"app\":null,\"x\":\"y\"}}}' --dry-run=client -o jsonpath='{.metadata.labels}'", "{\"x\":\"y\"}", 0],
  ["kubectl patch pod solo -p '{\"spec\":{\"containers\":[{\"name\":\"c\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]}]}}' --dry-run=client -o yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"labels\":{\"run\":\"solo\"},\"name\":\"solo\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx\",\"name\":\"c\",\"ports\":[{\"containerPort\":8080,\"protocol\":\"UDP\"}]}]}}\n  creationTimestamp: \"2024-08-13T12:00:00Z\"\n  labels:\n    run: solo\n  name: solo\n  namespace: default\n  resourceVersion: \"146\"\n  uid: 8de267a9-99b7-4784-a59f-86f2bb6b5b9a\nspec:\n  containers:\n  - env:\n    - name: A\n      value: \"1\"\n    image: nginx\n    imagePullPolicy: Always\n    name: c\n    ports:\n    - containerPort: 8080\n      protocol: UDP\n    resources: {}\n    terminationMessagePath: /dev/termination-log\n    terminationMessagePolicy: File\n    volumeMounts:\n    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount\n      name: kube-api-access-fnx2k\n      readOnly: true\n  dnsPolicy: ClusterFirst\n  enableServiceLinks: true\n  nodeName: worker-2\n  preemptionPolicy: PreemptLowerPriority\n  priority: 0\n  restartPolicy: Always\n  schedulerName: default-scheduler\n  securityContext: {}\n  serviceAccount: default\n  serviceAccountName: default\n  terminationGracePeriodSeconds: 30\n  tolerations:\n  - effect: NoExecute\n    key: node.kubernetes.io/not-ready\n    operator: Exists\n    tolerationSeconds: 300\n  - effect: NoExecute\n    key: node.kubernetes.io/unreachable\n    operator: Exists\n    tolerationSeconds: 300\n  volumes:\n  - name: kube-api-access-fnx2k\n    projected:\n      defaultMode: 420\n      sources:\n      - serviceAccountToken:\n          expirationSeconds: 3607\n          path: token\n      - configMap:\n          items:\n          - key: ca.crt\n            path: ca.crt\n          name: kube-root-ca.crt\n      - downwardAPI:\n          items:\n          - fieldRef:\n              apiVersion: v1\n              fieldPath: metadata.namespace\n            path: namespace\nstatus:\n  conditions:\n  - lastProbeTime: null\n    lastTransitionTime: \"2024-08-13T12:00:00Z\"\n    status: \"True\"\n    type: PodReadyToStartContainers\n  - lastProbeTime: null\n    lastTransitionTime: \"2024-08-13T12:00:00Z\"\n    status: \"True\"\n    type: Initialized\n  - lastProbeTime: null\n    lastTransitionTime: \"2024-08-13T12:00:04Z\"\n    status: \"True\"\n    type: Ready\n  - lastProbeTime: null\n    lastTransitionTime: \"2024-08-13T12:00:04Z\"\n    status: \"True\"\n    type: ContainersReady\n  - lastProbeTime: null\n    lastTransitionTime: \"2024-08-13T12:00:00Z\"\n    status: \"True\"\n    type: PodScheduled\n  containerStatuses:\n  - containerID: containerd://2c6192d64678b6b0ca0906daaa7e63aad3bae0086bb2e4c2bc8ced6340b42dd6\n    image: docker.io/library/nginx:latest\n    imageID: docker.io/library/nginx@sha256:03e4e61c379f63d327c67d4f277f99e5528bd25a3d6c2fe64e0ee5749715e234\n    lastState: {}\n    name: c\n    ready: true\n    restartCount: 0\n    started: true\n    state:\n      running:\n        startedAt: \"2024-08-13T12:00:04Z\"\n  hostIP: 172.18.0.4\n  hostIPs:\n  - ip: 172.18.0.4\n  phase: Running\n  podIP: 10.244.2.2\n  podIPs:\n  - ip: 10.244.2.2\n  qosClass: BestEffort\n  startTime: \"2024-08-13T12:00:00Z\"\n", 0],
  ["kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"$patch\":\"delete\"}]}}}}' --dry-run=client -o jsonpath='{.spec.template.spec.containers}'", "[]", 0],
  ["kubectl patch deploy web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"b\"},{\"name\":\"nginx\",\"image\":\"x\"},{\"name\":\"a\",\"image\":\"a\"}]}}}}' --dry-run=client -o jsonpath='{.spec.template.spec.containers[*].name}'", "b nginx a", 0],
  ["kubectl patch svc websvc -p '{\"spec\":{\"ports\":[{\"port\":443,\"targetPort\":9443},{\"port\":8080}]}}' --dry-run=client -o jsonpath='{.spec.ports}'", "[{\"name\":\"http\",\"port\":80,\"protocol\":\"TCP\",\"targetPort\":\"http\"},{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\",\"targetPort\":9443},{\"port\":8080}]", 0],
  ["kubectl patch deploy web --type=merge -p '{\"spec\":{\"replicas\":null}}' --dry-run=client -o jsonpath='{.spec.replicas}'", "", 0],
  ["kubectl patch deploy web --type=json -p '[{\"op\":\"add\",\"path\":\"/metadata/labels/x\",\"value\":\"y\"},{\"op\":\"remove\",\"path\":\"/metadata/labels/app\"}]' --dry-run=client -o jsonpath='{.metadata.labels}'", "{\"x\":\"y\"}", 0],
  ["kubectl patch deploy web --type=json -p '[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/-\",\"value\":{\"name\":\"z\",\"image\":\"z\"}}]' --dry-run=client -o jsonpath='{.spec.template.spec.containers[*].name}'", "nginx z", 0],
  ["kubectl patch deploy/web -p '{\"spec\":{\"replicas\":1}}' --dry-run=client -o name", "deployment.apps/web\n", 0],
];

describe('kubectl patch, as kubectl v1.31.9 prints it', () => {
  const c = oracleCluster();
  it.each(CASES)('%s', (command, output, exitCode) => {
    const r = c.exec(command);
    expect(r.stdout + r.stderr).toBe(output);
    expect(r.exitCode).toBe(exitCode);
  });
});

const run = (c: ReturnType<typeof createCluster>, line: string) => {
  const r = c.exec(line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
};
const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

describe('kubectl patch against the cluster', () => {
  it('writes through the server: defaults, validation, generation, (no change), allocation', () => {
    const c = createCluster({ seed: 1 });
    c.exec('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect(run(c, `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).toEqual(ok('deployment.apps/web patched\n'));
    expect(run(c, 'kubectl get deploy web -o jsonpath={.spec.replicas}/{.metadata.generation}').stdout).toBe('3/2');
    expect(run(c, `kubectl patch deployment web -p '{"spec":{"replicas":3}}'`)).toEqual(ok('deployment.apps/web patched (no change)\n'));
    expect(run(c, `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox"}]}}}}'`)).toEqual(ok('deployment.apps/web patched\n'));
    expect(run(c, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[*].name}/{.spec.template.spec.containers[0].imagePullPolicy}').stdout).toBe('side nginx/Always');
    expect(run(c, `kubectl patch deploy web -p '{"spec":{"replicas":-1}}'`)).toEqual(fail('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'));
    expect(run(c, `kubectl patch deploy web -p '{"spec":{"foo":1}}'`)).toEqual(fail('Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"\n'));
    expect(run(c, `kubectl patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":"fe"}}}'`)).toEqual(ok('deployment.apps/web patched\n'));
    expect(run(c, `kubectl patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":null}}}' --dry-run=server`)).toEqual(ok('deployment.apps/web patched (server dry run)\n'));
    expect(run(c, 'kubectl get deploy web -o jsonpath={.metadata.labels}').stdout).toBe('{"app":"web","tier":"fe"}');
    expect(run(c, `kubectl patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":null}}}'`)).toEqual(ok('deployment.apps/web patched\n'));
    expect(run(c, 'kubectl get deploy web -o jsonpath={.metadata.labels}').stdout).toBe('{"app":"web"}');
    expect(run(c, `kubectl patch svc kubernetes -p '{"spec":{"type":"NodePort"}}'`)).toEqual(ok('service/kubernetes patched\n'));
    expect(run(c, 'kubectl get svc kubernetes -o jsonpath={.spec.ports[0].nodePort}').stdout).toMatch(/^3\d{4}$/);
  });

  it('reports a JSON patch operation that does not apply as the server\'s 422 reads in kubectl', () => {
    const c = createCluster({ seed: 1 });
    c.exec('kubectl create deployment web --image=nginx');
    expect(run(c, `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/foo","value":1}]'`)).toEqual(fail('The  "" is invalid: : replace operation does not apply: doc is missing key: /spec/foo: missing value\n'));
    expect(run(c, `kubectl patch deploy web --type=json -p '[{"op":"test","path":"/spec/replicas","value":2}]'`)).toEqual(fail('The  "" is invalid: : testing value /spec/replicas failed: test failed\n'));
    expect(run(c, `kubectl patch deploy web --type=json -p '[{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":4}]'`)).toEqual(ok('deployment.apps/web patched\n'));
    expect(run(c, 'kubectl get deploy web -o jsonpath={.spec.replicas}').stdout).toBe('4');
  });
});
