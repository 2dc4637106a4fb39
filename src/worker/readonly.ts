/**
 * Which command lines only look at the cluster. Run while looking at the past, such a command
 * joins the recorded history without dropping its future; anything else forks it. The test is
 * deliberately narrow: a command not listed here counts as a change.
 */
import { tokenize } from '../sim/shell/tokenize.ts';

/** kubectl subcommands that read and return at once (no `-w`, no `-f`, nothing that waits). */
const KUBECTL_READERS = new Set(['get', 'describe', 'explain', 'version', 'api-resources', 'api-versions', 'cluster-info', 'top', 'logs', 'events']);
/** Flags whose value is the next word (so that word is not a verb). */
const VALUE_FLAGS = new Set(['-n', '--namespace', '-o', '--output', '-l', '--selector', '-c', '--container', '--context', '--cluster', '--user', '--kubeconfig', '-L', '--label-columns', '--field-selector', '--sort-by', '--tail', '--since', '-s', '--server', '--template', '--request-timeout']);
const WAITING_FLAGS = new Set(['-w', '--watch', '--watch-only', '-f', '--follow']);

export function isReadOnly(line: string): boolean {
  let words: string[];
  try {
    const tokens = tokenize(line);
    if (tokens.some((t) => t.kind === 'op')) return false;
    words = tokens.map((t) => t.text);
  } catch {
    return false;
  }
  const [command, ...args] = words;
  if (command === 'iptables-save' || command === 'iptables-legacy-save') return true;
  if (command === 'iptables') return args.some((a) => a === '-L' || a === '-S' || a === '--list' || a === '--list-rules');
  if (command !== 'kubectl') return false;
  const verbs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (!a.startsWith('-')) verbs.push(a);
    else if (VALUE_FLAGS.has(a)) i++;
  }
  const [verb, sub] = verbs;
  // `kubectl diff -f -` only compares (its -f is a file, not --follow): dry runs write nothing.
  if (verb === 'diff') return true;
  if (args.some((a) => WAITING_FLAGS.has(a) || a.startsWith('--watch=') || a.startsWith('--follow='))) return false;
  if (verb === 'rollout') return sub === 'history';
  if (verb === 'config') return sub === 'view' || sub === 'current-context' || sub === 'get-contexts';
  return verb !== undefined && KUBECTL_READERS.has(verb);
}
