/**
 * The exact `iptables-save` text for each kind of Service kube-proxy v1.31 handles, checked line by
 * line against pkg/proxy/iptables/proxier.go (`syncProxyRules`, `writeServiceToEndpointRules`) and
 * K8S-FACTS.md §1: ClusterIP with 1 to 5 endpoints (the statistic probabilities as iptables-save prints
 * them), NodePort, LoadBalancer (with and without loadBalancerSourceRanges), ClientIP affinity,
 * externalIPs, no endpoints; headless and ExternalName Services get no rules (ShouldSkipService).
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { pickEndpoint } from './pick.ts';
import { KubeProxy } from './proxier.ts';
import { SERVICES, SLICES, service, slice, world, type EP } from './testing.ts';

const EPS: EP[] = ['10.244.1.2', '10.244.2.2', '10.244.1.3', '10.244.2.3', '10.244.1.4'].map((ip) => ({ ip }));

function proxyWith(objects: KubeObject[]): KubeProxy {
  const { kernel, store } = world();
  for (const o of objects) store.create(o.kind === 'Service' ? SERVICES : SLICES, o, 'test');
  const proxy = new KubeProxy(kernel, store, 'worker-1', '192.168.56.11', { clusterCIDR: '10.244.0.0/16', kubeletChains: false });
  proxy.start();
  kernel.settle();
  return proxy;
}

function lines(proxy: KubeProxy, table: 'nat' | 'filter', pattern: RegExp): string[] {
  return proxy.iptablesSave(table).split('\n').filter((l) => pattern.test(l));
}

function loadBalancer(name: string, extra: Record<string, unknown> = {}): KubeObject {
  const s = service(name, { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', clusterIP: '10.96.0.30', ports: [{ port: 80, protocol: 'TCP', nodePort: 31080 }], ...extra });
  return { ...s, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } } };
}

const seq = (...values: number[]): { nextUint32: () => number } => ({ nextUint32: () => values.shift() ?? 0 });

describe('ClusterIP with 1 to 5 endpoints: one statistic rule per endpoint but the last, probability 1/(n-i)', () => {
  const cases: [number, string[]][] = [
    [1, [
      '-A KUBE-SVC-C22YKF56S4DEKRPN ! -s 10.244.0.0/16 -d 10.96.0.21/32 -p tcp -m comment --comment "default/c1 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-C22YKF56S4DEKRPN -m comment --comment "default/c1 -> 10.244.1.2:80" -j KUBE-SEP-GAZEEZOKW7DMNLH3',
    ]],
    [2, [
      '-A KUBE-SVC-Q2LNQ2ZAB3JN3FYF ! -s 10.244.0.0/16 -d 10.96.0.22/32 -p tcp -m comment --comment "default/c2 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-Q2LNQ2ZAB3JN3FYF -m comment --comment "default/c2 -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-D2AOKNT2UKMCABS4',
      '-A KUBE-SVC-Q2LNQ2ZAB3JN3FYF -m comment --comment "default/c2 -> 10.244.2.2:80" -j KUBE-SEP-DRIGYYNQNBSVKDCR',
    ]],
    [3, [
      '-A KUBE-SVC-VLITYMTNXHJW5FKR ! -s 10.244.0.0/16 -d 10.96.0.23/32 -p tcp -m comment --comment "default/c3 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-VLITYMTNXHJW5FKR -m comment --comment "default/c3 -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-AGU6ISQU4CEHHBI2',
      '-A KUBE-SVC-VLITYMTNXHJW5FKR -m comment --comment "default/c3 -> 10.244.1.3:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-BHIEDN2VN7UM7CXM',
      '-A KUBE-SVC-VLITYMTNXHJW5FKR -m comment --comment "default/c3 -> 10.244.2.2:80" -j KUBE-SEP-6HSZDRREZ4WFK4MU',
    ]],
    [4, [
      '-A KUBE-SVC-WMOZDWFWXGN4EQES ! -s 10.244.0.0/16 -d 10.96.0.24/32 -p tcp -m comment --comment "default/c4 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-WMOZDWFWXGN4EQES -m comment --comment "default/c4 -> 10.244.1.2:80" -m statistic --mode random --probability 0.25000000000 -j KUBE-SEP-FATHMZ3EPSH5CX6W',
      '-A KUBE-SVC-WMOZDWFWXGN4EQES -m comment --comment "default/c4 -> 10.244.1.3:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-HHWXIQD46TXGLQM6',
      '-A KUBE-SVC-WMOZDWFWXGN4EQES -m comment --comment "default/c4 -> 10.244.2.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-L7K22JMG2JFSZNWU',
      '-A KUBE-SVC-WMOZDWFWXGN4EQES -m comment --comment "default/c4 -> 10.244.2.3:80" -j KUBE-SEP-Q4MO6NXETYE2JKQS',
    ]],
    [5, [
      '-A KUBE-SVC-XGUGT2XKHRSMZPXN ! -s 10.244.0.0/16 -d 10.96.0.25/32 -p tcp -m comment --comment "default/c5 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-XGUGT2XKHRSMZPXN -m comment --comment "default/c5 -> 10.244.1.2:80" -m statistic --mode random --probability 0.20000000019 -j KUBE-SEP-3MFUDSYVX4BMR7N7',
      '-A KUBE-SVC-XGUGT2XKHRSMZPXN -m comment --comment "default/c5 -> 10.244.1.3:80" -m statistic --mode random --probability 0.25000000000 -j KUBE-SEP-VJXI2DB4DZJGARQO',
      '-A KUBE-SVC-XGUGT2XKHRSMZPXN -m comment --comment "default/c5 -> 10.244.1.4:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-IBVXQ3JHB6RY6T7A',
      '-A KUBE-SVC-XGUGT2XKHRSMZPXN -m comment --comment "default/c5 -> 10.244.2.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-NUSJPX6ZQS43GA6Q',
      '-A KUBE-SVC-XGUGT2XKHRSMZPXN -m comment --comment "default/c5 -> 10.244.2.3:80" -j KUBE-SEP-DWTAKBK4WSC53TVT',
    ]],
  ];
  it.each(cases)('%i endpoint(s)', (n, expected) => {
    const proxy = proxyWith([service(`c${n}`, { clusterIP: `10.96.0.${20 + n}`, ports: [{ port: 80, protocol: 'TCP' }] }), slice(`c${n}`, EPS.slice(0, n))]);
    const chain = /^-A (KUBE-SVC-\w+)/.exec(expected[0]!)![1]!;
    expect(lines(proxy, 'nat', new RegExp(`^-A ${chain} `))).toEqual(expected);
    expect(lines(proxy, 'nat', /^-A KUBE-SERVICES -d /)).toEqual([
      `-A KUBE-SERVICES -d 10.96.0.${20 + n}/32 -p tcp -m comment --comment "default/c${n} cluster IP" -m tcp --dport 80 -j ${chain}`,
    ]);
    // One SEP chain (hairpin MASQ + DNAT) per endpoint.
    expect(lines(proxy, 'nat', /^-A KUBE-SEP-.* -j DNAT /)).toHaveLength(n);
    expect(lines(proxy, 'filter', /^-A KUBE-SERVICES /)).toEqual([]);
  });
});

describe('NodePort with 4 endpoints', () => {
  it('KUBE-NODEPORTS → KUBE-EXT (masquerade) → KUBE-SVC', () => {
    const proxy = proxyWith([
      service('np', { type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: '10.96.0.40', ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] }),
      slice('np', EPS.slice(0, 4)),
    ]);
    expect(lines(proxy, 'nat', /^-A KUBE-(EXT|NODEPORTS|SERVICES|SVC|SEP)/)).toEqual([
      '-A KUBE-EXT-LDATH6LIB7VCFHLW -m comment --comment "masquerade traffic for default/np external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-LDATH6LIB7VCFHLW -j KUBE-SVC-LDATH6LIB7VCFHLW',
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/np" -m tcp --dport 30080 -j KUBE-EXT-LDATH6LIB7VCFHLW',
      '-A KUBE-SEP-3IO2G7RL66VFA4OG -s 10.244.1.2/32 -m comment --comment "default/np" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-3IO2G7RL66VFA4OG -p tcp -m comment --comment "default/np" -m tcp -j DNAT --to-destination 10.244.1.2:80',
      '-A KUBE-SEP-HRJ5GF6Z4AGZZ7GV -s 10.244.2.3/32 -m comment --comment "default/np" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-HRJ5GF6Z4AGZZ7GV -p tcp -m comment --comment "default/np" -m tcp -j DNAT --to-destination 10.244.2.3:80',
      '-A KUBE-SEP-UXC4FWKKLITRH3ZJ -s 10.244.2.2/32 -m comment --comment "default/np" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-UXC4FWKKLITRH3ZJ -p tcp -m comment --comment "default/np" -m tcp -j DNAT --to-destination 10.244.2.2:80',
      '-A KUBE-SEP-ZKN3KGUGPNUKE6A6 -s 10.244.1.3/32 -m comment --comment "default/np" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-ZKN3KGUGPNUKE6A6 -p tcp -m comment --comment "default/np" -m tcp -j DNAT --to-destination 10.244.1.3:80',
      '-A KUBE-SERVICES -d 10.96.0.40/32 -p tcp -m comment --comment "default/np cluster IP" -m tcp --dport 80 -j KUBE-SVC-LDATH6LIB7VCFHLW',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      '-A KUBE-SVC-LDATH6LIB7VCFHLW ! -s 10.244.0.0/16 -d 10.96.0.40/32 -p tcp -m comment --comment "default/np cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-LDATH6LIB7VCFHLW -m comment --comment "default/np -> 10.244.1.2:80" -m statistic --mode random --probability 0.25000000000 -j KUBE-SEP-3IO2G7RL66VFA4OG',
      '-A KUBE-SVC-LDATH6LIB7VCFHLW -m comment --comment "default/np -> 10.244.1.3:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-ZKN3KGUGPNUKE6A6',
      '-A KUBE-SVC-LDATH6LIB7VCFHLW -m comment --comment "default/np -> 10.244.2.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-UXC4FWKKLITRH3ZJ',
      '-A KUBE-SVC-LDATH6LIB7VCFHLW -m comment --comment "default/np -> 10.244.2.3:80" -j KUBE-SEP-HRJ5GF6Z4AGZZ7GV',
    ]);
  });
});

describe('LoadBalancer', () => {
  it('with 1 endpoint: the whole iptables-save of the node (mangle, filter, nat)', () => {
    const proxy = proxyWith([loadBalancer('lb'), slice('lb', EPS.slice(0, 1))]);
    const stamp = 'Tue Aug 13 12:00:00 2024';
    expect(proxy.iptablesSave()).toBe(`# Generated by iptables-save v1.8.9 on ${stamp}
*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-PROXY-CANARY - [0:0]
COMMIT
# Completed on ${stamp}
# Generated by iptables-save v1.8.9 on ${stamp}
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
:KUBE-SERVICES - [0:0]
-A INPUT -j KUBE-FIREWALL
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS
-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES
-A OUTPUT -j KUBE-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL
-A OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
COMMIT
# Completed on ${stamp}
# Generated by iptables-save v1.8.9 on ${stamp}
*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-EXT-7TVXROIT6UXCX2AG - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-PROXY-CANARY - [0:0]
:KUBE-SEP-YOQNYMQGUKPU77LJ - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-7TVXROIT6UXCX2AG - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-EXT-7TVXROIT6UXCX2AG -m comment --comment "masquerade traffic for default/lb external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-7TVXROIT6UXCX2AG -j KUBE-SVC-7TVXROIT6UXCX2AG
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/lb" -m tcp --dport 31080 -j KUBE-EXT-7TVXROIT6UXCX2AG
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully
-A KUBE-SEP-YOQNYMQGUKPU77LJ -s 10.244.1.2/32 -m comment --comment "default/lb" -j KUBE-MARK-MASQ
-A KUBE-SEP-YOQNYMQGUKPU77LJ -p tcp -m comment --comment "default/lb" -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment "default/lb cluster IP" -m tcp --dport 80 -j KUBE-SVC-7TVXROIT6UXCX2AG
-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-7TVXROIT6UXCX2AG
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-SVC-7TVXROIT6UXCX2AG ! -s 10.244.0.0/16 -d 10.96.0.30/32 -p tcp -m comment --comment "default/lb cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
-A KUBE-SVC-7TVXROIT6UXCX2AG -m comment --comment "default/lb -> 10.244.1.2:80" -j KUBE-SEP-YOQNYMQGUKPU77LJ
COMMIT
# Completed on ${stamp}
`);
    const r = pickEndpoint(proxy, { clusterIP: '172.18.255.200', port: 80, sourceIP: '172.18.0.1' }, seq());
    expect(r).toMatchObject({ kind: 'endpoint', endpoint: '10.244.1.2:80', masquerade: true });
  });

  it('without endpoints: REJECT for the cluster IP, the load-balancer IP and the node port, no nat chains', () => {
    const proxy = proxyWith([loadBalancer('lb'), slice('lb', [])]);
    expect(lines(proxy, 'filter', /^-A KUBE-(SERVICES|EXTERNAL-SERVICES) /)).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/lb has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31080 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment "default/lb has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(lines(proxy, 'nat', /default\/lb/)).toEqual([]);
    expect(pickEndpoint(proxy, { clusterIP: '172.18.255.200', port: 80, sourceIP: '172.18.0.1' }, seq()).kind).toBe('reject');
  });

  it('with loadBalancerSourceRanges: a KUBE-FW chain, masked CIDRs, the node rule, and the KUBE-PROXY-FIREWALL DROP', () => {
    const proxy = proxyWith([loadBalancer('lb', { loadBalancerSourceRanges: ['192.168.56.0/24', ' 203.0.113.7/25'], ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 31080 }] }), slice('lb', EPS.slice(0, 2), [{ name: 'http', port: 8080 }])]);
    expect(lines(proxy, 'nat', /^-A KUBE-(FW|SERVICES -d 172)/)).toEqual([
      '-A KUBE-FW-JSLCNGWSGB5JPS5Q -s 192.168.56.0/24 -m comment --comment "default/lb:http loadbalancer IP" -j KUBE-EXT-JSLCNGWSGB5JPS5Q',
      '-A KUBE-FW-JSLCNGWSGB5JPS5Q -s 203.0.113.0/25 -m comment --comment "default/lb:http loadbalancer IP" -j KUBE-EXT-JSLCNGWSGB5JPS5Q',
      // The node's IP 192.168.56.11 is in a range (allowFromNode): the VIP as a source is allowed too.
      '-A KUBE-FW-JSLCNGWSGB5JPS5Q -s 172.18.255.200/32 -m comment --comment "default/lb:http loadbalancer IP" -j KUBE-EXT-JSLCNGWSGB5JPS5Q',
      '-A KUBE-FW-JSLCNGWSGB5JPS5Q -m comment --comment "other traffic to default/lb:http will be dropped by KUBE-PROXY-FIREWALL"',
      '-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb:http loadbalancer IP" -m tcp --dport 80 -j KUBE-FW-JSLCNGWSGB5JPS5Q',
    ]);
    expect(lines(proxy, 'filter', /^-A KUBE-PROXY-FIREWALL /)).toEqual([
      '-A KUBE-PROXY-FIREWALL -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb:http traffic not accepted by KUBE-FW-JSLCNGWSGB5JPS5Q" -m tcp --dport 80 -j DROP',
    ]);
    expect(proxy.iptablesSave('nat').split('\n')).toContain(':KUBE-FW-JSLCNGWSGB5JPS5Q - [0:0]');
    const allowed = pickEndpoint(proxy, { clusterIP: '172.18.255.200', port: 80, sourceIP: '203.0.113.100' }, seq(0));
    expect(allowed).toMatchObject({ kind: 'endpoint', endpoint: '10.244.1.2:8080', masquerade: true });
    const denied = pickEndpoint(proxy, { clusterIP: '172.18.255.200', port: 80, sourceIP: '203.0.113.200' }, seq());
    expect(denied.kind).toBe('drop');
    expect(denied.rulesWalked.slice(-2)).toEqual([
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A KUBE-PROXY-FIREWALL -d 172.18.255.200/32 -p tcp -m comment --comment "default/lb:http traffic not accepted by KUBE-FW-JSLCNGWSGB5JPS5Q" -m tcp --dport 80 -j DROP',
    ]);
    // NodePorts are not subject to loadBalancerSourceRanges (proxier.go: "and we can't change that").
    expect(pickEndpoint(proxy, { nodePort: 31080, sourceIP: '203.0.113.200' }, seq(0)).kind).toBe('endpoint');
  });

  it('an ingress in ipMode Proxy gets no rules (proxyutil.IsVIPMode); the cluster IP and node port still do', () => {
    const lb = loadBalancer('lb');
    const proxy = proxyWith([{ ...lb, status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'Proxy' }] } } }, slice('lb', EPS.slice(0, 1))]);
    expect(lines(proxy, 'nat', /^-A KUBE-(SERVICES|NODEPORTS) /)).toEqual([
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "default/lb" -m tcp --dport 31080 -j KUBE-EXT-7TVXROIT6UXCX2AG',
      '-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment "default/lb cluster IP" -m tcp --dport 80 -j KUBE-SVC-7TVXROIT6UXCX2AG',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ]);
  });

  it('without a node IP in the ranges: no VIP-source rule', () => {
    const proxy = proxyWith([loadBalancer('lb', { loadBalancerSourceRanges: ['10.0.0.0/8'] }), slice('lb', EPS.slice(0, 1))]);
    expect(lines(proxy, 'nat', /^-A KUBE-FW-/)).toEqual([
      '-A KUBE-FW-7TVXROIT6UXCX2AG -s 10.0.0.0/8 -m comment --comment "default/lb loadbalancer IP" -j KUBE-EXT-7TVXROIT6UXCX2AG',
      '-A KUBE-FW-7TVXROIT6UXCX2AG -m comment --comment "other traffic to default/lb will be dropped by KUBE-PROXY-FIREWALL"',
    ]);
  });
});

describe('sessionAffinity: ClientIP with 3 endpoints and a 600 s timeout', () => {
  it('one recent --rcheck rule per endpoint, then the probability rules; --set on each DNAT', () => {
    const proxy = proxyWith([
      service('st', { clusterIP: '10.96.0.50', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } }, ports: [{ port: 80, protocol: 'TCP' }] }),
      slice('st', EPS.slice(0, 3)),
    ]);
    expect(lines(proxy, 'nat', /^-A KUBE-(SVC|SEP)-/)).toEqual([
      '-A KUBE-SEP-4FMMBYEIKHBD225Q -s 10.244.1.2/32 -m comment --comment "default/st" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-4FMMBYEIKHBD225Q -p tcp -m comment --comment "default/st" -m recent --set --name KUBE-SEP-4FMMBYEIKHBD225Q --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.2:80',
      '-A KUBE-SEP-D4B5HJ6EZ6ZHG25V -s 10.244.1.3/32 -m comment --comment "default/st" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-D4B5HJ6EZ6ZHG25V -p tcp -m comment --comment "default/st" -m recent --set --name KUBE-SEP-D4B5HJ6EZ6ZHG25V --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.3:80',
      '-A KUBE-SEP-TUIR3YUJGGPHNKV5 -s 10.244.2.2/32 -m comment --comment "default/st" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-TUIR3YUJGGPHNKV5 -p tcp -m comment --comment "default/st" -m recent --set --name KUBE-SEP-TUIR3YUJGGPHNKV5 --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.2.2:80',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 ! -s 10.244.0.0/16 -d 10.96.0.50/32 -p tcp -m comment --comment "default/st cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 -m comment --comment "default/st -> 10.244.1.2:80" -m recent --rcheck --seconds 600 --reap --name KUBE-SEP-4FMMBYEIKHBD225Q --mask 255.255.255.255 --rsource -j KUBE-SEP-4FMMBYEIKHBD225Q',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 -m comment --comment "default/st -> 10.244.1.3:80" -m recent --rcheck --seconds 600 --reap --name KUBE-SEP-D4B5HJ6EZ6ZHG25V --mask 255.255.255.255 --rsource -j KUBE-SEP-D4B5HJ6EZ6ZHG25V',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 -m comment --comment "default/st -> 10.244.2.2:80" -m recent --rcheck --seconds 600 --reap --name KUBE-SEP-TUIR3YUJGGPHNKV5 --mask 255.255.255.255 --rsource -j KUBE-SEP-TUIR3YUJGGPHNKV5',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 -m comment --comment "default/st -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-4FMMBYEIKHBD225Q',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 -m comment --comment "default/st -> 10.244.1.3:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-D4B5HJ6EZ6ZHG25V',
      '-A KUBE-SVC-A62Y7LABQYWPHNY2 -m comment --comment "default/st -> 10.244.2.2:80" -j KUBE-SEP-TUIR3YUJGGPHNKV5',
    ]);
  });
});

describe('externalIPs', () => {
  const svc = service('ex', { clusterIP: '10.96.0.60', externalIPs: ['198.51.100.7'], ports: [{ port: 8080, protocol: 'TCP' }] });
  it('an "external IP" rule to KUBE-EXT, which masquerades and jumps to KUBE-SVC', () => {
    const proxy = proxyWith([svc, slice('ex', EPS.slice(0, 1), [{ port: 80 }])]);
    expect(lines(proxy, 'nat', /^-A KUBE-(SERVICES|EXT)/)).toEqual([
      '-A KUBE-EXT-IO533SD7QBL75EOB -m comment --comment "masquerade traffic for default/ex external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-IO533SD7QBL75EOB -j KUBE-SVC-IO533SD7QBL75EOB',
      '-A KUBE-SERVICES -d 10.96.0.60/32 -p tcp -m comment --comment "default/ex cluster IP" -m tcp --dport 8080 -j KUBE-SVC-IO533SD7QBL75EOB',
      '-A KUBE-SERVICES -d 198.51.100.7/32 -p tcp -m comment --comment "default/ex external IP" -m tcp --dport 8080 -j KUBE-EXT-IO533SD7QBL75EOB',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ]);
    expect(pickEndpoint(proxy, { clusterIP: '198.51.100.7', port: 8080, sourceIP: '10.244.2.9' }, seq())).toMatchObject({ kind: 'endpoint', endpoint: '10.244.1.2:80', masquerade: true });
  });
  it('without endpoints: REJECT in KUBE-EXTERNAL-SERVICES', () => {
    const proxy = proxyWith([svc, slice('ex', [], [{ port: 80 }])]);
    expect(lines(proxy, 'filter', /^-A KUBE-(SERVICES|EXTERNAL-SERVICES) /)).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -d 198.51.100.7/32 -p tcp -m comment --comment "default/ex has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable',
      '-A KUBE-SERVICES -d 10.96.0.60/32 -p tcp -m comment --comment "default/ex has no endpoints" -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });
});

describe('Services kube-proxy skips (service.go ShouldSkipService)', () => {
  it('writes nothing for headless and ExternalName Services', () => {
    const proxy = proxyWith([
      service('hl', { clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] }),
      slice('hl', EPS.slice(0, 2)),
      service('ext', { type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80, protocol: 'TCP' }] }),
    ]);
    expect(proxy.services).toEqual([]);
    expect(lines(proxy, 'nat', /^-A KUBE-(SERVICES|NODEPORTS|SVC|SEP|EXT)/)).toEqual([
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    ]);
    expect(lines(proxy, 'filter', /^-A KUBE-(SERVICES|EXTERNAL-SERVICES) /)).toEqual([]);
  });
});
