import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types.ts';
import { EPOCH_MS, parseRFC3339 } from '../../kernel/time.ts';
import { computeHash, fnv32a, safeEncodeString } from './hash.ts';
import { deploymentHarness, deploymentYaml } from './testing.ts';
import { resolveFenceposts } from './util.ts';

const HASH = /^[4-9bcdf]{1,10}$/;
const utf8 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

/** The deployment-controller's events on `name`, after `sinceSeconds`. */
function scalingEvents(h: ReturnType<typeof deploymentHarness>, name: string, sinceSeconds = 0): string[] {
  return h.eventsFor(name).filter((e) => Number(e.split(' ')[0]) >= sinceSeconds);
}

describe('pod-template-hash (controller_utils.go ComputeHash)', () => {
  it('uses FNV-32a and SafeEncodeString as upstream does', () => {
    // hash/fnv test vectors.
    expect(fnv32a(utf8(''))).toBe(0x811c9dc5);
    expect(fnv32a(utf8('a'))).toBe(0xe40c292c);
    expect(fnv32a(utf8('foobar'))).toBe(0xbf9cf968);
    // rand.SafeEncodeString on digits: 0→4 … 5→9, 6→b, 7→c, 8→d, 9→f (K8S-FACTS §6).
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, in upstream format, and changes with collisionCount', () => {
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    expect(computeHash(t)).toMatch(HASH);
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash(t, 1)).toMatch(HASH);
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
  });
});

