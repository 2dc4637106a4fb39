/**
 * Issue 6, bullet by bullet, through the headless API (src/sim/ISSUE-COVERAGE-6.md): what a person
 * sees with curl/wget/kubectl on a real kubeadm + flannel cluster when a Service has no endpoints,
 * its only Pod is not ready or does not listen, the Pod is on another node, affinity or a Local
 * traffic policy applies, not-ready addresses are published; resolv.conf per dnsPolicy; describe's
 * Endpoints line.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type TimelineEvent } from '../index.ts';

const onNode = (node: string) => `nodeSelector: { kubernetes.io/hostname: ${node} }`;

function client(name: string, node: string, image = 'curlimages/curl:8.11.0'): string {
  return `---
apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  ${onNode(node)}
  containers: [{ name: c, image: '${image}', command: [sleep, '3600'] }]
`;
}

function whoami(name: string, node: string, extra = ''): string {
  return `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, labels: { app: ${name.replace(/-\d+$/, '')} } }
spec:
  ${onNode(node)}
  containers:
  - name: whoami
    image: traefik/whoami:v1.10.3
    ports: [{ containerPort: 80 }]
${extra}`;
}

function service(name: string, spec = ''): string {
  return `---
apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  selector: { app: ${name} }
  ports: [{ port: 80 }]
${spec}`;
}

function up(yaml: string, seed = 6): Cluster {
  const c = createCluster({ seed });
  const r = c.apply(yaml);
  expect(r.stderr).toBe('');
  c.advance(40);
  return c;
}

const get = (c: Cluster, what: string) => JSON.parse(c.exec(`kubectl get ${what} -o json`).stdout);
const since = (c: Cluster, from: number) => c.timelineSince(from).entries;
const proxyEntries = (entries: TimelineEvent[], svc: string) => entries.filter((e) => e.source.startsWith('kube-proxy/') && e.object?.name === svc);

describe('requests that fail as on a real cluster', () => {
  it('no endpoints: REJECT on the client node, curl (7) after 0 ms by IP (2 ms of DNS by name), wget refused', () => {
    const c = up(service('empty') + client('curler', 'worker-1') + client('bb', 'worker-2', 'busybox:1.36'));
    const ip = get(c, 'svc empty').spec.clusterIP as string;
    expect(c.exec(`kubectl exec curler -- curl -sS http://${ip}/`)).toEqual({
      stdout: '', stderr: `curl: (7) Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server\ncommand terminated with exit code 7\n`, exitCode: 7,
    });
    // curl names the host as given; its clock started before the DNS lookup (2 ms here: query and answer).
    expect(c.exec('kubectl exec curler -- curl -s -S http://empty').stderr).toBe("curl: (7) Failed to connect to empty port 80 after 2 ms: Couldn't connect to server\ncommand terminated with exit code 7\n");
    expect(c.exec('kubectl exec bb -- wget -qO- http://empty').stderr).toBe(`wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`);
    const rejects = c.timeline().filter((e) => e.reason === 'Reject' && e.object?.name === 'empty');
    expect(rejects.map((e) => [e.source, e.message])).toEqual([
      ['kube-proxy/worker-1', `default/empty: ${ip}:80 has no endpoints: REJECT (connection refused)`],
      ['kube-proxy/worker-1', `default/empty: ${ip}:80 has no endpoints: REJECT (connection refused)`],
      ['kube-proxy/worker-2', `default/empty: ${ip}:80 has no endpoints: REJECT (connection refused)`],
    ]);
    expect(rejects[0]!.data!.response).toEqual({ error: 'connection refused' });
    expect(rejects[0]!.data!.rulesWalked).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`);
  });

  it('the only Pod not ready: listed not ready in the slice, blank in get endpoints and describe, no rules: REJECT', () => {
    const c = up(whoami('web-0', 'worker-1', '    readinessProbe: { httpGet: { path: /nope, port: 81 } }\n') + service('web') + client('curler', 'worker-2'));
    const ip = get(c, 'svc web').spec.clusterIP as string;
    const slice = get(c, 'endpointslices -l kubernetes.io/service-name=web').items[0];
    expect(slice.endpoints[0].conditions).toEqual({ ready: false, serving: false, terminating: false });
    // printers.go formatEndpoints: a subset with only notReadyAddresses lists nothing (not "<none>").
    expect(c.exec('kubectl get endpoints web').stdout).toBe(`NAME   ENDPOINTS   AGE\nweb${' '.repeat(16)}40s\n`);
    expect(c.exec('kubectl describe svc web').stdout).toContain('\nEndpoints:                \n');
    expect(c.exec('iptables-save -t filter', { node: 'worker-2' }).stdout).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\n`);
    expect(c.exec('kubectl exec curler -- curl -sS http://web').stderr).toBe("curl: (7) Failed to connect to web port 80 after 2 ms: Couldn't connect to server\ncommand terminated with exit code 7\n");
  });

  it('a Pod that does not listen on the port: DNAT to it, then its RST (curl 7 after 1 ms); the pick records the refusal', () => {
    const c = up(`---
apiVersion: v1
kind: Pod
metadata: { name: mute, labels: { app: mute } }
spec:
  ${onNode('worker-1')}
  containers: [{ name: c, image: 'busybox:1.36', command: [sleep, '3600'] }]
` + service('mute') + client('curler', 'worker-1'));
    const ip = get(c, 'svc mute').spec.clusterIP as string;
    const podIP = get(c, 'pod mute').status.podIP as string;
    const from = c.timelineSince(0).total;
    expect(c.exec(`kubectl exec curler -- curl -sS http://${ip}`).stderr).toBe(`curl: (7) Failed to connect to ${ip} port 80 after 1 ms: Couldn't connect to server\ncommand terminated with exit code 7\n`);
    const [pick] = proxyEntries(since(c, from), 'mute');
    expect(pick!.reason).toBe('LoadBalance');
    expect(pick!.message).toBe(`default/mute: ${ip}:80 → ${podIP}:80 (KUBE-SVC-${/KUBE-SVC-(\w+)/.exec(pick!.message)![1]} → ${/KUBE-SEP-\w+/.exec(pick!.message)![0]}): connection refused`);
    expect(pick!.data).toMatchObject({ endpoint: `${podIP}:80`, pod: 'default/mute', node: 'worker-1', hops: [{ from: 'worker-1', to: 'worker-1', via: 'cni0' }], response: { error: 'connection refused' } });
  });
});

describe('a Pod on another node', () => {
  it('the pick names the flannel.1 VXLAN hop between the nodes, with the outer UDP packet; a Pod on the same node goes over cni0', () => {
    const c = up(whoami('web-0', 'worker-1') + service('web') + client('far', 'worker-2') + client('near', 'worker-1'));
    const ip = get(c, 'svc web').spec.clusterIP as string;
    const podIP = get(c, 'pod web-0').status.podIP as string;
    const from = c.timelineSince(0).total;
    expect(c.exec('kubectl exec far -- curl -s http://web').stdout).toMatch(/^Hostname: web-0\n/);
    expect(c.exec('kubectl exec near -- curl -s http://web').stdout).toMatch(/^Hostname: web-0\n/);
    const [far, near] = proxyEntries(since(c, from), 'web');
    expect(far!.source).toBe('kube-proxy/worker-2');
    expect(far!.message).toMatch(new RegExp(`^default/web: ${ip.replace(/\./g, '\\.')}:80 → ${podIP.replace(/\./g, '\\.')}:80 \\(KUBE-SVC-\\w+ → KUBE-SEP-\\w+\\) via flannel\\.1 \\(VXLAN\\) to worker-1: HTTP 200$`));
    expect(far!.data!.hops).toEqual([{ from: 'worker-2', to: 'worker-1', via: 'flannel.1', outer: { src: '172.18.0.4', dst: '172.18.0.3', port: 8472 } }]);
    expect(near!.source).toBe('kube-proxy/worker-1');
    expect(near!.message).toMatch(/\): HTTP 200$/);
    expect(near!.data!.hops).toEqual([{ from: 'worker-1', to: 'worker-1', via: 'cni0' }]);
  });
});

describe('sessionAffinity: ClientIP', () => {
  it('one client stays on the Pod of its first pick (no draws after it); the rules show the recent match', () => {
    const c = up(whoami('web-0', 'worker-1') + whoami('web-1', 'worker-2') + whoami('web-2', 'worker-1') + service('web', '  sessionAffinity: ClientIP\n') + client('a', 'worker-1') + client('b', 'worker-2'));
    const from = c.timelineSince(0).total;
    const a = c.traffic({ from: { pod: 'a' }, to: 'web', count: 30, ratePerSecond: 10 });
    const b = c.traffic({ from: { pod: 'b' }, to: 'web', count: 30, ratePerSecond: 10 });
    c.advance(5);
    for (const run of [a, b]) {
      const pods = new Set(run.results().map((r) => r.pod));
      expect(pods.size).toBe(1);
      expect(run.results().every((r) => r.status === 200)).toBe(true);
    }
    const picks = proxyEntries(since(c, from), 'web');
    expect(picks).toHaveLength(60);
    const later = picks.filter((e) => e.data!.client === get(c, 'pod a').status.podIP).slice(1);
    for (const e of later) {
      expect(e.data!.draws).toEqual([]);
      expect((e.data!.rulesWalked as string[]).some((r) => / -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-\w+ --mask 255\.255\.255\.255 --rsource -j KUBE-SEP-/.test(r))).toBe(true);
    }
  });
});

describe('traffic policies: Local', () => {
  const yaml = whoami('web-0', 'worker-1') + service('web', '  type: NodePort\n  externalTrafficPolicy: Local\n  internalTrafficPolicy: Local\n  ports: [{ port: 80, nodePort: 30081 }]\n') + client('here', 'worker-1') + client('there', 'worker-2');

  it('internalTrafficPolicy Local: a Pod on a node without a local endpoint is dropped (curl -m 2: 28); on the endpoint node it is answered', () => {
    const c = up(yaml);
    const ip = get(c, 'svc web').spec.clusterIP as string;
    expect(c.exec('kubectl exec here -- curl -s http://web').stdout).toMatch(/^Hostname: web-0\n/);
    expect(c.exec('kubectl exec there -- curl -sS -m 2 http://web').stderr).toBe('curl: (28) Connection timed out after 2002 milliseconds\ncommand terminated with exit code 28\n');
    const drop = c.timeline().filter((e) => e.reason === 'Drop' && e.object?.name === 'web');
    expect(drop.map((e) => [e.source, e.message])).toEqual([['kube-proxy/worker-2', `default/web: ${ip}:80 has no local endpoints: DROP`]]);
  });

  it('externalTrafficPolicy Local: the NodePort answers only where the Pod runs, and keeps the client address', () => {
    const c = up(yaml);
    // From the control-plane node: to worker-1 (the Pod's node) the Pod sees 172.18.0.2 itself; to worker-2, DROP.
    const ok = c.exec('curl -s http://172.18.0.3:30081/', { node: 'control-plane' }).stdout;
    expect(ok).toMatch(/^RemoteAddr: 172\.18\.0\.2:\d+$/m);
    expect(c.exec('curl -sS -m 2 http://172.18.0.4:30081/', { node: 'control-plane' }).stderr).toBe('curl: (28) Connection timed out after 2000 milliseconds\n');
    // A Pod's packet to worker-1's address leaves worker-2 masqueraded to 172.18.0.4 (FLANNEL-POSTRTG): no
    // short-circuit for pod traffic on worker-1, its local endpoint answers and sees worker-2's address.
    expect(c.exec('kubectl exec there -- curl -s http://172.18.0.3:30081/').stdout).toMatch(/^RemoteAddr: 172\.18\.0\.4:\d+$/m);
    // The Cluster chain exists on every node for that short-circuit, even with both policies Local (UsesClusterEndpoints).
    const svcChain = /-A KUBE-EXT-(\w+) /.exec(c.exec('iptables-save -t nat', { node: 'worker-2' }).stdout)![1]!;
    const nat2 = c.exec('iptables-save -t nat', { node: 'worker-2' }).stdout;
    expect(nat2).toContain(`\n:KUBE-SVC-${svcChain} - [0:0]\n`);
    expect(nat2).toContain(`\n-A KUBE-SVC-${svcChain} -m comment --comment "default/web -> ${get(c, 'pod web-0').status.podIP}:80" -j KUBE-SEP-`);
    expect(nat2).not.toContain(`:KUBE-SVL-${svcChain}`);
    // A node reaching its own NodePort goes through OUTPUT → KUBE-NODEPORTS → KUBE-EXT (local traffic is masqueraded).
    expect(c.exec('curl -s http://172.18.0.3:30081/', { node: 'worker-1' }).stdout).toMatch(/^Hostname: web-0\n/);
    // The Pod on worker-2 to its own node's NodePort: KUBE-EXT's "pod traffic" rule sends it to KUBE-SVC (cluster-wide).
    const from = c.timelineSince(0).total;
    expect(c.exec('kubectl exec there -- curl -s http://172.18.0.4:30081/').stdout).toMatch(/^Hostname: web-0\n/);
    const [pick] = proxyEntries(since(c, from), 'web');
    expect(pick!.message).toMatch(/^default\/web: 172\.18\.0\.4:30081 → 10\.244\.1\.\d+:80 \(KUBE-SVC-\w+ → KUBE-SEP-\w+\) via flannel\.1 \(VXLAN\) to worker-1: HTTP 200$/);
    expect(pick!.data!.rulesWalked).toContain('-A KUBE-EXT-' + /KUBE-SVC-(\w+)/.exec(pick!.message)![1] + ` -s 10.244.0.0/16 -m comment --comment "pod traffic for default/web external destinations" -j KUBE-SVC-${/KUBE-SVC-(\w+)/.exec(pick!.message)![1]}`);
  });
});

describe('publishNotReadyAddresses', () => {
  it('a Pod failing readiness is published ready, so kube-proxy sends traffic to it', () => {
    const c = up(whoami('web-0', 'worker-1', '    readinessProbe: { httpGet: { path: /nope, port: 81 } }\n') + service('web', '  publishNotReadyAddresses: true\n') + client('curler', 'worker-2'));
    expect(c.exec('kubectl get pod web-0').stdout).toMatch(/\nweb-0 +0\/1 +Running/);
    const slice = get(c, 'endpointslices -l kubernetes.io/service-name=web').items[0];
    expect(slice.endpoints[0].conditions).toEqual({ ready: true, serving: false, terminating: false });
    expect(c.exec('kubectl exec curler -- curl -s http://web').stdout).toMatch(/^Hostname: web-0\n/);
  });
});

describe('/etc/resolv.conf per dnsPolicy (pkg/kubelet/network/dns/dns.go)', () => {
  it('ClusterFirst, None with dnsConfig, ClusterFirstWithHostNet; a hostNetwork Pod with ClusterFirst and Default get the node resolver', () => {
    const pod = (name: string, spec: string) => `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: default }
spec:
${spec}  containers: [{ name: c, image: 'busybox:1.36', command: [sleep, '3600'] }]
`;
    const c = up(
      pod('first', '') +
        pod('none', '  dnsPolicy: None\n  dnsConfig: { nameservers: [192.0.2.1], searches: [ns1.svc.cluster-domain.example, my.dns.search.suffix], options: [{ name: ndots, value: "2" }, { name: edns0 }] }\n') +
        pod('hostnet', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n') +
        pod('hostfirst', '  hostNetwork: true\n') +
        pod('dflt', '  dnsPolicy: Default\n') +
        pod('merged', '  dnsConfig: { searches: [extra.example], options: [{ name: ndots, value: "1" }] }\n'),
    );
    const conf = (p: string) => c.exec(`kubectl exec ${p} -- cat /etc/resolv.conf`).stdout;
    const cluster = 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n';
    expect(conf('first')).toBe(cluster);
    // The docs' example (concepts/services-networking/dns-pod-service#pod-dns-config).
    expect(conf('none')).toBe('search ns1.svc.cluster-domain.example my.dns.search.suffix\nnameserver 192.0.2.1\noptions ndots:2 edns0\n');
    expect(conf('hostnet')).toBe(cluster);
    expect(conf('merged')).toBe('search default.svc.cluster.local svc.cluster.local cluster.local extra.example\nnameserver 10.96.0.10\noptions ndots:1\n');
    // Default (and ClusterFirst on the host network, which falls back to it): the node's own resolver.
    for (const p of ['dflt', 'hostfirst']) {
      expect(conf(p)).toMatch(/^nameserver 172\.18\.0\.1\n/);
      expect(conf(p)).not.toContain('cluster.local');
    }
    expect(c.exec('kubectl exec dflt -- nslookup kubernetes.default').stdout).not.toContain('10.96.0.1\n');
  });
});

describe('kubectl describe svc: the Endpoints line', () => {
  it('lists the ready endpoints with the target port (up to 3, then "+ N more..."), none for a Service without Pods', () => {
    const c = up(['web-0', 'web-1', 'web-2', 'web-3'].map((n, i) => whoami(n, i % 2 ? 'worker-2' : 'worker-1')).join('') + service('web') + service('empty'));
    const slice = get(c, 'endpointslices -l kubernetes.io/service-name=web').items[0];
    const eps = (slice.endpoints as { addresses: string[] }[]).map((e) => `${e.addresses[0]}:80`);
    expect(c.exec('kubectl describe svc web').stdout).toContain(`\nEndpoints:                ${eps.slice(0, 3).join(',')} + 1 more...\n`);
    expect(c.exec('kubectl describe svc empty').stdout).toContain('\nEndpoints:                \n');
  });
});

describe('a requested ClusterIP', () => {
  it('is given as asked; taken or outside 10.96.0.0/12 it is refused as the registry words it (alloc.go, field.Invalid of []string)', () => {
    const c = createCluster({ seed: 6 });
    const svc = (n: string, ip: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${n} }\nspec:\n  clusterIP: ${ip}\n  ports: [{ port: 80 }]\n`;
    expect(c.apply(svc('a', '10.96.0.50')).stdout).toBe('service/a created\n');
    expect(get(c, 'svc a').spec.clusterIPs).toEqual(['10.96.0.50']);
    expect(c.apply(svc('b', '10.96.0.50')).stderr).toBe('The Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated\n');
    expect(c.apply(svc('c', '10.200.0.5')).stderr).toBe('The Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.200.0.5"}: failed to allocate IP 10.200.0.5: the provided IP (10.200.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12\n');
  });
});
