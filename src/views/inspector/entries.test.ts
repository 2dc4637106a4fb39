import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../worker/protocol.ts';
import { formatProbability, parseDecision, parsePick, parseProbeFailure } from './entries.ts';
import { Insights, type Fx } from './insights.ts';

const pod = (name: string, uid = `uid-${name}`) => ({ kind: 'Pod', namespace: 'default', name, uid });

/** As kube-scheduler records them (scheduler.ts scheduleOne / fail). */
const scheduled: TimelineEvent = {
  t: 0,
  source: 'kube-scheduler',
  type: 'decision',
  reason: 'Scheduled',
  object: pod('client'),
  message: 'Pod default/client assigned to worker-2',
  data: {
    attempt: 1,
    evaluated: 3,
    feasible: 2,
    filtered: [{ node: 'control-plane', plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] }],
    scored: {
      nodes: ['worker-1', 'worker-2'],
      plugins: [
        { name: 'TaintToleration', weight: 3, raw: 0, normalized: 100 },
        { name: 'NodeAffinity', weight: 2, raw: null, normalized: null },
        { name: 'NodeResourcesFit', weight: 1, raw: [84, 90], normalized: [84, 90] },
      ],
      totals: [484, 490],
    },
    selected: 'worker-2',
    bindDelayMs: 8,
  },
};

const failed: TimelineEvent = {
  t: 1,
  source: 'kube-scheduler',
  type: 'decision',
  reason: 'FailedScheduling',
  object: pod('huge'),
  message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
  data: {
    attempt: 2,
    evaluated: 3,
    feasible: 0,
    filtered: [
      { node: 'worker-2', plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] },
      { node: 'control-plane', plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      { node: 'worker-1', plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] },
    ],
  },
};

const lb = (t: number, endpoint: string, podName: string, rules: string[]): TimelineEvent => ({
  t,
  source: 'kube-proxy/worker-2',
  type: 'decision',
  reason: 'LoadBalance',
  object: { kind: 'Service', namespace: 'default', name: 'web', uid: 'svc' },
  message: `default/web: 10.109.254.23:80 → ${endpoint}`,
  data: {
    client: '10.244.2.2',
    service: 'default/web',
    servicePort: 'default/web',
    rulesWalked: [
      '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A KUBE-SERVICES -d 10.109.254.23/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G',
      ...rules,
    ],
    draws: [1583598589, 353334914],
    endpoint,
    pod: `default/${podName}`,
    node: 'worker-1',
  },
});
const RULE = (ip: string, p?: string) =>
  `-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> ${ip}:80"${p ? ` -m statistic --mode random --probability ${p}` : ''} -j KUBE-SEP-${ip.replaceAll('.', '')}`;

