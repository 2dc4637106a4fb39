import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('the node shell', () => {
  it('runs ;, &&, ||, | and redirections over kubectl, keeping files on the node', () => {
    const c = createCluster();
    expect(c.exec('kubectl get nodes --no-headers | wc -l')).toEqual({ stdout: '3\n', stderr: '', exitCode: 0 });
    expect(c.exec('kubectl get ns default > /tmp/ns; cat /tmp/ns | grep -c Active && echo yes || echo no').stdout).toBe('1\nyes\n');
    expect(c.exec('kubectl get pod nope 2>&1 | head -n 1').stdout).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(c.exec('kubectl get pod nope || echo "failed with $?"').stdout).toBe('failed with 1\n');
    expect(c.exec('for n in $(kubectl get nodes -o name); do echo "node: $n"; done').stdout).toBe('node: node/control-plane\nnode: node/worker-1\nnode: node/worker-2\n');
  });

  it('keeps the messages of what worked before: unknown commands, quotes, unknown nodes; stdin reaches kubectl', () => {
    const c = createCluster();
    expect(c.exec('foo bar')).toEqual({ stdout: '', stderr: 'bash: foo: command not found\n', exitCode: 127 });
    expect(c.exec('echo "open').exitCode).toBe(2);
    expect(c.exec('true', { node: 'nope' }).exitCode).toBe(255);
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c1 }\ndata: { a: b }\n';
    expect(c.exec('kubectl apply -f -', { stdin: yaml }).stdout).toBe('configmap/c1 created\n');
    expect(c.exec('systemctl stop kubelet && echo stopped', { node: 'worker-1' }).stdout).toBe('stopped\n');
  });

  it('curl from a node reaches a ClusterIP through kube-proxy; a Service name does not resolve there; sleep runs time forward', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: web, labels: { app: web } }
spec:
  containers: [{ name: httpd, image: busybox:1.36, command: [sh, -c, 'mkdir -p /www; echo hello from web > /www/index.html; httpd -f -p 80 -h /www'], ports: [{ containerPort: 80 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`);
    const t0 = c.now();
    c.exec('sleep 20');
    expect(c.now() - t0).toBe(20);
    const ip = c.snapshot().objects.services!.find((s) => s.metadata.name === 'web')!.spec.clusterIP;
    expect(c.exec(`curl -s http://${ip}/`, { node: 'worker-1' }).stdout).toBe('hello from web\n');
    expect(c.exec('curl -sS http://web/', { node: 'worker-1' }).stderr).toBe('curl: (6) Could not resolve host: web\n');
  });
});

describe('nslookup by busybox version', () => {
  it('busybox:1.28 prints the old format with reverse names (the DNS debugging page); current busybox the new one', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: old }
spec: { containers: [{ name: b, image: 'busybox:1.28', command: [sleep, '3600'] }] }
`);
    c.advance(20);
    expect(c.exec('kubectl exec old -- nslookup kubernetes.default').stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n');
    const miss = c.exec('kubectl exec old -- nslookup nosuch');
    expect(miss.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n');
    expect(miss.stderr).toBe("nslookup: can't resolve 'nosuch'\ncommand terminated with exit code 1\n");
  });
});
