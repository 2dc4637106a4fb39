/**
 * A cluster for the Deployment controller's tests: what Simulation builds (bootstrap, runtime,
 * kubelets, scheduler) plus the ReplicaSet controller, the garbage collector and a started
 * DeploymentController, and a kubectl that also knows rollout, scale and set. Not used by the
 * running simulation.
 */
import { parse } from 'yaml';
import { APIServer } from '../../api/apiserver.ts';
import { EventRecorder } from '../../api/events.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import { bootstrapCluster } from '../../cluster/bootstrap.ts';
import { DEFAULT_NODES, podCIDR } from '../../cluster/nodes.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { Output } from '../../kubectl/context.ts';
import { formatErrors, KubectlError } from '../../kubectl/errors.ts';
import { parseFlags } from '../../kubectl/flags.ts';
import { runKubectl, type Command } from '../../kubectl/index.ts';
import { rolloutCommands } from '../../kubectl/rollout.ts';
import { scaleCommands } from '../../kubectl/scale.ts';
import { setCommands } from '../../kubectl/set.ts';
import { APIError } from '../../api/errors.ts';
import { Kubelet } from '../../kubelet/kubelet.ts';
import { SimRuntime } from '../../runtime/runtime.ts';
import { Scheduler } from '../../scheduler/scheduler.ts';
import { GarbageCollector } from '../gc/gc.ts';
import { ReplicaSetController } from '../replicaset/replicaset.ts';
import { DeploymentController } from './controller.ts';

export const PODS = preferredResourceForKind('Pod')!;
export const RS = preferredResourceForKind('ReplicaSet')!;
export const DEPLOY = preferredResourceForKind('Deployment')!;
const EVENTS = preferredResourceForKind('Event')!;

const EXTRA: Record<string, Command> = { ...rolloutCommands, ...scaleCommands, ...setCommands };

export function deploymentHarness(seed = 1) {
  const kernel = new Kernel(seed);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const events = new EventRecorder(kernel, store);
  const boot = bootstrapCluster(kernel, api, DEFAULT_NODES);
  const runtime = new SimRuntime(kernel);
  for (const pod of store.list(PODS)) for (const c of pod.spec?.containers ?? []) runtime.preloadImage(pod.spec.nodeName, c.image);
  DEFAULT_NODES.forEach((n, i) => {
    runtime.preloadImage(n.name, 'registry.k8s.io/pause:3.10');
    new Kubelet(kernel, store, events, runtime, n.name, { podCIDR: podCIDR(i), firstFreeHost: boot.nextPodHost.get(n.name)! }).start();
  });
  new Scheduler(kernel, store, events).start();
  new ReplicaSetController(kernel, api, store, events).start();
  new GarbageCollector(kernel, store, api).start();
  const dc = new DeploymentController(kernel, api, store, events);
  dc.start();
  kernel.settle();
  const ctx = () => ({ kernel, store, api, stdin: '', source: 'STDIN' });
  return {
    kernel,
    store,
    api,
    runtime,
    dc,
    create(yaml: string): KubeObject {
      const manifest = parse(yaml) as Record<string, unknown>;
      const obj = api.create(preferredResourceForKind(manifest.kind as string)!, manifest, 'kubectl');
      kernel.settle();
      return obj;
    },
    /** kubectl with this component's commands added (the lead registers them in kubectl/index.ts). */
    kubectl(line: string): { stdout: string; stderr: string; exitCode: number } {
      const argv = line.split(' ').filter((w) => w !== '');
      const command = EXTRA[argv[0]!];
      if (!command) {
        const r = runKubectl(ctx(), argv);
        kernel.settle();
        return r;
      }
      const out = new Output();
      try {
        command.run(ctx(), parseFlags(argv.slice(1), command.flags), out);
      } catch (err) {
        if (!(err instanceof KubectlError || err instanceof APIError)) throw err;
        out.err(formatErrors([err]));
        out.exitCode = 1;
      }
      kernel.settle();
      return { stdout: out.stdout, stderr: out.stderr, exitCode: out.exitCode };
    },
    deployment(name: string, namespace = 'default'): KubeObject {
      return store.get(DEPLOY, namespace, name)!;
    },
    replicaSets(namespace = 'default'): KubeObject[] {
      return store.list(RS, namespace).map((r) => store.get(RS, namespace, r.metadata.name)!);
    },
    pods(namespace = 'default'): KubeObject[] {
      return store.list(PODS, namespace).map((p) => store.get(PODS, namespace, p.metadata.name)!);
    },
    /** Events about an object as `t reason: message (component)`, t in virtual seconds, in order recorded. */
    eventsFor(name: string): string[] {
      return kernel.timeline
        .list()
        .filter((e) => e.type === 'event' && e.object?.name === name)
        .map((e) => `${e.t} ${e.reason}: ${e.message} (${e.source})`);
    },
    eventObjects(namespace = 'default'): KubeObject[] {
      return store.list(EVENTS, namespace) as KubeObject[];
    },
  };
}

/** A Deployment manifest. */
export function deploymentYaml(name: string, replicas: number, image = 'nginx:1.27', extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}${extra}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
`;
}
