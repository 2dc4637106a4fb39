import type { APIServer } from '../api/apiserver.ts';
import type { ObjectStore } from '../api/store.ts';
import type { Kernel } from '../kernel/kernel.ts';
import { EPOCH_MS } from '../kernel/time.ts';
import type { Kubeconfig } from './config.ts';
import type { ContainerAccess } from './containers.ts';
import type { PrintContext } from './printers/index.ts';

/** What a kubectl command runs against, and where it writes. */
export interface KubectlContext {
  kernel: Kernel;
  store: ObjectStore;
  api: APIServer;
  stdin: string;
  /** The source name kubectl uses in messages for `-f -`. */
  source: string;
  /** The containers behind the kubelets, for `kubectl logs` and `kubectl exec`. */
  containers?: ContainerAccess;
  /** The admin kubeconfig (its context's namespace is the default namespace); absent: `default`. */
  kubeconfig?: Kubeconfig;
  /** Node Lease renew times in virtual ms (kube-node-lease is not a served kind). */
  leases?: { renewTimeMs(node: string): number | undefined };
}

export class Output {
  stdout = '';
  stderr = '';
  exitCode = 0;

  out(text: string): void {
    this.stdout += text;
  }

  err(text: string): void {
    this.stderr += text;
  }
}

export function printContext(ctx: KubectlContext): PrintContext {
  const leases = ctx.leases;
  return {
    nowUnixMs: EPOCH_MS + ctx.kernel.nowMs,
    store: ctx.store,
    leaseRenewUnixMs: (node) => {
      const ms = leases?.renewTimeMs(node);
      return ms === undefined ? undefined : EPOCH_MS + ms;
    },
  };
}
