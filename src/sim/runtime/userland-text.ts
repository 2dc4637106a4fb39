/**
 * Text applets of busybox 1.36 (coreutils/*.c, findutils/grep.c): `grep`, `wc`, `head`,
 * `tail` (with `-f`, polling every second as tail.c's default `-s 1` does), `date` (virtual
 * time; default format `%a %b %e %H:%M:%S %Z %Y`), `printf`, `ls`, `mkdir`, `cat` reading
 * stdin. Reading stdin waits for a pipe's writer (`readLine`, `readSome`): grep, head and cat
 * work line by line or chunk by chunk, wc and tail read to the end. Errors are busybox's texts (`grep: F: No such file or directory`, `tail: can't open
 * 'F': No such file or directory`).
 */
import { EPOCH_MS, formatRFC3339 } from '../kernel/time.ts';
import { readInput, readLine, readSome, resolvePath, StdioBuffer, type Effect, type IO, type ProcContext, type Program } from './proc.ts';
import { isDirectory, isReadOnly } from './volumes.ts';

function instant(run: (argv: string[], io: IO, ctx: ProcContext) => number): Program {
  return function* (argv, io, ctx) {
    yield* [];
    return run(argv, io, ctx);
  };
}

/** Splits `-abc`, `-n 5`, `-n5`, `-5` into flags and values; `valued` names the options taking one. */
function options(args: string[], valued: string): { flags: Set<string>; values: Map<string, string>; operands: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    if (/^-\d+$/.test(a)) { values.set('n', a.slice(1)); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (valued.includes(c)) {
        values.set(c, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
        break;
      }
      flags.add(c);
    }
  }
  operands.push(...args.slice(i));
  return { flags, values, operands };
}

/** The inputs of a filter read whole: its file operands, or stdin (`-` or none) up to its end. */
function* inputs(name: string, operands: string[], io: IO, ctx: ProcContext): Generator<Effect, { label: string; text: string | undefined }[], void> {
  if (operands.length === 0) operands = ['-'];
  const all: { label: string; text: string | undefined }[] = [];
  for (const f of operands) all.push(f === '-' ? { label: '(standard input)', text: yield* readInput(io) } : openFile(name, f, io, ctx));
  return all;
}

/** One file operand, or the error libbb prints when it cannot be opened. */
function openFile(name: string, f: string, io: IO, ctx: ProcContext): { label: string; text: string | undefined } {
  {
    const path = resolvePath(ctx.cwd, f);
    const text = ctx.fs.get(path);
    // libbb: open_or_warn (cat, tail) says `can't open 'F'`, fopen_or_warn (grep, wc, head) just `F`.
    const what = name === 'cat' ? `can't open '${f}'` : f;
    if (text === undefined) io.err(isDirectory(ctx.fs, path) ? `${name}: read error: Is a directory\n` : `${name}: ${what}: No such file or directory\n`);
    return { label: f, text };
  }
}

/** The lines of one input: a file's at once, stdin's as they arrive (undefined: the file cannot be opened). */
function lineSource(name: string, f: string, io: IO, ctx: ProcContext): { label: string; next: () => Generator<Effect, string | undefined, void> } | undefined {
  if (f === '-') return { label: '(standard input)', next: () => readLine(io) };
  const { text } = openFile(name, f, io, ctx);
  if (text === undefined) return undefined;
  const all = lines(text);
  let k = 0;
  return {
    label: f,
    next: function* () {
      yield* [];
      return all[k++];
    },
  };
}

/** Bytes of `text` in UTF-8 (what `wc -c` counts). */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** A POSIX basic regular expression as a JS one: `\(\)\{\}\|` are the operators, `( ) { } | + ?` literal. */
function breToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '\\' && i + 1 < re.length) {
      const d = re[++i]!;
      out += '(){}|+?'.includes(d) ? d : `\\${d}`;
    } else out += '(){}|+?'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

