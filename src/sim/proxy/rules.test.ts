import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { pickEndpoint } from './pick.ts';
import { KubeProxy } from './proxier.ts';
import { DEMO_PODS, SERVICES, SLICES, service, slice, world, type EP } from './testing.ts';

function proxyWith(objects: KubeObject[], node = 'worker-1'): KubeProxy {
  const { kernel, store } = world();
  for (const o of objects) store.create(o.kind === 'Service' ? SERVICES : SLICES, o, 'test');
  const proxy = new KubeProxy(kernel, store, node, '192.168.56.11', { clusterCIDR: '10.244.0.0/16', kubeletChains: false });
  proxy.start();
  kernel.settle();
  return proxy;
}

/** The rule lines of one table, without header, chain declarations and footer. */
function rules(proxy: KubeProxy, table: 'nat' | 'filter'): string[] {
  return proxy.iptablesSave(table).split('\n').filter((l) => l.startsWith('-A '));
}

const BASE_FILTER = [
  '-A INPUT -j KUBE-FIREWALL',
  '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
  '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
  '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
  '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
  '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
  '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
  '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
  '-A OUTPUT -j KUBE-FIREWALL',
  '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
  '-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
];

describe('no endpoints', () => {
  it('REJECTs in filter and creates no nat chains; NodePorts get KUBE-EXTERNAL-SERVICES', () => {
    const proxy = proxyWith([
      service('web', { type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: '10.96.5.5', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 31000 }] }),
      slice('web', [{ ip: '10.244.1.7', ready: false }], [{ name: 'http', port: 8080 }]),
    ]);
    expect(rules(proxy, 'filter').filter((l) => !BASE_FILTER.includes(l))).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/web:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31000 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
      '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A KUBE-SERVICES -d 10.96.5.5/32 -p tcp -m comment --comment "default/web:http has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(rules(proxy, 'nat').filter((l) => /KUBE-(SVC|SEP|EXT)-/.test(l))).toEqual([]);
    expect(pickEndpoint(proxy, { clusterIP: '10.96.5.5', port: 80, sourceIP: '10.244.2.9' }, { nextUint32: () => 0 }).kind).toBe('reject');
    expect(pickEndpoint(proxy, { nodePort: 31000, sourceIP: '192.168.56.1' }, { nextUint32: () => 0 }).kind).toBe('reject');
  });

  it('falls back to serving+terminating endpoints when none is ready', () => {
    const proxy = proxyWith([
      service('web', { clusterIP: '10.96.5.5', ports: [{ port: 80, protocol: 'TCP' }] }),
      slice('web', [{ ip: '10.244.1.7', ready: false, serving: true, terminating: true }]),
    ]);
    expect(rules(proxy, 'nat').filter((l) => l.includes('DNAT'))).toEqual([
      '-A KUBE-SEP-77YT4VVOJLTS77WQ -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination 10.244.1.7:80',
    ]);
  });
});

describe('endpoint order', () => {
  it('sorts IP:port as strings', () => {
    const eps: EP[] = ['10.244.1.9', '10.244.1.10', '10.244.1.2'].map((ip) => ({ ip }));
    const proxy = proxyWith([service('s', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }), slice('s', eps)]);
    expect(proxy.endpoints.get('default/s')!.map((e) => e.hostPort)).toEqual(['10.244.1.10:80', '10.244.1.2:80', '10.244.1.9:80']);
  });
});

