/**
 * The kubelet of one node (v1.31): watches the Pods bound to its node, and for each runs a pod
 * worker that creates the sandbox, pulls images, starts init containers one at a time, sidecars
 * and app containers, runs probes, restarts with back-off, terminates gracefully and reports
 * status. Upstream: pkg/kubelet/pod_workers.go, kuberuntime/kuberuntime_manager.go
 * (computePodActions, doBackOff), kuberuntime_container.go (startContainer, killContainer),
 * images/image_manager.go, prober/, status/generate.go, kubelet_pods.go.
 */
import type { EventRecorder } from '../api/events.ts';
import { Informer, WorkQueue } from '../api/informer.ts';
import { preferredResourceForKind } from '../api/resources.ts';
import type { ObjectStore } from '../api/store.ts';
import { deepCopy, jsonEqual, objectKey, type KubeObject } from '../api/types.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS, parseRFC3339 } from '../kernel/time.ts';
import type { ActionResult, ContainerRuntime, ExitStatus } from '../runtime/types.ts';
import { goQuote } from '../validation/errors.ts';
import { parseQuantity, quantityValue } from '../api/quantity.ts';
import { Backoff } from './backoff.ts';
import { formatPod } from './format.ts';
import { imageMessages, isValidImage, normalizeImage, syntheticImageID } from './images.ts';
import { HostLocalIPAM } from './ipam.ts';
import { readyConditions } from '../cluster/nodes.ts';
import { NodeStatusReporter } from './nodestatus.ts';
import { PROBE_LABEL, ProbeWorker, probeSpec, type ProbeResult, type ProbeType } from './prober.ts';
import { generateStatus, isSidecar, kindOf } from './status.ts';
import type { ContainerRecord, PodRecord } from './types.ts';
import { containerEnv, expandVars } from './env.ts';
import { etcHosts, resolvConf } from './podfiles.ts';
import { notSimulated, NOT_SIMULATED_REASON } from './unsimulated.ts';
import { VolumeManager } from './volumes.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs are plain JSON */
type Json = any;

/** The annotation the kubelet puts on the API object it mirrors a static pod into. */
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const PODS = preferredResourceForKind('Pod')!;

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';
/** PLEG relists every second; a container's exit is noticed at the next relist. */
const RELIST_MS = 1000;
/** pod_workers.go: after a sync error the pod is retried after Jitter(backOffPeriod=10s, 0.5). */
const SYNC_ERROR_BACKOFF_MS = 10_000;
/** kuberuntime_container.go minimumGracePeriodInSeconds. */
const MIN_GRACE_MS = 2000;
/** The kubelet's syncFrequency: a running pod's ConfigMap/Secret volume files are rewritten this often. */
const VOLUME_RESYNC_MS = 60_000;
/** Sandbox creation (RunPodSandbox: pause container + CNI ADD): chosen 400–1200 ms, seeded. */
const SANDBOX_MS: [number, number] = [400, 1200];

export interface KubeletOptions {
  podCIDR: string;
  firstFreeHost: number;
  /**
   * The Node this kubelet registers (initialNode, without status conditions) when none exists at
   * its start: a node joining the cluster, or a restart after `kubectl delete node`. Without it
   * the kubelet never registers.
   */
  initialNode?: () => KubeObject;
  /** The container runtime's NetworkReady (the CNI config flannel installs is on the node). Default: always. */
  networkReady?: () => boolean;
}

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  workingDir?: string;
  ports?: { containerPort: number; protocol?: string }[];
  /** Keep the process's stdin open (`kubectl run -i`); nothing attaches to it here. */
  stdin?: boolean;
  restartPolicy?: string;
  lifecycle?: { postStart?: Json; preStop?: Json };
  livenessProbe?: Json;
  readinessProbe?: Json;
  startupProbe?: Json;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

