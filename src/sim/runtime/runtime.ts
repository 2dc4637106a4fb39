/**
 * SimRuntime: the container runtime behind the CRI, as containerd + runc answer the kubelet.
 * It owns each node's images and pulls (`images.ts`), each container's process (the image's
 * default process or a command run by the small shell, `sh-run.ts`), its in-memory filesystem,
 * its log, what listens on its ports, and how it reacts to signals. Every answer is delivered
 * on the kernel's agenda, never inside the call.
 */
import type { Kernel } from '../kernel/kernel.ts';
import { grpc, httpGet, tcpSocket, type NetworkTarget, type Timed } from './actions.ts';
import { behaviourFor, containerArgv, GENERIC_IMAGE, type ImageBehaviour } from './behaviours.ts';
import { ProcessDriver, type ProcessEnd } from './driver.ts';
import { ImageStore } from './images.ts';
import { DEFAULT_PATH, lookupProgram, Stdin, type HttpHandler, type IO, type ProcContext, type ProcNet, type ProcTable, type SignalDisposition } from './proc.ts';
import { MountFs } from './volumes.ts';
import { parseImageReference } from './reference.ts';
import type { Action, ActionResult, ContainerConfig, ContainerRuntime, ExitStatus, PullResult } from './types.ts';

/** runc exec setup: an exec probe's command starts this long after the kubelet asks. */
export const EXEC_START_MS = 30;
/** A container's log keeps its last this-many characters (the kubelet rotates at 10 MiB). */
export const MAX_LOG_CHARS = 1 << 20;
/** How many writes a container log collects before they are joined into it (see Container.logParts). */
const LOG_JOIN_PARTS = 64;
/** pkg/probe/exec/exec.go `maxReadLength`: an exec probe's output is cut at 10 KiB. */
export const MAX_EXEC_OUTPUT_CHARS = 10 * 1024;

/**
 * containerd's reason for a container whose process could not start is `StartError`
 * (exit code 128); types.ts does not list it yet, so the closest member stands in here.
 * When types.ts gains 'StartError', change this one line.
 */
const START_ERROR_REASON: ExitStatus['reason'] = 'StartError';

export type ExecOutcome =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string; output: string }
  | { kind: 'timedOut' }
  | { kind: 'error'; message: string };

/** Where a container's traffic starts: its node, its pod IP and namespace, its /etc/resolv.conf. */
export interface NetSource {
  node: string;
  podIP: string;
  namespace: string;
  fs: ReadonlyMap<string, string>;
}

/** The pod network (src/sim/network), set by the cluster; the runtime builds and runs without it. */
export interface NetworkBackend {
  attach(from: NetSource): ProcNet;
}

interface Container {
  id: string;
  node: string;
  config: ContainerConfig;
  image: ImageBehaviour;
  state: 'created' | 'running' | 'exited';
  fs: Map<string, string>;
  env: Map<string, string>;
  /**
   * The log as flat chunks (each the join of LOG_JOIN_PARTS writes) and the writes since the last
   * chunk: a string grown by `+=` would be a rope of a cons-string node per write, and joining the
   * whole log on every batch would copy it each time. Oldest chunks go past MAX_LOG_CHARS.
   */
  logChunks: string[];
  logParts: string[];
  logChars: number;
  listeners: Map<number, HttpHandler>;
  signalHandlers: Map<number, (fromPid?: number) => SignalDisposition>;
  main?: ProcessDriver;
  mainArgv: string[];
  execs: Set<ProcessDriver>;
  /** PIDs and argv of the exec'd processes (PID 1 is the main process). */
  execInfo: Map<ProcessDriver, { pid: number; argv: string[] }>;
  nextPid: number;
  /** CPU time charged to each PID (`ProcContext.chargeCpu`), for `ps`'s TIME. */
  cpuMs: Map<number, number>;
  /** Memory each process holds (useMemory), by PID. */
  memoryBytes: Map<number, number>;
}

/** The first PID an exec'd process gets in a container (the runtime's own setup used the ones before). */
const FIRST_EXEC_PID = 7;

