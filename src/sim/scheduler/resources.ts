/**
 * A Pod's effective requests, as `resourcehelper.PodRequests` (component-helpers/resource/helpers.go,
 * v1.31) computes them: the sum of app containers and sidecars (init containers with
 * `restartPolicy: Always`), then the max with each regular init container plus the sidecars
 * started before it, plus `spec.overhead`.
 *
 * The scheduler needs two views: the plain requests (NodeResourcesFit's Filter, BalancedAllocation)
 * and the "non-zero" requests, where a container that names no cpu or memory request counts as
 * 100m / 200Mi (`schedutil.DefaultMilliCPURequest`, `DefaultMemoryRequest` in
 * pkg/scheduler/util/pod_resources.go), used by LeastAllocated and the node's NonZeroRequested.
 */
import { parseQuantity, quantityMilliValue, quantityValue, type Quantity } from '../api/quantity.ts';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Requests in the units the scheduler's framework.Resource keeps: milli-CPU and bytes. */
export interface Requests {
  milliCPU: number;
  memory: number;
}

interface ContainerLike {
  resources?: { requests?: Record<string, unknown> };
  restartPolicy?: string;
}

interface PodSpecLike {
  containers?: ContainerLike[];
  initContainers?: ContainerLike[];
  overhead?: Record<string, unknown>;
}

/** Quantities are immutable and parseQuantity hands out shared ones: their scalar values are remembered. */
const scalars = new WeakMap<Quantity, { milli: number; value: number }>();

function scalarsOf(q: Quantity): { milli: number; value: number } {
  let v = scalars.get(q);
  if (!v) {
    v = { milli: quantityMilliValue(q), value: quantityValue(q) };
    scalars.set(q, v);
  }
  return v;
}

function containerRequests(c: ContainerLike, nonZero: boolean): Requests {
  const req = c.resources?.requests;
  const cpu = req?.cpu;
  const mem = req?.memory;
  const cpuQ = cpu === undefined ? undefined : parseQuantity(cpu);
  const memQ = mem === undefined ? undefined : parseQuantity(mem);
  return {
    // NonMissingContainerRequests: only a *missing* request gets the default; an explicit 0 stays 0.
    milliCPU: cpuQ ? scalarsOf(cpuQ).milli : nonZero && cpu === undefined ? DEFAULT_MILLI_CPU_REQUEST : 0,
    memory: memQ ? scalarsOf(memQ).value : nonZero && mem === undefined ? DEFAULT_MEMORY_REQUEST : 0,
  };
}

/** PodRequests for cpu and memory; `nonZero` applies the scheduler's defaults for missing requests. */
export function podRequests(spec: PodSpecLike | undefined, nonZero: boolean): Requests {
  const sum: Requests = { milliCPU: 0, memory: 0 };
  for (const c of spec?.containers ?? []) add(sum, containerRequests(c, nonZero));
  const sidecars: Requests = { milliCPU: 0, memory: 0 };
  const initMax: Requests = { milliCPU: 0, memory: 0 };
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    let effective: Requests;
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod's total and to every later init container.
      add(sum, r);
      add(sidecars, r);
      effective = { ...sidecars };
    } else {
      effective = { milliCPU: r.milliCPU + sidecars.milliCPU, memory: r.memory + sidecars.memory };
    }
    initMax.milliCPU = Math.max(initMax.milliCPU, effective.milliCPU);
    initMax.memory = Math.max(initMax.memory, effective.memory);
  }
  sum.milliCPU = Math.max(sum.milliCPU, initMax.milliCPU);
  sum.memory = Math.max(sum.memory, initMax.memory);
  const overhead = spec?.overhead;
  if (overhead) {
    const cpu = parseQuantity(overhead.cpu);
    const mem = parseQuantity(overhead.memory);
    if (cpu) sum.milliCPU += quantityMilliValue(cpu);
    if (mem) sum.memory += quantityValue(mem);
  }
  return sum;
}

function add(into: Requests, r: Requests): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
}
