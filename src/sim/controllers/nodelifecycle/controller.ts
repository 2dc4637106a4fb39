/**
 * The node lifecycle controller of kube-controller-manager v1.31
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go, taint-based eviction mode).
 *
 * - monitorNodeHealth every nodeMonitorPeriod (5s): a node whose kubelet has neither renewed
 *   its Lease nor posted a new heartbeat for longer than nodeMonitorGracePeriod (40s in v1.31;
 *   50s from v1.32, PR #126287) gets its Ready, MemoryPressure, DiskPressure and PIDPressure
 *   conditions set to Unknown ("NodeStatusUnknown", "Kubelet stopped posting node status."),
 *   a `NodeNotReady` event, and its pods marked Ready=False (MarkPodsNotReady).
 * - doNoScheduleTaintingPass on every node change: NoSchedule taints follow the conditions
 *   (not-ready, unreachable, pressure) and spec.unschedulable (`node.kubernetes.io/unschedulable`).
 * - processTaintBaseEviction on the next monitor pass: the `unreachable`/`not-ready` NoExecute
 *   taint, added by doNoExecuteTaintingPass (every 100ms, rate limited to 0.1 node/s per zone
 *   with burst 1), removed once the node is Ready again.
 * - handleDisruption: a zone with every node unready is fully disrupted; when every zone is,
 *   the controller stops tainting and removes the NoExecute taints ("master disruption mode").
 *   Small clusters (≤50 nodes) in partial disruption stop tainting too.
 * Left out: zones beyond one per region/zone label pair, the 'secondary' eviction rate.
 */
import type { APIServer } from '../../api/apiserver.ts';
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS, parseRFC3339 } from '../../kernel/time.ts';
import type { NodeLeases } from './lease.ts';
import { CONDITION_TAINTS, conditionOf, NODES, PODS, swapNodeTaints, TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, taintsOf, type Taint } from './taints.ts';

export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period, v1.31 default. */
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
/** --node-startup-grace-period: for a node that never posted a Ready condition. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** nodeEvictionPeriod: how often doNoExecuteTaintingPass runs. */
export const NODE_EVICTION_PERIOD_MS = 100;
/** --node-eviction-rate 0.1 per second: one node every 10s per zone (token bucket, burst 1). */
const EVICTION_INTERVAL_MS = 10_000;
const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const LARGE_CLUSTER_THRESHOLD = 50;

const ACTOR = 'node-lifecycle-controller';
const EVENT_SOURCE = { component: 'node-controller' };
const CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

type Condition = { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string };
type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

interface NodeHealth {
  readyCondition: Condition | undefined;
  probeMs: number;
  leaseRenewMs: number | undefined;
}

