/**
 * One simulated cluster: the kernel, the API server and its store, and the components that
 * act on them. `index.ts` exposes it through the headless API.
 */
import { APIServer } from '../api/apiserver.ts';
import { EventRecorder } from '../api/events.ts';
import { RESOURCES, preferredResourceForKind } from '../api/resources.ts';
import { ObjectStore, qualified } from '../api/store.ts';
import type { KubeObject } from '../api/types.ts';
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
import { DEFAULT_NODES, nodeIP, podCIDR, type NodeOptions } from './nodes.ts';

export type { NodeOptions } from './nodes.ts';

const PODS = preferredResourceForKind('Pod')!;

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
    nodes.forEach((n, i) => {
      this.runtime.preloadImage(n.name, 'registry.k8s.io/pause:3.10');
      const kubelet = new Kubelet(this.kernel, this.store, this.events, this.runtime, n.name, { podCIDR: podCIDR(i), firstFreeHost: boot.nextPodHost.get(n.name)! });
      this.kubelets.set(n.name, kubelet);
      kubelet.start();
      // The kubelet's heartbeat is its Lease, renewed every 10 s; node status itself is posted only on change or every 5 min.
      const lease = new NodeLeaseRenewer(this.kernel, this.leases, n.name);
      lease.start();
      this.kubeletServices.set(n.name, new KubeletService(kubelet, lease));
      const proxy = new KubeProxy(this.kernel, this.store, n.name, nodeIP(i), { clusterCIDR: '10.244.0.0/16', flannelPodCIDR: podCIDR(i) });
      this.proxies.set(n.name, proxy);
      proxy.start();
    });
    // Requests from containers: CoreDNS, then kube-proxy's rules on the source node, then the chosen Pod.
    this.runtime.setNetwork(new Network(this.kernel, this.store, this.proxies, this.runtime));
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
