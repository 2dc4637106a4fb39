/**
 * One simulated cluster: the kernel, the API server and its store, and the components that
 * act on them. `index.ts` exposes it through the headless API.
 */
import { APIServer } from '../api/apiserver.ts';
import { EventRecorder } from '../api/events.ts';
import { RESOURCES, preferredResourceForKind } from '../api/resources.ts';
import { ObjectStore, qualified } from '../api/store.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import { Informer } from '../api/informer.ts';
import { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS, formatRFC3339 } from '../kernel/time.ts';
import { Kubeconfig } from '../kubectl/config.ts';
import { runKubectl } from '../kubectl/index.ts';
import { CronJobController } from '../controllers/cronjob/cronjob.ts';
import { DaemonSetController } from '../controllers/daemonset/daemonset.ts';
import { DeploymentController } from '../controllers/deployment/controller.ts';
import { DisruptionController } from '../controllers/disruption/disruption.ts';
import { PersistentVolumeController } from '../controllers/volume/pvcontroller.ts';
import { EndpointsController } from '../controllers/endpoints/endpoints.ts';
import { EndpointSliceController } from '../controllers/endpoints/endpointslice.ts';
import { ServiceLBController } from '../controllers/servicelb/servicelb.ts';
import { PVCProtectionController } from '../controllers/statefulset/pvcprotection.ts';
import { StatefulSetController } from '../controllers/statefulset/statefulset.ts';
import { GarbageCollector } from '../controllers/gc/gc.ts';
import { JobController } from '../controllers/job/job.ts';
import { NodeIpamController } from '../controllers/nodeipam/rangeallocator.ts';
import { NodeLifecycleController } from '../controllers/nodelifecycle/controller.ts';
import { NodeLeaseRenewer, NodeLeases } from '../controllers/nodelifecycle/lease.ts';
import { PodGCController } from '../controllers/nodelifecycle/podgc.ts';
import { KubeletService } from '../controllers/nodelifecycle/systemctl.ts';
import { TaintEvictionController } from '../controllers/nodelifecycle/tainteviction.ts';
import { TTLAfterFinishedController } from '../controllers/job/ttl.ts';
import { ReplicaSetController } from '../controllers/replicaset/replicaset.ts';
import { Kubelet } from '../kubelet/kubelet.ts';
import { Network } from '../network/network.ts';
import { KubeProxy } from '../proxy/proxier.ts';
import { runIptables } from '../proxy/shell.ts';
import { SimRuntime } from '../runtime/runtime.ts';
import { runNodeLine } from '../network/nodeshell.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { tokenize, UnterminatedQuoteError } from '../shell/tokenize.ts';
import { bootstrapCluster } from './bootstrap.ts';
import { ClusterContainers } from './containers.ts';
import { DEFAULT_NODES, nodeIP, nodeManifest, podCIDR, type NodeOptions } from './nodes.ts';

export type { NodeOptions } from './nodes.ts';

const PODS = preferredResourceForKind('Pod')!;
const NODES = preferredResourceForKind('Node')!;

/** The Node a machine's kubelet registers: no pod CIDR (node IPAM's), no flannel annotations (flanneld's), no conditions or images yet. */
function registrationTemplate(node: KubeObject): KubeObject {
  const copy = deepCopy(node);
  const annotations = Object.fromEntries(Object.entries(copy.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('flannel.alpha.coreos.com/')));
  const spec = { ...copy.spec };
  delete spec.podCIDR;
  delete spec.podCIDRs;
  const status = { ...copy.status, conditions: [], images: [] };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: copy.metadata.name, labels: copy.metadata.labels, annotations } as KubeObject['metadata'], spec, status };
}

/** Hex digits from the kernel's PRNG, drawn as the bootstrap draws them. */
function rngHex(kernel: Kernel, n: number): string {
  let s = '';
  while (s.length < n) s += kernel.rng.nextUint32().toString(16).padStart(8, '0');
  return s.slice(0, n);
}

export class Simulation {
  readonly kernel: Kernel;
  readonly store: ObjectStore;
  readonly api: APIServer;
  readonly events: EventRecorder;
  readonly nodeNames: string[];
  readonly controlPlane: string;
  readonly runtime: SimRuntime;
  readonly scheduler: Scheduler;
  readonly kubelets = new Map<string, Kubelet>();
  /** Node Lease renew times (coordination.k8s.io is not served as a resource yet). */
  readonly leases: NodeLeases;
  /** `systemctl ... kubelet` on each node. */
  readonly kubeletServices = new Map<string, KubeletService>();
  /** kube-proxy (iptables mode) on each node. */
  readonly proxies = new Map<string, KubeProxy>();
  /** /etc/kubernetes/admin.conf on the control-plane node: the only kubeconfig a kubeadm cluster has. */
  readonly kubeconfig: Kubeconfig;
  /** kube-controller-manager's node IPAM (RangeAllocator): spec.podCIDR for Nodes that register without one. */
  private readonly nodeIpam: NodeIpamController;
  /** Each machine's Node as its kubelet registers it (initialNode), kept for a registration after `kubectl delete node`. */
  private readonly registration = new Map<string, KubeObject>();
  /** Machines whose flannel has written its CNI config (/etc/cni/net.d/10-flannel.conflist): the runtime's network is ready. */
  private readonly cniReady = new Set<string>();

