/**
 * Timeline markers: the entries worth a mark on the scrubber and a line in the event log, by
 * category. API writes are too many to mark one by one; the Events and decisions that explain
 * them are what a person looks for (as `kubectl get events -w` shows), plus the writes that
 * change which Pods a Service routes to.
 */
import { commandOfStdinLine } from './stdin.ts';
import type { TimelineEvent } from '../sim/index.ts';

export const MARKER_CATEGORIES = [
  'user',
  'scheduling',
  'pull',
  'container',
  'probe',
  'restart',
  'endpoints',
  'traffic',
  'node',
  'workload',
] as const;

export type MarkerCategory = (typeof MARKER_CATEGORIES)[number];

export interface Marker {
  /** Position in the cluster's whole timeline (counting every entry ever recorded). */
  i: number;
  t: number;
  category: MarkerCategory;
  /** The Event's type (`Normal`/`Warning`), or `Decision`/`User` for the simulator's own entries. */
  level: 'Normal' | 'Warning' | 'Decision' | 'User';
  reason: string;
  /** `Kind/namespace/name` or `Kind/name`, '' when the entry is about no object. */
  object: string;
  source: string;
  message: string;
}

const EVENT_CATEGORY: Record<string, MarkerCategory> = {
  Scheduled: 'scheduling',
  FailedScheduling: 'scheduling',
  Preempted: 'scheduling',
  Pulling: 'pull',
  Pulled: 'pull',
  Failed: 'pull',
  ErrImageNeverPull: 'pull',
  InspectFailed: 'pull',
  Created: 'container',
  Started: 'container',
  Killing: 'container',
  Completed: 'container',
  ContainerDied: 'container',
  SandboxReady: 'container',
  FailedCreatePodSandBox: 'container',
  FailedPostStartHook: 'container',
  FailedPreStopHook: 'container',
  Unhealthy: 'probe',
  ProbeWarning: 'probe',
  NodeReady: 'node',
  NodeNotReady: 'node',
  NodeNotSchedulable: 'node',
  NodeSchedulable: 'node',
  RegisteredNode: 'node',
  Starting: 'node',
  TaintManagerEviction: 'node',
  Stopped: 'node',
  ForceDelete: 'node',
  ScalingReplicaSet: 'workload',
  SuccessfulCreate: 'workload',
  SuccessfulDelete: 'workload',
  FailedCreate: 'workload',
  SawCompletedJob: 'workload',
  SuccessfulRescale: 'workload',
  BackoffLimitExceeded: 'workload',
  DeadlineExceeded: 'workload',
  LoadBalance: 'traffic',
  Reject: 'traffic',
  Drop: 'traffic',
};

/** The marker for a timeline entry, or null when the entry is not one to mark. */
export function markerFor(entry: TimelineEvent, index: number): Marker | null {
  const category = categoryOf(entry);
  if (!category) return null;
  const level: Marker['level'] =
    entry.type === 'user' ? 'User' : entry.type === 'event' ? (entry.data?.['eventType'] === 'Warning' ? 'Warning' : 'Normal') : 'Decision';
  return {
    i: index,
    t: entry.t,
    category,
    level,
    reason: entry.reason ?? '',
    object: objectLabel(entry),
    source: entry.source,
    // The pane's Delete and Diff are recorded with the text piped in (stdin.ts): the log names the command.
    message: (entry.type === 'user' && commandOfStdinLine(entry.message)) || entry.message,
  };
}

function categoryOf(entry: TimelineEvent): MarkerCategory | null {
  if (entry.type === 'user') return 'user';
  const reason = entry.reason ?? '';
  if (entry.type === 'api') {
    // Endpoint changes: the slices, not the legacy Endpoints mirror (one marker per change).
    return entry.object?.kind === 'EndpointSlice' && reason !== 'delete' ? 'endpoints' : null;
  }
  if (reason === 'BackOff') return entry.message.startsWith('Back-off restarting') ? 'restart' : 'pull';
  if (entry.object?.kind === 'Job' && reason === 'Completed') return 'workload';
  return EVENT_CATEGORY[reason] ?? (entry.type === 'event' ? 'workload' : null);
}

function objectLabel(entry: TimelineEvent): string {
  const o = entry.object;
  if (!o) return '';
  return o.namespace ? `${o.kind}/${o.namespace}/${o.name}` : `${o.kind}/${o.name}`;
}
