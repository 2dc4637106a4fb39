import { describe, expect, it } from 'vitest';
import { clusterHarness, PODS } from '../daemonset/testing-harness.ts';
import { GarbageCollector } from '../gc/gc.ts';
import { JobController } from '../job/job.ts';
import { CRONJOB_CONTROLLER, CronJobController, CRONJOBS } from './cronjob.ts';
import { preferredResourceForKind } from '../../api/resources.ts';

const JOBS = preferredResourceForKind('Job')!;

function setup() {
  return clusterHarness(
    [(k, a, s, e) => new JobController(k, a, s, e), (k, a, s, e) => new CronJobController(k, a, s, e), (k, a, s) => new GarbageCollector(k, s, a)],
    { images: ['busybox:1.36'] },
  );
}

function cronJob(script: string, extra = ''): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata: {name: hello, namespace: default}
spec:
  schedule: "*/1 * * * *"
${extra}  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: hello, image: "busybox:1.36", command: [sh, -c, "${script}"]}]
`;
}

describe('CronJob controller', () => {
  it('creates <cronjob>-<minutes since epoch> at each minute boundary, sees it complete, keeps 3', () => {
    const h = setup();
    h.apply(cronJob('sleep 2; exit 0'));
    h.at(59);
    expect(h.store.list(JOBS, 'default')).toEqual([]);
    h.at(310);
    // Jobs start 100ms after the minute (nextScheduleDelta); the Job controller completes each a
    // few seconds later, and the fourth success pushes the oldest out of the history of 3.
    expect(h.eventsBy(CRONJOB_CONTROLLER)).toEqual([
      '60.1 SuccessfulCreate: Created job hello-28725841',
      '65 SawCompletedJob: Saw completed job: hello-28725841, condition: Complete',
      '120.1 SuccessfulCreate: Created job hello-28725842',
      '125 SawCompletedJob: Saw completed job: hello-28725842, condition: Complete',
      '180.1 SuccessfulCreate: Created job hello-28725843',
      '185 SawCompletedJob: Saw completed job: hello-28725843, condition: Complete',
      '240.1 SuccessfulCreate: Created job hello-28725844',
      '245 SawCompletedJob: Saw completed job: hello-28725844, condition: Complete',
      '245 SuccessfulDelete: Deleted job hello-28725841',
      '300.1 SuccessfulCreate: Created job hello-28725845',
      '304 SawCompletedJob: Saw completed job: hello-28725845, condition: Complete',
      '304 SuccessfulDelete: Deleted job hello-28725842',
    ]);
    expect(h.store.list(JOBS, 'default').map((j) => j.metadata.name)).toEqual(['hello-28725843', 'hello-28725844', 'hello-28725845']);
    // The garbage collector took the deleted Jobs' Pods.
    expect(new Set(h.store.list(PODS, 'default').map((p) => p.metadata.labels!['job-name']))).toEqual(new Set(['hello-28725843', 'hello-28725844', 'hello-28725845']));
    expect(h.store.get(CRONJOBS, 'default', 'hello')!.status).toEqual({ lastScheduleTime: '2024-08-13T12:05:00Z', lastSuccessfulTime: '2024-08-13T12:05:04Z' });
    const job = h.store.get(JOBS, 'default', 'hello-28725845')!;
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-08-13T12:05:00Z' });
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: h.store.get(CRONJOBS, 'default', 'hello')!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('keeps the running Job in status.active; Forbid skips the next run', () => {
    const h = setup();
    h.apply(cronJob('sleep 600', '  concurrencyPolicy: Forbid\n'));
    h.at(121);
    expect(h.eventsBy(CRONJOB_CONTROLLER)).toEqual(['60.1 SuccessfulCreate: Created job hello-28725841', '120.1 JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid']);
    const job = h.store.get(JOBS, 'default', 'hello-28725841')!;
    expect(h.store.get(CRONJOBS, 'default', 'hello')!.status).toEqual({
      active: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'hello-28725841', namespace: 'default', resourceVersion: expect.any(String), uid: job.metadata.uid }],
      lastScheduleTime: '2024-08-13T12:01:00Z',
    });
  });

  it('Replace deletes the running Job before creating the next', () => {
    const h = setup();
    h.apply(cronJob('sleep 600', '  concurrencyPolicy: Replace\n'));
    h.at(121);
    expect(h.eventsBy(CRONJOB_CONTROLLER)).toEqual(['60.1 SuccessfulCreate: Created job hello-28725841', '120.1 SuccessfulDelete: Deleted job hello-28725841', '120.1 SuccessfulCreate: Created job hello-28725842']);
    expect(h.store.get(CRONJOBS, 'default', 'hello')!.status.active.map((r: { name: string }) => r.name)).toEqual(['hello-28725842']);
  });

  it('suspend stops runs; on resume a missed run starts only within startingDeadlineSeconds', () => {
    for (const [deadline, expected] of [
      ['', ['135 SuccessfulCreate: Created job hello-28725842', '180.1 SuccessfulCreate: Created job hello-28725843']],
      ['  startingDeadlineSeconds: 10\n', ['180.1 SuccessfulCreate: Created job hello-28725843']],
    ] as const) {
      const h = setup();
      h.apply(cronJob('sleep 600', `  suspend: true\n${deadline}`));
      h.at(135);
      expect(h.store.list(JOBS, 'default')).toEqual([]);
      const cj = h.store.get(CRONJOBS, 'default', 'hello')!;
      cj.spec.suspend = false;
      h.api.update(CRONJOBS, cj, 'kubectl');
      h.at(181);
      expect(h.eventsBy(CRONJOB_CONTROLLER)).toEqual(expected);
    }
  });

  it('reports an unparseable schedule', () => {
    const h = setup();
    h.apply(cronJob('exit 0').replace('"*/1 * * * *"', '"61 * * * *"'));
    expect(h.eventsBy(CRONJOB_CONTROLLER)).toEqual(['0 UnparseableSchedule: unparseable schedule: "61 * * * *" : end of range (61) above maximum (59): 61']);
  });
});
