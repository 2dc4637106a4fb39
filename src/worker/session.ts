/**
 * A session: one cluster plus the inputs that made it, so that any moment of its history can be
 * rebuilt exactly. The core is deterministic (same seed, same shape, same inputs at the same
 * virtual milliseconds → the same history), so going back in time is re-running the inputs on a
 * fresh cluster up to the wanted moment; going forward plays the recorded inputs when they fall
 * due. Acting in the past drops the recorded future from that moment on (a fork).
 *
 * Plain TypeScript without timers: the worker drives it, tests drive it directly.
 */
import { createCluster, type Cluster, type ExecResult, type NodeOptions } from '../sim/index.ts';
import { SCENARIO_VERSION, type Scenario, type TimedAction } from '../scenarios/types.ts';

/** One run of an input: an `exec` action with `repeat` runs once per repetition. */
interface Due {
  atMs: number;
  /** Index into `actions`. */
  action: number;
  /** Which repetition (0 for a plain action). */
  iteration: number;
  /** A run of a repeated action (traffic): ongoing, not a one-off input that marks the history's end. */
  repeat: boolean;
}

/** How far past the end of the known history a seek may run the clock (one hour). */
export const MAX_SEEK_AHEAD_MS = 3_600_000;

export interface ActResult {
  result: ExecResult;
  /** The recorded future after this moment was dropped. */
  forked: boolean;
}

export class Session {
  readonly seed: number;
  readonly nodes: NodeOptions[] | undefined;
  readonly title: string;
  private actions: TimedAction[];
  private schedule: Due[] = [];
  /** Index of the next entry of `schedule` to run. */
  private cursor = 0;
  /** Index in `schedule` of the last run of a plain (not repeated) action, -1 if none. */
  private lastPlain = -1;
  private cluster: Cluster;
  /** The furthest virtual millisecond this history has reached. */
  private headMs = 0;
  /** How many times the cluster was rebuilt to go back in time (for the page and the benchmarks). */
  rebuilds = 0;

  constructor(scenario: Pick<Scenario, 'seed' | 'nodes' | 'actions' | 'title'>) {
    this.seed = scenario.seed;
    this.nodes = scenario.nodes;
    this.title = scenario.title;
    this.actions = scenario.actions.map((a) => ({ ...a }));
    this.cluster = this.freshCluster();
    this.reschedule();
  }

  /** The cluster at the current moment (read it; change it only through `act`). */
  get current(): Cluster {
    return this.cluster;
  }

  get nowMs(): number {
    return Math.round(this.cluster.now() * 1000);
  }

  /**
   * The end of the known history: the furthest moment reached or the last recorded one-off input.
   * Repeated actions (traffic) are ongoing: they do not push the end forward.
   */
  get endMs(): number {
    const last = this.schedule[this.lastPlain];
    return Math.max(this.headMs, last ? last.atMs : 0);
  }

  /** At the end of the known history, where new inputs extend it rather than fork it. */
  get live(): boolean {
    return this.cursor > this.lastPlain && this.nowMs >= this.headMs;
  }

  /** Runs time forward to `targetMs`, running each recorded input when it falls due. */
  runTo(targetMs: number): void {
    for (;;) {
      const next = this.schedule[this.cursor];
      if (!next || next.atMs > targetMs) break;
      this.advanceTo(next.atMs);
      this.cursor++;
      this.perform(next);
    }
    this.advanceTo(targetMs);
  }

  /**
   * Moves to `targetMs`: backward by rebuilding, forward by playing (past the end of the known
   * history, that makes new history, at most MAX_SEEK_AHEAD_MS beyond it).
   */
  seek(targetMs: number): void {
    const target = Math.max(0, Math.min(Math.round(targetMs), this.endMs + MAX_SEEK_AHEAD_MS));
    if (target < this.nowMs) {
      this.cluster = this.freshCluster();
      this.cursor = 0;
      this.rebuilds++;
    }
    this.runTo(target);
  }

  /** The time of the next recorded input after now, if any. */
  nextInputMs(): number | undefined {
    return this.schedule[this.cursor]?.atMs;
  }

