/**
 * kubectl's way to the containers: the kubelet's /containerLogs and /exec endpoints, which map
 * the pod status' containerID to the runtime's container and ask the runtime (CRI
 * ContainerStatus + the log file, CRI ExecSync).
 */
import type { Kubelet } from '../kubelet/kubelet.ts';
import type { ContainerAccess, ContainerExecResult } from '../kubectl/containers.ts';
import type { SimRuntime } from '../runtime/runtime.ts';

const RPC_PREFIX = 'rpc error: code = Unknown desc = ';

export class ClusterContainers implements ContainerAccess {
  constructor(
    private readonly runtime: SimRuntime,
    private readonly kubelets: ReadonlyMap<string, Kubelet>,
  ) {}

  logs(node: string, containerID: string): string | undefined {
    const id = this.kubelets.get(node)?.runtimeIdOf(containerID);
    if (id === undefined) return undefined;
    try {
      return this.runtime.logs(id);
    } catch {
      return undefined; // removed from the runtime
    }
  }

  exec(node: string, containerID: string, argv: string[], done: (result: ContainerExecResult) => void, opts: { tty?: boolean } = {}): void {
    const id = this.kubelets.get(node)?.runtimeIdOf(containerID);
    if (id === undefined) return done({ kind: 'notFound' });
    try {
      this.runtime.execSync(id, argv, undefined, (o) => {
        if (o.kind === 'exited') done({ kind: 'exited', exitCode: o.exitCode, stdout: o.stdout, stderr: o.stderr });
        else if (o.kind === 'timedOut') done({ kind: 'exited', exitCode: 137, stdout: '', stderr: '' });
        // A container that is no longer running: the kubelet's findContainer sees no such container.
        else if (o.message.includes('container is in CONTAINER_')) done({ kind: 'notFound' });
        else done({ kind: 'error', message: o.message.startsWith(RPC_PREFIX) ? o.message.slice(RPC_PREFIX.length) : o.message });
      }, undefined, opts);
    } catch {
      done({ kind: 'notFound' });
    }
  }
}
