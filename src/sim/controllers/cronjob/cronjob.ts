/**
 * The CronJob controller, v2 (kube-controller-manager v1.31, `pkg/controller/cronjob/cronjob_controllerv2.go`
 * and `utils.go`): at each time the schedule gives, a Job named `<cronjob>-<scheduled Unix minutes>`
 * from the jobTemplate; concurrencyPolicy, startingDeadlineSeconds, suspend, the history limits,
 * and status active / lastScheduleTime / lastSuccessfulTime. Schedules are UTC (see schedule.ts).
 */
import type { APIServer } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS, formatRFC1123Z, formatRFC3339, parseRFC3339 } from '../../kernel/time.ts';
import { parseSchedule, ScheduleParseError, type Schedule } from './schedule.ts';

export const CRONJOBS = preferredResourceForKind('CronJob')!;
const JOBS = preferredResourceForKind('Job')!;
export const CRONJOB_CONTROLLER = 'cronjob-controller';
/** nextScheduleDelta: the sync runs this long after the scheduled time. */
const NEXT_SCHEDULE_DELTA_MS = 100;
/** More unmet times than this and the controller warns (TooManyMissedTimes). */
const MAX_MISSED = 100;

type Job = Readonly<KubeObject>;
/* eslint-disable @typescript-eslint/no-explicit-any -- status and conditions are decoded JSON */

