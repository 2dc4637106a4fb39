import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';
import { diffTime, unifiedHunks } from './diff.ts';

const dep = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

const lastApplied = (replicas: number, image: string) =>
  `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":${replicas},"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"${image}","name":"nginx"}]}}}}`;

describe('kubectl diff -f -', () => {
  it('shows a changed Deployment as diff -u between the live and the merged object: spec, last-applied and generation', () => {
    const c = createCluster({ seed: 3 });
    c.apply(dep(2));
    c.advance(30);
    const liveYaml = c.exec('kubectl get deploy web -o yaml').stdout;
    const meta = { resourceVersion: /resourceVersion: "(\d+)"/.exec(liveYaml)![1], uid: /uid: (\S+)/.exec(liveYaml)![1] };
    const r = c.exec('kubectl diff -f -', { stdin: dep(3, 'nginx:1.28') });
    const [head, ...rest] = r.stdout.split('\n');
    expect(head).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    const [, live, merged] = /LIVE-(\d+).* \/tmp\/MERGED-(\d+)/.exec(head!)!;
    expect(rest.join('\n')).toBe(`--- /tmp/LIVE-${live}/apps.v1.Deployment.default.web\t2024-08-13 12:00:30.000000000 +0000
+++ /tmp/MERGED-${merged}/apps.v1.Deployment.default.web\t2024-08-13 12:00:30.000000000 +0000
@@ -4,16 +4,16 @@
   annotations:
     deployment.kubernetes.io/revision: "1"
     kubectl.kubernetes.io/last-applied-configuration: |
-      ${lastApplied(2, 'nginx:1.27')}
+      ${lastApplied(3, 'nginx:1.28')}
   creationTimestamp: "2024-08-13T12:00:00Z"
-  generation: 1
+  generation: 2
   name: web
   namespace: default
   resourceVersion: "${meta.resourceVersion}"
   uid: ${meta.uid}
 spec:
   progressDeadlineSeconds: 600
-  replicas: 2
+  replicas: 3
   revisionHistoryLimit: 10
   selector:
     matchLabels:
@@ -30,7 +30,7 @@
         app: web
     spec:
       containers:
-      - image: nginx:1.27
+      - image: nginx:1.28
         imagePullPolicy: IfNotPresent
         name: nginx
         resources: {}
`);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    // Read-only: nothing changed.
    expect(c.exec('kubectl get deploy web').stdout).toContain('web    2/2');
  });

  it('shows a new object whole against an empty live file, with the fields a dry-run create fills in', () => {
    const c = createCluster({ seed: 3 });
    const r = c.exec('kubectl diff -f -', { stdin: svc });
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/v1\.Service\.default\.web \/tmp\/MERGED-\d+\/v1\.Service\.default\.web$/);
    expect(lines[3]).toBe('@@ -0,0 +1,23 @@');
    expect(lines.slice(4, 9)).toEqual(['+apiVersion: v1', '+kind: Service', '+metadata:', '+  annotations:', '+    kubectl.kubernetes.io/last-applied-configuration: |']);
    expect(lines).toContain('+  creationTimestamp: "2024-08-13T12:00:00Z"');
    expect(lines.slice(4).filter((l) => l.startsWith(' ') || l.startsWith('-'))).toEqual([]);
    expect(r.exitCode).toBe(1);
    expect(c.exec('kubectl get svc web').stderr).toBe('Error from server (NotFound): services "web" not found\n');
  });

  it('prints nothing and exits 0 when applying would change nothing', () => {
    const c = createCluster({ seed: 3 });
    c.apply(dep(2));
    c.advance(10);
    expect(c.exec('kubectl diff -f -', { stdin: dep(2) })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('lists the objects of a stream in file-name order (apps.v1.Deployment before v1.Service)', () => {
    const c = createCluster({ seed: 3 });
    const r = c.exec('kubectl diff -f -', { stdin: `${svc}---\n${dep(1)}` });
    const heads = r.stdout.split('\n').filter((l) => l.startsWith('diff '));
    expect(heads.map((h) => h.split('/').pop())).toEqual(['apps.v1.Deployment.default.web', 'v1.Service.default.web']);
  });

  it('draws nothing from the PRNG: the uid it shows is the one apply then assigns, and the Pods get the same names', () => {
    const withDiff = createCluster({ seed: 5 });
    const shown = /uid: (\S+)/.exec(withDiff.exec('kubectl diff -f -', { stdin: dep(2) }).stdout)![1];
    withDiff.apply(dep(2));
    const plain = createCluster({ seed: 5 });
    plain.apply(dep(2));
    withDiff.advance(5);
    plain.advance(5);
    expect(withDiff.exec('kubectl get deploy web -o yaml').stdout).toContain(`uid: ${shown}`);
    expect(withDiff.exec('kubectl get pods').stdout).toBe(plain.exec('kubectl get pods').stdout);
  });

  it('fails as kubectl diff does, exit status 2 and no diff printed', () => {
    const c = createCluster({ seed: 3 });
    expect(c.exec('kubectl diff')).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', exitCode: 2 });
    expect(c.exec('kubectl diff -f web.yaml')).toEqual({ stdout: '', stderr: 'error: the path "web.yaml" does not exist\n', exitCode: 2 });
    const bad = c.exec('kubectl diff -f -', { stdin: `${svc}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n` });
    expect(bad).toEqual({ stdout: '', stderr: 'The Pod "x" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[0].imagePullPolicy: Required value\n', exitCode: 2 });
    expect(c.exec('kubectl diff -f -', { stdin: 'apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n' })).toEqual({
      stdout: '',
      stderr: 'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n',
      exitCode: 2,
    });
    expect(c.exec('kubectl diff -f - --server-side', { stdin: svc })).toEqual({ stdout: '', stderr: 'error: Kubeplay does not simulate "kubectl diff --server-side" yet\n', exitCode: 2 });
  });
});

describe('unifiedHunks (diff -u)', () => {
  const lines = (n: number, change: Record<number, string> = {}) => Array.from({ length: n }, (_, i) => `${change[i + 1] ?? `line ${i + 1}`}\n`).join('');

  it('gives three lines of context and joins changes at most six unchanged lines apart', () => {
    expect(unifiedHunks(lines(20), lines(20, { 5: 'five', 12: 'twelve' }))).toBe(
      '@@ -2,14 +2,14 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n line 9\n line 10\n line 11\n-line 12\n+twelve\n line 13\n line 14\n line 15\n',
    );
    expect(unifiedHunks(lines(20), lines(20, { 2: 'two', 10: 'ten' }))).toBe(
      '@@ -1,5 +1,5 @@\n line 1\n-line 2\n+two\n line 3\n line 4\n line 5\n@@ -7,7 +7,7 @@\n line 7\n line 8\n line 9\n-line 10\n+ten\n line 11\n line 12\n line 13\n',
    );
  });

  it('writes one-line and empty ranges as GNU diff does', () => {
    expect(unifiedHunks('a\n', 'b\n')).toBe('@@ -1 +1 @@\n-a\n+b\n');
    expect(unifiedHunks('', 'a\nb\n')).toBe('@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedHunks('a\nb\n', '')).toBe('@@ -1,2 +0,0 @@\n-a\n-b\n');
    expect(unifiedHunks('a\nb\nc\n', 'a\nc\n')).toBe('@@ -1,3 +1,2 @@\n a\n-b\n c\n');
    expect(unifiedHunks('same\n', 'same\n')).toBe('');
  });

  it('prints the removed lines of a change before the added ones', () => {
    expect(unifiedHunks('k\na\nb\nz\n', 'k\nx\ny\nz\n')).toBe('@@ -1,4 +1,4 @@\n k\n-a\n-b\n+x\n+y\n z\n');
  });

  it('formats the label time with nanoseconds and the UTC offset', () => {
    expect(diffTime(1723550400000 + 61_005)).toBe('2024-08-13 12:01:01.005000000 +0000');
  });
});
