/**
 * The commands a generic image ships besides the shell, worded as busybox (v1.36) words its
 * errors, since busybox is what most Kubernetes examples run: `sleep`, `echo`, `true`, `false`,
 * `cat`, `touch`, `rm`, `test`/`[`, `hostname`, `env`/`printenv`. Each is a Program: it may
 * yield (only `sleep` does) and returns its exit status.
 */
import { resolvePath, type IO, type ProcContext, type Program } from './proc.ts';
import { MORE_APPLETS } from './userland-more.ts';
import { httpd, kill, killall, nc, ps } from './userland-proc.ts';
import { cat, date, grep, head, ls, mkdir, printf, tail, wc } from './userland-text.ts';
import { isReadOnly } from './volumes.ts';

/** A command that never waits: runs at once and returns its status. */
function instant(run: (argv: string[], io: IO, ctx: ProcContext) => number): Program {
  return function* (argv, io, ctx) {
    yield* [];
    return run(argv, io, ctx);
  };
}

/** `sleep` operands: seconds, fractions allowed, with busybox's s/m/h/d suffixes; `inf` never ends. */
export function parseSleepSeconds(arg: string): number | undefined {
  if (/^inf(inity)?$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

const sleep: Program = function* (argv, io) {
  if (argv.length < 2) {
    // busybox prints its banner and full usage here; the usage line is enough for a playground.
    io.err('Usage: sleep [N]...\n');
    return 1;
  }
  let seconds = 0;
  for (const a of argv.slice(1)) {
    const s = parseSleepSeconds(a);
    if (s === undefined) {
      io.err(`sleep: invalid number '${a}'\n`);
      return 1;
    }
    seconds += s;
  }
  if (seconds === Infinity) yield { kind: 'forever' };
  else yield { kind: 'sleep', ms: Math.round(seconds * 1000) };
  return 0;
};

/** busybox echo: `-n` drops the newline, `-e` reads backslash escapes (`\c` stops the output), `-E` does not. */
const echo = instant((argv, io) => {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const cut = text.indexOf('\\c');
    if (cut >= 0) {
      text = text.slice(0, cut);
      newline = false;
    }
    text = text.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[\\abefnrtv])/g, (_m, e: string) => {
      if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
      if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
      return ({ '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[e]!;
    });
  }
  io.out(text + (newline ? '\n' : ''));
  return 0;
});

const touch = instant((argv, io, ctx) => {
  let status = 0;
  for (const a of argv.slice(1).filter((a) => !a.startsWith('-'))) {
    const path = resolvePath(ctx.cwd, a);
    if (isReadOnly(ctx.fs, path)) {
      io.err(`touch: ${a}: Read-only file system\n`);
      status = 1;
    } else if (!ctx.fs.has(path)) ctx.fs.set(path, '');
  }
  return status;
});

const rm = instant((argv, io, ctx) => {
  const flags = argv.slice(1).filter((a) => a.startsWith('-') && a !== '-').join('');
  const force = flags.includes('f');
  let status = 0;
  for (const a of argv.slice(1).filter((a) => !a.startsWith('-') || a === '-')) {
    if (isReadOnly(ctx.fs, resolvePath(ctx.cwd, a))) {
      io.err(`rm: can't remove '${a}': Read-only file system\n`);
      status = 1;
    } else if (!ctx.fs.delete(resolvePath(ctx.cwd, a)) && !force) {
      io.err(`rm: can't remove '${a}': No such file or directory\n`);
      status = 1;
    }
  }
  return status;
});

/**
 * `test` / `[` / `[[`: the file, string and integer tests scripts use in probes. busybox builds
 * `[[` too (CONFIG_TEST2, and ash's BASH_TEST2 builtin): the same test, closed by `]]` (test.c),
 * so the docs' `if [[ -e /etc/podinfo/labels ]]` runs in busybox and alpine.
 */
export const test = instant((argv, io, ctx) => {
  let args = argv.slice(1);
  const bracket = argv[0]?.split('/').pop();
  if (bracket === '[' || bracket === '[[') {
    const close = bracket === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      io.err(`${bracket}: missing ${close}\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  let negate = false;
  if (args[0] === '!' && args.length > 1) {
    negate = true;
    args = args.slice(1);
  }
  const exists = (p: string) => ctx.fs.has(resolvePath(ctx.cwd, p));
  const int = (s: string) => (/^-?\d+$/.test(s.trim()) ? Number(s) : undefined);
  let result: boolean;
  const [a = '', op = '', b = ''] = args;
  if (args.length === 0) result = false;
  else if (args.length === 1) result = a !== '';
  else if (args.length === 2) {
    const unary: Record<string, () => boolean> = {
      '-e': () => exists(op), '-f': () => exists(op), '-s': () => (ctx.fs.get(resolvePath(ctx.cwd, op)) ?? '') !== '',
      '-d': () => op === '/' || [...ctx.fs.keys()].some((k) => k.startsWith(resolvePath(ctx.cwd, op) + '/')),
      '-z': () => op === '', '-n': () => op !== '',
    };
    if (!Object.hasOwn(unary, a)) {
      io.err(`test: ${a}: unknown operand\n`);
      return 2;
    }
    result = unary[a]!();
  } else {
    if (op === '=' || op === '==') result = a === b;
    else if (op === '!=') result = a !== b;
    else {
      const x = int(a);
      const y = int(b);
      const cmp: Record<string, (x: number, y: number) => boolean> = {
        '-eq': (x, y) => x === y, '-ne': (x, y) => x !== y, '-lt': (x, y) => x < y, '-le': (x, y) => x <= y, '-gt': (x, y) => x > y, '-ge': (x, y) => x >= y,
      };
      if (!Object.hasOwn(cmp, op)) {
        io.err(`test: ${op}: unknown operand\n`);
        return 2;
      }
      if (x === undefined || y === undefined) {
        io.err(`test: invalid number '${x === undefined ? a : b}'\n`);
        return 2;
      }
      result = cmp[op]!(x, y);
    }
  }
  return result !== negate ? 0 : 1;
});

const hostname = instant((_argv, io, ctx) => {
  io.out(ctx.hostname + '\n');
  return 0;
});

const env = instant((argv, io, ctx) => {
  const names = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (argv[0] === 'printenv' && names.length > 0) {
    let status = 0;
    for (const n of names) {
      const v = ctx.env.get(n);
      if (v === undefined) status = 1;
      else io.out(`${v}\n`);
    }
    return status;
  }
  for (const [k, v] of ctx.env) io.out(`${k}=${v}\n`);
  return 0;
});

const constant = (status: number): Program => instant(() => status);

/** The generic image's commands, by name (the shells are added by `sh-run.ts`). */
export const USERLAND: Record<string, Program> = {
  ...MORE_APPLETS,
  sleep, echo, cat, touch, rm, test, '[': test, '[[': test, hostname, env, printenv: env, true: constant(0), false: constant(1),
  grep, egrep: grep, wc, head, tail, date, printf, ls, mkdir, ps, kill, killall, httpd, nc,
};
