/**
 * The graph's animation bus. Cards and edges register for their own key and animate their DOM
 * directly when something happens to them: the worker's updates reach them through store and
 * index subscriptions, not through React re-renders (a request every second on a hundred edges
 * would otherwise re-render the whole graph).
 */
import type { PodSummary, ProbeKind } from '../../worker/protocol.ts';
import type { LoadBalancePick } from '../inspector/entries.ts';

/** A failed probe names its container (null: an entry that does not, then every container with that probe flashes). */
export type PodFx = { kind: 'restart' } | { kind: 'probe'; probe: ProbeKind; message: string; container: string | null };

/** The chips a failed probe flashes: the named container's, if it declares that probe; else every one that does. */
export function chipsToFlash<T extends { container: string; probes: readonly string[] }>(chips: readonly T[], probe: ProbeKind, container: string | null): T[] {
  const withProbe = chips.filter((c) => c.probes.includes(probe));
  return container === null ? withProbe : withProbe.filter((c) => c.container === container);
}

const listeners = new Map<string, Set<(payload: never) => void>>();

function on<T>(key: string, fn: (payload: T) => void): () => void {
  let set = listeners.get(key);
  if (!set) listeners.set(key, (set = new Set()));
  set.add(fn as (payload: never) => void);
  return () => {
    set.delete(fn as (payload: never) => void);
    if (set.size === 0) listeners.delete(key);
  };
}

function emit<T>(key: string, payload: T): void {
  for (const fn of listeners.get(key) ?? []) (fn as (p: T) => void)(payload);
}

const podKey = (namespace: string, name: string) => `pod:${namespace}/${name}`;
const edgeKey = (service: string, pod: string) => `edge:${service}:${pod}`;

export const onPodFx = (namespace: string, name: string, fn: (fx: PodFx) => void) => on(podKey(namespace, name), fn);
export const emitPodFx = (namespace: string, name: string, fx: PodFx) => emit(podKey(namespace, name), fx);
/** `service` is `namespace/name`, `pod` a Pod name in the same namespace. */
export const onPick = (service: string, pod: string, fn: (pick: LoadBalancePick) => void) => on(edgeKey(service, pod), fn);
export const emitPick = (pick: LoadBalancePick) => {
  if (pick.pod === null || !pick.service.startsWith(`${pick.podNamespace}/`)) return;
  emit(edgeKey(pick.service, pick.pod), pick);
  emit(ANY_PICK, pick);
};
const ANY_PICK = 'pick:*';
/** Every pick that reaches a Pod of the Service's namespace (the request overlay draws them all). */
export const onAnyPick = (fn: (pick: LoadBalancePick) => void) => on(ANY_PICK, fn);

const totalRestarts = (pod: PodSummary) => pod.containers.reduce((n, c) => n + c.restartCount, 0);

/** Pods (namespace/name) whose containers restarted between two summaries: same pod, more restarts. */
export function restartedPods(prev: readonly PodSummary[], next: readonly PodSummary[]): PodSummary[] {
  if (prev === next) return [];
  const before = new Map<string, PodSummary>();
  for (const p of prev) before.set(`${p.namespace}/${p.name}`, p);
  const out: PodSummary[] = [];
  for (const p of next) {
    const old = before.get(`${p.namespace}/${p.name}`);
    if (old && old.uid === p.uid && totalRestarts(p) > totalRestarts(old)) out.push(p);
  }
  return out;
}
