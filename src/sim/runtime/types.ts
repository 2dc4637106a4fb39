/**
 * The seam between the kubelet and the container runtime (the CRI, in Kubernetes' terms).
 *
 * The kubelet decides *when*: it asks the runtime to pull an image, create and start a
 * container, run a probe action or a lifecycle hook, or signal a container's process. The
 * runtime decides *what happens*: how long a pull takes and whether it succeeds, what a
 * process does and when it exits, what a probe or hook answers. It answers through callbacks
 * that it schedules on the kernel's agenda (never synchronously inside the call), so every
 * answer has a virtual time and lands in the timeline.
 *
 * Nothing here knows about Pods' phases, restart policies or back-off: that is the kubelet's.
 */

/** A container as the runtime needs it: what to run, with what environment, listening where. */
export interface ContainerConfig {
  /** Pod namespace/name and container name, for messages and logs. */
  podNamespace: string;
  podName: string;
  podUid: string;
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  workingDir?: string;
  /** Declared containerPorts (the generic process listens on exactly these). */
  ports?: { containerPort: number; protocol?: string }[];
  /** The Pod's IP and hostname, as the process sees them. */
  podIP: string;
  hostname: string;
  /**
   * Volumes mounted into the container: each a live map of relative path → content owned by the
   * kubelet for the pod (an emptyDir map is shared by the pod's containers; the kubelet rewrites
   * configMap/secret maps when their object changes). See volumes.ts.
   */
  mounts?: { mountPath: string; files: Map<string, string>; readOnly?: boolean; subPath?: string }[];
  /** Files the kubelet writes into the container (`/etc/hosts`, `/etc/resolv.conf`), by absolute path. */
  files?: Record<string, string>;
  /**
   * `stdin: true` in the spec: containerd keeps the process's stdin open (nothing is attached
   * to write to it here), so a shell without a command waits instead of reading end-of-file.
   */
  stdin?: boolean;
  /** `resources.limits.memory` in bytes: the container's cgroup limit (memory.max); past it the kernel OOM-kills it. */
  memoryLimitBytes?: number;
}

export type PullResult =
  | { ok: true; imageRef: string; imageID: string; sizeBytes: number; pulledInMs: number; alreadyPresent: boolean }
  /** reason: `ErrImagePull` (registry said no, unknown tag, ...) or `InvalidImageName`; message as containerd/kubelet word it. */
  | { ok: false; reason: 'ErrImagePull' | 'InvalidImageName'; message: string };

/** How a process ended: exit code, and the runtime's reason (`Completed`, `Error`, `OOMKilled`). */
export interface ExitStatus {
  exitCode: number;
  reason: 'Completed' | 'Error' | 'OOMKilled' | 'StartError';
  /** The signal that killed it, if any (9, 15). */
  signal?: number;
  message?: string;
}

/** A probe or hook action, as in the Pod spec (core/v1 ProbeHandler / LifecycleHandler). */
export type Action =
  | { exec: { command: string[] } }
  | { httpGet: { path?: string; port: number | string; host?: string; scheme?: string; httpHeaders?: { name: string; value: string }[] } }
  | { tcpSocket: { port: number | string; host?: string } }
  | { grpc: { port: number; service?: string } }
  | { sleep: { seconds: number } };

/** What a probe or hook answered: success or failure, and the output the kubelet quotes in its events. */
export interface ActionResult {
  ok: boolean;
  /** e.g. `HTTP probe failed with statuscode: 500`, `dial tcp 10.244.1.7:8080: connect: connection refused`. */
  output: string;
  /** For an exec action that ran to its end: its exit code, stdout and stderr apart (CRI ExecSyncResponse). */
  exec?: { exitCode: number; stdout: string; stderr: string };
}

export interface ContainerRuntime {
  /** Whether the node already has the image (imagePullPolicy IfNotPresent / Never decide with it). */
  hasImage(node: string, image: string): boolean;
  /** Pulls an image onto a node; `done` runs when the pull ends. */
  pullImage(node: string, image: string, done: (result: PullResult) => void): void;
  /** Creates a container (not started). Returns its id (`containerd://` + 64 hex is the kubelet's to add). */
  createContainer(node: string, config: ContainerConfig): string;
  /** Starts the process; `onExit` runs when it ends, whatever the cause. */
  startContainer(id: string, onExit: (status: ExitStatus) => void): void;
  /** Sends a signal to the container's main process (15 = SIGTERM, 9 = SIGKILL). */
  signal(id: string, signal: 9 | 15): void;
  /** Runs a probe action against a running container, with its timeout. */
  probe(id: string, action: Action, timeoutMs: number, done: (result: ActionResult) => void): void;
  /** Runs a postStart or preStop hook; `done` when it returns (or fails). */
  runHook(id: string, action: Action, done: (result: ActionResult) => void): void;
  /** Removes a stopped container and what it held. */
  removeContainer(id: string): void;
  /** The container's log (stdout and stderr, interleaved), for `kubectl logs`. */
  logs(id: string): string;
}