  constructor(opts: { seed: number; nodes?: NodeOptions[] | undefined }) {
    if (!Number.isInteger(opts.seed)) throw new Error(`createCluster: seed must be an integer, got ${opts.seed}`);
    const nodes = opts.nodes && opts.nodes.length > 0 ? opts.nodes : DEFAULT_NODES;
    const names = new Set<string>();
    for (const n of nodes) {
      if (names.has(n.name)) throw new Error(`createCluster: duplicate node name "${n.name}"`);
      names.add(n.name);
    }
    this.kernel = new Kernel(opts.seed);
    this.store = new ObjectStore(this.kernel);
    this.api = new APIServer(this.kernel, this.store);
    this.events = new EventRecorder(this.kernel, this.store);
    const boot = bootstrapCluster(this.kernel, this.api, nodes);
    this.controlPlane = boot.controlPlane;
    this.nodeNames = nodes.map((n) => n.name);
    this.kubeconfig = new Kubeconfig(`https://${nodeIP(nodes.findIndex((n) => n.name === boot.controlPlane))}:6443`);
    this.runtime = new SimRuntime(this.kernel);
    this.leases = new NodeLeases(this.kernel);
    // Images the running system Pods came from are already on their nodes.
    for (const pod of this.store.list(PODS)) {
      for (const c of pod.spec?.containers ?? []) this.runtime.preloadImage(pod.spec.nodeName, c.image);
    }
    for (const node of this.store.list(NODES)) {
      this.registration.set(node.metadata.name, registrationTemplate(this.store.get(NODES, undefined, node.metadata.name)!));
      // The bootstrap's flannel has run on every node: its CNI config is on the node's disk.
      this.cniReady.add(node.metadata.name);
    }
    nodes.forEach((n, i) => this.startNode(n, i, podCIDR(i), boot.nextPodHost.get(n.name)!, true));
    // Requests from containers: CoreDNS, then kube-proxy's rules on the source node, then the chosen Pod.
    this.runtime.setNetwork(new Network(this.kernel, this.store, this.proxies, this.runtime));
    this.nodeIpam = new NodeIpamController(this.kernel, this.store, nodes.length);
    this.nodeIpam.start();
    this.watchNodeAgents();
    this.scheduler = new Scheduler(this.kernel, this.store, this.events);
    this.scheduler.start();
    // kube-controller-manager's controllers.
    new ReplicaSetController(this.kernel, this.api, this.store, this.events).start();
    new GarbageCollector(this.kernel, this.store, this.api).start();
    new EndpointSliceController(this.kernel, this.api, this.store, this.events).start();
    new EndpointsController(this.kernel, this.api, this.store, this.events).start();
    new ServiceLBController(this.kernel, this.api, this.store, this.events).start();
    new DeploymentController(this.kernel, this.api, this.store, this.events).start();
    new DaemonSetController(this.kernel, this.api, this.store, this.events).start();
    new StatefulSetController(this.kernel, this.api, this.store, this.events).start();
    new PVCProtectionController(this.kernel, this.store).start();
    new JobController(this.kernel, this.api, this.store, this.events).start();
    new TTLAfterFinishedController(this.kernel, this.api, this.store).start();
    new CronJobController(this.kernel, this.api, this.store, this.events).start();
    new NodeLifecycleController(this.kernel, this.api, this.store, this.events, this.leases).start();
    new TaintEvictionController(this.kernel, this.api, this.store, this.events).start();
    new PodGCController(this.kernel, this.api, this.store).start();
    new DisruptionController(this.kernel, this.api, this.store, this.events).start();
    new PersistentVolumeController(this.kernel, this.store, this.events).start();
    this.kernel.settle();
  }