/** grep.c: reads line by line (stdin as it arrives) and prints through stdio (`StdioBuffer`); `-q` exits at the first match. */
export const grep: Program = function* (argv, io, ctx) {
  const { flags, values, operands } = options(argv.slice(1), 'em');
  const pattern = values.get('e') ?? operands.shift();
  if (pattern === undefined) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
    return 2;
  }
  const source = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : flags.has('E') || argv[0] === 'egrep' ? pattern : breToJs(pattern);
  let re: RegExp;
  try {
    re = new RegExp(flags.has('w') ? `\\b(?:${source})\\b` : flags.has('x') ? `^(?:${source})$` : source, flags.has('i') ? 'i' : '');
  } catch {
    io.err(`grep: bad regex '${pattern}'\n`);
    return 2;
  }
  const files = operands.length ? operands : ['-'];
  const prefix = files.length > 1 && !flags.has('h');
  const stdout = new StdioBuffer(io);
  let matched = false;
  let missing = false;
  for (const f of files) {
    const input = lineSource('grep', f, io, ctx);
    if (!input) { missing = true; continue; }
    const { label } = input;
    let count = 0;
    for (let n = 1; ; n++) {
      const line = yield* input.next();
      if (line === undefined) break;
      if (re.test(line) === flags.has('v')) continue;
      count++;
      matched = true;
      if (flags.has('q')) {
        stdout.flush();
        return 0;
      }
      if (flags.has('l')) break;
      if (flags.has('c')) continue;
      stdout.out(`${prefix ? `${label}:` : ''}${flags.has('n') ? `${n}:` : ''}${flags.has('o') ? (re.exec(line)?.[0] ?? line) : line}\n`);
    }
    if (flags.has('c')) stdout.out(`${prefix ? `${label}:` : ''}${count}\n`);
    if (flags.has('l') && count > 0) stdout.out(`${label}\n`);
  }
  stdout.flush();
  if (missing) return 2;
  return matched ? 0 : 1;
};

/** wc.c: counts in `%9u` columns, unpadded when one count of one input is asked for. */
export const wc: Program = function* (argv, io, ctx) {
  const { flags, operands } = options(argv.slice(1), '');
  const want = ['l', 'w', 'c'].filter((f) => flags.has(f) || (f === 'c' && flags.has('m')));
  const kinds = want.length ? want : ['l', 'w', 'c'];
  const files = yield* inputs('wc', operands, io, ctx);
  const totals = [0, 0, 0];
  let status = 0;
  const print = (counts: number[], label: string | undefined) => {
    const cols = kinds.map((k) => counts['lwc'.indexOf(k)]!);
    const single = cols.length === 1 && files.length === 1;
    io.out(cols.map((n) => (single ? String(n) : String(n).padStart(9))).join(' ') + (label === undefined ? '' : ` ${label}`) + '\n');
  };
  for (const { label, text } of files) {
    if (text === undefined) { status = 1; continue; }
    const counts = [(text.match(/\n/g) ?? []).length, text.split(/\s+/).filter((w) => w !== '').length, utf8Length(text)];
    counts.forEach((n, i) => { totals[i]! += n; });
    print(counts, label === '(standard input)' ? undefined : label);
  }
  if (files.length > 1) print(totals, 'total');
  return status;
};

function countArg(values: Map<string, string>, fallback: number): { n: number; fromStart: boolean } | undefined {
  const raw = values.get('n');
  if (raw === undefined) return { n: fallback, fromStart: false };
  const m = /^([+-]?)(\d+)$/.exec(raw);
  if (!m) return undefined;
  return { n: Number(m[2]), fromStart: m[1] === '+' };
}

/** head.c: stops reading after N lines, so `yes | head -3` ends (its writer then dies of SIGPIPE). */
export const head: Program = function* (argv, io, ctx) {
  const { values, operands } = options(argv.slice(1), 'nc');
  const count = countArg(values, 10);
  if (!count) {
    io.err(`head: invalid number '${values.get('n')}'\n`);
    return 1;
  }
  const files = operands.length ? operands : ['-'];
  let status = 0;
  for (let i = 0; i < files.length; i++) {
    const input = lineSource('head', files[i]!, io, ctx);
    if (!input) { status = 1; continue; }
    if (files.length > 1) io.out(`${i > 0 ? '\n' : ''}==> ${input.label} <==\n`);
    for (let k = 0; k < count.n; k++) {
      const line = yield* input.next();
      if (line === undefined) break;
      io.out(line + '\n');
    }
  }
  return status;
};

/** tail.c's default `-s 1`: with `-f`, the file is looked at again every second. */
export const TAIL_FOLLOW_MS = 1000;

