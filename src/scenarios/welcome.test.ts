import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { runScenario } from './run.ts';
import { parseScenario } from './validate.ts';
import { WELCOME } from './welcome.ts';

describe('the first-open scenario', () => {
  it('is a valid scenario whose cluster serves the client within seconds, through the Service', () => {
    expect(parseScenario(WELCOME.scenario)).toBeTruthy();
    const cluster = createCluster({ seed: WELCOME.scenario.seed });
    const runs = runScenario(cluster, WELCOME.scenario, 30);
    expect(runs.every((r) => r.result.exitCode === 0)).toBe(true);
    expect(runs.filter((r) => r.step.action.kind === 'exec')).toHaveLength(8);
    expect(runs[runs.length - 1]!.result.stdout).toContain('Welcome to nginx!');
    // Each wget is two connections through kube-proxy's rules: the DNS query to kube-dns, then nginx.
    const picks = cluster.timeline().filter((e) => e.reason === 'LoadBalance');
    expect(picks.filter((e) => e.object?.name === 'nginx')).toHaveLength(8);
    expect(picks.filter((e) => e.object?.name === 'kube-dns')).toHaveLength(8);
    expect(cluster.exec('kubectl get deployment nginx').stdout).toMatch(/^NAME {4}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nnginx {3}3\/3 {5}3 {12}3 {11}30s\n$/);
  });
});
