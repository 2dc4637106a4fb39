/**
 * The parser of the small POSIX sh the simulated containers run (`sh -c`, `bash -c`, exec
 * probes): lists with `;` and newlines, `&&`, `||`, `!`, pipelines `|`, `while`/`until`/`for`/
 * `if`/`case` compound commands, `{ ...; }` groups, quoting (single, double, backslash),
 * `$VAR`/`${VAR}`/`$?` expansion, `$(...)` and backquote command substitution, `$((...))`
 * arithmetic, `NAME=value` assignments and the redirections `>`, `>>`, `<`, `2>`, `2>>`,
 * `2>&1`, `>&2`. Background jobs and subshells are refused as syntax errors with a message
 * saying so (see README.md): a script that needs them is not simulated.
 */

/**
 * A word: its pieces and how each was quoted (unquoted expansions are split into fields). A
 * part with `sub` holds the source of a command substitution (`cmd`) or of an arithmetic
 * expansion (`arith`) in `text`, expanded when the word is.
 */
export type WordPart = { text: string; quote: 'none' | 'single' | 'double'; sub?: 'cmd' | 'arith' };
export type Word = WordPart[];

export interface Redirect {
  fd: 0 | 1 | 2;
  /** `>` truncates, `>>` appends, `<` reads; `dup` copies the other output (`2>&1`, `>&2`). */
  mode: 'truncate' | 'append' | 'dup' | 'read';
  target?: Word;
}

export type Node =
  | { type: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[]; line: number }
  | { type: 'list'; items: Node[] }
  | { type: 'andOr'; first: Node; rest: { op: '&&' | '||'; node: Node }[] }
  | { type: 'not'; node: Node }
  | { type: 'loop'; until: boolean; cond: Node; body: Node }
  | { type: 'for'; name: string; items: Word[]; body: Node }
  | { type: 'if'; clauses: { cond: Node; body: Node }[]; otherwise?: Node }
  | { type: 'pipe'; stages: Node[] }
  | { type: 'redir'; node: Node; redirects: Redirect[] }
  /** `cmd &`: an asynchronous list. */
  | { type: 'bg'; node: Node }
  | { type: 'case'; word: Word; arms: { patterns: Word[]; body: Node }[] };

export class ShellSyntaxError extends Error {}

type Tok = { kind: 'word'; word: Word; raw: string; line: number } | { kind: 'op'; text: string; line: number };

/** At most this many characters of script are parsed (STYLE.md 9: a limit on every input). */
export const MAX_SCRIPT_CHARS = 64 * 1024;

const OPERATORS = ['&&', '||', '2>&1', '1>&2', '>&2', '2>>', '>>', '2>', '1>', ';;', ';', '\n', '>', '<', '|', '&', '(', ')'];
const UNSUPPORTED: Record<string, string> = {
  '(': 'subshells', ')': 'subshells',
};

/**
 * The end of a `$(...)` (or `$((...))`) starting at `open` (the first `(`): the index of the
 * matching `)`, skipping quotes and nested parentheses.
 */
function matchParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') { i++; continue; }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) break;
      i = end;
      continue;
    }
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new ShellSyntaxError('unterminated $(...)');
}

/** A `$(`, `$((` or backquote at `i`: the part it makes and where it ends; undefined otherwise. */
function substitution(src: string, i: number, quote: 'none' | 'double'): { part: WordPart; end: number } | undefined {
  if (src[i] === '`') {
    let text = '';
    let j = i + 1;
    for (; j < src.length && src[j] !== '`'; j++) {
      if (src[j] === '\\' && '$`\\'.includes(src[j + 1] ?? '')) j++;
      text += src[j];
    }
    if (j >= src.length) throw new ShellSyntaxError('unterminated `...`');
    return { part: { text, quote, sub: 'cmd' }, end: j + 1 };
  }
  if (src[i] !== '$' || src[i + 1] !== '(') return undefined;
  const close = matchParen(src, i + 1);
  if (src[i + 2] === '(' && src[close - 1] === ')') return { part: { text: src.slice(i + 3, close - 1), quote, sub: 'arith' }, end: close + 1 };
  return { part: { text: src.slice(i + 2, close), quote, sub: 'cmd' }, end: close + 1 };
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ kind: 'op', text: op, line });
      if (op === '\n') line++;
      i += op.length;
      continue;
    }
    const start = i;
    const word: Word = [];
    const push = (text: string, quote: WordPart['quote']) => {
      const last = word[word.length - 1];
      if (last && last.quote === quote && !last.sub) last.text += text;
      else word.push({ text, quote });
    };
    while (i < src.length && !' \t\n;&|<>()'.includes(src[i]!)) {
      const d = src[i]!;
      if (d === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        push(src.slice(i + 1, end), 'single');
        i = end + 1;
      } else if (d === '"') {
        let text = '';
        i++;
        for (;;) {
          if (i >= src.length) throw new ShellSyntaxError('unterminated quoted string');
          const e = src[i]!;
          if (e === '"') break;
          if (e === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
            // `\$` stays escaped until expansion, which reads `\$` as a literal dollar.
            text += src[i + 1] === '$' ? '\\$' : src[i + 1] === '\n' ? '' : src[i + 1];
            i += 2;
            continue;
          }
          const sub = substitution(src, i, 'double');
          if (sub) {
            push(text, 'double');
            text = '';
            word.push(sub.part);
            i = sub.end;
            continue;
          }
          text += e;
          i++;
        }
        push(text, 'double');
        i++;
      } else if (d === '\\' && i + 1 < src.length) {
        push(src[i + 1]!, 'single');
        i += 2;
      } else if (d === '`' || (d === '$' && src[i + 1] === '(')) {
        const sub = substitution(src, i, 'none')!;
        word.push(sub.part);
        i = sub.end;
      } else {
        push(d, 'none');
        i++;
      }
    }
    toks.push({ kind: 'word', word, raw: src.slice(start, i), line });
  }
  return toks;
}

