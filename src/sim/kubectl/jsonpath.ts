/**
 * kubectl's JSONPath: a port of k8s.io/client-go/util/jsonpath (parser.go, jsonpath.go) as
 * kubectl v1.31 runs it over Unstructured objects, with the quirks a person meets:
 * - text outside `{}` is printed as is; `{"\n"}` and `{'\t'}` are quoted text;
 * - several results are joined by a space; maps and lists print as compact JSON, scalars bare;
 * - missing keys print nothing (kubectl sets AllowMissingKeys), an index past the end is an error;
 * - `{range .items[*]}...{end}`, `[*]`, `[0]`, `[-1:]`, `[0,1]`, `['key']`, `..name`, `*`;
 * - filters `[?(@.type=="Ready")]`, `[?(@.port==80)]`: both sides must be of the same kind, or
 *   the whole command fails with "incompatible types for comparison".
 * Expected outputs in the tests were recorded from kubectl v1.31.9 against these objects.
 */
import { goFloat, goJSON, goSortedKeys } from './gofmt.ts';

type Json = unknown;

export class JSONPathError extends Error {}

// ---- nodes (parser.go / node.go)

type Node =
  | { type: 'list'; nodes: Node[] }
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'identifier'; name: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'array'; params: [Param, Param, Param] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'union'; nodes: ListNode[] };

type ListNode = Extract<Node, { type: 'list' }>;

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

const EOF = -1;

class Parser {
  root: ListNode = { type: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): void {
    this.input = text;
    this.root = { type: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.run();
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  /** parseText and parseInsideAction, as a loop instead of Go's mutual tail calls. */
  private run(): void {
    let cur: ListNode | undefined;
    for (;;) {
      if (!cur) {
        // parseText
        for (;;) {
          if (this.input.startsWith('{', this.pos)) break;
          if (this.next() === EOF) {
            if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
            return;
          }
        }
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
        // parseLeftDelim
        this.pos += 1;
        this.consumeText();
        cur = { type: 'list', nodes: [] };
        this.root.nodes.push(cur);
        continue;
      }
      // parseInsideAction
      if (this.input.startsWith('}', this.pos)) {
        this.pos += 1;
        this.consumeText();
        cur = undefined;
        continue;
      }
      if (this.input.startsWith('[?(', this.pos)) {
        this.parseFilter(cur);
        continue;
      }
      if (this.input.startsWith('..', this.pos)) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JSONPathError('unclosed action');
      if (r === 0x20 || r === 0x40 || r === 0x24) this.consumeText(); // ' ', '@', '$'
      else if (r === 0x5b) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new JSONPathError(`unrecognized character in action: ${formatRune(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JSONPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?[0-9]+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) });
    else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else throw new JSONPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((str) => parseAction(`[${str.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }
    const dictKey = /^'([^']*)'$/.exec(text);
    if (dictKey) {
      cur.nodes.push(...parseAction(`.${dictKey[1]}`).nodes);
      return;
    }
    const slice = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!slice) throw new JSONPathError(`invalid array index ${text}`);
    const parts = [slice[1] ?? '', slice[2] ?? '', slice[3] ?? ''];
    const params: [Param, Param, Param] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let part = parts[i]!;
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') params[i]!.known = false;
        else {
          if (!/^[+-]?[0-9]+$/.test(part)) throw new JSONPathError(`array index ${part} is not a number`);
          params[i] = { value: Number(part), known: true, derived: false };
        }
      } else if (i === 1) params[i] = { value: params[0].value + 1, known: true, derived: true };
      else params[i] = { value: 0, known: false, derived: false };
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29 && begin === end) break;
    }
    if (this.next() !== 0x5d) throw new JSONPathError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), operator: m[2]! });
  }

  private parseQuote(cur: ListNode, quote: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathError('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    cur.nodes.push({ type: 'text', text: unquoteExtend(value) });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === 0x5c) this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replaceAll('\\', '') });
  }
}

/** parseAction: the expression parsed as if it stood alone inside `{}`. */
function parseAction(text: string): ListNode {
  const p = new Parser();
  p.parse(`{${text}}`);
  return p.root.nodes[0] as ListNode;
}

function isTerminator(r: number): boolean {
  if (r === 0x20 || r === 0x09 || isEndOfLine(r)) return true;
  return r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));
}

function isEndOfLine(r: number): boolean {
  return r === 0x0d || r === 0x0a;
}

function isDigit(r: number): boolean {
  return r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  return r === 0x5f || (r >= 0 && /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r)));
}

/** Go's %#U: `U+007C '|'`. */
function formatRune(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return /\p{C}/u.test(String.fromCodePoint(r)) ? `U+${hex}` : `U+${hex} '${String.fromCodePoint(r)}'`;
}

