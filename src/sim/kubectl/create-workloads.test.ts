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
  ["kubectl create deployment web --image=nginx --dry-run=client -o yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n", 0],
  ["kubectl create deployment web --image=nginx:1.27 --image=busybox --replicas=3 --port=80 --dry-run=client -o yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.27\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\n      - image: busybox\n        name: busybox\n        resources: {}\nstatus: {}\n", 0],
  ["kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80 --dry-run=client -o json -- sleep 10", "{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"replicas\": 3,\n        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"web\"\n            }\n        },\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null,\n                \"labels\": {\n                    \"app\": \"web\"\n                }\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n                        \"name\": \"nginx\",\n                        \"image\": \"nginx:1.27\",\n                        \"command\": [\n                            \"sleep\",\n                            \"10\"\n                        ],\n                        \"ports\": [\n                            {\n                                \"containerPort\": 80\n                            }\n                        ],\n                        \"resources\": {}\n                    }\n                ]\n            }\n        },\n        \"strategy\": {}\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl create deployment web --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --dry-run=client -o json", "{\n    \"kind\": \"Deployment\",\n    \"apiVersion\": \"apps/v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"replicas\": 1,\n        \"selector\": {\n            \"matchLabels\": {\n                \"app\": \"web\"\n            }\n        },\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null,\n                \"labels\": {\n                    \"app\": \"web\"\n                }\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n                        \"name\": \"agnhost\",\n                        \"image\": \"registry.k8s.io/e2e-test-images/agnhost:2.39\",\n                        \"resources\": {}\n                    }\n                ]\n            }\n        },\n        \"strategy\": {}\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl create deployment web --image=nginx --dry-run=client", "deployment.apps/web created (dry run)\n", 0],
  ["kubectl create deployment web --image=nginx --dry-run=client -o name", "deployment.apps/web\n", 0],
  ["kubectl create deployment web --dry-run=client", "error: required flag(s) \"image\" not set\n", 1],
  ["kubectl create deployment --image=nginx --dry-run=client", "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n", 1],
  ["kubectl create deployment web --image=a,b --dry-run=client -o yaml -- x", "error: cannot specify multiple --image options and command\n", 1],
  ["kubectl create deploy web --image=nginx -n dev --dry-run=client -o yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\n  namespace: dev\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n", 0],
  ["kubectl create deployment web --image=nginx --replicas=x --dry-run=client", "error: invalid argument \"x\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n", 1],
  ["kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-8080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl create service clusterip web --tcp=80 --tcp=443:8443 --dry-run=client -o json", "{\n    \"kind\": \"Service\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"ports\": [\n            {\n                \"name\": \"80\",\n                \"protocol\": \"TCP\",\n                \"port\": 80,\n                \"targetPort\": 80\n            },\n            {\n                \"name\": \"443-8443\",\n                \"protocol\": \"TCP\",\n                \"port\": 443,\n                \"targetPort\": 8443\n            }\n        ],\n        \"selector\": {\n            \"app\": \"web\"\n        },\n        \"type\": \"ClusterIP\"\n    },\n    \"status\": {\n        \"loadBalancer\": {}\n    }\n}\n", 0],
  ["kubectl create service clusterip web --clusterip=None --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  type: ClusterIP\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-8080\n    nodePort: 30080\n    port: 80\n    protocol: TCP\n    targetPort: 8080\n  selector:\n    app: web\n  type: NodePort\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl create service loadbalancer web --tcp=80:http --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  ports:\n  - name: 80-http\n    port: 80\n    protocol: TCP\n    targetPort: http\n  selector:\n    app: web\n  type: LoadBalancer\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl create service externalname web --external-name=example.com --dry-run=client -o yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: web\n  name: web\nspec:\n  externalName: example.com\n  selector:\n    app: web\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n", 0],
  ["kubectl create service externalname web --external-name=example.com --tcp=80 --dry-run=client -o json", "{\n    \"kind\": \"Service\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"web\",\n        \"creationTimestamp\": null,\n        \"labels\": {\n            \"app\": \"web\"\n        }\n    },\n    \"spec\": {\n        \"ports\": [\n            {\n                \"name\": \"80\",\n                \"protocol\": \"TCP\",\n                \"port\": 80,\n                \"targetPort\": 80\n            }\n        ],\n        \"selector\": {\n            \"app\": \"web\"\n        },\n        \"type\": \"ExternalName\",\n        \"externalName\": \"example.com\"\n    },\n    \"status\": {\n        \"loadBalancer\": {}\n    }\n}\n", 0],
  ["kubectl create service clusterip web --dry-run=client -o yaml", "error: at least one tcp port specifier must be provided\n", 1],
  ["kubectl create svc nodeport web --tcp=80:8080 --dry-run=client", "service/web created (dry run)\n", 0],
  ["kubectl create service clusterip web --tcp=abc --dry-run=client", "error: strconv.ParseUint: parsing \"abc\": invalid syntax\n", 1],
  ["kubectl create service clusterip web --tcp=80:Bad_Name --dry-run=client", "error: must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)\n", 1],
  ["kubectl create service clusterip web --tcp=80:70000 --dry-run=client", "error: must be between 1 and 65535, inclusive\n", 1],
  ["kubectl create service externalname web --dry-run=client", "error: required flag(s) \"external-name\" not set\n", 1],
  ["kubectl create service externalname web --external-name=Bad_Name --dry-run=client", "error: invalid service external name Bad_Name\n", 1],
  ["kubectl create service nodeport web --clusterip=None --dry-run=client", "error: unknown flag: --clusterip\nSee 'kubectl create service nodeport --help' for usage.\n", 1],
  ["kubectl create service", "Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\nUsage:\n  kubectl create service [flags] [options]\n\nUse \"kubectl create service <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n", 1],
  ["kubectl create service foo web", "error: unknown command \"foo web\"\nSee 'kubectl create service -h' for help and examples\n", 1],
  ["kubectl create job pi --image=perl:5.34 --dry-run=client -o yaml -- perl -Mbignum=bpi -wle 'print bpi(2000)'", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  creationTimestamp: null\n  name: pi\nspec:\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - perl\n        - -Mbignum=bpi\n        - -wle\n        - print bpi(2000)\n        image: perl:5.34\n        name: pi\n        resources: {}\n      restartPolicy: Never\nstatus: {}\n", 0],
  ["kubectl create job pi --image=busybox --dry-run=client -o json", "{\n    \"kind\": \"Job\",\n    \"apiVersion\": \"batch/v1\",\n    \"metadata\": {\n        \"name\": \"pi\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {\n        \"template\": {\n            \"metadata\": {\n                \"creationTimestamp\": null\n            },\n            \"spec\": {\n                \"containers\": [\n                    {\n                        \"name\": \"pi\",\n                        \"image\": \"busybox\",\n                        \"resources\": {}\n                    }\n                ],\n                \"restartPolicy\": \"Never\"\n            }\n        }\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl create job pi --dry-run=client", "error: either --image or --from must be specified\n", 1],
  ["kubectl create job pi --from=cronjob/tick --dry-run=client -o yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  annotations:\n    a: b\n    cronjob.kubernetes.io/instantiate: manual\n  creationTimestamp: null\n  labels:\n    k: v\n  name: pi\n  ownerReferences:\n  - apiVersion: batch/v1\n    controller: true\n    kind: CronJob\n    name: tick\n    uid: 8f520e6f-68fd-44fc-acb5-f0e7c937bc63\nspec:\n  backoffLimit: 6\n  completionMode: NonIndexed\n  completions: 1\n  parallelism: 1\n  podReplacementPolicy: TerminatingOrFailed\n  suspend: false\n  template:\n    metadata:\n      creationTimestamp: null\n    spec:\n      containers:\n      - command:\n        - date\n        image: busybox\n        imagePullPolicy: Always\n        name: t\n        resources: {}\n        terminationMessagePath: /dev/termination-log\n        terminationMessagePolicy: File\n      dnsPolicy: ClusterFirst\n      restartPolicy: OnFailure\n      schedulerName: default-scheduler\n      securityContext: {}\n      terminationGracePeriodSeconds: 30\nstatus: {}\n", 0],
  ["kubectl create job pi --from=cronjob/nope --dry-run=client -o yaml", "Error from server (NotFound): cronjobs.batch \"nope\" not found\n", 1],
  ["kubectl create job pi --from=cronjob/tick --dry-run=client -- x", "error: cannot specify --from and command\n", 1],
  ["kubectl create cronjob hello --image=busybox --schedule='*/1 * * * *' --dry-run=client -o yaml -- echo hi", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: hello\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: hello\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - command:\n            - echo\n            - hi\n            image: busybox\n            name: hello\n            resources: {}\n          restartPolicy: OnFailure\n  schedule: '*/1 * * * *'\nstatus: {}\n", 0],
  ["kubectl create cj hello --image=busybox --schedule='*/1 * * * *' --dry-run=client -o json", "{\n    \"kind\": \"CronJob\",\n    \"apiVersion\": \"batch/v1\",\n    \"metadata\": {\n        \"name\": \"hello\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {\n        \"schedule\": \"*/1 * * * *\",\n        \"jobTemplate\": {\n            \"metadata\": {\n                \"name\": \"hello\",\n                \"creationTimestamp\": null\n            },\n            \"spec\": {\n                \"template\": {\n                    \"metadata\": {\n                        \"creationTimestamp\": null\n                    },\n                    \"spec\": {\n                        \"containers\": [\n                            {\n                                \"name\": \"hello\",\n                                \"image\": \"busybox\",\n                                \"resources\": {}\n                            }\n                        ],\n                        \"restartPolicy\": \"OnFailure\"\n                    }\n                }\n            }\n        }\n    },\n    \"status\": {}\n}\n", 0],
  ["kubectl create cronjob hello --image=busybox --dry-run=client -o yaml", "error: required flag(s) \"schedule\" not set\n", 1],
  ["kubectl create cronjob hello --dry-run=client -o yaml", "error: required flag(s) \"image\", \"schedule\" not set\n", 1],
  ["kubectl create cronjob hello --image=busybox --schedule=x --restart=Never --dry-run=client -o yaml", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  creationTimestamp: null\n  name: hello\nspec:\n  jobTemplate:\n    metadata:\n      creationTimestamp: null\n      name: hello\n    spec:\n      template:\n        metadata:\n          creationTimestamp: null\n        spec:\n          containers:\n          - image: busybox\n            name: hello\n            resources: {}\n          restartPolicy: Never\n  schedule: x\nstatus: {}\n", 0],
  ["kubectl create sa robot --dry-run=client -o yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  creationTimestamp: null\n  name: robot\n", 0],
  ["kubectl create serviceaccount robot --dry-run=client -o json", "{\n    \"kind\": \"ServiceAccount\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"robot\",\n        \"creationTimestamp\": null\n    }\n}\n", 0],
  ["kubectl create ns dev --dry-run=client -o json", "{\n    \"kind\": \"Namespace\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        \"name\": \"dev\",\n        \"creationTimestamp\": null\n    },\n    \"spec\": {},\n    \"status\": {}\n}\n", 0],
  ["kubectl create namespace dev --dry-run=client -o yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  creationTimestamp: null\n  name: dev\nspec: {}\nstatus: {}\n", 0],
  ["kubectl create namespace dev --dry-run=client", "namespace/dev created (dry run)\n", 0],
];

describe('kubectl create deployment|service|job|cronjob|namespace|serviceaccount (client side), as kubectl v1.31.9 prints them', () => {
  const c = oracleCluster();
  it.each(CASES)('%s', (command, output, exitCode) => {
    const r = c.exec(command);
    expect(r.stdout + r.stderr).toBe(output);
    expect(r.exitCode).toBe(exitCode);
  });
});

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });
const run = (c: ReturnType<typeof createCluster>, line: string) => {
  const r = c.exec(line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
};

describe('kubectl create deployment|service|job|cronjob|namespace|serviceaccount against the cluster', () => {
  it('creates a Deployment the controllers roll out, with the generator\'s object and the server\'s defaults', () => {
    const c = createCluster({ seed: 1 });
    expect(run(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3 --port=80 -- sleep 10')).toEqual(ok('deployment.apps/web created\n'));
    expect(run(c, 'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0]}').stdout).toBe(
      '{"command":["sleep","10"],"image":"nginx:1.27","imagePullPolicy":"IfNotPresent","name":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}',
    );
    expect(run(c, 'kubectl get deploy web -o jsonpath={.metadata.labels}/{.spec.selector}/{.spec.strategy.type}').stdout).toBe('{"app":"web"}/{"matchLabels":{"app":"web"}}/RollingUpdate');
    expect(run(c, 'kubectl create deployment web --image=nginx')).toEqual(fail('error: failed to create deployment: deployments.apps "web" already exists\n'));
    expect(run(c, 'kubectl create deploy x --image=nginx -n nope')).toEqual(fail('error: failed to create deployment: namespaces "nope" not found\n'));
    expect(run(c, 'kubectl create deployment Web --image=nginx').stderr).toMatch(/^error: failed to create deployment: Deployment.apps "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/);
    c.advance(30);
    expect(run(c, 'kubectl get deploy web -o jsonpath={.status.replicas}').stdout).toBe('3');
  });

  it('server dry run validates and stores nothing; -o yaml of a real create prints the stored object', () => {
    const c = createCluster({ seed: 1 });
    expect(run(c, 'kubectl create deployment web2 --image=nginx --dry-run=server')).toEqual(ok('deployment.apps/web2 created (server dry run)\n'));
    expect(run(c, 'kubectl get deploy web2')).toEqual(fail('Error from server (NotFound): deployments.apps "web2" not found\n'));
    const yaml = run(c, 'kubectl create sa robot -o yaml').stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nkind: ServiceAccount\nmetadata:\n {2}creationTimestamp: "2024-08-13T12:00:00Z"\n {2}name: robot\n {2}namespace: default\n {2}resourceVersion: "\d+"\n {2}uid: [0-9a-f-]{36}\n$/);
  });

  it('creates Services the allocators fill in, namespaces, service accounts and jobs', () => {
    const c = createCluster({ seed: 1 });
    expect(run(c, 'kubectl create service nodeport web --tcp=80:8080 --node-port=30080')).toEqual(ok('service/web created\n'));
    expect(run(c, 'kubectl get svc web -o jsonpath={.spec.type}/{.spec.ports[0].nodePort}/{.spec.ports[0].name}/{.spec.selector}').stdout).toBe('NodePort/30080/80-8080/{"app":"web"}');
    expect(run(c, 'kubectl create service clusterip web --tcp=80')).toEqual(fail('error: failed to create ClusterIP service: services "web" already exists\n'));
    expect(run(c, 'kubectl create ns dev')).toEqual(ok('namespace/dev created\n'));
    expect(run(c, 'kubectl create ns dev')).toEqual(fail('Error from server (AlreadyExists): namespaces "dev" already exists\n'));
    expect(run(c, 'kubectl create sa robot -n dev')).toEqual(ok('serviceaccount/robot created\n'));
    expect(run(c, 'kubectl create sa robot -n dev')).toEqual(fail('error: failed to create serviceaccount: serviceaccounts "robot" already exists\n'));
    expect(run(c, "kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *' -- date")).toEqual(ok('cronjob.batch/tick created\n'));
    expect(run(c, 'kubectl create job once --from=cronjob/tick')).toEqual(ok('job.batch/once created\n'));
    expect(run(c, 'kubectl get job once -o jsonpath={.metadata.annotations}/{.metadata.ownerReferences[0].kind}/{.spec.template.spec.containers[0].name}').stdout).toBe('{"cronjob.kubernetes.io/instantiate":"manual"}/CronJob/tick');
    expect(run(c, 'kubectl create job two --from=deployment/x')).toEqual(fail('Error from server (NotFound): deployments.apps "x" not found\n'));
  });

  it('derives the container name from the image; a name with . or _ gets a random suffix, as sanitizeAndUniquify does', () => {
    const c = createCluster({ seed: 1 });
    const yaml = run(c, 'kubectl create deployment d --image=quay.io/my_org/my.app:1.0 --image=nginx --dry-run=client -o yaml').stdout;
    expect(yaml).toMatch(/\n {6}- image: quay.io\/my_org\/my.app:1.0\n {8}name: my-app-[bcdfghjklmnpqrstvwxz2456789]{5}\n {8}resources: \{\}\n {6}- image: nginx\n {8}name: nginx\n/);
  });
});
