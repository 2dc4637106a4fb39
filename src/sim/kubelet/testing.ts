/**
 * A small scripted container runtime for the kubelet's tests (the real one is runtime/runtime.ts).
 * Every answer comes later on the agenda, as the seam requires; behaviours are set per container
 * name in a table.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Action, ActionResult, ContainerConfig, ContainerRuntime, ExitStatus, PullResult } from '../runtime/types.ts';

export interface Behaviour {
  /** Exits by itself this long after starting (undefined: runs until signalled). */
  runMs?: number;
  exitCode?: number;
  /** How long it takes to exit after SIGTERM (undefined: ignores SIGTERM). Exit code 143... or 0 with `termExitCode`. */
  termMs?: number;
  termExitCode?: number;
  /** Probe answers, by probe/hook action; default success. */
  probe?: (action: Action, sinceStartMs: number) => ActionResult;
  /** postStart / preStop: how long the hook takes and whether it succeeds. */
  hookMs?: number;
  hookOk?: boolean;
}

interface Proc {
  config: ContainerConfig;
  startedAtMs?: number;
  onExit?: (s: ExitStatus) => void;
  done: boolean;
}

export class TestRuntime implements ContainerRuntime {
  readonly images = new Set<string>();
  /** image → pull time and size, or an error message. */
  readonly registry = new Map<string, { ms: number; size: number } | { error: string }>();
  readonly behaviours = new Map<string, Behaviour>();
  readonly log: string[] = [];
  private readonly procs = new Map<string, Proc>();
  private seq = 0;

  constructor(private readonly kernel: Kernel) {}

  hasImage(_node: string, image: string): boolean {
    return this.images.has(image);
  }

  pullImage(_node: string, image: string, done: (r: PullResult) => void): void {
    const entry = this.registry.get(image) ?? { ms: 2345, size: 71234567 };
    if ('error' in entry) {
      this.kernel.after(800, 'test-runtime: pull failed', () => done({ ok: false, reason: 'ErrImagePull', message: entry.error }));
      return;
    }
    this.kernel.after(entry.ms, 'test-runtime: pulled', () => {
      this.images.add(image);
      done({ ok: true, imageRef: image, imageID: `docker.io/library/${image.split(':')[0]}@sha256:${'ab'.repeat(32)}`, sizeBytes: entry.size, pulledInMs: entry.ms, alreadyPresent: false });
    });
  }

  createContainer(_node: string, config: ContainerConfig): string {
    const id = (++this.seq).toString(16).padStart(64, '0');
    this.procs.set(id, { config, done: false });
    return id;
  }

  startContainer(id: string, onExit: (s: ExitStatus) => void): void {
    const p = this.procs.get(id)!;
    p.startedAtMs = this.kernel.nowMs;
    p.onExit = onExit;
    this.log.push(`${this.kernel.nowMs} start ${p.config.name}`);
    const b = this.behaviour(p);
    if (b.runMs !== undefined) {
      const code = b.exitCode ?? 0;
      this.kernel.after(b.runMs, 'test-runtime: exit', () => this.exit(id, { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' }));
    }
  }

  signal(id: string, signal: 9 | 15): void {
    const p = this.procs.get(id);
    if (!p || p.done) return;
    this.log.push(`${this.kernel.nowMs} signal ${signal} ${p.config.name}`);
    if (signal === 9) {
      this.kernel.after(0, 'test-runtime: SIGKILL', () => this.exit(id, { exitCode: 137, reason: 'Error', signal: 9 }));
      return;
    }
    const b = this.behaviour(p);
    if (b.termMs === undefined) return;
    const code = b.termExitCode ?? 143;
    this.kernel.after(b.termMs, 'test-runtime: SIGTERM exit', () => this.exit(id, { exitCode: code, reason: code === 0 ? 'Completed' : 'Error' }));
  }

  probe(id: string, action: Action, _timeoutMs: number, done: (r: ActionResult) => void): void {
    const p = this.procs.get(id)!;
    const b = this.behaviour(p);
    const r = b.probe ? b.probe(action, this.kernel.nowMs - (p.startedAtMs ?? 0)) : { ok: true, output: '' };
    this.kernel.after(5, 'test-runtime: probe', () => done(r));
  }

  runHook(id: string, _action: Action, done: (r: ActionResult) => void): void {
    const b = this.behaviour(this.procs.get(id)!);
    this.kernel.after(b.hookMs ?? 10, 'test-runtime: hook', () => done({ ok: b.hookOk ?? true, output: b.hookOk === false ? 'hook failed' : '' }));
  }

  removeContainer(id: string): void {
    this.procs.delete(id);
  }

  logs(): string {
    return '';
  }

  private behaviour(p: Proc): Behaviour {
    return this.behaviours.get(p.config.name) ?? { termMs: 100 };
  }

  private exit(id: string, s: ExitStatus): void {
    const p = this.procs.get(id);
    if (!p || p.done) return;
    p.done = true;
    this.log.push(`${this.kernel.nowMs} exit ${p.config.name} ${s.exitCode}`);
    p.onExit?.(s);
  }
}
