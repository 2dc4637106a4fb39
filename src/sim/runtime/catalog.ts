/**
 * The image catalog: well-known images as their Dockerfiles define them (ENTRYPOINT, CMD, what
 * STOPSIGNAL makes of the kubelet's stop), what their main program prints and serves, the tags
 * that exist in their registry and their compressed size (linux/amd64, as `crictl images` shows).
 *
 * Signals: the runtime's `signal(id, 15)` is the kubelet's StopContainer, and containerd sends
 * the image's STOPSIGNAL instead of SIGTERM when the image config has one (cri's
 * container_stop.go): nginx gets SIGQUIT, httpd SIGWINCH, postgres SIGINT. A Go binary with no
 * signal.Notify dies in the runtime's dieFromSignal, which as PID 1 (SIG_DFL ignored) falls
 * through to `exit(2)`. Tags are per repository (a tag not listed fails to pull with NotFound).
 *
 * Approximate, for want of process API: the size and the version a program prints are per
 * repository, not per tag (nginx prints 1.27.3 whatever the tag); the pod IP is not in
 * ProcContext (UNKNOWN_POD_IP stands in unless the runtime adds `podIP`); request headers and
 * client ports in answers and access logs are the kubelet prober's, invented; a non-HTTP server
 * (redis, postgres, mysql) hit by an httpGet answers 400 where Go would report a malformed answer
 * or EOF; `nginx -s reload` logs the master's reconfiguring but starts no new workers. `curl`, `wget` and `nslookup` are src/sim/network's.
 */
import { EPOCH_MS, formatRFC3339 } from '../kernel/time.ts';
import type { ImageBehaviour } from './behaviours.ts';
import { lookupProgram, type Effect, type HttpAnswer, type IO, type ProcContext, type Program } from './proc.ts';
import { shellProgram } from './sh-run.ts';
import { USERLAND } from './userland.ts';
import { BUSYBOX_NET, curl } from '../network/commands.ts';

/** An HTTP answer with its body: the runtime's probes read the status; the body is what curl would print. */
export interface HttpResponse extends HttpAnswer {
  body: string;
}

/** How long the catalog's servers take to answer a request on the pod network. */
export const CATALOG_HTTP_ANSWER_MS = 1;

// ---------------------------------------------------------------------------------------------
// Wall-clock formats the images' logs use (virtual time 0 is EPOCH_MS; containers run in UTC).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed']; // 1970-01-01 was a Thursday

interface Clock { Y: string; M: string; D: string; h: string; m: string; s: string; ms: string; mon: string; wd: string }
function clock(ctx: ProcContext): Clock {
  const unix = EPOCH_MS + ctx.nowMs();
  const r = formatRFC3339(unix); // 2024-08-13T12:00:05Z
  const ms = String(((unix % 1000) + 1000) % 1000).padStart(3, '0');
  return {
    Y: r.slice(0, 4), M: r.slice(5, 7), D: r.slice(8, 10), h: r.slice(11, 13), m: r.slice(14, 16), s: r.slice(17, 19), ms,
    mon: MONTHS[Number(r.slice(5, 7)) - 1]!, wd: WEEKDAYS[Math.floor(unix / 86_400_000) % 7]!,
  };
}
/** nginx error log and Go's log package: `2024/08/13 12:00:05`. */
const slashTime = (c: Clock) => `${c.Y}/${c.M}/${c.D} ${c.h}:${c.m}:${c.s}`;
/** Common Log Format: `13/Aug/2024:12:00:05 +0000`. */
const clfTime = (c: Clock) => `${c.D}/${c.mon}/${c.Y}:${c.h}:${c.m}:${c.s} +0000`;

/**
 * The pod IP as the process sees it. ProcContext does not carry it yet (see the catalog's
 * report): read it if the runtime provides `podIP`, else a placeholder address.
 */
export const UNKNOWN_POD_IP = '10.244.0.2';
function podIP(ctx: ProcContext): string {
  return (ctx as ProcContext & { podIP?: string }).podIP ?? UNKNOWN_POD_IP;
}
/** The address the kubelet's probes come from: the node's bridge (cni0, the pod subnet's .1 with flannel). */
function probeSource(ctx: ProcContext): string {
  return podIP(ctx).replace(/\.\d+$/, '.1');
}

function answer(status: number, body: string): HttpResponse {
  return { status, delayMs: CATALOG_HTTP_ANSWER_MS, body };
}
const stripQuery = (path: string) => path.split('?')[0] ?? path;
const queryParam = (path: string, name: string) => {
  const q = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  for (const kv of q.split('&')) {
    const [k, v = ''] = kv.split('=');
    if (k === name) return decodeURIComponent(v.replace(/\+/g, ' '));
  }
  return undefined;
};
/** Go's net/http NotFound handler body. */
const GO_NOT_FOUND = '404 page not found\n';

/** A program that runs at once and returns its status. */
function instant(run: (argv: string[], io: IO, ctx: ProcContext) => number): Program {
  return function* (argv, io, ctx) {
    yield* [];
    return run(argv, io, ctx);
  };
}

/** `exec "$@"` at the end of an entrypoint script: runs the named program in this process. */
function* execArgs(argv: string[], io: IO, ctx: ProcContext, notFound: (name: string) => string): Generator<Effect, number, void> {
  const name = argv[0];
  if (name === undefined) return 0;
  const program = lookupProgram(ctx, name);
  if (!program) {
    io.err(notFound(name));
    return 127;
  }
  return yield* program(argv, io, ctx);
}

/** A Go binary without signal.Notify, as PID 1: SIGTERM → dieFromSignal → exit(2). */
function goDiesOnTerm(ctx: ProcContext): void {
  ctx.onSignal(15, () => ({ exitAfterMs: 0, exitCode: 2 }));
}

// Userlands: Debian-based images have dash as sh and bash; Alpine and busybox have ash only.
// Debian's /bin/sh is dash (`sh: 1: foo: not found`); the slim images ship no procps, netcat or busybox httpd.
// GNU coreutils has `[` but no `[[` (dash says `[[: not found`; bash has it as a keyword, sh-run.ts).
const { ps: _ps, killall: _killall, httpd: _httpd, nc: _nc, '[[': _test2, ...COREUTILS } = USERLAND;
const DEBIAN: Readonly<Record<string, Program>> = { ...COREUTILS, sh: shellProgram('dash'), dash: shellProgram('dash'), bash: shellProgram('bash') };
const BUSYBOX: Readonly<Record<string, Program>> = { ...USERLAND, ...BUSYBOX_NET, sh: shellProgram('busybox'), ash: shellProgram('busybox') };

