import { describe, expect, it } from 'vitest';
import { GarbageCollector } from '../gc/gc.ts';
import { clusterHarness, PODS } from '../daemonset/testing-harness.ts';
import { formatIndexes, parseIndexes } from './indexes.ts';
import { JOB_CONTROLLER, JobController, JOBS } from './job.ts';
import { TTLAfterFinishedController } from './ttl.ts';

/** busybox is already on every node, so Pod timings are the controller's, not image pulls'. */
function setup() {
  return clusterHarness([(k, a, s, e) => new JobController(k, a, s, e), (k, a, s) => new TTLAfterFinishedController(k, a, s), (k, a, s) => new GarbageCollector(k, s, a)], { images: ['busybox:1.36'] });
}

function job(name: string, script: string, extra = ''): string {
  return `apiVersion: batch/v1
kind: Job
metadata: {name: ${name}, namespace: default}
spec:
${extra}  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: "busybox:1.36", command: [sh, -c, "${script}"]}]
`;
}

/** Events with generated pod names masked. */
function events(h: ReturnType<typeof setup>, name: string): string[] {
  return h.eventsBy(JOB_CONTROLLER).filter((e) => e.includes(`pod: ${name}-`) || !e.includes('pod: ')).map((e) => e.replace(/pod: ([a-z0-9-]+)-[bcdfghjklmnpqrstvwxz2456789]{5}$/, 'pod: $1-*'));
}

