import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../api/resources.ts';
import { Simulation } from '../cluster/simulation.ts';
import { storedProbability } from '../proxy/rules.ts';
import { Network } from './network.ts';

const PODS = preferredResourceForKind('Pod')!;

const WEB = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: whoami
        image: traefik/whoami:v1.10.3
        ports: [{ containerPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: empty }
spec:
  selector: { app: nothing }
  ports: [{ port: 80 }]
`;

function pod(name: string, script: string, image = 'busybox:1.36'): string {
  return `
apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  containers:
  - name: c
    image: ${image}
    command: [sh, -c, ${JSON.stringify(script)}]
`;
}

/** A cluster with the Network wired as simulation.ts will wire it. */
function cluster() {
  const sim = new Simulation({ seed: 3 });
  sim.runtime.setNetwork(new Network(sim.kernel, sim.store, sim.proxies, sim.runtime));
  const apply = (yaml: string) => {
    const r = sim.exec('kubectl apply -f -', { stdin: yaml });
    expect(r.stderr).toBe('');
  };
  const logs = (name: string) => {
    const p = sim.store.get(PODS, 'default', name)!;
    const id = String(p.status.containerStatuses[0].containerID).replace('containerd://', '');
    return sim.runtime.logs(id);
  };
  return { sim, apply, logs };
}

describe('Network: a request from a container', () => {
  it('wget through the web Service: each request load-balanced by the rules of the client node, answered by the pod picked', () => {
    const { sim, apply, logs } = cluster();
    apply(WEB);
    sim.advance(30);
    apply(pod('client', 'for i in 1 2 3 4 5 6; do wget -qO- http://web; sleep 1; done; sleep 3600'));
    sim.advance(30);
    const out = logs('client');
    const hostnames = [...out.matchAll(/^Hostname: (\S+)$/gm)].map((m) => m[1]);
    expect(hostnames).toHaveLength(6);
    const webPods = sim.store.list(PODS, 'default').filter((p) => p.metadata.labels?.app === 'web').map((p) => p.metadata.name);
    for (const h of hostnames) expect(webPods).toContain(h);
    expect(new Set(hostnames).size).toBeGreaterThan(1);

    const svc = sim.store.get(preferredResourceForKind('Service')!, 'default', 'web')!;
    const clientPod = sim.store.get(PODS, 'default', 'client')!;
    const decisions = sim.kernel.timeline.list().filter((e) => e.reason === 'LoadBalance' && e.object?.name === 'web');
    expect(decisions).toHaveLength(6);
    expect(decisions[0]!.message).toMatch(/^default\/web: 10\.\d+\.\d+\.\d+:80 → 10\.244\.\d+\.\d+:80 \(KUBE-SVC-[A-Z0-9]{16} → KUBE-SEP-[A-Z0-9]{16}, (p=0\.\d{11}, draw 0\.\d\d|last rule, draws 0\.\d\d, 0\.\d\d)\)( via flannel\.1 \(VXLAN\) to worker-[12])?: HTTP 200$/);
    decisions.forEach((d, i) => {
      const data = d.data as { client: string; service: string; rulesWalked: string[]; draws: number[]; endpoint: string; pod: string; node: string };
      expect(d.source).toBe(`kube-proxy/${clientPod.spec.nodeName}`);
      expect(data.client).toBe(clientPod.status.podIP);
      expect(data.service).toBe('default/web');
      expect(data.pod).toBe(`default/${hostnames[i]}`);
      expect(d.message).toMatch(new RegExp(`^default/web: ${svc.spec.clusterIP.replace(/\./g, '\\.')}:80 → ${data.endpoint.replace(/\./g, '\\.')} \\(KUBE-SVC-\\w+ → KUBE-SEP-\\w+`));
      // The picks follow the draws: the rules of the Service chain are tried in order, each statistic
      // rule drawing once; the first whose draw is under its probability (or the last, without one) wins.
      const sepRule = data.rulesWalked.find((r) => / -j KUBE-SEP-/.test(r))!;
      const svcChain = /^-A (\S+)/.exec(sepRule)![1]!;
      const saved = sim.exec('iptables-save -t nat', { node: clientPod.spec.nodeName }).stdout;
      const candidates = saved.split('\n').filter((l) => l.startsWith(`-A ${svcChain} `) && / -j KUBE-SEP-/.test(l))
        .map((l) => ({ p: / --probability (\S+)/.exec(l)?.[1], sep: / -j (KUBE-SEP-\w+)/.exec(l)![1]! }));
      expect(candidates).toHaveLength(3);
      let k = 0;
      while (candidates[k]!.p !== undefined && data.draws[k]! >= storedProbability(candidates[k]!.p!)) k++;
      expect(data.draws).toHaveLength(Math.min(k + 1, 2));
      expect(sepRule).toContain(`-j ${candidates[k]!.sep}`);
      expect(saved).toContain(`-A ${candidates[k]!.sep} -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination ${data.endpoint}`);
      if (candidates[k]!.p !== undefined) expect(d.message).toContain(`p=${candidates[k]!.p}, draw ${(data.draws[k]! / 0x80000000).toFixed(2)})`);
    });
    // The DNS queries went to CoreDNS through the kube-dns Service.
    expect(sim.kernel.timeline.list().some((e) => e.reason === 'LoadBalance' && e.object?.name === 'kube-dns')).toBe(true);
  });

  it('nslookup: busybox output, NXDOMAIN under the other search domains; an unknown name is NXDOMAIN', () => {
    const { sim, apply, logs } = cluster();
    apply(WEB);
    sim.advance(30);
    apply(pod('dns', 'nslookup web; echo status=$?; nslookup nope.default.svc.cluster.local; echo status=$?; sleep 3600'));
    sim.advance(30);
    const ip = sim.store.get(preferredResourceForKind('Service')!, 'default', 'web')!.spec.clusterIP;
    expect(logs('dns')).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        `Name:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n` +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n" +
        '\n' +
        "** server can't find web.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find web.cluster.local: NXDOMAIN\n\n" +
        'status=1\n' +
        'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        "** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n" +
        "** server can't find nope.default.svc.cluster.local: NXDOMAIN\n\n" +
        'status=1\n',
    );
  });

  it('wget and curl errors: bad address, a Service without endpoints refuses, a pod IP nobody listens on refuses', () => {
    const { sim, apply, logs } = cluster();
    apply(WEB);
    sim.advance(30);
    apply(pod('errs', 'wget -qO- http://nope; wget -qO- http://empty; wget -O- http://web/api; sleep 3600'));
    apply(pod('curler', 'curl -s http://web/api; echo; curl http://nope; curl -s http://empty; echo rc=$?; curl http://empty:81', 'curlimages/curl:8.11.0'));
    sim.advance(60);
    const emptyIP = sim.store.get(preferredResourceForKind('Service')!, 'default', 'empty')!.spec.clusterIP;
    const webIP = sim.store.get(preferredResourceForKind('Service')!, 'default', 'web')!.spec.clusterIP;
    const errs = logs('errs');
    const errsPod = sim.store.get(PODS, 'default', 'errs')!;
    const curlerPod = sim.store.get(PODS, 'default', 'curler')!;
    // traefik/whoami echoes the request as the server read it: wget's headers, the client Pod's address.
    const echoed = (pod: typeof errsPod, headers: string) =>
      new RegExp(`\\{"hostname":"web-[^"]+","ip":\\["127\\.0\\.0\\.1","::1","10\\.244\\.\\d+\\.\\d+"\\],"headers":${headers.replace(/[[\]{}*/.]/g, (ch) => `\\${ch}`)},"url":"/api","host":"web","method":"GET","remoteAddr":"${pod.status.podIP.replace(/\./g, '\\.')}:\\d+"\\}\n`);
    expect(errs).toMatch(new RegExp(`^wget: bad address 'nope'\nwget: can't connect to remote host \\(${emptyIP.replace(/\./g, '\\.')}\\): Connection refused\nConnecting to web \\(${webIP.replace(/\./g, '\\.')}:80\\)\nwriting to stdout\n`));
    expect(errs).toMatch(echoed(errsPod, '{"Connection":["close"],"User-Agent":["Wget"]}'));
    expect(errs).toMatch(/\}\n- {20}100% \|\*{32}\| +\d+ {2}0:00:00 ETA\nwritten to stdout\n$/);
    expect(sim.kernel.timeline.list().filter((e) => e.reason === 'Reject' && e.object?.name === 'empty').length).toBeGreaterThanOrEqual(2);

    const c = logs('curler');
    expect(c).toMatch(new RegExp(`^${echoed(curlerPod, '{"Accept":["*/*"],"User-Agent":["curl/8.11.0"]}').source}`));
    expect(c).toContain('                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\ncurl: (6) Could not resolve host: nope\n');
    expect(c).toContain('rc=7\n');
    // Port 81 is not a port of the Service: no rule matches, the ClusterIP answers nothing, the connect times out (127 s).
    expect(c).not.toContain('port 81');
    sim.advance(200);
    expect(logs('curler')).toMatch(/curl: \(7\) Failed to connect to empty port 81 after 127\d{3} ms: Couldn't connect to server\n$/);
  });

  it('StatefulSet pod names through a headless Service, pod A records, and a NodePort on another node', () => {
    const { sim, apply, logs } = cluster();
    apply(`
apiVersion: v1
kind: Service
metadata: { name: db }
spec:
  clusterIP: None
  selector: { app: db }
  ports: [{ port: 80 }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db }
spec:
  serviceName: db
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{ containerPort: 80 }]
---
apiVersion: v1
kind: Service
metadata: { name: np }
spec:
  type: NodePort
  selector: { app: db }
  ports: [{ port: 80, nodePort: 30080 }]
`);
    sim.advance(60);
    const db1 = sim.store.get(PODS, 'default', 'db-1')!;
    const dashed = String(db1.status.podIP).replace(/\./g, '-');
    const nodes = [...sim.proxies.values()];
    apply(pod('q', `nslookup db-1.db.default.svc.cluster.local; nslookup db-1.db; wget -qO- http://db-1.db; wget -qO- http://${dashed}.default.pod.cluster.local >/dev/null && echo pod-ok; wget -qO- http://${nodes[0]!.nodeIP}:30080 >/dev/null && echo nodeport-ok; wget -qO- http://db-0.db/missing; curl -sf http://db-0.db/missing; echo curl=$?; sleep 3600`));
    sim.advance(30);
    const out = logs('q');
    // busybox's nslookup does not search for a name with a dot in it (add_query_with_search), musl does.
    expect(out.startsWith(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        `Name:\tdb-1.db.default.svc.cluster.local\nAddress: ${db1.status.podIP}\n\n\n` +
        'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n' +
        "** server can't find db-1.db: NXDOMAIN\n\n** server can't find db-1.db: NXDOMAIN\n\n",
    )).toBe(true);
    expect(out).toContain('<title>Welcome to nginx!</title>');
    expect(out).toContain('pod-ok\n');
    expect(out).toContain('nodeport-ok\n');
    expect(out).toContain('wget: server returned error: HTTP/1.1 404 Not Found\n');
    // busybox ships no curl.
    expect(out).toContain('sh: curl: not found\ncurl=127\n');
    const q = sim.store.get(PODS, 'default', 'q')!;
    const nodePort = sim.kernel.timeline.list().filter((e) => e.reason === 'LoadBalance' && e.object?.name === 'np');
    expect(nodePort).toHaveLength(1);
    expect(nodePort[0]!.source).toBe(q.spec.nodeName === nodes[0]!.nodeName ? `kube-proxy/${q.spec.nodeName}` : `kube-proxy/${nodes[0]!.nodeName}`);
    expect(nodePort[0]!.message).toMatch(new RegExp(`^default/np: ${nodes[0]!.nodeIP.replace(/\./g, '\\.')}:30080 → 10\\.244\\.`));
  });
});

