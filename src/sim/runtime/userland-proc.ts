/**
 * Process and server applets of busybox 1.36: `ps` (procps/ps.c with DESKTOP, as the official
 * image is built: `-o pid,user,time,args`), `kill` and `killall` (procps/kill.c), `httpd`
 * (networking/httpd.c: `-f` foreground, `-p PORT`, `-h HOME`; static files, its 404 page) and
 * `nc` (networking/nc.c: `nc HOST PORT`, `-z`, `-w SEC`, `nc -l -p PORT` serving stdin once).
 * TIME is the CPU time charged to the process (`ProcContext.chargeCpu`: busy loops, not sleeps).
 * Approximations: every process shows user root; PID 1's COMMAND is its argv;
 * `nc` speaks through the pod network's HTTP model, so `nc HOST PORT` sends stdin's request
 * line as a GET and prints the status line and body it gets back.
 */
import { readInput, resolvePath, type Program } from './proc.ts';
import { signalNumber, SIGNAL_NAMES } from './sh-glob.ts';

export const ps: Program = function* (_argv, io, ctx) {
  yield* [];
  const procs = ctx.procs?.list() ?? [{ pid: ctx.pid ?? 1, argv: ['ps'] }];
  io.out('PID   USER     TIME  COMMAND\n');
  for (const p of procs.sort((a, b) => a.pid - b.pid)) io.out(`${String(p.pid).padStart(5)} ${'root'.padEnd(8)} ${psTime(p.cpuMs ?? 0)} ${p.argv.join(' ')}\n`);
  return 0;
};

/** ps.c format_time: utime+stime in whole seconds as `MM:SS`, then `HHhMM`, `DDdHH`, `DDDDd` (5 columns). */
export function psTime(cpuMs: number): string {
  const pad2 = (n: number) => String(n).padStart(2, '0');
  let tt = Math.floor(cpuMs / 1000);
  let ff = tt % 60;
  tt = Math.floor(tt / 60);
  if (tt < 60) return `${String(tt).padStart(2)}:${pad2(ff)}`;
  ff = tt % 60;
  tt = Math.floor(tt / 60);
  if (tt < 24) return `${String(tt).padStart(2)}h${pad2(ff)}`;
  ff = tt % 24;
  tt = Math.floor(tt / 24);
  if (tt < 100) return `${String(tt).padStart(2)}d${pad2(ff)}`;
  return `${String(tt).padStart(4)}d`;
}

/** `-9`, `-KILL`, `-SIGKILL`, `-s KILL`: the signal and the operands after it. */
function parseSignal(args: string[]): { sig: number; rest: string[] } | { bad: string } {
  let sig = 15;
  let rest = args;
  if (rest[0] === '-s' || rest[0] === '-n') {
    const s = signalNumber(rest[1] ?? '');
    if (s === undefined) return { bad: rest[1] ?? '' };
    sig = s;
    rest = rest.slice(2);
  } else if (rest[0]?.startsWith('-') && rest[0] !== '--') {
    const s = signalNumber(rest[0].slice(1));
    if (s === undefined) return { bad: rest[0].slice(1) };
    sig = s;
    rest = rest.slice(1);
  }
  if (rest[0] === '--') rest = rest.slice(1);
  return { sig, rest };
}

export const kill: Program = function* (argv, io, ctx) {
  yield* [];
  const args = argv.slice(1);
  if (args[0] === '-l') {
    io.out(Object.entries(SIGNAL_NAMES).map(([n, name]) => `${n.padStart(2)}) ${name}`).join('\n') + '\n');
    return 0;
  }
  const parsed = parseSignal(args);
  if ('bad' in parsed) {
    io.err(`kill: bad signal name '${parsed.bad}'\n`);
    return 1;
  }
  if (parsed.rest.length === 0) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n');
    return 1;
  }
  let status = 0;
  for (const p of parsed.rest) {
    if (!/^\d+$/.test(p)) {
      io.err(`kill: bad pid '${p}'\n`);
      status = 1;
      continue;
    }
    if (!ctx.procs?.signal(Number(p), parsed.sig)) {
      io.err(`kill: can't kill pid ${p}: No such process\n`);
      status = 1;
    }
  }
  return status;
};

