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
  ["kubectl expose deployment web --port=80 --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deployment web --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: port-1\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  - name: port-2\n    port: 443\n    protocol: TCP\n    targetPort: 443\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deployment/web --dry-run=client -o json", "{\n    \"kind\": \"Service\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"ports\": [\n            {\n                \"name\": \"port-1\",\n                \"protocol\": \"TCP\",\n                \"port\": 80,\n                \"targetPort\": 80\n            },\n            {\n                \"name\": \"port-2\",\n                \"protocol\": \"TCP\",\n                \"port\": 443,\n                \"targetPort\": 443\n            }\n        ],\n        \"selector\": {\n            \"app\": \"web\"\n        }\n    },\n    \"status\": {\n        \"loadBalancer\": {}\n    }\n}\n", 0],
  ["kubectl expose deployment web --port=8080 --target-port=http --type=NodePort --name=web2 --dry-run=client -o json", "{\n    \"kind\": \"Service\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"web2\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"ports\": [\n            {\n                \"protocol\": \"TCP\",\n                \"port\": 8080,\n                \"targetPort\": \"http\"\n            }\n        ],\n        \"selector\": {\n            \"app\": \"web\"\n        },\n        \"type\": \"NodePort\"\n    },\n    \"status\": {\n        \"loadBalancer\": {}\n    }\n}\n", 0],
  ["kubectl expose deployment noport --dry-run=client -o yaml", "error: couldn't find port via --port flag or introspection\n", 1],
  ["kubectl expose deployment noport --port=80 --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: noport\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: noport\n    tier: x\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deployment noport --cluster-ip=None --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: noport\nspec:\n  clusterIP: None\n  selector:\n    app: noport\n    tier: x\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose pod solo --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: solo\n  name: solo\nspec:\n  ports:\n  - port: 8080\n    protocol: UDP\n    targetPort: 8080\n  selector:\n    run: solo\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose pod solo --port=90 --protocol=SCTP --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: solo\n  name: solo\nspec:\n  ports:\n  - port: 90\n    protocol: SCTP\n    targetPort: 90\n  selector:\n    run: solo\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose po nolabels --port=80 --dry-run=client -o yaml", "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\n", 1],
  ["kubectl expose svc websvc --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    x: z\n  name: websvc\nspec:\n  ports:\n  - name: port-1\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  - name: port-2\n    port: 443\n    protocol: TCP\n    targetPort: 443\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose svc websvc --port=90 --name=x --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    x: z\n  name: x\nspec:\n  ports:\n  - port: 90\n    protocol: TCP\n    targetPort: 90\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deployment missing --port=80 --dry-run=client", "Error from server (NotFound): deployments.apps \"missing\" not found\n", 1],
  ["kubectl expose cronjob tick --port=80 --dry-run=client", "error: cannot expose a CronJob.batch\n", 1],
  ["kubectl expose deploy web --port=80 --type=LoadBalancer --protocol=UDP --dry-run=client", "service/web exposed (dry run)\n", 0],
  ["kubectl expose deploy web --port=80 --type=Foo --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\n  type: Foo\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deploy web --port=80 --dry-run=client -o name", "service/web\n", 0],
  ["kubectl expose deploy web --port=80 --labels=a=b --selector=app=x --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    a: b\n  name: web\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: x\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deploy web --port=80 --target-port=8080 --external-ip=1.2.3.4 --cluster-ip=None --session-affinity=ClientIP --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  clusterIP: None\n  externalIPs:\n  - 1.2.3.4\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  sessionAffinity: ClientIP\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose deploy web --port=80 --session-affinity=Foo --dry-run=client -o yaml", "error: unknown session affinity: Foo\n", 1],
  ["kubectl expose deploy web --port=abc --dry-run=client -o yaml", "error: strconv.Atoi: parsing \"abc\": invalid syntax\n", 1],
  ["kubectl expose deploy web --port=80 -n default --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\n  namespace: default\nspec:\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n  selector:\n    app: web\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl expose web --port=80 --dry-run=client", "error: the server doesn't have a resource type \"web\"\n", 1],
  ["kubectl expose", "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n", 1],
  ["kubectl expose rs nope --port=80 --dry-run=client", "Error from server (NotFound): replicasets.apps \"nope\" not found\n", 1],
  ["kubectl expose configmap kube-root-ca.crt --port=80 --dry-run=client", "error: cannot expose a ConfigMap\n", 1],
];

describe('kubectl expose (client side), as kubectl v1.31.9 prints them', () => {
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

describe('kubectl expose against the cluster', () => {
  it('exposes a Deployment: the Service selects its Pods and gets their endpoints', () => {
    const c = createCluster({ seed: 1 });
    c.exec('kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80');
    c.advance(30);
    expect(run(c, 'kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort')).toEqual({ stdout: 'service/web exposed\n', stderr: '', exitCode: 0 });
    expect(run(c, 'kubectl get svc web -o jsonpath={.spec.selector}/{.spec.ports[0].port}/{.spec.ports[0].targetPort}/{.spec.ports[0].protocol}/{.metadata.labels}').stdout).toBe('{"app":"web"}/8080/80/TCP/{"app":"web"}');
    c.advance(1);
    expect(run(c, 'kubectl get endpoints web -o jsonpath={.subsets[0].addresses[*].ip}').stdout.split(' ')).toHaveLength(2);
    expect(run(c, 'kubectl expose deployment web --port=8080')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): services "web" already exists\n', exitCode: 1 });
  });
});
