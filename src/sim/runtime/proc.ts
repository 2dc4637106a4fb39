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
}

/**
 * A program's stdin: the whole of what the previous stage of a pipeline wrote (stages run one
 * after the other, see sh-run.ts), a file (`< f`), or what `kubectl exec -i` sent.
 */
export class Stdin {
  constructor(private data: string) {}
  /** The rest of the input (and consumes it). */
  readAll(): string {
    const d = this.data;
    this.data = '';
    return d;
  }
  /** One line without its newline, or undefined at end of input. */
  readLine(): string | undefined {
    if (this.data === '') return undefined;
    const nl = this.data.indexOf('\n');
    const line = nl < 0 ? this.data : this.data.slice(0, nl);
    this.data = nl < 0 ? '' : this.data.slice(nl + 1);
    return line;
  }
}

/** The processes of a container, as `ps`, `kill` and `killall` see them (its PID namespace). */
export interface ProcTable {
  list(): { pid: number; argv: string[] }[];
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
export type HttpHandler = (path: string) => HttpAnswer;

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
  httpGet(ip: string, port: number, path: string, timeoutMs: number): HttpResult;
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
  onSignal(signal: number, handler: () => SignalDisposition): void;
  /** The process replaces its command line (a shell exec'ing its last command), as `ps` shows it. */
  setArgv?(argv: string[]): void;
  /** This process's PID in the container (1 for the main process). */
  readonly pid?: number;
  /** The container's processes; absent in contexts built by hand. */
  readonly procs?: ProcTable;
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
