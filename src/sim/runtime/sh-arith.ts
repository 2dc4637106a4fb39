/**
 * `$((...))` as busybox ash evaluates it (shell/math.c): integers, variables by bare name (unset
 * or empty is 0), `+ - * / % **`, unary `- + ! ~`, comparisons, `&& ||`, `?:`, bit operators,
 * parentheses and the assignments `= += -= *= /= %=`, `++`/`--`. Errors are math.c's texts:
 * `arithmetic syntax error`, `divide by zero`.
 */

export class ArithError extends Error {}

type Tok = { n: number } | { id: string } | { op: string };

const OPS = ['**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '++', '--', '+', '-', '*', '/', '%', '<', '>', '!', '~', '&', '|', '^', '(', ')', '?', ':', '='];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(0[xX][0-9a-fA-F]+|\d+)/.exec(src.slice(i));
    if (num) {
      const t = num[1]!;
      // A leading 0 is octal in ash, as in C.
      toks.push({ n: t.length > 1 && t[0] === '0' && !/[xX]/.test(t) ? parseInt(t, 8) : Number(t) });
      i += t.length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      toks.push({ id: id[0] });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError('arithmetic syntax error');
    toks.push({ op });
    i += op.length;
  }
  return toks;
}

/** Binary operators by precedence, loosest first (C's table). */
const LEVELS: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

/** Evaluates `expr`; `get`/`set` read and write shell variables. Integers wrap as C's 64-bit would not: JS numbers, truncated. */
export function evalArith(expr: string, get: (name: string) => string, set: (name: string, value: string) => void): number {
  const toks = lex(expr);
  let pos = 0;
  const isOp = (o: string) => {
    const t = toks[pos];
    return t !== undefined && 'op' in t && t.op === o;
  };
  const varValue = (name: string): number => {
    const v = get(name).trim();
    if (v === '') return 0;
    if (!/^-?\d+$/.test(v)) throw new ArithError('arithmetic syntax error');
    return Number(v);
  };
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
      case '%':
        if (b === 0) throw new ArithError('divide by zero');
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '**':
        if (b < 0) throw new ArithError('exponent less than 0');
        return a ** b;
      case '<<': return a << b;
      case '>>': return a >> b;
      case '<': return Number(a < b);
      case '<=': return Number(a <= b);
      case '>': return Number(a > b);
      case '>=': return Number(a >= b);
      case '==': return Number(a === b);
      case '!=': return Number(a !== b);
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '&&': return Number(a !== 0 && b !== 0);
      case '||': return Number(a !== 0 || b !== 0);
    }
    throw new ArithError('arithmetic syntax error');
  };

  const assignment = (): number => {
    const t = toks[pos];
    const next = toks[pos + 1];
    if (t && 'id' in t && next && 'op' in next && ['=', '+=', '-=', '*=', '/=', '%='].includes(next.op)) {
      pos += 2;
      const rhs = assignment();
      const value = next.op === '=' ? rhs : apply(next.op[0]!, varValue(t.id), rhs);
      set(t.id, String(value));
      return value;
    }
    return ternary();
  };
  const ternary = (): number => {
    const cond = binary(0);
    if (!isOp('?')) return cond;
    pos++;
    const a = assignment();
    if (!isOp(':')) throw new ArithError('arithmetic syntax error');
    pos++;
    const b = assignment();
    return cond !== 0 ? a : b;
  };
  const binary = (level: number): number => {
    if (level >= LEVELS.length) return power();
    let left = binary(level + 1);
    for (;;) {
      const t = toks[pos];
      if (!t || !('op' in t) || !LEVELS[level]!.includes(t.op)) return left;
      pos++;
      left = apply(t.op, left, binary(level + 1));
    }
  };
  const power = (): number => {
    const base = unary();
    if (!isOp('**')) return base;
    pos++;
    return apply('**', base, power());
  };
  const unary = (): number => {
    const t = toks[pos];
    if (t && 'op' in t) {
      if (t.op === '-' || t.op === '+' || t.op === '!' || t.op === '~') {
        pos++;
        const v = unary();
        return t.op === '-' ? -v : t.op === '+' ? v : t.op === '!' ? Number(v === 0) : ~v;
      }
      if (t.op === '++' || t.op === '--') {
        pos++;
        const id = toks[pos++];
        if (!id || !('id' in id)) throw new ArithError('arithmetic syntax error');
        const v = varValue(id.id) + (t.op === '++' ? 1 : -1);
        set(id.id, String(v));
        return v;
      }
      if (t.op === '(') {
        pos++;
        const v = assignment();
        if (!isOp(')')) throw new ArithError('arithmetic syntax error');
        pos++;
        return v;
      }
      throw new ArithError('arithmetic syntax error');
    }
    if (!t) throw new ArithError('arithmetic syntax error');
    pos++;
    if ('n' in t) return t.n;
    const v = varValue(t.id);
    if (isOp('++') || isOp('--')) {
      set(t.id, String(v + (isOp('++') ? 1 : -1)));
      pos++;
    }
    return v;
  };

  if (toks.length === 0) return 0;
  const value = assignment();
  if (pos < toks.length) throw new ArithError('arithmetic syntax error');
  return Math.trunc(value);
}
