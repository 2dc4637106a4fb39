/**
 * The traffic generator behind `cluster.traffic()` (the headless API): N HTTP GETs from a source (a
 * node, or a Pod) to a target at a fixed rate of virtual time, so a person can watch the load
 * balancing build up. Each request goes the way `curl` from there goes (network.ts): the Pod's
 * resolver (its /etc/resolv.conf per dnsPolicy) or the node's, kube-proxy's rules on the source node
 * (whose `LoadBalance` / `Reject` / `Drop` entry holds the rules walked, each draw and the response),
 * flannel to another node, the container that answers. The generator adds one `Request` entry per
 * request (source `traffic/<id>`) with what came back, also for targets no Service stands in front of.
 *
 * Open loop: requests are sent on schedule whether or not earlier ones were answered, as many
 * concurrent clients would; nothing waits for a timeout.
 */
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { AgendaEntry } from '../kernel/agenda.ts';
import { resolvConf } from '../kubelet/podfiles.ts';
import type { NetSource } from '../runtime/runtime.ts';
import { parseUrl } from './commands.ts';
import { CONNECT_TIMEOUT_MS, type Hop, type Network } from './network.ts';

const PODS = preferredResourceForKind('Pod')!;
const NODES = preferredResourceForKind('Node')!;

/** Caps (STYLE.md §9): a run sends at most this many requests, at most this fast. */
export const TRAFFIC_MAX_COUNT = 100_000;
export const TRAFFIC_MAX_RATE_PER_SECOND = 1000;
/** Runs kept per cluster; each holds its results. */
export const TRAFFIC_MAX_RUNS = 100;

export interface TrafficOptions {
  /** A node (requests as from its shell), or a Pod: `name` or `namespace/name` (default namespace `default`). */
  from: { node: string } | { pod: string };
  /** `http://host[:port][/path]` or `host[:port][/path]`: a Service name (from a Pod), a ClusterIP, a Pod IP, a node IP and NodePort, a LoadBalancer IP. */
  to: string;
  /** How many requests (1 to 100,000). */
  count: number;
  /** Requests per virtual second (over 0, at most 1,000). The first is sent at once, the others every 1/rate s. */
  ratePerSecond: number;
  /** Give up on a request after this long, as `curl -m` (default: the kernel's connect timeout, 127 s). */
  timeoutSeconds?: number;
}

export interface TrafficResult {
  /** Virtual seconds when the request was sent. */
  t: number;
  /** 0-based position in the run. */
  seq: number;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** What went wrong otherwise: the wording of curl's errors. */
  error?: 'source not running' | 'could not resolve host' | 'connection refused' | 'timed out';
  /** The address that answered (after kube-proxy's DNAT) and, when it is a Pod, `namespace/name` and its node. */
  endpoint?: string;
  pod?: string;
  node?: string;
  /** DNS, connect and answer, in virtual milliseconds (the request's own clock: nothing waits for it). */
  latencyMs: number;
  /** The hops between nodes (flannel's VXLAN leg when the answering Pod is on another node). */
  hops: Hop[];
}

export interface TrafficRun {
  readonly id: string;
  /** Requests sent so far. */
  sent(): number;
  /** One result per request sent, in order. */
  results(): TrafficResult[];
  /** Sends no more requests. */
  stop(): void;
}

