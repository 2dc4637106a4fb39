/**
 * What the inspector shows for one object: `kubectl describe TYPE NAME` and `kubectl get TYPE
 * NAME -o yaml`, printed by the core's own printers (the same functions the terminal's kubectl
 * calls), read from a snapshot. Reading never writes: nothing is recorded on the timeline and
 * nothing joins the recorded history, so the inspector can refresh as often as it likes.
 */
import type { ClusterSnapshot, KubeObject } from '../sim/index.ts';
import { preferredResourceForKind, type ResourceInfo } from '../sim/api/resources.ts';
import type { ObjectStore } from '../sim/api/store.ts';
import { qualified } from '../sim/api/store.ts';
import { EPOCH_MS } from '../sim/kernel/time.ts';
import { toYAML } from '../sim/kubectl/output.ts';
import { describe } from '../sim/kubectl/printers/index.ts';

export interface InspectTarget {
  kind: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
}

export interface InspectResult {
  /** `kubectl describe` output, or null when the object does not exist (any more). */
  describe: string | null;
  /** `kubectl get -o yaml` output, or null when the object does not exist. */
  yaml: string | null;
}

/**
 * The part of the API server's store the printers read (`list` in a namespace, `peek` one),
 * over a snapshot's lists (already in the store's order: namespace, then name).
 */
function snapshotStore(snapshot: ClusterSnapshot): ObjectStore {
  const listOf = (info: ResourceInfo): KubeObject[] => snapshot.objects[qualified(info)] ?? [];
  const reader = {
    list: (info: ResourceInfo, namespace?: string) => listOf(info).filter((o) => namespace === undefined || !info.namespaced || o.metadata.namespace === namespace),
    peek: (info: ResourceInfo, namespace: string | undefined, name: string) =>
      listOf(info).find((o) => o.metadata.name === name && (!info.namespaced || o.metadata.namespace === namespace)),
  };
  // The printers only call list/peek (kubectl/printers/index.ts); anything else would be a write.
  return reader as unknown as ObjectStore;
}

export function inspect(snapshot: ClusterSnapshot, target: InspectTarget): InspectResult {
  const info = preferredResourceForKind(target.kind);
  if (!info) throw new Error(`the inspector cannot read a ${target.kind}: not a resource served in Kubeplay`);
  const store = snapshotStore(snapshot);
  const obj = store.peek(info, info.namespaced ? target.namespace : undefined, target.name);
  if (!obj) return { describe: null, yaml: null };
  const nowUnixMs = EPOCH_MS + Math.round(snapshot.t * 1000);
  return { describe: describe(info, obj as KubeObject, { nowUnixMs, store }), yaml: toYAML(obj) };
}
