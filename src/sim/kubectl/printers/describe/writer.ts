import type { KubeObject } from '../../../api/types.ts';
import { DESCRIBE_TABWRITER, tabwrite } from '../tabwriter.ts';
import { goSortSlice } from '../../gosort.ts';
import { goSort, since, unixMs } from '../util.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/**
 * kubectl describe's PrefixWriter (kubectl/pkg/describe/interface.go): each Write is indented by
 * two spaces per level; the whole text then goes through one tabwriter (`tabbedString`).
 */
export class PrefixWriter {
  private text = '';

  write(level: number, s: string): void {
    this.text += '  '.repeat(level) + s;
  }

  writeLine(s = ''): void {
    this.text += `${s}\n`;
  }

  toString(): string {
    return tabwrite(this.text, DESCRIBE_TABWRITER);
  }

  /** The text without the tabwriter: `rollout history --revision` prints its template so. */
  raw(): string {
    return this.text;
  }
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

/** printLabelsMultilineWithIndent: `Title:\tk=v` then `\tk=v` per further key, sorted; `<none>`. */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const keys = goSort(Object.keys(labels ?? {}));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

const shorten = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max)}...` : s);

/** printAnnotationsMultiline: `key: value`, long or multi-line values below the key, last-applied skipped. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = goSort(Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent: sorted by key; `key=value:Effect op=Exists for Ns`. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Json[] | undefined, initialIndent = ''): void {
  w.write(LEVEL_0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  list.sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${initialIndent}\t`);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** printTaintsMultilineWithIndent: sorted by `effect,key`; Taint.ToString() is `key=value:Effect`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Json[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(taints ?? [])];
  if (list.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Json): string => `${t.effect ?? ''},${t.key ?? ''}`;
  list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  list.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}

/** printController: `Kind/name` of the controller owner reference, or ''. */
export function controllerOf(obj: KubeObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/**
 * The events `searchEvents` finds for an object (a field selector on involvedObject name,
 * namespace, kind — left out for pods — and uid), in store order.
 */
export function eventsFor(events: readonly KubeObject[], obj: KubeObject, opts: { omitKind?: boolean; uids?: string[] } = {}): KubeObject[] {
  const uids = opts.uids ?? [obj.metadata.uid];
  return events.filter((e) => {
    const inv: Json = e.involvedObject ?? {};
    return (
      inv.name === obj.metadata.name &&
      (inv.namespace ?? '') === (obj.metadata.namespace ?? '') &&
      (opts.omitKind || inv.kind === obj.kind) &&
      uids.includes(inv.uid ?? '')
    );
  });
}

/**
 * DescribeEvents: `Events:\t<none>`, or a table sorted by lastTimestamp with Go's sort.Sort
 * (event.SortableEvents; unstable, so ties land where kubectl puts them), each row aged as
 * `<age>` or `<last> (xN over <first>)`.
 */
export function describeEvents(events: readonly KubeObject[], w: PrefixWriter, nowUnixMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  const sorted = [...events];
  goSortSlice(sorted, (a, b) => (unixMs(a.lastTimestamp) ?? 0) < (unixMs(b.lastTimestamp) ?? 0));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const ev: Json = e;
    const first = unixMs(ev.eventTime) === undefined ? since(ev.firstTimestamp, nowUnixMs) : since(ev.eventTime, nowUnixMs);
    let interval: string;
    if (ev.series) interval = `${since(ev.series.lastObservedTime, nowUnixMs)} (x${ev.series.count} over ${first})`;
    else if ((ev.count ?? 0) > 1) interval = `${since(ev.lastTimestamp, nowUnixMs)} (x${ev.count} over ${first})`;
    else interval = first;
    const source = ev.source?.component || ev.reportingComponent || ev.reportingController || '';
    w.write(LEVEL_1, `${ev.type ?? ''}\t${ev.reason ?? ''}\t${interval}\t${source}\t${String(ev.message ?? '').trim()}\n`);
  }
}
