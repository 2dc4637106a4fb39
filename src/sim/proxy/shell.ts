/**
 * `iptables-save` and `iptables -L` on a node's shell, answered from the node's kube-proxy tables.
 * Output formats: iptables/iptables-save.c (legacy) and iptables/iptables.c `print_header` /
 * `print_firewall` with each extension's `print` function (numeric mode, `-n`).
 */
import type { KubeProxy } from './proxier.ts';
import { isBuiltin, savedProbability, type Match, type Rule, type Table } from './rules.ts';

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const TABLES = ['mangle', 'filter', 'nat'] as const;
type TableName = (typeof TABLES)[number];

function isTable(name: string): name is TableName {
  return (TABLES as readonly string[]).includes(name);
}

export function runIptables(proxy: KubeProxy, argv: string[]): ShellResult {
  const [cmd, ...args] = argv;
  if (cmd === 'iptables-save' || cmd === 'iptables-legacy-save') return iptablesSave(proxy, args);
  if (cmd === 'iptables' || cmd === 'iptables-legacy') return iptablesList(proxy, args);
  return { stdout: '', stderr: `${cmd ?? ''}: command not found\n`, exitCode: 127 };
}

function iptablesSave(proxy: KubeProxy, args: string[]): ShellResult {
  let table: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice('--table='.length);
    else if (a.startsWith('-t') && a.length > 2) table = a.slice(2);
    else if (a === '-c' || a === '--counters' || a === '-M' || a === '--modprobe') {
      if (a === '-M' || a === '--modprobe') i++;
    } else return { stdout: '', stderr: `iptables-save v1.8.9 (legacy): unknown option "${a}"\n`, exitCode: 1 }; // [M]
  }
  if (table === undefined) return { stdout: proxy.iptablesSave(), stderr: '', exitCode: 0 };
  if (!isTable(table)) {
    // [M] raw/security exist on real nodes but are empty; unknown names fail like this.
    return { stdout: '', stderr: `iptables-save v1.8.9 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n`, exitCode: 1 };
  }
  return { stdout: proxy.iptablesSave(table), stderr: '', exitCode: 0 };
}

/** `iptables [-t table] -L [chain] [-n]`, the numeric listing only (no -v, no --line-numbers). */
function iptablesList(proxy: KubeProxy, args: string[]): ShellResult {
  let table = 'filter';
  let chain: string | undefined;
  let list = false;
  let numeric = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = args[++i] ?? '';
    else if (a === '-L' || a === '--list') {
      list = true;
      if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) chain = args[++i];
    } else if (a === '-n' || a === '--numeric') numeric = true;
    else if (a === '-nL' || a === '-Ln') list = numeric = true;
    else return { stdout: '', stderr: `iptables v1.8.9 (legacy): unknown option "${a}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`, exitCode: 2 };
  }
  if (!list) return { stdout: '', stderr: 'iptables v1.8.9 (legacy): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.\n', exitCode: 2 };
  if (!isTable(table)) return { stdout: '', stderr: `iptables v1.8.9 (legacy): can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`, exitCode: 3 };
  const t = proxy.tables[table];
  if (chain !== undefined && !t.chains.has(chain)) {
    return { stdout: '', stderr: `iptables: No chain/target/match by that name.\n`, exitCode: 1 };
  }
  const chains = chain !== undefined ? [chain] : [...t.builtins, ...[...t.chains.keys()].filter((c) => !isBuiltin(t, c)).sort()];
  return { stdout: chains.map((c) => listChain(t, c, numeric)).join('\n'), stderr: '', exitCode: 0 };
}

function references(t: Table, chain: string): number {
  let refs = 0;
  for (const rules of t.chains.values()) for (const r of rules) if ('j' in r.target && r.target.j === chain && !('xmark' in r.target)) refs++;
  return refs;
}

function listChain(t: Table, chain: string, numeric: boolean): string {
  const head = isBuiltin(t, chain) ? `Chain ${chain} (policy ACCEPT)` : `Chain ${chain} (${references(t, chain)} references)`;
  // print_header: "%-9s " target, " prot ", "opt", " %-19s " source, " %-19s " destination.
  const lines = [head, `${'target'.padEnd(9)}  prot opt ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `];
  for (const r of t.chains.get(chain) ?? []) lines.push(listRule(r, numeric));
  return lines.join('\n') + '\n';
}

/**
 * iptables 1.8.9 prints protocol numbers under `-n` (a regression fixed in 1.8.10, netfilter
 * bugzilla #1729; Debian bookworm ships 1.8.9): `0` for all, `6` tcp, `17` udp, `132` sctp.
 */
const PROTO_NUMBERS: Record<string, string> = { all: '0', tcp: '6', udp: '17', sctp: '132' };

/** Without -n iptables resolves names; the simulation has no resolver, so only `anywhere` changes. [M] */
function address(addr: string | undefined, numeric: boolean): string {
  if (addr === undefined) return numeric ? '0.0.0.0/0' : 'anywhere';
  return addr.endsWith('/32') ? addr.slice(0, -3) : addr;
}

function listRule(r: Rule, numeric: boolean): string {
  const target = 'xmark' in r.target ? 'MARK' : r.target.j;
  const proto = r.proto ?? 'all';
  // print_firewall: "%-9s " target, invert flag, "%-5s" protocol, "-- " options, then
  // invert flag + "%-19s " for source and destination.
  let line = `${target.padEnd(9)}  ${(numeric ? (PROTO_NUMBERS[proto] ?? proto) : proto).padEnd(5)}-- `;
  line += `${r.srcNegate ? '!' : ' '}${address(r.src, numeric).padEnd(19)} ${r.dstNegate ? '!' : ' '}${address(r.dst, numeric).padEnd(19)} `;
  for (const m of r.matches) line += listMatch(m, r.proto);
  line += listTarget(r);
  return line;
}

function listMatch(m: Match, proto: string | undefined): string {
  switch (m.m) {
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'proto':
      return ` ${proto ?? 'tcp'}${m.dport === undefined ? '' : ` dpt:${m.dport}`}`;
    case 'statistic':
      return ` statistic mode random probability ${savedProbability(m.probability)}`;
    case 'recent':
      return m.op === 'rcheck'
        ? ` recent: CHECK seconds: ${m.seconds} reap name: ${m.name} side: source mask: 255.255.255.255`
        : ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`;
    case 'addrtype':
      return ` ADDRTYPE match${m.srcType ? ` src-type ${m.srcType}` : ''}${m.dstType ? ` dst-type ${m.dstType}` : ''}`;
    case 'mark':
      return ` mark match ${m.negate ? '! ' : ''}${m.mark}`;
    case 'conntrack':
      return `${m.negate ? ' !' : ''} ctstate ${m.ctstate}`;
  }
}

function listTarget(r: Rule): string {
  const t = r.target;
  if ('xmark' in t) {
    const [value, mask] = t.xmark.split('/') as [string, string];
    return mask === value ? ` MARK or ${value}` : ` MARK xor ${value}`;
  }
  if ('to' in t) return ` to:${t.to}`;
  if ('randomFully' in t) return t.randomFully ? ' random-fully' : '';
  if (t.j === 'REJECT') return ' reject-with icmp-port-unreachable';
  return '';
}
