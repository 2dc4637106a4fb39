/**
 * "Export for a real cluster": a scenario as files a person can run against kind (or any
 * cluster): the manifests in order, a kind config with the same node shape, and replay.sh,
 * which applies and runs the inputs with `sleep` between them.
 *
 * A scenario may come from someone else's link, so the script must run only what the simulator
 * ran: each command line is split into words as the simulator splits it and every word is
 * re-quoted for bash, so `$(...)`, globs and the like stay literal text; a line with shell
 * operators (which the simulator refuses) becomes a comment. File names are slugs.
 */
import { parseAllDocuments } from 'yaml';
import { tokenize } from '../sim/shell/tokenize.ts';
import { DEFAULT_NODES } from '../sim/cluster/nodes.ts';
import type { NodeOptions } from '../sim/index.ts';
import type { Scenario, TimedAction } from './types.ts';

export interface ExportedFile {
  path: string;
  text: string;
}

/** kind's cluster name; its node containers are `kubeplay-control-plane`, `kubeplay-worker`, `kubeplay-worker2`... */
export const KIND_CLUSTER = 'kubeplay';

export function exportForCluster(scenario: Scenario): ExportedFile[] {
  const nodes = scenario.nodes ?? DEFAULT_NODES;
  const kindNames = kindNodeNames(nodes);
  const controlPlane = nodes.find((n) => n.role === 'control-plane')?.name ?? nodes[0]!.name;
  const applies = scenario.actions.filter((a): a is Extract<TimedAction, { kind: 'apply' }> => a.kind === 'apply');
  const width = Math.max(2, String(applies.length).length);
  const manifests = new Map<TimedAction, string>();
  const files: ExportedFile[] = [];
  applies.forEach((a, i) => {
    const path = `manifests/${String(i + 1).padStart(width, '0')}-${manifestSlug(a.yaml)}.yaml`;
    manifests.set(a, path);
    files.push({ path, text: a.yaml.endsWith('\n') ? a.yaml : `${a.yaml}\n` });
  });
  files.unshift({ path: 'kind-config.yaml', text: kindConfig(nodes) });
  files.push({ path: 'replay.sh', text: replayScript(scenario, nodes, kindNames, controlPlane, manifests) });
  return files;
}

/** kind names node containers by role and order: `<cluster>-control-plane`, `<cluster>-control-plane2`, `<cluster>-worker`, `<cluster>-worker2`. */
export function kindNodeNames(nodes: readonly NodeOptions[]): Map<string, string> {
  const names = new Map<string, string>();
  let cp = 0;
  let w = 0;
  for (const n of nodes) {
    const role = n.role === 'control-plane' ? 'control-plane' : 'worker';
    const k = role === 'control-plane' ? ++cp : ++w;
    names.set(n.name, `${KIND_CLUSTER}-${role}${k === 1 ? '' : k}`);
  }
  return names;
}

