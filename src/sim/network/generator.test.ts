/** The headless API's traffic generator (`cluster.traffic`): N requests from a Pod or a node to a target at a rate. */
import { describe, expect, it } from 'vitest';
import { createCluster, type TimelineEvent } from '../index.ts';

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
  ports: [{ port: 80 }]
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec:
  nodeSelector: { kubernetes.io/hostname: worker-2 }
  containers: [{ name: c, image: 'busybox:1.36', command: [sleep, '3600'] }]
`;

function ready(seed: number) {
  const c = createCluster({ seed });
  expect(c.apply(WEB).stderr).toBe('');
  c.advance(30);
  return c;
}

const picks = (entries: TimelineEvent[]) => entries.filter((e) => e.reason === 'LoadBalance' && e.object?.name === 'web');

describe('cluster.traffic', () => {
  it('sends the first request at once and the rest every 1/rate virtual seconds, each one pick and one Request entry', () => {
    const c = ready(7);
    const from = c.timelineSince(0).total;
    const run = c.traffic({ from: { pod: 'client' }, to: 'http://web/', count: 10, ratePerSecond: 5 });
    expect(run.id).toBe('t1');
    expect(run.sent()).toBe(1);
    c.advance(1);
    expect(run.sent()).toBe(6); // t = 30, 30.2, ..., 31
    c.advance(10);
    expect(run.sent()).toBe(10);
    const results = run.results();
    expect(results.map((r) => r.t)).toEqual([30, 30.2, 30.4, 30.6, 30.8, 31, 31.2, 31.4, 31.6, 31.8]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const entries = c.timelineSince(from).entries;
    expect(picks(entries)).toHaveLength(10);
    const requests = entries.filter((e) => e.source === 'traffic/t1');
    expect(requests).toHaveLength(10);
    // Each Request entry names the Pod that answered, as kube-proxy's pick just before it chose.
    requests.forEach((e, i) => {
      expect(e.reason).toBe('Request');
      expect(e.message).toMatch(new RegExp(`^pod/default/client → http://web/ #${i + 1}/10: HTTP 200 from default/web-\\S+ \\(\\d+ ms\\)$`));
      expect(picks(entries)[i]!.data!.pod).toBe(results[i]!.pod);
      expect(picks(entries)[i]!.data!.response).toEqual({ status: 200 });
    });
    // The same seed and inputs give the same picks (`default/client` is the same Pod).
    const c2 = ready(7);
    const run2 = c2.traffic({ from: { pod: 'default/client' }, to: 'http://web/', count: 10, ratePerSecond: 5 });
    c2.advance(11);
    expect(run2.results()).toEqual(results);
  });

  it('builds up the split over 300 requests, and a stopped run sends no more', () => {
    const c = ready(21);
    const run = c.traffic({ from: { pod: 'client' }, to: 'web', count: 300, ratePerSecond: 50 });
    c.advance(3);
    const early = run.sent();
    expect(early).toBe(151);
    run.stop();
    c.advance(10);
    expect(run.sent()).toBe(early);
    const counts = new Map<string, number>();
    for (const r of run.results()) counts.set(r.pod!, (counts.get(r.pod!) ?? 0) + 1);
    expect(counts.size).toBe(3);
    // Binomial(151, 1/3): mean 50.3, sd 5.8; 4.5 sd either side.
    for (const n of counts.values()) expect(Math.abs(n - 151 / 3)).toBeLessThan(4.5 * Math.sqrt((151 * 2) / 9));
  });

  it('from a node: Service names do not resolve there, a ClusterIP and a Pod IP do; errors worded as curl words them', () => {
    const c = ready(7);
    const svc = JSON.parse(c.exec('kubectl get svc web -o json').stdout);
    const client = JSON.parse(c.exec('kubectl get pod client -o json').stdout);
    const byName = c.traffic({ from: { node: 'worker-1' }, to: 'http://web/', count: 1, ratePerSecond: 1 });
    expect(byName.results()).toMatchObject([{ seq: 0, error: 'could not resolve host' }]);
    const byIP = c.traffic({ from: { node: 'worker-1' }, to: `${svc.spec.clusterIP}:80`, count: 1, ratePerSecond: 1 });
    expect(byIP.results()[0]).toMatchObject({ status: 200 });
    // busybox sleeping listens on nothing: the Pod's kernel answers the SYN with RST.
    const closed = c.traffic({ from: { node: 'worker-1' }, to: `http://${client.status.podIP}/`, count: 1, ratePerSecond: 1 });
    expect(closed.results()[0]).toMatchObject({
      error: 'connection refused', endpoint: `${client.status.podIP}:80`, pod: 'default/client', node: 'worker-2',
      hops: [{ from: 'worker-1', to: 'worker-2', via: 'flannel.1', outer: { src: '172.18.0.3', dst: '172.18.0.4', port: 8472 } }],
    });
    const gone = c.traffic({ from: { pod: 'nobody' }, to: 'web', count: 1, ratePerSecond: 1 });
    expect(gone.results()).toMatchObject([{ error: 'source not running', latencyMs: 0 }]);
    expect(c.timeline().filter((e) => e.source === `traffic/${gone.id}`).map((e) => e.message)).toEqual(['pod/default/nobody → web #1/1: source not running (0 ms)']);
  });

  it('refuses options outside its caps', () => {
    const c = createCluster();
    expect(() => c.traffic({ from: { node: 'worker-1' }, to: 'web', count: 0, ratePerSecond: 1 })).toThrow('traffic: count must be an integer from 1 to 100000, got 0');
    expect(() => c.traffic({ from: { node: 'worker-1' }, to: 'web', count: 1, ratePerSecond: 5000 })).toThrow('traffic: ratePerSecond must be over 0 and at most 1000, got 5000');
    expect(() => c.traffic({ from: { node: 'worker-9' }, to: 'web', count: 1, ratePerSecond: 1 })).toThrow('traffic: no node "worker-9"');
    expect(() => c.traffic({ from: { node: 'worker-1' }, to: 'https://web', count: 1, ratePerSecond: 1 })).toThrow('traffic: to must be an http URL or host[:port], got "https://web"');
  });
});
