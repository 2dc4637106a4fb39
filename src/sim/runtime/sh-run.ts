/**
 * The shell: runs the AST of `sh-parse.ts` as busybox ash (or bash, for `bash -c`) would, with
 * virtual time. Builtins: `exit`, `:`, `break`, `continue`, `export`, `unset`, `read`, `trap`,
 * `cd`, `pwd`, `exec`, `shift`, `wait`, `set`; everything else is a Program of the image
 * (`userland.ts`). A command that is not there fails as busybox's does: `sh: foo: not found`
 * on stderr, status 127.
 *
 * `cmd &` runs as a job of this shell, stepped whenever virtual time passes in the foreground;
 * `wait` blocks until the jobs end or a trapped signal arrives (then returns 128+N and the trap
 * runs), so `trap 'exit 0' TERM; sleep infinity & wait` ends at once on SIGTERM, as in ash.
 *
 * Pipelines run their stages at the same time, each in a subshell as ash forks them (`sh-pipe.ts`),
 * joined by pipes: a reader waits for data or end of input, a writer to a pipe whose reader has
 * ended dies of SIGPIPE (141), so `tail -f log | grep x` filters as the log grows and `yes | head -3`
 * ends.
 * `trap ACTION SIG` runs ACTION when the current foreground command has finished, as ash does
 * (a trapped SIGTERM during `sleep 600` waits for the sleep).
 *
 * Loops: an iteration that takes no virtual time is charged 1 ms, so `while true; do ...; done`
 * runs at most 1000 iterations per virtual second instead of hanging the agenda.
 */
import { BrokenPipe, lookupProgram, readInput, readLine, resolvePath, Stdin, type Effect, type IO, type ProcContext, type Program } from './proc.ts';
import { ArithError, evalArith } from './sh-arith.ts';
import { globToRegExp, signalNumber, SIGNAL_NAMES } from './sh-glob.ts';
import { parseScript, ShellSyntaxError, type Node, type Redirect, type Word } from './sh-parse.ts';
import { runConcurrently, SIGPIPE_STATUS } from './sh-pipe.ts';
import { test } from './userland.ts';
import { isReadOnly } from './volumes.ts';

/** `bash-prompt`: bash reading a line typed at its prompt (a node shell): errors carry no line number. */
export type ShellFlavour = 'busybox' | 'dash' | 'bash' | 'bash-prompt';

class ExitRequest {
  constructor(readonly status: number) {}
}
class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

type Gen<T> = Generator<Effect, T, void>;

interface Job {
  gen: Gen<number>;
  /** Virtual ms when it next runs (Infinity: until woken). */
  wakeAt: number;
  done: boolean;
  status: number;
  pid: number;
}

/** Applets ash runs as builtins (ash.c builtintab), in the shell's own process rather than forked. */
const ASH_BUILTINS = new Set(['echo', 'printf', 'test', '[', '[[', 'true', 'false', 'kill', 'pwd']);

/** At most this much of a `$(...)`'s output is kept (STYLE.md 9: a limit on every input). */
export const MAX_PIPE_CHARS = 1 << 20;

/** `sh`, `bash`: `-c SCRIPT [ARG0 [ARGS...]]`, a script file from the container's filesystem, or stdin. */
export function shellProgram(flavour: ShellFlavour): Program {
  return function* (argv, io, ctx) {
    const arg0 = argv[0] ?? 'sh';
    let script: string;
    let positional: string[];
    if (argv[1] === '-c') {
      if (argv.length < 3) {
        io.err(`${arg0}: -c requires an argument\n`);
        return 2;
      }
      script = argv[2]!;
      positional = argv.slice(3);
    } else if (argv.length > 1) {
      const content = ctx.fs.get(resolvePath(ctx.cwd, argv[1]!));
      if (content === undefined) {
        io.err(`${arg0}: can't open '${argv[1]}': No such file or directory\n`);
        return 2;
      }
      script = content;
      positional = argv.slice(1);
    } else if (io.in) {
      // `kubectl exec -i POD -- sh` with input, or `echo 'echo hi' | sh`.
      script = yield* readInput(io);
      positional = [arg0];
    } else {
      // An interactive shell reads stdin; a container's stdin is closed unless `stdin: true`,
      // so it reads end-of-file and exits 0 (busybox with no command: `Completed`).
      return 0;
    }
    let ast: Node;
    try {
      ast = parseScript(script);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(`${arg0}: syntax error: ${e.message}\n`);
      return 2;
    }
    return yield* new Shell(flavour, arg0, positional, io, ctx).run(ast);
  };
}