/** `deployment-web` from the first object in the YAML; `manifest` when there is none to name it by. */
function manifestSlug(yaml: string): string {
  let kind = '';
  let name = '';
  try {
    const first = parseAllDocuments(yaml);
    const doc = Array.isArray(first) ? first[0] : undefined;
    const obj = doc?.toJS({ maxAliasCount: 100 }) as { kind?: unknown; metadata?: { name?: unknown } } | undefined;
    if (typeof obj?.kind === 'string') kind = obj.kind;
    if (typeof obj?.metadata?.name === 'string') name = obj.metadata.name;
  } catch {
    // Not YAML: still exported, under a generic name (kubectl will say what is wrong with it).
  }
  const slug = `${kind}-${name}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return slug || 'manifest';
}

function kindConfig(nodes: readonly NodeOptions[]): string {
  const lines = [
    '# kind create cluster --name kubeplay --config kind-config.yaml',
    '# The same node shape as the scenario. kind cannot give nodes their own CPU or memory: each node',
    '# sees the whole machine, so resource requests that are unschedulable here may fit there.',
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    'nodes:',
  ];
  for (const n of nodes) {
    const role = n.role === 'control-plane' ? 'control-plane' : 'worker';
    lines.push(`# ${n.name}`, `- role: ${role}`);
    const labels = Object.entries(n.labels ?? {});
    if (labels.length > 0) {
      lines.push('  labels:');
      for (const [k, v] of labels) lines.push(`    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    }
    if (n.taints && n.taints.length > 0) {
      // Taints are set at join time through kubeadm's nodeRegistration (a control-plane node's
      // list replaces kubeadm's default control-plane taint, as in the scenario).
      const config = role === 'control-plane' ? 'InitConfiguration' : 'JoinConfiguration';
      lines.push('  kubeadmConfigPatches:', '  - |', `    kind: ${config}`, '    nodeRegistration:', '      taints:');
      for (const t of n.taints) {
        lines.push(`      - key: ${JSON.stringify(t.key)}`);
        if (t.value !== undefined) lines.push(`        value: ${JSON.stringify(t.value)}`);
        lines.push(`        effect: ${t.effect}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A word for bash that means exactly `word`: bare when it is plainly safe, single-quoted otherwise. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Seconds as `sleep` takes them: `30`, `0.5`. */
const seconds = (s: number) => String(Math.round(s * 1000) / 1000);

function replayScript(scenario: Scenario, nodes: readonly NodeOptions[], kindNames: Map<string, string>, controlPlane: string, manifests: Map<TimedAction, string>): string {
  const out: string[] = [
    '#!/usr/bin/env bash',
    `# ${oneLine(scenario.title)}: exported from Kubeplay (seed ${scenario.seed}).`,
    '#',
    '# Replays the scenario\'s inputs at their times on a real cluster. A real cluster does not run',
    '# on the simulator\'s clock: image pulls and probes take their own time, and generated names',
    '# (web-555d94684b-xxxxx) differ, so a command naming a generated Pod needs that name changed.',
    '# Read it before running it: these are the commands of whoever made the scenario.',
    '#',
    '# A cluster of the same shape:',
    `#   kind create cluster --name ${KIND_CLUSTER} --config kind-config.yaml`,
    '# kind names its nodes differently:',
    ...nodes.map((n) => `#   ${n.name} -> ${kindNames.get(n.name)}`),
    '',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    '',
  ];
  let nowS = 0;
  let background = false;
  for (const a of scenario.actions) {
    if (a.at > nowS) {
      out.push(`sleep ${seconds(a.at - nowS)}`);
      nowS = a.at;
    }
    out.push(`# t=${seconds(a.at)}s`);
    if (a.kind === 'apply') {
      out.push(`kubectl apply -f ${manifests.get(a)}`);
      continue;
    }
    const command = commandFor(a, kindNames, controlPlane);
    if (command.comment) out.push(`# ${command.comment}`);
    if (!command.line) continue;
    if (a.repeat && a.repeat.count > 1) {
      // A loop in the background, so that the inputs after it keep their times.
      out.push(`for _ in $(seq ${a.repeat.count}); do`, `  ${command.line}`, `  sleep ${seconds(a.repeat.every)}`, 'done &');
      background = true;
    } else {
      out.push(command.line);
    }
  }
  if (background) out.push('', 'wait');
  return `${out.join('\n')}\n`;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

function commandFor(a: Extract<TimedAction, { kind: 'exec' }>, kindNames: Map<string, string>, controlPlane: string): { line?: string; comment?: string } {
  let tokens;
  try {
    tokens = tokenize(a.line);
  } catch {
    return { comment: `not replayed (unterminated quote): ${oneLine(a.line)}` };
  }
  if (tokens.some((t) => t.kind === 'op')) return { comment: `not replayed (shell operators; the simulator runs one command at a time): ${oneLine(a.line)}` };
  const words = tokens.map((t) => t.text);
  if (words.length === 0) return {};
  const node = a.node ?? controlPlane;
  if (words[0] === 'kubectl') {
    // kubectl talks to the API server from anywhere; node names in its arguments are kind's.
    const renamed = words.map((w) => renameNode(w, kindNames));
    const notes: string[] = [];
    if (renamed.some((w, i) => w !== words[i])) notes.push(`node names changed to kind's: ${oneLine(a.line)}`);
    const generated = words.find((w) => GENERATED_POD_NAME.test(w));
    if (generated) notes.push(`${generated} is a name the simulation generated: on your cluster, take one from kubectl get pods`);
    return { line: renamed.map(shellQuote).join(' '), ...(notes.length > 0 ? { comment: notes.join('\n# ') } : {}) };
  }
  // Anything else ran in a node's shell: kind's nodes are containers.
  const container = kindNames.get(node) ?? node;
  return { line: ['docker', 'exec', container, ...words].map(shellQuote).join(' '), comment: `on node ${node} (kind's container ${container})` };
}

/** A ReplicaSet's Pod (`web-555d94684b-4ctkd`: pod-template-hash and 5 random characters) or a Job's or DaemonSet's (`sum-n6rj7`) is not. */
const GENERATED_POD_NAME = /^(pods?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?-(?:[bcdfghjklmnpqrstvwxz2456789]{6,10}-)?[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** `worker-1`, `node/worker-1`, `nodes/worker-1` → kind's name; anything else unchanged. */
function renameNode(word: string, kindNames: Map<string, string>): string {
  const m = /^((?:nodes?|no)\/)?(.*)$/.exec(word)!;
  const kind = kindNames.get(m[2]!);
  return kind ? `${m[1] ?? ''}${kind}` : word;
}
