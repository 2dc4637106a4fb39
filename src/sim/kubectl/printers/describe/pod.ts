import type { KubeObject } from '../../../api/types.ts';
import { parseQuantity } from '../../../api/quantity.ts';
import { rfc1123z, since } from '../util.ts';
import { describeContainers, describeVolumes } from './containers.ts';
import { controllerOf, describeEvents, LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/** qos.GetPodQOS: status.qosClass when set, else computed from requests and limits. */
export function podQOS(pod: KubeObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const all: Json[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req: Record<string, unknown> = c.resources?.requests ?? {};
    const lim: Record<string, unknown> = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = parseQuantity(req[r] ?? lim[r]);
      if (q && q.nanos !== 0n) any = true;
      const l = parseQuantity(lim[r]);
      const rq = parseQuantity(req[r] ?? lim[r]);
      if (!l || !rq || l.nanos !== rq.nanos) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** describePod (kubectl/pkg/describe/describe.go). `events` are the pod's events already selected. */
export function describePod(pod: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = pod.spec ?? {};
  const status: Json = pod.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pod.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(LEVEL_0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabelsMultiline(w, 'Labels', pod.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, nowUnixMs)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  if (spec.securityContext?.seccompProfile) {
    w.write(LEVEL_0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
    if (spec.securityContext.seccompProfile.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${spec.securityContext.seccompProfile.localhostProfile}\n`);
  }
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  const ips: Json[] = status.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(pod);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, pod, w, '');
  describeContainers('Containers', spec.containers ?? [], status.containerStatuses, pod, w, '');
  const gates: Json[] = spec.readinessGates ?? [];
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) {
      const cond = (status.conditions ?? []).find((c: Json) => c.type === g.conditionType);
      w.write(LEVEL_1, `${g.conditionType} \t${cond ? cond.status : '<none>'} \n`);
    }
  }
  const conditions: Json[] = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(spec.volumes, w, '');
  w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
