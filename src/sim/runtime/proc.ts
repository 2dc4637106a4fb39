/**
 * What a simulated process is: a generator that runs synchronously until it has to wait, and
 * yields what it waits for (a stretch of virtual time, or nothing ever again). The runtime's
 * driver (`driver.ts`) turns those yields into agenda entries, so a script's `sleep 30` ends at
 * exactly +30 000 ms, and a signal can stop a process between two steps.
 */

export type Effect =
  | { kind: 'sleep'; ms: number }
  | { kind: 'forever' }
  /** Waits until something calls `wake` (a connection to `nc -l`, a trapped signal during `wait`), or `timeoutMs`. */
  | { kind: 'wait'; register: (wake: () => void) => void; timeoutMs?: number };

/** A running program: yields effects, returns its exit status. */
export type Proc = Generator<Effect, number, void>;

/** Where a program writes, and what it reads: `in` is absent when stdin is closed (a container's default). */
export interface IO {
  out(text: string): void;
  err(text: string): void;
  in?: Stdin;
  /** Set when stdout is a pipe: a program that writes without end waits on it (`drain`). */
  pipe?: Stdin;
  /**
   * Set when stdout is a terminal a person reads: the node shell's, and `kubectl exec -t`'s (a
   * container's own stdout is a FIFO). curl draws its progress meter only when it is not.
   */
  terminal?: boolean;
}

/** What a write to a pipe nobody reads any more raises: the writer dies of SIGPIPE (141), as busybox's applets do. */
export class BrokenPipe extends Error {
  constructor() {
    super('write: Broken pipe');
  }
}

/** A pipe holds at most this much unread output (Linux's default pipe capacity): a writer that checks `io.writable` waits. */
export const PIPE_CAPACITY_CHARS = 65_536;

/**
 * A program's stdin, and the pipe between two pipeline stages: a stream that a writer fills and a
 * reader drains. `new Stdin(text)` is closed already (a file `< f`, what `kubectl exec -i` sent);
 * `Stdin.pipe()` stays open until its writer ends. A reader waits for data with `readSome`
 * (below); a write after the reader has gone raises `BrokenPipe`.
 */
export class Stdin {
  private data: string;
  private writerClosed: boolean;
  private readerClosed = false;
  private readonly readers: (() => void)[] = [];
  private readonly writers: (() => void)[] = [];

  constructor(data: string, open = false) {
    this.data = data;
    this.writerClosed = !open;
  }

  /** An empty pipe, open for writing. */
  static pipe(): Stdin {
    return new Stdin('', true);
  }

  /** True when nothing is buffered and nothing more will come. */
  get atEnd(): boolean {
    return this.data === '' && this.writerClosed;
  }

  /** The rest of what is buffered now (and consumes it); wakes a writer waiting for room. */
  readAll(): string {
    const d = this.data;
    this.data = '';
    if (d !== '') this.wake(this.writers);
    return d;
  }

  /** One buffered line without its newline (a last line without one only at end of input), or undefined. */
  readLine(): string | undefined {
    if (this.data === '') return undefined;
    const nl = this.data.indexOf('\n');
    if (nl < 0 && !this.writerClosed) return undefined;
    const line = nl < 0 ? this.data : this.data.slice(0, nl);
    this.data = nl < 0 ? '' : this.data.slice(nl + 1);
    this.wake(this.writers);
    return line;
  }

  /** Whether a whole line (or the end of input) is buffered. */
  get hasLine(): boolean {
    return this.data.includes('\n') || this.writerClosed;
  }

  /** The writer's end: appends (past MAX_UNREAD_CHARS unread, the rest is dropped), or raises BrokenPipe. */
  write(text: string): void {
    if (this.readerClosed) throw new BrokenPipe();
    if (text === '') return;
    if (this.data.length < MAX_UNREAD_CHARS) this.data += text;
    this.wake(this.readers);
  }

  /** The writer has ended: the reader sees end of input once the buffer is drained. */
  closeWrite(): void {
    this.writerClosed = true;
    this.wake(this.readers);
  }

  /** The reader has ended: later writes raise BrokenPipe; a writer waiting for room wakes to find it. */
  closeRead(): void {
    this.readerClosed = true;
    this.data = '';
    this.wake(this.writers);
  }

  /** Whether a writer should wait before writing more (a full pipe; a closed one wakes it to fail). */
  get full(): boolean {
    return !this.readerClosed && this.data.length >= PIPE_CAPACITY_CHARS;
  }

  /** Calls `wake` once, when data or the end of input arrives. */
  onReadable(wake: () => void): void {
    this.readers.push(wake);
  }

  /** Calls `wake` once, when the reader drains some or goes. */
  onWritable(wake: () => void): void {
    this.writers.push(wake);
  }

