/**
 * Fuzzing `kubectl apply -f -` through the headless API (issue 9, "Fuzzed input"): real
 * manifests, mutated (bytes flipped, cut, ranges duplicated or dropped, fields given values of
 * the wrong type), and hostile streams (alias bombs, deep nesting, huge scalars, many documents)
 * never make `cluster.apply` throw or hang; bad input always ends with exit code 1 and a
 * non-empty stderr; a failed apply of a single document leaves the cluster as it was; and what
 * does get applied can then be simulated (time advanced) without the core throwing.
 *
 * `KUBEPLAY_LONG=1` runs many more cases.
 */
// fast-check is a devDependency for tests; the sim-boundary rule lets tests import only vitest (see the report).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster, type ExecResult } from '../index.ts';
import { LIMITS, splitDocuments } from '../yaml/decode.ts';

const LONG = process.env.KUBEPLAY_LONG === '1';
const RUNS = LONG ? 5_000 : 150;
const VALUE_RUNS = LONG ? 1_000 : 40;
const TIMEOUT_MS = LONG ? 3_600_000 : 120_000;
/** Fixed in the bounded run so `npm test` is reproducible; KUBEPLAY_SEED or the long mode explore. */
const SEED = process.env.KUBEPLAY_SEED ? Number(process.env.KUBEPLAY_SEED) : LONG ? undefined : 7;
const SEEDED = SEED === undefined ? {} : { seed: SEED };

/** Real manifests, one document each, as people paste them. */
const CORPUS: string[] = [
  `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations:
    note: "a pod"
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      requests: {cpu: 100m, memory: 64Mi}
      limits: {memory: 128Mi}
    readinessProbe:
      httpGet: {path: /, port: 80}
`,
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  strategy:
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: traefik/whoami:v1.10
        args: ["--port", "8080"]
        env:
        - name: MODE
          value: "prod"
`,
  `apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: NodePort
  selector: {app: api}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`,
  `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  completions: 2
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "echo 3.14159"]
`,
  `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  key: value
  multi: |
    line one
    line two
`,
  `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - operator: Exists
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3600"]
`,
  `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox:1.36
            command: ["date"]
`,
  `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: redis
        image: redis:7.4
`,
  `{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a", "labels": {"owner": "a"}}}`,
  `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"json-pod"},"spec":{"containers":[{"name":"c","image":"alpine:3.20","command":["sleep","100"]}]}}`,
];

/** Ignoring time, the cluster's objects. */
function state(cluster: Cluster): string {
  return JSON.stringify(cluster.snapshot().objects);
}

/** Applies and checks what every apply must do, whatever the input. */
function applyChecked(cluster: Cluster, text: string): ExecResult {
  const result = cluster.apply(text);
  expect([0, 1], `exit code for:\n${text.slice(0, 500)}`).toContain(result.exitCode);
  if (result.exitCode === 1) {
    expect(result.stderr, 'a failed apply says why').not.toBe('');
    // kubectl's own forms; the name in `The Kind "name" is invalid` is Go-quoted (%q).
    expect(result.stderr).toMatch(/^(error|Error from server|The \S+ "(?:[^"\\]|\\.)*" is invalid|Warning)/m);
    // A JavaScript exception caught and printed is a crash in disguise, not kubectl's message.
    expect(result.stderr).not.toMatch(/Cannot read properties of|is not a function|is not iterable|TypeError|ReferenceError|undefined \(reading/);
  } else {
    expect(result.stdout, 'a successful apply names what it applied').toMatch(/ (created|configured|unchanged)\n$/);
  }
  return result;
}

const singleDocument = (text: string) => splitDocuments(text).filter((c) => c.text.trim() !== '').length <= 1;

// ---------------------------------------------------------------------------------------------
// Mutations

const NOISE = [...':-? \n\t{}[],&*!|>\'"%@`#', '\u0000', '\uFEFF', '中', '😀', '---\n', '\n---\n', ': ', '- ', '  ', '<<: *x', '&a ', '*a'];

type Mutation =
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string };

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), char: fc.oneof(fc.constantFrom(...NOISE), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...NOISE), fc.string({ maxLength: 12 })) }),
);

