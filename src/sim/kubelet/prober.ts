/**
 * Probe workers, as pkg/kubelet/prober/worker.go (v1.31, the classic ticker worker): one per
 * container and probe type, created when the pod is added, probing once at once (or after a
 * random part of the period when the kubelet itself started less than a period ago) and then on
 * every tick of `periodSeconds`, for the pod's whole life on the node.
 */
import type { Kernel } from '../kernel/kernel.ts';
import type { Action, ContainerRuntime } from '../runtime/types.ts';
import type { ContainerRecord } from './types.ts';

export type ProbeType = 'liveness' | 'readiness' | 'startup';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

/** `probeType.String()` as the Unhealthy events spell it. */
export const PROBE_LABEL: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

/** Initial cached results (worker.go newWorker). */
const INITIAL: Record<ProbeType, ProbeResult> = { readiness: 'Failure', liveness: 'Success', startup: 'Unknown' };

export interface ProbeSpec {
  initialDelaySeconds: number;
  timeoutSeconds: number;
  periodSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  action: Action;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- probe specs are plain JSON from the Pod */
export function probeSpec(p: any): ProbeSpec {
  const action: Action = p.exec ? { exec: p.exec } : p.httpGet ? { httpGet: p.httpGet } : p.tcpSocket ? { tcpSocket: p.tcpSocket } : { grpc: p.grpc };
  return {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    periodSeconds: p.periodSeconds ?? 10,
    successThreshold: p.successThreshold ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
    action,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface ProbeHost {
  kernel: Kernel;
  runtime: ContainerRuntime;
  /** The container's current record, or undefined once the pod is gone. */
  container(): ContainerRecord | undefined;
  podDeleting(): boolean;
  restartPolicyNever(): boolean;
  /** A failed probe run (every run, not only at the threshold): the Unhealthy event. */
  onFailedRun(type: ProbeType, output: string): void;
  /** A result crossing its threshold, published to the results manager. */
  onResult(type: ProbeType, result: ProbeResult, containerId: string): void;
}

export class ProbeWorker {
  private containerId = '';
  private lastResult: ProbeResult = 'Unknown';
  private resultRun = 0;
  private onHold = false;
  private inFlight = false;
  private stopped = false;
  /** The result last published for the current container id. */
  result: ProbeResult;

  constructor(
    private readonly host: ProbeHost,
    readonly type: ProbeType,
    private readonly spec: ProbeSpec,
    initialDelayMs: number,
  ) {
    this.result = INITIAL[type];
    host.kernel.after(initialDelayMs, `prober: first ${type} probe`, () => this.tick(true));
  }

  /** The result for a container instance: a new container has none yet (the results manager is keyed by container id). */
  resultFor(containerId: string | undefined): ProbeResult {
    return containerId === this.containerId ? this.result : INITIAL[this.type];
  }

  stop(): void {
    this.stopped = true;
  }

  /** `manualTriggerCh`: an immediate readiness run once a new container has started. */
  trigger(): void {
    if (!this.stopped && !this.inFlight) this.doProbe();
  }

  private tick(first: boolean): void {
    if (this.stopped) return;
    if (!this.inFlight) {
      // A ticker drops ticks while the worker is busy probing.
      const keepGoing = this.doProbe();
      if (!keepGoing) return;
    }
    this.host.kernel.after(this.spec.periodSeconds * 1000, `prober: ${this.type} tick`, () => this.tick(false));
    void first;
  }

  /** worker.doProbe; false ends the worker. */
  private doProbe(): boolean {
    const c = this.host.container();
    if (!c) return false;
    if (c.id && c.id !== this.containerId) {
      this.containerId = c.id;
      this.result = INITIAL[this.type];
      this.host.onResult(this.type, this.result, c.id);
      this.onHold = false;
    }
    if (this.onHold) return true;
    if (c.runningSinceMs === undefined || c.killing) {
      if (this.containerId && c.runningSinceMs === undefined) this.publish('Failure', true);
      return c.terminated === undefined || !this.host.restartPolicyNever() || c.kind === 'sidecar';
    }
    if (this.host.podDeleting() && (this.type === 'liveness' || this.type === 'startup')) {
      this.publish('Success', true);
      return false;
    }
    const nowMs = this.host.kernel.nowMs;
    if (Math.floor((nowMs - c.runningSinceMs) / 1000) < this.spec.initialDelaySeconds) return true;
    if (c.started) {
      if (this.type === 'startup') return true;
    } else if (this.type !== 'startup') return true;
    const id = this.containerId;
    this.inFlight = true;
    this.host.runtime.probe(id, this.spec.action, this.spec.timeoutSeconds * 1000, (r) => {
      this.inFlight = false;
      if (this.stopped || id !== this.containerId) return;
      const result: ProbeResult = r.ok ? 'Success' : 'Failure';
      if (!r.ok) this.host.onFailedRun(this.type, r.output);
      if (this.lastResult === result) this.resultRun++;
      else {
        this.lastResult = result;
        this.resultRun = 1;
      }
      if ((result === 'Failure' && this.resultRun < this.spec.failureThreshold) || (result === 'Success' && this.resultRun < this.spec.successThreshold)) return;
      this.publish(result, false);
      if ((this.type === 'liveness' || this.type === 'startup') && result === 'Failure') {
        // Stop probing until a new container id shows up (worker.go, #21751).
        this.onHold = true;
        this.resultRun = 0;
      }
    });
    return true;
  }

  private publish(result: ProbeResult, quiet: boolean): void {
    const changed = this.result !== result;
    this.result = result;
    if (changed || !quiet) this.host.onResult(this.type, result, this.containerId);
  }
}
