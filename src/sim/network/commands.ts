/**
 * The network clients images ship, on the container's `ctx.net`:
 * - `wget` as busybox 1.36 (networking/wget.c): `Connecting to H (IP:PORT)`, `writing to stdout`,
 *   the progress line, `written to stdout`; errors `wget: bad address 'H'`, `wget: can't connect
 *   to remote host (IP): Connection refused`, `wget: server returned error: HTTP/1.1 404 Not Found`.
 * - `nslookup` as busybox ≥1.30 (networking/nslookup.c, FEATURE_NSLOOKUP_BIG): A and AAAA queries,
 *   a dotless name under each search domain (add_query_with_search; ndots is not honoured), the
 *   replies printed in turn, exit 1 when one was NXDOMAIN; busybox < 1.29 (`busybox:1.28`,
 *   registry.k8s.io/busybox) prints the old getaddrinfo format (`nslookupOld`).
 * - `curl` as curl 8.11 (curlimages/curl): the progress meter on stderr (stdout is not a terminal
 *   in a container), `curl: (6) Could not resolve host: H`, `curl: (7) Failed to connect to H port
 *   P after N ms: Couldn't connect to server`, `-s`, `-S`, `-f`, `-o`, `-m`, `--connect-timeout`.
 * Approximate: the meter's speed is computed from virtual milliseconds; no HTTPS, no redirects.
 */
import { resolvePath, type Effect, type ProcNet, type Program } from '../runtime/proc.ts';
import type { ClusterLookup, ClusterNet } from './network.ts';
import { externalDnsNote, type ClusterDnsReply, type QueryType } from './resolver.ts';

/** The cluster network's extras (CNAME, SRV) when the container's ProcNet is the cluster's (network.ts). */
function lookupOf(net: ProcNet, host: string): ClusterLookup {
  return (net as ClusterNet).lookup(host);
}
function queryOf(net: ProcNet, name: string, type: QueryType, server: string): { reply: ClusterDnsReply | undefined; delayMs: number } {
  return (net as ClusterNet).query(name, type, server);
}

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** The Host header: the host, with `:port` when the URL gives one. */
  hostHeader: string;
}

/** `http://host:port/path`, the scheme optional (both wget and curl default to http). */
export function parseUrl(text: string): Url | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#]+)(?::(\d+))?([/?][^#]*)?/.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const path = m[4] ?? '/';
  return {
    scheme,
    host: m[2]!,
    port: m[3] !== undefined ? Number(m[3]) : scheme === 'https' ? 443 : 80,
    path: path.startsWith('/') ? path : `/${path}`,
    hostHeader: m[3] !== undefined ? `${m[2]!}:${m[3]}` : m[2]!,
  };
}

/** RFC 9110 reason phrases for the status lines servers send. */
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** Short options with their values split out: `-qO-` → q, O=-; `-O file` → O=file. */
function shortOptions(args: string[], withValue: string): { flags: Set<string>; values: Map<string, string>; operands: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) values.set(a.slice(0, eq), a.slice(eq + 1));
      else if (withValue.split(',').includes(a)) values.set(a, args[++i] ?? '');
      else flags.add(a);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (withValue.split(',').includes(c)) {
        values.set(c, j + 1 < a.length ? a.slice(j + 1) : (args[++i] ?? ''));
        break;
      }
      flags.add(c);
    }
  }
  return { flags, values, operands };
}

/** Every value of a repeatable option (`-H a -H b`, `--header=c`): shortOptions keeps only the last. */
function argvValues(args: string[], names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const long = names.find((n) => n.startsWith('--') && a.startsWith(`${n}=`));
    if (long) out.push(a.slice(long.length + 1));
    else if (names.includes(a)) out.push(args[++i] ?? '');
    else if (!a.startsWith('--') && a.startsWith('-') && names.some((n) => n.length === 2 && a.startsWith(n) && a.length > 2)) out.push(a.slice(2));
  }
  return out;
}

function* pause(ms: number): Generator<Effect, void, void> {
  if (ms > 0) yield { kind: 'sleep', ms };
}

function noNet(): ProcNet {
  return {
    nameserver: '127.0.0.1', search: [],
    query: () => ({ reply: undefined, delayMs: 0 }),
    lookup: () => ({ addresses: [], delayMs: 0 }),
    httpGet: () => ({ kind: 'refused', delayMs: 0 }),
  };
}

