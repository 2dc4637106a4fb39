/**
 * Issue 6 "Done when": the exact `iptables-save` for NodePort, LoadBalancer and ClientIP-affinity
 * Services with 1, 2, 3, 4 and 5 endpoints, and for a Service of each type without endpoints.
 *
 * The expected text is built here, not taken from tables.ts / rules.ts: the rules, their order and
 * comments follow kube-proxy v1.31 pkg/proxy/iptables/proxier.go (`syncProxyRules`,
 * `writeServiceToEndpointRules`), printed the way iptables-save 1.8.9 (legacy) prints them:
 * `! -s`, `-d`, `-p`, then each `-m` in the order kube-proxy wrote it, then the target; a bare address
 * gets `/32`; comments with a `/` are quoted (xtables_save_string); libxt_recent always saves
 * `--mask 255.255.255.255 --rsource` (the 1.8.9 build has no all-ones-mask elision); REJECT saves
 * `--reject-with icmp-port-unreachable`. Chain names are computed with Web Crypto's SHA-256 and the
 * RFC 4648 base32 below (proxier.go `portProtoHash` / `servicePortEndpointChainName`:
 * base32.StdEncoding(sha256(...))[:16]), independently of hash.ts.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import { KubeProxy } from './proxier.ts';
import { SERVICES, SLICES, service, slice, world } from './testing.ts';

/** Chosen so that the string sort of `IP:port` (endpointslicecache.go byEndpoint) differs from a numeric one. */
const IPS = ['10.244.1.9', '10.244.2.2', '10.244.1.10', '10.244.2.3', '10.244.1.4'];
const TARGET_PORT = 8080;
const CLUSTER_CIDR = '10.244.0.0/16';
const LB_IP = '172.18.255.200';
const STAMP = 'Tue Aug 13 12:00:00 2024';

/** K8S-FACTS §1 [V]: kube-proxy writes `%0.10f` of 1/n; the kernel keeps lround(p·2^31); libxt_statistic saves `%.11f`. */
const SAVED_PROBABILITY: Record<number, string> = { 2: '0.50000000000', 3: '0.33333333349', 4: '0.25000000000', 5: '0.20000000019' };

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

