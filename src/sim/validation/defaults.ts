/**
 * API-server defaulting (`pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go`,
 * `pkg/apis/batch/v1/defaults.go`), the REST strategies' PrepareForCreate bits that shape what
 * `kubectl get -o yaml` shows (Namespace finalizers, Job selector), v1 conversion (`serviceAccount`
 * mirrors `serviceAccountName`) and the mutating admission plugins of a kubeadm cluster:
 * ServiceAccount (`plugin/pkg/admission/serviceaccount/admission.go`), DefaultTolerationSeconds and
 * Priority. ClusterIP/nodePort allocation is the caller's job.
 */
import type { KubeObject } from '../api/types.ts';
import type { Prng } from '../kernel/prng.ts';
import { ALPHANUMS } from '../api/names.ts';
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from '../api/quantity.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- defaulting walks loosely typed manifests */
type Obj = Record<string, any>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const setIfUnset = (o: Obj, key: string, value: unknown) => {
  if (o[key] === undefined || o[key] === null) o[key] = value;
};

/** SetDefaults_Container: `:latest` or no tag pulls Always, anything else IfNotPresent (a digest too). */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon < 0 ? '' : image.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setIfUnset(p, 'timeoutSeconds', 1);
  setIfUnset(p, 'periodSeconds', 10);
  setIfUnset(p, 'successThreshold', 1);
  setIfUnset(p, 'failureThreshold', 3);
  defaultHandler(p);
}

function defaultHandler(h: unknown): void {
  if (!isObj(h)) return;
  if (isObj(h.httpGet)) {
    setIfUnset(h.httpGet, 'path', '/');
    setIfUnset(h.httpGet, 'scheme', 'HTTP');
  }
}

function defaultContainer(c: unknown, hostNetwork: boolean, isPod: boolean): void {
  if (!isObj(c)) return;
  if (typeof c.image === 'string' && c.imagePullPolicy === undefined) c.imagePullPolicy = defaultPullPolicy(c.image);
  setIfUnset(c, 'terminationMessagePath', '/dev/termination-log');
  setIfUnset(c, 'terminationMessagePolicy', 'File');
  setIfUnset(c, 'resources', {});
  // SetDefaults_Pod (Pods only, not templates): a limit without a request makes the request equal to the limit.
  if (isPod && isObj(c.resources) && isObj(c.resources.limits)) {
    const requests: Obj = isObj(c.resources.requests) ? c.resources.requests : {};
    for (const [k, v] of Object.entries(c.resources.limits)) if (requests[k] === undefined) requests[k] = v;
    if (Object.keys(requests).length) c.resources.requests = requests;
  }
  for (const p of Array.isArray(c.ports) ? c.ports : []) {
    if (!isObj(p)) continue;
    setIfUnset(p, 'protocol', 'TCP');
    if (hostNetwork && p.hostPort === undefined) p.hostPort = p.containerPort;
  }
  for (const e of Array.isArray(c.env) ? c.env : []) {
    if (isObj(e) && isObj(e.valueFrom) && isObj(e.valueFrom.fieldRef)) setIfUnset(e.valueFrom.fieldRef, 'apiVersion', 'v1');
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    defaultHandler(c.lifecycle.postStart);
    defaultHandler(c.lifecycle.preStop);
  }
}

const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'];

function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined)) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) if (isObj(v[s])) setIfUnset(v[s], 'defaultMode', 420);
  if (isObj(v.hostPath)) setIfUnset(v.hostPath, 'type', '');
  if (isObj(v.projected)) {
    for (const src of Array.isArray(v.projected.sources) ? v.projected.sources : []) {
      if (isObj(src) && isObj(src.serviceAccountToken)) setIfUnset(src.serviceAccountToken, 'expirationSeconds', 3600);
    }
  }
}

/**
 * SetDefaults_PodSpec and everything under it (pods and pod templates alike); with `isPod`, also what
 * only a Pod gets: SetDefaults_Pod (enableServiceLinks, requests from limits, hostNetwork host ports:
 * the DefaultHostNetworkHostPortsInPodTemplates gate is off in v1.31) and the Priority admission
 * plugin's preemptionPolicy. A Deployment's template must not get those: they would show in its
 * `-o yaml` and change its pod-template-hash.
 */