/** busybox's default wget network timeout (-T) is 900 s; a connect gives up earlier, at the kernel's. */
const WGET_TIMEOUT_MS = 900_000;

export const wget: Program = function* (argv, io, ctx) {
  const { flags, values, operands } = shortOptions(argv.slice(1), 'O,T,U,Y,P,o,--header,--user-agent,-O,--output-document,--timeout');
  const url = operands[0] === undefined ? undefined : parseUrl(operands[0]);
  if (!url) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const quiet = flags.has('q') || flags.has('--quiet');
  const out = values.get('O') ?? values.get('--output-document');
  const timeout = values.get('T') ?? values.get('--timeout');
  const timeoutMs = timeout !== undefined && /^\d+$/.test(timeout) ? Number(timeout) * 1000 : WGET_TIMEOUT_MS;
  if (url.scheme !== 'http') {
    io.err(url.scheme === 'https' ? `wget: note: TLS certificate validation not implemented\nwget: error getting response: Connection reset by peer\n` : `wget: not an http or ftp url: ${operands[0]}\n`);
    return 1;
  }
  const net = ctx.net ?? noNet();
  const found = lookupOf(net, url.host);
  yield* pause(found.delayMs);
  const ip = found.addresses[0];
  if (ip === undefined) {
    io.err(`wget: bad address '${url.host}'\n`);
    if (found.external) io.err(externalDnsNote(found.external.cname));
    return 1;
  }
  if (!quiet) io.err(`Connecting to ${url.host} (${ip}:${url.port})\n`);
  // wget.c: `Host:` (with the URL's port when it has one), `User-Agent: Wget`, `Connection: close`.
  const r = net.httpGet(ip, url.port, url.path, timeoutMs, { host: url.hostHeader, headers: [['User-Agent', 'Wget'], ['Connection', 'close']] });
  yield* pause(r.delayMs);
  if (r.kind === 'timeout' && r.delayMs >= timeoutMs) {
    // -T arms an alarm around the connect (wget.c set_alarm / alarm_handler).
    io.err('wget: download timed out\n');
    return 1;
  }
  if (r.kind === 'refused' || r.kind === 'timeout') {
    io.err(`wget: can't connect to remote host (${ip}): ${r.kind === 'refused' ? 'Connection refused' : 'Connection timed out'}\n`);
    return 1;
  }
  if (r.status < 200 || r.status >= 300) {
    io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${REASONS[r.status] ?? ''}\n`);
    return 1;
  }
  const toStdout = out === '-';
  const file = out ?? (url.path.split('?')[0]!.split('/').pop() || 'index.html');
  if (toStdout) {
    if (!quiet) io.err('writing to stdout\n');
    io.out(r.body);
  } else {
    const path = resolvePath(ctx.cwd, file);
    if (out === undefined && ctx.fs.has(path)) {
      io.err(`wget: can't open '${file}': File exists\n`);
      return 1;
    }
    if (!quiet) io.err(`saving to '${file}'\n`);
    ctx.fs.set(path, r.body);
  }
  if (!quiet) {
    // progress.c: the file name in 20 columns, the percentage, a 32-star bar, the size, the ETA.
    io.err(`${(toStdout ? '-' : file).padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}|${String(r.body.length).padStart(6)}  0:00:00 ETA\n`);
    io.err(toStdout ? 'written to stdout\n' : `'${file}' saved\n`);
  }
  return 0;
};

/**
 * busybox before 1.29 (the docs' `busybox:1.28`, registry.k8s.io/busybox) had a different nslookup
 * (networking/nslookup.c of 1.28): libc's getaddrinfo with the search list, then getnameinfo for
 * each address: `Server:    IP` / `Address 1: IP NAME`, `Name:      HOST` / `Address 1: IP NAME`,
 * and `nslookup: can't resolve 'HOST'` on failure.
 */
export function isOldBusybox(image: string | undefined): boolean {
  if (!image) return false;
  const ref = image.split('@')[0]!;
  const colon = ref.lastIndexOf(':');
  const hasTag = colon > ref.lastIndexOf('/');
  const repo = hasTag ? ref.slice(0, colon) : ref;
  const tag = hasTag ? ref.slice(colon + 1) : 'latest';
  if (['registry.k8s.io/busybox', 'k8s.gcr.io/busybox', 'gcr.io/google-containers/busybox', 'gcr.io/google_containers/busybox'].includes(repo)) return true;
  if (!['busybox', 'library/busybox', 'docker.io/busybox', 'docker.io/library/busybox'].includes(repo)) return false;
  const v = /^1\.(\d+)/.exec(tag);
  return v !== null && Number(v[1]) < 29;
}

