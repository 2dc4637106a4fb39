/**
 * kubectl v1.31's human-readable output as pure functions over objects: the `kubectl get`
 * tables (server-side columns of pkg/printers/internalversion/printers.go through cli-runtime's
 * table printer and tabwriter) and `kubectl describe` (kubectl/pkg/describe/describe.go).
 */
import { RESOURCES, type ResourceInfo } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import { describeNode } from './describe/node.ts';
import { describePod } from './describe/pod.ts';
import { describeService } from './describe/service.ts';
import { describeConfigMap, describeGeneric, describeNamespace, describePriorityClass, describeSecret } from './describe/simple.ts';
import { describeCronJob, describeJob, describeStatefulSet } from './describe/batch.ts';
import { describePersistentVolumeClaim, describePodDisruptionBudget, podsForClaim } from './describe/storage.ts';
import { describeDaemonSet, describeDeployment, describeReplicaSet } from './describe/workloads.ts';
import { describePersistentVolume, describeStorageClass } from './describe/volumes.ts';
import { describeEndpoints, describeEndpointSlice, describeServiceAccount } from './describe/endpoints.ts';
import { eventsFor } from './describe/writer.ts';
import { renderTable, type PrintOptions } from './table.ts';

export type { PrintOptions } from './table.ts';
export { humanDuration, shortHumanDuration } from './duration.ts';
export { tabwrite, GET_TABWRITER, DESCRIBE_TABWRITER } from './tabwriter.ts';

export interface PrintContext {
  /** Virtual wall-clock time in Unix ms (EPOCH_MS + kernel.nowMs). */
  nowUnixMs: number;
  store: ObjectStore;
  /** The kubelet's Lease renew time of a node (Unix ms), every 10 s; absent when unknown. */
  leaseRenewUnixMs?: (node: string) => number | undefined;
}

const resource = (name: string): ResourceInfo => {
  const info = RESOURCES.find((r) => r.resource === name);
  if (!info) throw new Error(`printers: no resource ${name}`);
  return info;
};

/** The table `kubectl get` prints for these objects of one resource, ending in "\n"; "" for none. */
export function printTable(info: ResourceInfo, objects: readonly KubeObject[], opts: PrintOptions, ctx: PrintContext): string {
  return renderTable(info, objects, opts, ctx.nowUnixMs);
}

/** `kubectl describe` text for one object. */
export function describe(info: ResourceInfo, obj: KubeObject, ctx: PrintContext): string {
  const { store, nowUnixMs } = ctx;
  const ns = obj.metadata.namespace;
  const events = (opts?: Parameters<typeof eventsFor>[2]): KubeObject[] =>
    eventsFor(store.list(resource('events'), info.namespaced ? ns : undefined) as KubeObject[], obj, opts);
  const podsIn = (namespace: string | undefined): readonly KubeObject[] => store.list(resource('pods'), namespace) as readonly KubeObject[];
  switch (info.resource) {
    case 'pods': {
      // The pod's own reference has no kind; a mirror pod's events carry the static pod's uid.
      const mirror = obj.metadata.annotations?.['kubernetes.io/config.mirror'];
      return describePod(obj, events({ omitKind: true, uids: [mirror ?? obj.metadata.uid] }), nowUnixMs);
    }
    case 'nodes': {
      const pods = podsIn(undefined).filter((p) => p.spec?.nodeName === obj.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      // kubelet reports node events with the node name as uid, controllers with the real uid
      const byUid = events({ uids: [obj.metadata.uid] });
      const byName = events({ uids: [obj.metadata.name] });
      return describeNode(obj, pods, [...byUid, ...byName], nowUnixMs, ctx.leaseRenewUnixMs?.(obj.metadata.name));
    }
    case 'services': {
      const slices = (store.list(resource('endpointslices'), ns) as KubeObject[]).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === obj.metadata.name);
      return describeService(obj, slices, events(), nowUnixMs);
    }
    case 'endpoints':
      return describeEndpoints(obj, events(), nowUnixMs);
    case 'endpointslices':
      return describeEndpointSlice(obj, events(), nowUnixMs);
    case 'serviceaccounts':
      return describeServiceAccount(obj, store.list(resource('secrets'), ns) as KubeObject[], events(), nowUnixMs);
    case 'deployments': {
      const owned = (store.list(resource('replicasets'), ns) as readonly KubeObject[]).filter((rs) =>
        (rs.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === obj.metadata.uid),
      );
      const newRS = findNewReplicaSet(obj, owned);
      return describeDeployment(obj, owned.filter((rs) => rs !== newRS), newRS, events(), nowUnixMs);
    }
    case 'replicasets':
      return describeReplicaSet(obj, podsIn(ns), events(), nowUnixMs);
    case 'daemonsets':
      return describeDaemonSet(obj, podsIn(ns), events(), nowUnixMs);
    case 'statefulsets':
      return describeStatefulSet(obj, podsIn(ns), events(), nowUnixMs);
    case 'jobs':
      return describeJob(obj, events(), nowUnixMs);
    case 'cronjobs':
      return describeCronJob(obj, events(), nowUnixMs);
    case 'persistentvolumeclaims':
      return describePersistentVolumeClaim(obj, podsForClaim(obj, podsIn(ns)), events(), nowUnixMs);
    case 'persistentvolumes':
      return describePersistentVolume(obj, events(), nowUnixMs);
    case 'storageclasses':
      return describeStorageClass(obj, events(), nowUnixMs);
    case 'poddisruptionbudgets':
      return describePodDisruptionBudget(obj, events(), nowUnixMs);
    case 'namespaces':
      return describeNamespace(obj);
    case 'priorityclasses':
      return describePriorityClass(obj, events(), nowUnixMs);
    case 'configmaps':
      return describeConfigMap(obj, events(), nowUnixMs);
    case 'secrets':
      return describeSecret(obj);
    default:
      return describeGeneric(obj, events(), nowUnixMs);
  }
}

/**
 * deploymentutil.FindNewReplicaSet: the oldest owned ReplicaSet whose pod template equals the
 * Deployment's, ignoring the pod-template-hash label.
 */
function findNewReplicaSet(d: KubeObject, owned: readonly KubeObject[]): KubeObject | undefined {
  const key = (template: unknown): string => {
    const t = JSON.parse(JSON.stringify(template ?? {})) as { metadata?: { labels?: Record<string, string> } };
    if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
    return stableStringify(t);
  };
  const want = key(d.spec?.template);
  const sorted = [...owned].sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1));
  return sorted.find((rs) => key(rs.spec?.template) === want);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined && !(o[k] && typeof o[k] === 'object' && !Array.isArray(o[k]) && Object.keys(o[k] as object).length === 0))
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
