/** `kubectl version`, `kubectl cluster-info`, `kubectl api-resources`. */
import { apiVersionOf, RESOURCES } from '../api/resources.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import { KUBERNETES_VERSION } from '../cluster/nodes.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type ParsedFlags } from './flags.ts';
import { GET_TABWRITER, tabwrite } from './printers/index.ts';

/** kubectl v1.31 embeds kustomize v5.4.2. */
const KUSTOMIZE_VERSION = 'v5.4.2';

export function runVersion(flags: ParsedFlags, out: Output): void {
  const output = flagString(flags, 'output');
  if (flags.values.has('client') && flagString(flags, 'client') !== 'false') {
    out.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    return;
  }
  // The JSON/YAML forms carry build metadata (gitCommit, buildDate) that the playground would have to invent.
  if (output !== '') throw new KubectlError(`--output ${output} is not available in Kubeplay; kubectl version prints the plain form`);
  out.out(`Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\nServer Version: ${KUBERNETES_VERSION}\n`);
}

export function runClusterInfo(ctx: KubectlContext, out: Output): void {
  const svc = ctx.store.peek(preferredResourceForKind('Endpoints')!, 'default', 'kubernetes');
  const ip = (svc?.subsets as { addresses: { ip: string }[] }[] | undefined)?.[0]?.addresses[0]?.ip ?? '127.0.0.1';
  const server = `https://${ip}:6443`;
  let text = `Kubernetes control plane is running at ${server}\n`;
  for (const s of ctx.store.list(preferredResourceForKind('Service')!, 'kube-system')) {
    if (s.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
    const name = s.metadata.labels['kubernetes.io/name'] ?? s.metadata.name;
    const port = s.spec?.ports?.[0];
    const portName = port?.name ? `:${port.name}` : '';
    text += `${name} is running at ${server}/api/v1/namespaces/kube-system/services/${s.metadata.name}${portName}/proxy\n`;
  }
  text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  out.out(text);
}

export function runApiResources(flags: ParsedFlags, out: Output): void {
  const output = flagString(flags, 'output');
  if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`--output ${output} is not available`);
  const sortBy = flagString(flags, 'sort-by');
  if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError(`--sort-by accepts only name or kind`);
  let rows = [...RESOURCES].sort((a, b) => groupRank(a.group) - groupRank(b.group) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || (a.resource < b.resource ? -1 : 1));
  // The filters of APIResourceOptions.RunAPIResources.
  if (hasFlag(flags, 'api-group')) rows = rows.filter((r) => r.group === flagString(flags, 'api-group'));
  if (hasFlag(flags, 'namespaced')) {
    const want = flagString(flags, 'namespaced');
    if (!['true', 'false'].includes(want)) throw new KubectlError(`invalid argument "${want}" for "--namespaced" flag: strconv.ParseBool: parsing "${want}": invalid syntax`);
    rows = rows.filter((r) => String(r.namespaced) === want);
  }
  const verbs = flagString(flags, 'verbs').split(',').filter((v) => v !== '');
  if (verbs.length > 0) rows = rows.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  if (sortBy === 'name') rows.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  if (sortBy === 'kind') rows.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  if (output === 'name') {
    for (const r of rows) out.out(`${r.resource}${r.group ? `.${r.group}` : ''}\n`);
    return;
  }
  const wide = output === 'wide';
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
  // kubectl v1.31.9 joins verbs with commas in -o wide.
  const body = rows.map((r) => [r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind, ...(wide ? [r.verbs.join(','), ALL_CATEGORY.has(r.resource) ? 'all' : ''] : [])]);
  const lines = flagBool(flags, 'no-headers') ? body : [header, ...body];
  if (lines.length > 0) out.out(tabwrite(lines.map((l) => `${l.join('\t')}\n`).join(''), GET_TABWRITER));
}

const ALL_CATEGORY = new Set(['pods', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'jobs']);

/** Discovery lists the legacy core group first, then groups by their priority; alphabetical is close enough among the few served here. */
function groupRank(group: string): number {
  return group === '' ? 0 : 1;
}
