/**
 * Scenarios arrive from share links, imported files and local storage: untrusted data. This file
 * checks them against the Scenario type by hand (no schema library, nothing evaluated), with
 * errors that name the JSON path and the reason, limits on every size, and unknown fields
 * rejected, so that a scenario that passes can be replayed without surprises.
 */
import { parseDocument, stringify } from 'yaml';
import { DEFAULT_NODES } from '../sim/cluster/nodes.ts';
import type { NodeOptions } from '../sim/index.ts';
import { SCENARIO_VERSION, type Scenario, type ScenarioView, type TimedAction } from './types.ts';

/** Limits (TigerBeetle's rule: a limit on everything). */
export const LIMITS = {
  actions: 2_000,
  nodes: 64,
  /** Total length of all `apply` YAML texts, in characters. */
  yamlChars: 1_048_576,
  repeatCount: 10_000,
  /** Every exec a scenario expands to, repeats included: replay time stays bounded. */
  expandedExecs: 50_000,
  everyMin: 0.001,
  /** 30 days of virtual time, in seconds. */
  atMax: 30 * 24 * 3600,
  titleChars: 200,
  lineChars: 10_000,
  speedMin: 0.25,
  speedMax: 100,
  labels: 64,
  taints: 64,
  /** An imported file, before parsing. */
  fileChars: 4 * 1_048_576,
  /** YAML aliases expanded per document (billion-laughs guard). */
  yamlAliases: 100,
} as const;

export class ScenarioError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('\n'));
    this.name = 'ScenarioError';
  }
}

/** At most this many issues are collected; the rest would only repeat the first ones. */
const MAX_ISSUES = 20;

class Checker {
  readonly issues: string[] = [];
  fail(path: string, reason: string): undefined {
    if (this.issues.length < MAX_ISSUES) this.issues.push(`${path || '(root)'}: ${reason}`);
    return undefined;
  }
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v);

/** Reports every field of `o` not in `known`, with its path. */
function onlyKnown(c: Checker, o: Obj, path: string, known: readonly string[]): void {
  for (const k of Object.keys(o)) if (!known.includes(k)) c.fail(join(path, k), 'unknown field');
}

function join(path: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  const seg = plain ? key : JSON.stringify(key);
  if (!path) return plain ? key : `[${seg}]`;
  return plain ? `${path}.${key}` : `${path}[${seg}]`;
}

function num(c: Checker, v: unknown, path: string, min: number, max: number, opts: { integer?: boolean; minExclusive?: boolean } = {}): number | undefined {
  const what = opts.integer ? 'an integer' : 'a number';
  const range = `${opts.minExclusive ? '>' : '>='} ${min}${max === Infinity ? '' : ` and <= ${max}`}`;
  const bad = typeof v !== 'number' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v))
    || (opts.minExclusive ? v <= min : v < min) || v > max;
  if (bad) return c.fail(path, `must be ${what} ${range}${typeof v === 'number' ? `, got ${v}` : `, got ${describe(v)}`}`);
  return v as number;
}

function str(c: Checker, v: unknown, path: string, maxChars: number, opts: { nonEmpty?: boolean } = {}): string | undefined {
  if (typeof v !== 'string') return c.fail(path, `must be a string, got ${describe(v)}`);
  if (opts.nonEmpty && v.trim() === '') return c.fail(path, 'must not be empty');
  if (v.length > maxChars) return c.fail(path, `must be at most ${maxChars} characters, got ${v.length}`);
  return v;
}

// apimachinery's validation.IsDNS1123Subdomain / IsDNS1123Label (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go).
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
// Qualified names (label keys) and label values, same file.
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function dnsSubdomain(c: Checker, v: unknown, path: string): string | undefined {
  const s = str(c, v, path, 253);
  if (s === undefined) return undefined;
  if (!DNS1123_SUBDOMAIN_RE.test(s)) {
    return c.fail(path, `must be a lowercase RFC 1123 subdomain (lowercase letters, digits, '-' and '.'), got ${JSON.stringify(s)}`);
  }
  return s;
}

