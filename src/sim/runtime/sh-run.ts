/**
 * The shell: runs the AST of `sh-parse.ts` as busybox ash (or bash, for `bash -c`) would, with
 * virtual time. Builtins: `exit`, `:`, `break`, `continue`, `export`; everything else is a
 * Program of the image (`userland.ts`). A command that is not there fails as busybox's does:
 * `sh: foo: not found` on stderr, status 127.
 *
 * Loops: an iteration that takes no virtual time is charged 1 ms, so `while true; do ...; done`
 * runs at most 1000 iterations per virtual second instead of hanging the agenda.
 */
import { lookupProgram, resolvePath, type Effect, type IO, type ProcContext, type Program } from './proc.ts';
import { parseScript, ShellSyntaxError, type Node, type Redirect, type Word } from './sh-parse.ts';

export type ShellFlavour = 'busybox' | 'bash';

class ExitRequest {
  constructor(readonly status: number) {}
}
class LoopControl {
  constructor(readonly kind: 'break' | 'continue', public levels: number) {}
}

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

/** Runs one command line the way a `sh -c` does; for callers that already hold a parsed tree. */
class Shell {
  private readonly vars: Map<string, string>;
  private status = 0;

  constructor(
    private readonly flavour: ShellFlavour,
    private readonly arg0: string,
    private readonly positional: string[],
    private readonly io: IO,
    private readonly ctx: ProcContext,
  ) {
    this.vars = new Map(ctx.env);
  }

  *run(ast: Node): Generator<Effect, number, void> {
    try {
      return yield* this.exec(ast, this.io);
    } catch (e) {
      if (e instanceof ExitRequest) return e.status;
      if (e instanceof LoopControl) return 0;
      throw e;
    }
  }

  private *exec(node: Node, io: IO): Generator<Effect, number, void> {
    switch (node.type) {
      case 'list': {
        for (const item of node.items) yield* this.exec(item, io);
        return this.status;
      }
      case 'andOr': {
        let s = yield* this.exec(node.first, io);
        for (const { op, node: next } of node.rest) {
          if ((op === '&&') === (s === 0)) s = yield* this.exec(next, io);
        }
        return s;
      }
      case 'not':
        return this.set((yield* this.exec(node.node, io)) === 0 ? 1 : 0);
      case 'if': {
        for (const clause of node.clauses) {
          if ((yield* this.exec(clause.cond, io)) === 0) return yield* this.exec(clause.body, io);
        }
        return this.set(node.otherwise ? yield* this.exec(node.otherwise, io) : 0);
      }
      case 'loop': {
        let last = 0;
        for (;;) {
          const startMs = this.ctx.nowMs();
          const cond = yield* this.exec(node.cond, io);
          if ((cond === 0) === node.until) break;
          const control = yield* this.loopBody(node.body, io);
          last = this.status;
          if (control === 'break') break;
          if (this.ctx.nowMs() === startMs) yield { kind: 'sleep', ms: 1 };
        }
        return this.set(last);
      }
      case 'for': {
        const items = node.items.flatMap((w) => this.expand(w));
        let last = 0;
        for (const item of items) {
          this.vars.set(node.name, item);
          const control = yield* this.loopBody(node.body, io);
          last = this.status;
          if (control === 'break') break;
        }
        return this.set(last);
      }
      case 'simple':
        return this.set(yield* this.simple(node, io));
    }
  }

  private *loopBody(body: Node, io: IO): Generator<Effect, 'break' | 'continue' | undefined, void> {
    try {
      yield* this.exec(body, io);
      return undefined;
    } catch (e) {
      if (!(e instanceof LoopControl)) throw e;
      if (--e.levels > 0) throw e;
      return e.kind;
    }
  }

  private *simple(node: Extract<Node, { type: 'simple' }>, parentIO: IO): Generator<Effect, number, void> {
    const fields = node.words.flatMap((w) => this.expand(w));
    const values = node.assigns.map((a) => [a.name, this.expand(a.value, false).join(' ')] as const);
    const io = this.redirect(parentIO, node.redirects);
    if (fields.length === 0) {
      for (const [k, v] of values) this.vars.set(k, v);
      return 0;
    }
    const [name, ...args] = fields as [string, ...string[]];
    switch (name) {
      case ':':
        return 0;
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
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
    }
    const program = lookupProgram(this.ctx, name);
    if (!program) {
      io.err(this.flavour === 'bash' ? `${this.arg0}: line ${node.line}: ${name}: command not found\n` : `${this.arg0}: ${name}: not found\n`);
      return 127;
    }
    const env = new Map(this.vars);
    for (const [k, v] of values) env.set(k, v);
    return yield* program([name, ...args], io, { ...this.ctx, env });
  }

  private set(status: number): number {
    this.status = status;
    return status;
  }

  /** Applies `>`, `>>`, `2>` and `2>&1` in order, writing files into the container's filesystem. */
  private redirect(io: IO, redirects: Redirect[]): IO {
    let out = io.out;
    let err = io.err;
    for (const r of redirects) {
      let sink: (t: string) => void;
      if (r.mode === 'dup') sink = out;
      else {
        const target = this.expand(r.target!, false).join(' ');
        if (target === '/dev/null') sink = () => {};
        else {
          const path = resolvePath(this.ctx.cwd, target);
          const fs = this.ctx.fs;
          if (r.mode === 'truncate' || !fs.has(path)) fs.set(path, '');
          sink = (t) => fs.set(path, (fs.get(path) ?? '') + t);
        }
      }
      if (r.fd === 1) out = sink;
      else err = sink;
    }
    return { out, err };
  }

  /** Parameter expansion and field splitting of one word (no globbing: no pattern matches a file here). */
  private expand(word: Word, split = true): string[] {
    if (word.length === 1 && word[0]!.quote === 'double' && word[0]!.text === '$@') return [...this.positional];
    const fields: string[] = [];
    let current = '';
    let hasContent = false;
    for (const part of word) {
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
        const m = c === '$' ? /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*]))/.exec(text.slice(i)) : null;
        if (!m) {
          current += c;
          hasContent = true;
          continue;
        }
        i += m[0].length - 1;
        let value = this.param(m[1] ?? m[4]!);
        if (m[2] !== undefined && value === '') value = m[3]!;
        if (part.quote === 'double' || !split) {
          current += value;
          continue;
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
      }
    }
    if (hasContent || current !== '') fields.push(current);
    return fields;
  }

  private param(name: string): string {
    switch (name) {
      case '?': return String(this.status);
      case '$': return '1';
      case '#': return String(Math.max(0, this.positional.length - 1));
      case '0': return this.positional[0] ?? this.arg0;
      case '@':
      case '*': return this.positional.slice(1).join(' ');
    }
    if (/^[1-9]$/.test(name)) return this.positional[Number(name)] ?? '';
    return this.vars.get(name) ?? '';
  }
}
