import { describe, expect, it } from 'vitest';
import { clusterFirstResolvConf, parseResolvConf, searchCandidates } from './resolver.ts';

describe('the pod resolver', () => {
  const conf = parseResolvConf(clusterFirstResolvConf('shop'));

  it('reads the ClusterFirst resolv.conf the kubelet writes', () => {
    expect(clusterFirstResolvConf('shop')).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(conf).toEqual({ nameservers: ['10.96.0.10'], search: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], ndots: 5 });
  });

  it('tries the search domains first below ndots, the name alone with a trailing dot or enough dots (musl)', () => {
    expect(searchCandidates('web', conf)).toEqual(['web.shop.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(searchCandidates('web.default', conf)).toEqual(['web.default.shop.svc.cluster.local', 'web.default.svc.cluster.local', 'web.default.cluster.local', 'web.default']);
    expect(searchCandidates('web.default.svc.cluster.local.', conf)).toEqual(['web.default.svc.cluster.local']);
    expect(searchCandidates('a.b.c.d.e.f', conf)).toEqual(['a.b.c.d.e.f']);
  });
});