/** UnquoteExtend: strconv.Unquote that also takes single-quoted strings of any length. */
function unquoteExtend(s: string): string {
  const fail = (): never => {
    throw new JSONPathError(`unquote string ${s} error invalid syntax`);
  };
  if (s.length < 2) fail();
  const quote = s[0]!;
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) fail();
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === quote) fail();
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (e !== undefined && e in simple) {
      if ((e === "'" || e === '"') && e !== quote) fail();
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail();
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) fail();
      out += String.fromCodePoint(cp);
      i += n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) fail();
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else fail();
  }
  return out;
}

// ---- evaluation (jsonpath.go)

/** A value as reflect sees it: JSON data, or a literal from the template with its Go type. */
type Value = { data: Json } | { literal: 'int' | 'float' | 'bool' | 'string'; v: number | boolean | string };

const dataOf = (v: Value): Json => ('data' in v ? v.data : v.v);

export class JSONPath {
  private parser: Parser | undefined;
  private beginRange = 0;
  private inRange = 0;
  private endHit = false;
  private lastEndNode: Node | undefined;
  allowMissingKeys = false;

  /** Parse the template; throws JSONPathError with the parser's message. */
  parse(text: string): void {
    const p = new Parser();
    p.parse(text);
    this.parser = p;
  }

  /** Execute: every result set printed as PrintResults does. */
  execute(data: Json): string {
    let out = '';
    for (const results of this.findResults(data)) out += printResults(results);
    return out;
  }

  /** The result sets (one per template node), as data. */
  find(data: Json): Json[][] {
    return this.findResults(data).map((set) => set.map(dataOf));
  }

  private findResults(data: Json): Value[][] {
    if (!this.parser) throw new JSONPathError('incomplete jsonpath template');
    return this.findIn(data, this.parser.root.nodes);
  }

  /**
   * FindResults as kubectl v1.31 behaves (checked against it): `{range X}` runs the nodes after it
   * once per item of X (or once on nothing, to find its end, when X is empty), then resumes after
   * the `{end}` met last; an `{end}` inside a range ends that pass; outside one it is an error. A
   * range with no end leaves the following nodes to run once more on the outer object.
   */
  private findIn(data: Json, nodes: readonly Node[]): Value[][] {
    const cur: Value[] = [{ data }];
    const full: Value[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      this.currentNode = node;
      const results = this.walk(cur, node);
      if (this.endHit) {
        this.endHit = false;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const body = nodes.slice(i + 1);
        if (results.length > 0) for (const value of results) full.push(...this.findIn(dataOf(value), body));
        else this.findIn(null, body);
        this.inRange--;
        const k = this.lastEndNode ? nodes.indexOf(this.lastEndNode, i + 1) : -1;
        if (k >= 0) i = k;
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private currentNode: Node | undefined;

  private walk(value: Value[], node: Node): Value[] {
    switch (node.type) {
      case 'list':
        return this.evalList(value, node);
      case 'text':
        return [{ literal: 'string', v: node.text }];
      case 'field':
        return this.evalField(value, node.value);
      case 'array':
        return evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
        return value.map(() => ({ literal: 'int', v: node.value }));
      case 'bool':
        return value.map(() => ({ literal: 'bool', v: node.value }));
      case 'float':
        return value.map(() => ({ literal: 'float', v: node.value }));
      case 'wildcard':
        return value.flatMap((v) => children(dataOf(v)) ?? []).map((data) => ({ data }));
      case 'recursive':
        return evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((list) => this.evalList(value, list));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: Value[], node: ListNode): Value[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange === 0) throw new JSONPathError('not in range, nothing to end');
      this.endHit = true;
      this.lastEndNode = this.currentNode;
      return [];
    }
    throw new JSONPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (input.length === 0) return results;
    for (const v of input) {
      const data = dataOf(v);
      if (data !== null && typeof data === 'object' && !Array.isArray(data) && Object.hasOwn(data, name)) results.push({ data: (data as Record<string, Json>)[name] });
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JSONPathError(`${name} is not found`);
    return results;
  }

  private evalFilter(input: Value[], node: Extract<Node, { type: 'filter' }>): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      const data = dataOf(v);
      const items = children(data) ?? [data];
      for (const item of items) {
        const temp: Value[] = [{ data: item }];
        let lefts: Value[] = [];
        try {
          lefts = this.evalList(temp, node.left);
        } catch (err) {
          if (!this.allowMissingKeys) throw err;
        }
        const rights = this.evalList(temp, node.right);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JSONPathError('can only compare one element at a time');
        if (node.operator === 'exists') {
          results.push({ data: item });
          continue;
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JSONPathError('can only compare one element at a time');
        if (evalOperator(node.operator, lefts[0]!, rights[0]!)) results.push({ data: item });
      }
    }
    return results;
  }
}

/** iterHelper: a list's items, or a map's values in sorted key order; undefined for scalars. */
function children(data: Json): Json[] | undefined {
  if (Array.isArray(data)) return data;
  if (data !== null && typeof data === 'object') {
    const obj = data as Record<string, Json>;
    return goSortedKeys(obj).map((k) => obj[k]);
  }
  return undefined;
}

function evalRecursive(input: Value[]): Value[] {
  const result: Value[] = [];
  for (const v of input) {
    const data = dataOf(v);
    const kids = children(data);
    if (!kids || kids.length === 0) continue;
    result.push({ data });
    result.push(...evalRecursive(kids.map((d) => ({ data: d }))));
  }
  return result;
}

function evalArray(input: Value[], template: [Param, Param, Param]): Value[] {
  const result: Value[] = [];
  for (const v of input) {
    const data = dataOf(v);
    if (data === null || data === undefined) continue;
    if (!Array.isArray(data)) throw new JSONPathError(`${goTypeName(data)} is not array or slice`);
    const params = template.map((p) => ({ ...p })) as [Param, Param, Param];
    const len = data.length;
    if (!params[0].known) params[0].value = 0;
    if (params[0].value < 0) params[0].value += len;
    if (!params[1].known) params[1].value = len;
    if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
    if (params[1].value === params[0].value) return result;
    if (params[0].value >= len || params[0].value < 0) throw new JSONPathError(`array index out of bounds: index ${params[0].value}, length ${len}`);
    if (params[1].value > len || params[1].value < 0) throw new JSONPathError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
    if (params[0].value > params[1].value) throw new JSONPathError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
    const slice = data.slice(params[0].value, params[1].value);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) throw new JSONPathError('step must be > 0');
      step = params[2].value;
    }
    for (let i = 0; i < slice.length; i += step) result.push({ data: slice[i] });
  }
  return result;
}

