/**
 * The page's side of the worker protocol: promise-returning methods, one per request kind,
 * and a subscription to the worker's pushed updates.
 */
import type {
  ActResult,
  ClusterUpdate,
  Completion,
  InspectResult,
  InspectTarget,
  RequestKind,
  ResultOf,
  Scenario,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';

/** What the store needs from a simulation; the worker client is one, a test fake another. */
export interface SimulationApi {
  /** Runs one shell line on `node` (default: the control-plane node). */
  exec(line: string, stdin?: string, node?: string): Promise<ActResult>;
  apply(yaml: string): Promise<ActResult>;
  advance(seconds: number): Promise<void>;
  reset(seed?: number): Promise<void>;
  /** Starts a scenario's history (optionally at a time, playing or paused). */
  load(scenario: Scenario, opts?: { t?: number; play?: boolean }): Promise<void>;
  play(): Promise<void>;
  pause(): Promise<void>;
  setSpeed(speed: number): Promise<void>;
  /** Runs forward to the next marked event. */
  step(): Promise<void>;
  /** Goes to a virtual time within the known history (and pauses). */
  seek(t: number): Promise<void>;
  /** The history so far as a scenario. */
  scenario(): Promise<Scenario>;
  /** Calls `listener` with each update batch; returns the unsubscribe function. */
  onUpdate(listener: (update: ClusterUpdate) => void): () => void;
  /** Calls `listener` when the simulation cannot go on (until a reset). */
  onFatal(listener: (message: string) => void): () => void;
  /** Tab completion of a terminal line (read-only; the worker client has it, test fakes may not). */
  complete?(line: string): Promise<Completion>;
  /** `kubectl describe` and `-o yaml` of one object (read-only; as `complete`). */
  inspect?(target: InspectTarget): Promise<InspectResult>;
}

type Settled = ActResult | Scenario | Completion | InspectResult | undefined;

interface Pending {
  resolve: (value: Settled) => void;
  reject: (error: Error) => void;
}

/** A request as the caller writes it: the client assigns the id. */
type Unnumbered<K extends RequestKind> = Omit<Extract<WorkerRequest, { kind: K }>, 'id'>;

export class SimulationClient implements SimulationApi {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly updateListeners = new Set<(update: ClusterUpdate) => void>();
  private readonly fatalListeners = new Set<(message: string) => void>();

  constructor() {
    this.worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.receive(event.data));
    // Also fires when the worker module cannot load at all (then `message` is absent).
    this.worker.addEventListener('error', (event: ErrorEvent) => {
      const reason = `simulation worker error: ${event.message || 'the worker failed to load'}`;
      this.failAll(reason);
      for (const listener of this.fatalListeners) listener(reason);
    });
  }

  exec(line: string, stdin?: string, node?: string): Promise<ActResult> {
    return this.call<'exec'>({ kind: 'exec', line, ...(stdin === undefined ? {} : { stdin }), ...(node === undefined ? {} : { node }) });
  }

  complete(line: string): Promise<Completion> {
    return this.call<'complete'>({ kind: 'complete', line });
  }

  inspect(target: InspectTarget): Promise<InspectResult> {
    return this.call<'inspect'>({ kind: 'inspect', target });
  }

  apply(yaml: string): Promise<ActResult> {
    return this.call<'apply'>({ kind: 'apply', yaml });
  }

  advance(seconds: number): Promise<void> {
    return this.call<'advance'>({ kind: 'advance', seconds });
  }

  reset(seed?: number): Promise<void> {
    return this.call<'reset'>(seed === undefined ? { kind: 'reset' } : { kind: 'reset', seed });
  }

  load(scenario: Scenario, opts: { t?: number; play?: boolean } = {}): Promise<void> {
    return this.call<'load'>({ kind: 'load', scenario, ...opts });
  }

  play(): Promise<void> {
    return this.call<'play'>({ kind: 'play' });
  }

  pause(): Promise<void> {
    return this.call<'pause'>({ kind: 'pause' });
  }

  setSpeed(speed: number): Promise<void> {
    return this.call<'speed'>({ kind: 'speed', speed });
  }

  step(): Promise<void> {
    return this.call<'step'>({ kind: 'step' });
  }

  seek(t: number): Promise<void> {
    return this.call<'seek'>({ kind: 'seek', t });
  }

  scenario(): Promise<Scenario> {
    return this.call<'scenario'>({ kind: 'scenario' });
  }

  onUpdate(listener: (update: ClusterUpdate) => void): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  onFatal(listener: (message: string) => void): () => void {
    this.fatalListeners.add(listener);
    return () => this.fatalListeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll('simulation worker terminated');
  }

  /** Stops the worker as a crash would: pending requests fail and the fatal listeners hear `reason`. */
  kill(reason: string): void {
    this.worker.terminate();
    this.failAll(reason);
    for (const listener of this.fatalListeners) listener(reason);
  }

  private call<K extends RequestKind>(request: Unnumbered<K>): Promise<ResultOf[K]> {
    const id = this.nextId++;
    return new Promise<ResultOf[K]>((resolve, reject) => {
      // The response kind matches the request kind (see protocol.ts); this is the one cast.
      this.pending.set(id, { resolve: resolve as (value: Settled) => void, reject });
      this.worker.postMessage({ ...request, id } as WorkerRequest);
    });
  }

  private receive(message: WorkerResponse): void {
    switch (message.type) {
      case 'update':
        for (const listener of this.updateListeners) listener(message.update);
        return;
      case 'fatal':
        for (const listener of this.fatalListeners) listener(message.message);
        return;
      case 'result':
        this.settle(message.id)?.resolve(message.result);
        return;
      case 'scenario':
        this.settle(message.id)?.resolve(message.scenario);
        return;
      case 'complete':
        this.settle(message.id)?.resolve(message.completion);
        return;
      case 'inspect':
        this.settle(message.id)?.resolve(message.inspection);
        return;
      case 'done':
        this.settle(message.id)?.resolve(undefined);
        return;
      case 'failed':
        this.settle(message.id)?.reject(new Error(message.message));
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unknown worker message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry;
  }

  private failAll(reason: string): void {
    for (const entry of this.pending.values()) entry.reject(new Error(reason));
    this.pending.clear();
  }
}
