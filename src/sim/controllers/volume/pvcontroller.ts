/**
 * The PersistentVolume controller of kube-controller-manager v1.31
 * (pkg/controller/volume/persistentvolume/pv_controller.go and pv_controller_base.go): it binds
 * claims to volumes both ways, asks the external provisioner of a claim's StorageClass for a
 * volume when none matches, marks a volume Released when its claim goes and reclaims it
 * (Retain: kept; Delete: left to its provisioner), and keeps the phases of both. Claims and
 * volumes are synced when added or changed and again every 15 s (`--pvclaimbinder-sync-period`),
 * so the events of a waiting claim count up as on a real cluster.
 *
 * Also here, as its own small loop: the PV protection controller (pkg/controller/volume/pvprotection),
 * which lets a deleted volume go once no claim is bound to it.
 *
 * Left out: in-tree provisioners and deleters (only external ones, like kind's local-path), the
 * Recycle policy, expansion, volume attributes classes, claim `dataSource`, and the metrics.
 */
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { ObjectStore } from '../../api/store.ts';
import { deepCopy, objectKey, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { LocalPathProvisioner } from './localpath.ts';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  claimClass,
  findBestMatchForClaim,
  isDelayBinding,
  isVolumeBoundToClaim,
  PVCS,
  PVS,
  STORAGECLASSES,
} from './matching.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- claims and volumes are plain decoded JSON */
type Json = any;

const PODS = preferredResourceForKind('Pod')!;
const COMPONENT = 'persistentvolume-controller';
const PV_PROTECTION = 'pv-protection-controller';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
/** kube-controller-manager --pvclaimbinder-sync-period. */
export const PV_RESYNC_MS = 15_000;
/** pv_controller.go syncUnboundClaim, no volume found and no class. */
export const NO_CLASS_MESSAGE = 'no persistent volumes available for this claim and no storage class is set';
/** emitEventForUnboundDelayBindingClaim. */
export const WAIT_FOR_FIRST_CONSUMER_MESSAGE = 'waiting for first consumer to be created before binding';

/** provisionClaimOperationExternal's event text. */
export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