export class NodeLifecycleController {
  private readonly health = new Map<string, NodeHealth>();
  private readonly noScheduleQueue: WorkQueue;
  /** zoneNoExecuteTainter: nodes waiting for their NoExecute taint, per zone, in arrival order. */
  private readonly tainter = new Map<string, string[]>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly nextTaintMs = new Map<string, number>();
  private passScheduled: number | undefined;
  private startMs = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
    private readonly leases: NodeLeases,
  ) {
    this.noScheduleQueue = new WorkQueue(kernel, ACTOR, (name) => this.doNoScheduleTaintingPass(name));
  }

  start(): void {
    this.startMs = this.kernel.nowMs;
    const nodes = new Informer(this.store, NODES);
    nodes.addEventHandler({
      onAdd: (n) => this.noScheduleQueue.add(n.metadata.name),
      onUpdate: (_o, n) => this.noScheduleQueue.add(n.metadata.name),
      onDelete: (n) => {
        this.health.delete(n.metadata.name);
        for (const q of this.tainter.values()) removeFrom(q, n.metadata.name);
      },
    });
    // wait.Until: the first pass runs at once, then every period.
    const loop = () => {
      this.monitorNodeHealth();
      this.kernel.after(NODE_MONITOR_PERIOD_MS, `${ACTOR}: monitor node health`, loop);
    };
    loop();
  }

  // ---- monitorNodeHealth ----------------------------------------------------------------------

  private monitorNodeHealth(): void {
    const zoneConditions = new Map<string, (Condition | undefined)[]>();
    for (const listed of this.store.list(NODES)) {
      const node = this.store.get(NODES, undefined, listed.metadata.name)!;
      const { observed, current } = this.tryUpdateNodeHealth(node);
      const zone = zoneKey(node);
      zoneConditions.set(zone, [...(zoneConditions.get(zone) ?? []), current]);
      if (!current) continue;
      this.processTaintBaseEviction(node, observed);
      if (current.status !== 'True' && observed.status === 'True') {
        // Report node event only once when status changed.
        this.events.record(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, EVENT_SOURCE);
        this.markPodsNotReady(node.metadata.name);
      }
    }
    this.handleDisruption(zoneConditions);
  }

  /** tryUpdateNodeHealth: returns the Ready condition as observed and as it is after this pass. */
  private tryUpdateNodeHealth(node: KubeObject): { observed: Condition; current: Condition | undefined } {
    const name = node.metadata.name;
    const now = this.kernel.nowMs;
    let saved = this.health.get(name);
    let current = conditionOf(node, 'Ready') as Condition | undefined;
    let observed: Condition;
    let graceMs = NODE_MONITOR_GRACE_PERIOD_MS;
    if (!current) {
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: node.metadata.creationTimestamp };
      graceMs = NODE_STARTUP_GRACE_PERIOD_MS;
      saved ??= { readyCondition: undefined, probeMs: msOf(node.metadata.creationTimestamp) ?? now, leaseRenewMs: undefined };
    } else {
      observed = { ...current };
    }
    if (!saved) {
      saved = { readyCondition: current, probeMs: now, leaseRenewMs: undefined };
    } else if (!saved.readyCondition !== !current) {
      saved = { readyCondition: current, probeMs: now, leaseRenewMs: undefined };
    } else if (saved.readyCondition && current && saved.readyCondition.lastHeartbeatTime !== current.lastHeartbeatTime) {
      // A new heartbeat from the kubelet's status post.
      saved = { readyCondition: current, probeMs: now, leaseRenewMs: saved.leaseRenewMs };
    }
    // Always update the probe time if the node lease is renewed.
    const renew = this.leases.renewTimeMs(name);
    if (renew !== undefined && (saved.leaseRenewMs === undefined || saved.leaseRenewMs < renew)) saved = { ...saved, leaseRenewMs: renew, probeMs: now };
    this.health.set(name, saved);

    if (now > saved.probeMs + graceMs) {
      const ts = this.kernel.timestamp();
      const conditions: Condition[] = [...(node.status?.conditions ?? [])].map((c: Condition) => ({ ...c }));
      for (const type of CONDITION_TYPES) {
        const c = conditions.find((x) => x.type === type);
        if (!c) {
          conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: ts });
        } else if (c.status !== 'Unknown') {
          Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: ts });
        }
      }
      current = conditions.find((c) => c.type === 'Ready');
      if (JSON.stringify(current) !== JSON.stringify(observed)) {
        node.status = { ...node.status, conditions };
        this.store.update(NODES, node, ACTOR, { subresource: 'status', message: `node ${name} status: Ready=Unknown` });
        this.health.set(name, { ...saved, readyCondition: current });
      }
    }
    return { observed, current };
  }

  /** MarkPodsNotReady (pkg/controller/util/node): Ready=False on every pod bound to the node. */
  private markPodsNotReady(nodeName: string): void {
    for (const listed of this.store.list(PODS)) {
      if (listed.spec?.nodeName !== nodeName) continue;
      const pod = this.store.get(PODS, listed.metadata.namespace, listed.metadata.name)!;
      const ready = (pod.status?.conditions ?? []).find((c: Condition) => c.type === 'Ready') as Condition | undefined;
      if (!ready || ready.status === 'False') continue;
      pod.status.conditions = pod.status.conditions.map((c: Condition) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: this.kernel.timestamp() } : c));
      this.store.update(PODS, pod, ACTOR, { subresource: 'status', message: `pod ${pod.metadata.namespace}/${pod.metadata.name} status: Ready=False` });
      // Recorded after the status update, to make sure the pod still exists.
      this.events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready', EVENT_SOURCE);
    }
  }

  // ---- NoExecute taints -----------------------------------------------------------------------

  private processTaintBaseEviction(node: KubeObject, observed: Condition): void {
    const taints = taintsOf(node);
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute');
    const zone = zoneKey(node);
    const name = node.metadata.name;
    if (observed.status === 'False' || observed.status === 'Unknown') {
      const [want, opposite] = observed.status === 'False' ? [TAINT_NOT_READY, TAINT_UNREACHABLE] : [TAINT_UNREACHABLE, TAINT_NOT_READY];
      // We want to update the taint straight away if the node already has the opposite one.
      if (has(opposite)) swapNodeTaints(this.kernel, this.api, this.store, name, [noExecute(want)], [noExecute(opposite)], ACTOR);
      else this.markNodeForTainting(zone, name);
    } else if (observed.status === 'True') {
      // markNodeAsReachable
      swapNodeTaints(this.kernel, this.api, this.store, name, [], [noExecute(TAINT_UNREACHABLE), noExecute(TAINT_NOT_READY)], ACTOR);
      removeFrom(this.tainter.get(zone) ?? [], name);
    }
  }

  private markNodeForTainting(zone: string, name: string): void {
    const q = this.tainter.get(zone) ?? [];
    if (!q.includes(name)) q.push(name);
    this.tainter.set(zone, q);
    this.schedulePass(this.kernel.nowMs);
  }

  /** The next 100ms tick of doNoExecuteTaintingPass at or after `atMs` (strictly after now). */
  private schedulePass(atMs: number): void {
    const sinceStart = Math.max(atMs, this.kernel.nowMs + 1) - this.startMs;
    const tickMs = this.startMs + Math.ceil(sinceStart / NODE_EVICTION_PERIOD_MS) * NODE_EVICTION_PERIOD_MS;
    if (this.passScheduled !== undefined && this.passScheduled <= tickMs && this.passScheduled > this.kernel.nowMs) return;
    this.passScheduled = tickMs;
    this.kernel.after(tickMs - this.kernel.nowMs, `${ACTOR}: NoExecute tainting pass`, () => {
      if (this.passScheduled === tickMs) this.passScheduled = undefined;
      this.doNoExecuteTaintingPass();
    });
  }

  private doNoExecuteTaintingPass(): void {
    const now = this.kernel.nowMs;
    let wakeMs: number | undefined;
    for (const [zone, q] of [...this.tainter].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (this.zoneStates.get(zone) === 'PartialDisruption' && this.zoneSize(zone) <= LARGE_CLUSTER_THRESHOLD) continue; // rate 0
      if (this.allFullyDisrupted()) continue;
      while (q.length > 0) {
        const next = this.nextTaintMs.get(zone) ?? 0;
        if (now < next) {
          wakeMs = Math.min(wakeMs ?? next, next);
          break;
        }
        const name = q.shift()!;
        this.nextTaintMs.set(zone, now + EVICTION_INTERVAL_MS);
        const node = this.store.peek(NODES, undefined, name);
        const ready = node ? (conditionOf(node, 'Ready') as Condition | undefined) : undefined;
        // A node that is Ready again needs no taint.
        if (!ready || (ready.status !== 'False' && ready.status !== 'Unknown')) continue;
        const [want, opposite] = ready.status === 'False' ? [TAINT_NOT_READY, TAINT_UNREACHABLE] : [TAINT_UNREACHABLE, TAINT_NOT_READY];
        swapNodeTaints(this.kernel, this.api, this.store, name, [noExecute(want)], [noExecute(opposite)], ACTOR);
      }
    }
    if (wakeMs !== undefined) this.schedulePass(wakeMs);
  }

  // ---- NoSchedule taints ----------------------------------------------------------------------

  /** doNoScheduleTaintingPass: the NoSchedule taints the node's conditions and spec call for. */
  private doNoScheduleTaintingPass(name: string): void {
    const node = this.store.peek(NODES, undefined, name);
    if (!node) return;
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const entry = CONDITION_TAINTS.find((e) => e.type === c.type && e.status === c.status);
      if (entry) want.push({ key: entry.key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const managed = taintsOf(node).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINTS.some((e) => e.key === t.key)));
    const add = want.filter((w) => !managed.some((m) => m.key === w.key && (m.value ?? '') === '' && m.effect === w.effect));
    const remove = managed.filter((m) => !want.some((w) => w.key === m.key && (m.value ?? '') === '' && m.effect === w.effect));
    if (add.length === 0 && remove.length === 0) return;
    swapNodeTaints(this.kernel, this.api, this.store, name, add, remove, ACTOR);
  }

  // ---- disruption -----------------------------------------------------------------------------

  private handleDisruption(zoneConditions: Map<string, (Condition | undefined)[]>): void {
    const wasAllDisrupted = this.allFullyDisrupted();
    this.zoneStates.clear();
    for (const [zone, conds] of zoneConditions) this.zoneStates.set(zone, computeZoneState(conds));
    const allDisrupted = this.allFullyDisrupted();
    if (allDisrupted && !wasAllDisrupted) {
      // "Controller detected that all Nodes are not-Ready. Entering master disruption mode."
      for (const n of this.store.list(NODES)) {
        swapNodeTaints(this.kernel, this.api, this.store, n.metadata.name, [], [noExecute(TAINT_UNREACHABLE), noExecute(TAINT_NOT_READY)], ACTOR);
      }
      this.tainter.clear();
    } else if (!allDisrupted && wasAllDisrupted) {
      // "Controller detected that some Nodes are Ready. Exiting master disruption mode."
      // Every node gets a fresh grace period.
      for (const [name, h] of this.health) this.health.set(name, { ...h, probeMs: this.kernel.nowMs });
    }
  }

  private allFullyDisrupted(): boolean {
    if (this.zoneStates.size === 0) return false;
    return [...this.zoneStates.values()].every((s) => s === 'FullDisruption');
  }

  private zoneSize(zone: string): number {
    return this.store.list(NODES).filter((n) => zoneKey(n as KubeObject) === zone).length;
  }
}

/** ComputeZoneState (node_lifecycle_controller.go). */
function computeZoneState(conditions: (Condition | undefined)[]): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const c of conditions) {
    if (c && c.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (ready + notReady) >= UNHEALTHY_ZONE_THRESHOLD) return 'PartialDisruption';
  return 'Normal';
}

/** nodetopology.GetZoneKey: region and zone labels, '' when the node has neither. */
function zoneKey(node: Readonly<KubeObject>): string {
  const l = node.metadata.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

function noExecute(key: string): Taint {
  return { key, effect: 'NoExecute' };
}

function removeFrom(q: string[], name: string): void {
  const i = q.indexOf(name);
  if (i >= 0) q.splice(i, 1);
}

function msOf(ts: string | undefined): number | undefined {
  const unix = ts ? parseRFC3339(ts) : undefined;
  return unix === undefined ? undefined : unix - EPOCH_MS;
}
