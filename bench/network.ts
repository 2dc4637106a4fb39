/**
 * `npx tsx bench/network.ts`: the Service data path (issue 6). Prints JSON lines {name, value, unit};
 * wall-clock figures on this machine, never asserted by tests.
 * - requests routed per second through a Service with 100 endpoints: the whole request path from a
 *   client Pod (kube-proxy's rules on its node with the seeded statistic draws, DNAT, the `LoadBalance`
 *   timeline entry, the answering container), and the rule walk alone (`pickEndpoint`);
 * - kube-proxy's rule regeneration for 1,000 Services (3 endpoints each): one full `syncProxyRules`.
 */
import { preferredResourceForKind } from '../src/sim/api/resources.ts';
import { Simulation } from '../src/sim/cluster/simulation.ts';
import { Network } from '../src/sim/network/network.ts';
import { pickEndpoint } from '../src/sim/proxy/pick.ts';
import { KubeProxy } from '../src/sim/proxy/proxier.ts';
import { SERVICES, SLICES, service, slice, world } from '../src/sim/proxy/testing.ts';

const PODS = preferredResourceForKind('Pod')!;

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(2)), unit })}\n`);
}

function routed(): void {
  const nodes = [{ name: 'control-plane', role: 'control-plane' as const }, ...[1, 2].map((i) => ({ name: `worker-${i}`, pods: 110 }))];
  const sim = new Simulation({ seed: 1, nodes });
  const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 100
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: whoami, image: 'traefik/whoami:v1.10.3', ports: [{ containerPort: 80 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { containers: [{ name: c, image: 'busybox:1.36', command: [sleep, '3600'] }] }
`;
  const r = sim.exec('kubectl apply -f -', { stdin: yaml });
  if (r.exitCode !== 0) throw new Error(r.stderr);
  sim.advance(120);
  const client = sim.store.get(PODS, 'default', 'client')!;
  const proxy = sim.proxies.get(client.spec.nodeName)!;
  const sp = proxy.services.find((s) => s.spn === 'default/web')!;
  const ready = proxy.endpoints.get('default/web')!.filter((e) => e.ready).length;
  if (ready !== 100) throw new Error(`expected 100 ready endpoints, got ${ready}`);
  const net = new Network(sim.kernel, sim.store, sim.proxies, sim.runtime).attach({ node: client.spec.nodeName, podIP: client.status.podIP, namespace: 'default', fs: new Map() });

  const requests = 20_000;
  let start = performance.now();
  for (let i = 0; i < requests; i++) {
    const a = net.httpGet(sp.clusterIP, 80, '/', 10_000);
    if (a.kind !== 'answer') throw new Error(a.kind);
  }
  emit('requests routed through a Service with 100 endpoints (rules, DNAT, timeline, answer)', requests / ((performance.now() - start) / 1000), 'requests/s');

  const walks = 200_000;
  start = performance.now();
  for (let i = 0; i < walks; i++) {
    const p = pickEndpoint(proxy, { clusterIP: sp.clusterIP, port: 80, sourceIP: client.status.podIP }, sim.kernel.rng);
    if (p.kind !== 'endpoint') throw new Error(p.kind);
  }
  emit('kube-proxy rule walks through a Service with 100 endpoints (pickEndpoint)', walks / ((performance.now() - start) / 1000), 'walks/s');
}

function regeneration(): void {
  const { kernel, store } = world();
  const count = 1000;
  for (let i = 0; i < count; i++) {
    const name = `svc-${i}`;
    const ip = (k: number) => `10.244.${Math.floor((3 * i + k) / 250)}.${((3 * i + k) % 250) + 2}`;
    store.create(SERVICES, service(name, { clusterIP: `10.96.${Math.floor(i / 250) + 1}.${(i % 250) + 2}`, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }), 'bench');
    store.create(SLICES, slice(name, [0, 1, 2].map((k) => ({ ip: ip(k) })), [{ name: 'http', port: 8080 }]), 'bench');
  }
  const proxy = new KubeProxy(kernel, store, 'worker-1', '172.18.0.3', { clusterCIDR: '10.244.0.0/16' });
  proxy.start();
  kernel.settle();
  if (proxy.services.length !== count) throw new Error(`expected ${count} service ports, got ${proxy.services.length}`);
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    proxy.syncProxyRules();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  emit('kube-proxy rule regeneration, 1,000 Services x 3 endpoints (full syncProxyRules, median of 10)', times[5]!, 'ms');
  const start = performance.now();
  const saved = proxy.iptablesSave();
  emit(`iptables-save of those rules (${saved.split('\n').length} lines)`, performance.now() - start, 'ms');
}

routed();
regeneration();
