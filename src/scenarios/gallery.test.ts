import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { GALLERY } from './gallery.ts';
import { runScenario } from './run.ts';
import { parseScenario } from './validate.ts';

/** Sentences in an explanation: English ends them with `.`, Chinese with `。`. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+|(?<=[。！？])/).filter((s) => s.trim() !== '');

describe('the gallery', () => {
  it('has the issue\'s scenarios, each id once', () => {
    expect(GALLERY.map((e) => e.id)).toEqual([
      'pod-and-service', 'deployment-heals', 'service-load-balancing', 'nodeport', 'init-containers', 'native-sidecar',
      'liveness-restart', 'readiness-endpoints', 'rolling-update', 'node-failure', 'scheduling', 'restart-policies', 'statefulset', 'job',
    ]);
  });

  for (const entry of GALLERY) {
    describe(entry.id, () => {
      it('is a valid scenario, unchanged by parsing, with 2–4 sentences of explanation in each language', () => {
        expect(parseScenario(JSON.parse(JSON.stringify(entry.scenario)))).toEqual(entry.scenario);
        expect(entry.scenario.title).toBe(entry.title.en);
        for (const text of [entry.explanation.en, entry.explanation.zh]) {
          expect(sentences(text).length).toBeGreaterThanOrEqual(2);
          expect(sentences(text).length).toBeLessThanOrEqual(4);
        }
        expect(entry.explanation.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(entry.check.t).toBeGreaterThanOrEqual(Math.max(...entry.scenario.actions.map((a) => a.at)));
      });

      it(`shows its teaching point: at ${entry.check.t} s, \`${entry.check.command}\` prints ${JSON.stringify(entry.check.expect)}`, () => {
        const { scenario, check } = entry;
        const cluster = createCluster({ seed: scenario.seed, nodes: scenario.nodes });
        const runs = runScenario(cluster, scenario, check.t);
        // Every input of a gallery scenario succeeds: a failing one means a name or a feature drifted.
        const failed = runs.filter((r) => r.result.exitCode !== 0).map((r) => `${r.step.atMs / 1000}s ${JSON.stringify(r.step.action.kind === 'exec' ? r.step.action.line : 'apply')}: ${r.result.stderr}`);
        // A generated name (a Pod of a ReplicaSet) drifts when the random draws before it change:
        // the Pods there are now at the end of the message.
        expect(failed, failed.length > 0 ? `Pods now:\n${cluster.exec('kubectl get pods -o wide').stdout}` : undefined).toEqual([]);
        expect(cluster.now()).toBe(check.t);
        const out = cluster.exec(check.command);
        expect(out.stdout + out.stderr).toContain(check.expect);
      });
    });
  }
});
