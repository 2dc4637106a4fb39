/**
 * Small busybox 1.36 applets scripts reach for: `seq`, `whoami`, `id`, `uname`, `basename`,
 * `dirname`, `tee`, `sort` (`-r -n -u`), `uniq` (`-c`), `tr` (sets and ranges, `-d`), `cut`
 * (`-d -f`, `-c`), `sed` (`s/RE/REPL/[g]` and `-n`/`p`-less scripts of that form only), `uptime`-less
 * identity as root in a container. Every other applet busybox ships exists here too and fails
 * loudly: `sed: this applet is not simulated by Kubeplay`, status 127.
 */
import { drain, readInput, readLine, readSome, resolvePath, StdioBuffer, type Effect, type IO, type ProcContext, type Program } from './proc.ts';

function instant(run: (argv: string[], io: IO, ctx: ProcContext) => number): Program {
  return function* (argv, io, ctx) {
    yield* [];
    return run(argv, io, ctx);
  };
}

/** A program that reads its inputs whole: runs once they are read (stdin: up to its end). */
function whole(name: string, files: (argv: string[]) => string[], run: (argv: string[], io: IO, ctx: ProcContext, text: string) => number, failStatus: number): Program {
  return function* (argv, io, ctx) {
    const text = yield* readInputs(name, files(argv), io, ctx);
    return text === undefined ? failStatus : run(argv, io, ctx, text);
  };
}

function* readInputs(name: string, files: string[], io: IO, ctx: ProcContext): Generator<Effect, string | undefined, void> {
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) return yield* readInput(io);
  let text = '';
  for (const f of files) {
    const t = ctx.fs.get(resolvePath(ctx.cwd, f));
    if (t === undefined) {
      io.err(`${name}: can't open '${f}': No such file or directory\n`);
      return undefined;
    }
    text += t;
  }
  return text;
}

const toLines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
const out = (io: IO, lines: string[]) => io.out(lines.map((l) => l + '\n').join(''));

const seq = instant((argv, io) => {
  const nums = argv.slice(1).map(Number);
  if (nums.length === 0 || nums.some((n) => !Number.isFinite(n))) {
    io.err(nums.length === 0 ? 'Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n' : `seq: invalid number '${argv.find((a, i) => i > 0 && !Number.isFinite(Number(a)))}'\n`);
    return 1;
  }
  const [first, inc, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  const lines: string[] = [];
  for (let v = first; inc > 0 ? v <= last : v >= last; v += inc) {
    lines.push(String(v));
    if (lines.length > 100_000 || inc === 0) break;
  }
  out(io, lines);
  return 0;
});

const whoami = instant((_a, io) => (io.out('root\n'), 0));
const id = instant((_a, io) => (io.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'), 0));
/** The kind node's kernel, as a container sees it. */
const uname = instant((argv, io, ctx) => {
  const a = argv.includes('-a');
  io.out(a ? `Linux ${ctx.hostname} 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024 x86_64 GNU/Linux\n` : argv.includes('-r') ? '6.8.0-45-generic\n' : argv.includes('-m') ? 'x86_64\n' : 'Linux\n');
  return 0;
});
const basename = instant((argv, io) => {
  const p = (argv[1] ?? '').replace(/\/+$/, '');
  let b = p.slice(p.lastIndexOf('/') + 1) || '/';
  if (argv[2] && b.endsWith(argv[2]) && b !== argv[2]) b = b.slice(0, -argv[2].length);
  io.out(b + '\n');
  return 0;
});
const dirname = instant((argv, io) => {
  const p = (argv[1] ?? '').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  io.out((i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)) + '\n');
  return 0;
});
/** tee.c: copies each chunk as it is read, to the files and to stdout. */
const tee: Program = function* (argv, io, ctx) {
  const append = argv.includes('-a');
  const files = argv.slice(1).filter((a) => !a.startsWith('-')).map((f) => resolvePath(ctx.cwd, f));
  for (const path of files) if (!append || !ctx.fs.has(path)) ctx.fs.set(path, '');
  for (let chunk = yield* readSome(io); chunk !== undefined; chunk = yield* readSome(io)) {
    for (const path of files) ctx.fs.set(path, (ctx.fs.get(path) ?? '') + chunk);
    io.out(chunk);
  }
  return 0;
};
const operandsOf = (argv: string[]) => argv.slice(1).filter((a) => !a.startsWith('-'));
const sort = whole('sort', operandsOf, (argv, io, _ctx, text) => {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  let lines = toLines(text);
  lines.sort(flags.includes('n') ? (a, b) => (parseFloat(a) || 0) - (parseFloat(b) || 0) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (flags.includes('r')) lines.reverse();
  if (flags.includes('u')) lines = lines.filter((l, i) => i === 0 || l !== lines[i - 1]);
  out(io, lines);
  return 0;
}, 2);
const uniq = whole('uniq', operandsOf, (argv, io, _ctx, text) => {
  const count = argv.includes('-c');
  const groups: { line: string; n: number }[] = [];
  for (const l of toLines(text)) {
    const last = groups[groups.length - 1];
    if (last && last.line === l) last.n++;
    else groups.push({ line: l, n: 1 });
  }
  out(io, groups.map((g) => (count ? `${String(g.n).padStart(7)} ${g.line}` : g.line)));
  return 0;
}, 1);

/** tr's SET: ranges `a-z` and the escapes `\n` `\t`. */
function expandSet(set: string): string {
  const s = set.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:space:\]/g, ' \t\n');
  let outSet = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) outSet += String.fromCharCode(c);
      i += 2;
    } else outSet += s[i];
  }
  return outSet;
}
/** tr.c: translates each block as read() returns it and writes it at once (no stdio). */
const tr: Program = function* (argv, io) {
  const del = argv[1] === '-d';
  const sets = argv.slice(del ? 2 : 1).filter((a) => !a.startsWith('-') || a.length === 1);
  const a = expandSet(sets[0] ?? '');
  const b = expandSet(sets[1] ?? '');
  for (let text = yield* readSome(io); text !== undefined; text = yield* readSome(io)) {
    let result = '';
    for (const ch of text) {
      const i = a.indexOf(ch);
      if (i < 0) result += ch;
      else if (!del) result += b[Math.min(i, b.length - 1)] ?? ch;
    }
    io.out(result);
  }
  return 0;
};