export const tail: Program = function* (argv, io, ctx) {
  const { flags, values, operands } = options(argv.slice(1), 'ncs');
  const count = countArg(values, 10);
  if (!count) {
    io.err(`tail: invalid number '${values.get('n')}'\n`);
    return 1;
  }
  const follow = flags.has('f') || flags.has('F');
  const pick = (text: string) => {
    const l = lines(text);
    const shown = count.fromStart ? l.slice(Math.max(0, count.n - 1)) : count.n === 0 ? [] : l.slice(-count.n);
    return shown.map((x) => x + '\n').join('') + (text !== '' && !text.endsWith('\n') && shown.length ? '' : '');
  };
  const names = operands.length ? operands : ['-'];
  const seen = new Map<string, number>();
  let status = 0;
  for (let i = 0; i < names.length; i++) {
    const f = names[i]!;
    const text = f === '-' ? yield* readInput(io) : ctx.fs.get(resolvePath(ctx.cwd, f));
    if (text === undefined) {
      io.err(`tail: can't open '${f}': No such file or directory\n`);
      status = 1;
      if (flags.has('F')) seen.set(f, 0);
      continue;
    }
    if (names.length > 1) io.out(`${i > 0 ? '\n' : ''}==> ${f} <==\n`);
    io.out(pick(text).replace(/\n$/, text.endsWith('\n') ? '\n' : ''));
    seen.set(f, text.length);
  }
  if (!follow || seen.size === 0 || names.every((n) => n === '-')) return status;
  const interval = Math.max(1, Math.round(Number(values.get('s') ?? 1) * 1000)) || TAIL_FOLLOW_MS;
  for (;;) {
    yield { kind: 'sleep', ms: interval };
    for (const [f, size] of seen) {
      const text = ctx.fs.get(resolvePath(ctx.cwd, f)) ?? '';
      if (text.length < size) io.err(`tail: ${f}: file truncated\n`);
      const from = text.length < size ? 0 : size;
      if (text.length > from) io.out(text.slice(from));
      seen.set(f, text.length);
    }
  }
};