function labelKey(k: string): boolean {
  const slash = k.lastIndexOf('/');
  const prefix = slash >= 0 ? k.slice(0, slash) : undefined;
  const name = slash >= 0 ? k.slice(slash + 1) : k;
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN_RE.test(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME_RE.test(name);
}

function labels(c: Checker, v: unknown, path: string): Record<string, string> | undefined {
  if (!isObject(v)) return c.fail(path, `must be an object of strings, got ${describe(v)}`);
  const keys = Object.keys(v);
  if (keys.length > LIMITS.labels) return c.fail(path, `must have at most ${LIMITS.labels} labels, got ${keys.length}`);
  // Built with defineProperty on a null-prototype object: a key such as `__proto__` stays a key.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const k of keys) {
    const p = join(path, k);
    if (!labelKey(k)) { c.fail(p, 'must be a valid label key (name or prefix/name)'); continue; }
    const val = v[k];
    if (typeof val !== 'string' || val.length > 63 || !LABEL_VALUE_RE.test(val)) { c.fail(p, 'must be a valid label value (at most 63 characters)'); continue; }
    Object.defineProperty(out, k, { value: val, enumerable: true, writable: true, configurable: true });
  }
  return { ...out };
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

function node(c: Checker, v: unknown, path: string): NodeOptions | undefined {
  if (!isObject(v)) return c.fail(path, `must be an object, got ${describe(v)}`);
  onlyKnown(c, v, path, ['name', 'role', 'cpu', 'memoryGi', 'pods', 'labels', 'taints']);
  const name = dnsSubdomain(c, v.name, join(path, 'name'));
  const out: NodeOptions = { name: name ?? '' };
  if (v.role !== undefined) {
    if (v.role !== 'control-plane' && v.role !== 'worker') c.fail(join(path, 'role'), `must be "control-plane" or "worker", got ${JSON.stringify(v.role)}`);
    else out.role = v.role;
  }
  if (v.cpu !== undefined) { const n = num(c, v.cpu, join(path, 'cpu'), 0, 1024, { minExclusive: true }); if (n !== undefined) out.cpu = n; }
  if (v.memoryGi !== undefined) { const n = num(c, v.memoryGi, join(path, 'memoryGi'), 0, 16_384, { minExclusive: true }); if (n !== undefined) out.memoryGi = n; }
  if (v.pods !== undefined) { const n = num(c, v.pods, join(path, 'pods'), 1, 10_000, { integer: true }); if (n !== undefined) out.pods = n; }
  if (v.labels !== undefined) { const l = labels(c, v.labels, join(path, 'labels')); if (l) out.labels = l; }
  if (v.taints !== undefined) {
    const tp = join(path, 'taints');
    if (!Array.isArray(v.taints)) c.fail(tp, `must be an array, got ${describe(v.taints)}`);
    else if (v.taints.length > LIMITS.taints) c.fail(tp, `must have at most ${LIMITS.taints} taints, got ${v.taints.length}`);
    else {
      out.taints = [];
      v.taints.forEach((t: unknown, i) => {
        const p = `${tp}[${i}]`;
        if (!isObject(t)) { c.fail(p, `must be an object, got ${describe(t)}`); return; }
        onlyKnown(c, t, p, ['key', 'value', 'effect']);
        const key = str(c, t.key, join(p, 'key'), 316);
        if (key !== undefined && !labelKey(key)) c.fail(join(p, 'key'), 'must be a valid label key');
        const value = t.value === undefined ? undefined : str(c, t.value, join(p, 'value'), 63);
        if (!EFFECTS.includes(t.effect as (typeof EFFECTS)[number])) c.fail(join(p, 'effect'), `must be one of ${EFFECTS.join(', ')}, got ${JSON.stringify(t.effect)}`);
        if (key !== undefined) out.taints!.push({ key, ...(value !== undefined ? { value } : {}), effect: t.effect as (typeof EFFECTS)[number] });
      });
    }
  }
  return out;
}

function action(c: Checker, v: unknown, path: string, nodeNames: ReadonlySet<string>): TimedAction | undefined {
  if (!isObject(v)) return c.fail(path, `must be an object, got ${describe(v)}`);
  const at = num(c, v.at, join(path, 'at'), 0, LIMITS.atMax);
  if (v.kind === 'apply') {
    onlyKnown(c, v, path, ['at', 'kind', 'yaml']);
    const yaml = str(c, v.yaml, join(path, 'yaml'), LIMITS.yamlChars, { nonEmpty: true });
    return at === undefined || yaml === undefined ? undefined : { at, kind: 'apply', yaml };
  }
  if (v.kind === 'exec') {
    onlyKnown(c, v, path, ['at', 'kind', 'line', 'node', 'repeat']);
    const line = str(c, v.line, join(path, 'line'), LIMITS.lineChars, { nonEmpty: true });
    if (line !== undefined && /[\r\n]/.test(line)) c.fail(join(path, 'line'), 'must be one line');
    let nodeName: string | undefined;
    if (v.node !== undefined) {
      nodeName = dnsSubdomain(c, v.node, join(path, 'node'));
      if (nodeName !== undefined && !nodeNames.has(nodeName)) c.fail(join(path, 'node'), `no node named ${JSON.stringify(nodeName)} in nodes`);
    }
    let repeat: { every: number; count: number } | undefined;
    if (v.repeat !== undefined) {
      const rp = join(path, 'repeat');
      if (!isObject(v.repeat)) c.fail(rp, `must be an object, got ${describe(v.repeat)}`);
      else {
        onlyKnown(c, v.repeat, rp, ['every', 'count']);
        const every = num(c, v.repeat.every, join(rp, 'every'), LIMITS.everyMin, LIMITS.atMax);
        const count = num(c, v.repeat.count, join(rp, 'count'), 1, LIMITS.repeatCount, { integer: true });
        if (every !== undefined && count !== undefined) {
          repeat = { every, count };
          if (at !== undefined && at + every * (count - 1) > LIMITS.atMax) c.fail(rp, `the last repetition must be at most ${LIMITS.atMax} s (30 days)`);
        }
      }
    }
    if (at === undefined || line === undefined) return undefined;
    return { at, kind: 'exec', line, ...(nodeName !== undefined ? { node: nodeName } : {}), ...(repeat ? { repeat } : {}) };
  }
  c.fail(join(path, 'kind'), `must be "apply" or "exec", got ${v.kind === undefined ? 'nothing' : JSON.stringify(v.kind)}`);
  return undefined;
}

function view(c: Checker, v: unknown, path: string): ScenarioView | undefined {
  if (!isObject(v)) return c.fail(path, `must be an object, got ${describe(v)}`);
  onlyKnown(c, v, path, ['t', 'speed', 'autoplay', 'selection', 'namespace']);
  const out: ScenarioView = {};
  if (v.t !== undefined) { const t = num(c, v.t, join(path, 't'), 0, LIMITS.atMax); if (t !== undefined) out.t = t; }
  if (v.speed !== undefined) { const s = num(c, v.speed, join(path, 'speed'), LIMITS.speedMin, LIMITS.speedMax); if (s !== undefined) out.speed = s; }
  if (v.autoplay !== undefined) {
    if (typeof v.autoplay !== 'boolean') c.fail(join(path, 'autoplay'), `must be true or false, got ${describe(v.autoplay)}`);
    else out.autoplay = v.autoplay;
  }
  if (v.selection !== undefined) { const s = str(c, v.selection, join(path, 'selection'), 512); if (s !== undefined) out.selection = s; }
  if (v.namespace !== undefined) {
    const s = str(c, v.namespace, join(path, 'namespace'), 63);
    if (s !== undefined && !DNS1123_LABEL_RE.test(s)) c.fail(join(path, 'namespace'), `must be a valid namespace name, got ${JSON.stringify(s)}`);
    else if (s !== undefined) out.namespace = s;
  }
  return out;
}

/**
 * Checks untrusted data and returns a fresh Scenario built only from checked values, actions
 * sorted by `at` (stable). Throws ScenarioError naming every problem (up to 20) by path.
 * `source` words the version message (`this link was made by a newer Kubeplay ...`).
 */
export function parseScenario(data: unknown, source: 'link' | 'file' | 'saved scenario' = 'link'): Scenario {
  const c = new Checker();
  if (!isObject(data)) throw new ScenarioError([`(root): must be an object, got ${describe(data)}`]);
  // The version first: a newer scenario may have fields this reader does not know, and the
  // honest message is "update", not a list of unknown fields.
  const version = data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > SCENARIO_VERSION) {
    throw new ScenarioError([`this ${source} was made by a newer Kubeplay (scenario version ${version}; this page reads version ${SCENARIO_VERSION})`]);
  }
  if (version !== SCENARIO_VERSION) c.fail('version', `must be ${SCENARIO_VERSION}, got ${JSON.stringify(version) ?? 'nothing'}`);
  onlyKnown(c, data, '', ['version', 'title', 'seed', 'nodes', 'actions', 'view']);
  const title = str(c, data.title, 'title', LIMITS.titleChars);
  const seed = num(c, data.seed, 'seed', 0, 0xffff_ffff, { integer: true });

  let nodes: NodeOptions[] | undefined;
  if (data.nodes !== undefined) {
    if (!Array.isArray(data.nodes)) c.fail('nodes', `must be an array, got ${describe(data.nodes)}`);
    else if (data.nodes.length === 0 || data.nodes.length > LIMITS.nodes) c.fail('nodes', `must have 1 to ${LIMITS.nodes} nodes, got ${data.nodes.length}`);
    else {
      nodes = [];
      const seen = new Set<string>();
      data.nodes.forEach((n: unknown, i) => {
        const parsed = node(c, n, `nodes[${i}]`);
        if (!parsed) return;
        if (seen.has(parsed.name)) c.fail(`nodes[${i}].name`, `duplicate node name ${JSON.stringify(parsed.name)}`);
        seen.add(parsed.name);
        nodes!.push(parsed);
      });
    }
  }
  const nodeNames = new Set((nodes ?? DEFAULT_NODES).map((n) => n.name));

  const actions: TimedAction[] = [];
  if (!Array.isArray(data.actions)) c.fail('actions', `must be an array, got ${describe(data.actions)}`);
  else if (data.actions.length > LIMITS.actions) c.fail('actions', `must have at most ${LIMITS.actions} actions, got ${data.actions.length}`);
  else {
    let yamlChars = 0;
    let execs = 0;
    data.actions.forEach((a: unknown, i) => {
      const parsed = action(c, a, `actions[${i}]`, nodeNames);
      if (!parsed) return;
      if (parsed.kind === 'apply') yamlChars += parsed.yaml.length;
      else execs += parsed.repeat?.count ?? 1;
      actions.push(parsed);
    });
    if (yamlChars > LIMITS.yamlChars) c.fail('actions', `the YAML texts add up to ${yamlChars} characters; at most ${LIMITS.yamlChars} (1 MB)`);
    if (execs > LIMITS.expandedExecs) c.fail('actions', `the commands with their repeats add up to ${execs} runs; at most ${LIMITS.expandedExecs}`);
  }
  const v = data.view === undefined ? undefined : view(c, data.view, 'view');

  if (c.issues.length > 0 || title === undefined || seed === undefined) throw new ScenarioError(c.issues);
  // Array.prototype.sort is stable (ES2019): actions at the same time keep their order.
  actions.sort((a, b) => a.at - b.at);
  return {
    version: SCENARIO_VERSION, title, seed,
    ...(nodes ? { nodes } : {}),
    actions,
    ...(v && Object.keys(v).length > 0 ? { view: v } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Files: YAML or JSON (JSON is YAML).

/** Reads an imported file. Throws ScenarioError with a line and column for YAML syntax errors. */
export function scenarioFromYamlOrJson(text: string): Scenario {
  if (text.length > LIMITS.fileChars) throw new ScenarioError([`the file is larger than ${LIMITS.fileChars / 1_048_576} MB`]);
  // The core schema has no tags that construct anything but plain data; aliases are capped.
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true, merge: false });
  const first = doc.errors[0];
  if (first) throw new ScenarioError([`not valid YAML or JSON: ${first.message.split('\n')[0]!.replace(/:$/, '')}`]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.yamlAliases });
  } catch (err) {
    throw new ScenarioError([`not valid YAML or JSON: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return parseScenario(data, 'file');
}

/** The scenario as YAML, manifests as literal blocks, for a person to read and edit. */
export function scenarioToYaml(scenario: Scenario): string {
  return stringify(minimizeScenario(scenario), { lineWidth: 0, blockQuote: 'literal', aliasDuplicateObjects: false });
}

export function scenarioToJson(scenario: Scenario): string {
  return `${JSON.stringify(minimizeScenario(scenario), null, 2)}\n`;
}

const NODE_DEFAULTS: Partial<Record<keyof NodeOptions, unknown>> = { role: 'worker', cpu: 2, memoryGi: 4, pods: 110 };

function minimizeNode(n: NodeOptions): NodeOptions {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (v === undefined || NODE_DEFAULTS[k as keyof NodeOptions] === v) continue;
    out[k] = v;
  }
  return out as unknown as NodeOptions;
}
const DEFAULT_NODES_JSON = JSON.stringify(DEFAULT_NODES.map(minimizeNode));

/**
 * The same scenario without what a reader would fill in anyway: node fields at their defaults,
 * the default node list itself, an empty view. parseScenario(minimizeScenario(s)) replays as s.
 */
export function minimizeScenario(s: Scenario): Scenario {
  let nodes = s.nodes?.map(minimizeNode);
  if (nodes && JSON.stringify(nodes) === DEFAULT_NODES_JSON) nodes = undefined;
  const view = s.view ? Object.fromEntries(Object.entries(s.view).filter(([, v]) => v !== undefined)) : undefined;
  return {
    version: s.version, title: s.title, seed: s.seed,
    ...(nodes ? { nodes } : {}),
    actions: s.actions.map((a) => (a.kind === 'apply' ? { at: a.at, kind: a.kind, yaml: a.yaml }
      : { at: a.at, kind: a.kind, line: a.line, ...(a.node !== undefined ? { node: a.node } : {}), ...(a.repeat ? { repeat: a.repeat } : {}) })),
    ...(view && Object.keys(view).length > 0 ? { view } : {}),
  };
}
