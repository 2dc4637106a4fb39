/** The kubelet's own view of a pod's containers (its runtime cache plus reason cache). */

export type ContainerKind = 'init' | 'sidecar' | 'app';

export interface Terminated {
  exitCode: number;
  reason: string;
  signal?: number;
  message?: string;
  startedAtMs: number;
  finishedAtMs: number;
  containerID: string;
}

export interface ContainerRecord {
  name: string;
  kind: ContainerKind;
  image: string;
  imageID?: string;
  /** Runtime id of the current instance (running or exited). */
  id?: string;
  /** The current instance: running since, or how it ended. */
  runningSinceMs?: number;
  terminated?: Terminated;
  /** The instance before the current one (lastState.terminated). */
  lastTerminated?: Terminated;
  restartCount: number;
  /** Instances created so far (restartCount = instances - 1 once one exists). */
  instances: number;
  /** The reason cache (`kl.reasonCache`): why the last start attempt failed or waits. */
  waiting?: { reason: string; message?: string };
  /** postStart returned and the startup probe (if any) succeeded. */
  started: boolean;
  /** The readiness result (true when there is no readiness probe). */
  ready: boolean;
  /** A start (pull, create, start, postStart) or a kill is in flight. */
  busy: boolean;
  /** The container is being killed (liveness/startup failure or termination). */
  killing: boolean;
  /** Adopted at kubelet start: its status was written by someone else and is kept. */
  adopted?: boolean;
}

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  podIP?: string;
  sandboxReady: boolean;
  /** A volume mount failed; the retry is scheduled (volumes.ts back-off). */
  mountRetryPending?: boolean;
  sandboxCreating: boolean;
  sandboxId?: string;
  startTimeMs: number;
  containers: Map<string, ContainerRecord>;
  terminating: boolean;
  /** Containers are being stopped for the pod's deletion. */
  stopping?: boolean;
  /** A start chain or a kill is in flight: the pod worker is busy (upstream it blocks in SyncPod). */
  working?: boolean;
  terminated: boolean;
  /** Termination is done and waits for the next PLEG relist to be reported. */
  finishing?: boolean;
  /** A terminal phase once reached (never reverts). */
  terminalPhase?: 'Succeeded' | 'Failed';
  /** Transition times of the kubelet-owned conditions. */
  transitions: Map<string, { status: string; at: string }>;
}
