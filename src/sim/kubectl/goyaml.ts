/**
 * `-o yaml` as kubectl v1.31 writes it: sigs.k8s.io/yaml → go-yaml v2's encoder, whose emitter is
 * a port of libyaml (emitterc.go). Ported here for JSON-shaped values, block style only:
 * - mappings with sorted keys (the caller sorts), sequences inside mappings not indented;
 * - a string is plain when go-yaml would read it back as a string (`resolve`) and libyaml's
 *   analysis allows it; otherwise single-quoted, or double-quoted with escapes when it holds
 *   characters single quotes cannot carry; strings with line breaks as literal blocks (`|`, `|-`,
 *   `|+`, with an indentation hint when they start with a space);
 * - long plain and quoted strings are folded at the first space after column 80, as libyaml does.
 * Checked against kubectl v1.31.9 with scripts/kubectl-oracle.
 */
import { goFloat } from './gofmt.ts';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Json = unknown;

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;

  put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
}

/** go-yaml v2 Marshal of a JSON value, ending in a newline. */
export function marshalYAML(value: Json): string {
  const e = new Emitter();
  emitNode(e, value, -BEST_INDENT, { mappingContext: false, simpleKey: false, root: true });
  // Document end: a break after the last line.
  e.writeIndent(0);
  return e.out.startsWith('\n') ? e.out.slice(1) : e.out;
}

interface Context {
  mappingContext: boolean;
  simpleKey: boolean;
  root?: boolean;
}

function isMap(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function emitNode(e: Emitter, value: Json, indent: number, ctx: Context): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return emitFlowEmpty(e, '[', ']');
    // increase_indent(false, mapping_context && !indention): a sequence in a mapping is indentless.
    const seqIndent = ctx.mappingContext && !e.indention ? Math.max(indent, 0) : indent + BEST_INDENT;
    for (const item of value) {
      e.writeIndent(seqIndent);
      e.writeIndicator('-', true, false, true);
      emitNode(e, item, seqIndent, { mappingContext: false, simpleKey: false });
    }
    return;
  }
  if (isMap(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return emitFlowEmpty(e, '{', '}');
    const mapIndent = indent + BEST_INDENT;
    for (const key of keys) {
      e.writeIndent(mapIndent);
      emitScalar(e, key, mapIndent, true);
      e.writeIndicator(':', false, false, false);
      emitNode(e, value[key], mapIndent, { mappingContext: true, simpleKey: false });
    }
    return;
  }
  emitScalar(e, value, indent, ctx.simpleKey);
}

function emitFlowEmpty(e: Emitter, open: string, close: string): void {
  e.writeIndicator(open, true, true, false);
  e.writeIndicator(close, false, false, false);
}

/** emit_scalar: the style chosen, then written one indentation step in. */
function emitScalar(e: Emitter, value: Json, indent: number, simpleKey: boolean): void {
  const scalarIndent = simpleKey ? indent : indent + BEST_INDENT;
  if (typeof value === 'string') {
    writeString(e, value, scalarIndent, simpleKey);
    return;
  }
  let text: string;
  if (value === null || value === undefined) text = 'null';
  else if (typeof value === 'boolean') text = String(value);
  else if (typeof value === 'number') text = Number.isInteger(value) ? String(value) : goFloatYAML(value);
  else text = String(value);
  writePlain(e, text, scalarIndent, false);
}

function goFloatYAML(f: number): string {
  const s = goFloat(f);
  return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
}

function writeString(e: Emitter, s: string, indent: number, simpleKey: boolean): void {
  const a = analyze(s);
  // encode.go stringv: literal for line breaks, plain when resolve keeps it a string, else double.
  let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n') ? 'literal' : readsAsString(s) ? 'plain' : 'double';
  // emitterc.go select_scalar_style.
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  const allowBreaks = !simpleKey;
  if (style === 'plain') writePlain(e, s, indent, allowBreaks);
  else if (style === 'single') writeSingle(e, s, indent, allowBreaks);
  else if (style === 'double') writeDouble(e, s, indent, allowBreaks);
  else writeLiteral(e, s, indent);
}

const isSpace = (c: string | undefined) => c === ' ';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlankZ = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

