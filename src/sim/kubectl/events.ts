/**
 * `kubectl events [-A] [--for TYPE/NAME] [--types=Normal,Warning] [--no-headers] [-o json|yaml]`
 * as kubectl v1.31 prints it (staging/src/k8s.io/kubectl/pkg/cmd/events/events.go,
 * event_printer.go): the namespace's Events sorted by time with Go's unstable sort.Sort (events within the same second
 * may come out in another order than a real kubectl's: see the test), in a
 * `LAST SEEN TYPE REASON OBJECT MESSAGE` table (`2m (x3 over 5m)` for a repeated event).
 *
 * Also `kubectl top`: a kubeadm cluster has no metrics-server, so the Metrics API
 * (metrics.k8s.io) is not served and kubectl prints `error: Metrics API not available`
 * (staging/src/k8s.io/kubectl/pkg/cmd/top/top_pod.go, top_node.go).
 */
import { preferredResourceForKind, resolveResource } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { printContext, type KubectlContext, type Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, flagStrings, type ParsedFlags } from './flags.ts';
import { goSortSlice } from './gosort.ts';
import type { Command } from './index.ts';
import { asList, toJSON, toYAML } from './output.ts';
import { GET_TABWRITER, humanDuration, tabwrite } from './printers/index.ts';
import { unixMs } from './printers/util.ts';

const EVENTS = preferredResourceForKind('Event')!;

interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string };
}

/** escapeCell: a cell ends at the first form feed or line break, marked `...`. */
function escapeCell(s: string): string {
  const i = s.search(/[\f\n\r]/);
  return i >= 0 ? `${s.slice(0, i)}...` : s;
}

function since(timestamp: string | null | undefined, nowUnixMs: number): string {
  const t = unixMs(timestamp ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(nowUnixMs - t);
}

/** getInterval (event_printer.go). */
function interval(e: EventLike, nowUnixMs: number): string {
  const first = e.eventTime ? since(e.eventTime, nowUnixMs) : since(e.firstTimestamp, nowUnixMs);
  if (e.series) return `${since(e.series.lastObservedTime, nowUnixMs)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, nowUnixMs)} (x${e.count} over ${first})`;
  return first;
}

/** eventTime (events.go): the series' last observation, else lastTimestamp, else eventTime. */
function sortTime(e: EventLike): number {
  if (e.series) return unixMs(e.series.lastObservedTime) ?? 0;
  const last = unixMs(e.lastTimestamp ?? undefined);
  if (last !== undefined) return last;
  return unixMs(e.eventTime ?? undefined) ?? Number.NEGATIVE_INFINITY;
}

function runEvents(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  if (flags.args.length > 0) throw new KubectlError(`unknown command ${JSON.stringify(flags.args[0])} for "kubectl events"`);
  if (flagBool(flags, 'watch')) throw new KubectlError('kubectl events --watch is not simulated in Kubeplay: run kubectl events again after the clock has moved');
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = flagString(flags, 'namespace', 'default');
  const types = [...new Set(flagStrings(flags, 'types').flatMap((t) => t.split(',')))].sort();
  let forKind: string | undefined;
  let forName: string | undefined;
  const forObject = flagString(flags, 'for');
  if (forObject !== '') {
    if (!forObject.includes('/')) throw new KubectlError('--for must be in resource/name form');
    const seg = forObject.split('/');
    if (seg.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
    const info = resolveResource(seg[0]!);
    if (!info) {
      // The RESTMapper's error goes back through cobra.CheckErr unprefixed.
      out.err(`the server doesn't have a resource type "${seg[0]}"\n`);
      out.exitCode = 1;
      return;
    }
    forKind = info.kind;
    forName = seg[1];
  }
  // Validate.
  for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new KubectlError('valid --types are Normal or Warning');
  const output = flagString(flags, 'output');
  if (output !== '' && output !== 'json' && output !== 'yaml' && output !== 'name') throw new KubectlError(`Kubeplay does not simulate the "-o ${output}" output of kubectl events: use -o yaml, -o json or -o name`);
  let items = ctx.store.list(EVENTS, allNamespaces ? undefined : namespace).filter((obj) => {
    const e = obj as unknown as EventLike;
    if (forName !== undefined && (e.involvedObject?.kind !== forKind || e.involvedObject?.name !== forName)) return false;
    return types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());
  });
  if (items.length === 0) {
    out.err(allNamespaces ? 'No events found.\n' : `No events found in ${namespace} namespace.\n`);
    return;
  }
  items = [...items];
  goSortSlice(items as KubeObject[], (a, b) => sortTime(a as unknown as EventLike) < sortTime(b as unknown as EventLike));
  if (output === 'json' || output === 'yaml') {
    const list = { ...asList(items), kind: 'EventList' };
    out.out(output === 'json' ? toJSON(list) : toYAML(list));
    return;
  }
  // The name printer is handed the typed EventList and prints nothing for it (checked against kubectl v1.31.9).
  if (output === 'name') return;
  const now = printContext(ctx).nowUnixMs;
  let text = flagBool(flags, 'no-headers') ? '' : `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;
  for (const obj of items) {
    const e = obj as unknown as EventLike;
    text += `${allNamespaces ? `${obj.metadata.namespace}\t` : ''}${interval(e, now)}\t${escapeCell(e.type ?? '')}\t${escapeCell(e.reason ?? '')}\t${escapeCell(e.involvedObject?.kind ?? '')}/${escapeCell(e.involvedObject?.name ?? '')}\t${escapeCell((e.message ?? '').trim())}\n`;
  }
  out.out(tabwrite(text, GET_TABWRITER));
}

/** `kubectl top node|pod`: no metrics-server, so no metrics.k8s.io API to ask. */
function runTop(_ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const sub = flags.args[0];
  if (sub === undefined) {
    out.out(
      'Display resource (CPU/memory) usage.\n\n' +
        ' The top command allows you to see the resource consumption for nodes or pods.\n\n' +
        ' This command requires Metrics Server to be correctly configured and working on the server.\n\n' +
        'Available Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\n' +
        'Usage:\n  kubectl top [flags] [options]\n\n' +
        'Use "kubectl top <command> --help" for more information about a given command.\n' +
        'Use "kubectl options" for a list of global command-line options (applies to all commands).\n',
    );
    // cobra's DefaultSubCommandRun: the help, then exit 1.
    out.exitCode = 1;
    return;
  }
  if (!['node', 'nodes', 'no', 'pod', 'pods', 'po'].includes(sub)) throw new KubectlError(`unknown command ${JSON.stringify(sub)} for "kubectl top"`);
  throw new KubectlError('Metrics API not available');
}

export const eventsCommands: Record<string, Command> = {
  events: {
    flags: [
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'for', type: 'string' },
      { name: 'types', type: 'stringArray' },
      { name: 'watch', short: 'w', type: 'bool' },
      { name: 'no-headers', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'chunk-size', type: 'int' },
      { name: 'allow-missing-template-keys', type: 'bool' },
      { name: 'show-managed-fields', type: 'bool' },
    ],
    run: runEvents,
  },
  top: {
    flags: [
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'containers', type: 'bool' },
      { name: 'no-headers', type: 'bool' },
      { name: 'sort-by', type: 'string' },
      { name: 'sum', type: 'bool' },
      { name: 'use-protocol-buffers', type: 'bool' },
      { name: 'show-capacity', type: 'bool' },
      { name: 'field-selector', type: 'string' },
    ],
    run: runTop,
  },
};