/** Runs a parsed script the way a `sh -c` does. */
export class Shell {
  private readonly vars: Map<string, string>;
  private readonly exported: Set<string>;
  private status = 0;
  private cwd: string;
  private readonly traps = new Map<number, string>();
  private readonly pending: number[] = [];
  private errexit = false;
  private inCondition = 0;
  /** Asynchronous lists (`cmd &`): stepped whenever virtual time passes in the foreground. */
  private readonly jobs: Job[] = [];
  private lastJobPid = 0;
  /** Wakes a `wait` blocked on the jobs when a trapped signal arrives. */
  private wakeWait: (() => void) | undefined;

  constructor(
    private readonly flavour: ShellFlavour,
    private readonly arg0: string,
    private positional: string[],
    private readonly io: IO,
    private readonly ctx: ProcContext,
    vars?: Map<string, string>,
  ) {
    this.vars = new Map(vars ?? ctx.env);
    this.exported = new Set(ctx.env.keys());
    this.cwd = ctx.cwd;
  }

  /**
   * The command ash runs with EV_EXIT: the last simple command of a `-c` string (bash: only a
   * string of one command). Without traps it is exec'd in place of the shell, so `ps` shows it as
   * the shell's PID.
   */
  private execTail: Node | undefined;

  *run(ast: Node, top = true): Gen<number> {
    if (top && ast.type === 'list') {
      const last = ast.items[ast.items.length - 1];
      if (last?.type === 'simple' && (this.flavour === 'busybox' || this.flavour === 'dash' || ast.items.length === 1)) this.execTail = last;
    }
    let status: number;
    try {
      status = yield* this.exec(ast, this.io);
    } catch (e) {
      if (e instanceof ExitRequest) status = e.status;
      else if (e instanceof LoopControl) status = 0;
      else throw e;
    }
    const onExit = this.traps.get(0);
    if (onExit !== undefined) {
      this.traps.delete(0);
      try {
        yield* this.runSource(onExit, this.io);
      } catch (e) {
        if (e instanceof ExitRequest) return e.status;
        throw e;
      }
    }
    return status;
  }

