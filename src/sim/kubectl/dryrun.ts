/**
 * `--dry-run` as kubectl's cmdutil.GetDryRunStrategy reads it: `none` (the default), `client`,
 * `server`, and a bare `--dry-run`, which kubectl still takes as `client`. A dry run changes
 * nothing; what it prints ends in ` (dry run)` or ` (server dry run)` (PrintFlagsWithDryRunStrategy).
 */
import type { KubeObject } from '../api/types.ts';
import type { Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagString, type ParsedFlags } from './flags.ts';
import { nameOf, toJSON, toYAML } from './output.ts';

export type DryRun = 'none' | 'client' | 'server';

export function dryRunStrategy(flags: ParsedFlags): DryRun {
  const v = flagString(flags, 'dry-run', 'none');
  if (v === 'unchanged' || v === 'client') return 'client';
  if (v === 'server' || v === 'none') return v;
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(strategy: DryRun): string {
  return strategy === 'client' ? ' (dry run)' : strategy === 'server' ? ' (server dry run)' : '';
}

/** The operation's line (`deployment.apps/web scaled (dry run)`), or the object in the `-o` format asked for. */
export function printOperation(flags: ParsedFlags, out: Output, obj: KubeObject, operation: string, strategy: DryRun): void {
  const output = flagString(flags, 'output');
  if (output === 'yaml') out.out(toYAML(obj));
  else if (output === 'json') out.out(toJSON(obj));
  else if (output === 'name') out.out(`${nameOf(obj)}\n`);
  else if (output === '') out.out(`${nameOf(obj)} ${operation}${dryRunSuffix(strategy)}\n`);
  else throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
}
