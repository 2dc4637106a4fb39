/**
 * 3,000 requests from one Pod to a 3-endpoint Service, through the whole request path (kube-proxy's
 * rules on the client's node, one xt_statistic draw per evaluated rule from the kernel's seeded PRNG,
 * DNAT, the Pod that answers): the split is within statistical bounds, and the same seed gives the
 * same sequence of Pods.
 */
import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../api/resources.ts';
import { Simulation } from '../cluster/simulation.ts';
import { Network } from './network.ts';

const PODS = preferredResourceForKind('Pod')!;
const SERVICES = preferredResourceForKind('Service')!;

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
kind: Pod
metadata: { name: client }
spec:
  containers: [{ name: c, image: 'busybox:1.36', command: [sleep, '3600'] }]
`;

/** The Pod that answered each of `n` GETs from the client Pod to the web Service. */
function send(seed: number, n: number): { answered: string[]; podNames: string[]; decisions: number } {
  const sim = new Simulation({ seed });
  expect(sim.exec('kubectl apply -f -', { stdin: WEB }).stderr).toBe('');
  sim.advance(30);
  const client = sim.store.get(PODS, 'default', 'client')!;
  const ip = sim.store.get(SERVICES, 'default', 'web')!.spec.clusterIP as string;
  const net = new Network(sim.kernel, sim.store, sim.proxies, sim.runtime).attach({ node: client.spec.nodeName, podIP: client.status.podIP, namespace: 'default', fs: new Map() });
  const answered: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = net.httpGet(ip, 80, '/', 10_000);
    if (r.kind !== 'answer') throw new Error(`request ${i}: ${r.kind}`);
    answered.push(/^Hostname: (\S+)$/m.exec(r.body)![1]!);
  }
  const podNames = sim.store.list(PODS, 'default').filter((p) => p.metadata.labels?.app === 'web').map((p) => p.metadata.name).sort();
  const decisions = sim.kernel.timeline.list().filter((e) => e.reason === 'LoadBalance' && e.object?.name === 'web').length;
  return { answered, podNames, decisions };
}

describe('3,000 requests to a 3-endpoint Service', () => {
  const N = 3000;
  const first = send(11, N);

  it('split evenly within statistical bounds, each request one LoadBalance decision', () => {
    expect(first.podNames).toHaveLength(3);
    expect(first.decisions).toBe(N);
    const counts = first.podNames.map((p) => first.answered.filter((a) => a === p).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    // Binomial(3000, 1/3): mean 1000, sd 25.8; 4.5 sd either side.
    for (const c of counts) expect(Math.abs(c - N / 3)).toBeLessThan(4.5 * Math.sqrt((N * 2) / 9));
    // Pearson's chi-square against the uniform split, 2 degrees of freedom: 13.816 is the 0.1% critical value.
    const chi2 = counts.reduce((s, c) => s + (c - N / 3) ** 2 / (N / 3), 0);
    expect(chi2).toBeLessThan(13.816);
  });

  it('the same seed gives the same Pod for every request; another seed does not', () => {
    expect(send(11, N).answered).toEqual(first.answered);
    expect(send(12, N).answered).not.toEqual(first.answered);
  });
});
