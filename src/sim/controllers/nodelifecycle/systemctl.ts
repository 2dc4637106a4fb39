/**
 * The kubelet's systemd unit on a node, for `systemctl stop|start|restart|is-active kubelet`
 * typed in the node's shell. Stopping it stops the kubelet process (pod sync and node status)
 * and its Lease renewal together, as killing the one process does; containers keep running.
 * systemctl prints nothing on a successful stop, start or restart.
 */
import type { NodeLeaseRenewer } from './lease.ts';

/** What the unit controls: the two methods the kubelet has for it. */
export interface KubeletProcess {
  stop(): void;
  resume(): void;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export class KubeletService {
  private active = true;

  constructor(
    private readonly kubelet: KubeletProcess,
    private readonly lease: NodeLeaseRenewer,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.lease.stop();
    this.kubelet.stop();
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.kubelet.resume();
    this.lease.start();
  }

  /** `systemctl <verb> kubelet` (or `kubelet.service`); args are the words after `systemctl`. */
  systemctl(args: readonly string[]): ShellResult {
    const [verb, unit] = args;
    const ok = { stdout: '', stderr: '', exitCode: 0 };
    if (args.length !== 2 || (unit !== 'kubelet' && unit !== 'kubelet.service')) return otherUnit(verb, unit);
    switch (verb) {
      case 'stop':
        this.stop();
        return ok;
      case 'start':
        this.start();
        return ok;
      case 'restart':
        this.stop();
        this.start();
        return ok;
      case 'is-active':
        return this.active ? { stdout: 'active\n', stderr: '', exitCode: 0 } : { stdout: 'inactive\n', stderr: '', exitCode: 3 };
      case 'status':
      case 'enable':
      case 'disable':
      case 'is-enabled':
        return { stdout: '', stderr: `kubeplay: systemctl ${verb} is not simulated yet; try start, stop, restart or is-active\n`, exitCode: 1 };
      default:
        return { stdout: '', stderr: `Unknown command verb '${verb ?? ''}'.\n`, exitCode: 1 };
    }
  }
}

/** systemd 252 (Debian 12) for a unit this node does not have (or more than one unit). */
function otherUnit(verb: string | undefined, unit: string | undefined): ShellResult {
  const name = !unit ? '' : unit.includes('.') ? unit : `${unit}.service`;
  if (name === 'containerd.service') return { stdout: '', stderr: `kubeplay: only the kubelet unit can be stopped and started on this node\n`, exitCode: 1 };
  if (verb === 'is-active') return { stdout: 'inactive\n', stderr: '', exitCode: 3 };
  if (verb !== 'stop' && verb !== 'start' && verb !== 'restart') return { stdout: '', stderr: `kubeplay: the node shell runs only systemctl start, stop, restart and is-active for the kubelet\n`, exitCode: 1 };
  if (!unit) return { stdout: '', stderr: `Too few arguments.\n`, exitCode: 1 };
  if (verb === 'stop') return { stdout: '', stderr: `Failed to stop ${name}: Unit ${name} not loaded.\n`, exitCode: 5 };
  return { stdout: '', stderr: `Failed to ${verb} ${name}: Unit ${name} not found.\n`, exitCode: 5 };
}
