/**
 * The PersistentVolume controller's claim side (kube-controller-manager v1.31,
 * pkg/controller/volume/persistentvolume/pv_controller.go syncUnboundClaim, and the
 * `--pvclaimbinder-sync-period` resync of 15 s). A kubeadm cluster has no PersistentVolumes, no
 * StorageClass and no provisioner, so an unbound claim stays Pending: without a class the
 * controller says so with a `FailedBinding` event, with a class it tries to provision and fails
 * with `ProvisioningFailed` because the class does not exist. Each resync repeats the event, as
 * upstream does (describe shows `(xN over ...)`).
 *
 * Left out: PersistentVolumes and StorageClasses as objects (not served here), binding, and
 * WaitForFirstConsumer classes.
 */
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, objectKey, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';

const PVCS = preferredResourceForKind('PersistentVolumeClaim')!;
const COMPONENT = 'persistentvolume-controller';
/** kube-controller-manager --pvclaimbinder-sync-period. */
export const PV_RESYNC_MS = 15_000;
/** pv_controller.go syncUnboundClaim, no volume found and no class. */
export const NO_CLASS_MESSAGE = 'no persistent volumes available for this claim and no storage class is set';

export class PersistentVolumeController {
  private readonly queue: WorkQueue;
  private informer: Informer | undefined;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.queue = new WorkQueue(kernel, COMPONENT, (key) => this.syncClaim(key));
  }

  start(): void {
    this.informer = new Informer(this.store, PVCS);
    this.informer.addEventHandler({
      onAdd: (c) => this.enqueue(c),
      onUpdate: (o, c) => {
        if (o.metadata.resourceVersion !== c.metadata.resourceVersion && JSON.stringify(o.spec) !== JSON.stringify(c.spec)) this.enqueue(c);
      },
    });
    this.scheduleResync();
  }

  private enqueue(claim: Readonly<KubeObject>): void {
    this.queue.add(objectKey(claim.metadata.namespace, claim.metadata.name));
  }

  /** resync: every claim again, every 15 s from the controller's start. */
  private scheduleResync(): void {
    this.kernel.after(PV_RESYNC_MS, `${COMPONENT}: resync`, () => {
      for (const claim of this.store.list(PVCS)) if (!claim.spec?.volumeName) this.enqueue(claim);
      this.scheduleResync();
    });
  }

  /** syncUnboundClaim for a claim no volume can match. */
  private syncClaim(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const claim = this.store.get(PVCS, namespace, name);
    if (!claim || claim.spec?.volumeName || claim.metadata.deletionTimestamp) return;
    // storagehelpers.GetPersistentVolumeClaimClass: the beta annotation, then spec.storageClassName.
    const className: string = claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
    if (className === '') this.events.record(claim, 'Normal', 'FailedBinding', NO_CLASS_MESSAGE, { component: COMPONENT });
    else this.events.record(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, { component: COMPONENT });
    if (claim.status?.phase !== 'Pending') {
      const next = deepCopy(claim);
      next.status = { ...(claim.status ?? {}), phase: 'Pending' };
      this.store.update(PVCS, next, COMPONENT, { subresource: 'status', message: `persistentvolumeclaim ${key} status: Pending` });
    }
  }
}