/** Keys a program by its bare name and by its absolute path. */
function at(path: string, program: Program): Record<string, Program> {
  return { [path]: program, [path.slice(path.lastIndexOf('/') + 1)]: program };
}

// ---------------------------------------------------------------------------------------------
// nginx (docker.io/library/nginx, Debian bookworm variant): nginx/1.27.3.

export const NGINX_VERSION = '1.27.3';

/** /usr/share/nginx/html/index.html of nginx 1.27 (615 bytes). */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** ngx_http_special_response.c: the 404 page (CRLF line ends, `server_tokens on` footer). */
export const NGINX_404 = `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;

export const NGINX_403 = `<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
const NGINX_ROOT = '/usr/share/nginx/html';
const NGINX_50X = '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n<p>If you are the system administrator of this resource then you should check\nthe error log for details.</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n';

/** The lines /docker-entrypoint.sh prints before it execs nginx (1.27 image, default config). */
const NGINX_ENTRYPOINT_LOG = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];
/** How long the entrypoint's scripts take before nginx starts listening. */
export const NGINX_ENTRYPOINT_MS = 25;
/** Worker PIDs: the entrypoint's scripts used the PIDs before them (2 CPUs → 2 workers). */
const NGINX_WORKERS = [29, 30];

const nginxEntrypoint: Program = function* (argv, io, ctx) {
  const args = argv.slice(1);
  if ((args[0] === 'nginx' || args[0] === 'nginx-debug') && !ctx.env.get('NGINX_ENTRYPOINT_QUIET_LOGS')) {
    for (const line of NGINX_ENTRYPOINT_LOG) io.out(line + '\n');
    yield { kind: 'sleep', ms: NGINX_ENTRYPOINT_MS };
  }
  // dash: `exec "$@"` on line 47 of the script.
  return yield* execArgs(args, io, ctx, (name) => `/docker-entrypoint.sh: 47: exec: ${name}: not found\n`);
};