export class CronJobController {
  private readonly queue: WorkQueue;
  private readonly cronJobInformer: Informer;
  private readonly jobInformer: Informer;

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, CRONJOB_CONTROLLER, (key) => this.sync(key));
    this.cronJobInformer = new Informer(store, CRONJOBS);
    this.jobInformer = new Informer(store, JOBS);
  }

  start(): void {
    const enqueue = (cj: KubeObject) => this.queue.add(`${cj.metadata.namespace}/${cj.metadata.name}`);
    this.cronJobInformer.addEventHandler({ onAdd: enqueue, onUpdate: (_, cj) => enqueue(cj) });
    const jobChanged = (job: KubeObject) => {
      const ref = (job.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'CronJob');
      if (ref) this.queue.add(`${job.metadata.namespace}/${ref.name}`);
    };
    this.jobInformer.addEventHandler({ onAdd: jobChanged, onUpdate: (_, j) => jobChanged(j), onDelete: jobChanged });
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const cj = this.store.get(CRONJOBS, namespace, name);
    if (!cj) return;
    const jobs = this.jobInformer.list(namespace).filter((j) => (j.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === cj.metadata.uid));
    const status = deepCopy(cj.status ?? {});
    const before = JSON.stringify(status);
    const requeueAfterMs = this.syncCronJob(cj, status, jobs);
    this.cleanupFinishedJobs(cj, status, jobs);
    this.writeStatus(cj, status, before);
    if (requeueAfterMs !== undefined) this.queue.addAfter(key, requeueAfterMs);
  }

  /** syncCronJob: reconcile status.active with the Jobs, then start the Job that is due, if any. */
  private syncCronJob(cj: KubeObject, status: any, jobs: readonly Job[]): number | undefined {
    const nowUnixMs = EPOCH_MS + this.kernel.nowMs;
    const active: any[] = status.active ?? [];
    const childNames = new Set(jobs.map((j) => j.metadata.name));
    for (const job of jobs) {
      const i = active.findIndex((r) => r.uid === job.metadata.uid);
      const finished = finishedType(job);
      if (i < 0 && !finished) {
        // A Job the controller did not create or forgot about.
        this.events.record(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`, { component: CRONJOB_CONTROLLER });
        active.push(jobRef(job));
      } else if (i >= 0 && finished) {
        active.splice(i, 1);
        this.events.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finished}`, { component: CRONJOB_CONTROLLER });
      }
      if (finished === 'Complete' && job.status?.completionTime) {
        const t = parseRFC3339(job.status.completionTime)!;
        if (!status.lastSuccessfulTime || t > parseRFC3339(status.lastSuccessfulTime)!) status.lastSuccessfulTime = job.status.completionTime;
      }
    }
    // Jobs in active that are gone (deleted by someone).
    for (let i = active.length - 1; i >= 0; i--) if (!childNames.has(active[i].name)) active.splice(i, 1);
    status.active = active;

    if (cj.metadata.deletionTimestamp || cj.spec.suspend === true) return undefined;
    let sched: Schedule;
    try {
      sched = parseSchedule(cj.spec.schedule);
    } catch (err) {
      if (!(err instanceof ScheduleParseError)) throw err;
      this.events.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec.schedule}" : ${err.message}`, { component: CRONJOB_CONTROLLER });
      return undefined;
    }
    const scheduled = this.mostRecentScheduleTime(cj, status, sched, nowUnixMs);
    const requeue = () => {
      const next = sched.next(nowUnixMs);
      return next === undefined ? undefined : next - nowUnixMs + NEXT_SCHEDULE_DELTA_MS;
    };
    if (scheduled === undefined) return requeue();
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < nowUnixMs) {
      this.events.record(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`, { component: CRONJOB_CONTROLLER });
      return requeue();
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
    if (active.some((r) => r.name === jobName) || (status.lastScheduleTime && parseRFC3339(status.lastScheduleTime) === scheduled)) return requeue();
    if (cj.spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
      this.events.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', { component: CRONJOB_CONTROLLER });
      return requeue();
    }
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const ref of [...active]) {
        const job = this.jobInformer.get(ref.namespace, ref.name);
        if (job) this.deleteJob(cj, status, job);
      }
    }
    const manifest = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace: cj.metadata.namespace,
        ...(cj.spec.jobTemplate?.metadata?.labels ? { labels: { ...cj.spec.jobTemplate.metadata.labels } } : {}),
        // CronJobsScheduledAnnotation (beta, on): the nominal time, in the CronJob's (here UTC) zone.
        annotations: { ...(cj.spec.jobTemplate?.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': formatRFC3339(scheduled) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: deepCopy(cj.spec.jobTemplate?.spec ?? {}),
    };
    try {
      const job = this.api.create(JOBS, manifest, CRONJOB_CONTROLLER);
      this.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`, { component: CRONJOB_CONTROLLER });
      // deleteJob (Replace) may have put a new array in status.active.
      status.active = [...(status.active ?? []), jobRef(job)];
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      if (err.reason !== 'AlreadyExists') {
        this.events.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${err.message}`, { component: CRONJOB_CONTROLLER });
        return requeue();
      }
      // Made by an earlier sync whose status write was lost: nothing to do.
    }
    status.lastScheduleTime = formatRFC3339(scheduled);
    return requeue();
  }

  /**
   * mostRecentScheduleTime: the latest unmet time in (earliest, now], where earliest is the
   * last schedule time (or creation), no earlier than now − startingDeadlineSeconds.
   */
  private mostRecentScheduleTime(cj: KubeObject, status: any, sched: Schedule, nowUnixMs: number): number | undefined {
    let earliest = parseRFC3339(status.lastScheduleTime ?? cj.metadata.creationTimestamp)!;
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, nowUnixMs - deadline * 1000);
    if (earliest > nowUnixMs) return undefined;
    let t = sched.next(earliest);
    if (t === undefined || t > nowUnixMs) return undefined;
    let missed = 0;
    let latest = t;
    while (t !== undefined && t <= nowUnixMs) {
      latest = t;
      if (++missed > MAX_MISSED) {
        // Upstream warns, then jumps to the most recent time without walking every one.
        this.events.record(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`, { component: CRONJOB_CONTROLLER });
        return lastActivationAtOrBefore(sched, latest, nowUnixMs);
      }
      t = sched.next(t);
    }
    return latest;
  }

  /** cleanupFinishedJobs: keep successfulJobsHistoryLimit Complete and failedJobsHistoryLimit Failed Jobs, oldest go first. */
  private cleanupFinishedJobs(cj: KubeObject, status: any, jobs: readonly Job[]): void {
    const limits: [string, number | undefined][] = [
      ['Complete', cj.spec.successfulJobsHistoryLimit],
      ['Failed', cj.spec.failedJobsHistoryLimit],
    ];
    for (const [type, limit] of limits) {
      if (limit === undefined || limit === null) continue;
      const finished = jobs.filter((j) => finishedType(j) === type && !j.metadata.deletionTimestamp && this.store.peek(JOBS, j.metadata.namespace, j.metadata.name));
      // byJobStartTime: by status.startTime, then name.
      finished.sort((a, b) => (a.status?.startTime ?? '').localeCompare(b.status?.startTime ?? '') || a.metadata.name.localeCompare(b.metadata.name));
      for (const job of finished.slice(0, Math.max(0, finished.length - limit))) this.deleteJob(cj, status, job);
    }
  }

  /** deleteJob: background deletion, out of status.active, and the SuccessfulDelete event. */
  private deleteJob(cj: KubeObject, status: any, job: Job): void {
    try {
      this.api.delete(JOBS, job.metadata.namespace, job.metadata.name, CRONJOB_CONTROLLER, { propagationPolicy: 'Background' });
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      return;
    }
    status.active = (status.active ?? []).filter((r: any) => r.uid !== job.metadata.uid);
    this.events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, { component: CRONJOB_CONTROLLER });
  }

  private writeStatus(cj: KubeObject, status: any, before: string): void {
    if (!status.active?.length) delete status.active;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(status).sort()) sorted[k] = status[k];
    if (JSON.stringify(sorted) === before) return;
    const current = this.store.get(CRONJOBS, cj.metadata.namespace, cj.metadata.name);
    if (!current) return;
    current.status = sorted;
    this.store.update(CRONJOBS, current, CRONJOB_CONTROLLER, { subresource: 'status' });
  }
}

/** The finished condition's type (IsJobFinished), if any. */
function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** ref.GetReference for a Job, as status.active holds it. */
function jobRef(job: Job): Record<string, string> {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace!, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid };
}

/** The last activation ≤ now, from a known activation `from`, stepping by at most a year's worth. */
function lastActivationAtOrBefore(sched: Schedule, from: number, nowUnixMs: number): number {
  // Bisect-free walk: jump a day before now and walk forward from the last activation before it.
  let latest = from;
  let probe = Math.max(from, nowUnixMs - 24 * 3_600_000);
  for (let guard = 0; guard < 2000; guard++) {
    const t = sched.next(probe);
    if (t === undefined || t > nowUnixMs) break;
    latest = t;
    probe = t;
  }
  return latest;
}
