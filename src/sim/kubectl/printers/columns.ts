import type { KubeObject } from '../../api/types.ts';
import { quantityString } from '../../api/quantity.ts';
import { podRow } from './pods.ts';
import { storageHandlers } from './storage-columns.ts';
import { humanDuration } from './duration.ts';
import { formatLabelSelector, formatLabels, goSort, layoutContainerCells, selectorString, since, unixMs } from './util.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/** A column as AddHandlers declares it; `wide` is Priority 1 (shown only with -o wide). */
export interface Column {
  name: string;
  wide?: boolean;
}

export interface TableHandler {
  columns: readonly Column[];
  /** Every cell of the row, wide ones included when `wide` (as the server-side printers build them). */
  row(obj: KubeObject, wide: boolean, nowUnixMs: number): string[];
}

const c = (name: string, wide = false): Column => ({ name, wide });
const CONTAINERS_IMAGES_SELECTOR = [c('Containers', true), c('Images', true), c('Selector', true)];

const age = (obj: KubeObject, now: number): string => since(obj.metadata.creationTimestamp, now);

/** formatEndpoints (printers.go): up to 3 `ip:port`, then ` + N more...`; `<none>` with no subsets. */
export function formatEndpoints(endpoints: Json, ports?: ReadonlySet<string>): string {
  const subsets: Json[] = endpoints?.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: Json[] = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      // headless services may have no ports
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if (ports && !ports.has(port.name ?? '')) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

function endpointSliceRow(obj: KubeObject, now: number): string[] {
  const max = 3;
  const ports: string[] = [];
  let portCount = 0;
  let portsMore = false;
  for (const p of (obj.ports as Json[] | undefined) ?? []) {
    if (ports.length < max) ports.push(p.port !== undefined && p.port !== null ? String(p.port) : p.name !== undefined && p.name !== null ? p.name : '*');
    else portsMore = true;
    portCount++;
  }
  const addrs: string[] = [];
  let addrCount = 0;
  let addrsMore = false;
  for (const e of (obj.endpoints as Json[] | undefined) ?? []) {
    for (const a of e.addresses ?? []) {
      if (addrs.length < max) addrs.push(a);
      else addrsMore = true;
      addrCount++;
    }
  }
  return [obj.metadata.name, String(obj.addressType ?? ''), listWithMoreString(ports, portsMore, portCount, max), listWithMoreString(addrs, addrsMore, addrCount, max), age(obj, now)];
}

/** loadBalancerStatusStringer: sorted unique IPs/hostnames, clipped to 16 bytes unless wide. */
function loadBalancerStatus(status: Json, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = goSort(set).join(',');
  if (!wide && r.length > 16) r = `${r.slice(0, 13)}...`;
  return r;
}

function serviceExternalIP(svc: KubeObject, wide: boolean): string {
  const spec: Json = svc.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc.status, wide);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, or `80:30080/TCP` with a node port. */
function servicePorts(ports: Json[] | undefined): string {
  return (ports ?? []).map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>`, sorted and unique. */
export function findNodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) {
      const role = k.slice(NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return goSort(roles);
}

function nodeRow(node: KubeObject, wide: boolean, now: number): string[] {
  const status: Json = node.status ?? {};
  const ready = (status.conditions ?? []).find((x: Json) => x.type === 'Ready');
  const states: string[] = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (node.spec?.unschedulable) states.push('SchedulingDisabled');
  const roles = findNodeRoles(node).join(',') || '<none>';
  const info: Json = status.nodeInfo ?? {};
  const cells = [node.metadata.name, states.join(','), roles, age(node, now), info.kubeletVersion ?? ''];
  if (wide) {
    const address = (type: string): string => (status.addresses ?? []).find((a: Json) => a.type === type)?.address ?? '<none>';
    cells.push(address('InternalIP'), address('ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>');
  }
  return cells;
}

function hasJobCondition(job: KubeObject, type: string): boolean {
  const cond = (job.status?.conditions ?? []).find((x: Json) => x.type === type);
  return cond?.status === 'True';
}

function jobRow(job: KubeObject, wide: boolean, now: number): string[] {
  const spec: Json = job.spec ?? {};
  const status: Json = job.status ?? {};
  const succeeded = status.succeeded ?? 0;
  let completions: string;
  if (spec.completions !== undefined && spec.completions !== null) completions = `${succeeded}/${spec.completions}`;
  else completions = (spec.parallelism ?? 0) > 1 ? `${succeeded}/1 of ${spec.parallelism}` : `${succeeded}/1`;
  const start = unixMs(status.startTime);
  const end = unixMs(status.completionTime);
  const duration = start === undefined ? '' : humanDuration((end ?? now) - start);
  let state = 'Running';
  if (hasJobCondition(job, 'Complete')) state = 'Complete';
  else if (hasJobCondition(job, 'Failed')) state = 'Failed';
  else if (job.metadata.deletionTimestamp) state = 'Terminating';
  else if (hasJobCondition(job, 'Suspended')) state = 'Suspended';
  else if (hasJobCondition(job, 'FailureTarget')) state = 'FailureTarget';
  const cells = [job.metadata.name, state, completions, duration, age(job, now)];
  if (wide) cells.push(...layoutContainerCells(spec.template?.spec?.containers), formatLabelSelector(spec.selector));
  return cells;
}

/** printEvent: LAST SEEN falls back to the first timestamp (or eventTime); a series overrides count. */
function eventRow(e: KubeObject, wide: boolean, now: number): string[] {
  const ev: Json = e;
  let first = since(ev.firstTimestamp, now);
  if (unixMs(ev.firstTimestamp) === undefined) first = since(ev.eventTime, now);
  let last = unixMs(ev.lastTimestamp) === undefined ? first : since(ev.lastTimestamp, now);
  let count: number = ev.count ?? 0;
  if (ev.series) {
    last = since(ev.series.lastObservedTime, now);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const inv: Json = ev.involvedObject ?? {};
  const target = inv.name ? `${String(inv.kind ?? '').toLowerCase()}/${inv.name}` : String(inv.kind ?? '').toLowerCase();
  const message = String(ev.message ?? '').trim();
  if (!wide) return [last, ev.type ?? '', ev.reason ?? '', target, message];
  const component = ev.source?.component || ev.reportingController || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  const source = host ? `${component}, ${host}` : component;
  return [last, ev.type ?? '', ev.reason ?? '', target, inv.fieldPath ?? '', source, message, first, String(count), e.metadata.name];
}

/** helper.GetAccessModesAsString: the modes present, in this fixed order, by their short names. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const table: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return table.filter(([m]) => (modes ?? []).includes(m)).map(([, short]) => short).join(',');
}

/** helper.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(pvc: KubeObject): string {
  return (pvc.metadata as KubeObject['metadata'] | undefined)?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

/** printPersistentVolumeClaim (v1.31): capacity and access modes only once bound to a volume. */
function pvcRow(pvc: KubeObject, wide: boolean, now: number): string[] {
  const spec: Json = pvc.spec ?? {};
  const st: Json = pvc.status ?? {};
  const phase = pvc.metadata.deletionTimestamp ? 'Terminating' : String(st.phase ?? '');
  const bound = Boolean(spec.volumeName);
  const capacity = bound ? quantityString(st.capacity?.storage ?? '0') : '';
  const modes = bound ? accessModesString(st.accessModes) : '';
  const cells = [pvc.metadata.name, phase, spec.volumeName ?? '', capacity, modes, claimClass(pvc), spec.volumeAttributesClassName ?? '<unset>', age(pvc, now)];
  if (wide) cells.push(spec.volumeMode ?? '<unset>');
  return cells;
}

const simple =
  (columns: Column[], cells: (o: KubeObject, wide: boolean, now: number) => string[]): TableHandler => ({ columns, row: cells });

/** The server-side table columns per resource (AddHandlers in printers.go). */
export const HANDLERS: Record<string, TableHandler> = {
  pods: simple([c('Name'), c('Ready'), c('Status'), c('Restarts'), c('Age'), c('IP', true), c('Node', true), c('Nominated Node', true), c('Readiness Gates', true)], podRow),
  nodes: simple(
    [c('Name'), c('Status'), c('Roles'), c('Age'), c('Version'), c('Internal-IP', true), c('External-IP', true), c('OS-Image', true), c('Kernel-Version', true), c('Container-Runtime', true)],
    nodeRow,
  ),
  services: simple([c('Name'), c('Type'), c('Cluster-IP'), c('External-IP'), c('Port(s)'), c('Age'), c('Selector', true)], (o, wide, now) => {
    const spec: Json = o.spec ?? {};
    const cells = [o.metadata.name, spec.type ?? '', spec.clusterIPs?.[0] ?? '<none>', serviceExternalIP(o, wide), servicePorts(spec.ports) || '<none>', age(o, now)];
    if (wide) cells.push(formatLabels(spec.selector));
    return cells;
  }),
  deployments: simple([c('Name'), c('Ready'), c('Up-to-date'), c('Available'), c('Age'), ...CONTAINERS_IMAGES_SELECTOR], (o, wide, now) => {
    const spec: Json = o.spec ?? {};
    const st: Json = o.status ?? {};
    const cells = [o.metadata.name, `${st.readyReplicas ?? 0}/${spec.replicas ?? 0}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), age(o, now)];
    if (wide) cells.push(...layoutContainerCells(spec.template?.spec?.containers), spec.selector ? selectorString(spec.selector) : '');
    return cells;
  }),
  replicasets: simple([c('Name'), c('Desired'), c('Current'), c('Ready'), c('Age'), ...CONTAINERS_IMAGES_SELECTOR], (o, wide, now) => {
    const spec: Json = o.spec ?? {};
    const st: Json = o.status ?? {};
    const cells = [o.metadata.name, String(spec.replicas ?? 0), String(st.replicas ?? 0), String(st.readyReplicas ?? 0), age(o, now)];
    if (wide) cells.push(...layoutContainerCells(spec.template?.spec?.containers), formatLabelSelector(spec.selector));
    return cells;
  }),
  daemonsets: simple(
    [c('Name'), c('Desired'), c('Current'), c('Ready'), c('Up-to-date'), c('Available'), c('Node Selector'), c('Age'), ...CONTAINERS_IMAGES_SELECTOR],
    (o, wide, now) => {
      const spec: Json = o.spec ?? {};
      const st: Json = o.status ?? {};
      const n = (v: unknown): string => String(v ?? 0);
      const cells = [o.metadata.name, n(st.desiredNumberScheduled), n(st.currentNumberScheduled), n(st.numberReady), n(st.updatedNumberScheduled), n(st.numberAvailable), formatLabels(spec.template?.spec?.nodeSelector), age(o, now)];
      if (wide) cells.push(...layoutContainerCells(spec.template?.spec?.containers), formatLabelSelector(spec.selector));
      return cells;
    },
  ),
  statefulsets: simple([c('Name'), c('Ready'), c('Age'), c('Containers', true), c('Images', true)], (o, wide, now) => {
    const cells = [o.metadata.name, `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}`, age(o, now)];
    if (wide) cells.push(...layoutContainerCells(o.spec?.template?.spec?.containers));
    return cells;
  }),
  jobs: simple([c('Name'), c('Status'), c('Completions'), c('Duration'), c('Age'), ...CONTAINERS_IMAGES_SELECTOR], jobRow),
  // printCronJob: TIMEZONE `<none>` when unset; SUSPEND via printBoolPtr (`<unset>` for nil).
  cronjobs: simple([c('Name'), c('Schedule'), c('Timezone'), c('Suspend'), c('Active'), c('Last Schedule'), c('Age'), ...CONTAINERS_IMAGES_SELECTOR], (o, wide, now) => {
    const spec: Json = o.spec ?? {};
    const st: Json = o.status ?? {};
    const suspend = spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False';
    const last = st.lastScheduleTime ? since(st.lastScheduleTime, now) : '<none>';
    const cells = [o.metadata.name, String(spec.schedule ?? ''), spec.timeZone ?? '<none>', suspend, String((st.active ?? []).length), last, age(o, now)];
    const jobSpec: Json = spec.jobTemplate?.spec ?? {};
    if (wide) cells.push(...layoutContainerCells(jobSpec.template?.spec?.containers), formatLabelSelector(jobSpec.selector));
    return cells;
  }),
  namespaces: simple([c('Name'), c('Status'), c('Age')], (o, _w, now) => [o.metadata.name, o.status?.phase ?? '', age(o, now)]),
  configmaps: simple([c('Name'), c('Data'), c('Age')], (o, _w, now) => [o.metadata.name, String(Object.keys((o.data as object | undefined) ?? {}).length + Object.keys((o.binaryData as object | undefined) ?? {}).length), age(o, now)]),
  secrets: simple([c('Name'), c('Type'), c('Data'), c('Age')], (o, _w, now) => [o.metadata.name, String(o.type ?? ''), String(Object.keys((o.data as object | undefined) ?? {}).length), age(o, now)]),
  serviceaccounts: simple([c('Name'), c('Secrets'), c('Age')], (o, _w, now) => [o.metadata.name, String(((o.secrets as unknown[] | undefined) ?? []).length), age(o, now)]),
  endpoints: simple([c('Name'), c('Endpoints'), c('Age')], (o, _w, now) => [o.metadata.name, formatEndpoints(o), age(o, now)]),
  endpointslices: simple([c('Name'), c('AddressType'), c('Ports'), c('Endpoints'), c('Age')], (o, _w, now) => endpointSliceRow(o, now)),
  // printPodDisruptionBudget: an unset bound prints N/A; IntOrString through String().
  poddisruptionbudgets: simple([c('Name'), c('Min Available'), c('Max Unavailable'), c('Allowed Disruptions'), c('Age')], (o, _w, now) => {
    const spec: Json = o.spec ?? {};
    const bound = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));
    return [o.metadata.name, bound(spec.minAvailable), bound(spec.maxUnavailable), String(o.status?.disruptionsAllowed ?? 0), age(o, now)];
  }),
  persistentvolumeclaims: simple(
    [c('Name'), c('Status'), c('Volume'), c('Capacity'), c('Access Modes'), c('StorageClass'), c('VolumeAttributesClass'), c('Age'), c('VolumeMode', true)],
    pvcRow,
  ),
  ...storageHandlers(),
  // printPriorityClass (printers.go priorityClassColumnDefinitions).
  priorityclasses: simple([c('Name'), c('Value'), c('Global-Default'), c('Age'), c('PreemptionPolicy')], (o, _w, now) => [
    o.metadata.name,
    String(o.value ?? 0),
    String(Boolean(o.globalDefault)),
    age(o, now),
    String(o.preemptionPolicy ?? ''),
  ]),
  // printControllerRevision: the controller as `<kind>.<group>/<name>`, `<none>` without one.
  controllerrevisions: simple([c('Name'), c('Controller'), c('Revision'), c('Age')], (o, _w, now) => {
    const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller);
    const group = ref ? String(ref.apiVersion ?? '').split('/').slice(0, -1).join('/') : '';
    const controller = ref ? `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}` : '<none>';
    return [o.metadata.name, controller, String(o.revision ?? 0), age(o, now)];
  }),
  events: simple(
    [c('Last Seen'), c('Type'), c('Reason'), c('Object'), c('Subobject', true), c('Source', true), c('Message'), c('First Seen', true), c('Count', true), c('Name', true)],
    eventRow,
  ),
};

/** Resources without a printer get the default table (NAME, AGE), as the API server serves them. */
export const DEFAULT_HANDLER: TableHandler = simple([c('Name'), c('Age')], (o, _w, now) => [o.metadata.name, age(o, now)]);
