import type { KubeObject } from '../../api/types.ts';
import { humanDuration } from './duration.ts';
import { since, unixMs } from './util.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- container statuses are plain JSON read defensively */
type Json = any;

const isRestartable = (c: Json): boolean => c?.restartPolicy === 'Always';

/**
 * printPod (pkg/printers/internalversion/printers.go): READY, STATUS and RESTARTS as kubectl
 * computes them, including restartable init containers (sidecars) and `N (X ago)` restarts.
 */
export function podRow(pod: KubeObject, wide: boolean, nowUnixMs: number): string[] {
  const spec: Json = pod.spec ?? {};
  const status: Json = pod.status ?? {};
  const containers: Json[] = spec.containers ?? [];
  const initContainers: Json[] = spec.initContainers ?? [];
  let restarts = 0;
  let restartableInitContainerRestarts = 0;
  let totalContainers = containers.length;
  let readyContainers = 0;
  let lastRestartDate = -Infinity;
  let lastRestartableInitContainerRestartDate = -Infinity;

  const podPhase: string = status.phase ?? '';
  let reason = podPhase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map<string, Json>();
  for (const c of initContainers) {
    initByName.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }

  const finishedAt = (cs: Json): number | undefined => (cs.lastState?.terminated ? (unixMs(cs.lastState.terminated.finishedAt) ?? -Infinity) : undefined);

  let initializing = false;
  const initStatuses: Json[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    const f = finishedAt(cs);
    if (f !== undefined && lastRestartDate < f) lastRestartDate = f;
    const restartable = isRestartable(initByName.get(cs.name));
    if (restartable) {
      restartableInitContainerRestarts += cs.restartCount ?? 0;
      if (f !== undefined && lastRestartableInitContainerRestartDate < f) lastRestartableInitContainerRestartDate = f;
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      else reason = `Init:${terminated.reason}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  const conditionTrue = (type: string): boolean => (status.conditions ?? []).some((c: Json) => c.type === type && c.status === 'True');

  if (!initializing || conditionTrue('Initialized')) {
    restarts = restartableInitContainerRestarts;
    lastRestartDate = lastRestartableInitContainerRestartDate;
    let hasRunning = false;
    const statuses: Json[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      const f = finishedAt(cs);
      if (f !== undefined && lastRestartDate < f) lastRestartDate = f;
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // a pod whose last container completed but another still runs is shown as running
    if (reason === 'Completed' && hasRunning) reason = conditionTrue('Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && Number.isFinite(lastRestartDate)) {
    restartsText = `${restarts} (${humanDuration(nowUnixMs - lastRestartDate)} ago)`;
  }

  const cells = [pod.metadata.name, `${readyContainers}/${totalContainers}`, reason, restartsText, since(pod.metadata.creationTimestamp, nowUnixMs)];
  if (wide) {
    const podIP: string = status.podIPs?.[0]?.ip || '<none>';
    const nodeName: string = spec.nodeName || '<none>';
    const nominated: string = status.nominatedNodeName || '<none>';
    let readinessGates = '<none>';
    const gates: Json[] = spec.readinessGates ?? [];
    if (gates.length > 0) {
      let trueConditions = 0;
      for (const g of gates) {
        const c = (status.conditions ?? []).find((x: Json) => x.type === g.conditionType);
        if (c?.status === 'True') trueConditions++;
      }
      readinessGates = `${trueConditions}/${gates.length}`;
    }
    cells.push(podIP, nodeName, nominated, readinessGates);
  }
  return cells;
}
