/**
 * The simulation worker: a thin shell over `createCluster`. It answers requests in order, runs
 * virtual time forward in step with real time (1 virtual second per real second), and pushes
 * batched updates to the page, at most one per ~frame and only when something changed.
 * Timers and wall-clock reads live here, at the edge; the core itself never sees them.
 */
import { createCluster, type Cluster } from '../sim/index.ts';
import { summarize } from './summary.ts';
import {
  MAX_ENTRIES_PER_UPDATE,
  MAX_INPUT_CHARS,
  type ClusterUpdate,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol.ts';

/** How often the clock steps. Coarser than a frame: the page shows whole seconds. */
const TICK_MS = 50;
/** At most one update per this many milliseconds (about one animation frame). */
const MIN_UPDATE_INTERVAL_MS = 16;
/** A throttled or suspended tab resumes with at most this much catch-up in one step. */
const MAX_CATCH_UP_MS = 5_000;
const DEFAULT_SEED = 1;

interface WorkerScope {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

let cluster: Cluster | null = null;
/** Timeline entries already sent to the page. */
let sentEntries = 0;
/** The whole virtual second last sent; the page shows time to the second. */
let sentSecond = -1;
let objectsDirty = true;
let resetPending = true;
let tickTimer: ReturnType<typeof setInterval> | undefined;
let lastTickAt = 0;
/** Real milliseconds not yet turned into virtual time (the kernel steps in whole milliseconds). */
let carryMs = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lastFlushAt = -Infinity;

function start(seed: number | undefined): void {
  stopClock();
  cluster = null;
  sentEntries = 0;
  sentSecond = -1;
  objectsDirty = true;
  resetPending = true;
  try {
    cluster = createCluster({ seed: seed ?? DEFAULT_SEED });
  } catch (error) {
    scope.postMessage({ type: 'fatal', message: `cannot create the cluster: ${messageOf(error)}` });
    return;
  }
  carryMs = 0;
  lastTickAt = performance.now();
  tickTimer = setInterval(tick, TICK_MS);
  requestFlush();
}

function stopClock(): void {
  if (tickTimer !== undefined) clearInterval(tickTimer);
  tickTimer = undefined;
}

function tick(): void {
  if (!cluster) return;
  const now = performance.now();
  carryMs += Math.min(now - lastTickAt, MAX_CATCH_UP_MS);
  lastTickAt = now;
  const stepMs = Math.floor(carryMs);
  if (stepMs <= 0) return;
  carryMs -= stepMs;
  try {
    cluster.advance(stepMs / 1000);
  } catch (error) {
    // A broken invariant in the core: stop rather than throw again twenty times a second.
    stopClock();
    scope.postMessage({ type: 'fatal', message: `the simulation stopped: ${messageOf(error)}` });
  }
  requestFlush();
}

function requestFlush(): void {
  if (flushTimer !== undefined) return;
  const delayMs = Math.max(0, lastFlushAt + MIN_UPDATE_INTERVAL_MS - performance.now());
  flushTimer = setTimeout(flush, delayMs);
}

function flush(): void {
  flushTimer = undefined;
  if (!cluster) return;
  lastFlushAt = performance.now();
  // Only the entries recorded since the last update are read (the log itself may be long).
  const { entries, total } = cluster.timelineSince(sentEntries);
  const t = cluster.now();
  const second = Math.floor(t);
  const fresh = total - sentEntries;
  // Every API write is a timeline entry, so new entries are what may have changed objects.
  if (fresh > 0) objectsDirty = true;
  if (!resetPending && !objectsDirty && second === sentSecond) return;

  const skippedEntries = Math.max(0, fresh - MAX_ENTRIES_PER_UPDATE);
  const update: ClusterUpdate = {
    t,
    reset: resetPending,
    entries: fresh > 0 ? entries.slice(Math.max(0, entries.length - (fresh - skippedEntries))) : [],
    skippedEntries,
  };
  if (objectsDirty) update.summary = summarize(cluster.snapshot());
  sentEntries = total;
  sentSecond = second;
  objectsDirty = false;
  resetPending = false;
  scope.postMessage({ type: 'update', update });
}

function handle(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'exec': {
      checkSize(request.line.length + (request.stdin?.length ?? 0));
      const opts = request.stdin === undefined ? undefined : { stdin: request.stdin };
      return { type: 'result', id: request.id, result: requireCluster().exec(request.line, opts) };
    }
    case 'apply':
      checkSize(request.yaml.length);
      return { type: 'result', id: request.id, result: requireCluster().apply(request.yaml) };
    case 'advance':
      requireCluster().advance(request.seconds);
      return { type: 'done', id: request.id };
    case 'reset':
      start(request.seed);
      return { type: 'done', id: request.id };
    default: {
      const unknown: never = request;
      throw new Error(`unknown request ${JSON.stringify(unknown)}`);
    }
  }
}

function requireCluster(): Cluster {
  if (!cluster) throw new Error('no cluster is running');
  return cluster;
}

function checkSize(chars: number): void {
  if (chars > MAX_INPUT_CHARS) throw new Error(`input too large: ${chars} characters (limit ${MAX_INPUT_CHARS})`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

scope.addEventListener('message', (event) => {
  const request = event.data;
  let response: WorkerResponse;
  try {
    response = handle(request);
  } catch (error) {
    response = { type: 'failed', id: request.id, message: messageOf(error) };
  }
  scope.postMessage(response);
  // A command may have written objects or moved the clock.
  objectsDirty = true;
  requestFlush();
});

start(undefined);