describe('externalTrafficPolicy: Local', () => {
  const svc = service('loc', {
    type: 'NodePort',
    externalTrafficPolicy: 'Local',
    clusterIP: '10.96.7.7',
    ports: [{ port: 80, protocol: 'TCP', nodePort: 30700 }],
  });
  it('on a node with a local endpoint: EXT short-circuits then jumps to KUBE-SVL', () => {
    const proxy = proxyWith([svc, slice('loc', DEMO_PODS)], 'worker-1');
    const nat = rules(proxy, 'nat').filter((l) => l.startsWith('-A KUBE-EXT-') || l.startsWith('-A KUBE-SVL-') || l.startsWith('-A KUBE-NODEPORTS'));
    expect(nat).toEqual([
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -s 10.244.0.0/16 -m comment --comment "pod traffic for default/loc external destinations" -j KUBE-SVC-4HAM2YL4HFKPZDPZ',
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -m comment --comment "masquerade LOCAL traffic for default/loc external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -m comment --comment "route LOCAL traffic for default/loc external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-4HAM2YL4HFKPZDPZ',
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -j KUBE-SVL-4HAM2YL4HFKPZDPZ',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/loc" -m tcp --dport 30700 -j KUBE-EXT-4HAM2YL4HFKPZDPZ',
      '-A KUBE-SVL-4HAM2YL4HFKPZDPZ -m comment --comment "default/loc -> 10.244.1.2:80" -j KUBE-SEP-IVRMGUYCX2X7ELNT',
    ]);
    const r = pickEndpoint(proxy, { nodePort: 30700, sourceIP: '192.168.56.1' }, { nextUint32: () => 0 });
    expect(r).toMatchObject({ kind: 'endpoint', endpoint: '10.244.1.2:80', masquerade: false, draws: [] });
  });
  it('on a node without one: DROP in KUBE-EXTERNAL-SERVICES', () => {
    const proxy = proxyWith([svc, slice('loc', DEMO_PODS)], 'worker-3');
    expect(rules(proxy, 'filter').filter((l) => l.startsWith('-A KUBE-EXTERNAL-SERVICES'))).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/loc has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30700 -j DROP',
    ]);
    expect(rules(proxy, 'nat').filter((l) => l.startsWith('-A KUBE-EXT-'))).toEqual([
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -s 10.244.0.0/16 -m comment --comment "pod traffic for default/loc external destinations" -j KUBE-SVC-4HAM2YL4HFKPZDPZ',
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -m comment --comment "masquerade LOCAL traffic for default/loc external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-4HAM2YL4HFKPZDPZ -m comment --comment "route LOCAL traffic for default/loc external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-4HAM2YL4HFKPZDPZ',
    ]);
    expect(pickEndpoint(proxy, { nodePort: 30700, sourceIP: '192.168.56.1' }, { nextUint32: () => 0 }).kind).toBe('drop');
  });
});

