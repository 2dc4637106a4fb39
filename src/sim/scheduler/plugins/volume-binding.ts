/**
 * The VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding, v1.31, with
 * binder.go's FindPodVolumes / BindPodVolumes):
 *
 * - PreFilter: a Pod naming a missing claim is unschedulable (`persistentvolumeclaim "x" not
 *   found`, also `... is being deleted`, `... bound to non-existent persistentvolume ...`); so is
 *   one with an unbound claim of an Immediate class (`pod has unbound immediate
 *   PersistentVolumeClaims`): the PV controller must bind it first. Both are
 *   UnschedulableAndUnresolvable, so the FitError carries them once, before the preemption part.
 * - Filter, per node: a bound claim's volume must exist (`node(s) unavailable due to one or more
 *   pvc(s) bound to non-existent pv(s)`) and its node affinity must match (`node(s) had volume
 *   node affinity conflict`); an unbound WaitForFirstConsumer claim needs an Available volume
 *   that fits the node, or a class that can provision there (`node(s) didn't find available
 *   persistent volumes to bind`); a claim already given another node fails the same way.
 * - PreBind (`preBindVolumes`): on the chosen node, static matches are bound by writing the
 *   volume's claimRef, claims to provision get `volume.kubernetes.io/selected-node`; then the
 *   binding waits, checking every second (wait.PollUntilContextTimeout, bindTimeout 600 s), until
 *   the PV controller has bound every claim, and only then is the Pod bound to the node.
 *
 * Left out: the assume cache (two Pods of one cycle could pick the same static volume), storage
 * capacity tracking (CSIStorageCapacity) and the StorageCapacityScoring score.
 */
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, claimClass, findMatchingVolume, isDelayBinding, NOT_SUPPORTED_PROVISIONER, PVCS, PVS, STORAGECLASSES, volumeFitsNode } from '../../controllers/volume/matching.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { compareQuantity, parseQuantity, zeroQuantity } from '../../api/quantity.ts';
import { unresolvable, type CycleState, type FilterPlugin, type FilterStatus } from '../framework.ts';
import type { NodeInfo } from '../types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs, claims and volumes are plain JSON */
type Json = any;

const NODES = preferredResourceForKind('Node')!;

export const PLUGIN_NAME = 'VolumeBinding';
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
/** binder.go: the PreBind's poll interval and the scheduler's default bindTimeoutSeconds. */
export const BIND_POLL_MS = 1000;
export const BIND_TIMEOUT_MS = 600_000;

/** The objects the plugin reads (the scheduler's PVC, PV and StorageClass listers). */
export interface StorageListers {
  claim(namespace: string, name: string): Readonly<KubeObject> | undefined;
  volume(name: string): Readonly<KubeObject> | undefined;
  volumes(): readonly Readonly<KubeObject>[];
  storageClass(name: string): Readonly<KubeObject> | undefined;
}

/** The listers over a store, as the scheduler builds them. */
export function storageListers(store: ObjectStore): StorageListers {
  return {
    claim: (namespace, name) => store.peek(PVCS, namespace, name),
    volume: (name) => store.peek(PVS, undefined, name),
    volumes: () => store.list(PVS),
    storageClass: (name) => store.peek(STORAGECLASSES, undefined, name),
  };
}

interface PodVolumeClaims {
  bound: Readonly<KubeObject>[];
  delayed: Readonly<KubeObject>[];
  immediate: Readonly<KubeObject>[];
}

