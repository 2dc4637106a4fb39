/**
 * Pod status as the kubelet generates it: `getPhase` and `convertToAPIContainerStatuses`
 * (pkg/kubelet/kubelet_pods.go) and the conditions of pkg/kubelet/status/generate.go.
 */
import type { ContainerKind, ContainerRecord, PodRecord, Terminated } from './types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs and statuses are plain JSON here */
type Json = any;

export function isSidecar(c: Json): boolean {
  return c?.restartPolicy === 'Always';
}

export function kindOf(spec: Json, name: string): ContainerKind {
  const init = (spec.initContainers ?? []).find((c: Json) => c.name === name);
  if (init) return isSidecar(init) ? 'sidecar' : 'init';
  return 'app';
}

function terminatedJson(t: Terminated, ts: (ms: number) => string): Json {
  const out: Json = { containerID: t.containerID, exitCode: t.exitCode, finishedAt: ts(t.finishedAtMs), reason: t.reason };
  if (t.message) out.message = t.message;
  if (t.signal) out.signal = t.signal;
  out.startedAt = ts(t.startedAtMs);
  return out;
}

/** One container's API status (`convertToAPIContainerStatuses`, with the reason cache applied). */
export function containerStatus(rec: ContainerRecord, defaultWaiting: string, ts: (ms: number) => string): Json {
  const out: Json = {};
  let state: Json;
  let last: Terminated | undefined = rec.lastTerminated;
  if (rec.waiting && rec.runningSinceMs === undefined) {
    // A container that should be restarted (or could not start) shows Waiting with the cached reason.
    state = { waiting: rec.waiting.message ? { message: rec.waiting.message, reason: rec.waiting.reason } : { reason: rec.waiting.reason } };
    if (rec.terminated) last = rec.terminated;
  } else if (rec.runningSinceMs !== undefined) {
    state = { running: { startedAt: ts(rec.runningSinceMs) } };
  } else if (rec.terminated) {
    state = { terminated: terminatedJson(rec.terminated, ts) };
  } else {
    state = { waiting: { reason: defaultWaiting } };
  }
  if (rec.id) out.containerID = rec.id;
  out.image = rec.image;
  out.imageID = rec.imageID ?? '';
  out.lastState = last ? { terminated: terminatedJson(last, ts) } : {};
  out.name = rec.name;
  out.ready = rec.runningSinceMs !== undefined && rec.started && rec.ready;
  out.restartCount = rec.restartCount;
  out.started = rec.runningSinceMs !== undefined && rec.started;
  out.state = state;
  return out;
}