const RESERVED = new Set(['while', 'until', 'for', 'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'in', '{', '}', '!', 'case', 'esac']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Parses a script into its AST; throws ShellSyntaxError worded as busybox sh words it. */
export function parseScript(src: string): Node {
  if (src.length > MAX_SCRIPT_CHARS) throw new ShellSyntaxError(`script longer than ${MAX_SCRIPT_CHARS} characters`);
  const toks = lex(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isKeyword = (t: Tok | undefined, kw: string) => t?.kind === 'word' && t.raw === kw;
  const skipNewlines = () => { while (peek()?.kind === 'op' && (peek() as { text: string }).text === '\n') pos++; };
  const unexpected = (t: Tok | undefined, expecting?: string): never => {
    if (!t) throw new ShellSyntaxError(`unexpected end of file${expecting ? ` (expecting "${expecting}")` : ''}`);
    const text = t.kind === 'word' ? t.raw : t.text === '\n' ? 'newline' : t.text;
    if (t.kind === 'op' && UNSUPPORTED[t.text]) throw new ShellSyntaxError(`${UNSUPPORTED[t.text]} are not simulated`);
    throw new ShellSyntaxError(`unexpected "${text}"${expecting ? ` (expecting "${expecting}")` : ''}`);
  };
  const expect = (kw: string) => {
    skipNewlines();
    if (!isKeyword(peek(), kw)) unexpected(peek(), kw);
    pos++;
  };

  /** A list up to one of the `stops` keywords (or the end). */
  const list = (stops: string[]): Node => {
    const items: Node[] = [];
    for (;;) {
      skipNewlines();
      const t = peek();
      if (!t || (t.kind === 'word' && stops.includes(t.raw)) || (t.kind === 'op' && stops.includes(t.text))) break;
      const item = andOr();
      const sep = peek();
      items.push(sep?.kind === 'op' && sep.text === '&' ? { type: 'bg', node: item } : item);
      if (sep?.kind === 'op' && (sep.text === ';' || sep.text === '\n' || sep.text === '&')) pos++;
      else if (sep && !(sep.kind === 'word' && stops.includes(sep.raw)) && !(sep.kind === 'op' && stops.includes(sep.text))) unexpected(sep, stops[0]);
    }
    return { type: 'list', items };
  };

  const andOr = (): Node => {
    const first = pipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    for (;;) {
      const t = peek();
      if (t?.kind !== 'op' || (t.text !== '&&' && t.text !== '||')) break;
      pos++;
      skipNewlines();
      rest.push({ op: t.text, node: pipeline() });
    }
    return rest.length ? { type: 'andOr', first, rest } : first;
  };

  const pipeline = (): Node => {
    const negate = isKeyword(peek(), '!');
    if (negate) pos++;
    const stages = [command()];
    for (;;) {
      const t = peek();
      if (t?.kind !== 'op' || t.text !== '|') break;
      pos++;
      skipNewlines();
      stages.push(command());
    }
    const node: Node = stages.length > 1 ? { type: 'pipe', stages } : stages[0]!;
    return negate ? { type: 'not', node } : node;
  };

  /** `case WORD in [(]PAT[|PAT]...) LIST ;; ... esac` */
  const caseCommand = (): Node => {
    const w = peek();
    if (w?.kind !== 'word') return unexpected(w);
    pos++;
    skipNewlines();
    if (!isKeyword(peek(), 'in')) unexpected(peek(), 'in');
    pos++;
    const arms: { patterns: Word[]; body: Node }[] = [];
    for (;;) {
      skipNewlines();
      if (isKeyword(peek(), 'esac')) { pos++; break; }
      const open = peek();
      if (open?.kind === 'op' && open.text === '(') pos++;
      const patterns: Word[] = [];
      for (;;) {
        const p = peek();
        if (p?.kind !== 'word') return unexpected(p, ')');
        patterns.push(p.word);
        pos++;
        const sep = peek();
        if (sep?.kind === 'op' && sep.text === '|') { pos++; continue; }
        if (sep?.kind === 'op' && sep.text === ')') { pos++; break; }
        return unexpected(sep, ')');
      }
      const body = list([';;', 'esac']);
      arms.push({ patterns, body });
      const end = peek();
      if (end?.kind === 'op' && end.text === ';;') { pos++; continue; }
      if (isKeyword(end, 'esac')) { pos++; break; }
      return unexpected(end, ';;');
    }
    return { type: 'case', word: w.word, arms };
  };

  /** A compound command may carry redirections of its own (`while read l; do ...; done < f`). */
  const command = (): Node => {
    const isCompound = peek()?.kind === 'word' && ['while', 'until', 'for', 'if', 'case', '{'].includes((peek() as { raw: string }).raw);
    const node = commandBody();
    if (!isCompound) return node;
    const redirects: Redirect[] = [];
    while (redirection(redirects)) { /* collects */ }
    return redirects.length ? { type: 'redir', node, redirects } : node;
  };

  /** Reads one redirection at the cursor into `into`; false when there is none. */
  const redirection = (into: Redirect[]): boolean => {
    const t = peek();
    if (t?.kind !== 'op') return false;
    if (t.text === '2>&1') { into.push({ fd: 2, mode: 'dup' }); pos++; return true; }
    if (t.text === '>&2' || t.text === '1>&2') { into.push({ fd: 1, mode: 'dup' }); pos++; return true; }
    if (!['>', '>>', '2>', '2>>', '1>', '<'].includes(t.text)) return false;
    pos++;
    const target = peek();
    if (target?.kind !== 'word') return unexpected(target);
    pos++;
    const fd = t.text === '<' ? 0 : t.text.startsWith('2') ? 2 : 1;
    const mode = t.text === '<' ? 'read' : t.text.endsWith('>>') ? 'append' : 'truncate';
    into.push({ fd, mode, target: target.word });
    return true;
  };

  const commandBody = (): Node => {
    const t = peek();
    if (isKeyword(t, 'while') || isKeyword(t, 'until')) {
      pos++;
      const cond = list(['do']);
      expect('do');
      const body = list(['done']);
      expect('done');
      return { type: 'loop', until: (t as { raw: string }).raw === 'until', cond, body };
    }
    if (isKeyword(t, 'for')) {
      pos++;
      const name = peek();
      if (name?.kind !== 'word') return unexpected(name);
      pos++;
      const items: Word[] = [];
      if (isKeyword(peek(), 'in')) {
        pos++;
        while (peek()?.kind === 'word') items.push((toks[pos++] as { word: Word }).word);
      } else {
        items.push([{ text: '$@', quote: 'double' }]);
      }
      const sep = peek();
      if (sep?.kind === 'op' && (sep.text === ';' || sep.text === '\n')) pos++;
      expect('do');
      const body = list(['done']);
      expect('done');
      return { type: 'for', name: name.raw, items, body };
    }
    if (isKeyword(t, 'if')) {
      pos++;
      const clauses: { cond: Node; body: Node }[] = [];
      let otherwise: Node | undefined;
      for (;;) {
        const cond = list(['then']);
        expect('then');
        clauses.push({ cond, body: list(['elif', 'else', 'fi']) });
        skipNewlines();
        if (isKeyword(peek(), 'elif')) { pos++; continue; }
        if (isKeyword(peek(), 'else')) { pos++; otherwise = list(['fi']); }
        expect('fi');
        return { type: 'if', clauses, otherwise };
      }
    }
    if (isKeyword(t, 'case')) {
      pos++;
      return caseCommand();
    }
    if (isKeyword(t, '{')) {
      pos++;
      const body = list(['}']);
      expect('}');
      return body;
    }
    return simple();
  };

  const simple = (): Node => {
    const node = { type: 'simple' as const, assigns: [] as { name: string; value: Word }[], words: [] as Word[], redirects: [] as Redirect[], line: peek()?.line ?? 1 };
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.kind === 'op') {
        if (redirection(node.redirects)) continue;
        if (UNSUPPORTED[t.text]) unexpected(t);
        break;
      }
      if (node.words.length === 0 && RESERVED.has(t.raw) && t.raw !== '{' && t.raw !== '!') break;
      const assign = node.words.length === 0 ? ASSIGNMENT.exec(t.raw) : null;
      if (assign && t.word[0]?.quote === 'none') {
        const value = t.word.map((p) => ({ ...p }));
        value[0]!.text = value[0]!.text.slice(assign[0].length);
        node.assigns.push({ name: assign[1]!, value });
      } else {
        node.words.push(t.word);
      }
      pos++;
    }
    if (node.words.length === 0 && node.assigns.length === 0 && node.redirects.length === 0) unexpected(peek());
    return node;
  };

  const script = list([]);
  if (pos < toks.length) unexpected(peek());
  return script;
}
