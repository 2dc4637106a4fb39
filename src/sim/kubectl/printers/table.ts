import type { ResourceInfo } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { DEFAULT_HANDLER, HANDLERS } from './columns.ts';
import { GET_TABWRITER, tabwrite } from './tabwriter.ts';
import { formatLabels } from './util.ts';

export interface PrintOptions {
  wide: boolean;
  showLabels: boolean;
  withNamespace: boolean;
  withKind: boolean;
  noHeaders?: boolean;
  labelColumns?: string[];
}

/**
 * kubectl's HumanReadablePrinter over a server-side Table (cli-runtime/pkg/printers/tableprinter.go):
 * NAMESPACE first with -A, upper-cased column names, wide columns only with -o wide, -L columns
 * (header = the part after the last '/', value or empty), LABELS last, `kind.group/` before
 * the first cell with --show-kind, all through the tabwriter.
 */
export function renderTable(info: ResourceInfo, objects: readonly KubeObject[], opts: PrintOptions, nowUnixMs: number): string {
  if (objects.length === 0) return '';
  const handler = HANDLERS[info.resource] ?? DEFAULT_HANDLER;
  const shown = handler.columns.map((col) => opts.wide || !col.wide);
  const labelColumns = opts.labelColumns ?? [];
  const lines: string[] = [];
  if (!opts.noHeaders) {
    const headers: string[] = [];
    if (opts.withNamespace) headers.push('NAMESPACE');
    handler.columns.forEach((col, i) => shown[i] && headers.push(col.name.toUpperCase()));
    for (const l of labelColumns) headers.push((l.split('/').pop() ?? l).toUpperCase());
    if (opts.showLabels) headers.push('LABELS');
    lines.push(headers.join('\t'));
  }
  const kindPrefix = (info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase();
  for (const obj of objects) {
    // The API server's TableConvertor always generates wide rows (GenerateOptions{Wide: true});
    // kubectl then drops the priority-1 columns, so e.g. load-balancer names are never clipped.
    const cells = handler.row(obj, true, nowUnixMs);
    const out: string[] = [];
    if (opts.withNamespace) out.push(obj.metadata.namespace ?? '');
    cells.forEach((cell, i) => {
      if (i >= handler.columns.length || !shown[i]) return;
      // Cells are cut at the first line break, as printRows does
      const brk = cell.search(/[\f\n\r]/);
      let text = brk >= 0 ? `${cell.slice(0, brk)}...` : cell;
      if (i === 0 && opts.withKind) text = `${kindPrefix}/${text}`;
      out.push(text);
    });
    const labels = obj.metadata.labels ?? {};
    for (const l of labelColumns) out.push(labels[l] ?? '');
    if (opts.showLabels) out.push(formatLabels(obj.metadata.labels));
    lines.push(out.join('\t'));
  }
  return tabwrite(`${lines.join('\n')}\n`, GET_TABWRITER);
}
