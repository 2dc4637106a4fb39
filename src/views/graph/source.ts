/**
 * Where a request starts on the graph. kube-proxy's `LoadBalance` entry names the client by its
 * address (`data.client`): a Pod's IP, or a node's own address (the node shell, a hostNetwork Pod,
 * or a Pod's packet masqueraded to its node on the way to another node's NodePort). Pure functions
 * over the summary and the edge's path, so the request overlay stays a thin imperative shell.
 */
import type { NodeSummary, PodSummary } from '../../worker/protocol.ts';
import { nodeGroupId, podId } from './layout.ts';

/**
 * The graph id of the card a request from `client` starts at, or null when no card has that address.
 * A node's address wins over a Pod's: hostNetwork Pods share it, and the node is what they all have
 * in common. Among Pods, one still running is preferred: a finished Pod's summary can keep the IP
 * its successor has been given.
 */
export function clientCardId(client: string, pods: readonly PodSummary[], nodes: readonly NodeSummary[]): string | null {
  if (client === '') return null;
  const node = nodes.find((n) => n.internalIP === client);
  if (node) return nodeGroupId(node.name);
  const candidates = pods.filter((p) => p.podIP === client);
  const pod = candidates.find((p) => p.phase === 'Running' && !p.terminating) ?? candidates.find((p) => p.phase === 'Running') ?? candidates[0];
  return pod ? podId(pod) : null;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * The path a request's dot follows: a straight leg from `from` (the client card's centre) to where
 * the endpoint edge leaves the Service, then the edge itself to the chosen Pod. React Flow's edge
 * paths start with an absolute `M x,y`; the leg replaces that move with a line to the same point.
 * With no source to start from, the edge's path alone.
 */
export function requestPath(from: Point | null, edgePath: string): string {
  const trimmed = edgePath.trimStart();
  if (from === null || !trimmed.startsWith('M')) return edgePath;
  return `M${round(from.x)},${round(from.y)} L${trimmed.slice(1)}`;
}

const round = (n: number): number => Math.round(n * 10) / 10;
