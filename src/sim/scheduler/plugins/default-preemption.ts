/**
 * DefaultPreemption's PostFilter carried out (v1.31: pkg/scheduler/framework/plugins/defaultpreemption/
 * default_preemption.go and pkg/scheduler/framework/preemption/preemption.go). The cycle's dry run
 * (algorithm.ts) names the nodes where removing every lower-priority Pod makes room; here, as upstream:
 *
 * - PodEligibleToPreemptOthers: a Pod already nominated to a node where a lower-priority Pod is still
 *   terminating waits for it ("not eligible due to a terminating pod on the nominated node.");
 * - candidates from a random offset (GetOffsetAndNumCandidates: all nodes below 100 candidates);
 * - SelectVictimsOnNode: remove the lower-priority Pods, then reprieve them in MoreImportantPod order
 *   (higher priority, then earlier start), PDB-violating ones first, keeping each that still lets the
 *   preemptor fit;
 * - pickOneNodeForPreemption: fewest PDB violations, lowest highest-victim priority, smallest priority
 *   sum, fewest victims, latest start of the highest-priority victims, then the first candidate;
 * - prepareCandidate: each victim gets `DisruptionTarget=True` (PreemptionByScheduler), is deleted with
 *   its grace period, and gets the `Preempted` event `Preempted by pod <uid> on node <node>`;
 *   lower-priority Pods nominated to that node lose their nomination;
 * - the preemptor's `status.nominatedNodeName` is set by the scheduler with its Unschedulable status.
 *
 * Left out: the scheduler's "nominated pods" accounting (Pods of equal or higher priority nominated to
 * a node are not added when filtering others) and evaluating the nominated node first on the next
 * cycle; WaitingPods (no Permit plugins run here); extenders.
 */
import type { EventRecorder } from '../../api/events.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { parseRFC3339 } from '../../kernel/time.ts';
import type { SchedulerCache } from '../cache.ts';
import type { CycleState, Listers } from '../framework.ts';
import { labelSelectorMatches, type LabelSelector } from '../helpers.ts';
import { FILTER_PLUGINS } from '../profile.ts';
import { NodeInfo, podInfoOf, type PodInfo } from '../types.ts';

const PODS = preferredResourceForKind('Pod')!;
const PDBS = preferredResourceForKind('PodDisruptionBudget')!;
const ACTOR = 'kube-scheduler';
const SCHEDULER_NAME = 'default-scheduler';

/** MinCandidateNodesPercentage / MinCandidateNodesAbsolute (DefaultPreemptionArgs defaults). */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

interface Candidate {
  node: string;
  victims: PodInfo[];
  numPDBViolations: number;
}

export interface PostFilterResult {
  /** The node the preemptor is nominated to (victims are being evicted there). */
  nominatedNodeName?: string;
  /** PostFilter's own message when it does not preempt (appended to the FitError). */
  message?: string;
}