export class PersistentVolumeController {
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  private readonly protectionQueue: WorkQueue;
  /** kind's provisioner (a Deployment in local-path-storage there; a component of its own here). */
  readonly localPath: LocalPathProvisioner;

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    this.claimQueue = new WorkQueue(kernel, COMPONENT, (key) => this.syncClaim(key));
    this.volumeQueue = new WorkQueue(kernel, `${COMPONENT} volumes`, (name) => this.syncVolume(name));
    this.protectionQueue = new WorkQueue(kernel, PV_PROTECTION, (name) => this.syncProtection(name));
    this.localPath = new LocalPathProvisioner(kernel, store, events);
  }

  start(): void {
    const claimKey = (c: Readonly<KubeObject>) => objectKey(c.metadata.namespace, c.metadata.name);
    new Informer(this.store, PVCS).addEventHandler({
      onAdd: (c) => this.claimQueue.add(claimKey(c)),
      onUpdate: (o, c) => {
        if (o.metadata.resourceVersion !== c.metadata.resourceVersion) this.claimQueue.add(claimKey(c));
      },
      // deleteClaim: the volume it was bound to is synced at once (Released, then reclaimed).
      onDelete: (c) => {
        if (c.spec?.volumeName) this.volumeQueue.add(c.spec.volumeName);
      },
    });
    new Informer(this.store, PVS).addEventHandler({
      onAdd: (v) => {
        this.volumeQueue.add(v.metadata.name);
        this.protectionQueue.add(v.metadata.name);
      },
      onUpdate: (o, v) => {
        if (o.metadata.resourceVersion !== v.metadata.resourceVersion) this.volumeQueue.add(v.metadata.name);
        this.protectionQueue.add(v.metadata.name);
      },
    });
    this.localPath.start();
    this.scheduleResync();
  }

  /** resync: every claim and volume again, every 15 s from the controller's start. */
  private scheduleResync(): void {
    this.kernel.after(PV_RESYNC_MS, `${COMPONENT}: resync`, () => {
      for (const claim of this.store.list(PVCS)) if (!claim.metadata.annotations?.[ANN_BIND_COMPLETED]) this.claimQueue.add(objectKey(claim.metadata.namespace, claim.metadata.name));
      for (const pv of this.store.list(PVS)) if (pv.status?.phase !== 'Bound') this.volumeQueue.add(pv.metadata.name);
      this.scheduleResync();
    });
  }

  private classOf = (name: string): Readonly<KubeObject> | undefined => this.store.peek(STORAGECLASSES, undefined, name);

  /** syncClaim: unbound claims get a volume; bound ones keep theirs. */
  private syncClaim(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const claim = this.store.get(PVCS, namespace, name);
    if (!claim) return;
    if (!claim.metadata.annotations?.[ANN_BIND_COMPLETED]) this.syncUnboundClaim(claim);
    else this.syncBoundClaim(claim);
  }

  private syncUnboundClaim(claim: KubeObject): void {
    if (claim.metadata.deletionTimestamp) return;
    if (!claim.spec?.volumeName) {
      const delayBinding = isDelayBinding(claim, this.classOf);
      const volume = findBestMatchForClaim(claim, this.store.list(PVS), delayBinding);
      if (volume) {
        this.bind(volume as KubeObject, claim);
        return;
      }
      const className = claimClass(claim);
      if (delayBinding && !claim.metadata.annotations?.[ANN_SELECTED_NODE]) {
        this.emitEventForUnboundDelayBindingClaim(claim);
      } else if (className !== '') {
        // provisionClaim updates the claim itself; the bind happens on a later sync.
        this.provisionClaim(claim, className);
        return;
      } else {
        this.events.record(claim, 'Normal', 'FailedBinding', NO_CLASS_MESSAGE, { component: COMPONENT });
      }
      this.setClaimPhase(claim, 'Pending');
      return;
    }
    // The user asked for a volume by name.
    const volume = this.store.get(PVS, undefined, claim.spec.volumeName);
    if (!volume) {
      this.setClaimPhase(claim, 'Pending');
      return;
    }
    if (!volume.spec?.claimRef || isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return;
    }
    // The volume is bound to another claim: the user's wish cannot be met.
    this.events.record(claim, 'Warning', 'FailedBinding', 'volume "' + volume.metadata.name + '" already bound to a different claim.', { component: COMPONENT });
    this.setClaimPhase(claim, 'Pending');
  }

  private syncBoundClaim(claim: KubeObject): void {
    const volumeName: string | undefined = claim.spec?.volumeName;
    if (!volumeName) {
      this.setClaimPhase(claim, 'Lost');
      this.events.record(claim, 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!', { component: COMPONENT });
      return;
    }
    const volume = this.store.get(PVS, undefined, volumeName);
    if (!volume) {
      if (claim.status?.phase !== 'Lost') {
        this.setClaimPhase(claim, 'Lost');
        this.events.record(claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!', { component: COMPONENT });
      }
      return;
    }
    if (!volume.spec?.claimRef || isVolumeBoundToClaim(volume, claim)) this.bind(volume, claim);
  }

  /** emitEventForUnboundDelayBindingClaim: WaitForPodScheduled while a Pod using it waits for a node. */
  private emitEventForUnboundDelayBindingClaim(claim: KubeObject): void {
    const podNames = this.store
      .list(PODS, claim.metadata.namespace)
      .filter((p) => !p.spec?.nodeName && ((p.spec?.volumes ?? []) as Json[]).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name))
      .map((p) => p.metadata.name);
    if (podNames.length === 0) this.events.record(claim, 'Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MESSAGE, { component: COMPONENT });
    else this.events.record(claim, 'Normal', 'WaitForPodScheduled', `waiting for ${podNames.length > 1 ? 'pods' : 'pod'} ${podNames.join(',')} to be scheduled`, { component: COMPONENT });
  }

  /**
   * provisionClaim → provisionClaimOperationExternal: the class's provisioner is named in the
   * claim's annotations, and the controller says it is waiting for it. A missing class is a
   * ProvisioningFailed event, retried on every sync.
   */
  private provisionClaim(claim: KubeObject, className: string): void {
    const sc = this.classOf(className);
    if (!sc) {
      this.events.record(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, { component: COMPONENT });
      this.setClaimPhase(claim, 'Pending');
      return;
    }
    const provisioner = String(sc.provisioner);
    let current = claim;
    const ann = claim.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== provisioner || ann[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      // setClaimProvisioner: both the GA and the beta annotation.
      const next = deepCopy(claim);
      next.metadata.annotations = { ...ann, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
      current = this.store.update(PVCS, next, COMPONENT, { message: `persistentvolumeclaim ${claim.metadata.namespace}/${claim.metadata.name} storage provisioner ${provisioner}` });
    }
    this.events.record(current, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner), { component: COMPONENT });
    this.setClaimPhase(current, 'Pending');
  }

  /**
   * bind: the volume to the claim (claimRef, phase Bound), then the claim to the volume
   * (volumeName, bind-completed, bound-by-controller when the controller chose the volume, phase
   * Bound with the volume's capacity and access modes).
   */
  private bind(volume: KubeObject, claim: KubeObject): void {
    const key = `${claim.metadata.namespace}/${claim.metadata.name}`;
    let pv = volume;
    const ref: Json = pv.spec?.claimRef;
    if (!ref || ref.uid !== claim.metadata.uid) {
      const next = deepCopy(pv);
      next.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid };
      if (!ref) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      pv = this.store.update(PVS, next, COMPONENT, { message: `persistentvolume ${pv.metadata.name} bound to claim ${key}` });
    }
    if (pv.status?.phase !== 'Bound') pv = this.setVolumePhase(pv, 'Bound');
    let c = claim;
    const ann = c.metadata.annotations ?? {};
    if (c.spec?.volumeName !== pv.metadata.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const next = deepCopy(c);
      const annotations: Record<string, string> = { ...ann, [ANN_BIND_COMPLETED]: 'yes' };
      if (!c.spec?.volumeName) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      next.metadata.annotations = annotations;
      next.spec = { ...next.spec, volumeName: pv.metadata.name };
      c = this.store.update(PVCS, next, COMPONENT, { message: `persistentvolumeclaim ${key} bound to ${pv.metadata.name}` });
    }
    const capacity = pv.spec?.capacity;
    const modes = pv.spec?.accessModes;
    if (c.status?.phase !== 'Bound' || JSON.stringify(c.status?.capacity) !== JSON.stringify(capacity) || JSON.stringify(c.status?.accessModes) !== JSON.stringify(modes)) {
      const next = deepCopy(c);
      next.status = { ...(c.status ?? {}), phase: 'Bound', accessModes: modes, capacity };
      this.store.update(PVCS, next, COMPONENT, { subresource: 'status', message: `persistentvolumeclaim ${key} status: Bound` });
    }
  }

  /** syncVolume: Available without a claim, Bound with one, Released (then reclaimed) when the claim is gone. */
  private syncVolume(name: string): void {
    const pv = this.store.get(PVS, undefined, name);
    if (!pv) return;
    const ref: Json = pv.spec?.claimRef;
    if (!ref || !ref.uid) {
      // Unbound, or pre-bound to a claim by name only: the claim's sync will bind it.
      if (pv.status?.phase !== 'Available' && !pv.metadata.deletionTimestamp) this.setVolumePhase(pv, 'Available');
      if (ref) this.claimQueue.add(objectKey(ref.namespace, ref.name));
      return;
    }
    let claim = this.store.get(PVCS, ref.namespace, ref.name);
    if (claim && claim.metadata.uid !== ref.uid) claim = undefined; // deleted and re-created: not ours
    if (!claim) {
      if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') {
        const released = this.setVolumePhase(pv, 'Released');
        this.reclaimVolume(released);
      }
      return;
    }
    if (!claim.spec?.volumeName) {
      // The provisioner saved a volume pre-bound to the claim: the claim's sync binds it.
      this.claimQueue.add(objectKey(claim.metadata.namespace, claim.metadata.name));
      return;
    }
    if (claim.spec.volumeName === pv.metadata.name && pv.status?.phase !== 'Bound') this.setVolumePhase(pv, 'Bound');
  }

  /**
   * reclaimVolume: Retain keeps the volume Released; Delete on a dynamically provisioned volume
   * is its provisioner's job (the local-path provisioner watches for it); Delete on any other
   * volume needs an in-tree deleter, which this cluster does not have.
   */
  private reclaimVolume(pv: KubeObject): void {
    if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    if (pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']) return;
    const message = `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
    const next = deepCopy(pv);
    next.status = { ...(pv.status ?? {}), phase: 'Failed', message, lastPhaseTransitionTime: this.kernel.timestamp() };
    const failed = this.store.update(PVS, next, COMPONENT, { subresource: 'status', message: `persistentvolume ${pv.metadata.name} status: Failed` });
    this.events.record(failed, 'Warning', 'VolumeFailedDelete', message, { component: COMPONENT });
  }

  /** pv_protection_controller.go: a deleted volume goes once no claim is bound to it (it is not Bound). */
  private syncProtection(name: string): void {
    const pv = this.store.get(PVS, undefined, name);
    if (!pv?.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return;
    if (pv.status?.phase === 'Bound') return;
    const next = deepCopy(pv);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== PV_PROTECTION_FINALIZER);
    const updated = this.store.update(PVS, next, PV_PROTECTION);
    if ((updated.metadata.finalizers ?? []).length === 0) this.store.finalizeDelete(PVS, undefined, name, PV_PROTECTION);
  }

  private setClaimPhase(claim: KubeObject, phase: string): void {
    if (claim.status?.phase === phase) return;
    const next = deepCopy(claim);
    next.status = { ...(claim.status ?? {}), phase };
    this.store.update(PVCS, next, COMPONENT, { subresource: 'status', message: `persistentvolumeclaim ${claim.metadata.namespace}/${claim.metadata.name} status: ${phase}` });
  }

  /** updateVolumePhase, with lastPhaseTransitionTime (GA in v1.31). */
  private setVolumePhase(pv: KubeObject, phase: string): KubeObject {
    const next = deepCopy(pv);
    next.status = { ...(pv.status ?? {}), phase, lastPhaseTransitionTime: this.kernel.timestamp() };
    return this.store.update(PVS, next, COMPONENT, { subresource: 'status', message: `persistentvolume ${pv.metadata.name} status: ${phase}` });
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */
