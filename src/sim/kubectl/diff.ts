/**
 * `kubectl diff -f -` (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go, v1.31): for each object
 * of the stream, the live object (GET) and the object as the server would store it if applied
 * (a server dry-run create when it does not exist, else the client-side apply patch in dry-run)
 * are printed as YAML into two temporary directories, `/tmp/LIVE-<n>` and `/tmp/MERGED-<n>`, one
 * file per object named `<group.>version.Kind.namespace.name`, and `diff -u -N` runs on the two
 * directories. So the output is GNU diff's: for each file that differs, in file-name order, the
 * `diff -u -N …` line, the `---`/`+++` labels with the files' times, and unified hunks with three
 * lines of context. Managed fields are left out (`--show-managed-fields` defaults to false), and
 * the merged object carries what the server would change: the last-applied annotation, and a
 * `generation` one higher when the spec changes.
 *
 * Exit status as kubectl's: 0 no differences, 1 differences, 2 (`CheckDiffErr`: code + 1) an
 * error, and then nothing of the diff is printed (the visit stops at the first error).
 *
 * A diff reads only: the dry runs write nothing, and whatever they draw from the PRNG (a uid, a
 * generated name) is given back, so running it leaves the cluster's future exactly as it was.
 */
import { APIError } from '../api/errors.ts';
import type { ResourceInfo } from '../api/resources.ts';
import { newUid } from '../api/names.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import type { Prng } from '../kernel/prng.ts';
import { EPOCH_MS, formatRFC3339 } from '../kernel/time.ts';
import { annotateLastApplied, readManifests } from './apply.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors } from './errors.ts';
import { flagString, hasFlag, type ParsedFlags } from './flags.ts';
import { toYAML } from './output.ts';

/** Resources whose registries set metadata.generation on create (store.ts keeps the same list). */
const GENERATION_RESOURCES = new Set(['deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs', 'cronjobs', 'endpointslices', 'poddisruptionbudgets']);

export function runDiff(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const fail = (text: string) => {
    out.err(text);
    out.exitCode = 2;
  };
  if (flags.args.length > 0) return fail(`error: Unexpected args: [${flags.args.join(' ')}]\nSee 'kubectl diff -h' for help and examples\n`);
  for (const flag of ['server-side', 'prune', 'selector'] as const) {
    if (hasFlag(flags, flag)) return fail(`error: Kubeplay does not simulate "kubectl diff --${flag}" yet\n`);
  }
  const files = flags.values.get('filename') ?? [];
  // FilenameOptions.RequireFilenameOrKustomize.
  if (files.length === 0) return fail('error: must specify one of -f and -k\n');
  const notStdin = files.find((f) => f !== '-');
  // The playground has no files: only the stream a user pastes (stdin) exists.
  if (notStdin !== undefined) return fail(`error: the path "${notStdin}" does not exist\n`);
  const namespaceFlag = hasFlag(flags, 'namespace') ? flagString(flags, 'namespace') : undefined;
  const { items, errors } = readManifests(ctx, namespaceFlag);
  // The builder's errors come before any object is visited (r.Err()), as does the first failure.
  if (errors.length > 0) return fail(formatErrors([errors[0]]));

  const files_: { name: string; live: string; merged: string }[] = [];
  const rng = ctx.kernel.rng;
  const saved = saveRng(rng);
  try {
    for (const { info, manifest } of items) {
      const meta = manifest.metadata as Record<string, unknown>;
      const name = typeof meta.name === 'string' ? meta.name : '';
      const namespace = info.namespaced ? String(meta.namespace) : undefined;
      const live = name ? ctx.store.get(info, namespace, name) : undefined;
      let merged: KubeObject;
      try {
        merged = live ? ctx.api.replace(info, annotateLastApplied(manifest), 'kubectl', { dryRun: true }).object : dryRunCreate(ctx, info, annotateLastApplied(manifest));
      } catch (err) {
        if (err instanceof APIError) return fail(formatErrors([err]));
        throw err;
      }
      // apply.WarnIfDeleting (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go).
      if (live?.metadata.deletionTimestamp) out.err(`Warning: Detected changes to resource ${live.metadata.name} which is currently being deleted.\n`);
      files_.push({ name: fileName(info, namespace ?? '', name), live: live ? printObject(live) : '', merged: printObject(merged) });
    }
  } finally {
    restoreRng(rng, saved);
  }

  // os.MkdirTemp's names end in a random number: here a hash of the moment and the input, so a
  // diff draws nothing from the cluster's PRNG.
  const liveDir = `/tmp/LIVE-${fnv1a(`LIVE ${ctx.kernel.nowMs} ${ctx.stdin}`)}`;
  const mergedDir = `/tmp/MERGED-${fnv1a(`MERGED ${ctx.kernel.nowMs} ${ctx.stdin}`)}`;
  const stamp = diffTime(EPOCH_MS + ctx.kernel.nowMs);
  // diff reads a directory in name order (strcmp in the C locale); a name given twice is one file, the last written.
  const byName = new Map(files_.map((f) => [f.name, f]));
  let differs = false;
  for (const name of [...byName.keys()].sort(byteOrder)) {
    const f = byName.get(name)!;
    const hunks = unifiedHunks(f.live, f.merged);
    if (hunks === '') continue;
    differs = true;
    out.out(`diff -u -N ${liveDir}/${name} ${mergedDir}/${name}\n--- ${liveDir}/${name}\t${stamp}\n+++ ${mergedDir}/${name}\t${stamp}\n${hunks}`);
  }
  if (differs) out.exitCode = 1;
}

/** A server dry-run create: the registry's fields (uid, creationTimestamp, generation) filled in, nothing stored. */
function dryRunCreate(ctx: KubectlContext, info: ResourceInfo, manifest: Record<string, unknown>): KubeObject {
  const meta = manifest.metadata as Record<string, unknown>;
  if (!meta.name && !meta.generateName) {
    // Builder: a manifest without a name cannot be fetched (resource name may not be empty).
    throw new APIError('BadRequest', 'resource name may not be empty');
  }
  const obj = deepCopy(ctx.api.create(info, manifest, 'kubectl', { dryRun: true }));
  obj.metadata.uid ||= newUid(ctx.kernel.rng);
  obj.metadata.creationTimestamp = ctx.kernel.timestamp();
  if (GENERATION_RESOURCES.has(info.resource)) obj.metadata.generation = 1;
  return obj;
}

/** `Name()` of diff.go's InfoObject: `<group.>version.Kind.namespace.name`. */
export function fileName(info: ResourceInfo, namespace: string, name: string): string {
  return `${info.group ? `${info.group}.` : ''}${info.version}.${info.kind}.${namespace}.${name}`;
}

/** diff.go's Printer: sigs.k8s.io/yaml.Marshal of the object, managed fields left out. */
function printObject(obj: KubeObject): string {
  const copy = deepCopy(obj);
  delete (copy.metadata as { managedFields?: unknown }).managedFields;
  return toYAML(copy);
}

/** GNU diff's label time (`%Y-%m-%d %H:%M:%S.%N %z`), in UTC. */
export function diffTime(unixMs: number): string {
  const seconds = formatRFC3339(unixMs).replace('T', ' ').replace('Z', '');
  return `${seconds}.${String(((unixMs % 1000) + 1000) % 1000).padStart(3, '0')}000000 +0000`;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The PRNG's state, to give back what a dry run drew. */
function saveRng(rng: Prng): Record<string, unknown> {
  return { ...(rng as unknown as Record<string, unknown>) };
}

function restoreRng(rng: Prng, saved: Record<string, unknown>): void {
  Object.assign(rng as unknown as Record<string, unknown>, saved);
}

type Op = { kind: ' ' | '-' | '+'; text: string };

/**
 * The hunks of `diff -u` (three lines of context; changes less than seven lines apart share a
 * hunk; in a change, the removed lines come before the added ones), '' when the texts are equal.
 * Both texts end with a newline (YAML does), so "\ No newline at end of file" never arises.
 */
export function unifiedHunks(a: string, b: string, context = 3): string {
  if (a === b) return '';
  const ops = editScript(splitLines(a), splitLines(b));
  const changed = ops.map((op) => op.kind !== ' ');
  let out = '';
  let i = 0;
  while (i < ops.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change
    // that is within 2 * context unchanged lines of the previous one.
    const start = Math.max(0, i - context);
    let end = i;
    let j = i;
    while (j < ops.length) {
      if (changed[j]) {
        end = j;
        j++;
        continue;
      }
      let k = j;
      while (k < ops.length && !changed[k]) k++;
      if (k < ops.length && k - j <= 2 * context) {
        j = k;
        continue;
      }
      break;
    }
    const stop = Math.min(ops.length, end + 1 + context);
    // Line numbers: count the lines of a and b before `start`.
    let aLine = 0;
    let bLine = 0;
    for (let k = 0; k < start; k++) {
      if (ops[k]!.kind !== '+') aLine++;
      if (ops[k]!.kind !== '-') bLine++;
    }
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let k = start; k < stop; k++) {
      const op = ops[k]!;
      if (op.kind !== '+') aCount++;
      if (op.kind !== '-') bCount++;
      body += `${op.kind}${op.text}\n`;
    }
    out += `@@ -${range(aLine, aCount)} +${range(bLine, bCount)} @@\n${body}`;
    i = stop;
  }
  return out;
}

/** A hunk range as GNU diff writes it: `l,n`, just `l` for one line, `l-1,0` for none. */
function range(before: number, count: number): string {
  if (count === 0) return `${before},0`;
  if (count === 1) return `${before + 1}`;
  return `${before + 1},${count}`;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * A shortest edit script (Myers, 1986), then each run of changes reordered removals first, as
 * diff prints them.
 */
function editScript(a: string[], b: string[]): Op[] {
  // Common prefix and suffix first (diff does the same), then Myers on the middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const middle = myers(am, bm);
  const raw: Op[] = [...a.slice(0, pre).map((text) => ({ kind: ' ' as const, text })), ...middle, ...a.slice(a.length - suf).map((text) => ({ kind: ' ' as const, text }))];
  const ops: Op[] = [];
  let k = 0;
  while (k < raw.length) {
    if (raw[k]!.kind === ' ') {
      ops.push(raw[k]!);
      k++;
      continue;
    }
    const removed: Op[] = [];
    const added: Op[] = [];
    while (k < raw.length && raw[k]!.kind !== ' ') {
      (raw[k]!.kind === '-' ? removed : added).push(raw[k]!);
      k++;
    }
    ops.push(...removed, ...added);
  }
  return ops;
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ kind: '+', text }));
  if (m === 0) return a.map((text) => ({ kind: '-', text }));
  const max = n + m;
  const offset = max;
  let v: Int32Array = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  trace.push(v.slice());
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: ' ', text: a[x - 1]! });
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', text: b[y - 1]! });
    else ops.push({ kind: '-', text: a[x - 1]! });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', text: a[x - 1]! });
    x--;
    y--;
  }
  return ops.reverse();
}