export const killall: Program = function* (argv, io, ctx) {
  yield* [];
  const parsed = parseSignal(argv.slice(1));
  if ('bad' in parsed) {
    io.err(`killall: bad signal name '${parsed.bad}'\n`);
    return 1;
  }
  let status = 0;
  const self = ctx.pid;
  for (const name of parsed.rest) {
    const base = (s: string) => s.slice(s.lastIndexOf('/') + 1);
    const targets = (ctx.procs?.list() ?? []).filter((p) => p.pid !== self && base(p.argv[0] ?? '') === base(name));
    if (targets.length === 0) {
      io.err(`killall: ${name}: no process killed\n`);
      status = 1;
    }
    for (const t of targets) ctx.procs!.signal(t.pid, parsed.sig);
  }
  return status;
};

/** httpd.c's page for a missing file. */
export const HTTPD_404 = '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';
/** How long busybox httpd takes to answer a static file on the pod network. */
const HTTPD_ANSWER_MS = 1;

export const httpd: Program = function* (argv, io, ctx) {
  const args = argv.slice(1);
  let port = 80;
  let home = ctx.cwd;
  let foreground = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-f') foreground = true;
    else if (a === '-p') port = Number((args[++i] ?? '').split(':').pop());
    else if (a === '-h') home = resolvePath(ctx.cwd, args[++i] ?? '.');
    else if (a === '-v' || a === '-vv') continue;
    else if (/^-[fv]+$/.test(a)) foreground ||= a.includes('f');
    else {
      io.err(`httpd: unrecognized option '${a}'\n`);
      return 1;
    }
  }
  // Without -f httpd forks into the background and the command returns at once: as a container's
  // main process, that ends the container (busybox's own warning in the docs).
  if (!foreground) return 0;
  ctx.listen(port, (path) => {
    const clean = resolvePath('/', decodeURIComponent(path.split('?')[0]!));
    const file = resolvePath(home, '.' + clean);
    const body = ctx.fs.get(file) ?? ctx.fs.get(resolvePath(file, 'index.html'));
    return body === undefined ? { status: 404, delayMs: HTTPD_ANSWER_MS, body: HTTPD_404 } : { status: 200, delayMs: HTTPD_ANSWER_MS, body };
  });
  yield { kind: 'forever' };
  return 0;
};

const REASONS: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export const nc: Program = function* (argv, io, ctx) {
  const args = argv.slice(1);
  const flags = new Set<string>();
  const operands: string[] = [];
  let port: string | undefined;
  let waitSec: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-p') port = args[++i];
    else if (a === '-w') waitSec = Number(args[++i]);
    else if (a.startsWith('-')) for (const c of a.slice(1)) flags.add(c);
    else operands.push(a);
  }
  if (flags.has('l')) {
    const listenPort = Number(port ?? operands[operands.length - 1]);
    if (!Number.isInteger(listenPort) || listenPort <= 0) {
      io.err('nc: bad port\n');
      return 1;
    }
    const reply = yield* readInput(io);
    const m = /^HTTP\/1\.[01] (\d{3})[^\n]*\n([\s\S]*?\r?\n)?\r?\n([\s\S]*)$/.exec(reply);
    let served = false;
    let wake: (() => void) | undefined;
    ctx.listen(listenPort, () => {
      served = true;
      wake?.();
      return m ? { status: Number(m[1]), delayMs: 1, body: m[3] ?? '' } : { status: 200, delayMs: 1, body: reply };
    });
    while (!served) yield { kind: 'wait', register: (w) => { wake = w; } };
    return 0;
  }
  const [host, p] = operands;
  if (host === undefined || p === undefined || !/^\d+$/.test(p)) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
    return 1;
  }
  const net = ctx.net;
  const found = net?.lookup(host) ?? { addresses: [], delayMs: 0 };
  if (found.delayMs > 0) yield { kind: 'sleep', ms: found.delayMs };
  const ip = found.addresses[0];
  if (ip === undefined || !net) {
    io.err(`nc: bad address '${host}'\n`);
    return 1;
  }
  const request = yield* readInput(io);
  const path = /^[A-Z]+ (\S+)/.exec(request)?.[1] ?? '/';
  const r = net.httpGet(ip, Number(p), path, waitSec !== undefined ? waitSec * 1000 : 127_000);
  if (r.delayMs > 0) yield { kind: 'sleep', ms: r.delayMs };
  if (r.kind !== 'answer') {
    io.err(`nc: can't connect to remote host (${ip}): ${r.kind === 'refused' ? 'Connection refused' : 'Connection timed out'}\n`);
    return 1;
  }
  if (!flags.has('z') && request !== '') io.out(`HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ''}\r\n\r\n${r.body}`);
  return 0;
};
