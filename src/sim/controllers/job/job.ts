/**
 * The Job controller (kube-controller-manager v1.31, `pkg/controller/job/job_controller.go`,
 * `backoff_utils.go`, `indexed_job_utils.go`): runs a Job's Pods up to `parallelism` until
 * `completions` succeed (NonIndexed or Indexed), replaces failed Pods after the pod-failure
 * back-off, and ends the Job on success, backoffLimit or activeDeadlineSeconds.
 *
 * v1.31 has JobPodReplacementPolicy (beta, on), so terminal conditions are delayed
 * (`delayTerminalCondition`): SuccessCriteriaMet before Complete, FailureTarget before Failed,
 * and the final condition only once no Pod is terminating; `status.terminating` is written.
 *
 * Left out: podFailurePolicy, successPolicy, backoffLimitPerIndex, managedBy, manualSelector
 * adoption/orphaning, and the `batch.kubernetes.io/job-tracking` finalizer: finished Pods are
 * counted once in the controller's memory (`counted`), and a Pod removed before it was counted
 * is counted as the finalizer would have let it be (failed unless it had succeeded).
 */
import type { APIServer } from '../../api/apiserver.ts';
import { APIError } from '../../api/errors.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS, parseRFC3339 } from '../../kernel/time.ts';
import { formatIndexes, parseIndexes, podIndex } from './indexes.ts';

export const JOBS = preferredResourceForKind('Job')!;
const PODS = preferredResourceForKind('Pod')!;
export const JOB_CONTROLLER = 'job-controller';

/** syncJobBatchPeriod: Pod events are batched into one sync a second later. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1000;
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (the docs say 6m; the v1.31 code caps at 10m). */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

type Pod = Readonly<KubeObject>;
/* eslint-disable @typescript-eslint/no-explicit-any -- conditions are plain decoded JSON */
type Condition = Record<string, any>;

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs: number;
}