  /**
   * One machine's node agents: the pause image, the kubelet (with the Node it registers), its
   * Lease renewal and systemd unit, and kube-proxy. The bootstrap's nodes run kube-proxy from the
   * start; a joining node's starts with its kube-proxy Pod (watchNodeAgents).
   */
  private startNode(n: NodeOptions, index: number, cidr: string, firstFreeHost: number, proxyRunning: boolean): void {
    this.runtime.preloadImage(n.name, 'registry.k8s.io/pause:3.10');
    const initialNode = () => deepCopy(this.registration.get(n.name)!);
    const kubelet = new Kubelet(this.kernel, this.store, this.events, this.runtime, n.name, { podCIDR: cidr, firstFreeHost, initialNode, networkReady: () => this.cniReady.has(n.name) });
    this.kubelets.set(n.name, kubelet);
    kubelet.start();
    // The kubelet's heartbeat is its Lease, renewed every 10 s; node status itself is posted only on change or every 5 min.
    const lease = new NodeLeaseRenewer(this.kernel, this.leases, n.name);
    lease.start();
    this.kubeletServices.set(n.name, new KubeletService(kubelet, lease));
    const proxy = new KubeProxy(this.kernel, this.store, n.name, nodeIP(index), { clusterCIDR: '10.244.0.0/16', flannelPodCIDR: cidr });
    this.proxies.set(n.name, proxy);
    if (proxyRunning) proxy.start();
  }

  /**
   * A new machine joins the way `kubeadm join` does on a kind cluster: the next IP on the kind
   * network (172.18.0.N), its kubelet registers the Node (NotReady until flannel's CNI config is
   * on it), node IPAM gives it the next /24, the DaemonSet controller creates its kube-proxy and
   * kube-flannel Pods, and the scheduler's queue moves unschedulable Pods on the Node add event.
   */
  addNode(opts: NodeOptions): void {
    if (!opts || typeof opts.name !== 'string' || opts.name === '') throw new Error('addNode: a node needs a name');
    if (this.nodeNames.includes(opts.name) || this.store.peek(NODES, undefined, opts.name)) throw new Error(`addNode: a node named "${opts.name}" already exists`);
    const cidr = this.nodeIpam.peekNext();
    if (!cidr) throw new Error('addNode: no pod CIDR is left in 10.244.0.0/16');
    const index = this.nodeNames.length;
    this.kernel.record({ source: `kubeadm/${opts.name}`, type: 'user', reason: 'join', message: `kubeadm join ${this.kubeconfig.server.replace(/^https:\/\//, '')} (node ${opts.name}, ${nodeIP(index)})` });
    this.nodeNames.push(opts.name);
    this.registration.set(opts.name, registrationTemplate(nodeManifest({ role: 'worker', ...opts }, index, (n) => rngHex(this.kernel, n))));
    this.startNode(opts, index, cidr, 2, false);
    this.kernel.settle();
  }