  private *exec(node: Node, io: IO): Gen<number> {
    switch (node.type) {
      case 'list': {
        for (const item of node.items) {
          const s = yield* this.exec(item, io);
          // set -e: a failing command outside a condition ends the shell.
          if (this.errexit && s !== 0 && this.inCondition === 0 && item.type !== 'not') throw new ExitRequest(s);
        }
        return this.status;
      }
      case 'andOr': {
        // set -e does not apply to a command of an && / || list (the list's status is checked as a whole).
        let s = yield* this.condition(node.first, io);
        for (const { op, node: next } of node.rest) {
          if ((op === '&&') === (s === 0)) s = yield* this.condition(next, io);
        }
        return this.set(s);
      }
      case 'not':
        return this.set((yield* this.condition(node.node, io)) === 0 ? 1 : 0);
      case 'if': {
        for (const clause of node.clauses) {
          if ((yield* this.condition(clause.cond, io)) === 0) return yield* this.exec(clause.body, io);
        }
        return this.set(node.otherwise ? yield* this.exec(node.otherwise, io) : 0);
      }
      case 'loop': {
        let last = 0;
        for (;;) {
          const startMs = this.ctx.nowMs();
          const cond = yield* this.condition(node.cond, io);
          if ((cond === 0) === node.until) break;
          const control = yield* this.loopBody(node.body, io);
          last = this.status;
          if (control === 'break') break;
          if (this.ctx.nowMs() === startMs) {
            // A busy iteration: the 1 ms it lasts is spent on the CPU (`ps` TIME).
            this.ctx.chargeCpu?.(1);
            yield* this.await({ kind: 'sleep', ms: 1 });
          }
        }
        return this.set(last);
      }
      case 'for': {
        const items: string[] = [];
        for (const w of node.items) items.push(...(yield* this.expand(w, io)));
        let last = 0;
        for (const item of items) {
          this.vars.set(node.name, item);
          const control = yield* this.loopBody(node.body, io);
          last = this.status;
          if (control === 'break') break;
        }
        return this.set(last);
      }
      case 'case': {
        const value = (yield* this.expand(node.word, io, false)).join(' ');
        for (const arm of node.arms) {
          for (const p of arm.patterns) {
            if (globToRegExp(yield* this.patternParts(p, io)).test(value)) return yield* this.exec(arm.body, io);
          }
        }
        return this.set(0);
      }
      case 'pipe': {
        // ash's evalpipe: every stage is a forked subshell, all running at once, joined by pipes;
        // the pipeline ends when all have ended, with the last stage's status.
        const n = node.stages.length;
        const pipes = Array.from({ length: n - 1 }, () => Stdin.pipe());
        const gens = node.stages.map((stage, i) => {
          const toPipe = pipes[i];
          const stageIO: IO = { out: toPipe ? (t) => toPipe.write(t) : io.out, err: io.err };
          const pipeOut = toPipe ?? io.pipe;
          if (pipeOut) stageIO.pipe = pipeOut;
          if (io.terminal && !toPipe) stageIO.terminal = true;
          const input = i === 0 ? io.in : pipes[i - 1];
          if (input) stageIO.in = input;
          return this.subshell(stageIO).run(stage, false);
        });
        // A stage that ends closes its ends: the next reader sees end of input, the previous writer SIGPIPE.
        const run = runConcurrently(gens, () => this.ctx.nowMs(), (i) => {
          pipes[i]?.closeWrite();
          if (i > 0) pipes[i - 1]!.closeRead();
        });
        for (;;) {
          const r = run.next();
          if (r.done) return this.set(r.value[n - 1]!);
          yield* this.await(r.value);
        }
      }
      case 'redir': {
        const redirected = yield* this.redirect(io, node.redirects);
        if (!redirected) return this.set(1);
        return yield* this.exec(node.node, redirected);
      }
      case 'simple': {
        const s = this.set(yield* this.simple(node, io));
        yield* this.runTraps(io);
        return s;
      }
      case 'bg': {
        const sub = this.subshell(io);
        this.lastJobPid = (this.ctx.pid ?? 1) + (this.jobs.length + 1) * 6;
        const job: Job = { gen: sub.run(node.node, false), wakeAt: 0, done: false, status: 0, pid: this.lastJobPid };
        this.jobs.push(job);
        this.stepJob(job);
        return this.set(0);
      }
    }
  }

  /** A forked copy of this shell (a job, a pipeline stage): its variables are a copy, its signals are not PID 1's. */
  private subshell(io: IO): Shell {
    const sub = new Shell(this.flavour, this.arg0, this.positional, io, { ...this.ctx, cwd: this.cwd, onSignal: () => undefined, setArgv: undefined }, this.vars);
    for (const k of this.exported) sub.exported.add(k);
    return sub;
  }

  /** Runs a job until it waits; a job that waits on a wake-up is woken at once (approximation). */
  private stepJob(job: Job): void {
    const now = this.ctx.nowMs();
    while (!job.done && job.wakeAt <= now) {
      const r = job.gen.next();
      if (r.done) {
        job.done = true;
        job.status = r.value;
        this.wakeWait?.();
      } else if (r.value.kind === 'sleep') job.wakeAt = now + r.value.ms;
      else if (r.value.kind === 'forever') job.wakeAt = Infinity;
      else {
        job.wakeAt = r.value.timeoutMs === undefined ? Infinity : now + r.value.timeoutMs;
        r.value.register(() => { job.wakeAt = this.ctx.nowMs(); this.wakeWait?.(); });
      }
    }
  }

  private nextJobWake(): number {
    let next = Infinity;
    for (const j of this.jobs) if (!j.done) next = Math.min(next, j.wakeAt);
    return next;
  }