function* nslookupOld(host: string, server: string | undefined, io: Parameters<Program>[1], net: ProcNet): Generator<Effect, number, void> {
  let text = '';
  let delayMs = 0;
  const block = (header: string, name: string, addresses: string[]) => {
    text += `${header.padEnd(10)} ${name}\n`;
    addresses.forEach((ip, i) => {
      const r = net.reverse?.(ip) ?? { name: undefined, delayMs: 0 };
      delayMs += r.delayMs;
      text += `Address ${i + 1}: ${ip}${r.name ? ` ${r.name}` : ''}\n`;
    });
  };
  const ns = server ?? net.nameserver;
  block('Server:', ns, [ns]);
  text += '\n';
  const found = lookupOf(net, host);
  delayMs += found.delayMs;
  if (found.addresses.length > 0) block('Name:', host, found.addresses);
  yield* pause(delayMs);
  io.out(text);
  if (found.addresses.length === 0) {
    io.err(`nslookup: can't resolve '${host}'\n`);
    if (found.external) io.err(externalDnsNote(found.external.cname));
    return 1;
  }
  return 0;
}

/** busybox nslookup's query types (qtypes[]); the ones the cluster DNS here answers. */
const QTYPES = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'PTR', 'ANY'];
const SIMULATED_QTYPES: readonly string[] = ['A', 'AAAA', 'CNAME', 'SRV'];

export const nslookup: Program = function* (argv, io, ctx) {
  // Options precede the arguments: -type=X / -querytype=X (case-insensitive), -port=, -retry=, -debug, -timeout=.
  const args = argv.slice(1);
  const types: string[] = [];
  while (args.length > 0 && args[0]!.startsWith('-')) {
    const [opt, value = ''] = args.shift()!.slice(1).split(/=(.*)/s) as [string, string?];
    if (opt === 'type' || opt === 'querytype') {
      const t = QTYPES.find((q) => q === value.toUpperCase());
      if (!t) {
        io.err(`nslookup: invalid query type "${value}"\n`);
        return 1;
      }
      if (!SIMULATED_QTYPES.includes(t)) {
        io.err(`nslookup: ${t} queries are not simulated in Kubeplay (A, AAAA, CNAME and SRV are)\n`);
        return 1;
      }
      if (!types.includes(t)) types.push(t);
    }
  }
  const host = args[0];
  if (host !== undefined && isOldBusybox(ctx.image)) return yield* nslookupOld(host, args[1], io, ctx.net ?? noNet());
  if (host === undefined) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,any\n');
    return 1;
  }
  const net = ctx.net ?? noNet();
  const server = args[1] ?? net.nameserver;
  const isAddress = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  // add_query_with_search: a dotless name under each search domain, anything else as given.
  const names = host.includes('.') || net.search.length === 0 ? [host] : net.search.map((d) => `${host}.${d}`);
  // Queries go out in qtypes[] order (SOA, NS, A, AAAA, CNAME, MX, TXT, SRV, ...), each over the names.
  const queries: { name: string; type: QueryType }[] = isAddress && types.length === 0
    ? [{ name: host.split('.').reverse().join('.') + '.in-addr.arpa', type: 'A' }]
    : (types.length > 0 ? QTYPES.filter((t) => types.includes(t)) : ['A', 'AAAA']).flatMap((type) => names.map((name) => ({ name, type: type as QueryType })));
  let delayMs = 0;
  let text = '';
  let replies = 0;
  let status = 0;
  let external: string | undefined;
  for (const { name, type } of queries) {
    // PTR queries are not served yet: CoreDNS's reverse zone answers NXDOMAIN here.
    const q = queryOf(net, name, type, server);
    delayMs = Math.max(delayMs, q.delayMs);
    if (!q.reply) continue;
    if (replies++ === 0) text += `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    if (q.reply.rcode !== 'NOERROR') {
      text += `** server can't find ${name}: ${q.reply.rcode}\n`;
      status = 1;
    } else {
      // parse_reply prints the answer section in order: the CNAME first, then what it led to.
      if (q.reply.cname !== undefined) text += `${name}\tcanonical name = ${q.reply.cname}\n`;
      const owner = q.reply.cname ?? name;
      if (type === 'A') for (const a of q.reply.addresses) text += `Name:\t${owner}\nAddress: ${a}\n`;
      for (const r of type === 'SRV' ? (q.reply.srv ?? []) : []) text += `${name}\tservice = ${r.priority} ${r.weight} ${r.port} ${r.target}\n`;
      if (q.reply.external && type !== 'CNAME') external = q.reply.cname;
    }
    text += '\n';
  }
  yield* pause(delayMs);
  if (replies === 0) {
    io.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  io.out(text);
  if (external !== undefined) io.err(externalDnsNote(external));
  return status;
};

