import { describe, expect, it } from 'vitest';
import { harness } from './testing-harness.ts';

const pod = (name: string, policy: string) => `
apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  restartPolicy: ${policy}
  containers: [{ name: app, image: "busybox:1.36" }]
`;

const secondsOf = (line: string) => Number(line.split(' ')[0]);

describe('kubelet: restarts and CrashLoopBackOff (kuberuntime_manager.go doBackOff)', () => {
  it('restarts at once the first time, then backs off 10s, 20s, 40s from FinishedAt', () => {
    const h = harness();
    h.runtime.images.add('busybox:1.36');
    h.runtime.behaviours.set('app', { runMs: 1000, exitCode: 1 });
    h.create(pod('crash', 'Always'));
    h.at(200);
    const starts = h.runtime.log.filter((l) => l.endsWith('start app')).map((l) => Number(l.split(' ')[0]) / 1000);
    const exits = h.runtime.log.filter((l) => l.endsWith('exit app 1')).map((l) => Number(l.split(' ')[0]) / 1000);
    // Restart 1 follows the first exit within one PLEG relist; restart k waits its back-off from the exit before it,
    // plus at most one pod-worker retry period (Jitter(10s, 0.5)).
    expect(starts[1]! - exits[0]!).toBeLessThanOrEqual(1);
    for (const [k, backoff] of [[2, 10], [3, 20], [4, 40]] as const) {
      expect(starts[k]! - exits[k - 1]!).toBeGreaterThanOrEqual(backoff);
      expect(starts[k]! - exits[k - 1]!).toBeLessThan(backoff + 15);
    }
    const events = h.events('crash');
    const backOffs = events.filter((e) => e.includes(' BackOff: '));
    expect(backOffs[0]).toMatch(/^[\d.]+ BackOff: Back-off restarting failed container app in pod crash_default\([0-9a-f-]{36}\)$/);
    expect(secondsOf(backOffs[0]!) - exits[1]!).toBeLessThanOrEqual(1);
    const status = h.pod('crash')!.status.containerStatuses[0];
    expect(status.state.waiting.reason).toBe('CrashLoopBackOff');
    expect(status.state.waiting.message).toMatch(/^back-off 2m40s restarting failed container=app pod=crash_default\(/);
    expect(status.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(h.row('crash')).toMatch(/^crash 0\/1 CrashLoopBackOff 5 \(\d+s ago\) 3m20s$/);
  });

  it('restartPolicy Never: Completed and Succeeded for exit 0, Error and Failed otherwise; never restarted', () => {
    const h = harness();
    h.runtime.images.add('busybox:1.36');
    h.runtime.behaviours.set('app', { runMs: 3000, exitCode: 0 });
    h.create(pod('ok', 'Never'));
    h.at(10);
    expect(h.row('ok')).toBe('ok 0/1 Completed 0 10s');
    expect(h.pod('ok')!.status.phase).toBe('Succeeded');
    const cond = h.pod('ok')!.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(cond).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    h.runtime.behaviours.set('app', { runMs: 3000, exitCode: 2 });
    h.create(pod('bad', 'Never'));
    h.at(20);
    expect(h.row('bad')).toBe('bad 0/1 Error 0 10s');
    expect(h.pod('bad')!.status.phase).toBe('Failed');
    h.at(100);
    expect(h.runtime.log.filter((l) => l.endsWith('start app'))).toHaveLength(2);
  });

  it('restartPolicy OnFailure restarts a failure but not a success', () => {
    const h = harness();
    h.runtime.images.add('busybox:1.36');
    h.runtime.behaviours.set('app', { runMs: 2000, exitCode: 1 });
    h.create(pod('job', 'OnFailure'));
    h.at(1.5);
    h.runtime.behaviours.set('app', { runMs: 2000, exitCode: 0 });
    h.at(60);
    expect(h.row('job')).toBe('job 0/1 Completed 1 (56s ago) 60s'.replace('(56s ago)', h.row('job').match(/\(\d+s ago\)/)![0]));
    expect(h.pod('job')!.status.phase).toBe('Succeeded');
  });
});
