/**
 * From YAML text to JSON-like objects, the way kubectl reads `-f`: the stream is split into
 * documents on `---` lines (apimachinery's YAMLReader), each document is converted YAML → JSON
 * with YAML 1.1 scalars as go-yaml v2 resolves them (`yes`/`on` are booleans, `0777` is octal,
 * timestamps stay strings, duplicate keys: the last wins), and empty documents are skipped.
 * Errors carry go-yaml's wording where the cause is the same, with the line counted from the
 * start of the document as go-yaml counts it, plus the absolute line for the editor.
 */
import { LineCounter, parseDocument, type ParseOptions, type DocumentOptions, type SchemaOptions, type ScalarTag } from 'yaml';

/** Playground limits: far above real manifests, low enough that no paste can hang the page. */
export const LIMITS = {
  /** Characters in one apply (about 8 MiB of ASCII). */
  maxInputChars: 8 * 1024 * 1024,
  /** Documents in one apply. */
  maxDocuments: 10_000,
  /** Nesting depth allowed in a single YAML doc (levels). */
  maxDepth: 100,
  /** Alias expansions in one document (the "billion laughs" defence). */
  maxAliasCount: 100,
} as const;

export interface DecodedDocument {
  /** 0-based index among the documents of the stream, counting empty ones. */
  index: number;
  /** 1-based line of the stream where the document's text starts. */
  startLine: number;
  /** The document as JSON data, when it parsed. */
  value?: unknown;
  /** go-yaml's message (`yaml: line 3: mapping values are not allowed in this context`). */
  error?: string;
  /** 1-based line of the stream where the error is, when known. */
  errorLine?: number;
}

export class InputTooLargeError extends Error {}

const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: false,
  prettyErrors: false,
  // go-yaml v2 keeps timestamps and base-60 numbers (`1:20`) as strings.
  customTags: (tags) =>
    tags
      .filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'))
      .map((t) => (typeof t !== 'string' && (t.tag === 'tag:yaml.org,2002:float' || t.tag === 'tag:yaml.org,2002:int') && !('collection' in t && t.collection) ? strictNumber(t as ScalarTag) : t)),
};

/**
 * go-yaml v2's resolve() makes a number only when strconv.ParseFloat/ParseInt accepts the text;
 * the yaml package's YAML 1.1 patterns also match `.`, `-.`, `._`, `.e1` and `0x_` and give NaN.
 * Those stay strings, as in go-yaml (`.nan` is still NaN).
 */
function strictNumber(tag: ScalarTag): ScalarTag {
  const resolve = tag.resolve;
  return {
    ...tag,
    resolve: (str, ...rest) => {
      const value = resolve(str, ...rest);
      // Some resolvers return a Scalar node (to keep the fraction digits) rather than the number.
      const n = typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value;
      return typeof n === 'number' && Number.isNaN(n) && !/^[-+]?\.nan$/i.test(str) ? str : value;
    },
  };
}

/** Splits and decodes a stream. Throws InputTooLargeError past LIMITS. */
export function decodeStream(text: string): DecodedDocument[] {
  if (text.length > LIMITS.maxInputChars) {
    throw new InputTooLargeError(`the input is ${formatSize(text.length)}; Kubeplay accepts at most ${formatSize(LIMITS.maxInputChars)} in one apply`);
  }
  const chunks = splitDocuments(text);
  if (chunks.length > LIMITS.maxDocuments) {
    throw new InputTooLargeError(`the input has ${chunks.length} documents; Kubeplay accepts at most ${LIMITS.maxDocuments} in one apply`);
  }
  const out: DecodedDocument[] = [];
  chunks.forEach((chunk, index) => {
    const doc = decodeDocument(chunk.text, chunk.startLine, index);
    if (doc) out.push(doc);
  });
  return out;
}

interface Chunk {
  text: string;
  startLine: number;
}

/** apimachinery yaml.YAMLReader: a line beginning `---` and followed by nothing but a comment separates documents. */
export function splitDocuments(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let current: string[] = [];
  let startLine = 1;
  lines.forEach((line, i) => {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest === '' || rest.startsWith('#')) {
        chunks.push({ text: current.join('\n'), startLine });
        current = [];
        startLine = i + 2;
        return;
      }
    }
    current.push(line);
  });
  chunks.push({ text: current.join('\n'), startLine });
  return chunks;
}

