/**
 * Label selectors as `kubectl -l` takes them and as LabelSelector objects carry them,
 * after apimachinery's labels.Parse: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
 * `a` (exists), `!a` (does not exist), comma-separated and all required.
 */
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = Requirement[];

export class SelectorParseError extends Error {}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  for (const req of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, req.key);
    const value = has ? labels![req.key]! : undefined;
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default: {
        const never: never = req.operator;
        throw new Error(`unknown operator ${String(never)}`);
      }
    }
  }
  return true;
}

/** Parses the `-l` string form. Throws SelectorParseError with apimachinery's wording. */
export function parseSelector(text: string): Selector {
  const lexer = new Lexer(text);
  const reqs: Selector = [];
  if (text.trim() === '') return reqs;
  for (;;) {
    reqs.push(parseRequirement(lexer));
    const tok = lexer.next();
    if (tok.kind === 'end') break;
    if (tok.kind !== 'comma') throw new SelectorParseError(`found '${tok.text}', expected: ',' or 'end of string'`);
  }
  return reqs;
}

/** A metav1.LabelSelector (matchLabels and matchExpressions) as a Selector. */
export function fromLabelSelector(ls: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): Selector {
  const reqs: Selector = [];
  if (!ls) return reqs;
  for (const key of Object.keys(ls.matchLabels ?? {}).sort()) reqs.push({ key, operator: 'In', values: [ls.matchLabels![key]!] });
  for (const e of ls.matchExpressions ?? []) reqs.push({ key: e.key, operator: e.operator as Operator, values: [...(e.values ?? [])] });
  return reqs;
}

/** Formats a selector the way `kubectl describe` and `-o wide` print it: `app=web,tier in (a,b)`. */
export function formatSelector(selector: Selector): string {
  return selector
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return r.values.length === 1 ? `${r.key}!=${r.values[0]}` : `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        default:
          return '';
      }
    })
    .join(',');
}

type Token = { kind: 'ident' | 'comma' | 'open' | 'close' | 'eq' | 'deq' | 'neq' | 'not' | 'in' | 'notin' | 'end'; text: string };

class Lexer {
  private pos = 0;
  private peeked: Token | undefined;
  constructor(private readonly text: string) {}

  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  next(): Token {
    const tok = this.peek();
    this.peeked = undefined;
    return tok;
  }

  private scan(): Token {
    const s = this.text;
    while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++;
    if (this.pos >= s.length) return { kind: 'end', text: '' };
    const c = s[this.pos]!;
    if (c === ',') return this.take(1, 'comma');
    if (c === '(') return this.take(1, 'open');
    if (c === ')') return this.take(1, 'close');
    if (c === '=' && s[this.pos + 1] === '=') return this.take(2, 'deq');
    if (c === '=') return this.take(1, 'eq');
    if (c === '!' && s[this.pos + 1] === '=') return this.take(2, 'neq');
    if (c === '!') return this.take(1, 'not');
    let end = this.pos;
    while (end < s.length && !/[\s,()=!]/.test(s[end]!)) end++;
    const word = s.slice(this.pos, end);
    this.pos = end;
    if (word === 'in') return { kind: 'in', text: word };
    if (word === 'notin') return { kind: 'notin', text: word };
    return { kind: 'ident', text: word };
  }

  private take(n: number, kind: Token['kind']): Token {
    const text = this.text.slice(this.pos, this.pos + n);
    this.pos += n;
    return { kind, text };
  }
}

function parseRequirement(lexer: Lexer): Requirement {
  let tok = lexer.next();
  if (tok.kind === 'not') {
    const key = lexer.next();
    if (key.kind !== 'ident') throw new SelectorParseError(`found '${key.text}', expected: identifier`);
    return { key: key.text, operator: 'DoesNotExist', values: [] };
  }
  if (tok.kind !== 'ident') throw new SelectorParseError(`found '${tok.text}', expected: !, identifier, or 'end of string'`);
  const key = tok.text;
  const op = lexer.peek();
  if (op.kind === 'comma' || op.kind === 'end') return { key, operator: 'Exists', values: [] };
  lexer.next();
  switch (op.kind) {
    case 'eq':
    case 'deq':
    case 'neq': {
      tok = lexer.peek();
      let value = '';
      if (tok.kind === 'ident') value = lexer.next().text;
      else if (tok.kind !== 'comma' && tok.kind !== 'end') throw new SelectorParseError(`found '${tok.text}', expected: identifier`);
      return { key, operator: op.kind === 'neq' ? 'NotIn' : 'In', values: [value] };
    }
    case 'in':
    case 'notin': {
      const open = lexer.next();
      if (open.kind !== 'open') throw new SelectorParseError(`found '${open.text}', expected: '('`);
      const values: string[] = [];
      for (;;) {
        const v = lexer.next();
        if (v.kind === 'ident') values.push(v.text);
        else if (v.kind === 'close' && values.length === 0) break;
        else throw new SelectorParseError(`found '${v.text}', expected: ',', ')' or identifier`);
        const sep = lexer.next();
        if (sep.kind === 'close') break;
        if (sep.kind !== 'comma') throw new SelectorParseError(`found '${sep.text}', expected: ',' or ')'`);
      }
      return { key, operator: op.kind === 'in' ? 'In' : 'NotIn', values };
    }
    default:
      throw new SelectorParseError(`found '${op.text}', expected: in, notin, =, ==, !=, gt, lt`);
  }
}
