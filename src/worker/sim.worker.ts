/**
 * The simulation worker: a thin shell over a `Session` (the cluster plus the inputs that made
 * it). It answers requests in order, plays virtual time in step with real time at the chosen
 * speed, and pushes batched updates to the page, at most one per ~frame and only when something
 * changed. Timers and wall-clock reads live here, at the edge; the core never sees them.
 */
import { summarize } from './summary.ts';
import { Session } from './session.ts';
import { markerFor, type Marker } from './markers.ts';
import { isReadOnly } from './readonly.ts';
import { lineWithStdin } from './stdin.ts';
import { complete } from './complete.ts';
import { inspect } from './inspect.ts';
import type { Scenario } from '../scenarios/types.ts';
import {
  MAX_ENTRIES_PER_UPDATE,
  MAX_INPUT_CHARS,
  MAX_SPEED,
  MIN_SPEED,
  type ClockState,
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
/** The known history keeps at most this many markers (the oldest go first). */
const MAX_MARKERS = 100_000;
/** `step` runs at most this far (virtual ms) looking for the next marker. */
const MAX_STEP_MS = 600_000;
const STEP_SLICE_MS = 10;

interface WorkerScope {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

let session: Session | null = null;
let playing = true;
let speed = 1;
/** Timeline entries of the current cluster already sent to the page. */
let sentEntries = 0;
/** Markers of the known history, and the cluster timeline position they have been read up to. */
let history: Marker[] = [];
let historyEntries = 0;
let markersSent = 0;
let replaceMarkers = false;
let forkedAt: number | undefined;
let jumped = true;
/** The whole virtual second last sent; the page shows time to the second. */
let sentSecond = -1;
let objectsDirty = true;
let resetPending = true;
let clockDirty = true;
let tickTimer: ReturnType<typeof setInterval> | undefined;
let lastTickAt = 0;
/** Real milliseconds not yet turned into virtual time (the kernel steps in whole milliseconds). */
let carryMs = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let lastFlushAt = -Infinity;

function start(scenario: Pick<Scenario, 'seed' | 'nodes' | 'actions' | 'title'>, at: number | undefined, play: boolean): void {
  session = null;
  sentEntries = 0;
  history = [];
  historyEntries = 0;
  markersSent = 0;
  replaceMarkers = true;
  forkedAt = undefined;
  sentSecond = -1;
  objectsDirty = true;
  resetPending = true;
  jumped = true;
  clockDirty = true;
  try {
    session = new Session(scenario);
  } catch (error) {
    stopClock();
    scope.postMessage({ type: 'fatal', message: `cannot create the cluster: ${messageOf(error)}` });
    return;
  }
  // The recorded inputs are history already: mark them (and what they cause) as the clock reaches them.
  if (at !== undefined && at > 0) {
    session.runTo(Math.round(at * 1000));
    collectMarkers();
  }
  playing = play;
  startClock();
  requestFlush();
}

function startClock(): void {
  carryMs = 0;
  lastTickAt = performance.now();
  if (tickTimer === undefined) tickTimer = setInterval(tick, TICK_MS);
}

function stopClock(): void {
  if (tickTimer !== undefined) clearInterval(tickTimer);
  tickTimer = undefined;
}

function tick(): void {
  const now = performance.now();
  const elapsed = Math.min(now - lastTickAt, MAX_CATCH_UP_MS);
  lastTickAt = now;
  if (!session || !playing) return;
  carryMs += elapsed * speed;
  const stepMs = Math.floor(carryMs);
  if (stepMs <= 0) return;
  carryMs -= stepMs;
  guarded(() => session!.runTo(session!.nowMs + stepMs));
  requestFlush();
}

/** Runs `work`; a broken invariant in the core stops the clock rather than throwing every tick. */
function guarded(work: () => void): void {
  try {
    work();
  } catch (error) {
    stopClock();
    playing = false;
    scope.postMessage({ type: 'fatal', message: `the simulation stopped: ${messageOf(error)}` });
  }
}

/** Reads the cluster's new timeline entries into the known history's markers. */
function collectMarkers(): void {
  if (!session) return;
  const cluster = session.current;
  if (timelineTotal(cluster) <= historyEntries) return;
  const { entries, total } = cluster.timelineSince(historyEntries);
  const first = total - entries.length;
  entries.forEach((entry, k) => {
    const marker = markerFor(entry, first + k);
    if (marker) history.push(marker);
  });
  historyEntries = total;
  if (history.length > MAX_MARKERS) {
    history.splice(0, history.length - Math.floor(MAX_MARKERS * 0.9));
    replaceMarkers = true;
  }
}

/** Entries the cluster has recorded, without copying any. */
function timelineTotal(cluster: Session['current']): number {
  return cluster.timelineSince(Number.MAX_SAFE_INTEGER).total;
}

function requestFlush(): void {
  if (flushTimer !== undefined) return;
  const delayMs = Math.max(0, lastFlushAt + MIN_UPDATE_INTERVAL_MS - performance.now());
  flushTimer = setTimeout(flush, delayMs);
}

function clockState(): ClockState {
  const s = session!;
  const state: ClockState = { playing, speed, end: s.endMs / 1000, live: s.live, inputs: s.scenario().actions.length };
  if (forkedAt !== undefined) state.forkedAt = forkedAt;
  return state;
}

function flush(): void {
  flushTimer = undefined;
  if (!session) return;
  lastFlushAt = performance.now();
  collectMarkers();
  const cluster = session.current;
  const { entries, total } = cluster.timelineSince(sentEntries);
  if (total < sentEntries) {
    // The cluster was rebuilt (a seek back): the page drops what it holds and takes this state.
    sentEntries = 0;
    resetPending = true;
    objectsDirty = true;
    requestFlush();
    return;
  }
  const t = cluster.now();
  const second = Math.floor(t);
  const fresh = total - sentEntries;
  // Every API write is a timeline entry, so new entries are what may have changed objects.
  if (fresh > 0) objectsDirty = true;
  const newMarkers = replaceMarkers || history.length > markersSent;
  if (!resetPending && !objectsDirty && !clockDirty && !newMarkers && second === sentSecond) return;

  const skippedEntries = Math.max(0, fresh - MAX_ENTRIES_PER_UPDATE);
  const update: ClusterUpdate = {
    t,
    reset: resetPending,
    entries: fresh > 0 ? entries.slice(Math.max(0, entries.length - (fresh - skippedEntries))) : [],
    skippedEntries,
    jumped,
    clock: clockState(),
    markers: replaceMarkers ? [] : history.slice(markersSent),
  };
  if (replaceMarkers) update.markersReplace = history.slice();
  if (objectsDirty) update.summary = summarize(cluster.snapshot());
  sentEntries = total;
  sentSecond = second;
  markersSent = history.length;
  replaceMarkers = false;
  objectsDirty = false;
  resetPending = false;
  clockDirty = false;
  jumped = false;
  forkedAt = undefined;
  scope.postMessage({ type: 'update', update });
}

/** A user's command, now; in the past it may fork the history (and the page is told). */
function act(action: { kind: 'apply'; yaml: string } | { kind: 'exec'; line: string; node?: string }, readOnly: boolean) {
  const s = requireSession();
  collectMarkers();
  const wasLive = s.live;
  const before = timelineTotal(s.current);
  const { result, forked } = s.act(action, readOnly);
  const after = timelineTotal(s.current);
  if (forked) {
    // The future after now is gone, and so are its markers; the command's own entries are the new end.
    forkedAt = s.nowMs / 1000;
    history = history.filter((m) => m.t <= forkedAt!);
    historyEntries = before;
    replaceMarkers = true;
  } else if (!wasLive) {
    // A look at the past: its own entries join the known history where they happened.
    const { entries } = s.current.timelineSince(before);
    const added = entries.flatMap((entry, k) => markerFor(entry, before + k) ?? []);
    const at = history.findIndex((m) => m.t > s.nowMs / 1000);
    history.splice(at < 0 ? history.length : at, 0, ...added);
    historyEntries += after - before;
    replaceMarkers = true;
  }
  clockDirty = true;
  return forked ? { ...result, forked } : result;
}

function handle(request: WorkerRequest): WorkerResponse {
  switch (request.kind) {
    case 'exec':
      checkSize(request.line.length + (request.stdin?.length ?? 0));
      if (request.stdin !== undefined) {
        // The page's commands with the editor's text on stdin: apply is its own action; the others
        // (delete, diff) are recorded as one shell line carrying the text (stdin.ts).
        if (request.line === 'kubectl apply -f -') return { type: 'result', id: request.id, result: act({ kind: 'apply', yaml: request.stdin }, false) };
        return { type: 'result', id: request.id, result: act({ kind: 'exec', line: lineWithStdin(request.line, request.stdin) }, isReadOnly(request.line)) };
      }
      return { type: 'result', id: request.id, result: act(request.node === undefined ? { kind: 'exec', line: request.line } : { kind: 'exec', line: request.line, node: request.node }, isReadOnly(request.line)) };
    case 'apply':
      checkSize(request.yaml.length);
      return { type: 'result', id: request.id, result: act({ kind: 'apply', yaml: request.yaml }, false) };
    case 'advance': {
      const s = requireSession();
      s.runTo(s.nowMs + Math.round(request.seconds * 1000));
      return { type: 'done', id: request.id };
    }
    case 'reset':
      start({ title: 'Untitled', seed: request.seed ?? DEFAULT_SEED, actions: [] }, undefined, true);
      return { type: 'done', id: request.id };
    case 'load':
      start(request.scenario, request.t, request.play ?? true);
      return { type: 'done', id: request.id };
    case 'play':
      playing = true;
      startClock();
      break;
    case 'pause':
      playing = false;
      break;
    case 'speed':
      if (!(request.speed >= MIN_SPEED && request.speed <= MAX_SPEED)) throw new Error(`speed must be between ${MIN_SPEED} and ${MAX_SPEED}, got ${request.speed}`);
      speed = request.speed;
      break;
    case 'step':
      playing = false;
      step();
      break;
    case 'seek': {
      const s = requireSession();
      playing = false;
      s.seek(Math.round(request.t * 1000));
      jumped = true;
      objectsDirty = true;
      break;
    }
    case 'scenario':
      return { type: 'scenario', id: request.id, scenario: requireSession().scenario() };
    case 'complete':
      checkSize(request.line.length);
      return { type: 'complete', id: request.id, completion: complete(request.line, requireSession().current.snapshot()) };
    case 'inspect':
      return { type: 'inspect', id: request.id, inspection: inspect(requireSession().current.snapshot(), request.target) };
    default: {
      const unknown: never = request;
      throw new Error(`unknown request ${JSON.stringify(unknown)}`);
    }
  }
  clockDirty = true;
  return { type: 'done', id: request.id };
}

/**
 * Runs forward to the next marked entry: within the known history, straight to it; at its end,
 * in small slices until something worth a marker happens (at most MAX_STEP_MS).
 */
function step(): void {
  const s = requireSession();
  collectMarkers();
  const nowT = s.nowMs / 1000;
  if (!s.live) {
    const next = history.find((m) => m.t > nowT);
    if (next) {
      s.runTo(Math.round(next.t * 1000));
      return;
    }
  }
  const known = history.length;
  const limit = s.nowMs + MAX_STEP_MS;
  while (s.nowMs < limit) {
    s.runTo(s.nowMs + STEP_SLICE_MS);
    collectMarkers();
    if (history.length > known) return;
  }
}

function requireSession(): Session {
  if (!session) throw new Error('no cluster is running');
  return session;
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
  // Completion and the inspector only read: nothing changed, no update to send.
  if (request.kind === 'complete' || request.kind === 'inspect') return;
  // A command may have written objects or moved the clock.
  objectsDirty = true;
  requestFlush();
});

start({ title: 'Untitled', seed: DEFAULT_SEED, actions: [] }, undefined, true);
