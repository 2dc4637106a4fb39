/**
 * The typed message protocol between the page and the simulation worker. Requests carry an id;
 * the worker answers each with exactly one response of the same id, in request order. Besides
 * answers, the worker pushes `update` messages: plain data, batched, at most one per frame.
 */
import type { ExecResult, TimelineEvent } from '../sim/index.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { Marker } from './markers.ts';
import type { Completion } from './complete.ts';
import type { InspectResult, InspectTarget } from './inspect.ts';

export type { ExecResult, TimelineEvent } from '../sim/index.ts';
export type { Scenario } from '../scenarios/types.ts';
export type { Marker, MarkerCategory } from './markers.ts';
export type { Completion } from './complete.ts';
export type { InspectResult, InspectTarget } from './inspect.ts';

// ---- page → worker ----------------------------------------------------------------------

export interface ExecRequest {
  kind: 'exec';
  id: number;
  line: string;
  stdin?: string;
  /** The node whose shell runs the line (default: the control-plane node). */
  node?: string;
}

/** Tab completion of a terminal line (the text before the cursor); reads, records nothing. */
export interface CompleteRequest {
  kind: 'complete';
  id: number;
  line: string;
}

/** `kubectl describe` and `-o yaml` of one object for the inspector; reads, records nothing. */
export interface InspectRequest {
  kind: 'inspect';
  id: number;
  target: InspectTarget;
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

/** Starts a scenario's history: a fresh cluster of its seed and shape, its inputs to be played. */
export interface LoadRequest {
  kind: 'load';
  id: number;
  scenario: Scenario;
  /** Jump to this virtual time (seconds) at once; absent: start at 0. */
  t?: number;
  /** Play after loading (default true). */
  play?: boolean;
}

/** Clock controls. `seek` goes to a virtual time within the known history (and pauses). */
export type ClockRequest =
  | { kind: 'play'; id: number }
  | { kind: 'pause'; id: number }
  | { kind: 'speed'; id: number; speed: number }
  | { kind: 'step'; id: number }
  | { kind: 'seek'; id: number; t: number };

/** The history so far as a scenario (for share links, export and local persistence). */
export interface ScenarioRequest {
  kind: 'scenario';
  id: number;
}

export type WorkerRequest = ExecRequest | ApplyRequest | AdvanceRequest | ResetRequest | LoadRequest | ClockRequest | ScenarioRequest | CompleteRequest | InspectRequest;
export type RequestKind = WorkerRequest['kind'];

/** What a user's command returns: its output, and whether running it in the past forked the history. */
export interface ActResult extends ExecResult {
  forked?: boolean;
}

/** What each request resolves to on the page. */
export interface ResultOf {
  exec: ActResult;
  apply: ActResult;
  advance: void;
  reset: void;
  load: void;
  play: void;
  pause: void;
  speed: void;
  step: void;
  seek: void;
  scenario: Scenario;
  complete: Completion;
  inspect: InspectResult;
}

/** Playback speeds the clock accepts (virtual seconds per real second). */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

// ---- worker → page ----------------------------------------------------------------------

export type WorkerResponse =
  | { type: 'result'; id: number; result: ActResult }
  | { type: 'scenario'; id: number; scenario: Scenario }
  | { type: 'complete'; id: number; completion: Completion }
  | { type: 'inspect'; id: number; inspection: InspectResult }
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
  /** The probes the container declares (the graph flashes the chip when one fails). */
  probes: ProbeKind[];
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';

/** One entry of `status.conditions` (Pod) as kubectl describe lists them. */
export interface ConditionSummary {
  type: string;
  status: string;
  reason: string;
  message: string;
}

export interface OwnerSummary {
  kind: string;
  name: string;
}

/** One pod as the page draws it: the counts, and a card in the cluster graph. */
export interface PodSummary {
  namespace: string;
  name: string;
  /** `metadata.uid`: ties timeline entries to this incarnation of the name. */
  uid?: string;
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
  /** Optional fields below: older summaries (and tests) may leave them out. */
  conditions?: ConditionSummary[];
  labels?: Record<string, string>;
  /** Annotations, without kubectl's last-applied-configuration (a whole manifest). */
  annotations?: Record<string, string>;
}

/** A workload controller the graph draws owner edges from. */
export interface WorkloadSummary {
  kind: 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job';
  namespace: string;
  name: string;
  owners: OwnerSummary[];
  /** `spec.replicas` (Deployment, ReplicaSet, StatefulSet), `status.desiredNumberScheduled` (DaemonSet), `spec.completions` (Job). */
  desired: number;
  /** `status.readyReplicas` / `numberReady`; for a Job, `status.succeeded`. */
  ready: number;
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
  /** The `InternalIP` address, '' if none. */
  internalIP?: string;
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
  /** Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs, for owner edges and the inspector. */
  workloads?: WorkloadSummary[];
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
  /** True when time jumped (a seek, a load): entries in this batch are history, not news to animate. */
  jumped: boolean;
  clock: ClockState;
  /** New markers of the known history, appended to what the page holds. */
  markers: Marker[];
  /** When the history changed other than at its end (a fork, a command run in the past): all of it. */
  markersReplace?: Marker[];
}

export interface ClockState {
  playing: boolean;
  speed: number;
  /** End of the known history, in virtual seconds (the scrubber's range). */
  end: number;
  /** At the end of the known history: new commands extend it. Otherwise they fork it. */
  live: boolean;
  /** Recorded inputs (for the page to know when to save the scenario again). */
  inputs: number;
  /** Set once after a command run in the past dropped the recorded future: the time it happened. */
  forkedAt?: number;
}

/** A cap on the timeline entries one update carries (the page keeps a short tail anyway). */
export const MAX_ENTRIES_PER_UPDATE = 2_000;

/** A cap on the text one request carries (a command line, a manifest, stdin). */
export const MAX_INPUT_CHARS = 1_000_000;
