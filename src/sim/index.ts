/**
 * The headless API: the contract that the worker, the tests, the benchmarks and Playwright
 * scripts rely on. See DESIGN.md ("The headless API") and README.md.
 */
import { Simulation, type NodeOptions } from './cluster/simulation.ts';
import type { TimelineEvent } from './kernel/timeline.ts';
import type { KubeObject } from './api/types.ts';
import { TrafficGenerator, type TrafficOptions, type TrafficRun } from './network/generator.ts';
import { Network } from './network/network.ts';

export type { NodeOptions } from './cluster/simulation.ts';
export type { TimelineEvent } from './kernel/timeline.ts';
export type { KubeObject } from './api/types.ts';
export type { TrafficOptions, TrafficResult, TrafficRun } from './network/generator.ts';

export interface ClusterOptions {
  /** Seed of the PRNG; the same seed and the same timed inputs give the same history. Default 1. */
  seed?: number;
  /** The nodes; default: a tainted control-plane node and two workers, as a fresh kubeadm cluster. */
  nodes?: NodeOptions[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Plain data for rendering and hashing: every object by resource, and the virtual time. */
export interface ClusterSnapshot {
  /** Virtual seconds since creation. */
  t: number;
  /** Objects keyed by qualified resource (`pods`, `deployments.apps`), each list sorted by namespace and name. */
  objects: Record<string, KubeObject[]>;
}

export interface Cluster {
  /** Runs one shell line as root on a node (default: the control-plane node). */
  exec(line: string, opts?: { stdin?: string; node?: string }): ExecResult;
  /** The same as `exec('kubectl apply -f -', { stdin: yaml })`. */
  apply(yaml: string): ExecResult;
  /** Runs virtual time forward by `seconds`. */
  advance(seconds: number): void;
  /** Virtual seconds since creation. */
  now(): number;
  timeline(): TimelineEvent[];
  /**
   * Entries recorded since the `from`-th (counting every entry ever recorded, including ones the
   * capped log has dropped), and that count now: incremental readers (the worker) use this
   * instead of copying the whole log. An addition to the DESIGN.md contract; the rest is as specified.
   */
  timelineSince(from: number): { entries: TimelineEvent[]; total: number };
  snapshot(): ClusterSnapshot;
  /**
   * A traffic generator: `count` HTTP GETs from a node or a Pod to a target, `ratePerSecond` per
   * virtual second (the first at once, the rest as `advance` runs time), each the way curl from there
   * goes; kube-proxy's pick and a `Request` entry per request go on the timeline. An addition to the
   * DESIGN.md contract (src/sim/network/generator.ts).
   */
  traffic(opts: TrafficOptions): TrafficRun;
  /**
   * Joins a new node (same shape as createCluster's `nodes` entries; role `worker` by default) as
   * `kubeadm join` does: the next node IP and pod CIDR, its kubelet registering the Node, its
   * DaemonSet Pods, kube-proxy. Throws on a name already in use. An addition to the DESIGN.md contract.
   */
  addNode(options: NodeOptions): void;
}

export function createCluster(options: ClusterOptions = {}): Cluster {
  const sim = new Simulation({ seed: options.seed ?? 1, nodes: options.nodes });
  const generator = new TrafficGenerator(sim.kernel, sim.store, new Network(sim.kernel, sim.store, sim.proxies, sim.runtime));
  return {
    exec: (line, opts) => sim.exec(line, opts),
    apply: (yaml) => sim.exec('kubectl apply -f -', { stdin: yaml }),
    advance: (seconds) => sim.advance(seconds),
    now: () => sim.kernel.nowSeconds,
    timeline: () => sim.kernel.timeline.list(),
    timelineSince: (from) => ({ entries: sim.kernel.timeline.since(from), total: sim.kernel.timeline.total }),
    snapshot: () => sim.snapshot(),
    traffic: (opts) => generator.start(opts),
    addNode: (opts) => sim.addNode(opts),
  };
}