async function hash16(input: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input)));
  let bits = '';
  for (const b of digest) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i + 5 <= bits.length && out.length < 16; i += 5) out += BASE32[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

function proxyWith(objects: KubeObject[]): KubeProxy {
  const { kernel, store } = world();
  for (const o of objects) store.create(o.kind === 'Service' ? SERVICES : SLICES, o, 'test');
  const proxy = new KubeProxy(kernel, store, 'worker-1', '192.168.56.11', { clusterCIDR: CLUSTER_CIDR, kubeletChains: false });
  proxy.start();
  kernel.settle();
  return proxy;
}

/** The rules of kube-proxy's filter chains that carry per-service rules. */
function filterServiceRules(proxy: KubeProxy): string[] {
  return proxy.iptablesSave('filter').split('\n').filter((l) => /^-A KUBE-(SERVICES|EXTERNAL-SERVICES|NODEPORTS|PROXY-FIREWALL) /.test(l));
}

interface Expected {
  name: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  lbIP?: string;
  affinitySeconds?: number;
  /** Endpoint IPs (unsorted; kube-proxy sorts them). */
  ips: string[];
}

/**
 * `iptables-save -t nat` of a node whose only Service (Cluster traffic policies, cluster CIDR known,
 * no masqueradeAll, no kubelet chains) is `s`; `null` for no Service with endpoints (no nat chains).
 */
async function expectedNat(s: Expected | null): Promise<string> {
  const chains = new Map<string, string[]>([
    ['KUBE-MARK-MASQ', ['-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000']],
    ['KUBE-NODEPORTS', []],
    [
      'KUBE-POSTROUTING',
      [
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
        '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      ],
    ],
    ['KUBE-PROXY-CANARY', []],
    ['KUBE-SERVICES', []],
  ]);
  const add = (chain: string, line: string): void => {
    if (!chains.has(chain)) chains.set(chain, []);
    chains.get(chain)!.push(`-A ${chain} ${line}`);
  };
  if (s) {
    const spn = `default/${s.name}`;
    const h = await hash16(spn + 'tcp');
    const [svc, ext] = [`KUBE-SVC-${h}`, `KUBE-EXT-${h}`];
    const eps = await Promise.all(
      s.ips
        .map((ip) => ({ ip, hostPort: `${ip}:${TARGET_PORT}` }))
        .sort((a, b) => (a.hostPort < b.hostPort ? -1 : a.hostPort > b.hostPort ? 1 : 0))
        .map(async (e) => ({ ...e, sep: `KUBE-SEP-${await hash16(spn + 'tcp' + e.hostPort)}` })),
    );
    // "Capture clusterIP", then load-balancer ingress, then nodeports.
    add('KUBE-SERVICES', `-d ${s.clusterIP}/32 -p tcp -m comment --comment "${spn} cluster IP" -m tcp --dport ${s.port} -j ${svc}`);
    if (s.lbIP) add('KUBE-SERVICES', `-d ${s.lbIP}/32 -p tcp -m comment --comment "${spn} loadbalancer IP" -m tcp --dport ${s.port} -j ${ext}`);
    if (s.nodePort) add('KUBE-NODEPORTS', `-p tcp -m comment --comment "${spn}" -m tcp --dport ${s.nodePort} -j ${ext}`);
    // "Set up external traffic handling": externalTrafficPolicy Cluster masquerades, then falls through to the SVC chain.
    if (s.lbIP || s.nodePort) {
      add(ext, `-m comment --comment "masquerade traffic for ${spn} external destinations" -j KUBE-MARK-MASQ`);
      add(ext, `-j ${svc}`);
    }
    // "Set up internal traffic handling": off-cluster sources to the cluster IP are masqueraded (localDetector.IfNotLocal).
    add(svc, `! -s ${CLUSTER_CIDR} -d ${s.clusterIP}/32 -p tcp -m comment --comment "${spn} cluster IP" -m tcp --dport ${s.port} -j KUBE-MARK-MASQ`);
    // writeServiceToEndpointRules: the affinity checks first, then one rule per endpoint, probability 1/(n-i) but the last.
    if (s.affinitySeconds) {
      for (const e of eps) {
        add(svc, `-m comment --comment "${spn} -> ${e.hostPort}" -m recent --rcheck --seconds ${s.affinitySeconds} --reap --name ${e.sep} --mask 255.255.255.255 --rsource -j ${e.sep}`);
      }
    }
    eps.forEach((e, i) => {
      const statistic = i < eps.length - 1 ? ` -m statistic --mode random --probability ${SAVED_PROBABILITY[eps.length - i]}` : '';
      add(svc, `-m comment --comment "${spn} -> ${e.hostPort}"${statistic} -j ${e.sep}`);
    });
    // "Generate the per-endpoint chains": hairpin masquerade, then DNAT (with `recent --set` under ClientIP affinity).
    for (const e of eps) {
      add(e.sep, `-s ${e.ip}/32 -m comment --comment "${spn}" -j KUBE-MARK-MASQ`);
      const recent = s.affinitySeconds ? ` -m recent --set --name ${e.sep} --mask 255.255.255.255 --rsource` : '';
      add(e.sep, `-p tcp -m comment --comment "${spn}"${recent} -m tcp -j DNAT --to-destination ${e.hostPort}`);
    }
  }
  add('KUBE-SERVICES', '-m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');

  const users = [...chains.keys()].sort();
  return [
    `# Generated by iptables-save v1.8.9 on ${STAMP}`,
    '*nat',
    ...['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'].map((c) => `:${c} ACCEPT [0:0]`),
    ...users.map((c) => `:${c} - [0:0]`),
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    ...users.flatMap((c) => chains.get(c)!),
    'COMMIT',
    `# Completed on ${STAMP}`,
    '',
  ].join('\n');
}

const COUNTS = [1, 2, 3, 4, 5];

describe('the chain-name hash of this file', () => {
  it('gives the K8S-FACTS §1 check values', async () => {
    expect(await hash16('ns1/svc1:p80tcp')).toBe('XPGD46QRK7WJZT7O');
    expect(await hash16('ns1/svc1:p80tcp10.180.0.1:80')).toBe('SXIVWICOYRO3J4NJ');
    expect(await hash16('kube-system/kube-dns:dnsudp')).toBe('TCOU7JCQXEZGVUNU');
  });
});

describe('NodePort (externalTrafficPolicy Cluster) with 1 to 5 endpoints', () => {
  it.each(COUNTS)('%i endpoint(s): KUBE-NODEPORTS → KUBE-EXT (masquerade) → KUBE-SVC → KUBE-SEP', async (n) => {
    const s: Expected = { name: `np${n}`, clusterIP: `10.96.1.${n}`, port: 80, nodePort: 30100 + n, ips: IPS.slice(0, n) };
    const proxy = proxyWith([
      service(s.name, { type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: s.clusterIP, ports: [{ port: 80, protocol: 'TCP', nodePort: s.nodePort }] }),
      slice(s.name, s.ips.map((ip) => ({ ip })), [{ port: TARGET_PORT }]),
    ]);
    expect(proxy.iptablesSave('nat')).toBe(await expectedNat(s));
    expect(filterServiceRules(proxy)).toEqual([]);
  });
});

describe('LoadBalancer (externalTrafficPolicy Cluster, ingress in VIP mode) with 1 to 5 endpoints', () => {
  it.each(COUNTS)('%i endpoint(s): the loadbalancer IP and the node port both jump to KUBE-EXT', async (n) => {
    const s: Expected = { name: `lb${n}`, clusterIP: `10.96.2.${n}`, port: 80, nodePort: 31100 + n, lbIP: LB_IP, ips: IPS.slice(0, n) };
    const svc = service(s.name, { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', clusterIP: s.clusterIP, ports: [{ port: 80, protocol: 'TCP', nodePort: s.nodePort }] });
    const proxy = proxyWith([
      { ...svc, status: { loadBalancer: { ingress: [{ ip: LB_IP, ipMode: 'VIP' }] } } },
      slice(s.name, s.ips.map((ip) => ({ ip })), [{ port: TARGET_PORT }]),
    ]);
    expect(proxy.iptablesSave('nat')).toBe(await expectedNat(s));
    // No loadBalancerSourceRanges: no KUBE-FW chain, nothing in KUBE-PROXY-FIREWALL; Cluster policy: no health check node port.
    expect(filterServiceRules(proxy)).toEqual([]);
  });
});

describe('sessionAffinity ClientIP (timeoutSeconds 10800, the default) with 1 to 5 endpoints', () => {
  it.each(COUNTS)('%i endpoint(s): one recent --rcheck rule per endpoint before the probability rules, --set on each DNAT', async (n) => {
    const s: Expected = { name: `st${n}`, clusterIP: `10.96.3.${n}`, port: 80, affinitySeconds: 10800, ips: IPS.slice(0, n) };
    const proxy = proxyWith([
      service(s.name, { clusterIP: s.clusterIP, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, ports: [{ port: 80, protocol: 'TCP' }] }),
      slice(s.name, s.ips.map((ip) => ({ ip })), [{ port: TARGET_PORT }]),
    ]);
    expect(proxy.iptablesSave('nat')).toBe(await expectedNat(s));
    expect(filterServiceRules(proxy)).toEqual([]);
  });
});

describe('no endpoints: no nat chains, REJECT in the filter table for every address of the Service', () => {
  const reject = (chain: string, spn: string, match: string): string =>
    `-A ${chain} ${match.replace('COMMENT', `-m comment --comment "${spn} has no endpoints"`)} -j REJECT --reject-with icmp-port-unreachable`;
  const cases: [string, Record<string, unknown>, Record<string, unknown> | undefined, string[]][] = [
    ['ClusterIP', { clusterIP: '10.96.4.1', ports: [{ port: 80, protocol: 'TCP' }] }, undefined, [reject('KUBE-SERVICES', 'default/none-clusterip', '-d 10.96.4.1/32 -p tcp COMMENT -m tcp --dport 80')]],
    [
      'NodePort',
      { type: 'NodePort', externalTrafficPolicy: 'Cluster', clusterIP: '10.96.4.2', ports: [{ port: 80, protocol: 'TCP', nodePort: 30200 }] },
      undefined,
      [
        // "Capture nodeports": `-m addrtype --dst-type LOCAL` before `-m tcp`, as kube-proxy writes it.
        reject('KUBE-EXTERNAL-SERVICES', 'default/none-nodeport', '-p tcp COMMENT -m addrtype --dst-type LOCAL -m tcp --dport 30200'),
        reject('KUBE-SERVICES', 'default/none-nodeport', '-d 10.96.4.2/32 -p tcp COMMENT -m tcp --dport 80'),
      ],
    ],
    [
      'LoadBalancer',
      { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', clusterIP: '10.96.4.3', ports: [{ port: 80, protocol: 'TCP', nodePort: 30201 }] },
      { loadBalancer: { ingress: [{ ip: LB_IP, ipMode: 'VIP' }] } },
      [
        // The load-balancer IPs are written before the node port (proxier.go order within the chain).
        reject('KUBE-EXTERNAL-SERVICES', 'default/none-loadbalancer', `-d ${LB_IP}/32 -p tcp COMMENT -m tcp --dport 80`),
        reject('KUBE-EXTERNAL-SERVICES', 'default/none-loadbalancer', '-p tcp COMMENT -m addrtype --dst-type LOCAL -m tcp --dport 30201'),
        reject('KUBE-SERVICES', 'default/none-loadbalancer', '-d 10.96.4.3/32 -p tcp COMMENT -m tcp --dport 80'),
      ],
    ],
  ];
  it.each(cases)('%s', async (type, spec, status, filter) => {
    const name = `none-${type.toLowerCase()}`;
    const svc = service(name, spec);
    const proxy = proxyWith([status ? { ...svc, status } : svc, slice(name, [], [{ port: TARGET_PORT }])]);
    expect(proxy.iptablesSave('nat')).toBe(await expectedNat(null));
    expect(filterServiceRules(proxy)).toEqual(filter);
  });
});
