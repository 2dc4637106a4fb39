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
  ["kubectl run nginx --image=nginx --dry-run=client -o yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n", 0],
  ["kubectl run nginx --image=nginx:1.27 --port=80 --labels=app=web,tier=fe --env=A=1 --env=B=2 --restart=Never --dry-run=client -o json", "{\n    \"kind\": \"Pod\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"nginx\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\",\n            \"tier\": \"fe\"\n        }\n    },\n    \"spec\": {\n        \"containers\": [\n            {\n                \"name\": \"nginx\",\n                \"image\": \"nginx:1.27\",\n                \"ports\": [\n                    {\n                        \"containerPort\": 80\n                    }\n                ],\n                \"env\": [\n                    {\n                        \"name\": \"A\",\n                        \"value\": \"1\"\n                    },\n                    {\n                        \"name\": \"B\",\n                        \"value\": \"2\"\n                    }\n                ],\n                \"resources\": {}\n            }\n        ],\n        \"restartPolicy\": \"Never\",\n        \"dnsPolicy\": \"ClusterFirst\"\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl run bb --image=busybox --restart=OnFailure --command --dry-run=client -o yaml -- sleep 3600", "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: bb\n  name: bb\nspec:\n  containers:\n  - command:\n    - sleep\n    - \"3600\"\n    image: busybox\n    name: bb\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: OnFailure\nstatus: {}\n", 0],
  ["kubectl run bb --image=busybox --dry-run=client -o yaml -- sleep 3600", "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: bb\n  name: bb\nspec:\n  containers:\n  - args:\n    - sleep\n    - \"3600\"\n    image: busybox\n    name: bb\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n", 0],
  ["kubectl run bb --image=busybox --dry-run=client", "pod/bb created (dry run)\n", 0],
  ["kubectl run bb --image=busybox --dry-run=client -o name", "pod/bb\n", 0],
  ["kubectl run bb --image=busybox --expose --port=80 --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: bb\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    run: bb\nstatus:\n  loadBalancer: {}\n---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: bb\n  name: bb\nspec:\n  containers:\n  - image: busybox\n    name: bb\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n", 0],
  ["kubectl run bb --image=busybox --expose --port=80 --labels=app=x --dry-run=client -o json", "{\n    \"kind\": \"Service\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"bb\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"x\"\n        }\n    },\n    \"spec\": {\n        \"ports\": [\n            {\n                \"protocol\": \"TCP\",\n                \"port\": 80,\n                \"targetPort\": 80\n            }\n        ],\n        \"selector\": {\n            \"app\": \"x\"\n        }\n    },\n    \"status\": {\n        \"loadBalancer\": {}\n    }\n}\n{\n    \"kind\": \"Pod\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"bb\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"x\"\n        }\n    },\n    \"spec\": {\n        \"containers\": [\n            {\n                \"name\": \"bb\",\n                \"image\": \"busybox\",\n                \"ports\": [\n                    {\n                        \"containerPort\": 80\n                    }\n                ],\n                \"resources\": {}\n            }\n        ],\n        \"restartPolicy\": \"Always\",\n        \"dnsPolicy\": \"ClusterFirst\"\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl run bb --image=busybox --expose --port=80 --dry-run=client", "service/bb created (dry run)\npod/bb created (dry run)\n", 0],
  ["kubectl run bb --image=busybox --image-pull-policy=Always --dry-run=client -o yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: bb\n  name: bb\nspec:\n  containers:\n  - image: busybox\n    imagePullPolicy: Always\n    name: bb\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n", 0],
  ["kubectl run bb --image=busybox --image-pull-policy=Sometimes --dry-run=client -o yaml", "error: invalid image pull policy: Sometimes\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox --annotations=a=b -n dev --dry-run=client -o yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    a: b\n  creationTimestamp: null\n  labels:\n    run: bb\n  name: bb\n  namespace: dev\nspec:\n  containers:\n  - image: busybox\n    name: bb\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n", 0],
  ["kubectl run bb --image=busybox -i --dry-run=client -o yaml", "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox --privileged --dry-run=client -o json", "{\n    \"kind\": \"Pod\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"bb\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"run\": \"bb\"\n        }\n    },\n    \"spec\": {\n        \"containers\": [\n            {\n                \"name\": \"bb\",\n                \"image\": \"busybox\",\n                \"resources\": {},\n                \"securityContext\": {\n                    \"privileged\": true\n                }\n            }\n        ],\n        \"restartPolicy\": \"Always\",\n        \"dnsPolicy\": \"ClusterFirst\"\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl run bb --image=busybox --restart=Foo --dry-run=client", "error: invalid restart policy: Foo\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --dry-run=client", "error: required flag(s) \"image\" not set\n", 1],
  ["kubectl run --image=busybox --dry-run=client", "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox --rm --dry-run=client", "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox --rm -it --dry-run=client", "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox -t --dry-run=client", "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox --expose --dry-run=client", "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n", 1],
  ["kubectl run bb --image=busybox --labels=bad --dry-run=client", "error: unexpected label spec: bad\n", 1],
  ["kubectl run bb --image=busybox --env=bad --dry-run=client", "error: invalid env: bad\n", 1],
  ["kubectl run bb --image=busybox --env=1A=b --dry-run=client", "error: invalid env: 1A=b\n", 1],
  ["kubectl run bb --image=busybox --port=abc --dry-run=client", "error: strconv.Atoi: parsing \"abc\": invalid syntax\n", 1],
  ["kubectl run bb --image=busy:box:x --dry-run=client", "error: Invalid image name \"busy:box:x\": invalid reference format\n", 1],
  ["kubectl run bb --image=busybox --image= --dry-run=client", "error: --image is required\n", 1],
];