export function defaultPodSpec(spec: unknown, isPod = false): void {
  if (!isObj(spec)) return;
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'restartPolicy', 'Always');
  setIfUnset(spec, 'securityContext', {});
  setIfUnset(spec, 'terminationGracePeriodSeconds', 30);
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  if (isPod) {
    setIfUnset(spec, 'enableServiceLinks', true);
    // Priority admission (no PriorityClass named, no global default).
    setIfUnset(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
  // v1 conversion keeps the deprecated `serviceAccount` equal to `serviceAccountName`.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName && !spec.serviceAccount) spec.serviceAccount = spec.serviceAccountName;
  const hostNetwork = isPod && spec.hostNetwork === true;
  for (const c of [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])]) defaultContainer(c, hostNetwork, isPod);
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) defaultVolume(v);
}

function defaultTemplate(spec: Obj): void {
  if (!isObj(spec.template)) return;
  defaultPodSpec(spec.template.spec);
  zeroCreationTimestamp(spec.template);
}

/**
 * A template's ObjectMeta is a Go struct: its zero creationTimestamp is serialized as `null`, so
 * v1.31 prints `creationTimestamp: null` in every template (`kubectl get deploy -o yaml`).
 */
function zeroCreationTimestamp(template: Obj): void {
  template.metadata = isObj(template.metadata) ? template.metadata : {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
}

const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The ServiceAccount admission plugin (pods only): `default` SA and the kube-api-access projected volume. */
function admitServiceAccount(pod: KubeObject, rng: Prng): void {
  const spec = pod.spec as Obj;
  if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return; // mirror pods are left alone
  if (!spec.serviceAccountName) {
    spec.serviceAccountName = 'default';
    spec.serviceAccount = 'default';
  }
  if (spec.automountServiceAccountToken === false) return;
  const containers: Obj[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter(isObj);
  const hasMount = (c: Obj) => Array.isArray(c.volumeMounts) && c.volumeMounts.some((m: unknown) => isObj(m) && m.mountPath === SERVICE_ACCOUNT_MOUNT);
  if (containers.every(hasMount)) return;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHANUMS[rng.intBelow(ALPHANUMS.length)];
  const volumeName = `kube-api-access-${suffix}`;
  spec.volumes = [
    ...(Array.isArray(spec.volumes) ? spec.volumes : []),
    {
      name: volumeName,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    },
  ];
  for (const c of containers) {
    if (hasMount(c)) continue;
    c.volumeMounts = [...(Array.isArray(c.volumeMounts) ? c.volumeMounts : []), { mountPath: SERVICE_ACCOUNT_MOUNT, name: volumeName, readOnly: true }];
  }
}

/** DefaultTolerationSeconds admission: tolerate not-ready/unreachable NoExecute taints for 300s unless already tolerated. */
function admitDefaultTolerations(spec: Obj): void {
  const tolerations: Obj[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const tolerates = (key: string) =>
    tolerations.some((t) => isObj(t) && (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
  const add: Obj[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) add.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
  if (add.length) spec.tolerations = [...tolerations, ...add];
}

const QOS_RESOURCES = ['cpu', 'memory'];

/** GetPodQOS (`pkg/apis/core/v1/helper/qos/qos.go`): over init and app containers, cpu and memory only. */
export function podQOSClass(spec: Obj): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const add = (m: Map<string, Quantity>, k: string, q: Quantity) => {
    const prev = m.get(k);
    m.set(k, prev ? addQuantity(prev, q) : q);
  };
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter(isObj)) {
    const res: Obj = isObj(c.resources) ? c.resources : {};
    for (const [k, v] of Object.entries(isObj(res.requests) ? res.requests : {})) {
      const q = parseQuantity(v);
      if (QOS_RESOURCES.includes(k) && q && q.nanos > 0n) add(requests, k, q);
    }
    const found = new Set<string>();
    for (const [k, v] of Object.entries(isObj(res.limits) ? res.limits : {})) {
      const q = parseQuantity(v);
      if (QOS_RESOURCES.includes(k) && q && q.nanos > 0n) {
        found.add(k);
        add(limits, k, q);
      }
    }
    if (!QOS_RESOURCES.every((r) => found.has(r))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, req] of requests) {
      const lim = limits.get(k);
      if (!lim || compareQuantity(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function defaultService(spec: Obj): void {
  setIfUnset(spec, 'type', 'ClusterIP');
  setIfUnset(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    setIfUnset(spec.sessionAffinityConfig.clientIP, 'timeoutSeconds', 10800);
  }
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObj(p)) continue;
    setIfUnset(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'ExternalName') return;
  setIfUnset(spec, 'internalTrafficPolicy', 'Cluster');
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setIfUnset(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') setIfUnset(spec, 'allocateLoadBalancerNodePorts', true);
  // The Service REST storage on a single-stack IPv4 cluster; headless without selector asks for dual stack.
  const headlessNoSelector = spec.clusterIP === 'None' && !(isObj(spec.selector) && Object.keys(spec.selector).length);
  setIfUnset(spec, 'ipFamilyPolicy', headlessNoSelector ? 'RequireDualStack' : 'SingleStack');
  setIfUnset(spec, 'ipFamilies', ['IPv4']);
}

const SPEC_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Service', 'Namespace']);

/** API-server defaulting plus the mutating admission plugins. Mutates `obj`. */
export function applyDefaults(obj: KubeObject, rng: Prng): void {
  if (SPEC_KINDS.has(obj.kind)) obj.spec ??= {};
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  switch (obj.kind) {
    case 'Pod': {
      defaultPodSpec(spec, true);
      admitServiceAccount(obj, rng);
      admitDefaultTolerations(spec);
      setIfUnset(spec, 'priority', 0);
      obj.status = { ...(isObj(obj.status) ? obj.status : {}), phase: 'Pending', qosClass: podQOSClass(spec) };
      return;
    }
    case 'Deployment':
      setIfUnset(spec, 'replicas', 1);
      spec.strategy ??= {};
      setIfUnset(spec.strategy, 'type', 'RollingUpdate');
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        setIfUnset(spec.strategy.rollingUpdate, 'maxUnavailable', '25%');
        setIfUnset(spec.strategy.rollingUpdate, 'maxSurge', '25%');
      }
      setIfUnset(spec, 'revisionHistoryLimit', 10);
      setIfUnset(spec, 'progressDeadlineSeconds', 600);
      return defaultTemplate(spec);
    case 'ReplicaSet':
      setIfUnset(spec, 'replicas', 1);
      return defaultTemplate(spec);
    case 'DaemonSet':
      spec.updateStrategy ??= {};
      setIfUnset(spec.updateStrategy, 'type', 'RollingUpdate');
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        setIfUnset(spec.updateStrategy.rollingUpdate, 'maxUnavailable', 1);
        setIfUnset(spec.updateStrategy.rollingUpdate, 'maxSurge', 0);
      }
      setIfUnset(spec, 'revisionHistoryLimit', 10);
      return defaultTemplate(spec);
    case 'StatefulSet':
      setIfUnset(spec, 'replicas', 1);
      setIfUnset(spec, 'podManagementPolicy', 'OrderedReady');
      spec.updateStrategy ??= {};
      setIfUnset(spec.updateStrategy, 'type', 'RollingUpdate');
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        setIfUnset(spec.updateStrategy.rollingUpdate, 'partition', 0);
      }
      setIfUnset(spec, 'revisionHistoryLimit', 10);
      spec.persistentVolumeClaimRetentionPolicy ??= {};
      setIfUnset(spec.persistentVolumeClaimRetentionPolicy, 'whenDeleted', 'Retain');
      setIfUnset(spec.persistentVolumeClaimRetentionPolicy, 'whenScaled', 'Retain');
      // The generated defaulters reach the claim templates too: SetDefaults_PersistentVolumeClaim
      // (status.phase Pending, the long-standing "Pending" every `-o yaml` shows) and its spec's volumeMode.
      for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
        if (!isObj(claim)) continue;
        zeroCreationTimestamp(claim);
        if (isObj(claim.spec)) setIfUnset(claim.spec, 'volumeMode', 'Filesystem');
        claim.status = isObj(claim.status) ? claim.status : {};
        setIfUnset(claim.status, 'phase', 'Pending');
      }
      return defaultTemplate(spec);
    case 'Job':
      defaultJobSpec(spec);
      return;
    case 'CronJob':
      setIfUnset(spec, 'concurrencyPolicy', 'Allow');
      setIfUnset(spec, 'suspend', false);
      setIfUnset(spec, 'successfulJobsHistoryLimit', 3);
      setIfUnset(spec, 'failedJobsHistoryLimit', 1);
      if (isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec)) {
        defaultJobSpec(spec.jobTemplate.spec);
        zeroCreationTimestamp(spec.jobTemplate);
      }
      return;
    case 'Service':
      return defaultService(spec);
    case 'Namespace':
      spec.finalizers ??= ['kubernetes'];
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      obj.status = { phase: 'Active', ...(isObj(obj.status) ? obj.status : {}) };
      return;
    case 'Secret':
      setIfUnset(obj as Obj, 'type', 'Opaque');
      return;
    case 'Node':
      if (isObj(obj.status) && isObj(obj.status.capacity)) setIfUnset(obj.status, 'allocatable', { ...obj.status.capacity });
      return;
    case 'PersistentVolumeClaim':
      // SetDefaults_PersistentVolumeClaim(Spec) and the StorageObjectInUseProtection admission plugin.
      obj.spec ??= {};
      setIfUnset(obj.spec as Obj, 'volumeMode', 'Filesystem');
      if (!(obj.metadata.finalizers ?? []).includes('kubernetes.io/pvc-protection')) obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []), 'kubernetes.io/pvc-protection'];
      obj.status = { phase: 'Pending', ...(isObj(obj.status) ? obj.status : {}) };
      return;
    case 'PersistentVolume': {
      // SetDefaults_PersistentVolume (Retain, Filesystem, phase Pending), SetDefaults_HostPathVolumeSource
      // (type ""), and StorageObjectInUseProtection's kubernetes.io/pv-protection finalizer.
      obj.spec ??= {};
      const pv = obj.spec as Obj;
      setIfUnset(pv, 'persistentVolumeReclaimPolicy', 'Retain');
      setIfUnset(pv, 'volumeMode', 'Filesystem');
      if (isObj(pv.hostPath)) setIfUnset(pv.hostPath, 'type', '');
      if (!(obj.metadata.finalizers ?? []).includes('kubernetes.io/pv-protection')) obj.metadata.finalizers = [...(obj.metadata.finalizers ?? []), 'kubernetes.io/pv-protection'];
      obj.status = { phase: 'Pending', ...(isObj(obj.status) ? obj.status : {}) };
      return;
    }
    case 'PriorityClass':
      // SetDefaults_PriorityClass (scheduling/v1/defaults.go).
      setIfUnset(obj as Obj, 'preemptionPolicy', 'PreemptLowerPriority');
      return;
    case 'StorageClass':
      // SetDefaults_StorageClass (storage/v1/defaults.go).
      setIfUnset(obj as Obj, 'reclaimPolicy', 'Delete');
      setIfUnset(obj as Obj, 'volumeBindingMode', 'Immediate');
      return;
    default:
      // ConfigMap, ServiceAccount, Endpoints, Event, EndpointSlice: nothing defaulted that kubectl shows.
      return;
  }
}

function defaultJobSpec(spec: Obj): void {
  if ((spec.completions === undefined || spec.completions === null) && (spec.parallelism === undefined || spec.parallelism === null)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfUnset(spec, 'parallelism', 1);
  setIfUnset(spec, 'backoffLimit', 6);
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  setIfUnset(spec, 'suspend', false);
  setIfUnset(spec, 'podReplacementPolicy', spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  defaultTemplate(spec);
}

/**
 * The Job strategy's generated selector (`pkg/registry/batch/job/strategy.go` generateSelector), to call
 * once the uid is assigned and before validation: unless `manualSelector: true`, the selector is
 * `batch.kubernetes.io/controller-uid=<uid>` and the template gets the four job labels.
 */
export function applyJobSelector(job: KubeObject): void {
  const spec = (job.spec ??= {}) as Obj;
  if (spec.manualSelector === true) return;
  const uid = job.metadata.uid;
  const name = job.metadata.name;
  spec.template ??= {};
  spec.template.metadata ??= {};
  spec.template.metadata.labels = {
    ...(spec.template.metadata.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
