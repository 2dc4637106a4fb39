/** Formatting helpers that reproduce Go's output where the kubelet prints through fmt. */

/** Go's `time.Duration.String()` for whole milliseconds: `313ms`, `1.594s`, `1m2.5s`, `5m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const whole = Math.floor(sMs / 1000);
  const frac = sMs % 1000;
  const s = frac === 0 ? `${whole}s` : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}

/** `pkg/kubelet/util/format.Pod`: `name_namespace(uid)`. */
export function formatPod(pod: { metadata: { name: string; namespace?: string; uid: string } }): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})`;
}
