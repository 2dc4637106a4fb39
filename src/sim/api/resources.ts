/**
 * The API resources this cluster serves, as discovery describes them (`kubectl api-resources`).
 * kubectl resolves a name it is given (`po`, `pods`, `pod`, `deployments.apps`, `Pod`) through
 * this table, as its RESTMapper does.
 */
export interface ResourceInfo {
  /** Plural resource name: `pods`. */
  resource: string;
  singular: string;
  kind: string;
  group: string; // '' for the core group
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: readonly ResourceInfo[] = [
  { resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', group: '', version: 'v1', namespaced: true, shortNames: ['cm'], verbs: ALL_VERBS },
  { resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', group: '', version: 'v1', namespaced: true, shortNames: ['ep'], verbs: ALL_VERBS },
  { resource: 'events', singular: 'event', kind: 'Event', group: '', version: 'v1', namespaced: true, shortNames: ['ev'], verbs: ALL_VERBS },
  { resource: 'namespaces', singular: 'namespace', kind: 'Namespace', group: '', version: 'v1', namespaced: false, shortNames: ['ns'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { resource: 'nodes', singular: 'node', kind: 'Node', group: '', version: 'v1', namespaced: false, shortNames: ['no'], verbs: ALL_VERBS },
  { resource: 'persistentvolumes', singular: 'persistentvolume', kind: 'PersistentVolume', group: '', version: 'v1', namespaced: false, shortNames: ['pv'], verbs: ALL_VERBS },
  { resource: 'persistentvolumeclaims', singular: 'persistentvolumeclaim', kind: 'PersistentVolumeClaim', group: '', version: 'v1', namespaced: true, shortNames: ['pvc'], verbs: ALL_VERBS },
  { resource: 'pods', singular: 'pod', kind: 'Pod', group: '', version: 'v1', namespaced: true, shortNames: ['po'], verbs: ALL_VERBS },
  { resource: 'secrets', singular: 'secret', kind: 'Secret', group: '', version: 'v1', namespaced: true, shortNames: [], verbs: ALL_VERBS },
  { resource: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', group: '', version: 'v1', namespaced: true, shortNames: ['sa'], verbs: ALL_VERBS },
  { resource: 'services', singular: 'service', kind: 'Service', group: '', version: 'v1', namespaced: true, shortNames: ['svc'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
  { resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['ds'], verbs: ALL_VERBS },
  { resource: 'deployments', singular: 'deployment', kind: 'Deployment', group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy'], verbs: ALL_VERBS },
  { resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['rs'], verbs: ALL_VERBS },
  { resource: 'statefulsets', singular: 'statefulset', kind: 'StatefulSet', group: 'apps', version: 'v1', namespaced: true, shortNames: ['sts'], verbs: ALL_VERBS },
  { resource: 'cronjobs', singular: 'cronjob', kind: 'CronJob', group: 'batch', version: 'v1', namespaced: true, shortNames: ['cj'], verbs: ALL_VERBS },
  { resource: 'jobs', singular: 'job', kind: 'Job', group: 'batch', version: 'v1', namespaced: true, shortNames: [], verbs: ALL_VERBS },
  { resource: 'controllerrevisions', singular: 'controllerrevision', kind: 'ControllerRevision', group: 'apps', version: 'v1', namespaced: true, shortNames: [], verbs: ALL_VERBS },
  { resource: 'priorityclasses', singular: 'priorityclass', kind: 'PriorityClass', group: 'scheduling.k8s.io', version: 'v1', namespaced: false, shortNames: ['pc'], verbs: ALL_VERBS },
  { resource: 'poddisruptionbudgets', singular: 'poddisruptionbudget', kind: 'PodDisruptionBudget', group: 'policy', version: 'v1', namespaced: true, shortNames: ['pdb'], verbs: ALL_VERBS },
  { resource: 'storageclasses', singular: 'storageclass', kind: 'StorageClass', group: 'storage.k8s.io', version: 'v1', namespaced: false, shortNames: ['sc'], verbs: ALL_VERBS },
  { resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', group: 'discovery.k8s.io', version: 'v1', namespaced: true, shortNames: [], verbs: ALL_VERBS },
];

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** The resource serving `kind` at `apiVersion`, or undefined (kubectl: "no matches for kind"). */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
}

/** The preferred resource for a kind in any group (the core `events` wins over `events.k8s.io`). */
export function preferredResourceForKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/**
 * Resolves what a user typed as a resource type (`po`, `pods`, `pod`, `Pod`, `deploy`,
 * `deployments.apps`, `deployments.v1.apps`), as kubectl's RESTMapper and shortcut expander do.
 */
export function resolveResource(typed: string): ResourceInfo | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const groupPart = dot < 0 ? undefined : lower.slice(dot + 1);
  const candidates = RESOURCES.filter((r) => {
    if (groupPart !== undefined) {
      const matchesGroup = groupPart === r.group || groupPart === `${r.version}.${r.group}` || (r.group === '' && groupPart === r.version);
      if (!matchesGroup) return false;
    }
    return r.resource === name || r.singular === name || r.kind.toLowerCase() === name || r.shortNames.includes(name);
  });
  return candidates[0];
}
