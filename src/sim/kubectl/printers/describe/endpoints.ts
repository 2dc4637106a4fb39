import type { KubeObject } from '../../../api/types.ts';
import { describeEvents, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/**
 * formatEndpointSlices (kubectl/pkg/describe/describe.go, v1.31), which `describe service` prints
 * each port's Endpoints line with: the slices in list order, for each of their ports with the
 * port's name, every ready endpoint's first address with that port; at most three, then
 * ` + N more...`. `names` undefined means every port.
 */
export function formatEndpointSlices(slices: readonly KubeObject[], names: ReadonlySet<string> | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const ready = (e: Json) => e.conditions?.ready === undefined || e.conditions.ready === true;
  for (const slice of slices as Json[]) {
    const endpoints: Json[] = slice.endpoints ?? [];
    const ports: Json[] = slice.ports ?? [];
    if (ports.length === 0) {
      // Headless services may have no ports.
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if (names && !names.has(port.name ?? '')) continue;
      for (const e of endpoints) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(`${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** describeEndpoints: one block per subset, in the object's order. */
export function describeEndpoints(ep: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', ep.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(LEVEL_0, 'Subsets:\n');
  for (const subset of ((ep as Json).subsets ?? []) as Json[]) {
    const addresses = (subset.addresses ?? []).map((a: Json) => a.ip).join(',');
    w.write(LEVEL_1, `Addresses:\t${addresses || '<none>'}\n`);
    const notReady = (subset.notReadyAddresses ?? []).map((a: Json) => a.ip).join(',');
    w.write(LEVEL_1, `NotReadyAddresses:\t${notReady || '<none>'}\n`);
    const ports: Json[] = subset.ports ?? [];
    if (ports.length > 0) {
      w.write(LEVEL_1, 'Ports:\n');
      w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_2, '----\t----\t--------\n');
      for (const p of ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(LEVEL_0, '\n');
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

/**
 * describeServiceAccount: the three secret lists under fixed-width headers, in the sorted order of
 * those headers; token Secrets are the service-account-token Secrets annotated with this account's
 * name and uid; a referenced Secret that does not exist is marked `(not found)`.
 */
export function describeServiceAccount(sa: KubeObject, secrets: readonly KubeObject[], events: readonly KubeObject[], nowUnixMs: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', sa.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter(
    (s) =>
      (s as Json).type === 'kubernetes.io/service-account-token' &&
      s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name &&
      s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
  );
  const names = (list: Json[] | undefined) => (list ?? []).map((r) => String(r.name));
  const pull = names((sa as Json).imagePullSecrets);
  const mount = names((sa as Json).secrets);
  const missing = new Set([...mount, ...pull].filter((n) => !existing.has(n)));
  const empty = '                   ';
  // sets.StringKeySet(types).List(): the headers sorted as strings.
  const groups: [string, string[]][] = [
    ['Image pull secrets:', pull],
    ['Mountable secrets: ', mount],
    ['Tokens:            ', tokens.map((t) => t.metadata.name)],
  ];
  groups.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [header, list] of groups) {
    if (list.length === 0) {
      w.write(LEVEL_0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const name of list) {
      w.write(LEVEL_0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
      prefix = empty;
    }
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

/** describeEndpointSliceV1: ports, then every endpoint with its conditions, hostname, target, node and zone. */
export function describeEndpointSlice(eps: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const e: Json = eps;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', eps.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
  w.write(LEVEL_0, `AddressType:\t${e.addressType ?? ''}\n`);
  const ports: Json[] = e.ports ?? [];
  if (ports.length === 0) w.write(LEVEL_0, 'Ports: <unset>\n');
  else {
    w.write(LEVEL_0, 'Ports:\n');
    w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    for (const p of ports) w.write(LEVEL_1, `${p.name ? p.name : '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  const endpoints: Json[] = e.endpoints ?? [];
  if (endpoints.length === 0) w.write(LEVEL_0, 'Endpoints: <none>\n');
  else {
    w.write(LEVEL_0, 'Endpoints:\n');
    for (const ep of endpoints) {
      w.write(LEVEL_1, `- Addresses:\t${(ep.addresses ?? []).join(', ') || '<none>'}\n`);
      w.write(LEVEL_2, 'Conditions:\n');
      w.write(LEVEL_3, `Ready:\t${ep.conditions?.ready === undefined ? '<unset>' : String(ep.conditions.ready)}\n`);
      w.write(LEVEL_2, `Hostname:\t${ep.hostname ?? '<unset>'}\n`);
      if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind}/${ep.targetRef.name}\n`);
      w.write(LEVEL_2, `NodeName:\t${ep.nodeName ?? '<unset>'}\n`);
      w.write(LEVEL_2, `Zone:\t${ep.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