export class JobController {
  private readonly queue: WorkQueue;
  private readonly jobInformer: Informer;
  private readonly podInformer: Informer;
  /** Job uid → uids of its finished Pods already in status (what the tracking finalizer records upstream). */
  private readonly counted = new Map<string, Set<string>>();
  /** Job uid → Pods that vanished before they were counted. */
  private readonly lost = new Map<string, { succeeded: number; failed: number }>();
  /** Job key → podBackoffStore's record. */
  private readonly backoff = new Map<string, BackoffRecord>();
  /** Pods the controller deleted because their Job was suspended: not failures, and no back-off. */
  private readonly suspendDeleted = new Set<string>();
  /** Keys with a batched sync already on the agenda. */
  private readonly batched = new Set<string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, JOB_CONTROLLER, (key) => this.sync(key));
    this.jobInformer = new Informer(store, JOBS);
    this.podInformer = new Informer(store, PODS);
  }

  start(): void {
    const enqueue = (job: KubeObject) => this.queue.add(keyOf(job));
    this.jobInformer.addEventHandler({
      onAdd: enqueue,
      onUpdate: (_, job) => enqueue(job),
      onDelete: (job) => {
        // The Job is gone: forget what was counted for it (its Pods go with it).
        this.counted.delete(job.metadata.uid);
        this.lost.delete(job.metadata.uid);
        enqueue(job);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.enqueueBatched(pod),
      onUpdate: (_, pod) => this.enqueueBatched(pod),
      onDelete: (pod) => {
        const ref = jobRefOf(pod);
        if (!ref) return;
        const counted = this.counted.get(ref.uid);
        if (this.suspendDeleted.delete(pod.metadata.uid)) {
          counted?.add(pod.metadata.uid);
        } else if (!counted?.has(pod.metadata.uid)) {
          const lost = this.lost.get(ref.uid) ?? { succeeded: 0, failed: 0 };
          if (pod.status?.phase === 'Succeeded') lost.succeeded++;
          else lost.failed++;
          this.lost.set(ref.uid, lost);
          counted?.add(pod.metadata.uid);
        }
        this.enqueueBatched(pod);
      },
    });
  }

  private enqueueBatched(pod: KubeObject): void {
    const ref = jobRefOf(pod);
    if (!ref) return;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    if (this.batched.has(key)) return;
    this.batched.add(key);
    this.kernel.after(SYNC_JOB_BATCH_PERIOD_MS, `${JOB_CONTROLLER}: batch ${key}`, () => {
      this.batched.delete(key);
      this.queue.add(key);
    });
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const job = this.store.get(JOBS, namespace, name);
    if (!job) {
      this.backoff.delete(key);
      return;
    }
    if (isFinished(job)) {
      this.backoff.delete(key);
      return;
    }
    const uid = job.metadata.uid;
    const counted = this.counted.get(uid) ?? new Set<string>();
    this.counted.set(uid, counted);
    const status = deepCopy(job.status ?? {});
    const before = JSON.stringify(status);
    const spec = job.spec;
    const indexed = spec.completionMode === 'Indexed';
    const nowMs = this.kernel.nowMs;

    const pods = this.podInformer.list(namespace).filter((p) => jobRefOf(p)?.uid === uid);
    let active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
    let terminating = pods.filter((p) => !isTerminal(p) && p.metadata.deletionTimestamp).length;
    const newSucceeded = pods.filter((p) => p.status?.phase === 'Succeeded' && !counted.has(p.metadata.uid));
    const newFailed = pods.filter((p) => p.status?.phase === 'Failed' && !counted.has(p.metadata.uid) && !this.suspendDeleted.has(p.metadata.uid)).sort((a, b) => finishedMs(a, nowMs) - finishedMs(b, nowMs));
    const lost = this.lost.get(uid) ?? { succeeded: 0, failed: 0 };
    this.lost.delete(uid);
    for (const p of [...newSucceeded, ...newFailed]) counted.add(p.metadata.uid);

    let succeeded = (status.succeeded ?? 0) + newSucceeded.length + lost.succeeded;
    const failed = (status.failed ?? 0) + newFailed.length + lost.failed;
    const succeededIndexes = parseIndexes(status.completedIndexes);
    if (indexed) {
      for (const p of newSucceeded) {
        const i = podIndex(p);
        if (i !== undefined && i < spec.completions) succeededIndexes.add(i);
      }
      succeeded = succeededIndexes.size;
    }
    const suspended = spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = this.kernel.timestamp();
    this.recordBackoff(key, newSucceeded, newFailed, lost.failed, nowMs);

    let finished: Condition | undefined;
    const failureTarget = (status.conditions ?? []).find((c: Condition) => c.type === 'FailureTarget' && c.status === 'True');
    if (hasCondition(job, 'SuccessCriteriaMet')) {
      finished = (status.conditions as Condition[]).find((c) => c.type === 'SuccessCriteriaMet');
    } else if (failureTarget) {
      finished = failureTarget;
    } else if (failed > spec.backoffLimit || pastBackoffLimitOnFailure(job, active)) {
      finished = this.condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    } else if (this.pastActiveDeadline(job, status)) {
      finished = this.condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline');
    } else if (spec.activeDeadlineSeconds !== undefined && !suspended && status.startTime) {
      const remainingMs = parseRFC3339(status.startTime)! - EPOCH_MS + spec.activeDeadlineSeconds * 1000 - nowMs;
      this.queue.addAfter(key, remainingMs);
    }

    if (finished) {
      // deleteActivePods: the Job is done, whatever still runs goes.
      for (const pod of active) this.deletePod(job, pod);
      terminating += active.length;
      active = [];
    } else {
      if (!job.metadata.deletionTimestamp) active = this.manageJob(job, key, active, succeeded, succeededIndexes, pods);
      const complete = spec.completions === undefined || spec.completions === null ? succeeded > 0 && active.length === 0 : succeeded >= spec.completions && active.length === 0;
      if (complete) finished = this.condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
      else this.updateSuspendCondition(job, status);
    }

    status.active = active.length;
    status.ready = active.filter(isReady).length;
    status.terminating = terminating;
    status.succeeded = succeeded;
    status.failed = failed;
    if (indexed) status.completedIndexes = formatIndexes(succeededIndexes);

    // trackJobStatusAndRemoveFinalizers: the interim condition first, the final one once no Pod terminates.
    let final: Condition | undefined;
    if (finished?.type === 'FailureTarget') {
      if (!failureTarget) status.conditions = [...(status.conditions ?? []), finished];
      final = this.condition('Failed', finished.reason, finished.message);
    } else if (finished?.type === 'SuccessCriteriaMet') {
      if (!hasCondition(job, 'SuccessCriteriaMet')) status.conditions = [...(status.conditions ?? []), finished];
      final = this.condition('Complete', finished.reason, finished.message);
    }
    if (final && terminating === 0) {
      status.conditions = [...(status.conditions ?? []), final];
      if (final.type === 'Complete') status.completionTime = this.kernel.timestamp();
    }
    this.writeStatus(job, status, before);
    if (final && terminating === 0) {
      this.backoff.delete(key);
      if (final.type === 'Complete') this.events.record(job, 'Normal', 'Completed', 'Job completed', { component: JOB_CONTROLLER });
      else this.events.record(job, 'Warning', final.reason, final.message, { component: JOB_CONTROLLER });
    }
  }

  /**
   * manageJob: delete Pods beyond what is wanted, or create the missing ones once the
   * pod-failure back-off has passed. Returns the active Pods after it.
   */
  private manageJob(job: KubeObject, key: string, active: Pod[], succeeded: number, succeededIndexes: Set<number>, all: readonly Pod[]): Pod[] {
    const spec = job.spec;
    if (spec.suspend === true) {
      for (const pod of active) {
        this.suspendDeleted.add(pod.metadata.uid);
        this.deletePod(job, pod);
      }
      return [];
    }
    const parallelism: number = spec.parallelism ?? 1;
    const completions: number | undefined = spec.completions ?? undefined;
    const wantActive = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.max(0, Math.min(completions - succeeded, parallelism));
    if (active.length > wantActive) {
      // activePodsForRemoval: not yet running first, then the newest.
      const ranked = [...active].sort((a, b) => removalRank(a) - removalRank(b) || (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? 1 : -1));
      const doomed = ranked.slice(0, Math.min(active.length - wantActive, MAX_POD_CREATE_DELETE_PER_SYNC));
      for (const pod of doomed) this.deletePod(job, pod);
      return active.filter((p) => !doomed.includes(p));
    }
    if (active.length === wantActive) return active;
    const remainingMs = this.backoffRemainingMs(key);
    if (remainingMs > 0) {
      this.queue.addAfter(key, remainingMs);
      return active;
    }
    const count = Math.min(wantActive - active.length, MAX_POD_CREATE_DELETE_PER_SYNC);
    const created: Pod[] = [];
    if (spec.completionMode === 'Indexed') {
      // Lowest indexes first that neither succeeded nor have a live Pod.
      const busy = new Set<number>(all.filter((p) => !isTerminal(p)).map((p) => podIndex(p)).filter((i): i is number => i !== undefined));
      for (let i = 0; i < completions! && created.length < count; i++) {
        if (succeededIndexes.has(i) || busy.has(i)) continue;
        const pod = this.createPod(job, i);
        if (pod) created.push(pod);
        else break;
      }
    } else {
      for (let n = 0; n < count; n++) {
        const pod = this.createPod(job, undefined);
        if (pod) created.push(pod);
        else break;
      }
    }
    return [...active, ...created];
  }

  private createPod(job: KubeObject, index: number | undefined): Pod | undefined {
    const template = deepCopy(job.spec.template ?? {});
    const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
    const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
    const spec = template.spec ?? {};
    if (index !== undefined) {
      // addCompletionIndexEnvVariables / addCompletionIndexAnnotation / PodIndexLabel, and the hostname.
      annotations[INDEX_KEY] = String(index);
      labels[INDEX_KEY] = String(index);
      spec.hostname ??= `${job.metadata.name}-${index}`;
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        if ((c.env ?? []).some((e: { name: string }) => e.name === 'JOB_COMPLETION_INDEX')) continue;
        c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${INDEX_KEY}']` } } }];
      }
    }
    const manifest = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: index === undefined ? `${job.metadata.name}-` : `${job.metadata.name}-${index}-`,
        namespace: job.metadata.namespace,
        labels,
        ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec,
    };
    try {
      const pod = this.api.create(PODS, manifest, JOB_CONTROLLER);
      this.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: JOB_CONTROLLER });
      return pod;
    } catch (err) {
      if (!(err instanceof APIError)) throw err;
      this.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${err.message}`, { component: JOB_CONTROLLER });
      this.queue.addAfter(keyOf(job), 10_000);
      return undefined;
    }
  }

  private deletePod(job: KubeObject, pod: Pod): void {
    if (!this.store.peek(PODS, pod.metadata.namespace, pod.metadata.name)) return;
    this.api.delete(PODS, pod.metadata.namespace, pod.metadata.name, JOB_CONTROLLER);
    this.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: JOB_CONTROLLER });
  }

  /** newBackoffRecord: failures since the last success and when the last of them finished. */
  private recordBackoff(key: string, newSucceeded: Pod[], newFailed: Pod[], lostFailed: number, nowMs: number): void {
    const rec = this.backoff.get(key) ?? { failuresAfterLastSuccess: 0, lastFailureMs: 0 };
    if (newSucceeded.length > 0) {
      const lastSuccess = Math.max(...newSucceeded.map((p) => finishedMs(p, nowMs)));
      const after = newFailed.filter((p) => finishedMs(p, nowMs) > lastSuccess);
      rec.failuresAfterLastSuccess = after.length;
      rec.lastFailureMs = after.length ? finishedMs(after.at(-1)!, nowMs) : 0;
    } else if (newFailed.length + lostFailed > 0) {
      rec.failuresAfterLastSuccess += newFailed.length + lostFailed;
      rec.lastFailureMs = newFailed.length ? finishedMs(newFailed.at(-1)!, nowMs) : nowMs;
    }
    this.backoff.set(key, rec);
  }

  /** getRemainingTime: 10s·2^(n−1) capped, counted from the last failure. */
  private backoffRemainingMs(key: string): number {
    const rec = this.backoff.get(key);
    if (!rec || rec.failuresAfterLastSuccess === 0) return 0;
    let delay = POD_FAILURE_BACKOFF_MS;
    for (let i = 1; i < rec.failuresAfterLastSuccess && delay < MAX_POD_FAILURE_BACKOFF_MS; i++) delay *= 2;
    delay = Math.min(delay, MAX_POD_FAILURE_BACKOFF_MS);
    const elapsed = this.kernel.nowMs - rec.lastFailureMs;
    return delay < elapsed ? 0 : delay - elapsed;
  }

  private pastActiveDeadline(job: KubeObject, status: any): boolean {
    if (job.spec.activeDeadlineSeconds === undefined || !status.startTime || job.spec.suspend === true) return false;
    return EPOCH_MS + this.kernel.nowMs - parseRFC3339(status.startTime)! >= job.spec.activeDeadlineSeconds * 1000;
  }

  /** The Suspended condition and its events when `spec.suspend` flips (a resumed Job restarts its clock). */
  private updateSuspendCondition(job: KubeObject, status: any): void {
    const suspended = job.spec.suspend === true;
    const current = (status.conditions ?? []).find((c: Condition) => c.type === 'Suspended');
    if (suspended && current?.status !== 'True') {
      status.conditions = [...(status.conditions ?? []).filter((c: Condition) => c.type !== 'Suspended'), this.condition('Suspended', 'JobSuspended', 'Job suspended')];
      this.events.record(job, 'Normal', 'Suspended', 'Job suspended', { component: JOB_CONTROLLER });
    } else if (!suspended && current?.status === 'True') {
      status.conditions = (status.conditions ?? []).map((c: Condition) => (c.type === 'Suspended' ? { ...this.condition('Suspended', 'JobResumed', 'Job resumed'), status: 'False' } : c));
      status.startTime = this.kernel.timestamp();
      this.events.record(job, 'Normal', 'Resumed', 'Job resumed', { component: JOB_CONTROLLER });
    }
  }

  private condition(type: string, reason: string, message: string): Condition {
    const now = this.kernel.timestamp();
    return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  /** Writes status with the fields the API returns: zero active/succeeded/failed are omitted (omitempty). */
  private writeStatus(job: KubeObject, status: any, before: string): void {
    for (const f of ['active', 'succeeded', 'failed'] as const) if (!status[f]) delete status[f];
    if (status.completedIndexes === '') delete status.completedIndexes;
    status.uncountedTerminatedPods ??= {};
    // Keys in the order `kubectl get -o yaml` prints them (sorted), so equal statuses compare equal.
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(status).sort()) sorted[k] = status[k];
    if (JSON.stringify(sorted) === before) return;
    const next = deepCopy(job);
    next.status = sorted;
    this.store.update(JOBS, next, JOB_CONTROLLER, { subresource: 'status' });
  }
}

function keyOf(obj: Readonly<KubeObject>): string {
  return `${obj.metadata.namespace}/${obj.metadata.name}`;
}

export function jobRefOf(obj: Readonly<KubeObject>): { name: string; uid: string } | undefined {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller && r.kind === 'Job');
  return ref ? { name: ref.name, uid: ref.uid } : undefined;
}

function hasCondition(job: Readonly<KubeObject>, type: string): boolean {
  return (job.status?.conditions ?? []).some((c: Condition) => c.type === type && c.status === 'True');
}

/** IsJobFinished: a Complete or Failed condition that is True. */
export function isFinished(job: Readonly<KubeObject>): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
}

/** When the Job finished: the lastTransitionTime of its Complete or Failed condition (Unix ms). */
export function finishTimeMs(job: Readonly<KubeObject>): number | undefined {
  const c = (job.status?.conditions ?? []).find((x: Condition) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c ? parseRFC3339(c.lastTransitionTime) : undefined;
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c: Condition) => c.type === 'Ready' && c.status === 'True');
}

/** Pending and unscheduled Pods are removed before running ones. */
function removalRank(pod: Pod): number {
  if (!pod.spec?.nodeName) return 0;
  if (pod.status?.phase !== 'Running') return 1;
  return isReady(pod) ? 3 : 2;
}

/** getFinishedTime: the latest container finishedAt, else now (virtual ms). */
function finishedMs(pod: Pod, nowMs: number): number {
  let latest: number | undefined;
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const at = cs.state?.terminated?.finishedAt ? parseRFC3339(cs.state.terminated.finishedAt) : undefined;
    if (at !== undefined && (latest === undefined || at > latest)) latest = at;
  }
  return latest === undefined ? nowMs : latest - EPOCH_MS;
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count against backoffLimit. */
function pastBackoffLimitOnFailure(job: KubeObject, active: Pod[]): boolean {
  if (job.spec.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of active) {
    for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += cs.restartCount ?? 0;
  }
  return job.spec.backoffLimit === 0 ? restarts > 0 : restarts >= job.spec.backoffLimit;
}
