/**
 * A Pod that fails its readiness probe leaves the Service's rules only when kube-proxy next syncs:
 * the kubelet marks it not ready after failureThreshold failures, the EndpointSlice controller
 * writes ready=false at once, and each node's kube-proxy rewrites its rules through its
 * BoundedFrequencyRunner (burst 2, one token per minSyncPeriod = 1 s; proxier.go NewProxier). In the
 * window between, requests still reach the not-ready Pod; after, they move to the others.
 */
import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../api/resources.ts';
import { Simulation } from '../cluster/simulation.ts';
import { Network } from './network.ts';

const PODS = preferredResourceForKind('Pod')!;
const SERVICES = preferredResourceForKind('Service')!;
const SLICES = preferredResourceForKind('EndpointSlice')!;

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
      - name: httpd
        image: busybox:1.36
        command: [sh, -c, 'mkdir -p /www; hostname > /www/index.html; touch /tmp/ready; httpd -f -p 80 -h /www']
        ports: [{ containerPort: 80 }]
        readinessProbe: { exec: { command: [cat, /tmp/ready] }, periodSeconds: 2 }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
  containers: [{ name: c, image: 'busybox:1.36', command: [sleep, '3600'] }]
`;

const other = (name: string): string => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec: { selector: { app: ${name} }, ports: [{ port: 80 }] }\n`;

describe('a Pod failing readiness', () => {
  it('drops out of the rules at the next kube-proxy sync, and traffic moves to the ready Pods', () => {
    const sim = new Simulation({ seed: 5 });
    const run = (line: string, stdin?: string) => {
      const r = sim.exec(line, stdin === undefined ? {} : { stdin });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    run('kubectl apply -f -', WEB);
    sim.advance(30);
    const web = sim.store.list(PODS, 'default').filter((p) => p.metadata.labels?.app === 'web').sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    expect(web.map((p) => p.status.phase)).toEqual(['Running', 'Running', 'Running']);
    const failing = web[1]!;
    const others = [web[0]!, web[2]!];
    const client = sim.store.get(PODS, 'default', 'client')!;
    const node = client.spec.nodeName as string;
    const svcIP = sim.store.get(SERVICES, 'default', 'web')!.spec.clusterIP as string;
    const net = new Network(sim.kernel, sim.store, sim.proxies, sim.runtime).attach({ node, podIP: client.status.podIP, namespace: 'default', fs: new Map() });
    const answers = (n: number): Set<string> => {
      const seen = new Set<string>();
      for (let i = 0; i < n; i++) {
        const r = net.httpGet(svcIP, 80, '/', 10_000);
        if (r.kind !== 'answer') throw new Error(r.kind);
        seen.add(r.body.trim());
      }
      return seen;
    };
    const svcRules = () => sim.exec('iptables-save -t nat', { node }).stdout.split('\n').filter((l) => /^-A KUBE-SVC-\w+ -m comment --comment "default\/web -> /.test(l));
    const syncs = () => sim.kernel.timeline.list().filter((e) => e.source === `kube-proxy/${node}` && e.reason === 'SyncProxyRules').map((e) => Math.round(e.t * 1000));
    const unhealthy = () => sim.kernel.timeline.list().filter((e) => e.reason === 'Unhealthy' && e.object?.name === failing.metadata.name).map((e) => Math.round(e.t * 1000));
    const ips = (pods: typeof web) => pods.map((p) => `${p.status.podIP}:80`).sort();

    run(`kubectl exec ${failing.metadata.name} -- rm /tmp/ready`);
    sim.kernel.advanceMs(2100);
    const [first] = unhealthy();
    expect(first).toBeDefined();
    // The third failure (failureThreshold 3, periodSeconds 2) makes the Pod not ready.
    const notReadyAt = first! + 4000;
    const lastSync = syncs().at(-1)!;
    expect(notReadyAt - 378 - lastSync).toBeGreaterThan(2000); // the token bucket is full again
    // Another Service created just before uses up kube-proxy's burst of two syncs (one for the
    // Service, one for the EndpointSlice its controller writes in the same millisecond).
    sim.kernel.advanceMs(notReadyAt - 378 - sim.kernel.nowMs);
    run('kubectl apply -f -', other('x1'));
    expect(syncs().slice(-2)).toEqual([notReadyAt - 378, notReadyAt - 378]);

    sim.kernel.advanceMs(notReadyAt - sim.kernel.nowMs);
    expect(unhealthy()).toEqual([first, first! + 2000, first! + 4000]);
    // The EndpointSlice controller writes ready=false at once (batch period 0)...
    const slice = sim.store.list(SLICES, 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    const conditions = (slice.endpoints as { addresses: string[]; conditions: { ready: boolean } }[]).map((e) => `${e.addresses[0]}:80 ${e.conditions.ready}`).sort();
    expect(conditions).toEqual(web.map((p) => `${p.status.podIP}:80 ${p !== failing}`).sort());
    // ...but kube-proxy has no token left (0.378 of one): the next sync is when a token is back and
    // minSyncPeriod has passed since the last run, 622 ms later.
    expect(syncs().at(-1)).toBe(notReadyAt - 378);
    expect(svcRules().map((r) => /-> (\S+)"/.exec(r)![1]).sort()).toEqual(ips(web));
    sim.kernel.advanceMs(621);
    expect(svcRules()).toHaveLength(3);
    // In the window, the not-ready Pod still gets requests.
    expect([...answers(300)].sort()).toEqual(web.map((p) => p.metadata.name));

    sim.kernel.advanceMs(1);
    expect(syncs().at(-1)).toBe(notReadyAt + 622);
    const [a, b] = ips(others);
    expect(svcRules()).toEqual([
      expect.stringContaining(`"default/web -> ${a}" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-`),
      expect.stringContaining(`"default/web -> ${b}" -j KUBE-SEP-`),
    ]);
    expect([...answers(300)].sort()).toEqual(others.map((p) => p.metadata.name));
    expect(run(`kubectl get endpoints web`).split('\n')[1]!.split(/\s+/)[1]!.split(',').sort()).toEqual([a, b]);
  });
});