  /** Yields what the foreground waits for, stepping the background jobs that fall due meanwhile. */
  private *await(effect: Effect): Gen<void> {
    if (!this.jobs.some((j) => !j.done)) {
      yield effect;
      return;
    }
    const now0 = this.ctx.nowMs();
    const target = effect.kind === 'sleep' ? now0 + effect.ms : effect.kind === 'wait' && effect.timeoutMs !== undefined ? now0 + effect.timeoutMs : Infinity;
    // A foreground `wait` (a pipe read, a pipeline) ends when its own wake-up comes, while the jobs keep running.
    let woken = false;
    if (effect.kind === 'wait') effect.register(() => { woken = true; this.wakeWait?.(); });
    for (;;) {
      const now = this.ctx.nowMs();
      if (woken || now >= target) return;
      const next = Math.min(target, this.nextJobWake());
      if (next === Infinity && effect.kind === 'forever') {
        yield effect;
        return;
      }
      if (next > now) yield { kind: 'wait', register: (w) => { this.wakeWait = w; }, ...(next === Infinity ? {} : { timeoutMs: next - now }) };
      this.wakeWait = undefined;
      for (const j of this.jobs) this.stepJob(j);
    }
  }

  /** `wait`: until every job ends (status of the last), or a trapped signal arrives (128+N, then the trap runs). */
  private *waitJobs(): Gen<number> {
    for (;;) {
      if (this.pending.length > 0) return 128 + this.pending[0]!;
      const live = this.jobs.filter((j) => !j.done);
      if (live.length === 0) return this.jobs[this.jobs.length - 1]?.status ?? 0;
      const now = this.ctx.nowMs();
      const next = this.nextJobWake();
      yield { kind: 'wait', register: (w) => { this.wakeWait = w; }, ...(next === Infinity ? {} : { timeoutMs: Math.max(0, next - now) }) };
      this.wakeWait = undefined;
      for (const j of this.jobs) this.stepJob(j);
    }
  }

  /** A command whose status is tested (`if`, `while`, `!`): set -e does not apply inside. */
  private *condition(node: Node, io: IO): Gen<number> {
    this.inCondition++;
    try {
      return yield* this.exec(node, io);
    } finally {
      this.inCondition--;
    }
  }

  private *loopBody(body: Node, io: IO): Gen<'break' | 'continue' | undefined> {
    try {
      yield* this.exec(body, io);
      return undefined;
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (--e.levels > 0) throw e;
      return e.kind;
    }
  }

  /** Trapped signals that arrived while the last command ran: their actions, in arrival order. */
  private *runTraps(io: IO): Gen<void> {
    while (this.pending.length > 0) {
      const sig = this.pending.shift()!;
      const action = this.traps.get(sig);
      if (action === undefined) continue;
      const saved = this.status;
      yield* this.runSource(action, io);
      this.status = saved;
    }
  }

  private *runSource(source: string, io: IO): Gen<number> {
    let ast: Node;
    try {
      ast = parseScript(source);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(`${this.arg0}: syntax error: ${e.message}\n`);
      return 2;
    }
    return yield* this.exec(ast, io);
  }

  private *simple(node: Extract<Node, { type: 'simple' }>, parentIO: IO): Gen<number> {
    this.substStatus = undefined;
    const fields: string[] = [];
    for (const w of node.words) fields.push(...(yield* this.expand(w, parentIO)));
    const values: [string, string][] = [];
    for (const a of node.assigns) values.push([a.name, (yield* this.expand(a.value, parentIO, false)).join(' ')]);
    const io = yield* this.redirect(parentIO, node.redirects);
    if (!io) return 1;
    if (fields.length === 0) {
      for (const [k, v] of values) this.vars.set(k, v);
      return this.substStatus ?? 0;
    }
    const [name, ...args] = fields as [string, ...string[]];
    const builtin = yield* this.builtin(name, args, io);
    if (builtin !== undefined) return builtin;
    if (node === this.execTail && this.traps.size === 0 && lookupProgram(this.ctx, name)) this.ctx.setArgv?.([name, ...args]);
    return yield* this.runProgram(name, args, values, io, node.line);
  }

  /** Status of the last command substitution of the current simple command (`x=$(false)` → 1). */
  private substStatus: number | undefined;

