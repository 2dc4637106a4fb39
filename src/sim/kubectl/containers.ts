/**
 * What `kubectl logs` and `kubectl exec` reach through the API server: the kubelet's
 * /containerLogs and /exec endpoints on the pod's node. A container is named as the kubelet
 * names it in the pod's status: node plus `containerStatus.containerID` (`containerd://…`).
 */

export type ContainerExecResult =
  | { kind: 'exited'; exitCode: number; stdout: string; stderr: string }
  /** The runtime could not start the command: containerd's message, without the gRPC wrapper. */
  | { kind: 'error'; message: string }
  /** No running container with that id on the node (the kubelet's `container not found`). */
  | { kind: 'notFound' };

export interface ContainerAccess {
  /** The log of this container instance (stdout and stderr interleaved), or undefined when the node holds none. */
  logs(node: string, containerID: string): string | undefined;
  /** Runs a command in the running instance; `done` runs on the kernel's agenda when it returns. */
  /** `opts.tty`: kubectl exec -t, the process's stdout is a terminal. */
  exec(node: string, containerID: string, argv: string[], done: (result: ContainerExecResult) => void, opts?: { tty?: boolean }): void;
}
