/**
 * `kubectl exec POD [-c C] [-i] [-t] -- CMD ARGS...`: kubectl's half
 * (staging/src/k8s.io/kubectl/pkg/cmd/exec/exec.go, v1.31), the API server's
 * (pkg/registry/core/pod/strategy.go ExecLocation) and the kubelet's (GetExec: a running
 * container or `container not found`), then CRI ExecSync in the container.
 */
import { APIError } from '../api/errors.ts';
import type { ContainerExecResult } from './containers.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { containerStatus, defaultContainer, hasContainer, needContainers, resolvePod, usageError } from './logs.ts';

/** How long exec waits for its command (virtual time); real kubectl waits until it returns or ^C. */
export const EXEC_LIMIT_MS = 10 * 60_000;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', '/bin/sh', '/bin/bash', '/bin/ash', '/bin/dash', '/usr/bin/bash']);

/**
 * Where the `--` was among the arguments (cobra's ArgsLenAtDash), -1 without one. The flag
 * parser records it as `argsLenAtDash`; without it every argument after the first is taken
 * as the command, as if `--` preceded it.
 */
function argsLenAtDash(flags: ParsedFlags): number {
  const at = (flags as ParsedFlags & { argsLenAtDash?: number }).argsLenAtDash;
  if (at !== undefined) return at;
  return flags.args.length > 1 ? 1 : -1;
}

export function runExec(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const namespace = flagString(flags, 'namespace', 'default');
  const args = flags.args;
  const dash = argsLenAtDash(flags);
  // exec.go Complete
  const resource = args.length > 0 && dash !== 0 ? args[0]! : '';
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1) throw usageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', 'exec');
  // exec.go Validate
  if (!resource) throw new KubectlError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');
  const stdin = flagBool(flags, 'stdin');
  const tty = flagBool(flags, 'tty');
  const quiet = flagBool(flags, 'quiet');

  const pod = resolvePod(ctx, resource, namespace, 'active', out, false);
  const phase = pod.status?.phase as string | undefined;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const name = hasFlag(flags, 'container') && flagString(flags, 'container') !== '' ? flagString(flags, 'container') : defaultContainer(pod, out, quiet);
  // ExecLocation (API server), then the kubelet.
  if (!hasContainer(pod, name)) throw new APIError('BadRequest', `container ${name} is not valid for pod ${pod.metadata.name}`);
  if (!pod.spec?.nodeName) throw new APIError('BadRequest', `pod ${pod.metadata.name} does not have a host assigned`);
  const status = containerStatus(pod, name);
  const notFound = new KubectlError(`unable to upgrade connection: container not found ("${name}")`);
  if (!status?.state?.running || !status.containerID) throw notFound;

  // `-i` hands kubectl's stdin to the process: a shell reads it as its script.
  const argv = stdin && ctx.stdin !== '' && command.length === 1 && SHELLS.has(command[0]!) ? [command[0]!, '-c', ctx.stdin] : command;
  let result: ContainerExecResult | undefined;
  needContainers(ctx).exec(pod.spec.nodeName as string, status.containerID, argv, (r) => {
    result = r;
  }, { tty });
  const deadline = ctx.kernel.nowMs + EXEC_LIMIT_MS;
  while (!result && ctx.kernel.nowMs < deadline) {
    const next = ctx.kernel.agenda.peekTime();
    if (next === undefined) break;
    ctx.kernel.advanceMs(Math.min(Math.max(0, next - ctx.kernel.nowMs), deadline - ctx.kernel.nowMs));
  }
  if (!result) throw new KubectlError(`Kubeplay stopped waiting for the command after ${EXEC_LIMIT_MS / 60_000}m of virtual time`);
  if (result.kind === 'notFound') throw notFound;
  // containerd's exec start failure comes back through the API server as an internal error.
  if (result.kind === 'error') throw new KubectlError(`Internal error occurred: error executing command in container: ${result.message}`);
  // With a TTY, stdout and stderr are one stream.
  out.out(result.stdout);
  if (tty) out.out(result.stderr);
  else out.err(result.stderr);
  if (result.exitCode !== 0) {
    // remotecommand's CodeExitError: checkErr prints its message alone and exits with its code.
    out.err(`command terminated with exit code ${result.exitCode}\n`);
    out.exitCode = result.exitCode;
  }
}

const FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringArray' },
];

export const execCommands: Record<string, Command> = {
  exec: { flags: FLAGS, run: runExec },
};