export class SimRuntime implements ContainerRuntime {
  readonly images: ImageStore;
  private readonly containers = new Map<string, Container>();
  private network: NetworkBackend | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly behaviours: (repository: string) => ImageBehaviour = (r) => behaviourFor(r),
  ) {
    this.images = new ImageStore(kernel, behaviours);
  }

  /** Connects the containers' programs (wget, curl, nslookup) to the pod network. */
  setNetwork(network: NetworkBackend): void {
    this.network = network;
  }

  /** What listens on ip:port in a running container (the pod network delivers connections here). */
  listenerAt(ip: string, port: number): HttpHandler | undefined {
    for (const c of this.containers.values()) {
      if (c.state === 'running' && c.config.podIP === ip) {
        const h = c.listeners.get(port);
        if (h) return h;
      }
    }
    return undefined;
  }

  /** Whether a running container has this IP (a connection to a port nobody listens on is refused, not lost). */
  hasAddress(ip: string): boolean {
    for (const c of this.containers.values()) if (c.state === 'running' && c.config.podIP === ip) return true;
    return false;
  }

  hasImage(node: string, image: string): boolean {
    return this.images.has(node, image);
  }

  pullImage(node: string, image: string, done: (result: PullResult) => void): void {
    this.images.pull(node, image, (r) => {
      this.kernel.record({ source: `containerd/${node}`, type: 'decision', reason: r.ok ? 'Pulled' : r.reason, message: r.ok ? `pulled ${image} in ${r.pulledInMs}ms (${r.sizeBytes} bytes${r.alreadyPresent ? ', already present' : ''})` : r.message });
      done(r);
    });
  }

  /** Fault injection: the registry refuses this image until `available` is true again. */
  setImageAvailability(image: string, available: boolean, message?: string): void {
    this.images.setAvailability(image, available, message);
  }

  /** Images present on a node from the start (baked into the node image). */
  preloadImage(node: string, image: string): void {
    this.images.preload(node, image);
  }

  createContainer(node: string, config: ContainerConfig): string {
    const parsed = parseImageReference(config.image);
    if (!parsed.ok) throw new Error(`createContainer: invalid image ${config.image} (the kubelet pulls before it creates)`);
    const id = this.hex64();
    const env = new Map<string, string>([['PATH', DEFAULT_PATH], ['HOSTNAME', config.hostname], ['HOME', '/root']]);
    for (const e of config.env ?? []) env.set(e.name, e.value);
    const image = this.behaviours(parsed.ref.repository);
    if (image === GENERIC_IMAGE) this.recordGeneric(node, config);
    const files: [string, string][] = [...Object.entries(image.files ?? {}), ['/etc/hostname', `${config.hostname}\n`], ...Object.entries(config.files ?? {})];
    this.containers.set(id, {
      id, node, config, env,
      image,
      state: 'created',
      fs: new MountFs(config.mounts ?? [], files),
      logChunks: [],
      logParts: [],
      logChars: 0,
      listeners: new Map(),
      signalHandlers: new Map(),
      mainArgv: [],
      execs: new Set(),
      execInfo: new Map(),
      nextPid: FIRST_EXEC_PID,
      cpuMs: new Map(),
      memoryBytes: new Map(),
    });
    return id;
  }

  /**
   * An image the catalog does not know runs as the generic image: a timeline decision the page
   * reads (reason `GenericImage`) to say that this container is a stand-in, not the real image.
   */
  private recordGeneric(node: string, config: ContainerConfig): void {
    const ports = (config.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') || 'none declared';
    const what = config.command?.length || config.args?.length ? 'its command runs in a busybox-like userland' : `a generic process listens on its containerPorts (${ports})`;
    this.kernel.record({
      source: `containerd/${node}`, type: 'decision', reason: 'GenericImage',
      object: { kind: 'Pod', namespace: config.podNamespace, name: config.podName, uid: config.podUid },
      message: `image "${config.image}" (container ${config.name}) is not in Kubeplay's image catalog: ${what}`,
      data: { container: config.name, image: config.image },
    });
  }

  startContainer(id: string, onExit: (status: ExitStatus) => void): void {
    const c = this.get(id);
    if (c.state !== 'created') throw new Error(`startContainer: container ${id} is ${c.state}`);
    const argv = containerArgv(c.image, c.config.command, c.config.args);
    c.mainArgv = argv;
    const ctx = this.context(c, 1);
    const program = argv[0] === undefined ? undefined : lookupProgram(ctx, argv[0]);
    if (!program) {
      c.state = 'exited';
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${execError(argv[0])}: unknown`;
      this.kernel.after(0, `runtime: ${this.label(c)} cannot start`, () => onExit({ exitCode: 128, reason: START_ERROR_REASON, message }));
      return;
    }
    c.state = 'running';
    const io: IO = { out: (t) => this.appendLog(c, t), err: (t) => this.appendLog(c, t) };
    if (c.config.stdin) io.in = Stdin.pipe();
    c.main = new ProcessDriver(this.kernel, `runtime: ${this.label(c)}`, program(argv, io, ctx), (end) => {
      c.state = 'exited';
      c.listeners.clear();
      for (const e of [...c.execs]) e.kill({ exitCode: 137, signal: 9 });
      onExit(exitStatus(end));
    });
    c.main.start();
  }

  signal(id: string, signal: 9 | 15): void {
    const c = this.get(id);
    this.kernel.after(0, `runtime: signal ${signal} to ${this.label(c)}`, () => this.deliver(c, signal, false));
  }

  /**
   * A signal to PID 1. SIGKILL from outside (the kubelet) always kills it; from inside the
   * container's PID namespace the kernel protects its init from SIGKILL and SIGSTOP, and any
   * signal it has no handler for is ignored.
   */
  private deliver(c: Container, signal: number, fromInside: boolean, fromPid?: number): void {
    const main = c.main;
    if (!main?.running) return;
    if (signal === 9 && !fromInside) return main.kill({ exitCode: 137, signal: 9 });
    const handler = c.signalHandlers.get(signal);
    // siginfo's si_pid: the sender's PID inside the namespace, 0 (unknown here) from outside it.
    const disposition = handler ? handler(fromPid) : 'ignore';
    if (disposition === 'handled') return;
    if (disposition === 'ignore') {
      this.kernel.record({ source: `containerd/${c.node}`, type: 'decision', reason: 'SignalIgnored', message: `${this.label(c)}: signal ${signal} ignored (PID 1 without a handler for it)` });
      return;
    }
    const end: ProcessEnd = { exitCode: disposition.exitCode, signal: disposition.signal };
    if (disposition.exitAfterMs === 0) main.kill(end);
    else this.kernel.after(disposition.exitAfterMs, `runtime: ${this.label(c)} exits after signal`, () => main.kill(end));
  }

  /** A process's memory changed: past the container's limit, the OOM killer ends the container. */
  private useMemory(c: Container, pid: number, bytes: number): void {
    c.memoryBytes.set(pid, Math.max(0, bytes));
    const limit = c.config.memoryLimitBytes;
    if (limit === undefined || !c.main?.running) return;
    let total = 0;
    for (const b of c.memoryBytes.values()) total += b;
    if (total <= limit) return;
    this.kernel.record({ source: `containerd/${c.node}`, type: 'decision', reason: 'OOMKilled', object: { kind: 'Pod', namespace: c.config.podNamespace, name: c.config.podName, uid: c.config.podUid }, message: `${this.label(c)}: memory ${total} bytes over its limit ${limit}: the OOM killer ends the container`, data: { container: c.config.name, bytes: total, limit } });
    const main = c.main;
    this.kernel.after(0, `runtime: OOM kill ${this.label(c)}`, () => main.kill({ exitCode: 137, signal: 9, oomKilled: true }));
  }

  /** The container's processes as `ps` and `kill` see them from the process `selfPid`. */
  private procTable(c: Container, selfPid: number): ProcTable {
    return {
      list: () => [
        ...(c.main?.running ? [{ pid: 1, argv: c.mainArgv }] : []),
        ...[...c.execs].map((e) => c.execInfo.get(e)!).filter((i) => i !== undefined),
      ].map((p) => ({ ...p, cpuMs: c.cpuMs.get(p.pid) ?? 0 })),
      signal: (pid, signal) => {
        if (pid === 1) {
          if (!c.main?.running) return false;
          // Delivered when the sending command has returned, as a signal lands between two steps.
          this.kernel.after(0, `runtime: signal ${signal} to ${this.label(c)} from inside`, () => this.deliver(c, signal, true, selfPid));
          return true;
        }
        for (const [driver, info] of c.execInfo) {
          if (info.pid !== pid || !driver.running) continue;
          // An exec'd process has the default actions: most signals end it with 128+N.
          if (signal !== 0 && signal !== 17 && signal !== 28 && signal !== 18) this.kernel.after(0, `runtime: signal ${signal} to pid ${pid}`, () => driver.kill({ exitCode: 128 + signal, signal }));
          return true;
        }
        return false;
      },
    };
  }

  probe(id: string, action: Action, timeoutMs: number, done: (result: ActionResult) => void): void {
    this.runAction(this.get(id), action, timeoutMs, true, done);
  }

  runHook(id: string, action: Action, done: (result: ActionResult) => void): void {
    this.runAction(this.get(id), action, undefined, false, done);
  }

  /** Runs a command in a running container, as CRI ExecSync (exec probes, exec hooks, later `kubectl exec`). */
  execSync(id: string, command: string[], timeoutMs: number | undefined, done: (outcome: ExecOutcome) => void, stdin?: string, opts: { tty?: boolean } = {}): void {
    const c = this.get(id);
    const fail = (message: string) => this.kernel.after(EXEC_START_MS, `runtime: exec in ${this.label(c)} fails`, () => done({ kind: 'error', message }));
    if (c.state !== 'running') return void fail(`rpc error: code = Unknown desc = failed to exec in container: container is in CONTAINER_${c.state.toUpperCase()} state`);
    const pid = c.nextPid++;
    const ctx = this.context(c, pid);
    const program = command[0] === undefined ? undefined : lookupProgram(ctx, command[0]);
    if (!program) {
      return void fail(`rpc error: code = Unknown desc = failed to exec in container: failed to start exec ${JSON.stringify(this.hex64())}: OCI runtime exec failed: exec failed: unable to start container process: ${execError(command[0])}: unknown`);
    }
    let stdout = '';
    let stderr = '';
    let output = '';
    const cap = (s: string, t: string) => (s.length >= MAX_EXEC_OUTPUT_CHARS ? s : (s + t).slice(0, MAX_EXEC_OUTPUT_CHARS));
    const io: IO = {
      out: (t) => { stdout = cap(stdout, t); output = cap(output, t); },
      err: (t) => { stderr = cap(stderr, t); output = cap(output, t); },
    };
    if (stdin !== undefined) io.in = new Stdin(stdin);
    if (opts.tty) io.terminal = true;
    let finished = false;
    const session: ProcessDriver = new ProcessDriver(this.kernel, `runtime: exec ${command[0]} in ${this.label(c)}`, program(command, io, ctx), (end) => {
      c.execs.delete(session);
      c.execInfo.delete(session);
      if (finished) return;
      finished = true;
      done({ kind: 'exited', exitCode: end.exitCode, stdout, stderr, output });
    });
    c.execs.add(session);
    c.execInfo.set(session, { pid, argv: command });
    session.start(EXEC_START_MS);
    if (timeoutMs !== undefined) {
      this.kernel.after(timeoutMs, `runtime: exec in ${this.label(c)} times out`, () => {
        if (finished) return;
        finished = true;
        session.kill({ exitCode: 137, signal: 9 });
        done({ kind: 'timedOut' });
      });
    }
  }

  removeContainer(id: string): void {
    const c = this.get(id);
    if (c.state === 'running') throw new Error(`removeContainer: container ${id} is still running`);
    this.containers.delete(id);
  }

  logs(id: string): string {
    const c = this.get(id);
    const all = [...c.logChunks, ...c.logParts].join('');
    return all.length > MAX_LOG_CHARS ? all.slice(all.length - MAX_LOG_CHARS) : all;
  }

  private runAction(c: Container, action: Action, timeoutMs: number | undefined, isProbe: boolean, done: (result: ActionResult) => void): void {
    const deliver = (t: Timed) => this.kernel.after(t.delayMs, `runtime: ${isProbe ? 'probe' : 'hook'} ${this.label(c)}`, () => done(t.result));
    const target: NetworkTarget = { podIP: c.config.podIP, listener: (port) => c.listeners.get(port) };
    if ('exec' in action) {
      const command = action.exec.command;
      this.execSync(c.id, command, timeoutMs, (o) => {
        if (o.kind === 'exited') done({ ok: o.exitCode === 0, output: o.output, exec: { exitCode: o.exitCode, stdout: o.stdout, stderr: o.stderr } });
        // remote_runtime.go ExecSync: a deadline becomes `command "..." timed out`; exec.go returns it as the output.
        else if (o.kind === 'timedOut') done({ ok: false, output: `command ${JSON.stringify(command.join(' '))} timed out` });
        else done({ ok: false, output: o.message });
      });
    } else if ('httpGet' in action) deliver(httpGet(target, action.httpGet, timeoutMs, isProbe));
    else if ('tcpSocket' in action) deliver(tcpSocket(target, action.tcpSocket));
    else if ('grpc' in action) deliver(grpc(target, action.grpc, timeoutMs ?? 1000));
    else deliver({ delayMs: action.sleep.seconds * 1000, result: { ok: true, output: '' } });
  }

  /** The container as its process sees it; only the main process (PID 1) listens and traps signals. */
  private context(c: Container, pid: number): ProcContext {
    const main = pid === 1;
    const procs = this.procTable(c, pid);
    const kernel = this.kernel;
    const attach = () => this.network?.attach({ node: c.node, podIP: c.config.podIP, namespace: c.config.podNamespace, fs: c.fs });
    return {
      fs: c.fs,
      env: c.env,
      cwd: c.config.workingDir || '/',
      hostname: c.config.hostname,
      image: c.config.image,
      podIP: c.config.podIP,
      // Read when a program runs, so a network set after the container started still reaches it.
      get net(): ProcNet | undefined {
        return attach();
      },
      ports: (c.config.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort),
      nowMs: () => kernel.nowMs,
      // Own keys only: a command named `constructor` or `__proto__` is not a program.
      program: (name) => (Object.hasOwn(c.image.programs, name) ? c.image.programs[name] : undefined),
      listen: (port, handler) => { if (main) c.listeners.set(port, handler); },
      onSignal: (signal, handler) => { if (main) c.signalHandlers.set(signal, handler); },
      setArgv: (argv) => {
        if (main) c.mainArgv = argv;
        else for (const [driver, info] of c.execInfo) if (info.pid === pid) c.execInfo.set(driver, { pid, argv });
      },
      pid,
      procs,
      chargeCpu: (ms) => c.cpuMs.set(pid, (c.cpuMs.get(pid) ?? 0) + ms),
      useMemory: (bytes) => this.useMemory(c, pid, bytes),
    };
  }

  private appendLog(c: Container, text: string): void {
    c.logParts.push(text);
    c.logChars += text.length;
    if (c.logParts.length < LOG_JOIN_PARTS) return;
    // Array#join makes a flat string; chunks wholly older than the last MAX_LOG_CHARS are dropped.
    c.logChunks.push(c.logParts.join(''));
    c.logParts = [];
    while (c.logChunks.length > 1 && c.logChars - c.logChunks[0]!.length >= MAX_LOG_CHARS) c.logChars -= c.logChunks.shift()!.length;
  }

  private get(id: string): Container {
    const c = this.containers.get(id);
    if (!c) throw new Error(`runtime: no container ${id}`);
    return c;
  }

  private label(c: Container): string {
    return `${c.config.podNamespace}/${c.config.podName}/${c.config.name}`;
  }

  private hex64(): string {
    return Array.from({ length: 8 }, () => this.kernel.rng.nextUint32().toString(16).padStart(8, '0')).join('');
  }
}

/** runc's error for an executable it cannot find: by name through $PATH, or by path. */
function execError(name: string | undefined): string {
  if (name === undefined) return 'exec: no command specified';
  if (name.includes('/')) return `exec: "${name}": stat ${name}: no such file or directory`;
  return `exec: "${name}": executable file not found in $PATH`;
}

/** containerd's exit reasons: 0 → Completed, anything else → Error (128+N when signal N killed it). */
function exitStatus(end: ProcessEnd): ExitStatus {
  const status: ExitStatus = { exitCode: end.exitCode, reason: end.oomKilled ? 'OOMKilled' : end.exitCode === 0 ? 'Completed' : 'Error' };
  if (end.signal !== undefined) status.signal = end.signal;
  return status;
}
