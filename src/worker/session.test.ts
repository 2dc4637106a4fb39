import { describe, expect, it } from 'vitest';
import { MAX_SEEK_AHEAD_MS, Session } from './session.ts';
import type { TimelineEvent } from '../sim/index.ts';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

function fresh(): Session {
  return new Session({ title: 'test', seed: 7, actions: [] });
}

/** The timeline without the wall-clock-free but order-sensitive details: all of it, as JSON. */
function history(session: Session): string {
  return JSON.stringify(session.current.timeline());
}

function podNames(session: Session): string {
  return session.current.exec('kubectl get pods -o name').stdout;
}

describe('Session', () => {
  it('records live inputs at their virtual time and replays them exactly', () => {
    const live = fresh();
    live.runTo(2_000);
    live.act({ kind: 'apply', yaml: DEPLOYMENT }, false);
    live.runTo(30_000);
    // Read through snapshot(): a kubectl command would itself be an (unrecorded) input.
    const victim = live.current.snapshot().objects['pods']!.find((p) => p.metadata.namespace === 'default')!.metadata.name;
    live.act({ kind: 'exec', line: `kubectl delete pod ${victim} --wait=false` }, false);
    live.runTo(60_000);
    const recorded = live.scenario();
    expect(recorded.actions.map((a) => [a.at, a.kind])).toEqual([
      [2, 'apply'],
      [30, 'exec'],
    ]);

    const replay = new Session(recorded);
    replay.runTo(60_000);
    expect(history(replay)).toBe(history(live));
    expect(podNames(replay)).toBe(podNames(live));
  });

  it('seeks backward by rebuilding and forward by playing, to identical states', () => {
    const session = fresh();
    session.act({ kind: 'apply', yaml: DEPLOYMENT }, false);
    session.runTo(45_000);
    const at45 = history(session);
    const pods45 = session.current.exec('kubectl get pods -o wide').stdout;

    session.seek(10_000);
    expect(session.nowMs).toBe(10_000);
    expect(session.rebuilds).toBe(1);
    expect(session.live).toBe(false);
    const at10 = session.current.timeline();
    expect(at10.every((e: TimelineEvent) => e.t <= 10)).toBe(true);
    expect(at10.length).toBeGreaterThan(0);

    session.seek(45_000);
    expect(session.live).toBe(true);
    expect(history(session)).toBe(at45);
    // The read-only `get` recorded its own user entry: compare the table, not the log.
    expect(session.current.exec('kubectl get pods -o wide').stdout).toBe(pods45);
  });

  it('runs a seek past the end forward, at most an hour, and clamps one before the start', () => {
    const session = fresh();
    session.runTo(5_000);
    session.seek(99_000);
    expect(session.nowMs).toBe(99_000);
    expect(session.live).toBe(true);
    session.seek(99_000_000);
    expect(session.nowMs).toBe(99_000 + MAX_SEEK_AHEAD_MS);
    session.seek(-3);
    expect(session.nowMs).toBe(0);
  });

  it('plays recorded inputs when they fall due after going back', () => {
    const session = new Session({
      title: 't',
      seed: 3,
      actions: [
        { at: 1, kind: 'apply', yaml: DEPLOYMENT },
        { at: 20, kind: 'exec', line: 'kubectl scale deployment web --replicas=1' },
      ],
    });
    expect(session.endMs).toBe(20_000);
    session.runTo(19_999);
    expect(session.nextInputMs()).toBe(20_000);
    session.runTo(20_000);
    expect(session.nextInputMs()).toBeUndefined();
    const web = session.current.snapshot().objects['deployments.apps']!.find((d) => d.metadata.name === 'web')!;
    expect((web.spec as { replicas: number }).replicas).toBe(1);
  });

  it('forks when a command changes the cluster in the past, and keeps the future for a read-only one', () => {
    const session = new Session({
      title: 't',
      seed: 3,
      actions: [
        { at: 1, kind: 'apply', yaml: DEPLOYMENT },
        { at: 20, kind: 'exec', line: 'kubectl scale deployment web --replicas=1' },
      ],
    });
    session.runTo(10_000);
    const look = session.act({ kind: 'exec', line: 'kubectl get deployment web' }, true);
    expect(look.forked).toBe(false);
    expect(look.result.stdout).toContain('web ');
    expect(session.scenario().actions.map((a) => a.at)).toEqual([1, 10, 20]);

    const change = session.act({ kind: 'exec', line: 'kubectl scale deployment web --replicas=5' }, false);
    expect(change.forked).toBe(true);
    expect(session.scenario().actions.map((a) => (a.kind === 'exec' ? a.line : 'apply'))).toEqual([
      'apply',
      'kubectl get deployment web',
      'kubectl scale deployment web --replicas=5',
    ]);
    expect(session.endMs).toBe(10_000);
    expect(session.live).toBe(true);
  });

  it('treats repeated commands as ongoing traffic: they neither end the history nor stop at a fork', () => {
    const session = new Session({
      title: 't',
      seed: 1,
      actions: [
        { at: 0, kind: 'exec', line: 'kubectl version --client', repeat: { every: 2, count: 10 } },
        { at: 3, kind: 'exec', line: 'kubectl get ns' },
      ],
    });
    // The end is the last one-off input (3 s), not the last repetition (18 s).
    expect(session.endMs).toBe(3_000);
    session.runTo(2_000);
    expect(session.live).toBe(false);
    session.runTo(5_000);
    expect(session.live).toBe(true);
    const users = session.current.timeline().filter((e) => e.type === 'user');
    expect(users.map((e) => e.t)).toEqual([0, 2, 3, 4]);

    // Back to 1 s and a change there: the get at 3 s is dropped, the repetitions go on.
    session.seek(1_000);
    const fork = session.act({ kind: 'exec', line: 'kubectl delete namespace default --wait=false' }, false);
    expect(fork.forked).toBe(true);
    expect(session.scenario().actions.map((a) => [a.at, a.kind === 'exec' ? a.line : a.kind])).toEqual([
      [0, 'kubectl version --client'],
      [1, 'kubectl delete namespace default --wait=false'],
    ]);
    session.runTo(8_000);
    const after = session.current.timeline().filter((e) => e.type === 'user');
    expect(after.map((e) => e.t)).toEqual([0, 1, 2, 4, 6, 8]);
    // A live command among ongoing repetitions runs now, and the repetitions stay on time.
    session.act({ kind: 'exec', line: 'kubectl get ns' }, true);
    session.runTo(10_000);
    expect(session.current.timeline().filter((e) => e.type === 'user').map((e) => e.t)).toEqual([0, 1, 2, 4, 6, 8, 8, 10]);
  });
});
