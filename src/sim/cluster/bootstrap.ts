/**
 * The state of a fresh kubeadm v1.31 cluster with flannel, as the user finds it: namespaces,
 * Ready nodes, the control plane's static Pods, kube-proxy and flannel DaemonSets, CoreDNS, the
 * `kubernetes` and `kube-dns` Services. Everything was created before the playground opened,
 * so its creationTimestamps lie in the past (ages read like a cluster set up minutes ago).
 */
import type { APIServer } from '../api/apiserver.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { Prng } from '../kernel/prng.ts';
import { newUid } from '../api/names.ts';
import { applyDefaults, systemPriorityClassManifests } from '../validation/index.ts';
import { KUBERNETES_VERSION, nodeIP, nodeManifest, readyConditions, type NodeOptions } from './nodes.ts';

const R = (kind: string) => preferredResourceForKind(kind)!;

/** The cluster was set up this long before virtual time 0. */
const SETUP_AGO_MS = 12 * 60 * 1000;

export interface BootstrapResult {
  controlPlane: string;
  /** Next free host byte of each node's pod CIDR (host-local IPAM: .1 is cni0, pods from .2). */
  nextPodHost: Map<string, number>;
}

export function bootstrapCluster(kernel: Kernel, api: APIServer, nodes: NodeOptions[]): BootstrapResult {
  const store = api.store;
  const hex = (n: number) => {
    let s = '';
    while (s.length < n) s += kernel.rng.nextUint32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  };
  const at = (offsetMs: number) => -SETUP_AGO_MS + offsetMs;
  const create = (obj: KubeObject, offsetMs: number, defaults = true) => {
    if (defaults) applyDefaults(obj, kernel.rng);
    return store.create(R(obj.kind), obj, 'kubeadm', { createdAtMs: at(offsetMs) });
  };
  const setStatus = (obj: KubeObject, status: unknown) => store.update(R(obj.kind), { ...obj, status }, 'kubeadm', { subresource: 'status' });

  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    const ns = create(meta('v1', 'Namespace', name), 0);
    setStatus(ns, { phase: 'Active' });
    populateNamespace(name, 1000);
  }

  const controlPlane = nodes.find((n) => n.role === 'control-plane')?.name ?? nodes[0]!.name;
  const nextPodHost = new Map<string, number>();
  nodes.forEach((opts, i) => {
    const joinedMs = opts.name === controlPlane ? 2000 : 60_000 + i * 15_000;
    const manifest = nodeManifest(opts, i, hex);
    const status = manifest.status;
    delete manifest.status;
    const node = create(manifest, joinedMs, false);
    setStatus(node, { ...status, conditions: readyConditions(kernel.timestamp(at(joinedMs + 30_000))) });
    nextPodHost.set(opts.name, 2);
  });

  const ts = (offsetMs: number) => kernel.timestamp(at(offsetMs));
  const cpIndex = nodes.findIndex((n) => n.name === controlPlane);
  const cpIP = nodeIP(cpIndex);

  // The `kubernetes` Service and its endpoints, which the API server maintains itself.
  const kubernetesSvc = create(
    { ...meta('v1', 'Service', 'kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }), spec: { clusterIP: api.clusterIPs.allocate('10.96.0.1'), clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP', sessionAffinity: 'None' } },
    3000,
  );
  setStatus(kubernetesSvc, { loadBalancer: {} });
  create({ ...meta('v1', 'Endpoints', 'kubernetes', 'default', { 'endpointslice.kubernetes.io/skip-mirror': 'true' }), subsets: [{ addresses: [{ ip: cpIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] }, 3000, false);
  create({ ...meta('discovery.k8s.io/v1', 'EndpointSlice', 'kubernetes', 'default', { 'kubernetes.io/service-name': 'kubernetes' }), addressType: 'IPv4', endpoints: [{ addresses: [cpIP], conditions: { ready: true } }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }, 3000, false);

  // Static Pods of the control plane, mirrored into the API by the kubelet.
  const staticPods: [string, string, string][] = [
    ['etcd', 'registry.k8s.io/etcd:3.5.15-0', 'etcd'],
    ['kube-apiserver', `registry.k8s.io/kube-apiserver:${KUBERNETES_VERSION}`, 'kube-apiserver'],
    ['kube-controller-manager', `registry.k8s.io/kube-controller-manager:${KUBERNETES_VERSION}`, 'kube-controller-manager'],
    ['kube-scheduler', `registry.k8s.io/kube-scheduler:${KUBERNETES_VERSION}`, 'kube-scheduler'],
  ];
  for (const [component, image, command] of staticPods) {
    const pod = podManifest(`${component}-${controlPlane}`, 'kube-system', { component, tier: 'control-plane' }, image, command, { hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000, nodeName: controlPlane });
    pod.metadata.annotations = { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': hex(32), 'kubernetes.io/config.mirror': hex(32), 'kubernetes.io/config.seen': ts(4000) };
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: controlPlane, uid: store.peek(R('Node'), undefined, controlPlane)!.metadata.uid, controller: true }];
    startPod(create(pod, 4000), cpIP, cpIP, 5000);
  }

  // kube-proxy and flannel DaemonSets, one Pod on every node.
  const proxyDs = daemonSet('kube-proxy', 'kube-system', { 'k8s-app': 'kube-proxy' }, `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, '/usr/local/bin/kube-proxy');
  const createdProxy = create(proxyDs, 5000);
  const flannelNs = create(meta('v1', 'Namespace', 'kube-flannel', undefined, { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' }), 40_000);
  setStatus(flannelNs, { phase: 'Active' });
  populateNamespace('kube-flannel', 41_000);
  const flannelDs = create(daemonSet('kube-flannel-ds', 'kube-flannel', { app: 'flannel', 'k8s-app': 'flannel' }, 'docker.io/flannel/flannel:v0.25.6', '/opt/bin/flanneld'), 42_000);
  nodes.forEach((opts, i) => {
    const joinedMs = opts.name === controlPlane ? 6000 : 61_000 + i * 15_000;
    for (const ds of [createdProxy, flannelDs]) {
      // The Pod's containers are its DaemonSet template's (the daemon controller copies the template).
      const pod = podManifest('', ds.metadata.namespace!, { ...ds.spec.selector.matchLabels, 'controller-revision-hash': hex(10).replace(/[0-3]/g, '8'), 'pod-template-generation': '1' }, ds.spec.template.spec.containers[0].image, ds.spec.template.spec.containers[0].command[0], { containers: deepCopy(ds.spec.template.spec.containers), hostNetwork: true, priorityClassName: 'system-node-critical', priority: 2000001000, nodeName: opts.name, serviceAccountName: ds.metadata.name === 'kube-proxy' ? 'kube-proxy' : 'flannel' });
      pod.metadata.generateName = `${ds.metadata.name}-`;
      pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }];
      const offset = Math.max(joinedMs, ds.metadata.name === 'kube-proxy' ? 0 : 43_000);
      startPod(create(pod, offset), nodeIP(i), nodeIP(i), offset + 2000);
    }
  });
  const dsStatus = { currentNumberScheduled: nodes.length, desiredNumberScheduled: nodes.length, numberAvailable: nodes.length, numberMisscheduled: 0, numberReady: nodes.length, observedGeneration: 1, updatedNumberScheduled: nodes.length };
  setStatus(store.get(R('DaemonSet'), 'kube-system', 'kube-proxy')!, dsStatus);
  setStatus(store.get(R('DaemonSet'), 'kube-flannel', 'kube-flannel-ds')!, dsStatus);

  // CoreDNS: its Deployment, ReplicaSet (kubeadm v1.31's template hashes to 7c65d6cfc9), two Pods
  // on the control-plane node, where they were scheduled before the workers joined.
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  const dnsTemplate = { metadata: { labels: dnsLabels }, spec: dnsPodSpec() };
  const deploy = create({ ...meta('apps/v1', 'Deployment', 'coredns', 'kube-system', dnsLabels), spec: { replicas: 2, selector: { matchLabels: dnsLabels }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: dnsTemplate } }, 5000);
  const hash = '7c65d6cfc9';
  const rs = create(
    {
      ...meta('apps/v1', 'ReplicaSet', `coredns-${hash}`, 'kube-system', { ...dnsLabels, 'pod-template-hash': hash }),
      spec: { replicas: 2, selector: { matchLabels: { ...dnsLabels, 'pod-template-hash': hash } }, template: { metadata: { labels: { ...dnsLabels, 'pod-template-hash': hash } }, spec: dnsPodSpec() } },
    },
    5000,
  );
  const rsMeta = store.get(R('ReplicaSet'), 'kube-system', rs.metadata.name)!;
  rsMeta.metadata.annotations = { 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3', 'deployment.kubernetes.io/revision': '1' };
  rsMeta.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'coredns', uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }];
  const rsStored = store.update(R('ReplicaSet'), rsMeta, 'kube-controller-manager');
  setStatus(rsStored, { availableReplicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1, readyReplicas: 2, replicas: 2 });
  for (let i = 0; i < 2; i++) {
    const pod: KubeObject = { ...meta('v1', 'Pod', '', 'kube-system', { ...dnsLabels, 'pod-template-hash': hash }), spec: dnsPodSpec() };
    pod.metadata.generateName = `coredns-${hash}-`;
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }];
    pod.spec.nodeName = controlPlane;
    const host = nextPodHost.get(controlPlane)!;
    nextPodHost.set(controlPlane, host + 1);
    startPod(create(pod, 5000), `10.244.${cpIndex}.${host}`, cpIP, 45_000);
  }
  const deployMeta = store.get(R('Deployment'), 'kube-system', 'coredns')!;
  deployMeta.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
  const deployStored = store.update(R('Deployment'), deployMeta, 'kube-controller-manager');
  setStatus(deployStored, {
    availableReplicas: 2,
    conditions: [
      { lastTransitionTime: ts(46_000), lastUpdateTime: ts(46_000), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
      { lastTransitionTime: ts(5000), lastUpdateTime: ts(46_000), message: `ReplicaSet "coredns-${hash}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
    ],
    observedGeneration: 1,
    readyReplicas: 2,
    replicas: 2,
    updatedReplicas: 2,
  });
  const dnsSvc = create(
    {
      ...meta('v1', 'Service', 'kube-dns', 'kube-system', { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }),
      spec: {
        clusterIP: api.clusterIPs.allocate('10.96.0.10'),
        clusterIPs: ['10.96.0.10'],
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: dnsLabels,
      },
    },
    5000,
  );
  setStatus(dnsSvc, { loadBalancer: {} });
  for (const sa of ['coredns', 'kube-proxy']) create(meta('v1', 'ServiceAccount', sa, 'kube-system'), 5000);
  create(meta('v1', 'ServiceAccount', 'flannel', 'kube-flannel'), 42_000);

  // kind's default StorageClass (its installstorage action applies this manifest with kubectl, hence
  // the last-applied annotation), served by the local-path provisioner in src/sim/controllers/volume.
  const sc = { ...meta('storage.k8s.io/v1', 'StorageClass', 'standard'), provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' };
  sc.metadata.annotations = { 'storageclass.kubernetes.io/is-default-class': 'true' };
  sc.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = JSON.stringify({ apiVersion: sc.apiVersion, kind: sc.kind, metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' }, name: 'standard' }, provisioner: sc.provisioner, reclaimPolicy: sc.reclaimPolicy, volumeBindingMode: sc.volumeBindingMode }) + '\n';
  // Its uid comes from a PRNG split off the kernel's state (not drawn from it), so adding the class
  // did not change the names and uids of everything created after it.
  sc.metadata.uid = newUid(new Prng(kernel.rng.state()[0] ^ 0x5c_5c5c));
  store.create(R('StorageClass'), sc, 'kubeadm', { createdAtMs: at(47_000), keepUid: true });

  // The API server's post-start hook creates the system PriorityClasses (storage_scheduling.go); their
  // uids come from a split PRNG as above, so nothing created after them changes.
  const pcUids = new Prng(kernel.rng.state()[0] ^ 0x9c_9c9c);
  for (const pc of systemPriorityClassManifests()) {
    pc.metadata.uid = newUid(pcUids);
    store.create(R('PriorityClass'), pc as KubeObject, 'kube-apiserver', { createdAtMs: at(500), keepUid: true });
  }

  return { controlPlane, nextPodHost };

  function populateNamespace(namespace: string, offsetMs: number): void {
    create(meta('v1', 'ServiceAccount', 'default', namespace), offsetMs);
    create({ ...meta('v1', 'ConfigMap', 'kube-root-ca.crt', namespace), data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n(the cluster CA certificate)\n-----END CERTIFICATE-----\n' } }, offsetMs);
  }

  /** Writes the status of a Pod whose containers have been running since `startedOffsetMs`. */
  function startPod(pod: KubeObject, podIP: string, hostIP: string, startedOffsetMs: number): void {
    const started = ts(startedOffsetMs);
    const condition = (type: string) => ({ lastProbeTime: null, lastTransitionTime: started, status: 'True', type });
    setStatus(pod, {
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
      containerStatuses: pod.spec.containers.map((c: { name: string; image: string }) => ({
        containerID: `containerd://${hex(64)}`,
        image: c.image,
        imageID: `${c.image.replace(/:[^/:]+$/, '')}@sha256:${hex(64)}`,
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: started } },
      })),
      hostIP,
      hostIPs: [{ ip: hostIP }],
      phase: 'Running',
      podIP,
      podIPs: [{ ip: podIP }],
      qosClass: pod.status?.qosClass ?? 'BestEffort',
      startTime: started,
    });
  }
}

function meta(apiVersion: string, kind: string, name: string, namespace?: string, labels?: Record<string, string>): KubeObject {
  const metadata: Record<string, unknown> = { name };
  if (namespace) metadata.namespace = namespace;
  if (labels) metadata.labels = labels;
  return { apiVersion, kind, metadata: metadata as unknown as KubeObject['metadata'] };
}

function podManifest(name: string, namespace: string, labels: Record<string, string>, image: string, command: string, extra: Record<string, unknown>): KubeObject {
  const container = command.startsWith('/') ? command.split('/').pop()! : command;
  return {
    ...meta('v1', 'Pod', name, namespace, labels),
    spec: { containers: [{ name: container, image, command: [command] }], tolerations: [{ operator: 'Exists' }], ...extra },
  };
}

/**
 * kubeadm's kube-proxy DaemonSet (no resources) or kube-flannel.yml's (v0.25.6: the kube-flannel
 * container requests cpu 100m and memory 50Mi, which `kubectl describe node` counts on every node).
 */
function daemonSet(name: string, namespace: string, labels: Record<string, string>, image: string, command: string): KubeObject {
  const container = name === 'kube-proxy' ? { name: 'kube-proxy', image, command: [command] } : { name: 'kube-flannel', image, command: [command], resources: { requests: { cpu: '100m', memory: '50Mi' } } };
  return {
    ...meta('apps/v1', 'DaemonSet', name, namespace, labels),
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [container], hostNetwork: true, priorityClassName: 'system-node-critical', serviceAccountName: name === 'kube-proxy' ? 'kube-proxy' : 'flannel', tolerations: [{ operator: 'Exists' }] } },
    },
  };
}

function dnsPodSpec(): Record<string, unknown> {
  return {
    containers: [
      {
        name: 'coredns',
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        args: ['-conf', '/etc/coredns/Corefile'],
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
        resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
        livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
        readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
      },
    ],
    dnsPolicy: 'Default',
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    priorityClassName: 'system-cluster-critical',
    priority: 2000000000,
    serviceAccountName: 'coredns',
    tolerations: [
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
    ],
  };
}