export class TrafficGenerator {
  private runs = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly network: Network,
  ) {}

  /** Starts a run; throws (as the headless API's other inputs do) on options outside the caps. */
  start(opts: TrafficOptions): TrafficRun {
    if (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > TRAFFIC_MAX_COUNT) throw new Error(`traffic: count must be an integer from 1 to ${TRAFFIC_MAX_COUNT}, got ${opts.count}`);
    if (!Number.isFinite(opts.ratePerSecond) || opts.ratePerSecond <= 0 || opts.ratePerSecond > TRAFFIC_MAX_RATE_PER_SECOND) throw new Error(`traffic: ratePerSecond must be over 0 and at most ${TRAFFIC_MAX_RATE_PER_SECOND}, got ${opts.ratePerSecond}`);
    if (opts.timeoutSeconds !== undefined && !(opts.timeoutSeconds > 0)) throw new Error(`traffic: timeoutSeconds must be over 0, got ${opts.timeoutSeconds}`);
    const url = parseUrl(opts.to);
    if (!url || url.scheme !== 'http') throw new Error(`traffic: to must be an http URL or host[:port], got "${opts.to}"`);
    if ('node' in opts.from && !this.store.get(NODES, '', opts.from.node)) throw new Error(`traffic: no node "${opts.from.node}"`);
    if (this.runs >= TRAFFIC_MAX_RUNS) throw new Error(`traffic: at most ${TRAFFIC_MAX_RUNS} runs per cluster`);
    const id = `t${++this.runs}`;
    const from = opts.from;
    const label = 'node' in from ? `node/${from.node}` : `pod/${podKey(from.pod).join('/')}`;
    const timeoutMs = opts.timeoutSeconds !== undefined ? Math.round(opts.timeoutSeconds * 1000) : CONNECT_TIMEOUT_MS;
    const startMs = this.kernel.nowMs;
    const results: TrafficResult[] = [];
    let pending: AgendaEntry | undefined;
    let stopped = false;
    const send = (seq: number) => {
      pending = undefined;
      const r = this.request(from, url, timeoutMs, seq);
      results.push(r);
      const outcome = r.status !== undefined ? `HTTP ${r.status}${r.pod ? ` from ${r.pod}` : r.endpoint ? ` from ${r.endpoint}` : ''}` : r.error!;
      this.kernel.record({
        source: `traffic/${id}`, type: 'decision', reason: 'Request',
        message: `${label} → ${opts.to} #${seq + 1}/${opts.count}: ${outcome} (${r.latencyMs} ms)`,
        data: { run: id, from: label, to: opts.to, ...r },
      });
      if (seq + 1 < opts.count && !stopped) {
        const atMs = startMs + Math.round(((seq + 1) * 1000) / opts.ratePerSecond);
        pending = this.kernel.after(atMs - this.kernel.nowMs, `traffic ${id}`, () => send(seq + 1));
      }
    };
    pending = this.kernel.after(0, `traffic ${id}`, () => send(0));
    this.kernel.settle();
    return {
      id,
      sent: () => results.length,
      results: () => results.slice(),
      stop: () => {
        stopped = true;
        if (pending) this.kernel.agenda.cancel(pending);
        pending = undefined;
      },
    };
  }

  private request(from: TrafficOptions['from'], url: NonNullable<ReturnType<typeof parseUrl>>, timeoutMs: number, seq: number): TrafficResult {
    const t = this.kernel.nowSeconds;
    const source = this.source(from);
    if (!source) return { t, seq, error: 'source not running', latencyMs: 0, hops: [] };
    const net = this.network.attach(source);
    const found = net.lookup(url.host);
    const ip = found.addresses[0];
    if (ip === undefined) return { t, seq, error: 'could not resolve host', latencyMs: found.delayMs, hops: [] };
    // curl 8.11's request: Host, User-Agent, Accept (commands.ts), so servers that echo it show the same.
    const x = this.network.exchange(source, ip, url.port, url.path, timeoutMs, { host: url.hostHeader, headers: [['User-Agent', 'curl/8.11.0'], ['Accept', '*/*']] });
    const latencyMs = found.delayMs + x.result.delayMs;
    const served = x.served ? this.describe(`${x.served.ip}:${x.served.port}`) : {};
    if (x.result.kind === 'answer') return { t, seq, status: x.result.status, ...served, latencyMs, hops: x.hops };
    return { t, seq, error: x.result.kind === 'refused' ? 'connection refused' : 'timed out', ...served, latencyMs, hops: x.hops };
  }

  /** The source as the network sees it now: a node's address and resolver, or a Running Pod's. */
  private source(from: TrafficOptions['from']): NetSource | undefined {
    if ('node' in from) {
      const node = this.store.get(NODES, '', from.node);
      const ip = ((node?.status?.addresses ?? []) as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address;
      // A node's resolver is the kind network's, which knows no Service names (nodeshell.ts).
      return ip ? { node: from.node, podIP: ip, namespace: 'default', fs: new Map([['/etc/resolv.conf', 'nameserver 172.18.0.1\n']]) } : undefined;
    }
    const [namespace, name] = podKey(from.pod);
    const pod = this.store.get(PODS, namespace, name);
    if (!pod || pod.status?.phase !== 'Running' || !pod.status?.podIP || !pod.spec?.nodeName) return undefined;
    return { node: pod.spec.nodeName, podIP: pod.status.podIP, namespace, fs: new Map([['/etc/resolv.conf', resolvConf(pod)]]) };
  }

  private describe(endpoint: string): Pick<TrafficResult, 'endpoint' | 'pod' | 'node'> {
    const ip = endpoint.split(':')[0];
    const pod = this.store.list(PODS).find((p) => p.status?.podIP === ip && p.status?.phase === 'Running' && !p.spec?.hostNetwork);
    return pod ? { endpoint, pod: `${pod.metadata.namespace}/${pod.metadata.name}`, node: pod.spec.nodeName } : { endpoint };
  }
}

function podKey(ref: string): [string, string] {
  const slash = ref.indexOf('/');
  return slash > 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : ['default', ref];
}