  /**
   * A user's input, now. In the past, a read-only command is inserted into the recorded history
   * without touching its future; anything else drops the future (a fork) and becomes its new end.
   */
  act(action: { kind: 'apply'; yaml: string } | { kind: 'exec'; line: string; node?: string }, readOnly: boolean): ActResult {
    const at = this.nowMs / 1000;
    // Inputs already due at this very millisecond run before the user's (they came first).
    this.runTo(this.nowMs);
    let forked = false;
    if (!this.live && !readOnly) {
      this.dropFuture();
      forked = true;
    }
    const timed = { ...action, at } as TimedAction;
    // Recorded actions stay sorted by time: insert after the ones at or before now.
    let index = this.actions.length;
    while (index > 0 && this.actions[index - 1]!.at > at) index--;
    this.actions.splice(index, 0, timed);
    this.reschedule();
    // `reschedule` rebuilt the schedule: skip what already ran (everything due at or before now
    // except the new action, which is the last of its millisecond).
    const dueIndex = this.schedule.findIndex((d) => d.action === index && d.iteration === 0);
    this.cursor = dueIndex + 1;
    const result = this.perform(this.schedule[dueIndex]!);
    this.headMs = Math.max(this.headMs, this.nowMs);
    return { result, forked };
  }

  /** The whole history as a scenario (the inputs, not the moment shown). */
  scenario(): Scenario {
    const scenario: Scenario = { version: SCENARIO_VERSION, title: this.title, seed: this.seed, actions: this.actions.map((a) => ({ ...a })) };
    if (this.nodes) scenario.nodes = this.nodes;
    return scenario;
  }

  private advanceTo(ms: number): void {
    const now = this.nowMs;
    if (ms > now) this.cluster.advance((ms - now) / 1000);
    this.headMs = Math.max(this.headMs, this.nowMs);
  }

  private perform(due: Due): ExecResult {
    const action = this.actions[due.action]!;
    if (action.kind === 'apply') return this.cluster.apply(action.yaml);
    return this.cluster.exec(action.line, action.node === undefined ? undefined : { node: action.node });
  }

  /** Forgets every input not yet run and the history after now. */
  private dropFuture(): void {
    const now = this.nowMs;
    const kept: TimedAction[] = [];
    for (let i = 0; i < this.actions.length; i++) {
      const action = this.actions[i]!;
      // How many runs of this action happened already (the schedule before the cursor).
      let ran = 0;
      for (let d = 0; d < this.cursor; d++) if (this.schedule[d]!.action === i) ran++;
      // Not started yet: a future input, dropped. Started: one-off inputs ran; traffic goes on.
      if (ran === 0) continue;
      kept.push(action);
    }
    this.actions = kept;
    this.headMs = now;
    this.reschedule();
    // Everything due up to now has run; what remains are the ongoing repetitions after now.
    this.cursor = this.schedule.findIndex((d) => d.atMs > now);
    if (this.cursor < 0) this.cursor = this.schedule.length;
  }

  /** Expands the actions (with their repetitions) into runs ordered by time, ties in array order. */
  private reschedule(): void {
    const runs: Due[] = [];
    this.actions.forEach((action, index) => {
      const atMs = Math.round(action.at * 1000);
      if (action.kind === 'exec' && action.repeat) {
        const everyMs = Math.max(1, Math.round(action.repeat.every * 1000));
        for (let i = 0; i < action.repeat.count; i++) runs.push({ atMs: atMs + i * everyMs, action: index, iteration: i, repeat: true });
      } else {
        runs.push({ atMs, action: index, iteration: 0, repeat: false });
      }
    });
    runs.sort((a, b) => a.atMs - b.atMs || a.action - b.action || a.iteration - b.iteration);
    this.schedule = runs;
    this.lastPlain = -1;
    for (let i = runs.length - 1; i >= 0; i--) {
      if (!runs[i]!.repeat) {
        this.lastPlain = i;
        break;
      }
    }
  }

  private freshCluster(): Cluster {
    return createCluster(this.nodes ? { seed: this.seed, nodes: this.nodes } : { seed: this.seed });
  }
}
