/**
 * Turning `get`/`describe`/`delete` arguments into resources and names, as kubectl's resource
 * builder does: `pods`, `pods,svc`, `pod/nginx svc/web`, `pod nginx web`, `all`.
 */
import { resolveResource, RESOURCES, type ResourceInfo } from '../api/resources.ts';
import { KubectlError } from './errors.ts';

export interface Selection {
  info: ResourceInfo;
  /** Names asked for; empty means "all that match". */
  names: string[];
}

/** The `all` category: what `kubectl get all` lists, in its order. */
const ALL_CATEGORY = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs'];

export class UnknownResourceError extends KubectlError {}

export function resolveArgs(args: string[]): { selections: Selection[]; multiType: boolean } {
  if (args.length === 0) return { selections: [], multiType: false };
  if (args.some((a) => a.includes('/'))) {
    const selections: Selection[] = [];
    for (const arg of args) {
      const slash = arg.indexOf('/');
      if (slash < 0) throw new KubectlError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const info = lookup(arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      const existing = selections.find((s) => s.info === info);
      if (existing) existing.names.push(name);
      else selections.push({ info, names: [name] });
    }
    return { selections, multiType: true };
  }
  const types = args[0]!.split(',').filter((t) => t !== '');
  const infos: ResourceInfo[] = [];
  for (const t of types) {
    if (t.toLowerCase() === 'all') {
      for (const r of ALL_CATEGORY) infos.push(RESOURCES.find((x) => x.resource === r)!);
    } else {
      infos.push(lookup(t));
    }
  }
  const names = args.slice(1);
  if (names.length > 0 && infos.length > 1) throw new KubectlError('arguments in resource/name form must have a single resource and name');
  return { selections: infos.map((info) => ({ info, names: [...names] })), multiType: infos.length > 1 || types.some((t) => t.toLowerCase() === 'all') };
}

function lookup(typed: string): ResourceInfo {
  const info = resolveResource(typed);
  if (!info) throw new UnknownResourceError(`the server doesn't have a resource type "${typed}"`);
  return info;
}
