/**
 * iptables rules as data, and how iptables-save (legacy backend, iptables 1.8.9) prints them.
 * kube-proxy writes its restore input as `-m comment ... -m tcp -p tcp -d X --dport N`; the kernel
 * keeps the parsed rule, and iptables-save prints it back in its own fixed order: `! -s`, `-d`,
 * `-p`, then each match with its options in insertion order, then the target (iptables/iptables-save.c
 * + each extension's `save` function: libxt_comment, libxt_tcp, libxt_statistic, libxt_recent,
 * libxt_addrtype, libxt_mark, libxt_conntrack, libxt_MARK, libxt_MASQUERADE, libxt_DNAT, libipt_REJECT).
 */

export type Match =
  | { m: 'comment'; comment: string }
  | { m: 'proto'; dport?: number } // `-m tcp|udp|sctp [--dport N]`: the module named as the rule's protocol
  | { m: 'statistic'; probability: string } // as kube-proxy writes it: `%0.10f`
  | { m: 'recent'; op: 'rcheck'; name: string; seconds: number }
  | { m: 'recent'; op: 'set'; name: string }
  | { m: 'addrtype'; srcType?: string; dstType?: string }
  | { m: 'mark'; mark: string; negate?: boolean }
  | { m: 'conntrack'; ctstate: string; negate?: boolean };

export type Target =
  | { j: string } // a jump to a chain, or ACCEPT / DROP / RETURN; '' for a rule without a target (counts only)
  | { j: 'MARK'; xmark: string } // `--or-mark 0x4000` is saved as `--set-xmark 0x4000/0x4000`
  | { j: 'MASQUERADE'; randomFully: boolean }
  | { j: 'DNAT'; to: string }
  | { j: 'REJECT' };

export interface Rule {
  src?: string; // `1.2.3.4/32` or a CIDR
  srcNegate?: boolean;
  dst?: string;
  dstNegate?: boolean;
  proto?: string; // lowercase tcp / udp / sctp
  matches: Match[];
  target: Target;
}

export interface Table {
  name: 'mangle' | 'filter' | 'nat';
  /** Built-in chains in the kernel's order, with their policy. */
  builtins: string[];
  /** Every chain (built-in and user) with its rules in order. */
  chains: Map<string, Rule[]>;
}

/** libxt_statistic: the kernel keeps lround(p * 2^31); save prints `%.11f` of that over 2^31. */
export function storedProbability(written: string): number {
  return Math.round(Number(written) * 0x80000000);
}

export function savedProbability(written: string): string {
  return (storedProbability(written) / 0x80000000).toFixed(11);
}