  private wake(list: (() => void)[]): void {
    for (const w of list.splice(0)) w();
  }
}

/** At most this much unread text is kept in a pipe (STYLE.md 9): a writer that never checks `full` loses the rest. */
const MAX_UNREAD_CHARS = 1 << 20;

/** The next chunk of input, waiting for it; undefined at end of input (or with no stdin). */
export function* readSome(io: IO): Generator<Effect, string | undefined, void> {
  const input = io.in;
  if (!input) return undefined;
  for (;;) {
    const d = input.readAll();
    if (d !== '') return d;
    if (input.atEnd) return undefined;
    yield { kind: 'wait', register: (w) => input.onReadable(w) };
  }
}

/** The next line of input (without its newline), waiting for it; undefined at end of input. */
export function* readLine(io: IO): Generator<Effect, string | undefined, void> {
  const input = io.in;
  if (!input) return undefined;
  for (;;) {
    if (input.hasLine) return input.readLine();
    yield { kind: 'wait', register: (w) => input.onReadable(w) };
  }
}

/** All of the input up to its end (a filter such as `sort` or `wc` needs it whole). */
export function* readInput(io: IO): Generator<Effect, string, void> {
  let text = '';
  for (;;) {
    const d = yield* readSome(io);
    if (d === undefined) return text;
    if (text.length < MAX_UNREAD_CHARS) text += d;
  }
}

/**
 * stdio's buffer on a stdout that is not a terminal (a pipe, the container log: containerd gives
 * a container FIFOs unless `tty: true`): full buffering, BUFSIZ bytes at a time, written when the
 * buffer fills and when the program exits normally (a killed program loses it). Applets that
 * print through stdio (grep's `puts`, sed, cut) use it, so `tail -f log | grep x` shows nothing
 * in `kubectl logs` until 4 KiB have matched, as on a real cluster.
 */
export class StdioBuffer {
  private buffered = '';
  constructor(private readonly io: IO) {}
  out(text: string): void {
    this.buffered += text;
    if (this.buffered.length >= STDIO_BUFSIZ) {
      const whole = this.buffered.length - (this.buffered.length % STDIO_BUFSIZ);
      const chunk = this.buffered.slice(0, whole);
      this.buffered = this.buffered.slice(whole);
      this.io.out(chunk);
    }
  }
  /** exit(): fflush(stdout). */
  flush(): void {
    const chunk = this.buffered;
    this.buffered = '';
    if (chunk !== '') this.io.out(chunk);
  }
}

/** BUFSIZ of glibc and uClibc-ng (the busybox image's C libraries on amd64): a pipe's st_blksize, 4096. */
export const STDIO_BUFSIZ = 4096;

/** Waits while stdout is a full pipe (a program writing without end, such as `yes`, checks between writes). */
export function* drain(io: IO): Generator<Effect, void, void> {
  const pipe = io.pipe;
  while (pipe?.full) yield { kind: 'wait', register: (w) => pipe.onWritable(w) };
}

/** The processes of a container, as `ps`, `kill` and `killall` see them (its PID namespace). */
export interface ProcTable {
  list(): { pid: number; argv: string[]; cpuMs?: number }[];
  /** Sends a signal; false when no such process. */
  signal(pid: number, signal: number): boolean;
}

/** An HTTP server's answer to one request (used by probes and, later, Services). */
export interface HttpAnswer {
  status: number;
  /** How long the answer takes; longer than a probe's timeout is a timeout. */
  delayMs: number;
  /** What the client reads (wget, curl); an answer without one has an empty body. */
  body?: string;
}
/**
 * The request as the server reads it (what traefik/whoami echoes): the Host header, the other
 * headers in the order sent (canonical names), and the client's address. Absent when the caller
 * does not describe its request.
 */
export interface HttpRequestInfo {
  host: string;
  headers: [string, string][];
  /** The client's IP (the server sees it with an ephemeral port it picks). */
  remoteIP: string;
}
export type HttpHandler = (path: string, req?: HttpRequestInfo) => HttpAnswer;

/**
 * What a program's signal handler does: exit after a while with a status (`signal` set when it
 * dies from the signal rather than calling exit), or ignore it. A process without a handler is
 * PID 1 of its container, and the kernel gives PID 1 no default action: the signal is ignored.
 * `handled`: the process deals with it itself (a shell's `trap` runs when its current command ends).
 */
export type SignalDisposition = { exitAfterMs: number; exitCode: number; signal?: number } | 'ignore' | 'handled';

/** One DNS reply from the pod's nameserver (CoreDNS): its rcode and the addresses of its answer. */
export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL';
  addresses: string[];
}

