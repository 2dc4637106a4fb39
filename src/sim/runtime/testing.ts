/** Test helpers: a runtime on a fresh kernel, and containers started with a spec's command. */
import { Kernel } from '../kernel/kernel.ts';
import { SimRuntime } from './runtime.ts';
import type { ActionResult, ContainerConfig, ExitStatus, Action } from './types.ts';

export interface Started {
  id: string;
  exits: { t: number; status: ExitStatus }[];
}

export function setup(seed = 1) {
  const kernel = new Kernel(seed);
  const rt = new SimRuntime(kernel);
  const start = (spec: Partial<ContainerConfig> = {}): Started => {
    const config: ContainerConfig = {
      podNamespace: 'default', podName: 'p', podUid: 'uid-1', name: 'c', image: 'busybox',
      podIP: '10.244.1.7', hostname: 'p', ...spec,
    };
    const id = rt.createContainer('worker-1', config);
    const started: Started = { id, exits: [] };
    rt.startContainer(id, (status) => started.exits.push({ t: kernel.nowMs, status }));
    return started;
  };
  const probe = (id: string, action: Action, timeoutMs = 1000) => {
    const out: { t: number; r: ActionResult }[] = [];
    rt.probe(id, action, timeoutMs, (r) => out.push({ t: kernel.nowMs, r }));
    return out;
  };
  return { kernel, rt, start, probe };
}
