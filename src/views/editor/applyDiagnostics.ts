/**
 * Where in the applied text `kubectl apply`'s errors point: the YAML pane turns each error into
 * a marker on its line. kubectl prints messages, not positions, so the text is read again here:
 * - YAML errors: decodeStream (the very decoder the simulated kubectl uses) gives the absolute
 *   line of the error;
 * - `apiVersion not set` / `kind not set`: the first document missing them;
 * - API errors name an object (`The Pod "p" is invalid`, `cannot be handled as a Deployment`)
 *   and field paths (`spec.containers[0].image: Required value`, `unknown field "spec.foo"`,
 *   `Go struct field DeploymentSpec.spec.replicas`): the path is looked up in that document's
 *   YAML; a missing field points at its closest existing parent.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { decodeStream, splitDocuments } from '../../sim/yaml/decode.ts';

export interface ApplyProblem {
  /** 1-based line in the applied text. */
  line: number;
  /** 1-based columns on that line (end exclusive), when the problem is a field. */
  startColumn: number;
  endColumn: number;
  message: string;
}

interface Chunk {
  startLine: number;
  text: string;
  value: unknown;
}

/** The problems `stderr` reports for `text`, in the order printed. */
export function diagnoseApply(text: string, stderr: string): ApplyProblem[] {
  if (stderr.trim() === '') return [];
  const lines = text.split('\n');
  const wholeLine = (line: number, message: string): ApplyProblem => ({ line, startColumn: 1, endColumn: (lines[line - 1] ?? '').length + 1, message });
  let docs;
  try {
    docs = decodeStream(text);
  } catch {
    return [];
  }
  const problems: ApplyProblem[] = [];

  if (stderr.includes('error converting YAML to JSON')) {
    const bad = docs.find((d) => d.error !== undefined);
    if (bad?.errorLine !== undefined) problems.push(wholeLine(bad.errorLine, bad.error ?? ''));
  }
  const notSet = /error validating data: (\[?(?:apiVersion|kind) not set.*?); if you choose/.exec(stderr);
  if (notSet) {
    const bad = docs.find((d) => {
      const v = d.value as Record<string, unknown> | null | undefined;
      return !v || typeof v !== 'object' || !v['apiVersion'] || !v['kind'];
    });
    if (bad) problems.push(wholeLine(bad.startLine, notSet[1] ?? ''));
  }

  const chunks = splitChunks(text, docs);
  for (const block of errorBlocks(stderr)) {
    const object = /The (\w+) "([^"]+)" is invalid/.exec(block) ?? /(\w+)(?:\.[\w.]+)? "([^"]+)" is invalid/.exec(block);
    const handled = /cannot be handled as an? (\w+)/.exec(block);
    const kind = object?.[1] ?? handled?.[1];
    if (!kind) continue;
    const name = object?.[2];
    for (const { path, message } of fieldErrors(block)) {
      for (const chunk of chunks) {
        const v = chunk.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
        if (!v || v.kind !== kind || (name !== undefined && v.metadata?.name !== name)) continue;
        const at = locate(chunk, path);
        if (!at) continue;
        const lineText = lines[at.line - 1] ?? '';
        problems.push({ line: at.line, startColumn: at.column, endColumn: Math.max(at.column + 1, lineText.length + 1), message });
        break;
      }
    }
  }
  return problems;
}

/** kubectl prints one error per line; an Invalid error's causes follow on `* ` lines. */
function errorBlocks(stderr: string): string[] {
  const blocks: string[] = [];
  for (const line of stderr.split('\n')) {
    if (line.startsWith('* ') && blocks.length > 0) blocks[blocks.length - 1] += `\n${line}`;
    else if (line.trim() !== '') blocks.push(line);
  }
  return blocks;
}

/** The field paths an API error names, each with the message to show on it. */
function fieldErrors(block: string): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const unmarshal = /Go struct field \w+\.(\S+) of type/.exec(block);
  if (unmarshal?.[1]) out.push({ path: unmarshal[1], message: block.replace(/^.*?cannot be handled as an? \w+: /, '') });
  for (const m of block.matchAll(/unknown field "([^"]+)"/g)) out.push({ path: m[1] ?? '', message: `unknown field "${m[1] ?? ''}"` });
  const invalid = /is invalid: (.*)$/m.exec(block);
  if (invalid) {
    const causes = invalid[1]?.trim() ? [invalid[1].trim()] : block.split('\n').filter((l) => l.startsWith('* ')).map((l) => l.slice(2));
    for (const cause of causes) {
      const path = /^([\w.[\]/-]+): /.exec(cause);
      if (path?.[1]) out.push({ path: path[1], message: cause });
    }
  }
  return out;
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image']. */
export function parseFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** The documents as the simulated kubectl splits them, with their decoded values. */
function splitChunks(text: string, docs: ReturnType<typeof decodeStream>): Chunk[] {
  return splitDocuments(text).map((c) => ({ startLine: c.startLine, text: c.text, value: docs.find((d) => d.startLine === c.startLine)?.value }));
}

/** The line and column of the deepest node of `path` that exists in the chunk. */
function locate(chunk: Chunk, path: string): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(chunk.text, { lineCounter, uniqueKeys: false });
  let node: unknown = doc.contents;
  let at: number | undefined = (doc.contents as Node | null)?.range?.[0];
  for (const key of parseFieldPath(path)) {
    let next: Pair | Node | undefined;
    if (isMap(node)) next = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
    else if (isSeq(node) && typeof key === 'number') next = node.items[key] as Node | undefined;
    if (next === undefined) break;
    if (isPair(next)) {
      at = (next.key as Node).range?.[0] ?? at;
      node = next.value;
    } else {
      at = next.range?.[0] ?? at;
      node = next;
    }
  }
  if (at === undefined) return undefined;
  const pos = lineCounter.linePos(at);
  return { line: chunk.startLine + pos.line - 1, column: pos.col };
}
