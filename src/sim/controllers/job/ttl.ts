/**
 * The TTL-after-finished controller (`pkg/controller/ttlafterfinished/ttlafterfinished_controller.go`):
 * a finished Job with `ttlSecondsAfterFinished` is deleted that many seconds after it finished
 * (its Complete/Failed condition's lastTransitionTime), with propagationPolicy Foreground so the
 * garbage collector removes its Pods first.
 */
import type { APIServer } from '../../api/apiserver.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import type { ObjectStore } from '../../api/store.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { EPOCH_MS } from '../../kernel/time.ts';
import { finishTimeMs, isFinished, JOBS } from './job.ts';

export const TTL_CONTROLLER = 'ttl-after-finished-controller';

export class TTLAfterFinishedController {
  private readonly queue: WorkQueue;
  private readonly informer: Informer;

  constructor(
    private readonly kernel: Kernel,
    private readonly api: APIServer,
    store: ObjectStore,
  ) {
    this.queue = new WorkQueue(kernel, TTL_CONTROLLER, (key) => this.sync(key));
    this.informer = new Informer(store, JOBS);
  }

  start(): void {
    const enqueue = (job: KubeObject) => {
      if (job.spec?.ttlSecondsAfterFinished !== undefined && !job.metadata.deletionTimestamp && isFinished(job)) this.queue.add(`${job.metadata.namespace}/${job.metadata.name}`);
    };
    this.informer.addEventHandler({ onAdd: enqueue, onUpdate: (_, job) => enqueue(job) });
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const job = this.informer.get(namespace, name);
    if (!job || job.metadata.deletionTimestamp || !isFinished(job) || job.spec?.ttlSecondsAfterFinished === undefined) return;
    const finishedAt = finishTimeMs(job);
    if (finishedAt === undefined) return;
    const expireMs = finishedAt - EPOCH_MS + job.spec.ttlSecondsAfterFinished * 1000;
    if (expireMs > this.kernel.nowMs) {
      this.queue.addAfter(key, expireMs - this.kernel.nowMs);
      return;
    }
    this.api.delete(JOBS, namespace, name, TTL_CONTROLLER, { propagationPolicy: 'Foreground' });
  }
}
