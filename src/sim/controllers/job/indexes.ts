/**
 * Completion indexes as the Job controller writes them (`pkg/controller/job/indexed_job_utils.go`):
 * `status.completedIndexes` is a sorted list of intervals, `1,3-5,7`.
 */

/** The interval form of a set of indexes: `0-2,4`. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Parses `formatIndexes` output back; entries that do not parse are ignored, as upstream logs and skips them. */
export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!text) return out;
  for (const part of text.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    for (let i = from; i <= to && i - from < 100_000; i++) out.add(i);
  }
  return out;
}

/** The completion index a Pod carries (annotation `batch.kubernetes.io/job-completion-index`), if valid. */
export function podIndex(pod: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}