describe('Job controller', () => {
  it('runs completions 5 with parallelism 2 to Complete, with v1.31 conditions and status', () => {
    const h = setup();
    h.apply(job('pi', 'sleep 2; exit 0', '  completions: 5\n  parallelism: 2\n'));
    // Two at a time; a finished Pod is seen at PLEG's relist and the sync is batched by 1s.
    h.at(5);
    expect(h.store.get(JOBS, 'default', 'pi')!.status).toMatchObject({ active: 2, succeeded: 2, terminating: 0, uncountedTerminatedPods: {} });
    h.at(60);
    expect(events(h, 'pi')).toEqual([
      '0 SuccessfulCreate: Created pod: pi-*',
      '0 SuccessfulCreate: Created pod: pi-*',
      '4 SuccessfulCreate: Created pod: pi-*',
      '4 SuccessfulCreate: Created pod: pi-*',
      '8 SuccessfulCreate: Created pod: pi-*',
      '12 Completed: Job completed',
    ]);
    const cond = { status: 'True', lastProbeTime: '2024-08-13T12:00:12Z', lastTransitionTime: '2024-08-13T12:00:12Z', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    expect(h.store.get(JOBS, 'default', 'pi')!.status).toEqual({
      completionTime: '2024-08-13T12:00:12Z',
      conditions: [
        { type: 'SuccessCriteriaMet', ...cond },
        { type: 'Complete', ...cond },
      ],
      ready: 0,
      startTime: '2024-08-13T12:00:00Z',
      succeeded: 5,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    const pods = h.store.list(PODS, 'default');
    expect(pods).toHaveLength(5);
    const uid = h.store.get(JOBS, 'default', 'pi')!.metadata.uid;
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.status.phase).toBe('Succeeded');
    }
  });

  it('fails at backoffLimit 2 after back-offs of 10s and 20s, with FailureTarget then Failed', () => {
    const h = setup();
    h.apply(job('fail', 'exit 1', '  backoffLimit: 2\n'));
    h.at(120);
    // The Pods exit at 0, 11 and 31; each replacement waits 10s·2^(n−1) from
    // the last failure, and the third failure exceeds the limit at the next batched sync.
    const finished = h.store.list(PODS, 'default').map((p) => p.status.containerStatuses[0].state.terminated.finishedAt).sort();
    expect(finished).toEqual(['2024-08-13T12:00:00Z', '2024-08-13T12:00:11Z', '2024-08-13T12:00:31Z']);
    expect(events(h, 'fail')).toEqual([
      '0 SuccessfulCreate: Created pod: fail-*',
      '10 SuccessfulCreate: Created pod: fail-*',
      '31 SuccessfulCreate: Created pod: fail-*',
      '32 BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(h.kernel.timeline.list().find((e) => e.reason === 'BackoffLimitExceeded')!.data).toEqual({ eventType: 'Warning' });
    const cond = { status: 'True', lastProbeTime: '2024-08-13T12:00:32Z', lastTransitionTime: '2024-08-13T12:00:32Z', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    expect(h.store.get(JOBS, 'default', 'fail')!.status).toEqual({
      conditions: [
        { type: 'FailureTarget', ...cond },
        { type: 'Failed', ...cond },
      ],
      failed: 3,
      ready: 0,
      startTime: '2024-08-13T12:00:00Z',
      terminating: 0,
      uncountedTerminatedPods: {},
    });
  });

  it('ends a Job past activeDeadlineSeconds: its Pod is deleted, then Failed once it has terminated', () => {
    const h = setup();
    h.apply(job('slow', 'sleep 600', '  activeDeadlineSeconds: 20\n'));
    h.at(20);
    const status = h.store.get(JOBS, 'default', 'slow')!.status;
    expect(status.conditions.map((c: { type: string; reason: string }) => `${c.type} ${c.reason}`)).toEqual(['FailureTarget DeadlineExceeded']);
    expect(status.terminating).toBe(1);
    h.at(60);
    const done = h.store.get(JOBS, 'default', 'slow')!.status;
    expect(done.conditions.map((c: { type: string; message: string }) => `${c.type}: ${c.message}`)).toEqual(['FailureTarget: Job was active longer than specified deadline', 'Failed: Job was active longer than specified deadline']);
    expect(done.failed).toBe(1);
    const evs = events(h, 'slow');
    expect(evs.slice(0, 2)).toEqual(['0 SuccessfulCreate: Created pod: slow-*', '20 SuccessfulDelete: Deleted pod: slow-*']);
    expect(evs[2]).toMatch(/^\d+(\.\d+)? DeadlineExceeded: Job was active longer than specified deadline$/);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished, and its Pods with it', () => {
    const h = setup();
    h.apply(job('short', 'exit 0', '  ttlSecondsAfterFinished: 30\n'));
    h.at(20);
    const finished = h.store.get(JOBS, 'default', 'short')!;
    const doneAt = Date.parse(finished.status.completionTime) / 1000 - Date.parse('2024-08-13T12:00:00Z') / 1000;
    h.at(doneAt + 29);
    expect(h.store.get(JOBS, 'default', 'short')).toBeDefined();
    h.at(doneAt + 31);
    expect(h.store.get(JOBS, 'default', 'short')).toBeUndefined();
    expect(h.store.list(PODS, 'default')).toEqual([]);
  });

  it('suspend deletes the active Pods; resuming creates them again', () => {
    const h = setup();
    h.apply(job('s', 'sleep 600', '  parallelism: 2\n  completions: 2\n'));
    h.at(10);
    const j = h.store.get(JOBS, 'default', 's')!;
    j.spec.suspend = true;
    h.api.update(JOBS, j, 'kubectl');
    h.at(50);
    expect(h.store.list(PODS, 'default')).toEqual([]);
    const st = h.store.get(JOBS, 'default', 's')!.status;
    expect(st.conditions.map((c: { type: string; status: string; reason: string; message: string }) => [c.type, c.status, c.reason, c.message])).toEqual([['Suspended', 'True', 'JobSuspended', 'Job suspended']]);
    const r = h.store.get(JOBS, 'default', 's')!;
    r.spec.suspend = false;
    h.api.update(JOBS, r, 'kubectl');
    h.at(60);
    expect(h.store.list(PODS, 'default').filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    const after = h.store.get(JOBS, 'default', 's')!.status;
    expect(after.conditions[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    expect(after.startTime).toBe('2024-08-13T12:00:50Z');
    expect(events(h, 's').filter((e) => !e.includes('pod:'))).toEqual(['10 Suspended: Job suspended', '50 Resumed: Job resumed']);
  });

  it('Indexed: one Pod per index, named <job>-<index>-xxxxx, with JOB_COMPLETION_INDEX', () => {
    const h = setup();
    h.apply(job('idx', 'sleep 1; exit 0', '  completions: 3\n  parallelism: 3\n  completionMode: Indexed\n'));
    const pods = h.store.list(PODS, 'default');
    expect(pods.map((p) => p.metadata.name.replace(/-\w{5}$/, '')).sort()).toEqual(['idx-0', 'idx-1', 'idx-2']);
    const p0 = pods.find((p) => p.metadata.name.startsWith('idx-0-'))!;
    expect(p0.metadata.annotations!['batch.kubernetes.io/job-completion-index']).toBe('0');
    expect(p0.metadata.labels!['batch.kubernetes.io/job-completion-index']).toBe('0');
    expect(p0.spec.hostname).toBe('idx-0');
    expect(p0.spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
    h.at(60);
    expect(h.store.get(JOBS, 'default', 'idx')!.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
  });

  it('formats completed indexes as intervals', () => {
    expect(formatIndexes([5, 0, 1, 2, 7, 8])).toBe('0-2,5,7-8');
    expect([...parseIndexes('0-2,5')]).toEqual([0, 1, 2, 5]);
  });
});