/** cat.c: files whole; stdin chunk by chunk as a pipe delivers it (bb_copyfd writes what each read got). */
export const cat: Program = function* (argv, io, ctx) {
  let status = 0;
  const operands = argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  for (const f of operands.length ? operands : ['-']) {
    if (f === '-') {
      for (let chunk = yield* readSome(io); chunk !== undefined; chunk = yield* readSome(io)) io.out(chunk);
      continue;
    }
    const { text } = openFile('cat', f, io, ctx);
    if (text === undefined) status = 1;
    else io.out(text);
  }
  return status;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime for UTC (containers run with TZ unset): the conversions scripts use. */
export function strftime(format: string, unixMs: number): string {
  const iso = formatRFC3339(unixMs);
  const [Y, m, d, H, M, S] = iso.match(/\d+/g)!.map(Number) as [number, number, number, number, number, number];
  const days = Math.floor(unixMs / 86_400_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const conv: Record<string, () => string> = {
    a: () => DAYS[(days + 4) % 7]!, b: () => MONTHS[m - 1]!, h: () => MONTHS[m - 1]!, Y: () => String(Y), y: () => p2(Y % 100),
    m: () => p2(m), d: () => p2(d), e: () => String(d).padStart(2, ' '), H: () => p2(H), M: () => p2(M), S: () => p2(S),
    Z: () => 'UTC', z: () => '+0000', s: () => String(Math.floor(unixMs / 1000)), T: () => `${p2(H)}:${p2(M)}:${p2(S)}`,
    F: () => `${Y}-${p2(m)}-${p2(d)}`, D: () => `${p2(m)}/${p2(d)}/${p2(Y % 100)}`, R: () => `${p2(H)}:${p2(M)}`,
    N: () => String((unixMs % 1000) * 1_000_000).padStart(9, '0'), n: () => '\n', t: () => '\t', '%': () => '%',
    A: () => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][(days + 4) % 7]!,
  };
  return format.replace(/%([a-zA-Z%])/g, (all, c: string) => conv[c]?.() ?? all);
}

export const date: Program = instant((argv, io, ctx) => {
  const args = argv.slice(1).filter((a) => a !== '-u' && a !== '--utc');
  const fmt = args.find((a) => a.startsWith('+'));
  const unknown = args.find((a) => !a.startsWith('+'));
  if (unknown !== undefined) {
    // Setting the clock needs CAP_SYS_TIME, which a container does not have.
    io.err(unknown.startsWith('-') ? `date: unrecognized option: ${unknown.replace(/^-+/, '')}\n` : "date: can't set date: Operation not permitted\n");
    return 1;
  }
  io.out(strftime(fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y', EPOCH_MS + ctx.nowMs()) + '\n');
  return 0;
});

/** printf.c: `%s %d %i %x %o %c %%` and the backslash escapes; the format is reused while arguments remain. */
export const printf: Program = instant((argv, io) => {
  const format = argv[1];
  if (format === undefined) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n');
    return 1;
  }
  const args = argv.slice(2);
  let status = 0;
  const escapes = (s: string) => s.replace(/\\([\\abfnrtv"]|0[0-7]{0,3})/g, (_m, e: string) => ({ '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"' } as Record<string, string>)[e] ?? String.fromCharCode(parseInt(e, 8)));
  let out = '';
  do {
    let used = 0;
    out += escapes(format).replace(/%([-+ #0]*)(\d*)(?:\.(\d+))?([sdicxXo%b])/g, (_m, fl: string, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const arg = args.shift() ?? '';
      used++;
      let s: string;
      if ('dicxXo'.includes(conv) && conv !== 'c') {
        const n = arg === '' ? 0 : Number(arg);
        if (!Number.isFinite(n)) {
          io.err(`printf: invalid number '${arg}'\n`);
          status = 1;
        }
        const v = Math.trunc(Number.isFinite(n) ? n : 0);
        s = conv === 'x' ? v.toString(16) : conv === 'X' ? v.toString(16).toUpperCase() : conv === 'o' ? v.toString(8) : String(v);
      } else if (conv === 'c') s = arg.slice(0, 1);
      else s = conv === 'b' ? escapes(arg) : prec !== undefined ? arg.slice(0, Number(prec)) : arg;
      const w = Number(width || 0);
      return fl.includes('-') ? s.padEnd(w) : s.padStart(w, fl.includes('0') && conv !== 's' ? '0' : ' ');
    });
    if (used === 0) break;
  } while (args.length > 0);
  io.out(out);
  return status;
});

/** `ls [-1aA] [PATH...]`: names one per line, sorted (stdout is not a terminal in a container). */
export const ls: Program = instant((argv, io, ctx) => {
  const { flags, operands } = options(argv.slice(1), '');
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  targets.forEach((t, i) => {
    const path = resolvePath(ctx.cwd, t);
    if (ctx.fs.has(path)) {
      io.out(`${t}\n`);
      return;
    }
    if (!isDirectory(ctx.fs, path)) {
      io.err(`ls: ${t}: No such file or directory\n`);
      status = 1;
      return;
    }
    const prefix = path === '/' ? '/' : path + '/';
    const names = new Set<string>();
    for (const k of ctx.fs.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
    const list = [...(flags.has('a') ? ['.', '..'] : []), ...[...names].filter((n) => flags.has('a') || flags.has('A') || !n.startsWith('.')).sort()];
    if (targets.length > 1) io.out(`${i > 0 ? '\n' : ''}${t}:\n`);
    io.out(list.map((n) => n + '\n').join(''));
  });
  return status;
});

/** Directories exist as the parents of files here, so mkdir leaves a marker file busybox's `ls -a` would not show. */
export const mkdir: Program = instant((argv, io, ctx) => {
  const { flags, operands } = options(argv.slice(1), 'm');
  let status = 0;
  for (const d of operands) {
    const path = resolvePath(ctx.cwd, d);
    if (isReadOnly(ctx.fs, path + '/.keep')) {
      io.err(`mkdir: can't create directory '${d}': Read-only file system\n`);
      status = 1;
      continue;
    }
    if (isDirectory(ctx.fs, path) && !flags.has('p')) {
      io.err(`mkdir: can't create directory '${d}': File exists\n`);
      status = 1;
      continue;
    }
    if (!isDirectory(ctx.fs, path)) ctx.fs.set(`${path}/.keep`, '');
  }
  return status;
});
