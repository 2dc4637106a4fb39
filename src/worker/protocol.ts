/**
 * The typed message protocol between the page and the simulation worker. Requests carry an id;
 * the worker answers each with exactly one response of the same id, in request order. Besides
 * answers, the worker pushes `update` messages: plain data, batched, at most one per frame.
 */
import type { ExecResult, TimelineEvent } from '../sim/index.ts';

export type { ExecResult, TimelineEvent } from '../sim/index.ts';

// ---- page → worker ----------------------------------------------------------------------

export interface ExecRequest {
  kind: 'exec';
  id: number;
  line: string;
  stdin?: string;
}

export interface ApplyRequest {
  kind: 'apply';
  id: number;
  yaml: string;
}

export interface AdvanceRequest {
  kind: 'advance';
  id: number;
  seconds: number;
}

export interface ResetRequest {
  kind: 'reset';
  id: number;
  seed?: number;
}

export type WorkerRequest = ExecRequest | ApplyRequest | AdvanceRequest | ResetRequest;
export type RequestKind = WorkerRequest['kind'];

/** What each request resolves to on the page. */
export interface ResultOf {
  exec: ExecResult;
  apply: ExecResult;
  advance: void;
  reset: void;
}

// ---- worker → page ----------------------------------------------------------------------

export type WorkerResponse =
  | { type: 'result'; id: number; result: ExecResult }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'update'; update: ClusterUpdate }
  /** The worker could not start a cluster at all; every later request fails too. */
  | { type: 'fatal'; message: string };

/** Where a container is in its life, as `state` of its ContainerStatus (`unknown` before the first status). */
export type ContainerStateKind = 'waiting' | 'running' | 'terminated' | 'unknown';

/** One container of a pod, in the order the kubelet starts them (init containers first). */
export interface ContainerSummary {
  name: string;
  image: string;
  /** `init` runs to completion before the app containers; `sidecar` is a restartable init container. */
  kind: 'init' | 'sidecar' | 'app';
  state: ContainerStateKind;
  /** The waiting/terminated reason (`ContainerCreating`, `CrashLoopBackOff`, `Completed`), or ''. */
  reason: string;
  ready: boolean;
  restartCount: number;
}

export interface OwnerSummary {
  kind: string;
  name: string;
}

/** One pod as the page draws it: the counts, and a card in the cluster graph. */
export interface PodSummary {
  namespace: string;
  name: string;
  /** `status.phase`, `Pending` until the kubelet reports one. */
  phase: string;
  /** `spec.nodeName`, null while unscheduled. */
  nodeName: string | null;
  /** `metadata.deletionTimestamp` is set (kubectl shows `Terminating`). */
  terminating: boolean;
  /** kubectl get pods READY, STATUS and RESTARTS cells (printers.go printPod, via podRow). */
  ready: string;
  status: string;
  restarts: string;
  /** `status.podIP`, null until the sandbox has one. */
  podIP: string | null;
  containers: ContainerSummary[];
  owners: OwnerSummary[];
}

/** A resource as requested by the pods on a node vs what the node offers. */
export interface ResourceUse {
  requested: number;
  allocatable: number;
}

export interface TaintSummary {
  key: string;
  value: string;
  effect: string;
}

export interface NodeSummary {
  name: string;
  /** The `Ready` condition is `True`. */
  ready: boolean;
  /** From `node-role.kubernetes.io/<role>` labels, as kubectl's ROLES column. */
  roles: string[];
  /** `spec.unschedulable` (cordoned). */
  unschedulable: boolean;
  taints: TaintSummary[];
  /** CPU in millicores. */
  cpu: ResourceUse;
  /** Memory in bytes. */
  memory: ResourceUse;
}

export interface ServicePortSummary {
  name: string;
  protocol: string;
  port: number;
  targetPort: string;
  nodePort: number | null;
}

/** One endpoint of a Service, from its EndpointSlices. */
export interface EndpointSummary {
  address: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** The `targetRef` Pod's name, null for endpoints that are not Pods. */
  pod: string | null;
}

export interface ServiceSummary {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  ports: ServicePortSummary[];
  endpoints: EndpointSummary[];
}

export interface ClusterSummary {
  pods: PodSummary[];
  nodes: NodeSummary[];
  services: ServiceSummary[];
  /** Object count per resource key of the snapshot (`pods`, `deployments.apps`, ...). */
  counts: Record<string, number>;
}

/** A batch of changes since the previous update. */
export interface ClusterUpdate {
  /** Virtual seconds since the cluster was created. */
  t: number;
  /** True on the first update after a reset: the page drops what it held. */
  reset: boolean;
  /** The objects, only when they may have changed since the last update. */
  summary?: ClusterSummary;
  /** Timeline entries recorded since the last update, oldest first (at most MAX_ENTRIES_PER_UPDATE). */
  entries: TimelineEvent[];
  /** Entries left out of this batch because there were more than MAX_ENTRIES_PER_UPDATE. */
  skippedEntries: number;
}

/** A cap on the timeline entries one update carries (the page keeps a short tail anyway). */
export const MAX_ENTRIES_PER_UPDATE = 2_000;

/** A cap on the text one request carries (a command line, a manifest, stdin). */
export const MAX_INPUT_CHARS = 1_000_000;
