/**
 * `kubectl describe` for Jobs, CronJobs and StatefulSets, after kubectl/pkg/describe/describe.go
 * (v1.31): describeJob, describeCronJob / describeJobTemplate / printActiveJobs,
 * describeStatefulSet / describeVolumeClaimTemplates.
 */
import type { KubeObject } from '../../../api/types.ts';
import { quantityString } from '../../../api/quantity.ts';
import { humanDuration } from '../duration.ts';
import { claimClass } from '../columns.ts';
import { rfc1123z, selectorString, unixMs } from '../util.ts';
import { describePodTemplate } from './containers.ts';
import { podStatusCounts } from './workloads.ts';
import { controllerOf, describeEvents, LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

const isSet = (v: unknown): boolean => v !== undefined && v !== null;
/** printBoolPtr. */
const boolPtr = (v: unknown): string => (isSet(v) ? (v ? 'True' : 'False') : '<unset>');

/** capIndexesListOrNone: cut after the first comma past `softLimit` characters. */
function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  const ix = indexes.indexOf(',', softLimit);
  return ix < 0 ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

export function describeJob(job: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = job.spec ?? {};
  const st: Json = job.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  // LabelSelectorAsSelector: a nil selector is labels.Nothing(), whose String() is "".
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const controlledBy = controllerOf(job);
  if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
  if (isSet(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(spec.completions) ? spec.completions : '<unset>'}\n`);
  if (isSet(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (isSet(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (isSet(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (isSet(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  const start = unixMs(st.startTime);
  const end = unixMs(st.completionTime);
  if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`);
  if (isSet(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${st.active ?? 0} Active${isSet(st.ready) ? ` (${st.ready} Ready)` : ''} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  w.write(LEVEL_0, `Pods Statuses:\t${counts}\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
  describePodTemplate(spec.template, w);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

export function describeCronJob(cj: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = cj.spec ?? {};
  const st: Json = cj.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${boolPtr(spec.suspend)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${isSet(spec.successfulJobsHistoryLimit) ? spec.successfulJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${isSet(spec.failedJobsHistoryLimit) ? spec.failedJobsHistoryLimit : '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${isSet(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  // describeJobTemplate
  const jt: Json = spec.jobTemplate?.spec ?? {};
  w.write(LEVEL_0, `Selector:\t${jt.selector ? selectorString(jt.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${isSet(jt.parallelism) ? jt.parallelism : '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${isSet(jt.completions) ? jt.completions : '<unset>'}\n`);
  if (isSet(jt.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(jt.template, w);
  w.write(LEVEL_0, `Last Schedule Time:\t${st.lastScheduleTime ? rfc1123z(st.lastScheduleTime) : '<unset>'}\n`);
  const active: Json[] = st.active ?? [];
  w.write(LEVEL_0, 'Active Jobs:\t');
  w.writeLine(active.length === 0 ? '<none>' : active.map((j) => j.name).join(', '));
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

export function describeStatefulSet(sts: KubeObject, pods: readonly KubeObject[], events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = sts.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sts.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', sts.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru: Json = spec.updateStrategy?.rollingUpdate;
  if (ru && isSet(ru.partition)) {
    w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
    if (isSet(ru.maxUnavailable)) w.write(LEVEL_1, `MaxUnavailable:\t${String(ru.maxUnavailable)}\n`);
  }
  w.write(LEVEL_0, `Pods Status:\t${podStatusCounts(sts, pods)}\n`);
  describePodTemplate(spec.template, w);
  const templates: Json[] = spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
  } else {
    w.write(LEVEL_0, 'Volume Claims:\n');
    for (const t of templates) {
      w.write(LEVEL_1, `Name:\t${t.metadata?.name ?? ''}\n`);
      w.write(LEVEL_1, `StorageClass:\t${claimClass(t as KubeObject)}\n`);
      printLabelsMultiline(w, 'Labels', t.metadata?.labels, '  ');
      printLabelsMultiline(w, 'Annotations', t.metadata?.annotations, '  ');
      const storage = t.spec?.resources?.requests?.storage;
      w.write(LEVEL_1, `Capacity:\t${isSet(storage) ? quantityString(storage) : '<default>'}\n`);
      w.write(LEVEL_1, `Access Modes:\t[${(t.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