/** go-yaml's is_printable: LF, printable ASCII, U+00A0–U+D7FF, U+E000–U+FFFD but the BOM; nothing past the BMP. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

/** yaml_emitter_analyze_scalar, for the block context. */
function analyze(s: string): { blockPlainAllowed: boolean; singleQuotedAllowed: boolean; blockAllowed: boolean } {
  if (s.length === 0) return { blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...s];
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankZ(chars[1]);
  chars.forEach((c, i) => {
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
    followedByWhitespace = isBlankZ(chars[i + 2]);
  });
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

function writePlain(e: Emitter, s: string, indent: number, allowBreaks: boolean): void {
  if (!e.whitespace) e.put(' ');
  const chars = [...s];
  let spaces = false;
  chars.forEach((c, i) => {
    if (isSpace(c)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && !isSpace(chars[i + 1])) e.writeIndent(indent);
      else e.put(c);
      spaces = true;
    } else {
      e.put(c);
      e.indention = false;
      spaces = false;
    }
  });
  e.whitespace = false;
  e.indention = false;
}

function writeSingle(e: Emitter, s: string, indent: number, allowBreaks: boolean): void {
  e.writeIndicator("'", true, false, false);
  const chars = [...s];
  let spaces = false;
  let breaks = false;
  chars.forEach((c, i) => {
    if (isSpace(c)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && !isSpace(chars[i + 1])) e.writeIndent(indent);
      else e.put(c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === '\n') e.putBreak();
      e.putBreak();
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) e.writeIndent(indent);
      if (c === "'") e.put("'");
      e.put(c);
      e.indention = false;
      spaces = false;
      breaks = false;
    }
  });
  e.writeIndicator("'", false, false, false);
  e.whitespace = false;
  e.indention = false;
}

const ESCAPES: Record<number, string> = { 0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };

function writeDouble(e: Emitter, s: string, indent: number, allowBreaks: boolean): void {
  e.writeIndicator('"', true, false, false);
  const chars = [...s];
  let spaces = false;
  chars.forEach((c, i) => {
    const cp = c.codePointAt(0)!;
    if (!isPrintable(c) || cp === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
      e.put('\\');
      const esc = ESCAPES[cp];
      if (esc !== undefined) e.put(esc);
      else {
        const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
        e.put(letter);
        for (const d of cp.toString(16).toUpperCase().padStart(width, '0')) e.put(d);
      }
      spaces = false;
    } else if (isSpace(c)) {
      if (allowBreaks && !spaces && e.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        e.writeIndent(indent);
        if (isSpace(chars[i + 1])) e.put('\\');
      } else e.put(c);
      spaces = true;
    } else {
      e.put(c);
      spaces = false;
    }
  });
  e.writeIndicator('"', false, false, false);
  e.whitespace = false;
  e.indention = false;
}

function writeLiteral(e: Emitter, s: string, indent: number): void {
  e.writeIndicator('|', true, false, false);
  // write_block_scalar_hints
  if (isSpace(s[0]) || isBreak(s[0])) e.writeIndicator(String(BEST_INDENT), false, false, false);
  const chars = [...s];
  let chomp = '';
  if (chars.length === 0) chomp = '-';
  else if (!isBreak(chars[chars.length - 1])) chomp = '-';
  else if (chars.length === 1 || isBreak(chars[chars.length - 2])) chomp = '+';
  if (chomp) e.writeIndicator(chomp, false, false, false);
  e.putBreak();
  e.indention = true;
  e.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      e.putBreak();
      e.indention = true;
      breaks = true;
    } else {
      if (breaks) e.writeIndent(indent);
      e.put(c);
      e.indention = false;
      breaks = false;
    }
  }
}

/**
 * go-yaml v2 `resolve` for a plain scalar, as the encoder asks it (plus isBase60Float): true when
 * the string would read back as a string.
 */
export function readsAsString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return false;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return false; // isBase60Float
  const c = s[0]!;
  if (c === '.') return !/^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/.test(s); // strconv.ParseFloat
  if (!/[-+0-9]/.test(c)) return true;
  if (/^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/.test(s)) return false;
  const plain = s.replaceAll('_', '');
  // strconv.ParseInt / ParseUint with base 0.
  if (/^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.test(plain)) return false;
  // yamlStyleFloat, then strconv.ParseFloat, which fails on overflow (1e999 stays a string).
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(plain)) return !Number.isFinite(Number(plain));
  return true;
}

/** resolve.go's resolveMap: bools, nulls, infinities and NaN (the merge key `<<` stays plain: kubectl v1.31.9). */
const RESOLVE_MAP = new Set(
  'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'.split(' ').concat(['']),
);
