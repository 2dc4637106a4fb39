/**
 * pkg/controller/deployment/progress.go (v1.31): the Progressing condition (ReplicaSetUpdated,
 * NewReplicaSetAvailable, ProgressDeadlineExceeded), ReplicaFailure, and the requeue that
 * notices a deadline passing when nothing else happens.
 */
import type { KubeObject } from '../../api/types.ts';
import { EPOCH_MS, parseRFC3339 } from '../../kernel/time.ts';
import type { DeploymentController } from './controller.ts';
import { calculateStatus, sameStatus, writeDeployment } from './sync.ts';
import { REASONS, deploymentComplete, deploymentProgressing, getCondition, hasProgressDeadline, newCondition, removeCondition, setCondition, type Condition, type DeploymentStatus } from './util.ts';

type DC = DeploymentController;

export function syncRolloutStatus(dc: DC, allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined, d: KubeObject): void {
  const status = calculateStatus(dc, allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === REASONS.NewRSAvailable;
  const now = dc.kernel.timestamp();
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', REASONS.NewRSAvailable, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const condition = newCondition('Progressing', 'True', REASONS.ReplicaSetUpdated, msg, now);
      // A Progressing condition that stays True keeps its lastTransitionTime but always gets a
      // new lastUpdateTime: that time is what the progress deadline counts from.
      if (current) {
        if (current.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, condition);
    } else if (deploymentTimedOut(dc, d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', REASONS.TimedOut, msg, now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(status, failure);
  else removeCondition(status, 'ReplicaFailure');
  if (sameStatus(d.status, status)) {
    requeueStuckDeployment(dc, d, status);
    return;
  }
  d.status = status;
  writeDeployment(dc, d);
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure condition first, else an old one's. */
function replicaFailure(allRSs: (KubeObject | undefined)[], newRS: KubeObject | undefined): Condition | undefined {
  const ordered = newRS ? [newRS, ...allRSs.filter((rs) => rs && rs.metadata.uid !== newRS.metadata.uid)] : allRSs;
  for (const rs of ordered) {
    const c = (rs?.status?.conditions as { type: string; status: Condition['status']; reason: string; message: string; lastTransitionTime: string }[] | undefined)?.find((x) => x.type === 'ReplicaFailure');
    if (c) return { type: 'ReplicaFailure', status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

/** DeploymentTimedOut: progressDeadlineSeconds past the Progressing condition's lastUpdateTime. */
function deploymentTimedOut(dc: DC, d: KubeObject, status: DeploymentStatus): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(status, 'Progressing');
  if (!c || c.reason === REASONS.NewRSAvailable) return false;
  if (c.reason === REASONS.TimedOut) return true;
  const fromMs = parseRFC3339(c.lastUpdateTime)! - EPOCH_MS;
  return fromMs + d.spec.progressDeadlineSeconds * 1000 < dc.kernel.nowMs;
}

/**
 * requeueStuckDeployment: nothing may happen to a stuck rollout, so the controller looks again
 * a second after its deadline (at once, rate limited, when less than a second is left).
 */
/** workqueue.DefaultControllerRateLimiter's bucket: 10 requeues a second once its burst is spent. */
const RATE_LIMITED_REQUEUE_MS = 100;

function requeueStuckDeployment(dc: DC, d: KubeObject, status: DeploymentStatus): void {
  const c = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !c) return;
  if (deploymentComplete(d, status) || c.reason === REASONS.TimedOut) return;
  const afterMs = parseRFC3339(c.lastUpdateTime)! - EPOCH_MS + d.spec.progressDeadlineSeconds * 1000 - dc.kernel.nowMs;
  // Upstream re-adds rate limited when less than a second is left. Before the deadline the sync
  // runs 1 ms after it, which is when that loop would notice it. Past it (a complete rollout that
  // lost a Pod keeps NewReplicaSetAvailable and never times out) upstream keeps requeueing; the
  // exponential limiter is forgotten after each successful sync, so the default controller rate
  // limiter's token bucket (10 qps) paces it: every 100 ms, not every millisecond.
  if (afterMs < 0) dc.enqueueAfter(d, RATE_LIMITED_REQUEUE_MS);
  else dc.enqueueAfter(d, afterMs < 1000 ? afterMs + 1 : afterMs + 1000);
}