describe('sessionAffinity: ClientIP', () => {
  const objects = [
    service('sticky', { clusterIP: '10.96.8.8', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, ports: [{ port: 80, protocol: 'TCP' }] }),
    slice('sticky', DEMO_PODS.slice(0, 2)),
  ];
  it('writes recent checks before the probability rules and --set on the DNAT', () => {
    const proxy = proxyWith(objects);
    const lines = rules(proxy, 'nat').filter((l) => /^-A KUBE-(SVC|SEP)-/.test(l));
    expect(lines).toEqual([
      '-A KUBE-SEP-K4UUMTLQQPESB2YU -s 10.244.1.2/32 -m comment --comment "default/sticky" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-K4UUMTLQQPESB2YU -p tcp -m comment --comment "default/sticky" -m recent --set --name KUBE-SEP-K4UUMTLQQPESB2YU --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.2:80',
      '-A KUBE-SEP-OKFNLGY6EI6PCETH -s 10.244.2.2/32 -m comment --comment "default/sticky" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-OKFNLGY6EI6PCETH -p tcp -m comment --comment "default/sticky" -m recent --set --name KUBE-SEP-OKFNLGY6EI6PCETH --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.2.2:80',
      '-A KUBE-SVC-BJWR5DPVIKTHVKZU ! -s 10.244.0.0/16 -d 10.96.8.8/32 -p tcp -m comment --comment "default/sticky cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-BJWR5DPVIKTHVKZU -m comment --comment "default/sticky -> 10.244.1.2:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-K4UUMTLQQPESB2YU --mask 255.255.255.255 --rsource -j KUBE-SEP-K4UUMTLQQPESB2YU',
      '-A KUBE-SVC-BJWR5DPVIKTHVKZU -m comment --comment "default/sticky -> 10.244.2.2:80" -m recent --rcheck --seconds 10800 --reap --name KUBE-SEP-OKFNLGY6EI6PCETH --mask 255.255.255.255 --rsource -j KUBE-SEP-OKFNLGY6EI6PCETH',
      '-A KUBE-SVC-BJWR5DPVIKTHVKZU -m comment --comment "default/sticky -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-K4UUMTLQQPESB2YU',
      '-A KUBE-SVC-BJWR5DPVIKTHVKZU -m comment --comment "default/sticky -> 10.244.2.2:80" -j KUBE-SEP-OKFNLGY6EI6PCETH',
    ]);
  });
  it('sends a client back to the same endpoint without drawing, until the timeout', () => {
    const proxy = proxyWith(objects);
    const miss = { nextUint32: () => 0x7fffffff };
    const first = pickEndpoint(proxy, { clusterIP: '10.96.8.8', port: 80, sourceIP: '10.244.2.9' }, miss);
    expect(first).toMatchObject({ kind: 'endpoint', endpoint: '10.244.2.2:80', draws: [0x7fffffff] });
    const hit = { nextUint32: () => 0 };
    const again = pickEndpoint(proxy, { clusterIP: '10.96.8.8', port: 80, sourceIP: '10.244.2.9' }, hit);
    expect(again).toMatchObject({ kind: 'endpoint', endpoint: '10.244.2.2:80', draws: [] });
    expect(pickEndpoint(proxy, { clusterIP: '10.96.8.8', port: 80, sourceIP: '10.244.2.10' }, hit)).toMatchObject({ endpoint: '10.244.1.2:80', draws: [0] });
    proxy.kernel.advanceMs(10_801_000);
    expect(pickEndpoint(proxy, { clusterIP: '10.96.8.8', port: 80, sourceIP: '10.244.2.9' }, hit)).toMatchObject({ endpoint: '10.244.1.2:80', draws: [0] });
  });
});

describe('large clusters', () => {
  it('drops the SVC->SEP and SEP comments above 1000 endpoints, keeps the cluster IP comment', () => {
    const eps: EP[] = Array.from({ length: 1001 }, (_, i) => ({ ip: `10.244.${Math.floor(i / 250)}.${(i % 250) + 2}` }));
    const proxy = proxyWith([service('big', { clusterIP: '10.96.9.9', ports: [{ port: 80, protocol: 'TCP' }] }), slice('big', eps)]);
    const lines = rules(proxy, 'nat');
    expect(lines).toContain('-A KUBE-SERVICES -d 10.96.9.9/32 -p tcp -m comment --comment "default/big cluster IP" -m tcp --dport 80 -j KUBE-SVC-L3TQBPWUROTG4CDW');
    const svc = lines.filter((l) => l.startsWith('-A KUBE-SVC-L3TQBPWUROTG4CDW '));
    expect(svc).toHaveLength(1002);
    expect(svc[1]).toMatch(/^-A KUBE-SVC-L3TQBPWUROTG4CDW -m statistic --mode random --probability 0.00099900085 -j KUBE-SEP-[A-Z2-7]{16}$/);
    expect(svc[1001]).toMatch(/^-A KUBE-SVC-L3TQBPWUROTG4CDW -j KUBE-SEP-[A-Z2-7]{16}$/);
    const sep = lines.filter((l) => l.startsWith('-A KUBE-SEP-'));
    expect(sep).toHaveLength(2002);
    expect(sep.every((l) => !l.includes('--comment'))).toBe(true);
    const withOneLess = proxyWith([service('big', { clusterIP: '10.96.9.9', ports: [{ port: 80, protocol: 'TCP' }] }), slice('big', eps.slice(0, 1000))]);
    expect(rules(withOneLess, 'nat').filter((l) => l.startsWith('-A KUBE-SEP-')).every((l) => l.includes('--comment "default/big"'))).toBe(true);
  });
});
