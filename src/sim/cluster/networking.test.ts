/** Services end to end: EndpointSlices from ready Pods, kube-proxy's rules on every node, `iptables-save` in a node's shell. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const web = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
`;

describe('Service networking in the cluster', () => {
  it('programs every node with the same rules for the ready endpoints, and a REJECT while there are none', () => {
    const c = createCluster({ seed: 12 });
    c.apply(web.replace('replicas: 3', 'replicas: 0'));
    c.advance(5);
    const svc = JSON.parse(c.exec('kubectl get svc web -o json').stdout);
    const ip = svc.spec.clusterIP as string;
    const nodePort = svc.spec.ports[0].nodePort as number;
    const filter = c.exec('iptables-save -t filter', { node: 'worker-2' }).stdout;
    expect(filter).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable\n`);
    expect(filter).toContain(`-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport ${nodePort} -j REJECT --reject-with icmp-port-unreachable\n`);

    c.exec('kubectl scale deployment/web --replicas=3');
    c.advance(30);
    const ips = JSON.parse(c.exec('kubectl get pods -l app=web -o json').stdout).items.map((p: { status: { podIP: string } }) => `${p.status.podIP}:80`).sort();
    expect(ips).toHaveLength(3);
    const nat = c.exec('iptables-save -t nat', { node: 'worker-1' }).stdout;
    // KUBE-SVC-… is base32(sha256("default/web" + "tcp"))[:16]; endpoints in string order, probabilities as iptables-save prints them.
    const svcChain = /-A KUBE-SERVICES -d [\d.]+\/32 -p tcp -m comment --comment "default\/web cluster IP" -m tcp --dport 80 -j (KUBE-SVC-[A-Z2-7]{16})\n/.exec(nat)![1]!;
    const picks = nat.split('\n').filter((l) => l.startsWith(`-A ${svcChain} -m comment --comment "default/web -> `));
    expect(picks.map((l) => /-> ([\d.:]+)"/.exec(l)![1])).toEqual(ips);
    expect(picks.map((l) => /--probability ([\d.]+)/.exec(l)?.[1] ?? 'last')).toEqual(['0.33333333349', '0.50000000000', 'last']);
    expect(c.exec('iptables-save -t nat', { node: 'control-plane' }).stdout.split('\n').filter((l) => l.startsWith(`-A ${svcChain}`))).toEqual(nat.split('\n').filter((l) => l.startsWith(`-A ${svcChain}`)));
    expect(c.exec('kubectl get endpoints web').stdout).toBe(`NAME   ENDPOINTS${' '.repeat(ips.join(',').length - 'ENDPOINTS'.length + 3)}AGE\nweb    ${ips.join(',')}   35s\n`);
  });
});
