import { describe, expect, it } from 'vitest';
import { LIMITS, minimizeScenario, parseScenario, ScenarioError, scenarioFromYamlOrJson, scenarioToJson, scenarioToYaml } from './validate.ts';
import type { Scenario } from './types.ts';

const base = (): Record<string, unknown> => ({
  version: 1,
  title: 'demo',
  seed: 7,
  actions: [
    { at: 5, kind: 'exec', line: 'kubectl get pods' },
    { at: 0, kind: 'apply', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' },
    { at: 5, kind: 'exec', line: 'systemctl stop kubelet', node: 'worker-1' },
  ],
});

function issues(data: unknown): string[] {
  try {
    parseScenario(data);
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues;
    throw err;
  }
  throw new Error('parseScenario accepted it');
}

describe('parseScenario', () => {
  it('accepts a valid scenario and sorts actions by time, keeping the order of equal times', () => {
    const s = parseScenario(base());
    expect(s.actions.map((a) => a.at)).toEqual([0, 5, 5]);
    expect(s.actions[1]).toEqual({ at: 5, kind: 'exec', line: 'kubectl get pods' });
    expect(s.actions[2]).toEqual({ at: 5, kind: 'exec', line: 'systemctl stop kubelet', node: 'worker-1' });
  });

  it('names the path and the reason of each problem', () => {
    const d = base();
    (d.actions as unknown[]).push({ at: -1, kind: 'exec', line: 'x' }, { at: 1, kind: 'apply', yaml: 3 }, { at: 1, kind: 'delete' });
    d.seed = 1.5;
    expect(issues(d)).toEqual([
      'seed: must be an integer >= 0 and <= 4294967295, got 1.5',
      'actions[3].at: must be a number >= 0 and <= 2592000, got -1',
      'actions[4].yaml: must be a string, got number',
      'actions[5].kind: must be "apply" or "exec", got "delete"',
    ]);
  });

  it('refuses a newer version with a message that says so', () => {
    expect(issues({ ...base(), version: 7, whatever: true })).toEqual(['this link was made by a newer Kubeplay (scenario version 7; this page reads version 1)']);
    expect(() => parseScenario({ ...base(), version: 2 }, 'file')).toThrow('this file was made by a newer Kubeplay (scenario version 2; this page reads version 1)');
    expect(issues({ ...base(), version: '1' })).toEqual(['version: must be 1, got "1"']);
    expect(issues({ ...base(), version: undefined })).toEqual(['version: must be 1, got nothing']);
  });

  it('rejects unknown fields with their path', () => {
    const d = base();
    (d.actions as Record<string, unknown>[])[0]!.extra = 1;
    d.view = { t: 3, zoom: 2 };
    d.nodes = [{ name: 'a', role: 'control-plane', gpu: 1 }];
    d.actions = [{ at: 0, kind: 'exec', line: 'x', extra: 1, repeat: { every: 1, count: 2, jitter: 0 } }];
    expect(issues(d)).toEqual(['nodes[0].gpu: unknown field', 'actions[0].extra: unknown field', 'actions[0].repeat.jitter: unknown field', 'view.zoom: unknown field']);
    expect(issues({ ...base(), __proto__x: 1, 'odd key': 2 })).toEqual(['__proto__x: unknown field', '["odd key"]: unknown field']);
  });

  it('treats a __proto__ key as data, not as a prototype', () => {
    const d = JSON.parse('{"version":1,"title":"t","seed":1,"actions":[],"__proto__":{"polluted":true}}') as unknown;
    expect(issues(d)).toEqual(['__proto__: unknown field']);
    const n = JSON.parse('{"version":1,"title":"t","seed":1,"actions":[],"nodes":[{"name":"a","labels":{"__proto__":"x"}}]}') as unknown;
    expect(issues(n)).toEqual(['nodes[0].labels.__proto__: must be a valid label key (name or prefix/name)']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks node names, and exec nodes against them', () => {
    expect(issues({ ...base(), nodes: [{ name: 'Worker_1' }] })).toEqual([
      'nodes[0].name: must be a lowercase RFC 1123 subdomain (lowercase letters, digits, \'-\' and \'.\'), got "Worker_1"',
      'actions[2].node: no node named "worker-1" in nodes',
    ]);
    expect(issues({ ...base(), nodes: [{ name: 'a' }, { name: 'a' }] })[0]).toBe('nodes[1].name: duplicate node name "a"');
    // Without nodes, the default cluster's names are the ones to match.
    expect(issues({ ...base(), actions: [{ at: 0, kind: 'exec', line: 'x', node: 'worker-9' }] })).toEqual(['actions[0].node: no node named "worker-9" in nodes']);
    const s = parseScenario({ ...base(), nodes: [{ name: 'cp', role: 'control-plane', cpu: 4, labels: { 'example.com/zone': 'a' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }, { name: 'worker-1' }] });
    expect(s.nodes).toEqual([{ name: 'cp', role: 'control-plane', cpu: 4, labels: { 'example.com/zone': 'a' }, taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }, { name: 'worker-1' }]);
    expect(issues({ ...base(), nodes: [{ name: 'worker-1', taints: [{ key: 'k', effect: 'Sometimes' }] }] })).toEqual(['nodes[0].taints[0].effect: must be one of NoSchedule, PreferNoSchedule, NoExecute, got "Sometimes"']);
  });

  it('enforces the limits', () => {
    const many = Array.from({ length: LIMITS.actions + 1 }, () => ({ at: 0, kind: 'exec', line: 'true' }));
    expect(issues({ ...base(), actions: many })).toEqual(['actions: must have at most 2000 actions, got 2001']);
    expect(issues({ ...base(), nodes: Array.from({ length: 65 }, (_, i) => ({ name: `n${i}` })) })).toEqual(['nodes: must have 1 to 64 nodes, got 65']);
    const big = 'x'.repeat(600_000);
    expect(issues({ ...base(), actions: [{ at: 0, kind: 'apply', yaml: big }, { at: 0, kind: 'apply', yaml: big }] })).toEqual(['actions: the YAML texts add up to 1200000 characters; at most 1048576 (1 MB)']);
    expect(issues({ ...base(), actions: [{ at: 0, kind: 'exec', line: 'x', repeat: { every: 0.0001, count: 10_001 } }] })).toEqual([
      'actions[0].repeat.every: must be a number >= 0.001 and <= 2592000, got 0.0001',
      'actions[0].repeat.count: must be an integer >= 1 and <= 10000, got 10001',
    ]);
    expect(issues({ ...base(), actions: [{ at: 2_592_001, kind: 'exec', line: 'x' }] })).toEqual(['actions[0].at: must be a number >= 0 and <= 2592000, got 2592001']);
    expect(issues({ ...base(), actions: [{ at: 0, kind: 'exec', line: 'a\nb' }] })).toEqual(['actions[0].line: must be one line']);
    expect(issues({ ...base(), seed: 2 ** 32 })).toEqual(['seed: must be an integer >= 0 and <= 4294967295, got 4294967296']);
    expect(issues({ ...base(), view: { speed: 200 } })).toEqual(['view.speed: must be a number >= 0.25 and <= 100, got 200']);
    expect(issues({ ...base(), actions: Array.from({ length: 6 }, () => ({ at: 0, kind: 'exec', line: 'x', repeat: { every: 1, count: 10_000 } })) }))
      .toEqual(['actions: the commands with their repeats add up to 60000 runs; at most 50000']);
  });

  it('refuses what is not an object', () => {
    expect(issues(null)).toEqual(['(root): must be an object, got null']);
    expect(issues([1])).toEqual(['(root): must be an object, got an array']);
    expect(issues({ ...base(), actions: {} })).toEqual(['actions: must be an array, got an object']);
  });
});

describe('files', () => {
  const s: Scenario = parseScenario({ ...base(), view: { t: 12, speed: 2 } });

  it('round-trips through YAML and JSON', () => {
    expect(scenarioFromYamlOrJson(scenarioToYaml(s))).toEqual(s);
    expect(scenarioFromYamlOrJson(scenarioToJson(s))).toEqual(s);
    // Manifests read as manifests in the YAML export.
    expect(scenarioToYaml(s)).toContain('    yaml: |\n      apiVersion: v1\n      kind: Namespace\n');
  });

  it('reports YAML syntax errors and refuses alias bombs', () => {
    expect(() => scenarioFromYamlOrJson('version: 1\ntitle: [unclosed\n')).toThrow(/^not valid YAML or JSON: /);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(() => scenarioFromYamlOrJson(bomb)).toThrow(/not valid YAML or JSON: .*[Aa]lias/);
    expect(() => scenarioFromYamlOrJson('x'.repeat(LIMITS.fileChars + 1))).toThrow('the file is larger than 4 MB');
    expect(() => scenarioFromYamlOrJson('version: 1\nversion: 1\n')).toThrow('not valid YAML or JSON: Map keys must be unique at line 2, column 1');
    expect(() => scenarioFromYamlOrJson('version: 1\ntitle: t\nseed: 1\nactions: []\n__proto__:\n  polluted: true\n')).toThrow('__proto__: unknown field');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => scenarioFromYamlOrJson('!!js/function "x"')).toThrow(/^not valid YAML or JSON: |must be an object/);
  });

  it('drops defaults when minimizing', () => {
    const withDefaults = parseScenario({ ...base(), nodes: [{ name: 'control-plane', role: 'control-plane' }, { name: 'worker-1', role: 'worker', cpu: 2 }, { name: 'worker-2', memoryGi: 4, pods: 110 }] });
    expect(minimizeScenario(withDefaults).nodes).toBeUndefined();
    const custom = parseScenario({ ...base(), nodes: [{ name: 'control-plane', role: 'control-plane' }, { name: 'worker-1', cpu: 8 }] });
    expect(minimizeScenario(custom).nodes).toEqual([{ name: 'control-plane', role: 'control-plane' }, { name: 'worker-1', cpu: 8 }]);
  });
});