/** curl's max5data: a byte count or rate in 5 columns. */
function max5(n: number): string {
  if (n < 100_000) return String(Math.floor(n)).padStart(5);
  if (n < 10_000 * 1024) return `${Math.floor(n / 1024)}k`.padStart(5);
  if (n < 100 * 1024 * 1024) return `${Math.floor(n / 1048576)}.${Math.floor(((n % 1048576) * 10) / 1048576)}M`.padStart(5);
  return `${Math.floor(n / 1048576)}M`.padStart(5);
}

const METER_HEADER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
function meterLine(size: number, elapsedMs: number): string {
  const pct = size > 0 ? '100' : '  0';
  const speed = size > 0 ? max5((size * 1000) / Math.max(1, elapsedMs)) : max5(0);
  return `${pct} ${max5(size)}  ${pct} ${max5(size)}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}`;
}

/** The options this curl carries out; every other one is refused (below), never ignored. */
const CURL_FLAGS = new Set(['s', '--silent', 'S', '--show-error', 'f', '--fail', 'k', '--insecure', 'V', '--version']);
const CURL_VALUES = new Set(['o', '--output', 'm', '--max-time', '--connect-timeout', 'H', '--header', 'A', '--user-agent', 'X', '--request', 'w', '--write-out']);
/** Options curl has that Kubeplay's does not model, and why (the simulated servers answer a status and a body). */
const CURL_UNSIMULATED: Record<string, string> = {
  I: 'response headers are not modelled', '--head': 'response headers are not modelled',
  i: 'response headers are not modelled', '--include': 'response headers are not modelled',
  v: 'the connection and its headers are not modelled', '--verbose': 'the connection and its headers are not modelled',
  L: 'redirects are not modelled', '--location': 'redirects are not modelled',
  d: 'request bodies are not modelled', '--data': 'request bodies are not modelled',
};

/** `-w` / `--write-out` variables with a value here (curl's writeout.c names; times in seconds, 6 decimals). */
interface WriteOut {
  code: number;
  remoteIP: string;
  remotePort: number;
  sizeDownload: number;
  url: string;
  exitCode: number;
  lookupMs: number;
  totalMs: number;
}

function writeOut(format: string, w: WriteOut, io: { err(t: string): void }): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(w.code).padStart(3, '0'),
    response_code: String(w.code).padStart(3, '0'),
    remote_ip: w.remoteIP,
    remote_port: w.remotePort ? String(w.remotePort) : '0',
    size_download: String(w.sizeDownload),
    url_effective: w.url,
    url: w.url,
    exitcode: String(w.exitCode),
    time_namelookup: seconds(w.lookupMs),
    time_total: seconds(w.totalMs),
  };
  // writeout.c: %{name}, %% and the backslash escapes \n \r \t.
  return format.replace(/%\{([a-z_]+)\}|%%|\\([nrt\\])/g, (m, name: string | undefined, esc: string | undefined) => {
    if (esc !== undefined) return esc === 'n' ? '\n' : esc === 'r' ? '\r' : esc === 't' ? '\t' : '\\';
    if (m === '%%') return '%';
    if (Object.hasOwn(vars, name!)) return vars[name!]!;
    io.err(`curl: the --write-out variable '${name}' is not simulated by Kubeplay\n`);
    return '';
  });
}