  private *runProgram(name: string, args: string[], values: [string, string][], io: IO, line: number): Gen<number> {
    const program = lookupProgram(this.ctx, name);
    if (!program) {
      const text = {
        busybox: `${this.arg0}: ${name}: not found`,
        dash: `${this.arg0}: ${line}: ${name}: not found`,
        bash: `${this.arg0}: line ${line}: ${name}: command not found`,
        'bash-prompt': `${this.arg0}: ${name}: command not found`,
      }[this.flavour];
      io.err(text + '\n');
      return 127;
    }
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (this.exported.has(k)) env.set(k, v);
    for (const [k, v] of values) env.set(k, v);
    const proc = program([name, ...args], io, { ...this.ctx, env, cwd: this.cwd });
    for (;;) {
      let r: IteratorResult<Effect, number>;
      try {
        r = proc.next();
      } catch (e) {
        // SIGPIPE kills the process that wrote: a forked applet dies alone (141) and the script goes
        // on; ash's own builtins write from the shell's process, so it takes the (sub)shell with it.
        if (!(e instanceof BrokenPipe) || ASH_BUILTINS.has(name)) throw e;
        return SIGPIPE_STATUS;
      }
      if (r.done) return r.value;
      yield* this.await(r.value);
    }
  }

  /** The shell's own commands; undefined when `name` is not one. */
  private *builtin(name: string, args: string[], io: IO): Gen<number | undefined> {
    switch (name) {
      case ':':
        return 0;
      case '[[':
        // bash's `[[` is a keyword (here: the test it reads as); dash has none; ash runs busybox's.
        if (this.flavour !== 'bash' && this.flavour !== 'bash-prompt') return undefined;
        return yield* test(['[[', ...args], io, { ...this.ctx, cwd: this.cwd });
      case 'exit': {
        const arg = args[0];
        if (arg !== undefined && !/^\d+$/.test(arg)) {
          io.err(`${this.arg0}: exit: Illegal number: ${arg}\n`);
          throw new ExitRequest(2);
        }
        throw new ExitRequest(arg === undefined ? this.status : Number(arg) & 255);
      }
      case 'break':
      case 'continue':
        throw new LoopControl(name, Math.max(1, Number(args[0] ?? 1) || 1));
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=');
          const key = eq > 0 ? a.slice(0, eq) : a;
          if (eq > 0) this.vars.set(key, a.slice(eq + 1));
          this.exported.add(key);
        }
        return 0;
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return 0;
      case 'read': {
        const names = args.filter((a) => !a.startsWith('-'));
        // Waits for a whole line on a pipe (`tail -f f | while read l; do ...; done`).
        const line = yield* readLine(io);
        if (line === undefined) return 1;
        const parts = line.trim().split(/[ \t]+/);
        names.forEach((n, i) => this.vars.set(n, i === names.length - 1 ? parts.slice(i).join(' ') : (parts[i] ?? '')));
        if (names.length === 0) this.vars.set('REPLY', line);
        return 0;
      }
      case 'trap':
        return this.trap(args, io);
      case 'cd': {
        const target = resolvePath(this.cwd, args[0] ?? this.vars.get('HOME') ?? '/');
        const isDir = target === '/' || [...this.ctx.fs.keys()].some((k) => k.startsWith(target + '/'));
        if (!isDir) {
          io.err(`${this.arg0}: cd: can't cd to ${args[0]}: No such file or directory\n`);
          return 2;
        }
        this.cwd = target;
        return 0;
      }
      case 'pwd':
        io.out(this.cwd + '\n');
        return 0;
      case 'shift': {
        const n = Number(args[0] ?? 1);
        this.positional = [this.positional[0] ?? this.arg0, ...this.positional.slice(1 + n)];
        return 0;
      }
      case 'wait':
        return yield* this.waitJobs();
      case 'kill': {
        // ash's kill is a builtin: it can signal its own jobs, which exist only inside this shell here.
        const pids = args.filter((a) => /^\d+$/.test(a)).map(Number);
        const targets = pids.map((p) => this.jobs.find((j) => j.pid === p && !j.done));
        if (pids.length === 0 || targets.some((t) => t === undefined)) return undefined;
        const spec = args.find((a) => a.startsWith('-') && a !== '--');
        const sig = spec === undefined ? 15 : (signalNumber(spec.replace(/^-s?/, '')) ?? 15);
        for (const t of targets) {
          t!.done = true;
          t!.status = 128 + sig;
          t!.gen.return(128 + sig);
        }
        this.wakeWait?.();
        return 0;
      }
      case 'set':
        for (const a of args) {
          if (/^-[a-z]*e/.test(a)) this.errexit = true;
          if (/^\+[a-z]*e/.test(a)) this.errexit = false;
        }
        return 0;
      case 'exec': {
        if (args.length === 0) return 0;
        const [cmd, ...rest] = args as [string, ...string[]];
        throw new ExitRequest(yield* this.runProgram(cmd, rest, [], io, 1));
      }
    }
    return undefined;
  }

  /** `trap [ACTION SIG...]`: ACTION `''` ignores, `-` restores; no arguments lists the traps. */
  private trap(args: string[], io: IO): number {
    if (args.length === 0) {
      for (const [sig, action] of this.traps) io.out(`trap -- '${action}' ${sig === 0 ? 'EXIT' : SIGNAL_NAMES[sig] ?? sig}\n`);
      return 0;
    }
    const [action, ...sigs] = args as [string, ...string[]];
    let status = 0;
    for (const s of sigs) {
      const sig = signalNumber(s);
      if (sig === undefined) {
        io.err(`${this.arg0}: trap: ${s}: invalid signal specification\n`);
        status = 1;
        continue;
      }
      if (action === '-') {
        this.traps.delete(sig);
        if (sig !== 0) this.ctx.onSignal(sig, () => 'ignore');
      } else if (action === '') {
        this.traps.delete(sig);
        if (sig !== 0) this.ctx.onSignal(sig, () => 'ignore');
      } else {
        this.traps.set(sig, action);
        if (sig !== 0) this.ctx.onSignal(sig, () => {
          this.pending.push(sig);
          this.wakeWait?.();
          return 'handled';
        });
      }
    }
    return status;
  }

  private set(status: number): number {
    this.status = status;
    return status;
  }

  /** Applies `<`, `>`, `>>`, `2>`, `2>&1` and `>&2` in order; undefined (after the error) when a file cannot be opened. */
  private *redirect(io: IO, redirects: Redirect[]): Gen<IO | undefined> {
    let { out, err } = io;
    let input = io.in;
    // Stdout stays a pipe (that `yes` waits on) only while fd 1 is not redirected elsewhere.
    let pipe = io.pipe;
    for (const r of redirects) {
      if (r.mode === 'dup') {
        if (r.fd === 2) err = out;
        else {
          out = err;
          pipe = undefined;
        }
        continue;
      }
      const target = (yield* this.expand(r.target!, io, false)).join(' ');
      const path = resolvePath(this.cwd, target);
      const fs = this.ctx.fs;
      if (r.mode === 'read') {
        const content = target === '/dev/null' ? '' : fs.get(path);
        if (content === undefined) {
          io.err(`${this.arg0}: can't open ${target}: no such file\n`);
          return undefined;
        }
        input = new Stdin(content);
        continue;
      }
      let sink: (t: string) => void;
      if (target === '/dev/null') sink = () => {};
      else if (target === '/dev/stdout' || target === '/proc/1/fd/1') sink = out;
      else if (target === '/dev/stderr' || target === '/proc/1/fd/2') sink = err;
      else {
        if (isReadOnly(fs, path)) {
          io.err(`${this.arg0}: can't create ${target}: Read-only file system\n`);
          return undefined;
        }
        if (r.mode === 'truncate' || !fs.has(path)) fs.set(path, '');
        sink = (t) => fs.set(path, (fs.get(path) ?? '') + t);
      }
      if (r.fd === 1) {
        if (sink !== out) pipe = undefined;
        out = sink;
      } else err = sink;
    }
    const result: IO = { out, err };
    if (input) result.in = input;
    if (pipe) result.pipe = pipe;
    if (io.terminal && out === io.out) result.terminal = true;
    return result;
  }

  /** `$(...)`: runs the commands in a subshell (a copy of the variables), its output without trailing newlines. */
  private *substitute(source: string, io: IO): Gen<string> {
    let captured = '';
    const sub = new Shell(this.flavour, this.arg0, this.positional, { out: (t) => { if (captured.length < MAX_PIPE_CHARS) captured += t; }, err: io.err }, { ...this.ctx, cwd: this.cwd }, this.vars);
    for (const k of this.exported) sub.exported.add(k);
    let ast: Node;
    try {
      ast = parseScript(source);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(`${this.arg0}: syntax error: ${e.message}\n`);
      throw new ExitRequest(2);
    }
    this.substStatus = yield* sub.run(ast, false);
    return captured.replace(/\n+$/, '');
  }

  private arith(expr: string, io: IO): string {
    // math.c reads variables by name; `$x` inside is expanded first, as for any word.
    const text = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9?$#])\}?/g, (_m, n: string) => this.param(n));
    try {
      return String(evalArith(text, (n) => this.vars.get(n) ?? '', (n, v) => this.vars.set(n, v)));
    } catch (e) {
      if (!(e instanceof ArithError)) throw e;
      io.err(`${this.arg0}: ${e.message}\n`);
      throw new ExitRequest(2);
    }
  }

  /** A case pattern: its parts as glob text (unquoted, with expansions) or literal text (quoted). */
  private *patternParts(word: Word, io: IO): Gen<{ text: string; literal: boolean }[]> {
    const parts: { text: string; literal: boolean }[] = [];
    for (const part of word) {
      if (part.quote === 'single') parts.push({ text: part.text, literal: true });
      else parts.push({ text: (yield* this.expand([part], io, false)).join(''), literal: part.quote === 'double' });
    }
    return parts;
  }

  /** Parameter, command and arithmetic expansion and field splitting of one word (no globbing). */
  private *expand(word: Word, io: IO, split = true): Gen<string[]> {
    if (word.length === 1 && word[0]!.quote === 'double' && word[0]!.text === '$@' && !word[0]!.sub) return this.positional.slice(1);
    const fields: string[] = [];
    let current = '';
    let hasContent = false;
    const addValue = (value: string, quoted: boolean) => {
      if (quoted || !split) {
        current += value;
        if (quoted) hasContent = true;
        return;
      }
      const pieces = value.split(/[ \t\n]+/);
      for (let p = 0; p < pieces.length; p++) {
        if (p > 0 && (hasContent || current !== '')) {
          fields.push(current);
          current = '';
          hasContent = false;
        }
        current += pieces[p];
        if (pieces[p] !== '') hasContent = true;
      }
    };
    for (const part of word) {
      if (part.sub) {
        const value = part.sub === 'cmd' ? yield* this.substitute(part.text, io) : this.arith(part.text, io);
        addValue(value, part.quote === 'double');
        continue;
      }
      if (part.quote === 'single') {
        current += part.text;
        hasContent = true;
        continue;
      }
      if (part.quote === 'double') hasContent = true;
      const text = part.text;
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        if (c === '\\' && text[i + 1] === '$' && part.quote === 'double') {
          current += '$';
          i++;
          hasContent = true;
          continue;
        }
        const m = c === '$' ? /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*|[0-9?$#])(?:(:?[-=+?])([^}]*))?\}|\{#([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!]))/.exec(text.slice(i)) : null;
        if (!m) {
          current += c;
          hasContent = true;
          continue;
        }
        i += m[0].length - 1;
        let value: string;
        if (m[4] !== undefined) value = String(this.param(m[4]).length);
        else {
          const name = m[1] ?? m[5]!;
          value = this.param(name);
          const op = m[2];
          if (op !== undefined) {
            const unset = op.startsWith(':') ? value === '' : !this.vars.has(name) && !/^[0-9?$#]$/.test(name);
            const word = m[3]!;
            if (op.endsWith('-') && unset) value = word;
            else if (op.endsWith('=') && unset) {
              value = word;
              this.vars.set(name, word);
            } else if (op.endsWith('+')) value = unset ? '' : word;
            else if (op.endsWith('?') && unset) {
              io.err(`${this.arg0}: ${name}: ${word || 'parameter not set'}\n`);
              throw new ExitRequest(2);
            }
          }
        }
        addValue(value, part.quote === 'double');
      }
    }
    if (hasContent || current !== '') fields.push(current);
    return fields;
  }

  private param(name: string): string {
    switch (name) {
      case '?': return String(this.status);
      case '$': return String(this.ctx.pid ?? 1);
      case '!': return this.lastJobPid ? String(this.lastJobPid) : '';
      case '#': return String(Math.max(0, this.positional.length - 1));
      case '0': return this.positional[0] ?? this.arg0;
      case '@':
      case '*': return this.positional.slice(1).join(' ');
    }
    if (/^[1-9]$/.test(name)) return this.positional[Number(name)] ?? '';
    return this.vars.get(name) ?? '';
  }
}
