import { formatRFC1123Z, parseRFC3339 } from '../../kernel/time.ts';
import { humanDuration } from './duration.ts';

/** translateTimestampSince (printers.go): `<unknown>` for a missing time, else HumanDuration(now - t). */
export function since(timestamp: unknown, nowUnixMs: number): string {
  const t = typeof timestamp === 'string' ? parseRFC3339(timestamp) : undefined;
  return t === undefined ? '<unknown>' : humanDuration(nowUnixMs - t);
}

/** time.RFC1123Z as describe prints it; a missing metav1.Time formats as Go's zero time. */
export function rfc1123z(timestamp: unknown): string {
  const t = typeof timestamp === 'string' ? parseRFC3339(timestamp) : undefined;
  return t === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : formatRFC1123Z(t);
}

export function unixMs(timestamp: unknown): number | undefined {
  return typeof timestamp === 'string' ? parseRFC3339(timestamp) : undefined;
}

/** Go's sort.Strings order (byte-wise, which for these ASCII keys is UTF-16 order). */
export function goSort(values: Iterable<string>): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = goSort(Object.keys(labels ?? {}));
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/**
 * labels.Selector.String() of metav1.LabelSelectorAsSelector: requirements sorted by key,
 * `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. A nil or empty selector is "".
 */
export function selectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of selector.matchExpressions ?? []) {
    const values = goSort(e.values ?? []).join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})` : e.operator === 'NotIn' ? `${e.key} notin (${values})` : e.operator === 'Exists' ? e.key : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator} (${values})`;
    reqs.push({ key: e.key, text });
  }
  // sort.Sort(ByKey(requirements)) compares keys only
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: the selector string, or `<none>` when it selects nothing or everything. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return selectorString(selector) || '<none>';
}

/** layoutContainerCells (printers.go): names and images joined by commas. */
export function layoutContainerCells(containers: readonly { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}