export class Kubelet {
  readonly actor: string;
  private readonly records = new Map<string, PodRecord>();
  private readonly byKey = new Map<string, string>();
  private readonly probes = new Map<string, Map<string, ProbeWorker>>();
  private ipam: HostLocalIPAM;
  private podCIDR: string;
  private readonly initialNode: (() => KubeObject) | undefined;
  private readonly networkReady: () => boolean;
  private readonly crashBackoff: Backoff;
  private readonly imageBackoff: Backoff;
  private readonly imageIDs = new Map<string, { imageID: string; sizeBytes: number }>();
  private readonly retries = new Map<string, number>();
  private readonly queue: WorkQueue;
  private informer?: Informer;
  private nodeStatus?: NodeStatusReporter;
  /** serializeImagePulls (default true): one pull at a time per node. */
  private pullChain: (() => void)[] = [];
  private pulling = false;
  private startedAtMs = 0;
  private readonly volumes: VolumeManager;
  /**
   * The node's filesystem (absolute path → content): hostPath volumes and local-path's volume
   * directories live here, and the node shell reads and writes the same map.
   */
  readonly nodeFs = new Map<string, string>();
  /** `systemctl stop kubelet`: the process is gone; containers keep running in containerd. */
  private stopped = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
    private readonly runtime: ContainerRuntime,
    readonly nodeName: string,
    opts: KubeletOptions,
  ) {
    this.actor = `kubelet/${nodeName}`;
    this.ipam = new HostLocalIPAM(opts.podCIDR, opts.firstFreeHost);
    this.podCIDR = opts.podCIDR;
    this.initialNode = opts.initialNode;
    this.networkReady = opts.networkReady ?? (() => true);
    const now = () => kernel.nowMs;
    this.crashBackoff = new Backoff(now);
    this.imageBackoff = new Backoff(now);
    this.queue = new WorkQueue(kernel, this.actor, (key) => this.sync(key));
    this.volumes = new VolumeManager(kernel, store, this.nodeFs);
  }

  start(): void {
    this.startedAtMs = this.kernel.nowMs;
    for (const pod of this.store.list(PODS)) if (this.mine(pod as KubeObject) && pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp) this.adopt(pod as KubeObject);
    this.informer = new Informer(this.store, PODS, { nodeName: this.nodeName });
    const enqueue = (pod: KubeObject) => {
      if (this.mine(pod)) this.queue.add(objectKey(pod.metadata.namespace, pod.metadata.name));
    };
    // pkg/kubelet/config: a status-only change is a RECONCILE, not an UPDATE; it does not wake the pod worker.
    const specChanged = (a: KubeObject, b: KubeObject) => a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp || !jsonEqual(a.spec, b.spec) || !jsonEqual(a.metadata.labels, b.metadata.labels) || !jsonEqual(a.metadata.annotations, b.metadata.annotations);
    this.informer.addEventHandler({ onAdd: enqueue, onUpdate: (old, pod) => specChanged(old, pod) && enqueue(pod), onDelete: enqueue });
    this.nodeStatus = new NodeStatusReporter(this.kernel, this.store, this.nodeName, this.actor);
    this.nodeStatus.start();
    if (!this.store.peek(preferredResourceForKind('Node')!, undefined, this.nodeName)) this.registerNode();
  }

  /**
   * kubelet_node_status.go updatePodCIDR: the node IPAM controller's spec.podCIDR, which a
   * re-registered Node gets anew; host-local hands out addresses from it (.1 is cni0, pods from .2).
   */
  setPodCIDR(cidr: string): void {
    if (cidr === this.podCIDR) return;
    this.podCIDR = cidr;
    this.ipam = new HostLocalIPAM(cidr, 2);
  }

  /**
   * registerWithAPIServer, the first thing syncNodeStatus does until registrationCompleted:
   * creates the Node from initialNode, whose condition setters ran on it (the pressure
   * conditions False with their events, Ready as the runtime's network allows; no Ready event
   * on a new Node). Once registered the kubelet never creates the Node again while it runs:
   * a deleted Node stays deleted and status updates fail until the process restarts.
   */
  private registerNode(): void {
    if (!this.initialNode) return;
    const NODES = preferredResourceForKind('Node')!;
    const node = this.initialNode();
    const ready = this.networkReady();
    node.status = { ...node.status, conditions: readyConditions(this.kernel.timestamp(), ready) };
    const created = this.store.create(NODES, node, this.actor);
    const nodeEvent = this.nodeEventRecorder(created);
    nodeEvent('Starting', 'Starting kubelet.');
    for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) nodeEvent(reason);
    nodeEvent('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.kernel.record({ source: this.actor, type: 'decision', reason: 'RegisteredNode', object: { kind: 'Node', name: this.nodeName, uid: created.metadata.uid }, message: `Successfully registered node ${this.nodeName}` });
    // Until the network plugin is ready the Node is NotReady; the next status update after it is posts Ready.
    if (!ready) this.nodeStatus?.awaitReady(this.networkReady, () => nodeEvent('NodeReady'));
  }

  /** pkg/kubelet/events: the kubelet's events on its Node use the node name as the uid. */
  private nodeEventRecorder(node: KubeObject): (reason: string, message?: string) => void {
    const ref = { ...node, metadata: { ...node.metadata, uid: this.nodeName } } as KubeObject;
    return (reason, message = `Node ${this.nodeName} status is now: ${reason}`) => this.events.record(ref, 'Normal', reason, message, { component: 'kubelet', host: this.nodeName });
  }

  /**
   * `systemctl stop kubelet`: the kubelet process stops. It no longer syncs pods (no starts,
   * restarts, kills, status writes or deletions) and no longer posts node status; the containers
   * keep running in the runtime, as they do under containerd when the kubelet dies. Timers
   * already scheduled still fire but find the kubelet stopped and do nothing.
   */
  stop(): void {
    this.stopped = true;
    if (this.nodeStatus) this.nodeStatus.paused = true;
    this.kernel.record({ source: this.actor, type: 'decision', reason: 'Stopped', message: `kubelet on ${this.nodeName} stopped` });
  }

  /**
   * `systemctl start kubelet` after a stop: the kubelet records its start events, posts its
   * node status (the four conditions a healthy kubelet sets; a change from what the node
   * controller wrote gets a new lastTransitionTime and an event, as the condition setters in
   * pkg/kubelet/nodestatus/setters.go do) and syncs every pod bound to its node again: pods
   * deleted meanwhile are terminated, force-deleted ones stopped.
   */
  resume(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.nodeStatus) this.nodeStatus.paused = false;
    const NODES = preferredResourceForKind('Node')!;
    const node = this.store.get(NODES, undefined, this.nodeName);
    // A new process starts with registrationCompleted false: a Node deleted meanwhile is registered again.
    if (!node) this.registerNode();
    if (node) {
      const nodeEvent = this.nodeEventRecorder(node);
      const reasons: Record<string, string> = { MemoryPressure: 'NodeHasSufficientMemory', DiskPressure: 'NodeHasNoDiskPressure', PIDPressure: 'NodeHasSufficientPID', Ready: 'NodeReady' };
      nodeEvent('Starting', 'Starting kubelet.');
      // initialNode runs the condition setters on a fresh Node object: the pressure conditions
      // go from nothing to False, which records their events on every start.
      for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) nodeEvent(reasons[type]!);
      nodeEvent('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
      // The first status update against the stored Node: a condition the node controller set to
      // Unknown changes again (a repeat event, counted x2), and Ready records NodeReady.
      const now = this.kernel.timestamp();
      const old = new Map<string, Json>((node.status?.conditions ?? []).map((c: Json) => [c.type, c]));
      const healthy = readyConditions(now) as Json[];
      node.status.conditions = healthy.map((c) => {
        const prev = old.get(c.type);
        if (prev && prev.status === c.status) return { ...c, lastTransitionTime: prev.lastTransitionTime };
        nodeEvent(reasons[c.type]!);
        return c;
      });
      this.store.update(NODES, node, this.actor, { subresource: 'status', message: `node ${this.nodeName} status: Ready` });
    }
    for (const rec of this.records.values()) {
      // A restarted kubelet's status manager starts from the API's pod status (the node
      // controller set Ready=False meanwhile), so every pod's status is written afresh.
      for (const cond of this.currentPod(rec)?.status?.conditions ?? []) rec.transitions.set(cond.type, { status: cond.status, at: cond.lastTransitionTime });
      for (const c of rec.containers.values()) c.adopted = false;
    }
    const keys = new Set(this.byKey.keys());
    for (const pod of this.store.list(PODS)) if (this.mine(pod as KubeObject)) keys.add(objectKey(pod.metadata.namespace, pod.metadata.name));
    for (const key of [...keys].sort()) this.queue.add(key);
  }

  /** The runtime's id for a containerStatus.containerID (`containerd://…`), for `kubectl logs`/`exec` (the kubelet's /containerLogs and /exec). */
  runtimeIdOf(containerID: string): string | undefined {
    return this.runtimeIds.get(containerID);
  }

  /** The images this kubelet pulled, for node.status.images. */
  pulledImages(): { names: string[]; sizeBytes: number }[] {
    return [...this.imageIDs].map(([image, v]) => ({ names: [v.imageID, image], sizeBytes: v.sizeBytes }));
  }

  private mine(pod: KubeObject): boolean {
    return pod.spec?.nodeName === this.nodeName;
  }

  // ---- adoption -------------------------------------------------------------------------------

  /** Takes over a Pod that was running before this kubelet started: containers are recreated silently. */
  private adopt(pod: KubeObject): void {
    const rec = this.newRecord(pod);
    rec.sandboxReady = true;
    rec.podIP = pod.status?.podIP;
    if (rec.podIP && !pod.spec.hostNetwork) this.ipam.reserve(rec.podIP, rec.uid);
    rec.startTimeMs = this.msOf(pod.status?.startTime) ?? this.kernel.nowMs;
    for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const c = rec.containers.get(cs.name);
      if (!c) continue;
      c.adopted = true;
      c.restartCount = cs.restartCount ?? 0;
      c.instances = c.restartCount + 1;
      c.imageID = cs.imageID;
      c.started = cs.started ?? true;
      c.ready = cs.ready ?? false;
      if (cs.state?.running) {
        const spec = this.containerSpec(pod, cs.name)!;
        this.volumes.mount(pod);
        const cfg = this.config(pod, rec, spec);
        const id = this.runtime.createContainer(this.nodeName, 'error' in cfg ? this.baseConfig(pod, rec, spec) : cfg);
        const containerID: string = cs.containerID ?? `containerd://${id}`;
        c.id = containerID;
        c.runningSinceMs = this.msOf(cs.state.running.startedAt) ?? this.kernel.nowMs;
        this.runtimeIds.set(containerID, id);
        this.runtime.startContainer(id, (exit) => this.onExit(rec, c, containerID, exit));
      } else if (cs.state?.terminated) {
        const t = cs.state.terminated;
        c.id = t.containerID;
        c.terminated = { exitCode: t.exitCode, reason: t.reason, startedAtMs: this.msOf(t.startedAt) ?? 0, finishedAtMs: this.msOf(t.finishedAt) ?? 0, containerID: t.containerID };
      }
    }
    this.startProbes(pod, rec, true);
    this.kernel.record({ source: this.actor, type: 'decision', reason: 'Adopted', object: { kind: 'Pod', namespace: rec.namespace, name: rec.name, uid: rec.uid }, message: `adopted running pod ${rec.namespace}/${rec.name}` });
  }

  /** containerStatus.containerID → the runtime's id. */
  private readonly runtimeIds = new Map<string, string>();

  private newRecord(pod: KubeObject): PodRecord {
    const rec: PodRecord = {
      uid: pod.metadata.uid,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name,
      sandboxReady: false,
      sandboxCreating: false,
      startTimeMs: this.kernel.nowMs,
      containers: new Map(),
      terminating: false,
      terminated: false,
      transitions: new Map(),
    };
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers] as ContainerSpec[]) {
      rec.containers.set(c.name, { name: c.name, kind: kindOf(pod.spec, c.name), image: normalizeImage(c.image), restartCount: 0, instances: 0, started: false, ready: false, busy: false, killing: false });
    }
    for (const cond of pod.status?.conditions ?? []) rec.transitions.set(cond.type, { status: cond.status, at: cond.lastTransitionTime });
    this.records.set(rec.uid, rec);
    this.byKey.set(objectKey(rec.namespace, rec.name), rec.uid);
    return rec;
  }

  // ---- the pod worker -------------------------------------------------------------------------

  private sync(key: string): void {
    if (this.stopped) return; // resume() re-queues every pod
    const [namespace, name] = key.split('/') as [string, string];
    // The stored object itself, not a copy (a sync per Pod change is the kubelet's hottest read):
    // nothing below writes to it; status writes build their own object (writeStatus).
    const pod = this.store.peek(PODS, namespace, name) as KubeObject | undefined;
    const knownUid = this.byKey.get(key);
    const known = knownUid ? this.records.get(knownUid) : undefined;
    if (known && (!pod || pod.metadata.uid !== known.uid)) this.podRemoved(known);
    if (!pod || !this.mine(pod)) return;
    let rec = this.records.get(pod.metadata.uid);
    if (!rec) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      rec = this.newRecord(pod);
      this.startProbes(pod, rec, false);
    }
    if (rec.terminated) return;
    if (pod.metadata.deletionTimestamp && pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) {
      this.recreateMirrorPod(pod, rec);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.terminate(pod, rec);
      return;
    }
    if (rec.terminalPhase) {
      this.writeStatus(rec);
      return;
    }
    // SyncPod: while the network plugin is not ready only host-network Pods start (the pod worker retries).
    if (!rec.sandboxReady && !pod.spec.hostNetwork && !this.networkReady()) {
      this.recordEvent(pod, 'Warning', 'NetworkNotReady', 'network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized');
      this.writeStatus(rec);
      this.retryLater(rec);
      return;
    }
    // volumemanager WaitForAttachAndMount: volumes first, then the sandbox; later syncs refresh configMap/secret files.
    if (rec.mountRetryPending) return;
    if (!this.mountVolumes(pod, rec)) {
      this.writeStatus(rec);
      return;
    }
    if (!rec.sandboxReady) {
      if (!rec.sandboxCreating) this.createSandbox(pod, rec);
      this.writeStatus(rec);
      return;
    }
    if (rec.working) return;
    this.computeAndRun(pod, rec);
    this.writeStatus(rec);
  }

  /** The steps of computePodActions, in order: kill unhealthy, next init container, then app containers. */
  private computeAndRun(pod: KubeObject, rec: PodRecord): void {
    const policy: string = pod.spec.restartPolicy ?? 'Always';
    // Containers that failed liveness or startup are killed (and restarted where the policy allows).
    for (const c of rec.containers.values()) {
      if (c.runningSinceMs === undefined || c.killing || c.busy) continue;
      const workers = this.probes.get(rec.uid);
      const failed = (['liveness', 'startup'] as ProbeType[]).find((t) => workers?.get(`${c.name}/${t}`)?.resultFor(c.id) === 'Failure' && (t === 'liveness' || !c.started));
      if (!failed) continue;
      const restart = c.kind === 'sidecar' || policy !== 'Never';
      const previousFinish = c.lastTerminated?.finishedAtMs;
      this.recordEvent(pod, 'Normal', 'Killing', `Container ${c.name} failed ${failed} probe${restart ? ', will be restarted' : ''}`);
      this.killContainer(pod, rec, c, this.graceMs(pod), () => {
        if (restart && !rec.terminating) this.startContainers(pod, rec, [{ c, backoffSinceMs: previousFinish }]);
        else this.queue.add(objectKey(rec.namespace, rec.name));
      });
    }
    if (rec.working) return;
    // Init containers, one at a time; a sidecar counts as done once started.
    const toStart: { c: ContainerRecord; backoffSinceMs: number | undefined }[] = [];
    for (const spec of (pod.spec.initContainers ?? []) as ContainerSpec[]) {
      const c = rec.containers.get(spec.name)!;
      if (c.busy || c.killing) return;
      if (isSidecar(spec)) {
        if (c.runningSinceMs !== undefined) {
          if (c.started) continue;
          return;
        }
        this.startContainers(pod, rec, [{ c, backoffSinceMs: c.terminated?.finishedAtMs }]);
        return;
      }
      if (c.terminated?.exitCode === 0) continue;
      if (c.runningSinceMs !== undefined) return;
      if (c.terminated && policy === 'Never') return;
      this.startContainers(pod, rec, [{ c, backoffSinceMs: c.terminated?.finishedAtMs }]);
      return;
    }
    // Sidecars that exited after initialization are restarted whatever the pod's policy.
    for (const c of rec.containers.values()) {
      if (c.kind === 'sidecar' && !c.busy && !c.killing && c.runningSinceMs === undefined && c.terminated) toStart.push({ c, backoffSinceMs: c.terminated.finishedAtMs });
    }
    for (const spec of pod.spec.containers as ContainerSpec[]) {
      const c = rec.containers.get(spec.name)!;
      if (c.busy || c.killing || c.runningSinceMs !== undefined) continue;
      if (!c.terminated) {
        if (c.instances === 0) toStart.push({ c, backoffSinceMs: undefined });
        continue;
      }
      if (policy === 'Always' || (policy === 'OnFailure' && c.terminated.exitCode !== 0)) toStart.push({ c, backoffSinceMs: c.terminated.finishedAtMs });
    }
    if (toStart.length) {
      this.startContainers(pod, rec, toStart);
      return;
    }
    // All main containers are done for good: stop the sidecars, last first.
    const mainDone = (pod.spec.containers as ContainerSpec[]).every((s) => rec.containers.get(s.name)!.terminated && rec.containers.get(s.name)!.runningSinceMs === undefined);
    if (mainDone && policy !== 'Always') this.stopSidecars(pod, rec, this.graceMs(pod), () => this.queue.add(objectKey(rec.namespace, rec.name)));
  }

  /** A sync that failed (back-off, pull error) is retried after Jitter(10s, 0.5), one pending retry per pod. */
  private retryLater(rec: PodRecord): void {
    const key = objectKey(rec.namespace, rec.name);
    const delay = SYNC_ERROR_BACKOFF_MS * (1 + 0.5 * this.kernel.rng.nextFloat());
    const token = (this.retries.get(rec.uid) ?? 0) + 1;
    this.retries.set(rec.uid, token);
    this.kernel.after(delay, `${this.actor}: retry ${key}`, () => {
      if (this.retries.get(rec.uid) === token) this.queue.add(key);
    });
  }

  /** The next PLEG relist after now: container events reach the pod worker there. */
  private plegDelay(): number {
    const phase = (this.kernel.nowMs - this.startedAtMs) % RELIST_MS;
    return RELIST_MS - phase;
  }

  private plegNotify(rec: PodRecord): void {
    const key = objectKey(rec.namespace, rec.name);
    this.kernel.after(this.plegDelay(), `${this.actor}: pleg ${key}`, () => this.queue.add(key));
  }

  // ---- sandbox ------------------------------------------------------------------------------

  private createSandbox(pod: KubeObject, rec: PodRecord): void {
    rec.sandboxCreating = true;
    const delay = this.kernel.rng.intBetween(SANDBOX_MS[0], SANDBOX_MS[1]);
    this.kernel.after(delay, `${this.actor}: RunPodSandbox ${rec.namespace}/${rec.name}`, () => {
      rec.sandboxCreating = false;
      if (rec.terminated) return;
      if (pod.spec.hostNetwork) rec.podIP = this.hostIP();
      else {
        const ip = this.ipam.allocate(rec.uid);
        if (!ip) {
          const msg = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="flannel" failed (add): failed to delegate add: failed to allocate for range 0: no IP addresses available in range set`;
          this.recordEvent(pod, 'Warning', 'FailedCreatePodSandBox', msg);
          this.retryLater(rec);
          return;
        }
        rec.podIP = ip;
      }
      rec.sandboxId = this.runtime.createContainer(this.nodeName, { podNamespace: rec.namespace, podName: rec.name, podUid: rec.uid, name: 'POD', image: PAUSE_IMAGE, podIP: rec.podIP, hostname: rec.name });
      this.runtime.startContainer(rec.sandboxId, () => undefined);
      rec.sandboxReady = true;
      this.kernel.record({ source: this.actor, type: 'decision', reason: 'SandboxReady', object: { kind: 'Pod', namespace: rec.namespace, name: rec.name, uid: rec.uid }, message: `sandbox ready, pod IP ${rec.podIP}` });
      this.queue.add(objectKey(rec.namespace, rec.name));
    });
  }

  /** Sets up the pod's volumes; on failure the FailedMount event and a retry after the operation's back-off. */
  private mountVolumes(pod: KubeObject, rec: PodRecord): boolean {
    const first = !this.volumes.mounted(rec.uid);
    const r = this.volumes.mount(pod);
    if (r.ok) {
      if (first) {
        this.refreshVolumesLater(rec);
        // Once per Pod: what it asks for that this kubelet would otherwise ignore in silence.
        for (const message of notSimulated(pod)) this.recordEvent(pod, 'Warning', NOT_SIMULATED_REASON, message);
      }
      return true;
    }
    if (this.volumes.mounted(rec.uid)) return true; // a source removed after the mount: the files stay as they were
    // operation_generator.go: `MountVolume.SetUp failed for volume "v" : <err>` (reason FailedMount).
    this.recordEvent(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${r.volume}" : ${r.message}`);
    rec.mountRetryPending = true;
    const key = objectKey(rec.namespace, rec.name);
    this.kernel.after(this.volumes.nextRetryMs(rec.uid), `${this.actor}: mount volumes ${key}`, () => {
      rec.mountRetryPending = false;
      this.queue.add(key);
    });
    return false;
  }

  /**
   * ConfigMap and Secret volumes follow their objects: the kubelet's periodic sync (syncFrequency
   * 1m) rewrites the files from its cache, so an update shows in the container within a minute.
   */
  private refreshVolumesLater(rec: PodRecord): void {
    const key = objectKey(rec.namespace, rec.name);
    const pod = this.store.peek(PODS, rec.namespace, rec.name);
    const watched = ((pod?.spec?.volumes ?? []) as Json[]).some((v) => v.configMap || v.secret || (v.projected?.sources ?? []).some((s: Json) => (s.configMap && s.configMap.name !== 'kube-root-ca.crt') || s.secret));
    if (!watched) return;
    this.kernel.after(VOLUME_RESYNC_MS, `${this.actor}: resync volumes ${key}`, () => {
      const current = this.store.peek(PODS, rec.namespace, rec.name);
      if (this.records.get(rec.uid) !== rec || rec.terminated || !current || current.metadata.uid !== rec.uid) return;
      if (!this.stopped) this.volumes.mount(current as KubeObject);
      this.refreshVolumesLater(rec);
    });
  }

  private hostIP(): string {
    const node = this.store.peek(preferredResourceForKind('Node')!, undefined, this.nodeName);
    const addr = (node?.status?.addresses ?? []).find((a: Json) => a.type === 'InternalIP');
    return addr?.address ?? '';
  }

  // ---- starting containers ------------------------------------------------------------------

  /**
   * SyncPod's start loop: each container in turn (the pod worker blocks on pulls, create, start
   * and postStart), checking its back-off first.
   */
  private startContainers(pod: KubeObject, rec: PodRecord, list: { c: ContainerRecord; backoffSinceMs: number | undefined }[]): void {
    rec.working = true;
    let failed = false;
    const next = (i: number) => {
      if (i >= list.length || rec.terminating || rec.terminated) {
        rec.working = false;
        this.writeStatus(rec);
        if (failed) this.retryLater(rec);
        // PLEG reports the ContainerStarted events at its next relist, which wakes the worker again.
        else this.plegNotify(rec);
        if (rec.terminating) this.queue.add(objectKey(rec.namespace, rec.name));
        return;
      }
      const { c, backoffSinceMs } = list[i]!;
      const spec = this.containerSpec(pod, c.name)!;
      if (backoffSinceMs !== undefined && this.doBackOff(pod, c, backoffSinceMs)) {
        failed = true;
        next(i + 1);
        return;
      }
      c.busy = true;
      this.startContainer(pod, rec, c, spec, (ok) => {
        c.busy = false;
        if (!ok) failed = true;
        this.writeStatus(rec);
        next(i + 1);
      });
    };
    next(0);
  }

  /** kuberuntime_manager.go doBackOff: true (and the BackOff event) while the container is in back-off. */
  private doBackOff(pod: KubeObject, c: ContainerRecord, finishedAtMs: number): boolean {
    const key = `${pod.metadata.uid}/${c.name}`;
    if (this.crashBackoff.isInBackOffSince(key, finishedAtMs)) {
      this.recordEvent(pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`);
      const seconds = this.crashBackoff.get(key) / 1000;
      c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goSeconds(seconds)} restarting failed container=${c.name} pod=${formatPod(pod)}` };
      return true;
    }
    this.crashBackoff.next(key, finishedAtMs);
    return false;
  }

  /** kuberuntime_container.go startContainer: image, create, start, postStart. */
  private startContainer(pod: KubeObject, rec: PodRecord, c: ContainerRecord, spec: ContainerSpec, done: (ok: boolean) => void): void {
    this.ensureImage(pod, rec, c, spec, (ok) => {
      if (!ok || rec.terminating) return done(false);
      const cfg = this.config(pod, rec, spec);
      if ('error' in cfg) {
        // kuberuntime_container.go startContainer: generateContainerConfig failed.
        c.waiting = { reason: 'CreateContainerConfigError', message: cfg.error };
        this.recordEvent(pod, 'Warning', 'Failed', `Error: ${cfg.error}`);
        return done(false);
      }
      const id = this.runtime.createContainer(this.nodeName, cfg);
      const containerID = `containerd://${id}`;
      this.runtimeIds.set(containerID, id);
      if (c.terminated) c.lastTerminated = c.terminated;
      c.terminated = undefined;
      c.restartCount = c.instances;
      c.instances++;
      c.id = containerID;
      c.started = false;
      c.ready = false;
      this.recordEvent(pod, 'Normal', 'Created', `Created container ${c.name}`);
      const startedAtMs = this.kernel.nowMs;
      let exited = false;
      this.runtime.startContainer(id, (exit) => {
        exited = true;
        if (c.runningSinceMs === undefined && c.id === containerID) c.runningSinceMs = startedAtMs;
        this.onExit(rec, c, containerID, exit);
      });
      this.recordEvent(pod, 'Normal', 'Started', `Started container ${c.name}`);
      const running = () => {
        c.waiting = undefined;
        if (exited) return done(true);
        c.runningSinceMs = startedAtMs;
        c.started = !spec.startupProbe;
        c.ready = !spec.readinessProbe;
        this.probes.get(rec.uid)?.get(`${c.name}/readiness`)?.trigger();
        done(true);
      };
      const hook = spec.lifecycle?.postStart;
      if (!hook) return running();
      this.runtime.runHook(id, hookAction(hook), (r) => {
        if (r.ok || exited) return running();
        const msg = hookFailure(hook, c.name, pod, r);
        // kuberuntime_container.go startContainer (v1.26+): the event does not carry the hook's output
        // ("do not record the message in the event so that secrets won't leak"); the waiting state does.
        // killContainer then records Killing with the message "FailedPostStartHook".
        this.recordEvent(pod, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
        c.runningSinceMs = startedAtMs;
        this.recordEvent(pod, 'Normal', 'Killing', 'FailedPostStartHook');
        this.killContainer(pod, rec, c, this.graceMs(pod), () => {
          c.waiting = { reason: 'PostStartHookError', message: msg };
          done(false);
        });
      });
    });
  }

  /** images/image_manager.go EnsureImageExists, with the kubelet's serial puller. */
  private ensureImage(pod: KubeObject, rec: PodRecord, c: ContainerRecord, spec: ContainerSpec, done: (ok: boolean) => void): void {
    const image = spec.image;
    const fail = (reason: string, message: string) => {
      c.waiting = { reason, message };
      this.recordEvent(pod, 'Warning', 'Failed', `Error: ${reason}`);
      done(false);
    };
    if (!isValidImage(image)) {
      const msg = imageMessages.invalid(image);
      this.recordEvent(pod, 'Warning', 'InspectFailed', msg);
      return fail('InvalidImageName', msg);
    }
    const policy = spec.imagePullPolicy ?? 'IfNotPresent';
    const present = this.runtime.hasImage(this.nodeName, image);
    if (present && policy !== 'Always') {
      this.recordEvent(pod, 'Normal', 'Pulled', imageMessages.present(image));
      c.imageID = this.imageIDs.get(normalizeImage(image))?.imageID ?? syntheticImageID(image);
      return done(true);
    }
    if (policy === 'Never') {
      const msg = imageMessages.neverPull(image);
      this.recordEvent(pod, 'Warning', 'ErrImageNeverPull', msg);
      return fail('ErrImageNeverPull', msg);
    }
    const backoffKey = `${pod.metadata.uid}_${image}`;
    if (this.imageBackoff.isInBackOffSinceUpdate(backoffKey, this.kernel.nowMs)) {
      const msg = imageMessages.backOff(image);
      this.recordEvent(pod, 'Normal', 'BackOff', msg);
      return fail('ImagePullBackOff', msg);
    }
    this.recordEvent(pod, 'Normal', 'Pulling', imageMessages.pulling(image));
    const askedAtMs = this.kernel.nowMs;
    this.enqueuePull(() => {
      this.runtime.pullImage(this.nodeName, image, (r) => {
        this.pullDone();
        if (rec.terminating) return done(false);
        if (!r.ok) {
          this.recordEvent(pod, 'Warning', 'Failed', imageMessages.failed(image, r.message));
          this.imageBackoff.next(backoffKey, this.kernel.nowMs);
          return fail(r.reason, r.message);
        }
        this.recordEvent(pod, 'Normal', 'Pulled', imageMessages.pulled(image, r.pulledInMs, this.kernel.nowMs - askedAtMs, r.sizeBytes));
        this.imageIDs.set(normalizeImage(image), { imageID: r.imageID, sizeBytes: r.sizeBytes });
        this.nodeStatus?.setImages(this.pulledImages());
        c.imageID = r.imageID;
        done(true);
      });
    });
  }

  private enqueuePull(run: () => void): void {
    this.pullChain.push(run);
    if (!this.pulling) this.nextPull();
  }

  private nextPull(): void {
    const run = this.pullChain.shift();
    this.pulling = run !== undefined;
    run?.();
  }

  private pullDone(): void {
    this.nextPull();
  }

  /** A container's process ended (the runtime's event, seen by PLEG at its next relist). */
  private onExit(rec: PodRecord, c: ContainerRecord, containerID: string, exit: ExitStatus): void {
    if (c.id !== containerID) return;
    const t = { exitCode: exit.exitCode, reason: exit.reason, startedAtMs: c.runningSinceMs ?? this.kernel.nowMs, finishedAtMs: this.kernel.nowMs, containerID };
    c.terminated = exit.signal ? { ...t, signal: exit.signal } : exit.message ? { ...t, message: exit.message } : t;
    c.runningSinceMs = undefined;
    c.started = false;
    c.ready = false;
    this.kernel.record({ source: this.actor, type: 'decision', reason: 'ContainerDied', object: { kind: 'Pod', namespace: rec.namespace, name: rec.name, uid: rec.uid }, message: `container ${c.name} exited with code ${exit.exitCode} (${exit.reason})` });
    const waiter = this.exitWaiters.get(containerID);
    if (waiter) {
      this.exitWaiters.delete(containerID);
      waiter();
    }
    if (!c.killing && !rec.working) this.plegNotify(rec);
  }

  private readonly exitWaiters = new Map<string, () => void>();

  // ---- killing ------------------------------------------------------------------------------

  /** killContainer: preStop (bounded by the grace period), SIGTERM, SIGKILL after the rest of it (at least 2s). */
  private killContainer(pod: KubeObject, rec: PodRecord, c: ContainerRecord, graceMs: number, done: () => void): void {
    const containerID = c.id;
    const id = containerID ? this.runtimeIds.get(containerID) : undefined;
    if (!id || !containerID || c.runningSinceMs === undefined) return done();
    c.killing = true;
    rec.working = true;
    const startMs = this.kernel.nowMs;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      c.killing = false;
      rec.working = false;
      done();
    };
    this.exitWaiters.set(containerID, finish);
    const stop = () => {
      if (finished) return;
      const remaining = Math.max(MIN_GRACE_MS, graceMs - (this.kernel.nowMs - startMs));
      this.runtime.signal(id, 15);
      this.kernel.after(remaining, `${this.actor}: SIGKILL ${c.name}`, () => {
        if (!finished && c.id === containerID) this.runtime.signal(id, 9);
      });
    };
    const preStop = this.containerSpec(pod, c.name)?.lifecycle?.preStop;
    if (!preStop || graceMs <= 0) return stop();
    let hookOver = false;
    this.runtime.runHook(id, hookAction(preStop), (r) => {
      if (hookOver) return;
      hookOver = true;
      // kuberuntime_container.go executePreStopHook (v1.26+): the event hides the hook's output.
      if (!r.ok) this.recordEvent(pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
      stop();
    });
    this.kernel.after(graceMs, `${this.actor}: preStop timeout ${c.name}`, () => {
      if (hookOver) return;
      hookOver = true;
      stop();
    });
  }

  /** Sidecars stop after the main containers, in reverse spec order, each after the later ones. */
  private stopSidecars(pod: KubeObject, rec: PodRecord, deadlineMs: number, done: () => void): void {
    const sidecars = [...rec.containers.values()].filter((c) => c.kind === 'sidecar' && c.runningSinceMs !== undefined && !c.killing).reverse();
    const next = (i: number) => {
      const c = sidecars[i];
      if (!c) return done();
      this.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${c.name}`);
      this.killContainer(pod, rec, c, Math.max(0, deadlineMs), () => next(i + 1));
    };
    next(0);
  }

  /** SyncTerminatingPod: stop every container within the pod's grace period, write the final status, delete. */
  private terminate(pod: KubeObject, rec: PodRecord): void {
    if (rec.terminating) {
      if (!rec.working && !rec.stopping) this.finishTermination(pod, rec);
      return;
    }
    rec.terminating = true;
    rec.stopping = true;
    for (const w of this.probes.get(rec.uid)?.values() ?? []) if (w.type !== 'readiness') w.stop();
    const graceMs = this.graceMs(pod);
    const startMs = this.kernel.nowMs;
    const begin = () => {
      const mains = [...rec.containers.values()].filter((c) => c.kind !== 'sidecar' && c.runningSinceMs !== undefined);
      let pending = mains.length;
      const mainsDone = () => {
        this.stopSidecars(pod, rec, graceMs - (this.kernel.nowMs - startMs), () => {
          rec.stopping = false;
          this.finishTermination(pod, rec);
        });
      };
      if (pending === 0) return mainsDone();
      for (const c of mains) {
        this.recordEvent(pod, 'Normal', 'Killing', `Stopping container ${c.name}`);
        this.killContainer(pod, rec, c, graceMs, () => {
          rec.working = true;
          if (--pending === 0) {
            rec.working = false;
            mainsDone();
          }
        });
      }
      if (pending > 0) rec.working = true;
    };
    // A start in flight (pull, postStart) ends first; its chain re-queues the pod.
    if (rec.working) {
      rec.stopping = false;
      rec.terminating = false;
      return;
    }
    begin();
  }

  private finishTermination(pod: KubeObject, rec: PodRecord): void {
    if (rec.terminated || rec.finishing) return;
    // The containers' exits reach the pod worker at PLEG's next relist; only then does it write
    // the final status and let the status manager delete the Pod.
    rec.finishing = true;
    this.kernel.after(this.plegDelay(), `kubelet/${this.nodeName}: terminated ${rec.namespace}/${rec.name}`, () => this.completeTermination(pod, rec));
  }

  private completeTermination(pod: KubeObject, rec: PodRecord): void {
    if (rec.terminated) return;
    if (this.stopped) {
      rec.finishing = false; // the sync after resume() finishes it
      return;
    }
    rec.terminated = true;
    this.writeStatus(rec);
    this.teardown(rec);
    const current = this.store.peek(PODS, rec.namespace, rec.name);
    if (current && current.metadata.uid === rec.uid && !(current.metadata.finalizers?.length)) this.store.finalizeDelete(PODS, rec.namespace, rec.name, this.actor);
    void pod;
  }

  /** The Pod object is gone from the API (force delete): stop what still runs and forget it. */
  /**
   * A mirror pod deleted through the API: the static pod it mirrors comes from a file on the node,
   * so its containers keep running; the kubelet's mirror client deletes the old mirror pod and
   * creates a new one (new uid, new creation time) in its place (kubelet pod_workers / mirror_client.go).
   */
  private recreateMirrorPod(pod: KubeObject, rec: PodRecord): void {
    const key = objectKey(rec.namespace, rec.name);
    this.store.delete(PODS, rec.namespace, rec.name, this.actor, { gracePeriodSeconds: 0 });
    const mirror: KubeObject = {
      ...pod,
      metadata: {
        name: pod.metadata.name,
        namespace: pod.metadata.namespace,
        ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
        ...(pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}),
        ...(pod.metadata.ownerReferences ? { ownerReferences: pod.metadata.ownerReferences } : {}),
      } as KubeObject['metadata'],
    };
    const created = this.store.create(PODS, mirror, this.actor);
    this.records.delete(rec.uid);
    rec.uid = created.metadata.uid;
    this.records.set(rec.uid, rec);
    this.byKey.set(key, rec.uid);
    this.writeStatus(rec);
  }

  private podRemoved(rec: PodRecord): void {
    this.byKey.delete(objectKey(rec.namespace, rec.name));
    if (rec.terminated) return;
    rec.terminated = true;
    rec.terminating = true;
    for (const c of rec.containers.values()) {
      const id = c.id ? this.runtimeIds.get(c.id) : undefined;
      if (id && c.runningSinceMs !== undefined) {
        this.runtime.signal(id, 15);
        this.kernel.after(MIN_GRACE_MS, `${this.actor}: SIGKILL ${c.name}`, () => c.runningSinceMs !== undefined && this.runtime.signal(id, 9));
      }
    }
    this.teardown(rec);
  }

  private teardown(rec: PodRecord): void {
    for (const w of this.probes.get(rec.uid)?.values() ?? []) w.stop();
    this.probes.delete(rec.uid);
    this.ipam.release(rec.uid);
    if (rec.sandboxId) this.runtime.signal(rec.sandboxId, 9);
    this.crashBackoff.forgetPrefix(`${rec.uid}/`);
    this.imageBackoff.forgetPrefix(`${rec.uid}_`);
    this.volumes.remove(rec.uid);
    this.records.delete(rec.uid);
    if (this.byKey.get(objectKey(rec.namespace, rec.name)) === rec.uid) this.byKey.delete(objectKey(rec.namespace, rec.name));
  }

  private graceMs(pod: KubeObject): number {
    const seconds = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    return seconds * 1000;
  }

  // ---- probes -------------------------------------------------------------------------------

  private startProbes(pod: KubeObject, rec: PodRecord, adopted: boolean): void {
    const workers = new Map<string, ProbeWorker>();
    for (const spec of [...(pod.spec.initContainers ?? []).filter(isSidecar), ...pod.spec.containers] as ContainerSpec[]) {
      for (const type of ['startup', 'liveness', 'readiness'] as ProbeType[]) {
        const p = spec[`${type}Probe`];
        if (!p) continue;
        const ps = probeSpec(p);
        // worker.go: a kubelet that started less than a period ago spreads its first probes randomly.
        const recent = this.kernel.nowMs - this.startedAtMs < ps.periodSeconds * 1000;
        const delay = adopted || recent ? Math.floor(this.kernel.rng.nextFloat() * ps.periodSeconds * 1000) : 0;
        const w = new ProbeWorker(
          {
            kernel: this.kernel,
            runtime: { ...this.runtime, probe: (id, action, timeout, done) => this.runtime.probe(this.runtimeIds.get(id) ?? id, action, timeout, done) } as typeof this.runtime,
            container: () => (rec.terminated ? undefined : rec.containers.get(spec.name)),
            podDeleting: () => rec.terminating,
            restartPolicyNever: () => (pod.spec.restartPolicy ?? 'Always') === 'Never',
            // prober.go records the event against the container's reference (fieldPath spec.containers{name}):
            // the timeline entry keeps the container's name so the page can flash that container only.
            onFailedRun: (t, output) => this.recordEvent(this.currentPod(rec) ?? pod, 'Warning', 'Unhealthy', `${PROBE_LABEL[t]} probe failed: ${output}`, { container: spec.name }),
            onResult: (t, result) => this.onProbeResult(rec, spec.name, t, result),
          },
          type,
          ps,
          delay,
        );
        workers.set(`${spec.name}/${type}`, w);
      }
    }
    this.probes.set(rec.uid, workers);
  }

  private onProbeResult(rec: PodRecord, name: string, type: ProbeType, result: ProbeResult): void {
    if (this.stopped) return; // the prober is part of the stopped process
    const c = rec.containers.get(name);
    if (!c || c.runningSinceMs === undefined) return;
    if (type === 'readiness') {
      const ready = result === 'Success';
      if (c.ready !== ready) {
        c.ready = ready;
        this.writeStatus(rec);
      }
    } else if (type === 'startup' && result === 'Success') {
      if (!c.started) {
        c.started = true;
        this.writeStatus(rec);
        this.probes.get(rec.uid)?.get(`${name}/readiness`)?.trigger();
        this.queue.add(objectKey(rec.namespace, rec.name));
      }
    } else if (result === 'Failure') {
      this.queue.add(objectKey(rec.namespace, rec.name));
    }
  }

  // ---- status and events --------------------------------------------------------------------

  private currentPod(rec: PodRecord): KubeObject | undefined {
    const pod = this.store.peek(PODS, rec.namespace, rec.name);
    return pod && pod.metadata.uid === rec.uid ? (pod as KubeObject) : undefined;
  }

  /** The status manager: writes the generated status when it differs from the stored one. */
  private writeStatus(rec: PodRecord): void {
    if (this.stopped) return;
    const pod = this.currentPod(rec);
    if (!pod) return;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') rec.terminalPhase ??= pod.status.phase;
    const adopted = [...rec.containers.values()].some((c) => c.adopted);
    if (adopted && !this.changedSinceAdoption(rec)) return;
    const ts = (ms: number) => this.kernel.timestamp(ms);
    const status = generateStatus(pod, rec, this.hostIP(), ts, this.kernel.timestamp());
    if (jsonEqual(status, pod.status)) return;
    const next = deepCopy(pod as KubeObject);
    next.status = status;
    this.store.update(PODS, next, this.actor, { subresource: 'status', message: `pod ${rec.namespace}/${rec.name} status: ${status.phase}` });
  }

  /** Adopted pods keep their bootstrap status until something actually happens to a container. */
  private changedSinceAdoption(rec: PodRecord): boolean {
    const changed = [...rec.containers.values()].some((c) => !c.adopted || c.runningSinceMs === undefined || c.instances > c.restartCount + 1 || c.killing) || rec.terminating;
    if (changed) for (const c of rec.containers.values()) c.adopted = false;
    return changed;
  }

  private recordEvent(pod: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, data?: Record<string, string>): void {
    this.events.record(pod, type, reason, message, { component: 'kubelet', host: this.nodeName }, data);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private containerSpec(pod: KubeObject, name: string): ContainerSpec | undefined {
    return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c: ContainerSpec) => c.name === name);
  }

  /** What the runtime needs to create a container, without env (an adopted pod whose config fails still runs). */
  private baseConfig(pod: KubeObject, rec: PodRecord, spec: ContainerSpec) {
    const cfg: Parameters<ContainerRuntime['createContainer']>[1] = { podNamespace: rec.namespace, podName: rec.name, podUid: rec.uid, name: spec.name, image: spec.image, podIP: rec.podIP ?? '', hostname: pod.spec.hostname ?? rec.name };
    if (spec.command) cfg.command = spec.command;
    if (spec.args) cfg.args = spec.args;
    if (spec.workingDir) cfg.workingDir = spec.workingDir;
    if (spec.ports) cfg.ports = spec.ports;
    if (spec.stdin) cfg.stdin = true;
    // The cgroup's memory.max: what the OOM killer enforces.
    const limit = parseQuantity(spec.resources?.limits?.memory);
    if (limit) cfg.memoryLimitBytes = quantityValue(limit);
    return cfg;
  }

  /** kuberuntime_container.go generateContainerConfig: env, `$(VAR)` in command/args, mounts, /etc/hosts and resolv.conf. */
  private config(pod: KubeObject, rec: PodRecord, spec: ContainerSpec): Parameters<ContainerRuntime['createContainer']>[1] | { error: string } {
    const cfg = this.baseConfig(pod, rec, spec);
    const node = this.store.peek(preferredResourceForKind('Node')!, undefined, this.nodeName);
    const env = containerEnv(this.store, pod, spec, rec.podIP ?? '', this.hostIP(), node?.status?.allocatable ?? {});
    if (!env.ok) return { error: env.message };
    if (env.env.length) cfg.env = env.env;
    const vars = new Map(env.env.map((e) => [e.name, e.value] as const));
    if (spec.command) cfg.command = spec.command.map((a) => expandVars(a, vars));
    if (spec.args) cfg.args = spec.args.map((a) => expandVars(a, vars));
    const mounts = this.volumes.mountsFor(pod, spec);
    if (mounts.length) cfg.mounts = mounts;
    cfg.files = { '/etc/hosts': etcHosts(pod, rec.podIP ?? '', this.nodeName), '/etc/resolv.conf': resolvConf(pod) };
    return cfg;
  }

  private msOf(ts: string | undefined): number | undefined {
    const unix = ts ? parseRFC3339(ts) : undefined;
    return unix === undefined ? undefined : unix - EPOCH_MS;
  }
}

/** Go's Duration.String() for whole seconds (back-off values): `10s`, `1m20s`, `5m0s`. */
function goSeconds(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${seconds % 60}s` : `${seconds}s`;
}

function hookAction(h: Json) {
  if (h.exec) return { exec: h.exec };
  if (h.httpGet) return { httpGet: h.httpGet };
  if (h.sleep) return { sleep: h.sleep };
  return { tcpSocket: h.tcpSocket };
}

/**
 * pkg/kubelet/lifecycle/handlers.go's messages for a failed hook (v1.31): `Exec lifecycle hook
 * (%v) for Container %q in Pod %q failed - error: %v, message: %q`. The error is CRI ExecSync's
 * (cri-client remote_runtime.go: `command '<argv joined by spaces>' exited with <code>: <stderr>`),
 * the message RunInContainer's stdout followed by stderr, Go-quoted. An exec that never ran to its
 * end (a runc failure) is the runtime's error with no output.
 */
function hookFailure(h: Json, container: string, pod: KubeObject, r: ActionResult): string {
  if (h.exec) {
    const argv: string[] = h.exec.command ?? [];
    const where = `Exec lifecycle hook ([${argv.join(' ')}]) for Container "${container}" in Pod "${formatPod(pod)}" failed`;
    if (!r.exec) return `${where} - error: ${r.output}, message: ""`;
    return `${where} - error: command '${argv.join(' ')}' exited with ${r.exec.exitCode}: ${r.exec.stderr}, message: ${goQuote(r.exec.stdout + r.exec.stderr)}`;
  }
  if (h.httpGet) return `HTTP lifecycle hook (${h.httpGet.path ?? ''}) for Container "${container}" in Pod "${formatPod(pod)}" failed - error: ${r.output}`;
  return `${r.output}`;
}