const nginx: Program = function* (argv, io, ctx) {
  const args = argv.slice(1);
  const note = (pid: number, text: string, level = 'notice') => io.err(`${slashTime(clock(ctx))} [${level}] ${pid}#${pid}: ${text}\n`);
  if (args.includes('-v') || args.includes('-V')) {
    io.err(`nginx version: nginx/${NGINX_VERSION}\n`);
    return 0;
  }
  if (args.includes('-t')) {
    io.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    return 0;
  }
  if (args.includes('-s')) {
    // ngx_signal_process: logs that it started, reads the master's PID from /run/nginx.pid and
    // kill()s it: stop → SIGTERM, quit → SIGQUIT, reopen → SIGUSR1, reload → SIGHUP.
    const sig = args[args.indexOf('-s') + 1];
    const number = ({ stop: 15, quit: 3, reopen: 10, reload: 1 } as Record<string, number>)[sig ?? ''];
    if (number === undefined) {
      io.err(`nginx: [emerg] invalid option: "-s ${sig ?? ''}"\n`);
      return 1;
    }
    const self = ctx.pid ?? 1;
    note(self, 'signal process started');
    const pidText = ctx.fs.get('/run/nginx.pid');
    if (pidText === undefined) {
      io.err(`${slashTime(clock(ctx))} [error] ${self}#${self}: open() "/run/nginx.pid" failed (2: No such file or directory)\nnginx: [error] open() "/run/nginx.pid" failed (2: No such file or directory)\n`);
      return 1;
    }
    ctx.procs?.signal(Number(pidText.trim()), number);
    return 0;
  }
  // Without `daemon off;` the master forks into the background and PID 1 returns: the container ends.
  const g = args.indexOf('-g');
  if (g < 0 || !/daemon\s+off\s*;/.test(args[g + 1] ?? '')) return 0;
  if (ctx.fs.has('/run/nginx.pid')) {
    io.err(`nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n`);
    return 1;
  }
  ctx.fs.set('/run/nginx.pid', '1\n');
  note(1, 'using the "epoll" event method');
  note(1, `nginx/${NGINX_VERSION}`);
  note(1, 'built by gcc 12.2.0 (Debian 12.2.0-14) ');
  note(1, 'OS: Linux 6.8.0-45-generic');
  note(1, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  note(1, 'start worker processes');
  for (const w of NGINX_WORKERS) note(1, `start worker process ${w}`);
  let connection = 0;
  ctx.listen(80, (path, req) => {
    connection++;
    const file = stripQuery(path);
    // The default server's root: /usr/share/nginx/html (a volume mounted there replaces the image's files).
    const content = ctx.fs.get(`${NGINX_ROOT}${file.endsWith('/') ? `${file}index.html` : file}`);
    const forbidden = content === undefined && file.endsWith('/');
    const res = content !== undefined ? answer(200, content) : forbidden ? answer(403, NGINX_403) : answer(404, NGINX_404);
    const c = clock(ctx);
    // A caller that does not describe its request is taken for the kubelet's prober.
    const client = req?.remoteIP ?? probeSource(ctx);
    const userAgent = req ? (req.headers.find(([k]) => k === 'User-Agent')?.[1] ?? '-') : 'kube-probe/1.31';
    const where = `client: ${client}, server: localhost, request: "GET ${path} HTTP/1.1", host: "${req?.host ?? `${podIP(ctx)}:80`}"`;
    if (forbidden) io.err(`${slashTime(c)} [error] ${NGINX_WORKERS[0]}#${NGINX_WORKERS[0]}: *${connection} directory index of "${NGINX_ROOT}${file}" is forbidden, ${where}\n`);
    else if (content === undefined) io.err(`${slashTime(c)} [error] ${NGINX_WORKERS[0]}#${NGINX_WORKERS[0]}: *${connection} open() "${NGINX_ROOT}${file}" failed (2: No such file or directory), ${where}\n`);
    io.out(`${client} - - [${clfTime(c)}] "GET ${path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${userAgent}" "-"\n`);
    return res;
  });
  // ngx_signal_handler logs the sender's PID when it has one (`received from 38`): a signal from
  // outside the PID namespace (the kubelet's stop) has none.
  const from = (pid: number | undefined) => (pid === undefined ? '' : ` from ${pid}`);
  const shutdown = (graceful: boolean, received: string) => {
    note(1, received);
    for (const w of NGINX_WORKERS) {
      if (graceful) note(w, 'gracefully shutting down');
      note(w, 'exiting');
      note(w, 'exit');
    }
    for (const w of NGINX_WORKERS) {
      note(1, `signal 17 (SIGCHLD) received from ${w}`);
      note(1, `worker process ${w} exited with code 0`);
    }
    note(1, 'exit');
    ctx.fs.delete('/run/nginx.pid');
    return { exitAfterMs: 3, exitCode: 0 };
  };
  // The kubelet's stop is STOPSIGNAL SIGQUIT (graceful: workers finish their requests, exit 0);
  // SIGTERM from `nginx -s stop` inside the container is the fast shutdown.
  ctx.onSignal(15, (pid) => (pid === undefined ? shutdown(true, 'signal 3 (SIGQUIT) received, shutting down') : shutdown(false, `signal 15 (SIGTERM) received from ${pid}, exiting`)));
  ctx.onSignal(3, (pid) => shutdown(true, `signal 3 (SIGQUIT) received${from(pid)}, shutting down`));
  // Reload and reopen: the master logs them and keeps serving (no configuration file can have
  // changed here, so no new workers are started).
  ctx.onSignal(1, (pid) => {
    note(1, `signal 1 (SIGHUP) received${from(pid)}, reconfiguring`);
    note(1, 'reconfiguring');
    return 'handled';
  });
  ctx.onSignal(10, (pid) => {
    note(1, `signal 10 (SIGUSR1) received${from(pid)}, reopening`);
    note(1, 'reopening logs');
    return 'handled';
  });
  yield { kind: 'forever' };
  return 0;
};

const NGINX_TAGS = [
  'latest', 'mainline', 'stable', 'alpine', 'alpine-slim', 'bookworm', 'perl', 'otel', 'mainline-alpine', 'stable-alpine', 'alpine-perl',
  '1', '1-alpine', '1.14', '1.14.2', '1.14-alpine', '1.14.2-alpine', '1.16', '1.16.1', '1.17', '1.19', '1.20', '1.21', '1.21.6', '1.22', '1.22.1',
  '1.23', '1.23.4', '1.24', '1.24.0', '1.24-alpine', '1.25', '1.25.0', '1.25.1', '1.25.2', '1.25.3', '1.25.4', '1.25.5', '1.25-alpine', '1.25.5-alpine',
  '1.26', '1.26.0', '1.26.1', '1.26.2', '1.26.3', '1.26-alpine', '1.26.2-alpine', '1.26-bookworm',
  '1.27', '1.27.0', '1.27.1', '1.27.2', '1.27.3', '1.27.4', '1.27-alpine', '1.27.3-alpine', '1.27-alpine-slim', '1.27.3-alpine-slim', '1.27-bookworm', '1.27.3-bookworm', '1.27-perl',
  '1.28', '1.28.0', '1.28-alpine', '1.28.0-alpine', '1.29', '1.29.0', '1.29.1', '1.29-alpine',
];

// ---------------------------------------------------------------------------------------------
// httpd (docker.io/library/httpd): Apache/2.4.62, CMD httpd-foreground, STOPSIGNAL SIGWINCH.

export const HTTPD_IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';
const HTTPD_404 = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

const httpd: Program = function* (_argv, io, ctx) {
  const ip = podIP(ctx);
  const tid = 140_412_367_361_928; // a glibc thread id as Apache logs it; fixed per image
  const line = (module: string, text: string) => {
    const c = clock(ctx);
    io.err(`[${c.wd} ${c.mon} ${c.D} ${c.h}:${c.m}:${c.s}.${c.ms}000 ${c.Y}] [${module}] [pid 1:tid ${tid}] ${text}\n`);
  };
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
  io.err(fqdn);
  io.err(fqdn);
  line('mpm_event:notice', 'AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations');
  line('core:notice', "AH00094: Command line: 'httpd -D FOREGROUND'");
  ctx.listen(80, (path) => {
    const file = stripQuery(path);
    const content = ctx.fs.get(`/usr/local/apache2/htdocs${file.endsWith('/') ? `${file}index.html` : file}`);
    const res = content !== undefined ? answer(200, content) : answer(404, HTTPD_404);
    io.out(`${probeSource(ctx)} - - [${clfTime(clock(ctx))}] "GET ${path} HTTP/1.1" ${res.status} ${res.body.length}\n`);
    return res;
  });
  ctx.onSignal(15, () => {
    line('mpm_event:notice', 'AH00492: caught SIGWINCH, shutting down gracefully');
    return { exitAfterMs: 2, exitCode: 0 };
  });
  yield { kind: 'forever' };
  return 0;
};

// ---------------------------------------------------------------------------------------------
// whoami servers.

/**
 * traefik/whoami (app.go): flags `--port` (default $WHOAMI_PORT_NUMBER or 80) and `--name`
 * ($WHOAMI_NAME). `/` answers `Name:` (when set), `Hostname:`, one `IP:` per interface address
 * (lo's 127.0.0.1 and ::1, eth0's pod IP), `RemoteAddr:`, then the request as Go's Request.Write
 * prints it: request line, `Host`, `User-Agent` (Go's default when the client sent none), the
 * other headers sorted by name, a blank line. `/health` is 200, `/api` the same as JSON.
 * A caller that does not describe its request (see HttpRequestInfo) is taken for the kubelet's prober.
 */
const traefikWhoami: Program = function* (argv, io, ctx) {
  const flag = (name: string) => {
    const i = argv.findIndex((a) => a === `-${name}` || a === `--${name}` || a.startsWith(`-${name}=`) || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    const a = argv[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const port = Number(flag('port') ?? (ctx.env.get('WHOAMI_PORT_NUMBER') || '80'));
  const name = flag('name') ?? ctx.env.get('WHOAMI_NAME') ?? '';
  io.err(`${slashTime(clock(ctx))} Starting up on port ${port}\n`);
  let remotePort = 40_000;
  ctx.listen(port, (path, request) => {
    const req = request ?? { host: `${podIP(ctx)}:${port}`, headers: [['User-Agent', 'kube-probe/1.31'], ['Accept', '*/*'], ['Connection', 'close']], remoteIP: probeSource(ctx) };
    const file = stripQuery(path);
    remotePort++;
    const remoteAddr = `${req.remoteIP}:${remotePort}`;
    const ips = ['127.0.0.1', '::1', podIP(ctx)];
    if (file === '/health') return answer(200, '');
    if (file === '/api') {
      const headers: Record<string, string[]> = {};
      for (const [k, v] of req.headers) (headers[k] ??= []).push(v);
      // encoding/json: struct fields in order, omitempty; http.Header as a map with sorted keys.
      const sorted = Object.fromEntries(Object.keys(headers).sort().map((k) => [k, headers[k]]));
      return answer(200, JSON.stringify({ hostname: ctx.hostname, ip: ips, headers: sorted, url: path, host: req.host, method: 'GET', ...(name ? { name } : {}), remoteAddr }) + '\n');
    }
    const userAgent = req.headers.find(([k]) => k === 'User-Agent')?.[1] ?? 'Go-http-client/1.1';
    const others = req.headers.filter(([k]) => k !== 'User-Agent').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const body = [
      ...(name ? [`Name: ${name}`] : []), `Hostname: ${ctx.hostname}`, ...ips.map((ip) => `IP: ${ip}`), `RemoteAddr: ${remoteAddr}`,
      `GET ${path} HTTP/1.1\r`, `Host: ${req.host}\r`, `User-Agent: ${userAgent}\r`, ...others.map(([k, v]) => `${k}: ${v}\r`), '\r', '',
    ].join('\n');
    return answer(200, body);
  });
  goDiesOnTerm(ctx);
  yield { kind: 'forever' };
  return 0;
};

/** jwilder/whoami: `I'm <hostname>` on $PORT (8000). */
const jwilderWhoami: Program = function* (_argv, io, ctx) {
  const port = Number(ctx.env.get('PORT') ?? 8000);
  io.out(`Listening on :${port}\n`);
  ctx.listen(port, () => answer(200, `I'm ${ctx.hostname}\n`));
  goDiesOnTerm(ctx);
  yield { kind: 'forever' };
  return 0;
};

// ---------------------------------------------------------------------------------------------
// hashicorp/http-echo 1.0.0: `-text` (or $ECHO_TEXT), `-listen=:5678`.

const httpEcho: Program = function* (argv, io, ctx) {
  let text = ctx.env.get('ECHO_TEXT') ?? '';
  let listen = ':5678';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!.replace(/^--?/, '');
    const [k, v] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, argv[++i] ?? ''];
    if (k === 'text') text = v;
    else if (k === 'listen') listen = v;
  }
  if (text === '') {
    io.err('Missing -text option!\n');
    return 127;
  }
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  io.err(`${slashTime(clock(ctx))} [INFO] server is listening on ${listen}\n`);
  let remotePort = 40_000;
  ctx.listen(port, (path, req) => {
    if (stripQuery(path) === '/health') return answer(200, '{"status":"ok"}\n');
    const res = answer(200, text + '\n');
    // A caller that does not describe its request is taken for the kubelet's prober.
    const host = req?.host ?? `${podIP(ctx)}:${port}`;
    const userAgent = req ? (req.headers.find(([k]) => k === 'User-Agent')?.[1] ?? '') : 'kube-probe/1.31';
    io.err(`${slashTime(clock(ctx))} ${host} ${req?.remoteIP ?? probeSource(ctx)}:${remotePort++} "GET ${path} HTTP/1.1" 200 ${res.body.length} "${userAgent}" 21.4µs\n`);
    return res;
  });
  ctx.onSignal(15, () => {
    io.err(`${slashTime(clock(ctx))} [INFO] received interrupt, shutting down...\n`);
    return { exitAfterMs: 1, exitCode: 0 };
  });
  yield { kind: 'forever' };
  return 0;
};

// ---------------------------------------------------------------------------------------------
// The e2e test images of the Kubernetes docs' probe examples.

/** How long the liveness server's /healthz answers 200: more than 10 s since start → 500. */
export const LIVENESS_HEALTHY_MS = 10_000;

/**
 * test/images/agnhost/liveness/server.go (and the older registry.k8s.io/liveness `/server`):
 * `/healthz` is 200 `ok` while `time.Since(started).Seconds() > 10` is false, then 500
 * `error: <seconds>`. Serves on 8080.
 */
const livenessServer: Program = function* (_argv, _io, ctx) {
  const started = ctx.nowMs();
  ctx.listen(8080, (path) => {
    const file = stripQuery(path);
    const elapsed = ctx.nowMs() - started;
    if (file === '/started') return answer(200, `ok`);
    if (file === '/redirect') return answer(302, '');
    if (file !== '/healthz') return answer(404, GO_NOT_FOUND);
    return elapsed > LIVENESS_HEALTHY_MS ? answer(500, `error: ${elapsed / 1000}`) : answer(200, 'ok');
  });
  goDiesOnTerm(ctx);
  yield { kind: 'forever' };
  return 0;
};

/** agnhost: one binary, subcommands (ENTRYPOINT /agnhost, CMD pause); the docs use `liveness` and `netexec`. */
const agnhost: Program = function* (argv, io, ctx) {
  const sub = argv[1] ?? 'pause';
  const flag = (name: string, dflt: string) => {
    const a = argv.find((x) => x.startsWith(`--${name}=`));
    return a ? a.slice(name.length + 3) : dflt;
  };
  switch (sub) {
    case 'liveness':
      return yield* livenessServer(argv, io, ctx);
    case 'pause':
      io.out('Paused\n');
      ctx.onSignal(15, () => ({ exitAfterMs: 0, exitCode: 0 }));
      yield { kind: 'forever' };
      return 0;
    case 'serve-hostname': {
      const port = Number(flag('port', '9376'));
      ctx.listen(port, () => answer(200, ctx.hostname));
      goDiesOnTerm(ctx);
      yield { kind: 'forever' };
      return 0;
    }
    case 'netexec': {
      const port = Number(flag('http-port', '8080'));
      const c = clock(ctx);
      io.err(`I${c.M}${c.D} ${c.h}:${c.m}:${c.s}.${c.ms}000       1 log.go:245] Started HTTP server on port ${port}\n`);
      ctx.listen(port, (path) => {
        const file = stripQuery(path);
        if (file === '/hostname') return answer(200, ctx.hostname);
        if (file === '/echo') return answer(200, queryParam(path, 'msg') ?? '');
        if (file === '/clientip') return answer(200, `${probeSource(ctx)}:40000`);
        if (file === '/healthz') return answer(200, '');
        if (file === '/') return answer(200, `NOW: ${formatRFC3339(EPOCH_MS + ctx.nowMs())}`);
        return answer(404, GO_NOT_FOUND);
      });
      ctx.onSignal(15, () => ({ exitAfterMs: 0, exitCode: 0 }));
      yield { kind: 'forever' };
      return 0;
    }
    default:
      // cobra: the root command is `app`.
      io.err(`Error: unknown command "${sub}" for "app"\nRun 'app --help' for usage.\n`);
      return 1;
  }
};

/** registry.k8s.io/goproxy:0.1 (elazarl/goproxy): an HTTP proxy on 8080; a non-proxy GET gets its 500. */
const goproxy: Program = function* (_argv, _io, ctx) {
  ctx.listen(8080, () => answer(500, 'This is a proxy server. Does not respond to non-proxy requests.\n'));
  goDiesOnTerm(ctx);
  yield { kind: 'forever' };
  return 0;
};

/**
 * stress 1.0.4 (docker.io/polinux/stress, the image of the "Assign Memory Resources" task): the
 * options that task and its CPU sibling use. `--vm N --vm-bytes B` (suffixes k/m/g, powers of 1024,
 * as stress's atoll_b reads them; default 256M) allocates and touches memory, here at 1 GiB/s in
 * 16 MiB steps, so a container over its memory limit is OOM-killed about limit ÷ 1 GiB/s after it
 * starts; `--vm-hang N` holds it N seconds before freeing and starting over (0: for ever);
 * `--cpu N` spins N workers; `--timeout N` ends with stress's success line. Info lines go to
 * stdout, as stress prints them. Anything else is refused, saying so.
 */
const stress: Program = function* (argv, io, ctx) {
  let vm = 0;
  let cpu = 0;
  let vmBytes = 256 * 1024 * 1024;
  let hangSeconds: number | undefined;
  let timeoutSeconds: number | undefined;
  const number = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i];
    if (a === '--vm' || a === '-m') vm = number(next());
    else if (a === '--cpu' || a === '-c') cpu = number(next());
    else if (a === '--vm-bytes') vmBytes = bytesOf(next());
    else if (a === '--vm-hang') hangSeconds = number(next());
    else if (a === '--timeout' || a === '-t') timeoutSeconds = number(next()?.replace(/s$/, ''));
    else if (a === '-v' || a === '--verbose' || a === '-q' || a === '--quiet') continue;
    else {
      io.err(`stress: option ${a} is not simulated by Kubeplay (--vm, --vm-bytes, --vm-hang, --cpu and --timeout are)\n`);
      return 1;
    }
  }
  if ([vm, cpu, vmBytes, hangSeconds ?? 0, timeoutSeconds ?? 0].some(Number.isNaN) || vm + cpu === 0) {
    io.err('stress: Kubeplay simulates stress with --vm N [--vm-bytes B] [--vm-hang N] and --cpu N [--timeout N]\n');
    return 1;
  }
  io.out(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd\n`);
  const startMs = ctx.nowMs();
  const endMs = timeoutSeconds === undefined ? Infinity : startMs + timeoutSeconds * 1000;
  const STEP_BYTES = 16 * 1024 * 1024;
  const STEP_MS = 16;
  while (ctx.nowMs() < endMs) {
    if (vm === 0) {
      const ms = Math.min(1000, endMs - ctx.nowMs());
      ctx.chargeCpu?.(ms * cpu);
      yield { kind: 'sleep', ms };
      continue;
    }
    for (let held = 0; held < vm * vmBytes && ctx.nowMs() < endMs; ) {
      held = Math.min(vm * vmBytes, held + STEP_BYTES);
      ctx.useMemory?.(held);
      ctx.chargeCpu?.(STEP_MS);
      yield { kind: 'sleep', ms: STEP_MS };
    }
    if (hangSeconds === 0) {
      if (endMs === Infinity) yield { kind: 'forever' };
      else yield { kind: 'sleep', ms: Math.max(0, endMs - ctx.nowMs()) };
      break;
    }
    if (hangSeconds !== undefined) yield { kind: 'sleep', ms: Math.min(hangSeconds * 1000, Math.max(0, endMs - ctx.nowMs())) };
    ctx.useMemory?.(0);
  }
  ctx.useMemory?.(0);
  io.out(`stress: info: [1] successful run completed in ${Math.round((ctx.nowMs() - startMs) / 1000)}s\n`);
  return 0;
};

/** stress's atoll_b: a byte count with an optional b/k/m/g suffix (powers of 1024). */
function bytesOf(v: string | undefined): number {
  const m = v === undefined ? null : /^(\d+)([bkmg]?)$/i.exec(v);
  if (!m) return NaN;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

/** registry.k8s.io/pause: sleeps in pause(); SIGINT/SIGTERM → psignal + exit(0) (build/pause/linux/pause.c). */
const pause: Program = function* (_argv, io, ctx) {
  ctx.onSignal(15, () => {
    io.err('Shutting down, got signal: Terminated\n');
    return { exitAfterMs: 0, exitCode: 0 };
  });
  yield { kind: 'forever' };
  return 0;
};

// ---------------------------------------------------------------------------------------------
// Databases.

/** redis 7.4.1: docker-entrypoint.sh prepends redis-server to flags and .conf files, then execs. */
const redisEntrypoint: Program = function* (argv, io, ctx) {
  let args = argv.slice(1);
  if (args[0] !== undefined && (args[0].startsWith('-') || args[0].endsWith('.conf'))) args = ['redis-server', ...args];
  return yield* execArgs(args, io, ctx, (name) => `/usr/local/bin/docker-entrypoint.sh: 24: exec: ${name}: not found\n`);
};

const redisServer: Program = function* (argv, io, ctx) {
  const portIdx = argv.indexOf('--port');
  const port = portIdx > 0 ? Number(argv[portIdx + 1]) : 6379;
  const log = (role: string, mark: string, text: string) => {
    const c = clock(ctx);
    io.out(`1:${role} ${c.D} ${c.mon} ${c.Y} ${c.h}:${c.m}:${c.s}.${c.ms} ${mark} ${text}\n`);
  };
  log('C', '#', "WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.");
  log('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  log('C', '*', 'Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started');
  if (!argv.slice(1).some((a) => a.endsWith('.conf'))) log('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  log('M', '*', 'monotonic clock: POSIX clock_gettime');
  log('M', '*', `Running mode=standalone, port=${port}.`);
  log('M', '*', 'Server initialized');
  log('M', '*', 'Ready to accept connections tcp');
  ctx.fs.set('/run/redis.ready', '');
  // An HTTP request is not RESP: redis answers `-ERR` and closes (Go reports a malformed response); 400 stands in.
  ctx.listen(port, () => answer(400, '-ERR wrong number of arguments for \'get\' command\r\n'));
  ctx.onSignal(15, () => {
    const unix = Math.floor((EPOCH_MS + ctx.nowMs()) / 1000);
    io.out(`1:signal-handler (${unix}) Received SIGTERM scheduling shutdown...\n`);
    log('M', '*', 'User requested shutdown...');
    log('M', '*', 'Saving the final RDB snapshot before exiting.');
    log('M', '*', 'DB saved on disk');
    log('M', '#', 'Redis is now ready to exit, bye bye...');
    return { exitAfterMs: 5, exitCode: 0 };
  });
  yield { kind: 'forever' };
  return 0;
};

/** `redis-cli ping`, the usual exec probe. */
const redisCli = instant((argv, io, ctx) => {
  if (!ctx.fs.has('/run/redis.ready')) {
    io.err('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    return 1;
  }
  if (argv.some((a) => a.toLowerCase() === 'ping')) io.out('PONG\n');
  return 0;
});

/** postgres 17.2: docker-entrypoint.sh's verify_minimum_env text (docker-library/postgres). */
export const POSTGRES_NO_PASSWORD = `Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
       connections without a password. This is *not* recommended.

       See PostgreSQL documentation about "trust":
       https://www.postgresql.org/docs/current/auth-trust.html
`;
/** initdb and the temporary server of the first start take this long before the real server listens. */
export const POSTGRES_INIT_MS = 1_800;
const PG_VERSION = 'PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit';

const postgresEntrypoint: Program = function* (argv, io, ctx) {
  let args = argv.slice(1);
  if (args[0] !== undefined && args[0].startsWith('-')) args = ['postgres', ...args];
  if (args[0] !== 'postgres') return yield* execArgs(args, io, ctx, (n) => `/usr/local/bin/docker-entrypoint.sh: line 384: exec: ${n}: not found\n`);
  const pgLog = (pid: number, text: string) => {
    const c = clock(ctx);
    io.err(`${c.Y}-${c.M}-${c.D} ${c.h}:${c.m}:${c.s}.${c.ms} UTC [${pid}] ${text}\n`);
  };
  if (!ctx.fs.has('/var/lib/postgresql/data/PG_VERSION')) {
    if (!ctx.env.get('POSTGRES_PASSWORD') && ctx.env.get('POSTGRES_HOST_AUTH_METHOD') !== 'trust') {
      io.err(POSTGRES_NO_PASSWORD);
      return 1;
    }
    io.out([
      'The files belonging to this database system will be owned by user "postgres".', 'This user must also own the server process.', '',
      'The database cluster will be initialized with locale "en_US.utf8".', 'The default database encoding has accordingly been set to "UTF8".',
      'The default text search configuration will be set to "english".', '', 'Data page checksums are disabled.', '',
      'fixing permissions on existing directory /var/lib/postgresql/data ... ok', 'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix', 'selecting default "max_connections" ... 100',
      'selecting default "shared_buffers" ... 128MB', 'selecting default time zone ... Etc/UTC', 'creating configuration files ... ok',
      'running bootstrap script ... ok', 'performing post-bootstrap initialization ... ok', 'syncing data to disk ... ok', '', '',
      'Success. You can now start the database server using:', '', '    pg_ctl -D /var/lib/postgresql/data -l logfile start', '', '',
    ].join('\n'));
    io.err('initdb: warning: enabling "trust" authentication for local connections\ninitdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.\n');
    yield { kind: 'sleep', ms: POSTGRES_INIT_MS / 2 };
    io.out('waiting for server to start....');
    pgLog(48, `LOG:  starting ${PG_VERSION}`);
    pgLog(48, 'LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
    const c = clock(ctx);
    pgLog(51, `LOG:  database system was shut down at ${c.Y}-${c.M}-${c.D} ${c.h}:${c.m}:${c.s} UTC`);
    pgLog(48, 'LOG:  database system is ready to accept connections');
    io.out(' done\nserver started\n\n/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*\n\n');
    yield { kind: 'sleep', ms: POSTGRES_INIT_MS / 2 };
    io.out('waiting for server to shut down...');
    pgLog(48, 'LOG:  received fast shutdown request');
    pgLog(48, 'LOG:  database system is shut down');
    io.out(' done\nserver stopped\n\nPostgreSQL init process complete; ready for start up.\n\n');
    ctx.fs.set('/var/lib/postgresql/data/PG_VERSION', '17\n');
  } else {
    io.out('\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n');
  }
  pgLog(1, `LOG:  starting ${PG_VERSION}`);
  pgLog(1, 'LOG:  listening on IPv4 address "0.0.0.0", port 5432');
  pgLog(1, 'LOG:  listening on IPv6 address "::", port 5432');
  pgLog(1, 'LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
  pgLog(1, 'LOG:  database system is ready to accept connections');
  ctx.fs.set('/var/run/postgresql/.s.PGSQL.5432', '');
  // Not HTTP: the server drops the connection (Go: EOF); 400 stands in for "not an HTTP answer".
  ctx.listen(5432, () => answer(400, ''));
  // STOPSIGNAL SIGINT: fast shutdown.
  ctx.onSignal(15, () => {
    pgLog(1, 'LOG:  received fast shutdown request');
    pgLog(1, 'LOG:  aborting any active transactions');
    pgLog(1, 'LOG:  background worker "logical replication launcher" (PID 67) exited with exit code 1');
    pgLog(62, 'LOG:  shutting down');
    pgLog(1, 'LOG:  database system is shut down');
    ctx.fs.delete('/var/run/postgresql/.s.PGSQL.5432');
    return { exitAfterMs: 20, exitCode: 0 };
  });
  yield { kind: 'forever' };
  return 0;
};

/** pg_isready: the usual exec probe of postgres. */
const pgIsReady = instant((_argv, io, ctx) => {
  if (ctx.fs.has('/var/run/postgresql/.s.PGSQL.5432')) {
    io.out('/var/run/postgresql:5432 - accepting connections\n');
    return 0;
  }
  io.out('/var/run/postgresql:5432 - no response\n');
  return 2;
});

/** mysql 9.1.0 (Oracle Linux 9 image): docker-entrypoint.sh's mysql_log / mysql_error. */
export const MYSQL_VERSION = '9.1.0-1.el9';
/** --initialize-insecure, the temporary server and the root password take this long before mysqld listens. */
export const MYSQL_INIT_MS = 9_000;

const mysqlEntrypoint: Program = function* (argv, io, ctx) {
  let args = argv.slice(1);
  if (args[0] !== undefined && args[0].startsWith('-')) args = ['mysqld', ...args];
  if (args[0] !== 'mysqld') return yield* execArgs(args, io, ctx, (n) => `/usr/local/bin/docker-entrypoint.sh: line 433: exec: ${n}: not found\n`);
  const note = (type: string, text: string, toErr = false) => {
    const c = clock(ctx);
    const line = `${c.Y}-${c.M}-${c.D} ${c.h}:${c.m}:${c.s}+00:00 [${type}] [Entrypoint]: ${text}\n`;
    if (toErr) io.err(line);
    else io.out(line);
  };
  const server = (level: string, code: string, text: string) => {
    const c = clock(ctx);
    io.err(`${c.Y}-${c.M}-${c.D}T${c.h}:${c.m}:${c.s}.${c.ms}000Z 0 [${level}] [${code}] [Server] ${text}\n`);
  };
  note('Note', `Entrypoint script for MySQL Server ${MYSQL_VERSION} started.`);
  note('Note', "Switching to dedicated user 'mysql'");
  note('Note', `Entrypoint script for MySQL Server ${MYSQL_VERSION} started.`);
  if (!ctx.fs.has('/var/lib/mysql/mysql.ibd')) {
    if (!ctx.env.get('MYSQL_ROOT_PASSWORD') && !ctx.env.get('MYSQL_ALLOW_EMPTY_PASSWORD') && !ctx.env.get('MYSQL_RANDOM_ROOT_PASSWORD')) {
      note('ERROR', 'Database is uninitialized and password option is not specified\n    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD', true);
      return 1;
    }
    note('Note', 'Initializing database files');
    yield { kind: 'sleep', ms: MYSQL_INIT_MS / 2 };
    note('Note', 'Database files initialized');
    note('Note', 'Starting temporary server');
    note('Note', 'Temporary server started.');
    yield { kind: 'sleep', ms: MYSQL_INIT_MS / 2 };
    note('Note', 'Stopping temporary server');
    note('Note', 'Temporary server stopped');
    io.out('\n');
    note('Note', 'MySQL init process done. Ready for start up.');
    io.out('\n');
    ctx.fs.set('/var/lib/mysql/mysql.ibd', '');
  }
  server('System', 'MY-015015', 'MySQL Server - start.');
  server('System', 'MY-010116', `/usr/sbin/mysqld (mysqld ${MYSQL_VERSION.split('-')[0]}) starting as process 1`);
  server('System', 'MY-010931', `/usr/sbin/mysqld: ready for connections. Version: '${MYSQL_VERSION.split('-')[0]}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`);
  server('System', 'MY-011323', 'X Plugin ready for connections. Bind-address: \'::\' port: 33060, socket: /var/run/mysqld/mysqlx.sock');
  ctx.fs.set('/var/run/mysqld/mysqld.sock', '');
  ctx.listen(3306, () => answer(400, ''));
  ctx.listen(33060, () => answer(400, ''));
  ctx.onSignal(15, () => {
    server('System', 'MY-013172', `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${MYSQL_VERSION.split('-')[0]}).`);
    server('System', 'MY-010910', `/usr/sbin/mysqld: Shutdown complete (mysqld ${MYSQL_VERSION.split('-')[0]})  MySQL Community Server - GPL.`);
    ctx.fs.delete('/var/run/mysqld/mysqld.sock');
    return { exitAfterMs: 500, exitCode: 0 };
  });
  yield { kind: 'forever' };
  return 0;
};

/** `mysqladmin ping`: the usual exec probe of mysql. */
const mysqladmin = instant((argv, io, ctx) => {
  if (!argv.includes('ping')) return 0;
  if (ctx.fs.has('/var/run/mysqld/mysqld.sock')) {
    io.out('mysqld is alive\n');
    return 0;
  }
  io.err("mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'\nCheck that mysqld is running and that the socket: '/var/run/mysqld/mysqld.sock' exists!\n");
  return 1;
});

// ---------------------------------------------------------------------------------------------
// curlimages/curl 8.11.0: entrypoint.sh prepends `curl` to flags and to what is not a command.

const curlEntrypoint: Program = function* (argv, io, ctx) {
  let args = argv.slice(1);
  if (args[0] === undefined || args[0].startsWith('-') || !lookupProgram(ctx, args[0])) args = ['curl', ...args];
  return yield* execArgs(args, io, ctx, (n) => `/entrypoint.sh: exec: line 11: ${n}: not found\n`);
};


// ---------------------------------------------------------------------------------------------
// The table.

/** Catalog rows by repository, merged into IMAGE_BEHAVIOURS by behaviours.ts. */
export const CATALOG: ReadonlyMap<string, ImageBehaviour> = new Map<string, ImageBehaviour>([
  ['docker.io/library/nginx', {
    entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], sizeBytes: 72_955_450, tags: NGINX_TAGS,
    programs: { ...DEBIAN, ...at('/docker-entrypoint.sh', nginxEntrypoint), ...at('/usr/sbin/nginx', nginx), 'nginx-debug': nginx },
    files: { [`${NGINX_ROOT}/index.html`]: NGINX_WELCOME, [`${NGINX_ROOT}/50x.html`]: NGINX_50X },
  }],
  ['docker.io/library/httpd', {
    cmd: ['httpd-foreground'], sizeBytes: 58_246_102,
    tags: ['latest', '2', '2.4', '2.4.57', '2.4.58', '2.4.59', '2.4.60', '2.4.61', '2.4.62', '2.4.63', '2.4-alpine', '2.4.62-alpine', 'alpine', 'bookworm', '2.4-bookworm', '2.4.62-bookworm'],
    programs: { ...DEBIAN, ...at('/usr/local/bin/httpd-foreground', httpd), httpd },
    files: { '/usr/local/apache2/htdocs/index.html': HTTPD_IT_WORKS },
  }],
  ['docker.io/traefik/whoami', {
    entrypoint: ['/whoami'], sizeBytes: 3_239_861,
    tags: ['latest', 'v1.10', 'v1.10.0', 'v1.10.1', 'v1.10.2', 'v1.10.3', 'v1.9.0', 'v1.8.7', 'v1.8.1', 'v1.7.1', 'v1.6.1'],
    programs: at('/whoami', traefikWhoami),
  }],
  ['docker.io/jwilder/whoami', {
    cmd: ['/app/http'], sizeBytes: 4_211_206, tags: ['latest'],
    programs: { ...BUSYBOX, ...at('/app/http', jwilderWhoami) },
  }],
  ['docker.io/hashicorp/http-echo', {
    entrypoint: ['/http-echo'], sizeBytes: 3_672_915,
    tags: ['latest', '1.0', '1.0.0', '0.2.3', '0.2.1', '0.2.0', '0.1.0', '1.0.0-alpine', 'alpine'],
    programs: at('/http-echo', httpEcho),
  }],
  ['registry.k8s.io/liveness', { sizeBytes: 2_395_423, tags: ['latest'], programs: at('/server', livenessServer) }],
  ['registry.k8s.io/e2e-test-images/agnhost', {
    entrypoint: ['/agnhost'], cmd: ['pause'], sizeBytes: 51_524_171,
    tags: ['2.32', '2.33', '2.36', '2.39', '2.40', '2.43', '2.45', '2.47', '2.48', '2.52', '2.53'],
    programs: { ...BUSYBOX, ...at('/agnhost', agnhost) },
  }],
  ['registry.k8s.io/goproxy', { entrypoint: ['/goproxy'], sizeBytes: 2_489_870, tags: ['0.1'], programs: at('/goproxy', goproxy) }],
  ['docker.io/library/redis', {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], sizeBytes: 45_208_314,
    tags: ['latest', '7', '7.4', '7.4.0', '7.4.1', '7.4.2', '7.2', '7.2.5', '7.2.6', '7.0', '7.0.15', '6', '6.2', '6.2.16', '5', '5.0.14',
      'alpine', '7-alpine', '7.4-alpine', '7.4.1-alpine', '7.2-alpine', '6.2-alpine', 'bookworm', '7.4-bookworm', '7.4.1-bookworm'],
    programs: { ...DEBIAN, ...at('/usr/local/bin/docker-entrypoint.sh', redisEntrypoint), ...at('/usr/local/bin/redis-server', redisServer), ...at('/usr/local/bin/redis-cli', redisCli) },
  }],
  ['docker.io/library/postgres', {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], sizeBytes: 153_986_502,
    tags: ['latest', '17', '17.0', '17.1', '17.2', '16', '16.4', '16.5', '16.6', '15', '15.8', '15.10', '14', '14.15', '13', '13.18', '12', '12.22', '12.4',
      'alpine', '17-alpine', '17.2-alpine', '16-alpine', '16.6-alpine', '15-alpine', '14-alpine', 'bookworm', '17-bookworm', '16-bookworm'],
    programs: { ...DEBIAN, ...at('/usr/local/bin/docker-entrypoint.sh', postgresEntrypoint), ...at('/usr/lib/postgresql/17/bin/pg_isready', pgIsReady) },
  }],
  ['docker.io/library/mysql', {
    entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], sizeBytes: 170_861_127,
    tags: ['latest', '9', '9.0', '9.0.1', '9.1', '9.1.0', 'innovation', 'lts', '8', '8.4', '8.4.2', '8.4.3', '8.0', '8.0.39', '8.0.40', '5.7', '5.7.44', '5.6', '5.6.51', 'oraclelinux9', '8.0-debian'],
    programs: { ...DEBIAN, ...at('/usr/local/bin/docker-entrypoint.sh', mysqlEntrypoint), ...at('/usr/bin/mysqladmin', mysqladmin) },
  }],
  ['docker.io/library/busybox', {
    cmd: ['sh'], sizeBytes: 2_155_183,
    tags: ['latest', 'stable', 'musl', 'glibc', 'uclibc', '1', '1.28', '1.28.0', '1.28.1', '1.28.2', '1.28.3', '1.28.4', '1.29', '1.29.3', '1.30', '1.30.1',
      '1.31', '1.31.1', '1.32', '1.32.1', '1.33', '1.33.1', '1.34', '1.34.1', '1.35', '1.35.0', '1.36', '1.36.0', '1.36.1', '1.36-musl', '1.36.1-musl', '1.36-glibc', '1.36.1-glibc', '1.36-uclibc', '1.37', '1.37.0'],
    programs: BUSYBOX,
  }],
  // The docs' older examples: registry.k8s.io/busybox is busybox 1.24.
  ['registry.k8s.io/busybox', { cmd: ['sh'], sizeBytes: 676_379, tags: ['latest', '1.24', '1.27', '1.27.2'], programs: BUSYBOX }],
  ['docker.io/library/alpine', {
    cmd: ['/bin/sh'], sizeBytes: 3_623_807,
    tags: ['latest', 'edge', '3', '3.21', '3.21.0', '3.20', '3.20.0', '3.20.1', '3.20.2', '3.20.3', '3.19', '3.19.4', '3.18', '3.18.9', '3.17', '3.17.10', '3.16', '3.16.9', '3.15', '3.14'],
    programs: BUSYBOX,
  }],
  // An Alpine image with stress 1.0.4 built in; the kubernetes.io memory task names it with no tag.
  ['docker.io/polinux/stress', { cmd: ['stress'], sizeBytes: 4_020_385, tags: ['latest', '1.0.4'], programs: { ...BUSYBOX, ...at('/usr/local/bin/stress', stress) } }],
  ['docker.io/curlimages/curl', {
    entrypoint: ['/entrypoint.sh'], cmd: ['curl'], sizeBytes: 10_719_231,
    tags: ['latest', '8.11.0', '8.10.1', '8.10.0', '8.9.1', '8.9.0', '8.8.0', '8.7.1', '8.6.0', '8.5.0', '8.4.0', '8.1.2', '7.85.0', '7.72.0'],
    programs: { ...BUSYBOX, ...at('/entrypoint.sh', curlEntrypoint), ...at('/usr/bin/curl', curl) },
  }],
  ['registry.k8s.io/pause', {
    entrypoint: ['/pause'], sizeBytes: 320_368,
    tags: ['3.10', '3.9', '3.8', '3.7', '3.6', '3.5', '3.4.1', '3.3', '3.2', '3.1', 'latest'],
    programs: at('/pause', pause),
  }],
]);