/** kube-proxy's `computeProbability`: fmt.Sprintf("%0.10f", 1.0/float64(n)). */
export function computeProbability(n: number): string {
  return (1 / n).toFixed(10);
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with `"` and `\` escaped. */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function saveMatch(match: Match, proto: string | undefined): string {
  switch (match.m) {
    case 'comment':
      return `-m comment --comment ${saveString(match.comment)}`;
    case 'proto':
      return `-m ${proto ?? 'tcp'}${match.dport === undefined ? '' : ` --dport ${match.dport}`}`;
    case 'statistic':
      return `-m statistic --mode random --probability ${savedProbability(match.probability)}`;
    case 'recent':
      return match.op === 'rcheck'
        ? `-m recent --rcheck --seconds ${match.seconds} --reap --name ${match.name} --mask 255.255.255.255 --rsource`
        : `-m recent --set --name ${match.name} --mask 255.255.255.255 --rsource`;
    case 'addrtype':
      return `-m addrtype${match.srcType ? ` --src-type ${match.srcType}` : ''}${match.dstType ? ` --dst-type ${match.dstType}` : ''}`;
    case 'mark':
      return `-m mark${match.negate ? ' !' : ''} --mark ${match.mark}`;
    case 'conntrack':
      return `-m conntrack${match.negate ? ' !' : ''} --ctstate ${match.ctstate}`;
  }
}

function saveTarget(target: Target): string {
  if (target.j === '') return '';
  if ('xmark' in target) return `-j MARK --set-xmark ${target.xmark}`;
  if ('randomFully' in target) return `-j MASQUERADE${target.randomFully ? ' --random-fully' : ''}`;
  if ('to' in target) return `-j DNAT --to-destination ${target.to}`;
  if (target.j === 'REJECT') return '-j REJECT --reject-with icmp-port-unreachable';
  return `-j ${target.j}`;
}

/** A bare IPv4 address is saved with its /32 mask. */
function withMask(addr: string): string {
  return addr.includes('/') ? addr : `${addr}/32`;
}

export function saveRule(chain: string, rule: Rule): string {
  const parts = [`-A ${chain}`];
  if (rule.src) parts.push(`${rule.srcNegate ? '! ' : ''}-s ${withMask(rule.src)}`);
  if (rule.dst) parts.push(`${rule.dstNegate ? '! ' : ''}-d ${withMask(rule.dst)}`);
  if (rule.proto) parts.push(`-p ${rule.proto}`);
  for (const m of rule.matches) parts.push(saveMatch(m, rule.proto));
  const target = saveTarget(rule.target);
  if (target) parts.push(target);
  return parts.join(' ');
}

export function isBuiltin(table: Table, chain: string): boolean {
  return table.builtins.includes(chain);
}

/**
 * One table as iptables-save prints it: built-in chains with policy, then user chains in the
 * order libiptc keeps them (sorted by name), all with `[0:0]` counters, then rules by chain.
 */
export function saveTable(table: Table, ctimeText: string, version = 'v1.8.9'): string {
  const lines = [`# Generated by iptables-save ${version} on ${ctimeText}`, `*${table.name}`];
  const users = [...table.chains.keys()].filter((c) => !isBuiltin(table, c)).sort(byteCompare);
  const order = [...table.builtins, ...users];
  for (const c of table.builtins) lines.push(`:${c} ACCEPT [0:0]`);
  for (const c of users) lines.push(`:${c} - [0:0]`);
  for (const c of order) for (const r of table.chains.get(c) ?? []) lines.push(saveRule(c, r));
  lines.push('COMMIT', `# Completed on ${ctimeText}`);
  return lines.join('\n') + '\n';
}

const ipToInt = (a: string): number => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

/** Whether an IPv4 address is inside `a.b.c.d/n` (a bare address is /32). */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bitsText] = cidr.split('/') as [string, string | undefined];
  const size = 2 ** (32 - (bitsText === undefined ? 32 : Number(bitsText)));
  return Math.floor(ipToInt(ip) / size) === Math.floor(ipToInt(base) / size);
}

/**
 * A CIDR as Go's net.IPNet.String() prints it after netutils.ParseCIDRSloppy: the address masked
 * to its prefix (`203.0.113.7/24` → `203.0.113.0/24`). Undefined when it is not an IPv4 CIDR.
 */
export function normalizeCIDR(text: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  let v = Math.floor(ipToInt(octets.join('.')) / size) * size;
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    out.unshift(v % 256);
    v = Math.floor(v / 256);
  }
  return `${out.join('.')}/${bits}`;
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** C's ctime(3) without the newline: `Tue Aug 13 12:00:05 2024` (day of month space-padded). */
export function ctime(rfc1123: string): string {
  // formatRFC1123Z gives `Tue, 13 Aug 2024 12:00:05 +0000`.
  const m = /^(\w{3}), (\d{2}) (\w{3}) (\d{4}) (\d{2}:\d{2}:\d{2})/.exec(rfc1123);
  if (!m) return rfc1123;
  return `${m[1]} ${m[3]} ${String(Number(m[2])).padStart(2, ' ')} ${m[5]} ${m[4]}`;
}
