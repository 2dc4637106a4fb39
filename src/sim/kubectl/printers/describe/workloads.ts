import type { KubeObject } from '../../../api/types.ts';
import { formatLabels, formatLabelSelector, rfc1123z, selectorString } from '../util.ts';
import { describePodTemplate } from './containers.ts';
import { controllerOf, describeEvents, LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/** getPodStatusForController: phases of the pods this controller owns (by controller uid). */
export function podStatusCounts(owner: KubeObject, pods: readonly KubeObject[]): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of pods) {
    const ref = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
    if (!ref || ref.uid !== owner.metadata.uid) continue;
    const phase = p.status?.phase as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

const intOrString = (v: unknown): string => (v === undefined || v === null ? '0' : String(v));

function conditionsTable(conditions: Json[] | undefined, w: PrefixWriter): void {
  if (!conditions || conditions.length === 0) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** describeDeployment; `oldRSs`/`newRS` as deploymentutil.GetAllReplicaSets finds them. */
export function describeDeployment(d: KubeObject, oldRSs: readonly KubeObject[], newRS: KubeObject | undefined, events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = d.spec ?? {};
  const st: Json = d.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', d.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(
    LEVEL_0,
    `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  describePodTemplate(spec.template, w);
  conditionsTable(st.conditions, w);
  const byLabels = (list: readonly KubeObject[]): string =>
    list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
  if (oldRSs.length > 0 || newRS) {
    w.write(LEVEL_0, `OldReplicaSets:\t${byLabels(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${byLabels(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

export function describeReplicaSet(rs: KubeObject, pods: readonly KubeObject[], events: readonly KubeObject[], nowUnixMs: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabelsMultiline(w, 'Labels', rs.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = controllerOf(rs);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(rs, pods)}\n`);
  describePodTemplate(rs.spec?.template, w);
  conditionsTable(rs.status?.conditions, w);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

export function describeDaemonSet(ds: KubeObject, pods: readonly KubeObject[], events: readonly KubeObject[], nowUnixMs: number): string {
  const st: Json = ds.status ?? {};
  const w = new PrefixWriter();
  // describeDaemonSet prints no Namespace line (kubectl v1.31.9).
  w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(ds.spec?.selector)}\n`);
  const ns = ds.spec?.template?.spec?.nodeSelector ?? {};
  w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ns)}\n`);
  printLabelsMultiline(w, 'Labels', ds.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(ds, pods)}\n`);
  describePodTemplate(ds.spec?.template, w);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
