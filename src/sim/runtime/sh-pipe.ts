/**
 * Runs the stages of a pipeline at the same time, as the kernel runs the processes ash forks for
 * them: each stage is a generator stepped whenever it can make progress (its sleep is over, data
 * arrived on its stdin, room appeared on its stdout), all on the one virtual clock. Between two
 * steps the runner yields one effect for the whole pipeline: a `wait` that ends when the earliest
 * stage falls due or when something outside (a connection, a pipe written by another process)
 * wakes a stage.
 *
 * A stage that writes to a pipe whose reader has ended raises `BrokenPipe` out of its step: it is
 * killed by SIGPIPE, status 128+13 = 141 (ash: `evalpipe` forks every stage; the kernel's default
 * action for SIGPIPE ends the process).
 */
import { BrokenPipe, type Effect } from './proc.ts';

type Gen<T> = Generator<Effect, T, void>;

/** Status of a process the kernel killed with SIGPIPE. */
export const SIGPIPE_STATUS = 128 + 13;

interface Task {
  gen: Gen<number>;
  /** Virtual ms when it next runs (Infinity: until woken). */
  wakeAt: number;
  /** Bumped at every step, so a wake registered for an earlier wait is ignored. */
  epoch: number;
  done: boolean;
  status: number;
}

/**
 * Steps `gens` together until every one has returned; `onEnd(i)` runs as stage i ends (the
 * pipeline closes its pipes there). Returns the statuses in order.
 */
export function* runConcurrently(gens: Gen<number>[], nowMs: () => number, onEnd: (index: number) => void): Gen<number[]> {
  const tasks: Task[] = gens.map((gen) => ({ gen, wakeAt: nowMs(), epoch: 0, done: false, status: 0 }));
  let wakeRunner: (() => void) | undefined;
  const finish = (i: number, status: number) => {
    const t = tasks[i]!;
    t.done = true;
    t.status = status;
    onEnd(i);
  };
  const step = (i: number) => {
    const t = tasks[i]!;
    const epoch = ++t.epoch;
    let r: IteratorResult<Effect, number>;
    try {
      r = t.gen.next();
    } catch (e) {
      if (!(e instanceof BrokenPipe)) throw e;
      return finish(i, SIGPIPE_STATUS);
    }
    if (r.done) return finish(i, r.value & 255);
    const now = nowMs();
    const effect = r.value;
    if (effect.kind === 'sleep') t.wakeAt = now + effect.ms;
    else if (effect.kind === 'forever') t.wakeAt = Infinity;
    else {
      t.wakeAt = effect.timeoutMs === undefined ? Infinity : now + effect.timeoutMs;
      effect.register(() => {
        if (t.done || t.epoch !== epoch) return;
        t.epoch++;
        t.wakeAt = nowMs();
        wakeRunner?.();
      });
    }
  };
  for (;;) {
    // Run every stage that is due, again and again: a write wakes its reader at this same instant.
    for (let progressed = true; progressed; ) {
      progressed = false;
      for (let i = 0; i < tasks.length; i++) {
        const t = tasks[i]!;
        if (t.done || t.wakeAt > nowMs()) continue;
        progressed = true;
        step(i);
      }
    }
    if (tasks.every((t) => t.done)) return tasks.map((t) => t.status);
    const next = Math.min(...tasks.filter((t) => !t.done).map((t) => t.wakeAt));
    const now = nowMs();
    yield { kind: 'wait', register: (w) => { wakeRunner = w; }, ...(next === Infinity ? {} : { timeoutMs: next - now }) };
    wakeRunner = undefined;
  }
}
