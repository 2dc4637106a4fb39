/**
 * A scenario is plain data: the cluster's shape, the seed, and the inputs at their virtual times.
 * Re-running the inputs on a cluster made from the same seed and shape gives the same history,
 * bit for bit (DESIGN.md): this one type is what replay, scrubbing, share links, the gallery and
 * local persistence all store.
 */
import type { NodeOptions } from '../sim/index.ts';

/** The version written into every exported scenario and share link; older readers refuse newer ones. */
export const SCENARIO_VERSION = 1;

/**
 * One input, at a virtual time in seconds since the cluster was created (millisecond precision:
 * the kernel's clock steps in whole milliseconds). Inputs at the same time run in array order.
 */
export type TimedAction =
  /** `kubectl apply -f -` with this YAML on stdin. */
  | { at: number; kind: 'apply'; yaml: string }
  /**
   * One shell line on a node (default: the control-plane node), as a person types it: `kubectl delete
   * pod web`, `kubectl scale deploy/web --replicas=5`, `systemctl stop kubelet` on `worker-1`,
   * `kubectl exec client -- wget -qO- http://web`. With `repeat`, the same line runs `count` times,
   * `every` seconds apart starting at `at` (traffic generation).
   */
  | { at: number; kind: 'exec'; line: string; node?: string; repeat?: { every: number; count: number } };

/** What the page shows: not part of the history, only how it is looked at. */
export interface ScenarioView {
  /** Virtual time to show on open (seconds); absent: play from the start. */
  t?: number;
  /** Playback speed, 0.25 to 100. */
  speed?: number;
  /** Start playing on open. */
  autoplay?: boolean;
  /** A selected object, `pods/default/web` style. */
  selection?: string;
  /** Show only this namespace in the graph; absent: all but kube-system. */
  namespace?: string;
}

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  /** A short title; gallery scenarios also carry an id. */
  title: string;
  seed: number;
  /** The nodes; absent: the default kubeadm cluster (a control-plane node and two workers). */
  nodes?: NodeOptions[];
  /** Sorted by `at`. */
  actions: TimedAction[];
  view?: ScenarioView;
}