function decodeDocument(text: string, startLine: number, index: number): DecodedDocument | undefined {
  if (isBlank(text)) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter });
  const first = doc.errors[0];
  // The parser recurses per nesting level: far past the limit it runs out of stack first.
  if (first && /Maximum call stack size exceeded/.test(first.message)) return tooDeep(index, startLine);
  if (first) {
    let line = first.pos ? lineCounter.linePos(first.pos[0]).line : 1;
    if (MAPPING_VALUE_CODES.has(first.code)) {
      // go-yaml stops where it meets the ':' that cannot be there: the end of the offending run.
      for (const e of doc.errors) if (MAPPING_VALUE_CODES.has(e.code)) line = Math.max(line, lineCounter.linePos(e.pos[1]).line);
    }
    return { index, startLine, error: `yaml: line ${line}: ${goYamlMessage(first.code, first.message)}`, errorLine: startLine + line - 1 };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RangeError || /Maximum call stack size exceeded/.test(message)) return tooDeep(index, startLine);
    if (/Excessive alias count/.test(message)) return { index, startLine, error: 'yaml: document contains excessive aliasing', errorLine: startLine };
    const alias = /Unresolved alias.*: (.*)$/.exec(message);
    if (alias) return { index, startLine, error: `yaml: unknown anchor '${alias[1]}' referenced`, errorLine: startLine };
    return { index, startLine, error: `yaml: ${message}`, errorLine: startLine };
  }
  if (value === null || value === undefined) return undefined;
  if (depthOf(value, 0) > LIMITS.maxDepth) return tooDeep(index, startLine);
  const nonFinite = firstNonFinite(value);
  if (nonFinite) return { index, startLine, error: `json: unsupported value: ${nonFinite}`, errorLine: startLine };
  return { index, startLine, value: dropNulls(value) };
}

function tooDeep(index: number, startLine: number): DecodedDocument {
  return { index, startLine, error: `yaml: the document nests deeper than ${LIMITS.maxDepth} levels, Kubeplay's limit`, errorLine: startLine };
}

const MAPPING_VALUE_CODES = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/** go-yaml v2's text for the same failure, where the `yaml` package's error code pins the cause. */
function goYamlMessage(code: string, fallback: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'MISSING_CHAR':
      return /quote/.test(fallback) ? 'found unexpected end of stream' : `did not find expected ${/\]/.test(fallback) ? "',' or ']'" : "',' or '}'"}`;
    case 'BAD_INDENT':
      if (/Flow sequence/.test(fallback)) return "did not find expected ',' or ']'";
      if (/Flow map/.test(fallback)) return "did not find expected ',' or '}'";
      return 'did not find expected key';
    case 'UNEXPECTED_TOKEN':
      return 'did not find expected <document start>';
    default:
      return fallback.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  }
}

function isBlank(text: string): boolean {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && t !== '...') return false;
  }
  return true;
}

function depthOf(value: unknown, depth: number): number {
  if (depth > LIMITS.maxDepth) return depth;
  if (value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const v of Array.isArray(value) ? value : Object.values(value)) max = Math.max(max, depthOf(v, depth + 1));
  return max;
}

/** A JSON null decodes to a Go zero value: for Kubernetes objects, the same as the field being absent. */
/**
 * `.inf`, `-.inf` and `.nan` are floats to go-yaml, and sigs.k8s.io/yaml then hands them to
 * encoding/json, which refuses them: `json: unsupported value: +Inf`. json.Marshal walks maps in
 * sorted key order, so the first one found in that order is the one named.
 */
function firstNonFinite(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return '+Inf';
    if (value === -Infinity) return '-Inf';
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstNonFinite(item);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value).sort()) {
      const found = firstNonFinite((value as Record<string, unknown>)[key]);
      if (found) return found;
    }
  }
  return undefined;
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
    return out;
  }
  return value;
}

function formatSize(chars: number): string {
  return chars >= 1024 * 1024 ? `${(chars / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(chars / 1024)} KiB`;
}
