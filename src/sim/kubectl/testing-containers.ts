/**
 * Test support for `kubectl logs`/`exec`: until the lead registers the commands, a local
 * dispatch stands in for index.ts (parse flags, run, format errors as runKubectl does), with
 * the containers reached through the cluster's kubelets and runtime.
 */
import { APIError } from '../api/errors.ts';
import { ClusterContainers } from '../cluster/containers.ts';
import type { Simulation } from '../cluster/simulation.ts';
import { tokenize } from '../shell/tokenize.ts';
import { Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { execCommands } from './exec.ts';
import { FlagError, parseFlags } from './flags.ts';
import { logsCommands } from './logs.ts';

const COMMANDS = { ...logsCommands, ...execCommands };

export function kubectl(sim: Simulation, line: string, stdin = ''): { stdout: string; stderr: string; exitCode: number } {
  const words = tokenize(line).map((t) => t.text);
  const [, name, ...rest] = words;
  const command = COMMANDS[name!]!;
  const out = new Output();
  const ctx = { kernel: sim.kernel, store: sim.store, api: sim.api, stdin, source: 'STDIN', containers: new ClusterContainers(sim.runtime, sim.kubelets) };
  try {
    const flags = parseFlags(rest, command.flags);
    // cobra's ArgsLenAtDash, which the lead's parseFlags is to record as `argsLenAtDash`.
    const dash = rest.indexOf('--');
    Object.assign(flags, { argsLenAtDash: dash < 0 ? -1 : parseFlags(rest.slice(0, dash), command.flags).args.length });
    command.run(ctx, flags, out);
  } catch (err) {
    if (err instanceof FlagError) out.err(`error: ${err.message}\nSee 'kubectl ${name} --help' for usage.\n`);
    else if (err instanceof KubectlError || err instanceof APIError) out.err(formatErrors([err]));
    else throw err;
    out.exitCode = 1;
  }
  sim.kernel.settle();
  return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
}

export function pod(name: string, containers: string, extra = ''): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${extra}  containers:\n${containers}`;
}

export function apply(sim: Simulation, yaml: string): void {
  const r = sim.exec('kubectl apply -f -', { stdin: yaml });
  if (r.stderr !== '') throw new Error(`apply failed: ${r.stderr}`);
}

export const BUSYBOX = (script: string, name = 'box') => `  - name: ${name}\n    image: busybox:1.36\n    command: ["sh", "-c", ${JSON.stringify(script)}]\n`;
