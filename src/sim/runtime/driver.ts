/**
 * Runs a process (a generator of effects) on the kernel's agenda: each step runs until the
 * process yields, a `sleep` becomes an agenda entry at exactly that many milliseconds later,
 * `forever` waits for a kill. A kill cancels the pending entry and ends the process between steps.
 */
import type { AgendaEntry } from '../kernel/agenda.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Proc } from './proc.ts';

export interface ProcessEnd {
  exitCode: number;
  /** Set when a signal ended it. */
  signal?: number;
  /** Set when the kernel's OOM killer ended it (containerd then reports reason OOMKilled). */
  oomKilled?: boolean;
}

export class ProcessDriver {
  private pending?: AgendaEntry;
  private ended = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly label: string,
    private readonly proc: Proc,
    private readonly onEnd: (end: ProcessEnd) => void,
  ) {}

  get running(): boolean {
    return !this.ended;
  }

  /** Starts the process `delayMs` from now. */
  start(delayMs = 0): void {
    this.pending = this.kernel.after(delayMs, this.label, () => this.step());
  }

  /** Ends the process now with this status (a signal, or a handler's exit). */
  kill(end: ProcessEnd): void {
    if (this.ended) return;
    if (this.pending) this.kernel.agenda.cancel(this.pending);
    this.ended = true;
    this.proc.return(end.exitCode);
    this.onEnd(end);
  }

  private step(): void {
    this.pending = undefined;
    if (this.ended) return;
    const r = this.proc.next();
    if (r.done) {
      this.ended = true;
      this.onEnd({ exitCode: r.value & 255 });
    } else if (r.value.kind === 'sleep') {
      this.pending = this.kernel.after(r.value.ms, this.label, () => this.step());
    } else if (r.value.kind === 'wait') {
      let woken = false;
      const timeout = r.value.timeoutMs;
      if (timeout !== undefined) {
        this.pending = this.kernel.after(timeout, this.label, () => {
          woken = true;
          this.step();
        });
      }
      r.value.register(() => {
        if (woken || this.ended) return;
        woken = true;
        if (this.pending) this.kernel.agenda.cancel(this.pending);
        this.pending = this.kernel.after(0, this.label, () => this.step());
      });
    }
  }
}