/** What an HTTP GET from this container got, and how long after it was sent. */
export type HttpResult =
  | { kind: 'answer'; status: number; body: string; delayMs: number }
  /** RST from the host, or REJECT by kube-proxy's rules (a Service without endpoints). */
  | { kind: 'refused'; delayMs: number }
  /** Nothing answered (no such host, DROP): the connect gave up after `delayMs`. */
  | { kind: 'timeout'; delayMs: number };

/**
 * The container's network, as its programs (wget, curl, nslookup) use it. Every call answers at
 * once with how long the exchange took: the program sleeps that long before it prints.
 */
export interface ProcNet {
  /** The first `nameserver` of /etc/resolv.conf (the kube-dns Service, 10.96.0.10). */
  readonly nameserver: string;
  /** The `search` domains of /etc/resolv.conf, in order. */
  readonly search: readonly string[];
  /** One query for exactly `name` to the nameserver (or `server`); undefined when none answers (timed out after `delayMs`). */
  query(name: string, type: 'A' | 'AAAA', server?: string): { reply: DnsReply | undefined; delayMs: number };
  /** getaddrinfo: /etc/hosts, then the search list with ndots, as musl resolves. */
  lookup(host: string): { addresses: string[]; delayMs: number };
  /** getnameinfo: the PTR name of an address (CoreDNS: Services' ClusterIPs, endpoints' IPs); undefined: none. */
  reverse?(ip: string): { name: string | undefined; delayMs: number };
  /** One HTTP GET to ip:port (a connect, a request, the answer), giving up after `timeoutMs`. */
  httpGet(ip: string, port: number, path: string, timeoutMs: number, req?: Omit<HttpRequestInfo, 'remoteIP'>): HttpResult;
}

/** The container a process runs in, as the process sees it. */
export interface ProcContext {
  /** The container's in-memory filesystem: absolute path → content. */
  readonly fs: Map<string, string>;
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly hostname: string;
  /** The container's image reference as the pod spec names it (`busybox:1.28`): a tool may behave per version. */
  readonly image?: string;
  /** The pod's IP (the node's IP for a hostNetwork pod); absent in contexts built by hand. */
  readonly podIP?: string;
  /** The pod network; absent when the runtime runs without one (wget says `bad address`). */
  readonly net?: ProcNet;
  /** The declared TCP containerPorts (what a generic server listens on). */
  readonly ports: readonly number[];
  nowMs(): number;
  /** The programs installed in the image, by name (`sh`, `sleep`, `nginx`, ...). */
  program(name: string): Program | undefined;
  /** Starts listening on a TCP port (only the container's main process does). */
  listen(port: number, handler: HttpHandler): void;
  /** Installs a handler for a signal (only the main process: it is PID 1). */
  /** `fromPid`: the sender's PID when another process of the container sent it (siginfo's si_pid). */
  onSignal(signal: number, handler: (fromPid?: number) => SignalDisposition): void;
  /** The process replaces its command line (a shell exec'ing its last command), as `ps` shows it. */
  setArgv?(argv: string[]): void;
  /** This process's PID in the container (1 for the main process). */
  readonly pid?: number;
  /** The container's processes; absent in contexts built by hand. */
  readonly procs?: ProcTable;
  /**
   * Charges CPU time to this process (`ps`'s TIME). Only computing costs CPU: a shell loop's
   * iteration that took no virtual time (the 1 ms it is made to last), `yes` writing to the log;
   * sleeping and waiting for input or a connection cost none.
   */
  chargeCpu?(ms: number): void;
  /**
   * Sets how much memory this process holds (what it has allocated and touched). When the
   * container's total passes its limit, the kernel's OOM killer ends the whole container (cgroup v2
   * memory.oom.group, as the kubelet sets it since v1.28): SIGKILL, exit 137, reason OOMKilled.
   */
  useMemory?(bytes: number): void;
}

export type Program = (argv: string[], io: IO, ctx: ProcContext) => Proc;

/** Resolves a path against the working directory and normalizes `.` and `..`. */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

/** The directories a bare command name is looked up in (the default PATH of most images). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const PATH_DIRS = new Set(DEFAULT_PATH.split(':'));

/** The program a command names, by bare name or by its path in a PATH directory. */
export function lookupProgram(ctx: ProcContext, name: string): Program | undefined {
  if (!name.includes('/')) return ctx.program(name);
  // An image may ship a program at a path outside PATH (flannel's /opt/bin/flanneld): keyed by that path.
  const byPath = ctx.program(name);
  if (byPath) return byPath;
  const slash = name.lastIndexOf('/');
  return PATH_DIRS.has(name.slice(0, slash)) ? ctx.program(name.slice(slash + 1)) : undefined;
}