export const curl: Program = function* (argv, io, ctx) {
  const { flags, values, operands } = shortOptions(argv.slice(1), [...CURL_VALUES].join(','));
  for (const f of [...flags, ...values.keys()]) {
    const reason = CURL_UNSIMULATED[f];
    const name = f.startsWith('--') ? f : `-${f}`;
    if (reason !== undefined) io.err(`curl: option ${name}: is not simulated by Kubeplay (${reason})\n`);
    else if (!CURL_FLAGS.has(f) && !CURL_VALUES.has(f)) io.err(`curl: option ${name}: is unknown\n`);
    else continue;
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const method = values.get('X') ?? values.get('--request') ?? 'GET';
  if (method !== 'GET') {
    io.err(`curl: -X ${method}: only GET requests are simulated by Kubeplay\n`);
    return 2;
  }
  if (flags.has('--version') || flags.has('V')) {
    io.out('curl 8.11.0 (x86_64-pc-linux-musl) libcurl/8.11.0 OpenSSL/3.3.2 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.3 libidn2/2.3.7 libpsl/0.21.5 libssh2/1.11.1 nghttp2/1.64.0 nghttp3/1.6.0\n');
    return 0;
  }
  const url = operands[0] === undefined ? undefined : parseUrl(operands[0]);
  if (!url) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const silent = flags.has('s') || flags.has('--silent');
  const showError = !silent || flags.has('S') || flags.has('--show-error');
  const output = values.get('o') ?? values.get('--output');
  const maxTime = values.get('m') ?? values.get('--max-time') ?? values.get('--connect-timeout');
  const limitMs = maxTime !== undefined && Number(maxTime) > 0 ? Math.round(Number(maxTime) * 1000) : undefined;
  // tool_progress: the meter is drawn on stderr unless -s, or stdout is the terminal.
  const meter = !silent && !io.terminal;
  if (meter) io.err(METER_HEADER);
  const format = values.get('w') ?? values.get('--write-out');
  const urlText = operands[0]!;
  const fail = (code: number, message: string, at: Partial<WriteOut> = {}): number => {
    if (meter) io.err(`\r${meterLine(0, 0)}\n`);
    if (showError) io.err(`curl: (${code}) ${message}\n`);
    if (format !== undefined) io.out(writeOut(format, { code: 0, remoteIP: '', remotePort: 0, sizeDownload: 0, url: urlText, exitCode: code, lookupMs: 0, totalMs: 0, ...at }, io));
    return code;
  };
  const net = ctx.net ?? noNet();
  const found = lookupOf(net, url.host);
  yield* pause(found.delayMs);
  const ip = found.addresses[0];
  if (ip === undefined) {
    const code = fail(6, `Could not resolve host: ${url.host}`);
    if (found.external) io.err(externalDnsNote(found.external.cname));
    return code;
  }
  // curl's default request headers: Host, User-Agent: curl/VERSION, Accept: */*; -A and -H replace
  // or add to them (a `Host:` header replaces the URL's host, an empty value removes the header).
  const headers: [string, string][] = [['User-Agent', values.get('A') ?? values.get('--user-agent') ?? 'curl/8.11.0'], ['Accept', '*/*']];
  let host = url.hostHeader;
  for (const h of argvValues(argv.slice(1), ['-H', '--header'])) {
    const colon = h.indexOf(':');
    if (colon <= 0) continue;
    const name = h.slice(0, colon).trim();
    const value = h.slice(colon + 1).trim();
    if (name.toLowerCase() === 'host') host = value || host;
    const i = headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (i >= 0) headers.splice(i, 1);
    if (value !== '' && name.toLowerCase() !== 'host') headers.push([name, value]);
  }
  const r = net.httpGet(ip, url.port, url.path, limitMs ?? Infinity, { host, headers });
  yield* pause(r.delayMs);
  const elapsed = found.delayMs + r.delayMs;
  const at = { remoteIP: ip, remotePort: url.port, lookupMs: found.delayMs, totalMs: elapsed };
  if (r.kind === 'timeout' && limitMs !== undefined) return fail(28, `Connection timed out after ${elapsed} milliseconds`, { lookupMs: found.delayMs, totalMs: elapsed });
  if (r.kind !== 'answer') return fail(7, `Failed to connect to ${url.host} port ${url.port} after ${elapsed} ms: Couldn't connect to server`, { lookupMs: found.delayMs, totalMs: elapsed });
  if ((flags.has('f') || flags.has('--fail')) && r.status >= 400) return fail(22, `The requested URL returned error: ${r.status}`, { ...at, code: r.status });
  if (output !== undefined && output !== '-') ctx.fs.set(resolvePath(ctx.cwd, output), r.body);
  else io.out(r.body);
  if (meter) io.err(`\r${meterLine(r.body.length, elapsed)}\n`);
  if (format !== undefined) io.out(writeOut(format, { ...at, code: r.status, sizeDownload: r.body.length, url: urlText, exitCode: 0 }, io));
  return 0;
};

/** The network commands busybox ships (wget, nslookup), for images with a busybox userland. */
export const BUSYBOX_NET: Readonly<Record<string, Program>> = { wget, nslookup };