describe('Network: loadBalancerSourceRanges', () => {
  it('a Pod outside the ranges is dropped by KUBE-PROXY-FIREWALL; a node inside them gets through', () => {
    const { sim, apply, logs } = cluster();
    apply(WEB.split('---')[0]! + `---
apiVersion: v1
kind: Service
metadata: { name: lb }
spec:
  type: LoadBalancer
  selector: { app: web }
  loadBalancerSourceRanges: [172.18.0.0/16]
  ports: [{ port: 80, targetPort: 80 }]
`);
    sim.advance(30);
    const lbIP = sim.store.get(preferredResourceForKind('Service')!, 'default', 'lb')!.status.loadBalancer.ingress[0].ip as string;
    expect(lbIP).toBe('172.18.255.200');
    apply(pod('outside', `wget -T 5 -qO- http://${lbIP}; echo rc=$?; sleep 3600`));
    sim.advance(30);
    expect(logs('outside')).toBe('wget: download timed out\nrc=1\n');
    const client = sim.store.get(PODS, 'default', 'outside')!;
    const drops = sim.kernel.timeline.list().filter((e) => e.reason === 'Drop' && e.object?.name === 'lb');
    expect(drops.map((e) => e.message)).toEqual([`default/lb: ${lbIP}:80 source ${client.status.podIP} not in loadBalancerSourceRanges: DROP (KUBE-PROXY-FIREWALL)`]);
    // A node's own address is in 172.18.0.0/16. Its traffic is masqueraded (KUBE-EXT's mark): the Pod sees
    // worker-1's cni0 address (10.244.1.1) when it runs there, its flannel.1 address (10.244.1.0) otherwise.
    const cidr = sim.store.get(preferredResourceForKind('Node')!, '', 'worker-1')!.spec.podCIDR as string;
    expect(cidr).toBe('10.244.1.0/24');
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const out = sim.exec(`curl -s http://${lbIP}/`, { node: 'worker-1' }).stdout;
      const answering = sim.store.get(PODS, 'default', /^Hostname: (\S+)$/m.exec(out)![1]!)!;
      const expected = answering.spec.nodeName === 'worker-1' ? '10.244.1.1' : '10.244.1.0';
      expect(out).toMatch(new RegExp(`^RemoteAddr: ${expected.replace(/\./g, '\\.')}:\\d+$`, 'm'));
      expect(out).toContain(`GET / HTTP/1.1\r\nHost: ${lbIP}\r\nUser-Agent: curl/8.11.0\r\nAccept: */*\r\n`);
      seen.add(expected);
    }
    expect([...seen].sort()).toEqual(['10.244.1.0', '10.244.1.1']);
  });
});