/** Runs `each` on every line of the inputs (stdin's as they arrive) through stdio's buffer; false when a file is missing. */
function* eachLine(name: string, files: string[], io: IO, ctx: ProcContext, each: (line: string, stdout: StdioBuffer) => void): Generator<Effect, boolean, void> {
  const stdout = new StdioBuffer(io);
  for (const f of files.length ? files : ['-']) {
    if (f === '-') {
      for (let l = yield* readLine(io); l !== undefined; l = yield* readLine(io)) each(l, stdout);
      continue;
    }
    const t = ctx.fs.get(resolvePath(ctx.cwd, f));
    if (t === undefined) {
      io.err(`${name}: can't open '${f}': No such file or directory\n`);
      stdout.flush();
      return false;
    }
    for (const l of toLines(t)) each(l, stdout);
  }
  stdout.flush();
  return true;
}
const cut: Program = function* (argv, io, ctx) {
  let delim = '\t';
  let fields: string | undefined;
  let chars: string | undefined;
  const files: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('-d')) delim = a.length > 2 ? a.slice(2) : (args[++i] ?? '\t');
    else if (a.startsWith('-f')) fields = a.length > 2 ? a.slice(2) : args[++i];
    else if (a.startsWith('-c')) chars = a.length > 2 ? a.slice(2) : args[++i];
    else files.push(a);
  }
  const spec = fields ?? chars;
  if (spec === undefined) {
    io.err('cut: expected a list of bytes, characters, or fields\n');
    return 1;
  }
  const picks = (n: number) => spec.split(',').some((r) => {
    const [lo, hi] = r.includes('-') ? r.split('-').map((x, j) => (x === '' ? (j === 0 ? 1 : Infinity) : Number(x))) as [number, number] : [Number(r), Number(r)];
    return n >= lo && n <= hi;
  });
  const ok = yield* eachLine('cut', files, io, ctx, (l, stdout) => {
    if (chars !== undefined) return stdout.out([...l].filter((_c, i) => picks(i + 1)).join('') + '\n');
    const parts = l.split(delim);
    stdout.out((parts.length === 1 ? l : parts.filter((_p, i) => picks(i + 1)).join(delim)) + '\n');
  });
  return ok ? 0 : 1;
};

