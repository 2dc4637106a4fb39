/**
 * The shell of a node (`docker exec -it <node> bash` on a kind cluster): one line as bash runs
 * it, with the container shell's interpreter (`;`, `&&`, `||`, `|`, redirections, `$(...)`,
 * loops) and the node's programs: `kubectl`, `iptables-save`/`iptables`, `systemctl`, `curl`
 * (through kube-proxy's rules on this node: ClusterIPs, NodePorts and pod IPs answer; Service
 * names do not resolve, as the node's resolver is not the cluster DNS), `crictl ps`, and the
 * coreutils the container userland provides (worded as busybox words them; GNU's wording differs
 * in places). `sleep N` runs virtual time forward by N seconds. Files written with `>` stay on
 * the node for later lines. An unknown command: `bash: X: command not found`, 127.
 */
import type { ObjectStore } from '../api/store.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { KubeProxy } from '../proxy/proxier.ts';
import { DEFAULT_PATH, Stdin, type Effect, type IO, type ProcContext, type Program } from '../runtime/proc.ts';
import type { SimRuntime } from '../runtime/runtime.ts';
import { parseScript, ShellSyntaxError } from '../runtime/sh-parse.ts';
import { Shell, shellProgram } from '../runtime/sh-run.ts';
import { USERLAND } from '../runtime/userland.ts';
import { curl } from './commands.ts';
import { Network } from './network.ts';

export interface ExecOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A command the node provides, run synchronously: its words, its stdin; what it printed and its status. */
export type NodeCommand = (argv: string[], stdin: string) => ExecOutput;

export interface NodeShellDeps {
  kernel: Kernel;
  store: ObjectStore;
  runtime: SimRuntime;
  proxies: ReadonlyMap<string, KubeProxy>;
  /** The node's own commands (kubectl, iptables-save, systemctl, crictl), by name. */
  commands: Record<string, NodeCommand>;
  /** The node's filesystem, shared with its kubelet's hostPath volumes; default: one kept per owner and node. */
  fs?: Map<string, string>;
}

/** A `sleep` longer than this on a node shell is cut here, so one line cannot run time away for days. */
export const MAX_NODE_SLEEP_MS = 3_600_000;

/** Each node's filesystem, kept between lines (files a user writes with `>`). */
const nodeFiles = new WeakMap<object, Map<string, Map<string, string>>>();

export function runNodeLine(owner: object, node: string, nodeIP: string, line: string, stdin: string | undefined, deps: NodeShellDeps): ExecOutput {
  let ast;
  try {
    ast = parseScript(line);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    return { stdout: '', stderr: `bash: syntax error: ${e.message}\n`, exitCode: 2 };
  }
  let fs = deps.fs;
  if (!fs) {
    let files = nodeFiles.get(owner);
    if (!files) nodeFiles.set(owner, (files = new Map()));
    fs = files.get(node);
    if (!fs) files.set(node, (fs = new Map()));
  }
  if (!fs.has('/etc/hostname')) fs.set('/etc/hostname', `${node}\n`);
  let stdout = '';
  let stderr = '';
  // A person's terminal: what a command prints without redirection goes to a tty.
  const io: IO = { out: (t) => { stdout += t; }, err: (t) => { stderr += t; }, terminal: true };
  if (stdin !== undefined && stdin !== '') io.in = new Stdin(stdin);
  // A kind node is Debian: GNU coreutils and procps, curl; no busybox httpd or netcat, and its `ps` is procps's.
  const { httpd: _httpd, nc: _nc, ps: _ps, killall: _killall, ...coreutils } = USERLAND;
  // bash and dash (Debian's sh) are there too, for `sh -c "echo … > /mnt/data/index.html"`; sudo is not (kind runs as root).
  const programs: Record<string, Program> = { ...coreutils, curl, sh: shellProgram('dash'), bash: shellProgram('bash') };
  for (const [name, command] of Object.entries(deps.commands)) programs[name] = wrap(command);
  const network = new Network(deps.kernel, deps.store, deps.proxies, deps.runtime);
  const nodeFs = fs;
  const ctx: ProcContext = {
    fs: nodeFs,
    env: new Map([['PATH', DEFAULT_PATH], ['HOME', '/root'], ['HOSTNAME', node], ['USER', 'root']]),
    cwd: '/',
    hostname: node,
    podIP: nodeIP,
    // The node's resolver is the host's (no cluster search domains, no kube-dns).
    get net() {
      return network.attach({ node, podIP: nodeIP, namespace: 'default', fs: new Map([['/etc/resolv.conf', 'nameserver 172.18.0.1\n']]) });
    },
    ports: [],
    nowMs: () => deps.kernel.nowMs,
    program: (name) => (Object.hasOwn(programs, name) ? programs[name] : undefined),
    listen: () => undefined,
    onSignal: () => undefined,
  };
  const proc = new Shell('bash-prompt', 'bash', ['bash'], io, ctx).run(ast);
  let status: number;
  for (;;) {
    const r = proc.next();
    if (r.done) {
      status = r.value;
      break;
    }
    const effect = r.value;
    if (effect.kind === 'sleep') deps.kernel.advanceMs(Math.min(effect.ms, MAX_NODE_SLEEP_MS));
    else if (effect.kind === 'wait' && waitOnNode(deps.kernel, effect)) continue;
    else {
      // `tail -f`, a server in the foreground: a prompt would hang; the simulated line ends here.
      stderr += 'kubeplay: the command waits forever on a node shell; stopped (press Ctrl-C on a real node)\n';
      status = 130;
      break;
    }
  }
  return { stdout, stderr, exitCode: status & 255 };
}

/**
 * A `wait` effect on the node shell: a pipeline whose stages wait on each other while one of them
 * sleeps (curl's exchange in `curl … | head -1`, `{ sleep 1; echo x; } | cat`) waits until that
 * stage is due, and virtual time runs until then (at most MAX_NODE_SLEEP_MS), or until a stage is
 * woken earlier. A wait without a timeout (`tail -f log | grep x`) would hang a prompt: false.
 */
function waitOnNode(kernel: Kernel, effect: Extract<Effect, { kind: 'wait' }>): boolean {
  if (effect.timeoutMs === undefined) return false;
  let woken = false;
  effect.register(() => {
    woken = true;
  });
  const deadline = kernel.nowMs + Math.min(effect.timeoutMs, MAX_NODE_SLEEP_MS);
  // Step from one agenda event to the next, so a wake-up by one of them ends the wait there.
  while (!woken && kernel.nowMs < deadline) {
    const next = kernel.agenda.peekTime();
    const to = next === undefined || next > deadline ? deadline : Math.max(next, kernel.nowMs);
    kernel.advanceMs(to - kernel.nowMs);
  }
  return true;
}

function wrap(command: NodeCommand): Program {
  return function* (argv, io) {
    yield* [];
    const r = command(argv, io.in?.readAll() ?? '');
    if (r.stdout) io.out(r.stdout);
    if (r.stderr) io.err(r.stderr);
    return r.exitCode;
  };
}