/** reflect's Type.String() for a JSON value held in an interface{}. */
function goTypeName(data: Json): string {
  if (typeof data === 'string') return 'string';
  if (typeof data === 'boolean') return 'bool';
  if (typeof data === 'number') return Number.isInteger(data) ? 'int64' : 'float64';
  return 'map[string]interface {}';
}

type Kind = 'int' | 'float' | 'string' | 'bool';

/** text/template's basicKind: an int64 field and an int literal are both intKind; maps and lists have none. */
function kindOf(v: Value): { kind: Kind; x: number | string | boolean } {
  if ('literal' in v) {
    const kind: Kind = v.literal === 'int' ? 'int' : v.literal === 'float' ? 'float' : v.literal === 'bool' ? 'bool' : 'string';
    return { kind, x: v.v };
  }
  const d = v.data;
  if (typeof d === 'string') return { kind: 'string', x: d };
  if (typeof d === 'boolean') return { kind: 'bool', x: d };
  if (typeof d === 'number') return { kind: Number.isInteger(d) ? 'int' : 'float', x: d };
  throw new JSONPathError('invalid type for comparison');
}

/**
 * The filter's comparison through text/template's eq/lt/... (forked in client-go): the two sides
 * must have the same basic kind (`80` matches an integer field, `80.0` and `"80"` do not and are
 * errors), and bools only support == and !=. Checked against kubectl v1.31.9.
 */
function evalOperator(operator: string, l: Value, r: Value): boolean {
  if (!['<', '>', '==', '!=', '<=', '>='].includes(operator)) throw new JSONPathError(`unrecognized filter operator ${operator}`);
  const a = kindOf(l);
  const b = kindOf(r);
  if (a.kind !== b.kind) throw new JSONPathError('incompatible types for comparison');
  const eq = a.x === b.x;
  if (operator === '==') return eq;
  if (operator === '!=') return !eq;
  if (a.kind === 'bool') throw new JSONPathError('invalid type for comparison');
  const lt = a.x < b.x;
  if (operator === '<') return lt;
  if (operator === '<=') return lt || eq;
  if (operator === '>') return !(lt || eq);
  return !lt;
}

/** PrintResults: maps and lists as json.Marshal, scalars as fmt.Fprint, joined by spaces. */
function printResults(results: Value[]): string {
  return results
    .map((v) => {
      const d = dataOf(v);
      if (d !== null && typeof d === 'object') return goJSON(d);
      if (d === null || d === undefined) return '<nil>';
      if (typeof d === 'number') return Number.isInteger(d) ? String(d) : goFloat(d);
      return String(d);
    })
    .join(' ');
}