/** `sed 's/RE/REPL/[g]'` (and `-e`), with POSIX basic REs read as JS ones: the only form simulated. */
const sed: Program = function* (argv, io, ctx) {
  const args = argv.slice(1).filter((a) => a !== '-e');
  const script = args[0] ?? '';
  const m = /^s(.)(.*?)\1(.*?)\1([gI]*)$/.exec(script);
  if (!m) {
    io.err(`sed: this script is not simulated by Kubeplay (only s/RE/REPL/[g]): ${script}\n`);
    return 127;
  }
  let re: RegExp;
  try {
    re = new RegExp(m[2]!.replace(/\\([(){}|+?])/g, '$1'), (m[4]!.includes('g') ? 'g' : '') + (m[4]!.includes('I') ? 'i' : ''));
  } catch {
    io.err(`sed: bad regex '${m[2]}'\n`);
    return 1;
  }
  const repl = m[3]!.replace(/\\(\d)/g, '$$$1').replace(/&/g, '$$&');
  const ok = yield* eachLine('sed', args.slice(1), io, ctx, (l, stdout) => stdout.out(l.replace(re, repl) + '\n'));
  return ok ? 0 : 2;
};

/** yes.c: prints its line forever; on a pipe it waits while the pipe is full, and dies of SIGPIPE once the reader has gone. */
const yes: Program = function* (argv, io, ctx) {
  const line = (argv.length > 1 ? argv.slice(1).join(' ') : 'y') + '\n';
  // One pipe's worth per step; to the container log it is charged 1 ms per block (the loop rule).
  const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  for (;;) {
    io.out(block);
    if (io.pipe) yield* drain(io);
    else {
      ctx.chargeCpu?.(1);
      yield { kind: 'sleep', ms: 1 };
    }
  }
};

/** Applets of the official busybox image that Kubeplay does not simulate: they fail saying so. */
const NOT_SIMULATED = ['awk', 'xargs', 'find', 'ping', 'ping6', 'traceroute', 'ip', 'ifconfig', 'route', 'netstat', 'arp', 'top', 'free', 'df', 'du', 'mount', 'umount', 'dd', 'vi', 'less', 'more', 'tar', 'gzip', 'gunzip', 'zcat', 'unzip', 'md5sum', 'sha256sum', 'base64', 'od', 'hexdump', 'stat', 'chmod', 'chown', 'cp', 'mv', 'ln', 'readlink', 'realpath', 'find', 'telnet', 'ftpget', 'udhcpc', 'watch', 'timeout', 'nohup', 'nslookup6', 'diff', 'patch', 'bc', 'dc', 'su', 'adduser', 'passwd', 'crond', 'crontab', 'syslogd', 'logger', 'dmesg', 'uptime', 'nproc', 'hwclock', 'rev', 'tac', 'nl', 'fold', 'paste', 'split', 'strings', 'usleep', 'mktemp', 'which', 'stty', 'reset', 'clear'];

function notSimulated(name: string): Program {
  return instant((_argv, io) => {
    io.err(`${name}: this busybox applet is not simulated by Kubeplay\n`);
    return 127;
  });
}

/** `expr A OP B` for the integer and string operators scripts use; prints the value, status 1 when it is 0 or empty. */
const expr = instant((argv, io) => {
  const [a = '', op, b = ''] = argv.slice(1);
  const int = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : undefined);
  let value: string;
  if (op === undefined) value = a;
  else {
    const x = int(a);
    const y = int(b);
    const numeric = x !== undefined && y !== undefined;
    const arith: Record<string, (x: number, y: number) => number> = { '+': (p, q) => p + q, '-': (p, q) => p - q, '*': (p, q) => p * q, '/': (p, q) => Math.trunc(p / q), '%': (p, q) => p % q };
    if (Object.hasOwn(arith, op)) {
      if (!numeric) {
        io.err('expr: non-numeric argument\n');
        return 2;
      }
      if ((op === '/' || op === '%') && y === 0) {
        io.err('expr: division by zero\n');
        return 2;
      }
      value = String(arith[op]!(x, y));
    } else {
      const cmp = numeric ? x - y : a < b ? -1 : a > b ? 1 : 0;
      const ops: Record<string, boolean> = { '=': cmp === 0, '==': cmp === 0, '!=': cmp !== 0, '<': cmp < 0, '<=': cmp <= 0, '>': cmp > 0, '>=': cmp >= 0 };
      if (!Object.hasOwn(ops, op)) {
        io.err('expr: syntax error\n');
        return 2;
      }
      value = ops[op] ? '1' : '0';
    }
  }
  io.out(value + '\n');
  return value === '0' || value === '' ? 1 : 0;
});

export const MORE_APPLETS: Record<string, Program> = {
  ...Object.fromEntries(NOT_SIMULATED.map((n) => [n, notSimulated(n)])),
  seq, whoami, id, uname, basename, dirname, tee, sort, uniq, tr, cut, sed, expr, yes,
};
