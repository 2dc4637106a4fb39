import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${extra}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
`;

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured', () => {
    const c = createCluster({ seed: 3 });
    expect(c.apply(pod('web'))).toEqual({ stdout: 'pod/web created\n', stderr: '', exitCode: 0 });
    expect(c.apply(pod('web'))).toEqual({ stdout: 'pod/web unchanged\n', stderr: '', exitCode: 0 });
    expect(c.apply(pod('web', '\n  labels:\n    app: web'))).toEqual({ stdout: 'pod/web configured\n', stderr: '', exitCode: 0 });
    expect(c.exec('kubectl get pods --show-labels').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE   LABELS\nweb    0/1     Pending   0          0s    app=web\n');
  });

  it('names group resources as kubectl does and writes the last-applied annotation', () => {
    const c = createCluster({ seed: 3 });
    const r = c.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: whoami
spec:
  replicas: 2
  selector:
    matchLabels: {app: whoami}
  template:
    metadata:
      labels: {app: whoami}
    spec:
      containers:
      - name: whoami
        image: traefik/whoami
`);
    expect(r).toEqual({ stdout: 'deployment.apps/whoami created\n', stderr: '', exitCode: 0 });
    const yaml = c.exec('kubectl get deploy whoami -o yaml').stdout;
    expect(yaml).toContain(
      '    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"whoami","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"whoami"}},"template":{"metadata":{"labels":{"app":"whoami"}},"spec":{"containers":[{"image":"traefik/whoami","name":"whoami"}]}}}}\n',
    );
    expect(yaml).toContain('  generation: 1\n');
    expect(yaml).toContain('  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n    type: RollingUpdate\n');
  });

  it('applies the valid documents and reports the invalid ones after them', () => {
    const c = createCluster({ seed: 3 });
    const r = c.apply(`${pod('a')}---
apiVersion: v1
kind: Widget
metadata:
  name: w
---
apiVersion: v1
kind: Deployment
metadata:
  name: d
---
${pod('Nginx_Pod')}---
${pod('b')}`);
    expect(r.stdout).toBe('pod/a created\npod/b created\n');
    expect(r.stderr).toBe(
      'resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n' +
        'resource mapping not found for name: "d" namespace: "" from "STDIN": no matches for kind "Deployment" in version "v1"\nensure CRDs are installed first\n' +
        `Error from server (Invalid): error when creating "STDIN": Pod "Nginx_Pod" is invalid: metadata.name: Invalid value: "Nginx_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
    expect(r.exitCode).toBe(1);
  });

  it('prints a single invalid object as checkErr does', () => {
    const c = createCluster({ seed: 3 });
    const r = c.apply(pod('Nginx_Pod'));
    expect(r.stderr).toBe(
      `The Pod "Nginx_Pod" is invalid: metadata.name: Invalid value: "Nginx_Pod": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n`,
    );
    expect(r.exitCode).toBe(1);
  });

  it('refuses YAML that does not parse, keeping what came before it', () => {
    const c = createCluster({ seed: 3 });
    const r = c.apply(`${pod('first')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: y: z\n---\n${pod('after')}`);
    expect(r).toEqual({ stdout: 'pod/first created\n', stderr: 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n', exitCode: 1 });
    expect(c.exec('kubectl get pods -o name').stdout).toBe('pod/first\n');
  });

  it('refuses an infinite number as sigs.k8s.io/yaml does, applying nothing of that document', () => {
    const c = createCluster({ seed: 3 });
    const r = c.apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: .inf\n');
    expect(r).toEqual({ stdout: '', stderr: 'error: error parsing STDIN: error converting YAML to JSON: json: unsupported value: +Inf\n', exitCode: 1 });
    expect(c.exec('kubectl get deployments').stderr).toBe('No resources found in default namespace.\n');
  });

  it('refuses a list, a scalar, and documents without apiVersion or kind, as kubectl validates', () => {
    const c = createCluster({ seed: 3 });
    const suffix = '; if you choose to ignore these errors, turn validation off with --validate=false\n';
    expect(c.apply('- a\n- b\n').stderr).toBe(`error: error validating "STDIN": error validating data: invalid object to validate${suffix}`);
    expect(c.apply('just a string\n').stderr).toBe(`error: error validating "STDIN": error validating data: invalid object to validate${suffix}`);
    expect(c.apply('kind: Pod\nmetadata:\n  name: x\n').stderr).toBe(`error: error validating "STDIN": error validating data: apiVersion not set${suffix}`);
    expect(c.apply('metadata:\n  name: x\n').stderr).toBe(`error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]${suffix}`);
  });

  it('refuses unknown fields and wrong types with the server strict-decoding messages', () => {
    const c = createCluster({ seed: 3 });
    const unknown = c.apply(pod('x').replace('    image: nginx:1.27', '    image: nginx:1.27\n    imagePullPolice: Always'));
    expect(unknown.stderr).toBe('Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"\n');
    const wrongType = c.apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  replicas: "three"
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec: {containers: [{name: c, image: nginx}]}
`);
    expect(wrongType.stderr).toBe('Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n');
    expect(c.exec('kubectl get pods,deploy').stderr).toBe('No resources found in default namespace.\n');
  });

  it('stores quantities in canonical form, as resource.Quantity marshals them', () => {
    const c = createCluster({ seed: 3 });
    c.apply(pod('q').replace('    image: nginx:1.27', '    image: nginx:1.27\n    resources:\n      requests: {cpu: 0.5, memory: 128Mi}\n      limits: {cpu: 1}'));
    expect(c.exec('kubectl get pod q -o yaml').stdout).toContain('    resources:\n      limits:\n        cpu: "1"\n      requests:\n        cpu: 500m\n        memory: 128Mi\n');
  });

  it('refuses objects in a namespace that does not exist, and accepts them once it does', () => {
    const c = createCluster({ seed: 3 });
    expect(c.apply(pod('x', '\n  namespace: shop')).stderr).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "shop" not found\n');
    expect(c.exec('kubectl create namespace shop').stdout).toBe('namespace/shop created\n');
    expect(c.apply(pod('x', '\n  namespace: shop')).stdout).toBe('pod/x created\n');
    expect(c.exec('kubectl get sa,cm -n shop -o name').stdout).toBe('serviceaccount/default\nconfigmap/kube-root-ca.crt\n');
  });

  it('says what the playground does not accept when input is past its limits, and applies nothing', () => {
    const c = createCluster({ seed: 3 });
    const huge = `${pod('big')}# ${'x'.repeat(9 * 1024 * 1024)}\n`;
    const r = c.apply(huge);
    expect(r.stderr).toBe('error: error parsing STDIN: the input is 9.0 MiB; Kubeplay accepts at most 8.0 MiB in one apply\n');
    expect(c.exec('kubectl get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('applies 10,000 documents', () => {
    const c = createCluster({ seed: 3 });
    const docs = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: "${i}"`).join('\n---\n');
    const r = c.apply(docs);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').length - 1).toBe(10_000);
    expect(c.exec('kubectl get cm cm-9999 -o name').stdout).toBe('configmap/cm-9999\n');
  });
});

describe('kubectl get', () => {
  it('prints "No resources found" to stderr with the namespace, or without it for -A', () => {
    const c = createCluster({ seed: 3 });
    expect(c.exec('kubectl get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(c.exec('kubectl get deploy -n kube-public')).toEqual({ stdout: '', stderr: 'No resources found in kube-public namespace.\n', exitCode: 0 });
    expect(c.exec('kubectl get jobs -A')).toEqual({ stdout: '', stderr: 'No resources found\n', exitCode: 0 });
  });

  it('lists the fresh cluster as kubeadm leaves it', () => {
    const c = createCluster({ seed: 3 });
    expect(c.exec('kubectl get nodes').stdout).toBe(
      'NAME            STATUS   ROLES           AGE   VERSION\ncontrol-plane   Ready    control-plane   11m   v1.31.0\nworker-1        Ready    <none>          10m   v1.31.0\nworker-2        Ready    <none>          10m   v1.31.0\n',
    );
    expect(c.exec('kubectl get ns').stdout).toBe('NAME              STATUS   AGE\ndefault           Active   12m\nkube-flannel      Active   11m\nkube-node-lease   Active   12m\nkube-public       Active   12m\nkube-system       Active   12m\n');
    expect(c.exec('kubectl get svc -A').stdout).toBe(
      'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\ndefault       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  11m\nkube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   11m\n',
    );
    const pods = c.exec('kubectl get pods -n kube-system -o name').stdout.split('\n').filter(Boolean);
    expect(pods.filter((p) => /^pod\/coredns-7c65d6cfc9-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p))).toHaveLength(2);
    expect(pods.filter((p) => /^pod\/kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p))).toHaveLength(3);
    expect(pods).toContain('pod/etcd-control-plane');
  });

  it('selects with -l, both equality- and set-based', () => {
    const c = createCluster({ seed: 3 });
    c.apply(`${pod('a', '\n  labels: {app: web, tier: fe}')}---\n${pod('b', '\n  labels: {app: db}')}---\n${pod('c')}`);
    expect(c.exec('kubectl get pods -l app=web -o name').stdout).toBe('pod/a\n');
    expect(c.exec('kubectl get pods -l "app in (web,db)" -o name').stdout).toBe('pod/a\npod/b\n');
    expect(c.exec('kubectl get pods -l \'!app\' -o name').stdout).toBe('pod/c\n');
    expect(c.exec('kubectl get pods -l app!=web -o name').stdout).toBe('pod/b\npod/c\n');
  });

  it('reports a missing object as the server does, and still prints the ones found', () => {
    const c = createCluster({ seed: 3 });
    c.apply(pod('a'));
    expect(c.exec('kubectl get pod a nope')).toEqual({
      stdout: 'NAME   READY   STATUS    RESTARTS   AGE\na      0/1     Pending   0          0s\n',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    expect(c.exec('kubectl get deploy nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('prints -o json as kubectl does: four-space indent, sorted keys, a List for many', () => {
    const c = createCluster({ seed: 3 });
    c.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  b: "2"\n  a: "1"\n`);
    const json = c.exec('kubectl get cm cfg -o json').stdout;
    expect(json.startsWith('{\n    "apiVersion": "v1",\n    "data": {\n        "a": "1",\n        "b": "2"\n    },\n    "kind": "ConfigMap",\n')).toBe(true);
    const list = JSON.parse(c.exec('kubectl get cm -o json').stdout);
    expect(list.kind).toBe('List');
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['cfg', 'kube-root-ca.crt']);
  });

  it('gives kubectl and cobra errors for unknown types, commands and flags', () => {
    const c = createCluster({ seed: 3 });
    expect(c.exec('kubectl get foo')).toEqual({ stdout: '', stderr: 'error: the server doesn\'t have a resource type "foo"\n', exitCode: 1 });
    expect(c.exec('kubectl get pods --bogus')).toEqual({ stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n", exitCode: 1 });
    expect(c.exec('kubectl get pods -z').stderr).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
    expect(c.exec('kubectl gett pods').stderr).toBe('error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n');
    expect(c.exec('kubectl get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    expect(c.exec('kubeclt get pods')).toEqual({ stdout: '', stderr: 'bash: kubeclt: command not found\n', exitCode: 127 });
  });
});

describe('kubectl delete, label, annotate', () => {
  it('deletes by name, by -l and by -f -, with kubectl wording', () => {
    const c = createCluster({ seed: 3 });
    c.apply(`${pod('a', '\n  labels: {app: x}')}---\n${pod('b', '\n  labels: {app: x}')}---\n${pod('c')}`);
    expect(c.exec('kubectl delete pod a')).toEqual({ stdout: 'pod "a" deleted\n', stderr: '', exitCode: 0 });
    expect(c.exec('kubectl delete pods -l app=x').stdout).toBe('pod "b" deleted\n');
    expect(c.exec('kubectl delete -f -', { stdin: pod('c') }).stdout).toBe('pod "c" deleted\n');
    expect(c.exec('kubectl delete -f -', { stdin: pod('c') }).stderr).toBe('Error from server (NotFound): error when deleting "STDIN": pods "c" not found\n');
    expect(c.exec('kubectl delete pod zzz')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "zzz" not found\n', exitCode: 1 });
    expect(c.exec('kubectl delete pods -l app=x')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('waits for a bound Pod to terminate, in virtual time', () => {
    const c = createCluster({ seed: 3 });
    const proxy = c.exec('kubectl get pods -n kube-system -o name').stdout.split('\n').find((p) => p.startsWith('pod/kube-proxy-'))!;
    const before = c.now();
    expect(c.exec(`kubectl delete -n kube-system ${proxy}`).stdout).toBe(`pod "${proxy.slice(4)}" deleted\n`);
    expect(c.now()).toBe(before + 1);
    expect(c.exec(`kubectl get -n kube-system ${proxy}`).stderr).toBe(`Error from server (NotFound): pods "${proxy.slice(4)}" not found\n`);
  });

  it('deletes a namespace and everything in it', () => {
    const c = createCluster({ seed: 3 });
    c.exec('kubectl create namespace shop');
    c.apply(pod('x', '\n  namespace: shop'));
    expect(c.exec('kubectl delete namespace shop').stdout).toBe('namespace "shop" deleted\n');
    expect(c.exec('kubectl get ns shop').stderr).toBe('Error from server (NotFound): namespaces "shop" not found\n');
    expect(c.exec('kubectl get pods -n shop').stderr).toBe('No resources found in shop namespace.\n');
    expect(c.exec('kubectl delete ns default').stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
  });

  it('labels and annotates with --overwrite rules', () => {
    const c = createCluster({ seed: 3 });
    c.apply(pod('a'));
    expect(c.exec('kubectl label pod a tier=fe').stdout).toBe('pod/a labeled\n');
    expect(c.exec('kubectl label pod a tier=be')).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (fe), and --overwrite is false\n", exitCode: 1 });
    expect(c.exec('kubectl label pod a tier=be --overwrite').stdout).toBe('pod/a labeled\n');
    expect(c.exec('kubectl label pod a tier-').stdout).toBe('pod/a unlabeled\n');
    expect(c.exec('kubectl annotate pod a note=你好').stdout).toBe('pod/a annotated\n');
    expect(c.exec("kubectl get pod a -o jsonpath='{.metadata.annotations.note}{.metadata.labels}'").stdout).toBe('你好');
    expect(c.exec('kubectl get pod a -o yaml').stdout).toContain('    note: 你好\n');
  });
});

describe('kubectl version, cluster-info, api-resources', () => {
  it('prints them as v1.31 does', () => {
    const c = createCluster({ seed: 3 });
    expect(c.exec('kubectl version').stdout).toBe('Client Version: v1.31.0\nKustomize Version: v5.4.2\nServer Version: v1.31.0\n');
    expect(c.exec('kubectl cluster-info').stdout).toBe(
      "Kubernetes control plane is running at https://172.18.0.2:6443\nCoreDNS is running at https://172.18.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
    const resources = c.exec('kubectl api-resources').stdout.split('\n');
    expect(resources[0]).toBe('NAME                     SHORTNAMES   APIVERSION             NAMESPACED   KIND');
    expect(resources).toContain('deployments              deploy       apps/v1                true         Deployment');
  });
});

describe('kubectl api-resources filters', () => {
  it('filters by scope, group and verbs and sorts by name or kind, as kubectl v1.31.9 does', () => {
    const c = createCluster({ seed: 3 });
    expect(c.exec('kubectl api-resources --namespaced=false --no-headers').stdout).toMatch(/^namespaces +ns +v1 +false +Namespace\nnodes +no +v1 +false +Node\n/);
    expect(c.exec('kubectl api-resources --namespaced=false').stdout.split('\n').every((l) => l === '' || l.startsWith('NAME') || / false /.test(l))).toBe(true);
    expect(c.exec('kubectl api-resources --api-group=apps -o wide').stdout.split('\n')[2]).toBe(
      'daemonsets            ds           apps/v1      true         DaemonSet            create,delete,deletecollection,get,list,patch,update,watch   all',
    );
    expect(c.exec('kubectl api-resources --api-group=batch -o name').stdout).toBe('cronjobs.batch\njobs.batch\n');
    expect(c.exec('kubectl api-resources --namespaced=maybe').stderr).toBe('error: invalid argument "maybe" for "--namespaced" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n');
  });
});