describe('parseDecision', () => {
  it('gives each node its filter verdict or its scores, the chosen node first', () => {
    const d = parseDecision(scheduled)!;
    expect(d).toMatchObject({ outcome: 'Scheduled', uid: 'uid-client', selected: 'worker-2', attempt: 1, evaluated: 3, feasible: 2 });
    expect(d.plugins.map((p) => `${p.name}×${p.weight}`)).toEqual(['TaintToleration×3', 'NodeAffinity×2', 'NodeResourcesFit×1']);
    expect(d.rows).toEqual([
      { node: 'worker-2', scores: [100, null, 90], total: 490, chosen: true },
      { node: 'worker-1', scores: [100, null, 84], total: 484, chosen: false },
      {
        node: 'control-plane',
        filteredBy: { plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
        chosen: false,
      },
    ]);
  });

  it('keeps the FailedScheduling message and lists the rejected nodes by name', () => {
    const d = parseDecision(failed)!;
    expect(d.outcome).toBe('FailedScheduling');
    expect(d.selected).toBeNull();
    expect(d.message).toMatch(/^0\/3 nodes are available: /);
    expect(d.rows.map((r) => `${r.node}: ${r.filteredBy?.plugin} ${r.filteredBy?.reasons.join()}`)).toEqual([
      'control-plane: TaintToleration node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
      'worker-1: NodeResourcesFit Insufficient cpu',
      'worker-2: NodeResourcesFit Insufficient cpu',
    ]);
  });

  it('ignores other entries', () => {
    expect(parseDecision({ ...scheduled, source: 'default-scheduler', type: 'event' })).toBeNull();
  });
});

describe('parsePick', () => {
  it('finds the rule that jumped to the endpoint and the chance of that endpoint', () => {
    const second = parsePick(lb(5, '10.244.1.3:80', 'web-b', [RULE('10.244.2.2', '0.33333333349'), RULE('10.244.1.3', '0.50000000000')]))!;
    expect(second).toMatchObject({ node: 'worker-2', service: 'default/web', endpoint: '10.244.1.3:80', podNamespace: 'default', pod: 'web-b', ruleProbability: 0.5 });
    expect(second.rule).toBe(RULE('10.244.1.3', '0.50000000000'));
    expect(formatProbability(second.probability)).toBe('0.33');
    const last = parsePick(lb(6, '10.244.2.3:80', 'web-c', [RULE('10.244.2.2', '0.33333333349'), RULE('10.244.1.3', '0.50000000000'), RULE('10.244.2.3')]))!;
    expect(last.ruleProbability).toBe(1);
    expect(formatProbability(last.probability)).toBe('0.33');
    expect(formatProbability(parsePick(lb(7, '10.244.2.2:80', 'web-a', [RULE('10.244.2.2')]))!.probability)).toBe('1');
  });

  it('ignores Reject and Drop verdicts', () => {
    expect(parsePick({ ...lb(1, '', '', []), reason: 'Reject' })).toBeNull();
  });
});

describe('parseProbeFailure', () => {
  it('reads the probe type from the Unhealthy event', () => {
    const e = (message: string): TimelineEvent => ({ t: 0, source: 'kubelet/worker-1', type: 'event', reason: 'Unhealthy', object: pod('web'), message, data: { eventType: 'Warning' } });
    expect(parseProbeFailure(e('Liveness probe failed: HTTP probe failed with statuscode: 404'))).toBe('liveness');
    expect(parseProbeFailure(e('Readiness probe errored: rpc error'))).toBe('readiness');
    expect(parseProbeFailure(e('Startup probe failed: dial tcp 10.244.1.2:80: connect: connection refused'))).toBe('startup');
    expect(parseProbeFailure({ ...e('Liveness probe failed: x'), reason: 'Killing' })).toBeNull();
  });
});

describe('Insights', () => {
  it('keeps the latest decision per pod, events per object, picks and counts per endpoint, and tells listeners', () => {
    const index = new Insights();
    const seen: Fx[] = [];
    index.on((fx) => seen.push(fx));
    const unhealthy: TimelineEvent = { t: 3, source: 'kubelet/worker-1', type: 'event', reason: 'Unhealthy', object: pod('web-a'), message: 'Liveness probe failed: HTTP probe failed with statuscode: 404', data: { container: 'nginx', eventType: 'Warning' } };
    index.ingestUpdate({
      reset: false,
      entries: [
        failed,
        { ...failed, t: 2, data: { ...failed.data, attempt: 3 } },
        scheduled,
        { t: 0, source: 'kubectl', type: 'api', reason: 'create', object: pod('client'), message: 'create' },
        lb(5, '10.244.1.3:80', 'web-b', [RULE('10.244.2.2', '0.5'), RULE('10.244.1.3')]),
        lb(6, '10.244.1.3:80', 'web-b', [RULE('10.244.2.2', '0.5'), RULE('10.244.1.3')]),
        lb(7, '10.244.2.2:80', 'web-a', [RULE('10.244.2.2', '0.5')]),
        unhealthy,
      ],
    });
    expect(index.decisionFor('default', 'huge')?.attempt).toBe(3);
    expect(index.decisionFor('default', 'client', 'uid-client')?.selected).toBe('worker-2');
    // A newer pod of the same name: the old decision is not about it.
    expect(index.decisionFor('default', 'client', 'uid-other')).toBeUndefined();
    expect(index.entriesFor('Pod', 'default', 'web-a')).toEqual([
      { t: 3, type: 'Warning', reason: 'Unhealthy', message: 'Liveness probe failed: HTTP probe failed with statuscode: 404', source: 'kubelet/worker-1', container: 'nginx' },
    ]);
    expect(index.entriesFor('Pod', 'default', 'client').map((e) => e.reason)).toEqual(['Scheduled']);
    expect(index.picksFor('default/web').map((p) => p.pod)).toEqual(['web-b', 'web-b', 'web-a']);
    expect([index.countFor('default/web', 'web-b'), index.countFor('default/web', 'web-a')]).toEqual([2, 1]);
    expect(seen.map((f) => (f.kind === 'pick' ? `pick ${f.pick.pod}` : `probe ${f.pod} ${f.probe} ${f.container}`))).toEqual(['pick web-b', 'pick web-b', 'pick web-a', 'probe web-a liveness nginx']);

    // Entries of a jump in time are indexed but not animated.
    index.ingestUpdate({ reset: false, jumped: true, entries: [lb(8, '10.244.2.2:80', 'web-a', [RULE('10.244.2.2', '0.5')])] });
    expect(seen).toHaveLength(4);
    expect(index.countFor('default/web', 'web-a')).toBe(2);

    const version = index.version;
    index.ingestUpdate({ reset: true, entries: [] });
    expect(index.version).toBeGreaterThan(version);
    expect(index.countFor('default/web', 'web-b')).toBe(0);
    expect(index.decisionFor('default', 'huge')).toBeUndefined();
  });
});
