/**
 * The inspector's selection as links and URL parameters carry it: `pods/default/web`,
 * `nodes/worker-1`, `services/default/web`, `deployments/default/web` (resource/namespace/name,
 * or resource/name for cluster-scoped kinds).
 */
import type { GraphSelection } from '../store/graphSlice.ts';

const KINDS: Record<string, string> = {
  pods: 'Pod',
  nodes: 'Node',
  services: 'Service',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
};

export function selectionFromPath(path: string): GraphSelection | null {
  const parts = path.split('/');
  const kind = KINDS[parts[0] ?? ''];
  if (!kind) return null;
  if (kind === 'Node') return parts.length === 2 && parts[1] ? { kind, namespace: '', name: parts[1] } : null;
  return parts.length === 3 && parts[1] && parts[2] ? { kind, namespace: parts[1], name: parts[2] } : null;
}

export function selectionToPath(selection: GraphSelection): string | undefined {
  const resource = Object.keys(KINDS).find((r) => KINDS[r] === selection.kind);
  if (!resource) return undefined;
  return selection.namespace ? `${resource}/${selection.namespace}/${selection.name}` : `${resource}/${selection.name}`;
}