describe('ResolveFenceposts (deployment_util.go)', () => {
  it.each([
    [1, 1, 0],
    [3, 1, 0],
    [4, 1, 1],
    [10, 3, 2],
  ])('25%%/25%% of replicas = %i', (replicas, surge, unavailable) => {
    expect(resolveFenceposts('25%', '25%', replicas)).toEqual({ surge, unavailable });
  });
  it('makes maxUnavailable 1 when both resolve to 0', () => {
    expect(resolveFenceposts(0, 0, 5)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts('0%', '10%', 5)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe('DeploymentController', () => {
  it('leaves the bootstrapped CoreDNS Deployment and its ReplicaSet alone', () => {
    const h = deploymentHarness();
    expect(h.replicaSets('kube-system').map((rs) => rs.metadata.name)).toEqual(['coredns-7c65d6cfc9']);
    h.kernel.advanceMs(10_000);
    expect(h.kernel.timeline.list().filter((e) => e.source === 'deployment-controller')).toEqual([]);
  });

  it('creates web-<hash> with labels, selector, owner and annotations, and reports the rollout', () => {
    const h = deploymentHarness();
    const d = h.create(deploymentYaml('web', 3));
    const [rs] = h.replicaSets();
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(HASH);
    expect(hash).toBe(computeHash(d.spec.template));
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs!.spec.template.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs!.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
    expect(h.deployment('web').metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(h.deployment('web').status.conditions.map((c: { type: string; reason: string; message: string }) => `${c.type} ${c.reason}: ${c.message}`)).toEqual([
      'Available MinimumReplicasUnavailable: Deployment does not have minimum availability.',
      `Progressing ReplicaSetUpdated: ReplicaSet "web-${hash}" is progressing.`,
    ]);

    const status = h.kubectl('rollout status deployment/web');
    expect(status).toEqual({
      stdout:
        'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n' +
        'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n' +
        'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n' +
        'deployment "web" successfully rolled out\n',
      stderr: '',
      exitCode: 0,
    });
    expect(h.eventsFor('web')).toEqual([`0 ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3 (deployment-controller)`]);
    const done = h.deployment('web');
    expect(done.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(done.status.unavailableReplicas).toBeUndefined();
    expect(done.status.conditions.map((c: { type: string; status: string; reason: string; message: string }) => `${c.type} ${c.status} ${c.reason}: ${c.message}`)).toEqual([
      'Available True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable: ReplicaSet "web-${hash}" has successfully progressed.`,
    ]);
    // The Progressing condition has been True since the ReplicaSet was created.
    expect(done.status.conditions[1].lastTransitionTime).toBe(h.kernel.timestamp(0));
  });

  it('rolls an image change one surge Pod at a time (3 replicas: surge 1, unavailable 0)', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 3));
    h.kernel.advanceMs(30_000);
    const oldRS = h.replicaSets()[0]!.metadata.name;
    expect(h.kubectl('set image deployment/web nginx=nginx:1.28')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('set image deployment/web nginx=nginx:1.28')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    const newRS = h.replicaSets().find((rs) => rs.metadata.name !== oldRS)!.metadata.name;
    expect(newRS).toMatch(/^web-[4-9bcdf]{1,10}$/);
    h.kernel.advanceMs(30_000);
    expect(scalingEvents(h, 'web', 30)).toEqual(EXPECTED_ROLL(oldRS, newRS));
    expect(h.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas, rs.metadata.annotations!['deployment.kubernetes.io/revision']])).toEqual(
      [
        [oldRS, 0, '1'],
        [newRS, 3, '2'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
  });

  it('never exceeds replicas+maxSurge Pods nor drops below replicas-maxUnavailable ready ones while rolling 10 replicas', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('big', 10));
    h.kernel.advanceMs(60_000);
    expect(h.kubectl('set image deployment/big nginx=nginx:1.28').stdout).toBe('deployment.apps/big image updated\n');
    const { surge, unavailable } = resolveFenceposts('25%', '25%', 10);
    let maxSeen = 0;
    let minReady = Infinity;
    let steps = 0;
    const check = () => {
      const live = h.store.list(h.dc.pods.info, 'default').filter((p) => !p.metadata.deletionTimestamp);
      const ready = live.filter((p) => (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True'));
      const specTotal = h.replicaSets().reduce((n, rs) => n + (rs.spec.replicas as number), 0);
      maxSeen = Math.max(maxSeen, live.length, specTotal);
      minReady = Math.min(minReady, ready.length);
      expect(specTotal).toBeLessThanOrEqual(10 + surge);
      expect(live.length).toBeLessThanOrEqual(10 + surge);
      expect(ready.length).toBeGreaterThanOrEqual(10 - unavailable);
    };
    const endMs = h.kernel.nowMs + 120_000;
    check();
    while (h.kernel.nowMs < endMs) {
      const next = h.kernel.agenda.peekTime();
      if (next === undefined || next > endMs) break;
      h.kernel.advanceMs(next - h.kernel.nowMs);
      check();
      steps++;
    }
    expect(steps).toBeGreaterThan(50);
    // The bounds were reached, so the check is not vacuous.
    expect(maxSeen).toBe(13);
    expect(minReady).toBe(8);
    const d = h.deployment('big');
    expect(d.status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
  });

  it('rollout history, undo back to the previous ReplicaSet, and --to-revision', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 2));
    h.kubectl('rollout status deployment/web');
    const first = h.replicaSets()[0]!.metadata.name;
    h.kubectl('set image deployment/web nginx=nginx:1.28');
    h.kubectl('rollout status deployment/web');
    const second = h.replicaSets().find((rs) => rs.metadata.name !== first)!.metadata.name;
    expect(h.kubectl('rollout history deployment/web')).toEqual({ stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('rollout history deployment/web --revision=1').stdout).toBe(
      // history.go prints the template with raw tabs, not through a tabwriter (kubectl v1.31.9).
      `deployment.apps/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=${first.slice(4)}\n  Containers:\n   nginx:\n    Image:\tnginx:1.27\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n`,
    );
    expect(h.kubectl('rollout history deployment/web --revision=7')).toEqual({ stdout: '', stderr: 'error: unable to find the specified revision\n', exitCode: 1 });

    const seen = h.eventsFor('web').length;
    expect(h.kubectl('rollout undo deployment/web')).toEqual({ stdout: 'deployment.apps/web rolled back\n', stderr: '', exitCode: 0 });
    h.kubectl('rollout status deployment/web');
    const rss = Object.fromEntries(h.replicaSets().map((rs) => [rs.metadata.name, rs] as [string, KubeObject]));
    expect(Object.keys(rss).sort()).toEqual([first, second].sort());
    // The first ReplicaSet is the new one again, as revision 3, remembering it was revision 1.
    expect(rss[first]!.spec.replicas).toBe(2);
    expect(rss[second]!.spec.replicas).toBe(0);
    expect(rss[first]!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(h.deployment('web').spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(h.deployment('web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(h.eventsFor('web').slice(seen).map((e) => e.replace(/^[\d.]+ /, ''))).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${first} from 0 to 1 (deployment-controller)`,
      `ScalingReplicaSet: Scaled down replica set ${second} from 2 to 1 (deployment-controller)`,
      `ScalingReplicaSet: Scaled up replica set ${first} from 1 to 2 (deployment-controller)`,
      `ScalingReplicaSet: Scaled down replica set ${second} from 1 to 0 (deployment-controller)`,
    ]);
    expect(h.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(h.kubectl('rollout undo deployment/web --to-revision=3')).toEqual({ stdout: 'deployment.apps/web skipped rollback (current template already matches revision 3)\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('rollout undo deployment/web --to-revision=1')).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 1 in history\n', exitCode: 1 });
    expect(h.kubectl('rollout undo deployment/web --to-revision=2').stdout).toBe('deployment.apps/web rolled back\n');
    expect(h.deployment('web').spec.template.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('scale, pause and resume: conditions DeploymentPaused and DeploymentResumed, no rollout while paused', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 2));
    h.kubectl('rollout status deployment/web');
    expect(h.kubectl('scale deployment/web --replicas=4')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('scale deployment/web --replicas=4 --current-replicas=3')).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 3, was 4\n', exitCode: 1 });
    expect(h.kubectl('scale deployment/web')).toEqual({ stdout: '', stderr: 'error: required flag(s) "replicas" not set\n', exitCode: 1 });
    h.kubectl('rollout status deployment/web');
    expect(h.replicaSets()[0]!.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5' });
    expect(h.kubectl('rollout pause deployment/web')).toEqual({ stdout: 'deployment.apps/web paused\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('rollout pause deployment/web')).toEqual({ stdout: '', stderr: 'error: deployments.apps "web" is already paused\n', exitCode: 1 });
    const progressing = () => h.deployment('web').status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    expect(progressing()).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    h.kubectl('set image deployment/web nginx=nginx:1.28');
    expect(h.kubectl('rollout restart deployment/web')).toEqual({ stdout: '', stderr: `error: deployments.apps "web" can't restart paused deployment (run rollout resume first)\n`, exitCode: 1 });
    expect(h.kubectl('rollout undo deployment/web').stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    h.kernel.advanceMs(30_000);
    expect(h.replicaSets()).toHaveLength(1);
    expect(h.kubectl('rollout status deployment/web --watch=false')).toEqual({ stdout: 'Waiting for deployment "web" rollout to finish: 0 out of 4 new replicas have been updated...\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('rollout resume deployment/web')).toEqual({ stdout: 'deployment.apps/web resumed\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('rollout resume deployment/web').stderr).toBe('error: deployments.apps "web" is not paused\n');
    expect(h.replicaSets()).toHaveLength(2);
    expect(h.kubectl('rollout status deployment/web').stdout).toMatch(/deployment "web" successfully rolled out\n$/);
    expect(progressing()).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('rollout restart stamps restartedAt with the virtual time and rolls out a new ReplicaSet', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 1));
    h.kernel.advanceMs(61_000);
    expect(h.kubectl('rollout restart deployment/web')).toEqual({ stdout: 'deployment.apps/web restarted\n', stderr: '', exitCode: 0 });
    expect(h.deployment('web').spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': h.kernel.timestamp(61_000) });
    expect(h.kernel.timestamp(61_000)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:01:01Z$/);
    h.kubectl('rollout status deployment/web');
    expect(h.replicaSets().map((rs) => rs.spec.replicas).sort()).toEqual([0, 1]);
  });

  it('Recreate scales the old ReplicaSet to 0 and waits for its Pods to go before the new one', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 2, 'nginx:1.27', '\n  strategy:\n    type: Recreate'));
    h.kernel.advanceMs(30_000);
    const oldRS = h.replicaSets()[0]!.metadata.name;
    h.kubectl('set image deployment/web nginx=nginx:1.28');
    let overlap = false;
    const endMs = h.kernel.nowMs + 60_000;
    while (h.kernel.nowMs < endMs) {
      const next = h.kernel.agenda.peekTime();
      if (next === undefined || next > endMs) break;
      h.kernel.advanceMs(next - h.kernel.nowMs);
      const owners = new Set(h.pods().map((p) => p.metadata.ownerReferences![0]!.name));
      if (owners.size > 1) overlap = true;
    }
    expect(overlap).toBe(false);
    const newRS = h.replicaSets().find((rs) => rs.metadata.name !== oldRS)!.metadata.name;
    expect(scalingEvents(h, 'web', 30).map((e) => e.replace(/^[\d.]+ /, ''))).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${oldRS} from 2 to 0 (deployment-controller)`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 0 to 2 (deployment-controller)`,
    ]);
    expect(h.deployment('web').status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2 });
  });

  it('marks ProgressDeadlineExceeded when Pods never become ready, and rollout status fails', () => {
    const h = deploymentHarness();
    const yaml = deploymentYaml('bad', 2, 'nginx:1.27', '\n  progressDeadlineSeconds: 30').replace('        - containerPort: 80\n', '        - containerPort: 80\n        readinessProbe:\n          httpGet:\n            port: 9999\n            path: /\n');
    h.create(yaml);
    const r = h.kubectl('rollout status deployment/bad');
    expect(r).toEqual({ stdout: 'Waiting for deployment "bad" rollout to finish: 0 of 2 updated replicas are available...\n', stderr: 'error: deployment "bad" exceeded its progress deadline\n', exitCode: 1 });
    // lastUpdateTime is stored to the second (12:00:00), so the deadline passes at 30 s and the
    // requeue (deadline + 1 s, progress.go requeueStuckDeployment) sees it at 31 s.
    expect(h.kernel.nowSeconds).toBe(31);
    const rsName = h.replicaSets()[0]!.metadata.name;
    expect(h.deployment('bad').status.conditions[1]).toEqual({ type: 'Progressing', status: 'False', lastUpdateTime: h.kernel.timestamp(31_000), lastTransitionTime: h.kernel.timestamp(31_000), reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
  });

  it('passes minReadySeconds to the ReplicaSet, whose availability then holds the rollout back', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 1, 'nginx:1.27', '\n  minReadySeconds: 10'));
    expect(h.replicaSets()[0]!.spec.minReadySeconds).toBe(10);
    const r = h.kubectl('rollout status deployment/web');
    // The second line is the watch event of the status write that raised readyReplicas only.
    expect(r.stdout).toBe('Waiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...\n'.repeat(2) + 'deployment "web" successfully rolled out\n');
    const pod = h.pods()[0]!;
    const readyAt = pod.status.conditions.find((c: { type: string }) => c.type === 'Ready').lastTransitionTime as string;
    // Available no earlier than minReadySeconds after the Pod became Ready.
    expect(h.kernel.timestamp()).toBe(h.kernel.timestamp(parseRFC3339(readyAt)! - EPOCH_MS + 10_000));
  });

  it('shows --record and annotated change causes in rollout history', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 1));
    h.kubectl('rollout status deployment/web');
    expect(h.kubectl('set image deployment/web nginx=nginx:1.28 --record')).toEqual({ stdout: 'deployment.apps/web image updated\n', stderr: 'Flag --record has been deprecated, --record will be removed in the future\n', exitCode: 0 });
    h.kubectl('rollout status deployment/web');
    expect(h.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.28 --record=true\n\n');
    expect(h.kubectl('set image deployment/web nginx=nginx:1.29 --record=false').stderr).toBe('');
    h.kernel.advanceMs(1000);
    // The Deployment's change-cause annotation stays and is copied to the new ReplicaSet too.
    expect(h.kubectl('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web nginx=nginx:1.28 --record=true\n3         kubectl set image deployment/web nginx=nginx:1.28 --record=true\n\n');
    expect(h.kubectl('set image deployment/web nope=nginx:1').stderr).toBe('error: unable to find container named "nope"\n');
  });

  it('rollout status of the bootstrapped CoreDNS, and errors', () => {
    const h = deploymentHarness();
    expect(h.kubectl('rollout status -n kube-system deployment/coredns')).toEqual({ stdout: 'deployment "coredns" successfully rolled out\n', stderr: '', exitCode: 0 });
    expect(h.kubectl('rollout status deployment/nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
    expect(h.kubectl('rollout status')).toEqual({ stdout: '', stderr: "error: Required resource not specified.\nSee 'kubectl rollout status -h' for help and examples\n", exitCode: 1 });
    expect(h.kubectl('rollout pause -n kube-system daemonset/kube-proxy')).toEqual({ stdout: '', stderr: 'error: daemonsets.apps "kube-proxy" pausing is not supported\n', exitCode: 1 });
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 1, 'nginx:1.25', '\n  revisionHistoryLimit: 1'));
    for (const image of ['nginx:1.26', 'nginx:1.27', 'nginx:1.28']) {
      h.kubectl('rollout status deployment/web');
      h.kubectl(`set image deployment/web nginx=${image}`);
    }
    h.kubectl('rollout status deployment/web');
    h.kernel.advanceMs(5000);
    expect(h.replicaSets().map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual(['3', '4']);
  });

  it('scales a rollout in flight proportionally (sync.go scale)', () => {
    const h = deploymentHarness();
    h.create(deploymentYaml('web', 10, 'nginx:1.27', '\n  strategy:\n    rollingUpdate:\n      maxSurge: 3\n      maxUnavailable: 2'));
    h.kubectl('rollout status deployment/web');
    const oldRS = h.replicaSets()[0]!.metadata.name;
    // Right after the image change the rollout is in flight: new 0→3 (surge), old 10→8 (unavailable).
    h.kubectl('set image deployment/web nginx=nginx:1.28');
    const newRS = h.replicaSets().find((rs) => rs.metadata.name !== oldRS)!.metadata.name;
    const sizes = () => Object.fromEntries(h.replicaSets().map((rs) => [rs.metadata.name, rs.spec.replicas]));
    expect(sizes()).toEqual({ [oldRS]: 8, [newRS]: 5 });
    const seen = h.eventsFor('web').length;
    h.kubectl('scale deployment/web --replicas=20');
    // allowed 20+3 = 23, 10 to add: old 8·23/13 → 14 (+6), new 5·23/13 → 9 (+4).
    expect(sizes()).toEqual({ [oldRS]: 14, [newRS]: 9 });
    expect(h.eventsFor('web').slice(seen).map((e) => e.replace(/^[\d.]+ /, ''))).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${oldRS} from 8 to 14 (deployment-controller)`,
      `ScalingReplicaSet: Scaled up replica set ${newRS} from 5 to 9 (deployment-controller)`,
    ]);
  });
});

/**
 * The rollout of an image change at 30 s: each step waits for the new Pod to become available
 * (image pull, start, Ready), as rolling.go allows with 3 replicas (surge 1, unavailable 0).
 */
function EXPECTED_ROLL(oldRS: string, newRS: string): string[] {
  return [
    `30 ScalingReplicaSet: Scaled up replica set ${newRS} from 0 to 1 (deployment-controller)`,
    `33.681 ScalingReplicaSet: Scaled down replica set ${oldRS} from 3 to 2 (deployment-controller)`,
    `33.681 ScalingReplicaSet: Scaled up replica set ${newRS} from 1 to 2 (deployment-controller)`,
    `37.146 ScalingReplicaSet: Scaled down replica set ${oldRS} from 2 to 1 (deployment-controller)`,
    `37.146 ScalingReplicaSet: Scaled up replica set ${newRS} from 2 to 3 (deployment-controller)`,
    `37.852 ScalingReplicaSet: Scaled down replica set ${oldRS} from 1 to 0 (deployment-controller)`,
  ];
}