function mutate(text: string, m: Mutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case 'flip': return text.slice(0, at) + m.char + text.slice(at + 1);
    case 'cut': return text.slice(0, at);
    case 'drop': return text.slice(0, at) + text.slice(at + m.len);
    case 'duplicate': return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    case 'insert': return text.slice(0, at) + m.text + text.slice(at);
  }
}

/** Values of the wrong type (or the right type and odd) to put anywhere in a manifest. Numbers stay small: a replica count of 2^31 is valid and would (rightly) create that many Pods. */
const arbOddValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -3, max: 5 }),
    fc.constantFrom(0.5, -0.0, 1e-9, true, false, null, '', ' ', '-', '0', '1Gi', '100m', 'NaN', '<img src=x onerror=alert(1)>', 'x'.repeat(300), '__proto__', 'constructor', 'toString', '中文', '\u0000'),
    fc.string({ maxLength: 10 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('name', 'image', '__proto__', 'constructor', 'a', 'port', 'cpu'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** Every path (keys and indexes) to a value in a JSON document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setPath(doc: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = (Array.isArray(doc) ? [...doc] : { ...(doc as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path;
  // defineProperty, not assignment: a key named __proto__ becomes a plain own property, as JSON.parse makes it.
  Object.defineProperty(copy, head!, { value: setPath(copy[head!], rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}

const JSON_CORPUS = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m', memory: '64Mi' } }, readinessProbe: { httpGet: { path: '/', port: 80 } } }] } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 2, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }] }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', selector: { app: 'd' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] } },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completions: 2, parallelism: 1, backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 0'] }] } } } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'ss' }, spec: { serviceName: 'ss', replicas: 1, selector: { matchLabels: { app: 'ss' } }, template: { metadata: { labels: { app: 'ss' } }, spec: { containers: [{ name: 'c', image: 'redis:7.4' }] } } } },
];

// ---------------------------------------------------------------------------------------------

describe('kubectl apply on mutated and hostile input', () => {
  it('applies the unmutated corpus cleanly (the mutations below start from real, valid manifests)', () => {
    const cluster = createCluster({ seed: 3 });
    for (const text of CORPUS) expect(applyChecked(cluster, text)).toMatchObject({ exitCode: 0, stderr: '' });
    for (const doc of JSON_CORPUS) expect(applyChecked(cluster, JSON.stringify(doc))).toMatchObject({ exitCode: 0, stderr: '' });
    cluster.advance(60);
  });

  it(`never throws on mutated manifests; a failed single document changes nothing (${RUNS} cases)`, () => {
    const cluster = createCluster({ seed: 5 });
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.array(arbMutation, { minLength: 1, maxLength: 4 }), (base, mutations) => {
        const text = mutations.reduce(mutate, base);
        const before = state(cluster);
        const result = applyChecked(cluster, text);
        if (result.exitCode === 1 && singleDocument(text)) expect(state(cluster), `state changed by a failed apply of:\n${text}`).toBe(before);
        // Whatever was accepted, the cluster then runs.
        cluster.advance(2);
      }),
      { numRuns: RUNS, ...SEEDED },
    );
  }, TIMEOUT_MS);

  it(`never throws on fields given values of the wrong type, and the cluster keeps running (${VALUE_RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...JSON_CORPUS), fc.nat(), arbOddValue, fc.boolean(), (base, pick, value, asYAML) => {
        const all = paths(base).filter((p) => p.length > 0);
        const path = all[pick % all.length]!;
        const doc = setPath(base, path, value);
        const text = asYAML ? toFlowYAML(doc) : JSON.stringify(doc);
        const cluster = createCluster({ seed: 11 });
        const before = state(cluster);
        const result = applyChecked(cluster, text);
        if (result.exitCode === 1) expect(state(cluster), `state changed by a failed apply of:\n${text}`).toBe(before);
        cluster.advance(30);
        cluster.exec('kubectl get all -A');
        cluster.exec('kubectl describe pods');
      }),
      { numRuns: VALUE_RUNS, ...SEEDED },
    );
  }, TIMEOUT_MS);

  it(`never throws on random text (${RUNS} cases)`, () => {
    const cluster = createCluster({ seed: 5 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.array(fc.constantFrom(...NOISE, 'apiVersion: v1', 'kind: Pod', 'metadata:', 'name: x'), { maxLength: 40 }).map((a) => a.join(''))), (text) => {
        const before = state(cluster);
        const result = applyChecked(cluster, text);
        if (result.exitCode === 1 && singleDocument(text)) expect(state(cluster)).toBe(before);
      }),
      { numRuns: RUNS, ...SEEDED },
    );
  }, TIMEOUT_MS);

  it('refuses the billion laughs with the aliasing error, leaving the cluster as it was', () => {
    const cluster = createCluster({ seed: 5 });
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lines.push(`  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const before = state(cluster);
    // Expanded, this would be 10^9 strings: the call returning at all is the bound.
    expect(cluster.apply(lines.join('\n'))).toEqual({
      stdout: '',
      stderr: 'error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n',
      exitCode: 1,
    });
    expect(state(cluster)).toBe(before);
  });

  it('refuses streams past the size and document limits with a message that says so, applying nothing', () => {
    const cluster = createCluster({ seed: 5 });
    const before = state(cluster);
    const configMap = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\n`;
    expect(cluster.apply(Array.from({ length: LIMITS.maxDocuments + 1 }, (_, i) => configMap(i)).join('---\n'))).toEqual({
      stdout: '',
      stderr: `error: error parsing STDIN: the input has ${LIMITS.maxDocuments + 1} documents; Kubeplay accepts at most ${LIMITS.maxDocuments} in one apply\n`,
      exitCode: 1,
    });
    expect(cluster.apply(`${configMap(0)}data:\n  big: ${'x'.repeat(LIMITS.maxInputChars)}\n`)).toEqual({
      stdout: '',
      stderr: 'error: error parsing STDIN: the input is 8.0 MiB; Kubeplay accepts at most 8.0 MiB in one apply\n',
      exitCode: 1,
    });
    expect(state(cluster)).toBe(before);
  });

  it('refuses deep nesting in any style with a parse error, applying nothing', () => {
    const cluster = createCluster({ seed: 5 });
    const before = state(cluster);
    for (const depth of [LIMITS.maxDepth + 1, 5_000]) {
      for (const nested of [`${'['.repeat(depth)}1${']'.repeat(depth)}`, `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`]) {
        const result = cluster.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${nested}\n`);
        expect(result.exitCode).toBe(1);
        expect(result.stderr).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: /);
      }
    }
    expect(state(cluster)).toBe(before);
  });

  it('keeps a huge but allowed scalar as data, and the cluster still answers', () => {
    const cluster = createCluster({ seed: 5 });
    const big = 'x'.repeat(900 * 1024);
    const result = cluster.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ${big}\n`);
    // The API server's 1 MiB ConfigMap limit (validation.MaxConfigMapSize... here only the object size
    // limit applies); either way apply answers, and the cluster keeps running.
    expect([0, 1]).toContain(result.exitCode);
    expect(cluster.exec('kubectl get configmaps').exitCode).toBe(0);
  });
});

/** YAML flow style (JSON with unquoted-where-safe keys is still YAML), so both readers get exercised. */
function toFlowYAML(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toFlowYAML).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${toFlowYAML(v)}`).join(', ')}}`;
  return JSON.stringify(value) ?? 'null';
}
