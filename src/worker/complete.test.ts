import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { complete } from './complete.ts';

/** The default cluster plus a two-replica Deployment `web`, 20 virtual seconds in. */
function cluster() {
  const c = createCluster({ seed: 1 });
  c.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
`);
  c.advance(20);
  return c;
}

describe('terminal completion (kubectl cobra completion)', () => {
  const c = cluster();
  const s = c.snapshot();
  const webPods = c.exec('kubectl get pods -o name').stdout.trim().split('\n').map((n) => n.replace('pod/', ''));

  it('the first word: commands of the node shell', () => {
    expect(complete('ku', s)).toEqual({ from: 0, candidates: ['kubectl'], noSpace: false });
  });

  it('kubectl verbs', () => {
    expect(complete('kubectl de', s).candidates).toEqual(['debug', 'delete', 'describe']);
    expect(complete('kubectl ', s).candidates).toHaveLength(44);
  });

  it('resource types as `kubectl api-resources -o name` prints them', () => {
    expect(complete('kubectl get po', s)).toEqual({ from: 12, candidates: ['pods', 'poddisruptionbudgets.policy'], noSpace: false });
    expect(complete('kubectl get ser', s).candidates).toEqual(['serviceaccounts', 'services']);
    expect(complete('kubectl get deploy', s).candidates).toEqual(['deployments.apps']);
  });

  it('names from the live cluster, in the namespace of -n (default: default)', () => {
    expect(webPods).toHaveLength(2);
    expect(complete('kubectl describe pod we', s)).toEqual({ from: 21, candidates: webPods, noSpace: false });
    expect(complete(`kubectl get pods ${webPods[0]} `, s).candidates).toEqual([webPods[1]]);
    expect(complete('kubectl -n kube-system get pods kube-sch', s).candidates).toEqual(['kube-scheduler-control-plane']);
    expect(complete('kubectl get pod/', s).candidates).toEqual(webPods.map((p) => `pod/${p}`));
    expect(complete('kubectl -n ', s).candidates).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('per-command completion: nodes for cordon, pods and pod-holding types for logs, scale types', () => {
    expect(complete('kubectl cordon w', s).candidates).toEqual(['worker-1', 'worker-2']);
    expect(complete('kubectl logs d', s)).toEqual({ from: 13, candidates: ['daemonsets/', 'deployments/'], noSpace: true });
    expect(complete('kubectl scale deployment ', s).candidates).toEqual(['web']);
    expect(complete('kubectl rollout st', s).candidates).toEqual(['status']);
    expect(complete('kubectl get pods -o ya', s).candidates).toEqual(['yaml']);
  });

  it('completes the last command of a pipeline; nothing for other commands and flags', () => {
    expect(complete('kubectl get pods | gr', s).candidates).toEqual(['grep']);
    expect(complete('curl ', s).candidates).toEqual([]);
    expect(complete('kubectl get pods --all', s).candidates).toEqual([]);
  });

  it('reads without writing: no timeline entry', () => {
    const before = c.timelineSince(Number.MAX_SAFE_INTEGER).total;
    complete('kubectl get pods ', c.snapshot());
    expect(c.timelineSince(Number.MAX_SAFE_INTEGER).total).toBe(before);
  });
});
