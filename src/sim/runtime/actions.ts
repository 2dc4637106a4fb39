/**
 * Probe and hook actions against a container's network side, worded as the kubelet's probers
 * word their output (v1.31):
 * - httpGet: pkg/probe/http/http.go `DoHTTPProbe` (Go's `url.Error`: `Get "URL": <cause>`;
 *   `HTTP probe failed with statuscode: N`); the URL as prober.go `formatURL` builds it.
 * - tcpSocket: pkg/probe/tcp/tcp.go `DoTCPProbe` (`dial tcp H:P: connect: connection refused`).
 * - grpc: pkg/probe/grpc/grpc.go (a blocking dial that never succeeds ends at the timeout:
 *   `timeout: failed to connect service "H:P" within 1s: context deadline exceeded`).
 * - named ports: pkg/probe/util.go `ResolveContainerPort` (the kubelet resolves names it knows
 *   from the spec; a name that reaches the runtime fails as strconv.Atoi does there).
 */
import type { HttpHandler, HttpRequestInfo } from './proc.ts';
import type { ActionResult } from './types.ts';

/** Latencies on the pod network (a SYN answered by RST, a TCP handshake). */
export const CONNECT_REFUSED_MS = 1;
export const TCP_CONNECT_MS = 1;

/** What an action can reach: the container's pod IP and what listens there. */
export interface NetworkTarget {
  podIP: string;
  listener(port: number): HttpHandler | undefined;
}

export interface Timed {
  delayMs: number;
  result: ActionResult;
}

export function resolvePort(port: number | string): { port: number } | { error: string } {
  const n = typeof port === 'number' ? port : /^[+-]?\d+$/.test(port) ? Number(port) : NaN;
  if (Number.isNaN(n)) return { error: `strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax` };
  if (n > 0 && n < 65536) return { port: n };
  return { error: `invalid port number: ${n}` };
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** A host the simulation serves: the pod itself (the kubelet's default host is the pod IP). */
function served(target: NetworkTarget, host: string | undefined): boolean {
  return host === undefined || host === '' || host === target.podIP;
}

/**
 * The request the prober sends (pkg/probe/http/request.go newProbeRequest): the spec's
 * httpHeaders, `User-Agent: kube-probe/1.31` (hooks: `kube-lifecycle/1.31`) and an Accept of any
 * type unless given (an empty Accept removes it), `Connection: close` from the transport's
 * DisableKeepAlives; Host is the URL's host:port unless a Host header is given. It comes from the
 * node, which reaches its pods through the bridge (cni0: the pod subnet's .1 with flannel).
 */
function probeRequest(target: NetworkTarget, hostPort: string, specHeaders: { name: string; value: string }[], isProbe: boolean): HttpRequestInfo {
  const canonical = (n: string) => n.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  const headers: [string, string][] = specHeaders.map((h) => [canonical(h.name), h.value]);
  const has = (n: string) => headers.some(([k]) => k === n);
  if (!has('User-Agent')) headers.push(['User-Agent', `kube-${isProbe ? 'probe' : 'lifecycle'}/1.31`]);
  if (!has('Accept')) headers.push(['Accept', '*/*']);
  const hostHeader = headers.find(([k]) => k === 'Host')?.[1];
  const kept = headers.filter(([k, v]) => k !== 'Host' && !(k === 'Accept' && v === ''));
  kept.push(['Connection', 'close']);
  return { host: hostHeader || hostPort, headers: kept, remoteIP: target.podIP.replace(/\.\d+$/, '.1') };
}

/** httpGet; `checkStatus` false for lifecycle hooks, whose runner ignores the status (lifecycle/handlers.go). */
export function httpGet(
  target: NetworkTarget,
  a: { path?: string; port: number | string; host?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] },
  timeoutMs: number | undefined,
  checkStatus: boolean,
): Timed {
  const resolved = resolvePort(a.port);
  if ('error' in resolved) return { delayMs: 0, result: { ok: false, output: resolved.error } };
  const host = a.host || target.podIP;
  const scheme = (a.scheme || 'HTTP').toLowerCase();
  const path = a.path ? (a.path.startsWith('/') ? a.path : `/${a.path}`) : '/';
  const hostPort = joinHostPort(host, resolved.port);
  const url = `${scheme}://${hostPort}${path}`;
  const handler = served(target, a.host) ? target.listener(resolved.port) : undefined;
  if (!handler) return { delayMs: CONNECT_REFUSED_MS, result: { ok: false, output: `Get "${url}": dial tcp ${hostPort}: connect: connection refused` } };
  const answer = handler(path, probeRequest(target, hostPort, a.httpHeaders ?? [], checkStatus));
  if (timeoutMs !== undefined && answer.delayMs > timeoutMs) {
    return { delayMs: timeoutMs, result: { ok: false, output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` } };
  }
  if (scheme === 'https') return { delayMs: answer.delayMs, result: { ok: false, output: `Get "${url}": http: server gave HTTP response to HTTPS client` } };
  if (!checkStatus || (answer.status >= 200 && answer.status < 400)) return { delayMs: answer.delayMs, result: { ok: true, output: '' } };
  return { delayMs: answer.delayMs, result: { ok: false, output: `HTTP probe failed with statuscode: ${answer.status}` } };
}

export function tcpSocket(target: NetworkTarget, a: { port: number | string; host?: string }): Timed {
  const resolved = resolvePort(a.port);
  if ('error' in resolved) return { delayMs: 0, result: { ok: false, output: resolved.error } };
  const hostPort = joinHostPort(a.host || target.podIP, resolved.port);
  if (served(target, a.host) && target.listener(resolved.port)) return { delayMs: TCP_CONNECT_MS, result: { ok: true, output: '' } };
  return { delayMs: CONNECT_REFUSED_MS, result: { ok: false, output: `dial tcp ${hostPort}: connect: connection refused` } };
}

/** No simulated process serves the gRPC health protocol yet, so the blocking dial runs into the timeout. */
export function grpc(target: NetworkTarget, a: { port: number }, timeoutMs: number): Timed {
  const addr = joinHostPort(target.podIP, a.port);
  return { delayMs: timeoutMs, result: { ok: false, output: `timeout: failed to connect service "${addr}" within ${goDuration(timeoutMs)}: context deadline exceeded` } };
}

/** Go's time.Duration String for whole milliseconds: `500ms`, `1s`, `1.5s`, `1m30s`, `1h0m0s`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${s}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
