/**
 * FitError.Error() (pkg/scheduler/framework/types.go, v1.31): `0/N nodes are available:` then the
 * histogram of every node's reasons, each `"<count> <reason>"`, sorted as plain strings and joined
 * with ", ", then the PostFilter (preemption) message, each part closed by `" %v."`.
 */
export function fitErrorMessage(numAllNodes: number, nodeReasons: readonly (readonly string[])[], postFilterMessage: string): string {
  const histogram = new Map<string, number>();
  for (const reasons of nodeReasons) for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const parts = [...histogram].map(([reason, count]) => `${count} ${reason}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // Go's sort.Strings: byte order
  let msg = `0/${numAllNodes} nodes are available:`;
  if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  if (postFilterMessage) msg += ` ${postFilterMessage}.`;
  return msg;
}
