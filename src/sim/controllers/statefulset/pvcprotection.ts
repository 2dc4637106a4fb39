/**
 * The PVC protection controller (kube-controller-manager v1.31,
 * `pkg/controller/volume/pvcprotection/pvc_protection_controller.go`): a claim being deleted
 * keeps its `kubernetes.io/pvc-protection` finalizer while a scheduled Pod still names it in a
 * volume, and loses it (and so goes) once none does. The claims the StatefulSet controller
 * creates carry that finalizer, so without this controller a deleted claim would stay
 * Terminating forever.
 */
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { PVC_PROTECTION_FINALIZER, PVCS } from './claims.ts';

const PODS = preferredResourceForKind('Pod')!;
const COMPONENT = 'pvc-protection-controller';

export class PVCProtectionController {
  private readonly queue: WorkQueue;
  private readonly pvcInformer: Informer;
  private readonly podInformer: Informer;

  constructor(
    kernel: Kernel,
    private readonly store: ObjectStore,
  ) {
    this.queue = new WorkQueue(kernel, COMPONENT, (key) => this.sync(key));
    this.pvcInformer = new Informer(store, PVCS);
    this.podInformer = new Informer(store, PODS);
  }

  start(): void {
    const enqueue = (pvc: KubeObject) => this.queue.add(`${pvc.metadata.namespace}/${pvc.metadata.name}`);
    this.pvcInformer.addEventHandler({ onAdd: enqueue, onUpdate: (_, pvc) => enqueue(pvc) });
    // A Pod going away may release the claims it named (podAddedDeletedUpdated).
    const podChanged = (pod: KubeObject) => {
      for (const v of (pod.spec?.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]) {
        const name = v.persistentVolumeClaim?.claimName;
        if (name) this.queue.add(`${pod.metadata.namespace}/${name}`);
      }
    };
    this.podInformer.addEventHandler({ onUpdate: (_, p) => podChanged(p), onDelete: podChanged });
  }

  private sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pvc = this.store.get(PVCS, namespace, name);
    if (!pvc?.metadata.deletionTimestamp || !pvc.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return;
    if (this.isInUse(pvc)) return;
    const next = deepCopy(pvc);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== PVC_PROTECTION_FINALIZER);
    const updated = this.store.update(PVCS, next, COMPONENT);
    if ((updated.metadata.finalizers ?? []).length === 0) this.store.finalizeDelete(PVCS, namespace, name, COMPONENT);
  }

  /** isBeingUsed/podUsesPVC: only scheduled Pods count (the kubelet will not start one on a deleted claim). */
  private isInUse(pvc: KubeObject): boolean {
    return this.podInformer.list(pvc.metadata.namespace).some((pod) => {
      if (!pod.spec?.nodeName) return false;
      return ((pod.spec.volumes ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name);
    });
  }
}
