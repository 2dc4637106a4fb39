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

/** One pod as the page draws it: enough for counts and lists, nothing more. */
export interface PodSummary {
  namespace: string;
  name: string;
  /** `status.phase`, `Pending` until the kubelet reports one. */
  phase: string;
  /** `spec.nodeName`, null while unscheduled. */
  nodeName: string | null;
  /** `metadata.deletionTimestamp` is set (kubectl shows `Terminating`). */
  terminating: boolean;
}

export interface NodeSummary {
  name: string;
  /** The `Ready` condition is `True`. */
  ready: boolean;
  /** From `node-role.kubernetes.io/<role>` labels, as kubectl's ROLES column. */
  roles: string[];
}

export interface ClusterSummary {
  pods: PodSummary[];
  nodes: NodeSummary[];
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
