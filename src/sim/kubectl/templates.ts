/**
 * kubectl get's template printers and --sort-by (kubectl v1.31):
 * - `-o jsonpath=TEMPLATE` (cli-runtime printers/jsonpath.go, jsonpath_flags.go);
 * - `-o custom-columns=HEADER:PATH,...` (kubectl/pkg/cmd/get/customcolumn.go);
 * - `--sort-by=PATH` (kubectl/pkg/cmd/get/sorter.go: RuntimeSort and TableSorter, Go's unstable
 *   sort.Sort, strings compared as quantities when both parse, else byte by byte).
 * Behaviour where the sources we could read disagree with each other was settled by running
 * kubectl v1.31.9 against these objects (see scripts/kubectl-oracle).
 * Objects are the Unstructured content a real kubectl walks.
 */
import { compareQuantity, parseQuantity } from '../api/quantity.ts';
import type { KubeObject } from '../api/types.ts';
import { goQuote } from '../validation/errors.ts';
import { KubectlError } from './errors.ts';
import { compareCodePoints, goSharpV, goSprint } from './gofmt.ts';
import { goSortSlice } from './gosort.ts';
import { JSONPath, JSONPathError } from './jsonpath.ts';
import { GET_TABWRITER, tabwrite } from './printers/index.ts';

/** The printer an `-o` value names, for the formats this module prints. */
export type TemplateOutput = { kind: 'jsonpath'; template: string } | { kind: 'custom-columns'; spec: string };

/** `-o jsonpath=...` / `-o custom-columns=...`, or undefined for other formats. Throws kubectl's errors. */
export function parseTemplateOutput(output: string): TemplateOutput | undefined {
  const eq = output.indexOf('=');
  const format = eq < 0 ? output : output.slice(0, eq);
  const value = eq < 0 ? '' : output.slice(eq + 1);
  if (format === 'jsonpath') {
    if (value === '') throw new KubectlError('template format specified but no template given');
    return { kind: 'jsonpath', template: value };
  }
  if (format === 'custom-columns') return { kind: 'custom-columns', spec: value };
  if (['jsonpath-file', 'custom-columns-file', 'templatefile', 'go-template-file'].includes(format)) {
    throw new KubectlError(`-o ${format} reads a file from your computer; Kubeplay's terminal has no files: put the template on the command line`);
  }
  if (['go-template', 'template', 'jsonpath-as-json'].includes(format)) {
    throw new KubectlError(`Kubeplay does not simulate -o ${format} yet; -o jsonpath and -o custom-columns are supported`);
  }
  return undefined;
}

/** Prints `body` (one object, or a List of them) with the template printer. */
export function printTemplate(out: TemplateOutput, body: Record<string, unknown>, noHeaders: boolean): string {
  return out.kind === 'jsonpath' ? printJSONPath(out.template, body) : printCustomColumns(out.spec, body, noHeaders);
}

function printJSONPath(template: string, body: Record<string, unknown>): string {
  const j = new JSONPath();
  try {
    j.parse(template);
  } catch (err) {
    if (err instanceof JSONPathError) throw new KubectlError(`error parsing jsonpath ${template}, ${err.message}\n`);
    throw err;
  }
  j.allowMissingKeys = true;
  try {
    return j.execute(body);
  } catch (err) {
    if (!(err instanceof JSONPathError)) throw err;
    const debug =
      `Error executing template: ${err.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSharpV(body)}\n\n`;
    throw new KubectlError(`error executing jsonpath ${goQuote(template)}: ${debug}\n`);
  }
}

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJSONPath(path: string): string {
  if (path === '') return path;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

function printCustomColumns(spec: string, body: Record<string, unknown>, noHeaders: boolean): string {
  if (spec === '') throw new KubectlError('custom-columns format specified but no custom columns given');
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxedJSONPath(part.slice(colon + 1)) };
  });
  const parsers = columns.map((c) => {
    const j = new JSONPath();
    try {
      j.parse(c.path);
    } catch (err) {
      if (err instanceof JSONPathError) throw new KubectlError(err.message);
      throw err;
    }
    j.allowMissingKeys = true;
    return j;
  });
  const lines: string[] = [];
  if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t'));
  const items = body.kind === 'List' && Array.isArray(body.items) ? (body.items as unknown[]) : [body];
  for (const item of items) {
    const cells = parsers.map((j) => {
      let values: unknown[][];
      try {
        values = j.find(item);
      } catch (err) {
        if (err instanceof JSONPathError) throw new KubectlError(err.message);
        throw err;
      }
      const texts: string[] = [];
      if (values.length === 0 || values[0]!.length === 0) texts.push('<none>');
      for (const set of values) for (const v of set) texts.push(goSprint(v));
      return texts.join(',');
    });
    lines.push(cells.join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`, GET_TABWRITER);
}

/**
 * Sorts objects by --sort-by as kubectl does. `table` selects TableSorter's rules (only when there
 * is more than one row) over RuntimeSort's (any non-empty list).
 */
export function sortObjects(objects: KubeObject[], sortBy: string, table: boolean): void {
  if (table && objects.length <= 1) return;
  if (objects.length === 0) return;
  let field: string;
  try {
    field = relaxedJSONPath(sortBy);
  } catch (err) {
    if (table) field = sortBy;
    else throw err;
  }
  const j = new JSONPath();
  try {
    j.parse(field);
  } catch (err) {
    if (err instanceof JSONPathError) throw new KubectlError(table ? `sorting error: ${err.message}` : err.message);
    throw err;
  }
  j.allowMissingKeys = true;
  const keys = new Map<KubeObject, unknown[] | undefined>();
  for (const obj of objects) {
    let found: unknown[][];
    try {
      found = j.find(obj);
    } catch (err) {
      if (err instanceof JSONPathError) throw new KubectlError(err.message);
      throw err;
    }
    keys.set(obj, found.length > 0 && found[0]!.length > 0 ? found[0] : undefined);
  }
  if (![...keys.values()].some((k) => k !== undefined)) throw new KubectlError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  goSortSlice(objects, (a, b) => {
    const ka = keys.get(a);
    const kb = keys.get(b);
    if (!ka) return true;
    if (!kb) return false;
    return isLess(ka[0], kb[0], field);
  });
}

/** sorter.go isLess for values held in an interface{} (Unstructured content). */
function isLess(i: unknown, j: unknown, field: string): boolean {
  if (i === null || i === undefined) return !(j === null || j === undefined);
  if (j === null || j === undefined) return false;
  if (typeof i === 'string' && typeof j === 'string') {
    const qi = parseQuantity(i);
    const qj = qi && parseQuantity(j);
    if (qi && qj) return compareQuantity(qi, qj) < 0;
    // Plain byte order, not natural order: kubectl v1.31.9 sorts web-10 before web-2.
    return compareCodePoints(i, j) < 0;
  }
  if (typeof i === 'number' && typeof j === 'number' && Number.isInteger(i) === Number.isInteger(j)) return i < j;
  const kind = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}');
  const err = ['int64', 'float64', 'string'].includes(kind(i)) ? `unsortable interface: interface` : `unsortable type: ${kind(i)}`;
  throw new KubectlError(`Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${err}`);
}
