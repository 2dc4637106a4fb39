/**
 * Go's text/tabwriter, which both kubectl printers write through: cells end at '\t', lines at
 * '\n', and a column block is a run of consecutive lines that have a (tab-terminated) cell in that
 * column. A column's width is the widest cell in its block plus padding (at least minwidth); the
 * last cell of a line is not part of any column and is never padded.
 *
 * Mirrors `(*Writer).format` and `writeLines` (go/src/text/tabwriter/tabwriter.go) for the flags
 * kubectl uses (none, or RememberWidths, which only matters across flushes of a watch).
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

/** kubectl get: cli-runtime/pkg/printers/tabwriter.go (minwidth 6, tabwidth 4, padding 3, ' '). */
export const GET_TABWRITER: TabwriterOptions = { minwidth: 6, padding: 3 };
/** kubectl describe: `tabbedString` in kubectl/pkg/describe/describe.go (0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minwidth: 0, padding: 2 };

interface Cell {
  text: string;
  width: number;
}

export function tabwrite(text: string, opts: TabwriterOptions): string {
  const lines: Cell[][] = text.split('\n').map((line) => line.split('\t').map((t) => ({ text: t, width: [...t].length })));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (line0: number, line1: number): void => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j]! - c.width));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      // this line has a cell in `column`: a block begins here
      writeLines(line0, t);
      line0 = t;
      let width = opts.minwidth;
      for (; t < line1; t++) {
        const line = lines[t]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + opts.padding);
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}