export class DefaultPreemption {
  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
    private readonly cache: SchedulerCache,
    private readonly listers: Listers,
  ) {}

  /** PostFilter for a Pod whose dry run found `candidates` (nodes where evictions make room). */
  postFilter(pod: Readonly<KubeObject>, candidates: readonly string[]): PostFilterResult {
    const preemptor = podInfoOf(pod);
    if (!this.eligible(preemptor)) return { message: 'preemption: not eligible due to a terminating pod on the nominated node' };
    const state: CycleState = { pod: preemptor, cache: this.cache, listers: this.listers, data: new Map() };
    const filters = FILTER_PLUGINS.filter((p) => !p.preFilter || p.preFilter(state));
    const fits = (node: NodeInfo) => filters.every((f) => f.filter(state, node) === undefined);
    // GetOffsetAndNumCandidates: a random start, then up to max(10%, 100) nodes in order.
    const n = candidates.length;
    const numCandidates = Math.min(n, Math.max(Math.trunc((n * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE));
    const offset = n > 1 ? this.kernel.rng.intBelow(n) : 0;
    const pdbs = this.store.list(PDBS);
    const found: Candidate[] = [];
    for (let i = 0; i < n && found.length < numCandidates; i++) {
      const info = this.cache.nodeInfo(candidates[(offset + i) % n]!);
      if (!info) continue;
      const c = this.selectVictimsOnNode(preemptor, info, fits, pdbs);
      if (c && c.victims.length > 0) found.push(c);
    }
    const best = pickOneNodeForPreemption(found);
    if (!best) return {};
    this.prepareCandidate(pod, preemptor, best);
    return { nominatedNodeName: best.node };
  }

  /** PodEligibleToPreemptOthers (v1.31). */
  private eligible(preemptor: PodInfo): boolean {
    const nominated = preemptor.pod.status?.nominatedNodeName as string | undefined;
    if (!nominated) return true;
    const node = this.cache.nodeInfo(nominated);
    if (!node) return true;
    for (const p of node.pods.values()) if (p.terminating && p.priority < preemptor.priority) return false;
    return true;
  }

  /** SelectVictimsOnNode. */
  private selectVictimsOnNode(preemptor: PodInfo, node: NodeInfo, fits: (n: NodeInfo) => boolean, pdbs: readonly Readonly<KubeObject>[]): Candidate | undefined {
    const copy = new NodeInfo(node.name);
    copy.setNode(node.node);
    const potential: PodInfo[] = [];
    for (const p of node.pods.values()) {
      if (p.priority < preemptor.priority) potential.push(p);
      else copy.addPod(p);
    }
    if (potential.length === 0 || !fits(copy)) return undefined;
    potential.sort(moreImportantFirst);
    const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs);
    const victims: PodInfo[] = [];
    let numPDBViolations = 0;
    const reprieve = (p: PodInfo): boolean => {
      copy.addPod(p);
      if (fits(copy)) return false;
      copy.removePod(p.uid);
      victims.push(p);
      return true;
    };
    for (const p of violating) if (reprieve(p)) numPDBViolations++;
    for (const p of nonViolating) reprieve(p);
    victims.sort(moreImportantFirst);
    return { node: node.name, victims, numPDBViolations };
  }

  /** prepareCandidate: evict the victims, clear lower-priority nominations to the node. */
  private prepareCandidate(pod: Readonly<KubeObject>, preemptor: PodInfo, c: Candidate): void {
    for (const v of c.victims) {
      const victim = this.store.peek(PODS, v.namespace, v.name);
      if (!victim || victim.metadata.uid !== v.uid) continue;
      const condition = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: this.kernel.timestamp(),
        reason: 'PreemptionByScheduler',
        message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      };
      const conditions = ((victim.status?.conditions ?? []) as Record<string, unknown>[]).filter((x) => x.type !== 'DisruptionTarget');
      const key = `${v.namespace}/${v.name}`;
      this.store.update(PODS, { ...(victim as KubeObject), status: { ...(victim.status ?? {}), conditions: [...conditions, condition] } }, ACTOR, { subresource: 'status', message: `pod ${key} DisruptionTarget=True (PreemptionByScheduler)` });
      // util.DeletePod: a plain delete, so a bound Pod gets its terminationGracePeriodSeconds.
      const current = this.store.peek(PODS, v.namespace, v.name)!;
      const bound = current.spec?.nodeName && !['Succeeded', 'Failed'].includes(current.status?.phase);
      const grace = bound ? ((current.spec?.terminationGracePeriodSeconds as number | undefined) ?? 30) : 0;
      if (!current.metadata.deletionTimestamp) this.store.delete(PODS, v.namespace, v.name, ACTOR, { gracePeriodSeconds: grace });
      this.events.record(current as KubeObject, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${c.node}`, { component: SCHEDULER_NAME });
    }
    this.kernel.record({
      source: ACTOR,
      type: 'decision',
      reason: 'Preempting',
      object: { kind: 'Pod', namespace: preemptor.namespace, name: preemptor.name, uid: preemptor.uid },
      message: `Pod ${preemptor.namespace}/${preemptor.name} preempts ${c.victims.map((v) => `${v.namespace}/${v.name}`).join(', ')} on ${c.node}`,
      data: { node: c.node, victims: c.victims.map((v) => `${v.namespace}/${v.name}`), numPDBViolations: c.numPDBViolations },
    });
    // getLowerPriorityNominatedPods: their nomination to this node no longer holds.
    for (const p of this.store.list(PODS)) {
      if (p.status?.nominatedNodeName !== c.node || p.metadata.uid === preemptor.uid) continue;
      if ((typeof p.spec?.priority === 'number' ? p.spec.priority : 0) >= preemptor.priority) continue;
      const status = { ...(p.status ?? {}) };
      delete status.nominatedNodeName;
      this.store.update(PODS, { ...(p as KubeObject), status }, ACTOR, { subresource: 'status', message: `pod ${p.metadata.namespace}/${p.metadata.name} nomination cleared` });
    }
  }
}

function startMs(p: PodInfo): number {
  const t = p.pod.status?.startTime as string | undefined;
  // A Pod not started yet counts as the latest.
  return (t ? parseRFC3339(t) : undefined) ?? Number.MAX_SAFE_INTEGER;
}

/** util.MoreImportantPod: higher priority first, then the earlier start time. */
function moreImportantFirst(a: PodInfo, b: PodInfo): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return startMs(a) - startMs(b);
}

/** filterPodsWithPDBViolation: a Pod violates when a budget selecting it has no disruption left. */
function filterPodsWithPDBViolation(pods: readonly PodInfo[], pdbs: readonly Readonly<KubeObject>[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((pdb) => (pdb.status?.disruptionsAllowed as number | undefined) ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violates = false;
    pdbs.forEach((pdb, i) => {
      if (pdb.metadata.namespace !== p.namespace) return;
      const selector = pdb.spec?.selector as LabelSelector | undefined;
      // A nil or empty selector matches nothing for a PDB.
      if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) return;
      if (!labelSelectorMatches(selector, p.labels)) return;
      if (pdb.status?.disruptedPods && p.name in (pdb.status.disruptedPods as Record<string, unknown>)) return;
      allowed[i]!--;
      if (allowed[i]! < 0) violates = true;
    });
    (violates ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

/** pickOneNodeForPreemption (v1.31 criteria, in order). */
function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const highest = (c: Candidate) => c.victims[0]!.priority;
  const sum = (c: Candidate) => c.victims.reduce((s, v) => s + v.priority + 2147483647 + 1, 0);
  const earliestOfHighest = (c: Candidate) => {
    const top = highest(c);
    let earliest = Number.MAX_SAFE_INTEGER;
    for (const v of c.victims) if (v.priority === top) earliest = Math.min(earliest, startMs(v));
    return earliest;
  };
  const criteria: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -highest(c),
    (c) => -sum(c),
    (c) => -c.victims.length,
    (c) => earliestOfHighest(c),
  ];
  let pool = [...candidates];
  for (const score of criteria) {
    let best = -Infinity;
    for (const c of pool) best = Math.max(best, score(c));
    pool = pool.filter((c) => score(c) === best);
    if (pool.length === 1) break;
  }
  return pool[0];
}
