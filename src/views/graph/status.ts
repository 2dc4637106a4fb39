/**
 * How the graph colours what kubectl prints: a tone per pod STATUS string and per container
 * state, and compact resource numbers. Pure, so the colours are tested without a browser.
 */
import type { ContainerSummary, PodSummary } from '../../worker/protocol.ts';

export type Tone = 'ok' | 'progress' | 'error' | 'done' | 'fading' | 'unknown';

/** STATUS values that mean "on its way" (printPod reasons while a pod starts up). */
const PROGRESS_STATUSES = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated', 'NotReady']);
const DONE_STATUSES = new Set(['Completed', 'Succeeded']);
/** `Init:0/2`: init containers still running in order. */
const INIT_PROGRESS = /^Init:\d+\/\d+$/;

/** The tone of a pod's kubectl STATUS cell. */
export function podTone(pod: Pick<PodSummary, 'status' | 'terminating'>): Tone {
  const status = pod.status;
  if (status === 'Terminating' || pod.terminating) return 'fading';
  if (status === 'Running') return 'ok';
  if (DONE_STATUSES.has(status)) return 'done';
  if (PROGRESS_STATUSES.has(status) || INIT_PROGRESS.test(status) || status === '') return 'progress';
  if (status === 'Unknown') return 'unknown';
  // CrashLoopBackOff, Error, ImagePullBackOff, ErrImagePull, OOMKilled, Init:Error, Evicted, ...
  return 'error';
}

/** Waiting reasons that are steps of a normal start, not failures. */
const WAITING_PROGRESS = new Set(['', 'ContainerCreating', 'PodInitializing']);

/** The tone of one container chip. */
export function containerTone(c: Pick<ContainerSummary, 'state' | 'reason' | 'ready' | 'kind'>): Tone {
  switch (c.state) {
    case 'running':
      // A plain init container that runs is doing its job; the others should become ready.
      return c.ready || c.kind === 'init' ? 'ok' : 'progress';
    case 'waiting':
      return WAITING_PROGRESS.has(c.reason) ? 'progress' : 'error';
    case 'terminated':
      return c.reason === 'Completed' ? 'done' : 'error';
    default:
      return 'unknown';
  }
}

/** The pod sandbox (the `pause` container): it exists once the pod has an IP. */
export function sandboxTone(pod: Pick<PodSummary, 'podIP' | 'nodeName' | 'terminating'>): Tone {
  if (pod.podIP !== null) return pod.terminating ? 'fading' : 'ok';
  return pod.nodeName === null ? 'unknown' : 'progress';
}

/** Millicores as Kubernetes writes them: `250m`, `2`, `1500m`. */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

const KI = 1024;
const MI = KI * KI;
const GI = MI * KI;

/** Bytes in binary units, short: `0`, `64Mi`, `3.9Gi`. */
export function formatBytes(bytes: number): string {
  if (bytes >= GI) return `${trim(bytes / GI)}Gi`;
  if (bytes >= MI) return `${trim(bytes / MI)}Mi`;
  if (bytes >= KI) return `${trim(bytes / KI)}Ki`;
  return String(bytes);
}

const trim = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, ''));

/** A fraction for a usage bar, clamped to [0, 1] (a node can be overcommitted on paper). */
export function usageFraction(requested: number, allocatable: number): number {
  if (allocatable <= 0) return requested > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, requested / allocatable));
}
