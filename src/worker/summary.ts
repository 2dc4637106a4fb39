/**
 * Reduces a cluster snapshot to the compact, plain summary the page renders. Pure, so the
 * worker stays a thin shell and this can be tested in Node.
 */
import type { ClusterSnapshot, KubeObject } from '../sim/index.ts';
import type { ClusterSummary, NodeSummary, PodSummary } from './protocol.ts';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';

export function summarize(snapshot: ClusterSnapshot): ClusterSummary {
  const counts: Record<string, number> = {};
  for (const [resource, list] of Object.entries(snapshot.objects)) counts[resource] = list.length;
  return {
    pods: (snapshot.objects['pods'] ?? []).map(podSummary),
    nodes: (snapshot.objects['nodes'] ?? []).map(nodeSummary),
    counts,
  };
}

function podSummary(pod: KubeObject): PodSummary {
  const phase: unknown = pod.status?.phase;
  const nodeName: unknown = pod.spec?.nodeName;
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    phase: typeof phase === 'string' && phase !== '' ? phase : 'Pending',
    nodeName: typeof nodeName === 'string' && nodeName !== '' ? nodeName : null,
    terminating: pod.metadata.deletionTimestamp !== undefined,
  };
}

function nodeSummary(node: KubeObject): NodeSummary {
  const conditions: unknown = node.status?.conditions;
  const ready =
    Array.isArray(conditions) &&
    conditions.some((c: { type?: unknown; status?: unknown }) => c.type === 'Ready' && c.status === 'True');
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((key) => key.startsWith(ROLE_LABEL_PREFIX) && key.length > ROLE_LABEL_PREFIX.length)
    .map((key) => key.slice(ROLE_LABEL_PREFIX.length))
    .sort();
  return { name: node.metadata.name, ready, roles };
}
