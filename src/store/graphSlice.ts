/** What the cluster graph shows: the view's own options (the objects come from the cluster slice). */
import type { StateCreator } from 'zustand';
import type { WorkloadSummary } from '../worker/protocol.ts';
import type { AppState } from './types.ts';

/** What the inspector shows: a Pod, Node, Service or workload, by kind and name. */
export interface GraphSelection {
  kind: string;
  /** '' for cluster-scoped objects (Nodes). */
  namespace: string;
  name: string;
}

export interface GraphSlice {
  /** Show the kube-system and kube-flannel pods (hidden by default: they crowd the control plane). */
  showSystemPods: boolean;
  setShowSystemPods(show: boolean): void;
  /** Only this namespace ('' = every namespace, the system ones as showSystemPods says). */
  graphNamespace: string;
  setGraphNamespace(namespace: string): void;
  /** Owner edges Deployment → ReplicaSet → Pod, StatefulSet/DaemonSet/Job → Pod. */
  showOwners: boolean;
  setShowOwners(show: boolean): void;
  /** The object the inspector shows, null when it is closed. */
  selected: GraphSelection | null;
  select(selection: GraphSelection | null): void;
  /** The workload controllers of the latest summary (set by clusterSlice.applyUpdate). */
  workloads: WorkloadSummary[];
  setWorkloads(workloads: WorkloadSummary[]): void;
}

export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set) => ({
  showSystemPods: false,
  setShowSystemPods: (show) => set({ showSystemPods: show }),
  graphNamespace: '',
  setGraphNamespace: (namespace) => set({ graphNamespace: namespace }),
  showOwners: true,
  setShowOwners: (show) => set({ showOwners: show }),
  selected: null,
  select: (selection) => set({ selected: selection }),
  workloads: [],
  setWorkloads: (workloads) => set({ workloads }),
});