describe('kubectl run (client side), as kubectl v1.31.9 prints them', () => {
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

describe('kubectl run against the cluster', () => {
  it('creates the Pod (args, not command, without --command), which runs; an existing name is refused', () => {
    const c = createCluster({ seed: 1 });
    expect(run(c, "kubectl run bb --image=busybox --restart=Never -- sh -c 'echo hello; sleep 2'")).toEqual({ stdout: 'pod/bb created\n', stderr: '', exitCode: 0 });
    expect(run(c, 'kubectl get pod bb -o jsonpath={.spec.containers[0].args}/{.spec.restartPolicy}/{.metadata.labels}').stdout).toBe('["sh","-c","echo hello; sleep 2"]/Never/{"run":"bb"}');
    c.advance(30);
    expect(run(c, 'kubectl logs bb').stdout).toBe('hello\n');
    expect(run(c, 'kubectl get pod bb -o jsonpath={.status.phase}').stdout).toBe('Succeeded');
    expect(run(c, 'kubectl run bb --image=nginx')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "bb" already exists\n', exitCode: 1 });
  });

  it('--expose creates the ClusterIP Service first (selector run=NAME), then the Pod', () => {
    const c = createCluster({ seed: 1 });
    expect(run(c, 'kubectl run web --image=nginx --port=80 --expose')).toEqual({ stdout: 'service/web created\npod/web created\n', stderr: '', exitCode: 0 });
    expect(run(c, 'kubectl get svc web -o jsonpath={.spec.type}/{.spec.selector}/{.spec.ports[0].port}/{.spec.ports[0].targetPort}').stdout).toBe('ClusterIP/{"run":"web"}/80/80');
  });

  it('says plainly that -i/-t/--attach/--rm cannot attach in the browser terminal, and creates nothing', () => {
    const c = createCluster({ seed: 1 });
    const message =
      "error: kubectl run -i/-t/--attach (and --rm) attaches this terminal to the container's stdin and stdout, which the Kubeplay browser terminal cannot do. Run it detached instead (kubectl run x --image=busybox --restart=Never -- COMMAND), then read its output with kubectl logs x, or run commands in it with kubectl exec x -- COMMAND\n";
    expect(run(c, 'kubectl run x --image=busybox -it --rm -- sh')).toEqual({ stdout: '', stderr: message, exitCode: 1 });
    expect(run(c, 'kubectl run x --image=busybox --attach')).toEqual({ stdout: '', stderr: message, exitCode: 1 });
    expect(run(c, 'kubectl get pod x').exitCode).toBe(1);
  });
});