  /**
   * What the DaemonSet Pods on a node start there: flannel (its CNI config, which readies the
   * runtime's network, and its annotations on the Node) and kube-proxy on a joined node; and the
   * kubelet's pod CIDR from the Node's spec.podCIDR (updatePodCIDR).
   */
  private watchNodeAgents(): void {
    const flannelAnnotations = new Map<string, Record<string, string>>();
    for (const node of this.store.list(NODES)) {
      const a = node.metadata.annotations ?? {};
      flannelAnnotations.set(node.metadata.name, Object.fromEntries(Object.entries(a).filter(([k]) => k.startsWith('flannel.alpha.coreos.com/'))) as Record<string, string>);
    }
    new Informer(this.store, NODES).addEventHandler({
      onAdd: (n) => n.spec?.podCIDR && this.kubelets.get(n.metadata.name)?.setPodCIDR(n.spec.podCIDR),
      onUpdate: (_, n) => n.spec?.podCIDR && this.kubelets.get(n.metadata.name)?.setPodCIDR(n.spec.podCIDR),
    });
    const running = (pod: KubeObject) => pod.status?.phase === 'Running' && (pod.status?.containerStatuses ?? []).some((c: { state?: { running?: unknown } }) => c.state?.running);
    const podChanged = (pod: KubeObject) => {
      const nodeName: string | undefined = pod.spec?.nodeName;
      if (!nodeName || !running(pod) || pod.metadata.deletionTimestamp) return;
      const labels = pod.metadata.labels ?? {};
      if (labels['k8s-app'] === 'kube-proxy') this.proxies.get(nodeName)?.start();
      if (labels.app !== 'flannel') return;
      this.cniReady.add(nodeName);
      const node = this.store.get(NODES, undefined, nodeName);
      if (!node || node.metadata.annotations?.['flannel.alpha.coreos.com/public-ip'] !== undefined) return;
      // flanneld's kube subnet manager annotates its Node (the VTEP MAC of flannel.1 stays with the machine).
      let annotations = flannelAnnotations.get(nodeName);
      if (!annotations) {
        const ip = (node.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '';
        const mac = rngHex(this.kernel, 12).match(/../g)!.join(':');
        annotations = { 'flannel.alpha.coreos.com/backend-data': `{"VNI":1,"VtepMAC":"${mac}"}`, 'flannel.alpha.coreos.com/backend-type': 'vxlan', 'flannel.alpha.coreos.com/kube-subnet-manager': 'true', 'flannel.alpha.coreos.com/public-ip': ip };
        flannelAnnotations.set(nodeName, annotations);
      }
      node.metadata.annotations = { ...annotations, ...(node.metadata.annotations ?? {}) };
      this.store.update(NODES, node, `flanneld/${nodeName}`, { message: `node ${nodeName} flannel annotations` });
    };
    new Informer(this.store, PODS).addEventHandler({ onAdd: podChanged, onUpdate: (_, p) => podChanged(p) });
  }

  /** Runs one shell line as root on a node, the way a person types it. */
  exec(line: string, opts: { stdin?: string | undefined; node?: string | undefined } = {}): { stdout: string; stderr: string; exitCode: number } {
    const node = opts.node ?? this.controlPlane;
    if (!this.nodeNames.includes(node)) return { stdout: '', stderr: `ssh: Could not resolve hostname ${node}: Name or service not known\n`, exitCode: 255 };
    let tokens;
    try {
      tokens = tokenize(line);
    } catch (err) {
      if (err instanceof UnterminatedQuoteError) return { stdout: '', stderr: `bash: -c: line 1: ${err.message}\nbash: -c: line 2: syntax error: unexpected end of file\n`, exitCode: 2 };
      throw err;
    }
    if (tokens.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
    this.kernel.record({ source: `shell/${node}`, type: 'user', reason: 'exec', message: line });
    // The node shell (src/sim/network/nodeshell.ts): bash's lists, pipes and redirections over the node's commands.
    const ip = (this.store.peek(preferredResourceForKind('Node')!, undefined, node)?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address ?? '';
    return runNodeLine(this, node, ip, line, opts.stdin, {
      kernel: this.kernel, store: this.store, runtime: this.runtime, proxies: this.proxies,
      fs: this.kubelets.get(node)?.nodeFs,
      commands: {
        kubectl: (argv, stdin) => {
          // kubeadm writes admin.conf on the control-plane node only; elsewhere kubectl finds no kubeconfig.
          if (node !== this.controlPlane) return noKubeconfig(this.kernel);
          const result = runKubectl({ kernel: this.kernel, store: this.store, api: this.api, stdin, source: 'STDIN', containers: new ClusterContainers(this.runtime, this.kubelets), kubeconfig: this.kubeconfig, leases: this.leases }, argv.slice(1));
          this.kernel.settle();
          return result;
        },
        'iptables-save': (argv) => runIptables(this.proxies.get(node)!, argv),
        'iptables-legacy-save': (argv) => runIptables(this.proxies.get(node)!, argv),
        iptables: (argv) => runIptables(this.proxies.get(node)!, argv),
        'iptables-legacy': (argv) => runIptables(this.proxies.get(node)!, argv),
        systemctl: (argv) => {
          const result = this.kubeletServices.get(node)!.systemctl(argv.slice(1));
          this.kernel.settle();
          return result;
        },
      },
    });
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`advance: seconds must be a non-negative number, got ${seconds}`);
    this.kernel.advanceMs(Math.round(seconds * 1000));
  }

  snapshot(): { t: number; objects: Record<string, KubeObject[]> } {
    const objects: Record<string, KubeObject[]> = {};
    for (const info of RESOURCES) objects[qualified(info)] = this.store.list(info).map((o) => this.store.get(info, o.metadata.namespace, o.metadata.name)!);
    return { t: this.kernel.nowSeconds, objects };
  }
}

/**
 * kubectl v1.31 with no kubeconfig (a kubeadm worker node): it falls back to http://localhost:8080,
 * discovery fails five times (klog lines stamped with the virtual clock), then the message every
 * kubeadm user meets.
 */
function noKubeconfig(kernel: Kernel): { stdout: string; stderr: string; exitCode: number } {
  // klog's header: Lmmdd hh:mm:ss.uuuuuu threadid file:line]
  const unixMs = EPOCH_MS + kernel.nowMs;
  const iso = formatRFC3339(unixMs); // 2024-08-13T12:00:05Z
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)}.${String((unixMs % 1000) * 1000).padStart(6, '0')}`;
  const line = `E${stamp}    1000 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n`;
  return { stdout: '', stderr: `${line.repeat(5)}The connection to the server localhost:8080 was refused - did you specify the right host or port?\n`, exitCode: 1 };
}
