/**
 * The whole-cluster harness for the Service networking controllers' tests: the daemonset
 * harness with the ReplicaSet, Deployment and garbage-collector controllers and the three
 * controllers here, plus `kubectl` run against it. Not used by the running simulation.
 */
import { GarbageCollector } from '../gc/gc.ts';
import { DeploymentController } from '../deployment/controller.ts';
import { ReplicaSetController } from '../replicaset/replicaset.ts';
import { clusterHarness } from '../daemonset/testing-harness.ts';
import { runKubectl } from '../../kubectl/index.ts';
import { tokenize } from '../../shell/tokenize.ts';
import { ServiceLBController } from '../servicelb/servicelb.ts';
import { EndpointsController } from './endpoints.ts';
import { EndpointSliceController } from './endpointslice.ts';

export function networkHarness(opts: { seed?: number; images?: string[] } = {}) {
  const h = clusterHarness(
    [
      (k, a, s, e) => new ReplicaSetController(k, a, s, e),
      (k, a, s) => new GarbageCollector(k, s, a),
      (k, a, s, e) => new DeploymentController(k, a, s, e),
      (k, a, s, e) => new EndpointSliceController(k, a, s, e),
      (k, a, s, e) => new EndpointsController(k, a, s, e),
      (k, a, s, e) => new ServiceLBController(k, a, s, e),
    ],
    opts,
  );
  return {
    ...h,
    /** Runs a kubectl command line; returns stdout, or stderr when it failed. */
    kubectl(line: string): string {
      const args = tokenize(line).map((t) => t.text);
      const r = runKubectl({ kernel: h.kernel, store: h.store, api: h.api, stdin: '', source: 'STDIN' }, args);
      h.kernel.settle();
      return r.exitCode === 0 ? r.stdout : r.stderr;
    },
  };
}