/** `getPhase` (pkg/kubelet/kubelet_pods.go, v1.31), over the API container statuses. */
export function getPhase(spec: Json, initStatuses: Json[], statuses: Json[], podIsTerminal: boolean): string {
  const find = (list: Json[], name: string) => list.find((s) => s.name === name);
  let pendingRegularInit = 0;
  let pendingSidecars = 0;
  let failedInit = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const s = find(initStatuses, c.name);
    if (!s) pendingRegularInit++;
    else if (s.state.running) pendingRegularInit++;
    else if (s.state.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInit++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInit++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = find(initStatuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) {
      if (!s.started) pendingSidecars++;
      running++;
    } else if (s.state.waiting && !s.lastState?.terminated) {
      pendingSidecars++;
      waiting++;
    }
  }
  let regularStarted = false;
  for (const c of spec.containers ?? []) {
    const s = find(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state.running) {
      running++;
      regularStarted = true;
    } else if (s.state.terminated) {
      stopped++;
      regularStarted = true;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState?.terminated) {
        stopped++;
        regularStarted = true;
      } else waiting++;
    } else unknown++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingRegularInit > 0 || (pendingSidecars > 0 && !regularStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

/** Go prints a []string with %s as `[a b]`. */
const goList = (names: string[]) => `[${names.join(' ')}]`;

/** GeneratePodInitializedCondition. */
export function initializedCondition(spec: Json, initStatuses: Json[], phase: string): Condition {
  const inits: Json[] = spec.initContainers ?? [];
  if (inits.length === 0) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of inits) {
    const s = initStatuses.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!isInitialized(c, s)) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (msgs.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: msgs.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

function isInitialized(c: Json, s: Json): boolean {
  if (isSidecar(c)) return s.started === true;
  return s.state.terminated?.exitCode === 0;
}

/** GenerateContainersReadyCondition; Ready copies it (no readiness gates are evaluated here). */
export function readyConditions(spec: Json, initStatuses: Json[], statuses: Json[], phase: string): [Condition, Condition] {
  const unknown: string[] = [];
  const unready: string[] = [];
  const check = (c: Json, list: Json[]) => {
    const s = list.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  };
  for (const c of spec.initContainers ?? []) if (isSidecar(c)) check(c, initStatuses);
  for (const c of spec.containers ?? []) check(c, statuses);
  let cr: Condition;
  if (phase === 'Succeeded' && unknown.length === 0) cr = { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  else if (phase === 'Failed') cr = { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  else {
    const msgs: string[] = [];
    if (unknown.length) msgs.push(`containers with unknown status: ${goList(unknown)}`);
    if (unready.length) msgs.push(`containers with unready status: ${goList(unready)}`);
    cr = msgs.length ? { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') } : { type: 'ContainersReady', status: 'True' };
  }
  return [{ ...cr, type: 'Ready' }, cr];
}

/** The whole kubelet-generated status for a pod record, conditions in upstream order. */
export function generateStatus(pod: Json, rec: PodRecord, hostIP: string, ts: (ms: number) => string, nowTs: string): Json {
  const spec = pod.spec;
  const hasInit = (spec.initContainers ?? []).length > 0;
  const initStatuses = (spec.initContainers ?? []).map((c: Json) => containerStatus(rec.containers.get(c.name)!, 'PodInitializing', ts));
  const statuses = (spec.containers ?? []).map((c: Json) => containerStatus(rec.containers.get(c.name)!, hasInit ? 'PodInitializing' : 'ContainerCreating', ts));
  // Before the sandbox exists the init containers wait with the default reason too.
  let phase = rec.terminalPhase ?? getPhase(spec, initStatuses, statuses, rec.terminated);
  if (rec.terminalPhase === undefined && (phase === 'Succeeded' || phase === 'Failed')) rec.terminalPhase = phase;
  phase = rec.terminalPhase ?? phase;
  const [ready, containersReady] = readyConditions(spec, initStatuses, statuses, phase);
  const kubeletConds: Condition[] = [
    { type: 'PodReadyToStartContainers', status: rec.sandboxReady ? 'True' : 'False' },
    initializedCondition(spec, initStatuses, phase),
    ready,
    containersReady,
  ];
  const conditions: Json[] = kubeletConds.map((c) => {
    const prev = rec.transitions.get(c.type);
    const at = prev && prev.status === c.status ? prev.at : nowTs;
    rec.transitions.set(c.type, { status: c.status, at });
    const out: Json = { lastProbeTime: null, lastTransitionTime: at };
    if (c.message) out.message = c.message;
    if (c.reason) out.reason = c.reason;
    out.status = c.status;
    out.type = c.type;
    return out;
  });
  // generateAPIPodStatus always reports PodScheduled=True; the scheduler's own condition is kept as written.
  const scheduled = (pod.status?.conditions ?? []).find((c: Json) => c.type === 'PodScheduled');
  conditions.push(scheduled ?? { lastProbeTime: null, lastTransitionTime: nowTs, status: 'True', type: 'PodScheduled' });
  for (const c of pod.status?.conditions ?? []) if (c.type !== 'PodScheduled' && !kubeletConds.some((k) => k.type === c.type)) conditions.push(c);
  const status: Json = { conditions, containerStatuses: statuses, hostIP, hostIPs: [{ ip: hostIP }] };
  if (hasInit) status.initContainerStatuses = initStatuses;
  status.phase = phase;
  if (rec.podIP) {
    status.podIP = rec.podIP;
    status.podIPs = [{ ip: rec.podIP }];
  }
  if (pod.status?.qosClass) status.qosClass = pod.status.qosClass;
  status.startTime = ts(rec.startTimeMs);
  return status;
}
