/**
 * Cluster DNS as the pods' tools print it: the search path (busybox 1.28's getaddrinfo walks it, busybox
 * ≥1.30's own resolver only for dotless names), SRV records of named ports, and ExternalName Services
 * (a CNAME; kube-proxy writes no rules; names outside the cluster are not resolved: external DNS is not
 * simulated, and the tools say so after their own error).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

const SETUP = `
apiVersion: v1
kind: Service
metadata: { name: nginx, labels: { app: nginx } }
spec:
  clusterIP: None
  selector: { app: nginx }
  ports: [{ port: 80, name: http }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: web }
spec:
  serviceName: nginx
  replicas: 2
  selector: { matchLabels: { app: nginx } }
  template:
    metadata: { labels: { app: nginx } }
    spec:
      containers: [{ name: nginx, image: 'nginx:1.27', ports: [{ containerPort: 80, name: http }] }]
---
apiVersion: v1
kind: Service
metadata: { name: front }
spec: { selector: { app: front }, ports: [{ port: 8080, name: http }, { port: 9090, name: metrics }] }
---
apiVersion: v1
kind: Service
metadata: { name: ext }
spec: { type: ExternalName, externalName: example.com }
---
apiVersion: v1
kind: Service
metadata: { name: alias }
spec: { type: ExternalName, externalName: front.default.svc.cluster.local }
---
apiVersion: v1
kind: Pod
metadata: { name: old }
spec: { containers: [{ name: b, image: 'busybox:1.28', command: [sleep, '3600'] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: new }
spec: { containers: [{ name: b, image: 'busybox:1.36', command: [sleep, '3600'] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: curl }
spec: { containers: [{ name: c, image: 'curlimages/curl:8.11.0', command: [sleep, '3600'] }] }
`;

const NOTE = 'Kubeplay: example.com is outside the cluster; DNS beyond cluster.local is not simulated, so it has no address here\n';
const NEW_HEADER = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n';
const OLD_HEADER = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';

let c: Cluster;
let ip: (kind: 'pods' | 'services', name: string) => string;
beforeAll(() => {
  c = createCluster();
  c.apply(SETUP);
  c.advance(60);
  ip = (kind, name) => {
    const o = c.snapshot().objects[kind]!.find((x) => x.metadata.name === name)!;
    return kind === 'pods' ? o.status.podIP : o.spec.clusterIP;
  };
});

describe('the search path', () => {
  it('busybox:1.28 resolves `web-0.nginx` through default.svc.cluster.local (the StatefulSet docs)', () => {
    expect(c.exec('kubectl exec old -- nslookup web-0.nginx')).toEqual({
      stdout: `${OLD_HEADER}Name:      web-0.nginx\nAddress 1: ${ip('pods', 'web-0')} web-0.nginx.default.svc.cluster.local\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(c.exec('kubectl exec old -- nslookup web-1.nginx').stdout).toBe(`${OLD_HEADER}Name:      web-1.nginx\nAddress 1: ${ip('pods', 'web-1')} web-1.nginx.default.svc.cluster.local\n`);
  });

  it('busybox 1.36 searches only dotless names (add_query_with_search): `nginx` finds both Pods, `web-0.nginx` does not', () => {
    expect(c.exec('kubectl exec new -- nslookup nginx').stdout).toBe(
      NEW_HEADER +
        `Name:\tnginx.default.svc.cluster.local\nAddress: ${ip('pods', 'web-0')}\nName:\tnginx.default.svc.cluster.local\nAddress: ${ip('pods', 'web-1')}\n\n` +
        "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n** server can't find nginx.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n** server can't find nginx.cluster.local: NXDOMAIN\n\n",
    );
    const r = c.exec('kubectl exec new -- nslookup web-0.nginx');
    expect(r.stdout).toBe(`${NEW_HEADER}** server can't find web-0.nginx: NXDOMAIN\n\n** server can't find web-0.nginx: NXDOMAIN\n\n`);
    expect(r.stderr).toBe('command terminated with exit code 1\n');
  });
});

describe('SRV records (nslookup -type=srv)', () => {
  it('a headless Service: one record per ready Pod, weights sharing 100, its hostname as target', () => {
    expect(c.exec('kubectl exec new -- nslookup -type=srv _http._tcp.nginx.default.svc.cluster.local')).toEqual({
      stdout:
        NEW_HEADER +
        '_http._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-0.nginx.default.svc.cluster.local\n' +
        '_http._tcp.nginx.default.svc.cluster.local\tservice = 0 50 80 web-1.nginx.default.svc.cluster.local\n\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('a ClusterIP Service: the named port, or every port for the bare name; the Service as target', () => {
    expect(c.exec('kubectl exec new -- nslookup -type=srv _metrics._tcp.front.default.svc.cluster.local').stdout).toBe(
      `${NEW_HEADER}_metrics._tcp.front.default.svc.cluster.local\tservice = 0 100 9090 front.default.svc.cluster.local\n\n`,
    );
    expect(c.exec('kubectl exec new -- nslookup -type=SRV front.default.svc.cluster.local').stdout).toBe(
      NEW_HEADER +
        'front.default.svc.cluster.local\tservice = 0 50 8080 front.default.svc.cluster.local\n' +
        'front.default.svc.cluster.local\tservice = 0 50 9090 front.default.svc.cluster.local\n\n',
    );
    expect(c.exec('kubectl exec new -- nslookup -type=srv _nope._tcp.front.default.svc.cluster.local').stdout).toBe(`${NEW_HEADER}\n`);
  });

  it('query types: an unknown one as busybox refuses it; the ones the playground does not serve fail loudly', () => {
    expect(c.exec('kubectl exec new -- nslookup -type=bogus front').stderr).toBe('nslookup: invalid query type "bogus"\ncommand terminated with exit code 1\n');
    expect(c.exec('kubectl exec new -- nslookup -type=mx front').stderr).toBe('nslookup: MX queries are not simulated in Kubeplay (A, AAAA, CNAME and SRV are)\ncommand terminated with exit code 1\n');
  });
});

describe('ExternalName Services', () => {
  it('CoreDNS answers a CNAME (busybox 1.36 prints the canonical name); the name outside the cluster is not resolved', () => {
    expect(c.exec('kubectl exec new -- nslookup ext')).toEqual({
      stdout:
        NEW_HEADER +
        'ext.default.svc.cluster.local\tcanonical name = example.com\n\n' +
        "** server can't find ext.svc.cluster.local: NXDOMAIN\n\n** server can't find ext.cluster.local: NXDOMAIN\n\n" +
        'ext.default.svc.cluster.local\tcanonical name = example.com\n\n' +
        "** server can't find ext.svc.cluster.local: NXDOMAIN\n\n** server can't find ext.cluster.local: NXDOMAIN\n\n",
      stderr: `${NOTE}command terminated with exit code 1\n`,
      exitCode: 1,
    });
    expect(c.exec('kubectl exec new -- nslookup -type=cname ext.default.svc.cluster.local')).toEqual({
      stdout: `${NEW_HEADER}ext.default.svc.cluster.local\tcanonical name = example.com\n\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('busybox:1.28, wget and curl follow the CNAME and fail to resolve it, with the note', () => {
    expect(c.exec('kubectl exec old -- nslookup ext')).toEqual({ stdout: OLD_HEADER, stderr: `nslookup: can't resolve 'ext'\n${NOTE}command terminated with exit code 1\n`, exitCode: 1 });
    expect(c.exec('kubectl exec new -- wget -qO- http://ext')).toEqual({ stdout: '', stderr: `wget: bad address 'ext'\n${NOTE}command terminated with exit code 1\n`, exitCode: 1 });
    expect(c.exec('kubectl exec curl -- curl -sS http://ext')).toEqual({ stdout: '', stderr: `curl: (6) Could not resolve host: ext\n${NOTE}command terminated with exit code 6\n`, exitCode: 6 });
  });

  it('a CNAME to a name inside the cluster is followed by CoreDNS itself, and requests go to its target', () => {
    const front = ip('services', 'front');
    expect(c.exec('kubectl exec new -- nslookup alias.default.svc.cluster.local').stdout).toBe(
      NEW_HEADER +
        `alias.default.svc.cluster.local\tcanonical name = front.default.svc.cluster.local\nName:\tfront.default.svc.cluster.local\nAddress: ${front}\n\n` +
        'alias.default.svc.cluster.local\tcanonical name = front.default.svc.cluster.local\n\n',
    );
    // front has no endpoints: kube-proxy's REJECT answers the connection.
    expect(c.exec('kubectl exec new -- wget -O- http://alias:8080').stderr).toBe(
      `Connecting to alias (${front}:8080)\nwget: can't connect to remote host (${front}): Connection refused\ncommand terminated with exit code 1\n`,
    );
  });

  it('kube-proxy writes no rules for them (service.go ShouldSkipService)', () => {
    for (const node of ['control-plane', 'worker-1', 'worker-2']) {
      const saved = c.exec('iptables-save', { node }).stdout;
      expect(saved).toContain('-A KUBE-SERVICES -d ' + ip('services', 'front') + '/32 -p tcp -m comment --comment "default/front:http has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable');
      expect(saved).not.toMatch(/default\/(ext|alias)\b/);
    }
  });
});