/** podHasPVCs + GetPodVolumeClaims: the Pod's claims by kind, or the PreFilter's error. */
export function podVolumeClaims(pod: Readonly<KubeObject>, listers: StorageListers): PodVolumeClaims | string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  const out: PodVolumeClaims = { bound: [], delayed: [], immediate: [] };
  let hasPVC = false;
  for (const v of (pod.spec?.volumes ?? []) as Json[]) {
    const ephemeral = !v.persistentVolumeClaim && v.ephemeral !== undefined;
    if (!v.persistentVolumeClaim && !ephemeral) continue;
    hasPVC = true;
    const name: string = ephemeral ? `${pod.metadata.name}-${v.name}` : v.persistentVolumeClaim.claimName;
    const claim = listers.claim(namespace, name);
    if (!claim) return ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
    if (claim.status?.phase === 'Lost') return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`;
    if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (claim.spec?.volumeName && claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined) out.bound.push(claim);
    else if (isDelayBinding(claim, (n) => listers.storageClass(n))) out.delayed.push(claim);
    else out.immediate.push(claim);
  }
  return hasPVC ? out : undefined;
}

interface NodeVolumes {
  reasons: string[];
  bindings: { claim: Readonly<KubeObject>; volume: Readonly<KubeObject> }[];
  provisions: Readonly<KubeObject>[];
}

const requestOf = (c: Readonly<KubeObject>) => parseQuantity(c.spec?.resources?.requests?.storage) ?? zeroQuantity();

/** FindPodVolumes for one node: the reasons it fails, else the static bindings and the claims to provision. */
export function findPodVolumes(claims: PodVolumeClaims, node: { name: string; labels: Record<string, string> }, listers: StorageListers): NodeVolumes {
  let boundSatisfied = true;
  let unboundSatisfied = true;
  let pvsFound = true;
  const bindings: NodeVolumes['bindings'] = [];
  const provisions: Readonly<KubeObject>[] = [];
  for (const claim of claims.bound) {
    const pv = listers.volume(claim.spec.volumeName);
    if (!pv) {
      pvsFound = false;
      break;
    }
    if (!volumeFitsNode(pv, node.name, node.labels)) {
      boundSatisfied = false;
      break;
    }
  }
  const toMatch: Readonly<KubeObject>[] = [];
  if (pvsFound && boundSatisfied) {
    for (const claim of claims.delayed) {
      const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
      if (selected === undefined) toMatch.push(claim);
      else if (selected !== node.name) unboundSatisfied = false;
      else provisions.push(claim);
    }
  }
  if (pvsFound && boundSatisfied && unboundSatisfied && toMatch.length > 0) {
    // findMatchingVolumes: smallest requests first, each volume used once.
    const sorted = [...toMatch].sort((a, b) => compareQuantity(requestOf(a), requestOf(b)));
    const chosen = new Set<string>();
    const unmatched: Readonly<KubeObject>[] = [];
    for (const claim of sorted) {
      const className = claimClass(claim);
      const candidates = listers.volumes().filter((pv) => (pv.spec?.storageClassName ?? '') === className);
      const pv = findMatchingVolume(claim, candidates, node, chosen, true);
      if (!pv) unmatched.push(claim);
      else {
        chosen.add(pv.metadata.name);
        bindings.push({ claim, volume: pv });
      }
    }
    // checkVolumeProvisions: the class must have a provisioner and allow this node's topology.
    for (const claim of unmatched) {
      const sc = listers.storageClass(claimClass(claim));
      if (!sc || sc.provisioner === NOT_SUPPORTED_PROVISIONER || !topologyAllows(sc, node.labels)) {
        unboundSatisfied = false;
        break;
      }
      provisions.push(claim);
    }
  }
  const reasons: string[] = [];
  if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!pvsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
  return { reasons, bindings, provisions };
}

/** MatchTopologySelectorTerms: no terms allow every node; otherwise one term must match entirely. */
function topologyAllows(sc: Readonly<KubeObject>, labels: Record<string, string>): boolean {
  const terms = (sc.allowedTopologies ?? []) as Json[];
  if (terms.length === 0) return true;
  return terms.some((t) => ((t.matchLabelExpressions ?? []) as Json[]).every((e) => (e.values ?? []).includes(labels[e.key])));
}

export const VolumeBinding: FilterPlugin = {
  name: PLUGIN_NAME,
  preFilter(state: CycleState): boolean | FilterStatus {
    const listers = state.listers.storage;
    if (!listers) return false;
    const claims = podVolumeClaims(state.pod.pod, listers);
    if (claims === undefined) return false;
    if (typeof claims === 'string') return unresolvable(claims);
    if (claims.immediate.length > 0) return unresolvable(UNBOUND_IMMEDIATE);
    state.data.set(PLUGIN_NAME, claims);
    return true;
  },
  filter(state: CycleState, node: NodeInfo): FilterStatus | undefined {
    const claims = state.data.get(PLUGIN_NAME) as PodVolumeClaims | undefined;
    if (!claims || !state.listers.storage) return undefined;
    const { reasons } = findPodVolumes(claims, { name: node.name, labels: node.labels }, state.listers.storage);
    return reasons.length > 0 ? unresolvable(...reasons) : undefined;
  },
};

/**
 * PreBind: writes the bindings and selected nodes on `nodeName`, then calls `done()` once every
 * claim of the Pod is bound (at once if nothing had to be done), or `done(error)` with the text
 * the scheduler puts after `running PreBind plugin "VolumeBinding": `.
 */
export function preBindVolumes(kernel: Kernel, store: ObjectStore, pod: Readonly<KubeObject>, nodeName: string, actor: string, done: (error?: string) => void): void {
  const listers = storageListers(store);
  const claims = podVolumeClaims(pod, listers);
  if (claims === undefined) return done();
  if (typeof claims === 'string') return done(`binding volumes: ${claims}`);
  if (claims.delayed.length === 0 && claims.immediate.length === 0) return done();
  const node = store.peek(NODES, undefined, nodeName);
  const plan = findPodVolumes(claims, { name: nodeName, labels: node?.metadata.labels ?? {} }, listers);
  if (plan.reasons.length > 0) return done(`binding volumes: ${plan.reasons.join(', ')}`);
  // bindAPIUpdate: the volumes (claimRef, bound-by-controller), then the claims to provision.
  for (const { claim, volume } of plan.bindings) {
    const next = deepCopy(volume as KubeObject);
    next.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid };
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
    store.update(PVS, next, actor, { message: `persistentvolume ${volume.metadata.name} bound to claim ${claim.metadata.namespace}/${claim.metadata.name}` });
  }
  for (const claim of plan.provisions) {
    if (claim.metadata.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
    const next = deepCopy(claim as KubeObject);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
    store.update(PVCS, next, actor, { message: `persistentvolumeclaim ${claim.metadata.namespace}/${claim.metadata.name} selected node ${nodeName}` });
  }
  const names = [...plan.bindings.map((b) => b.claim), ...plan.provisions].map((c) => ({ namespace: c.metadata.namespace ?? 'default', name: c.metadata.name, uid: c.metadata.uid }));
  const startedMs = kernel.nowMs;
  // checkBindings, first after one interval (immediate=false).
  const poll = () => {
    for (const c of names) {
      const claim = store.peek(PVCS, c.namespace, c.name);
      if (!claim || claim.metadata.uid !== c.uid) return done(`binding volumes: pvc ${c.namespace}/${c.name} was deleted`);
      if (!claim.spec?.volumeName || claim.metadata.annotations?.[ANN_BIND_COMPLETED] === undefined || !store.peek(PVS, undefined, claim.spec.volumeName)) {
        if (kernel.nowMs - startedMs >= BIND_TIMEOUT_MS) return done('binding volumes: context deadline exceeded');
        kernel.after(BIND_POLL_MS, `kube-scheduler: check volume bindings of ${pod.metadata.namespace}/${pod.metadata.name}`, poll);
        return;
      }
    }
    done();
  };
  kernel.after(BIND_POLL_MS, `kube-scheduler: check volume bindings of ${pod.metadata.namespace}/${pod.metadata.name}`, poll);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
