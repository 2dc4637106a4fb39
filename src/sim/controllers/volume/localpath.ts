/**
 * kind's dynamic provisioner, rancher.io/local-path (local-path-provisioner v0.0.28 on
 * sig-storage-lib-external-provisioner v10): for a claim whose class names it and whose node the
 * scheduler chose (`volume.kubernetes.io/selected-node`), it creates the directory
 * `/var/local-path-provisioner/pvc-<uid>_<namespace>_<name>` on that node (a helper Pod there, which
 * takes a few seconds) and saves a hostPath PersistentVolume `pvc-<claim uid>` pre-bound to the
 * claim, with node affinity to that node; the PV controller then binds the claim. When such a volume
 * is Released with reclaimPolicy Delete, it removes the directory (another helper Pod) and deletes
 * the volume.
 *
 * Events come from its identity `rancher.io/local-path_<pod name>_<uuid>`, as in `kubectl describe`
 * on kind: `Provisioning` `External provisioner is provisioning volume for claim "ns/name"`, then
 * `ProvisioningSucceeded` `Successfully provisioned volume pvc-<uid>`.
 *
 * Left out: its Deployment and the helper Pods as API objects (the playground's kube-system is a
 * kubeadm one; the delays stand for them), the ConfigMap of node paths (every node uses the default
 * path), shared filesystem mode and volume expansion.
 */
import type { EventRecorder } from '../../api/events.ts';
import { Informer, WorkQueue } from '../../api/informer.ts';
import { newUid } from '../../api/names.ts';
import type { ObjectStore } from '../../api/store.ts';
import { objectKey, type KubeObject } from '../../api/types.ts';
import type { Kernel } from '../../kernel/kernel.ts';
import { Prng } from '../../kernel/prng.ts';
import { applyDefaults } from '../../validation/index.ts';
import { ANN_PROVISIONED_BY, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, claimClass, PVCS, PVS, STORAGECLASSES } from './matching.ts';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** The default of local-path-config's nodePathMap (DEFAULT_PATH_FOR_NON_LISTED_NODES). */
export const LOCAL_PATH_BASE = '/var/local-path-provisioner';
/** local-path's annotation naming the node of a volume it made. */
export const ANN_LOCAL_PATH_NODE = 'local.path.provisioner/selected-node';

/** The helper Pod that makes the directory: scheduled, started (its image is on kind's nodes), `mkdir -m 0777 -p`, done. */
export const PROVISION_MS_MIN = 2000;
export const PROVISION_MS_MAX = 3500;
/** The helper Pod that removes it. */
export const DELETE_MS_MIN = 1000;
export const DELETE_MS_MAX = 2500;
/** The library's retry of a failed provisioning (its rate limiter starts at 15 s; kept constant here). */
export const RETRY_MS = 15_000;

const POD_HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The directory of a claim's volume on its node. */
export function localPathFor(claim: Readonly<KubeObject>): string {
  return `${LOCAL_PATH_BASE}/pvc-${claim.metadata.uid}_${claim.metadata.namespace}_${claim.metadata.name}`;
}

export class LocalPathProvisioner {
  /** `rancher.io/local-path_local-path-provisioner-<hash>-<suffix>_<uuid>`, the From of its events. */
  readonly identity: string;
  private readonly queue: WorkQueue;
  private readonly inFlight = new Set<string>();
  private readonly deleting = new Set<string>();

  constructor(
    private readonly kernel: Kernel,
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
  ) {
    // Drawn from a PRNG split off the kernel's state, so that a cluster that never provisions draws nothing.
    const side = new Prng(kernel.rng.state()[1] ^ 0x10ca1);
    const pick = (n: number) => Array.from({ length: n }, () => POD_HASH_ALPHABET[side.intBelow(POD_HASH_ALPHABET.length)]).join('');
    this.identity = `${LOCAL_PATH_PROVISIONER}_local-path-provisioner-${pick(10)}-${pick(5)}_${newUid(side)}`;
    this.queue = new WorkQueue(kernel, 'local-path-provisioner', (key) => this.syncClaim(key));
  }

  start(): void {
    const enqueue = (c: Readonly<KubeObject>) => this.queue.add(objectKey(c.metadata.namespace, c.metadata.name));
    new Informer(this.store, PVCS).addEventHandler({ onAdd: enqueue, onUpdate: (_o, c) => enqueue(c) });
    new Informer(this.store, PVS).addEventHandler({ onAdd: (v) => this.maybeDelete(v), onUpdate: (_o, v) => this.maybeDelete(v) });
  }

  /** shouldProvision: unbound, annotated for this provisioner, of a class it serves, with a node when the class waits for one. */
  private syncClaim(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const claim = this.store.get(PVCS, namespace, name);
    if (!claim || claim.spec?.volumeName || claim.metadata.deletionTimestamp) return;
    if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] !== LOCAL_PATH_PROVISIONER) return;
    const sc = this.store.peek(STORAGECLASSES, undefined, claimClass(claim));
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return;
    const node: string | undefined = claim.metadata.annotations?.[ANN_SELECTED_NODE];
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) return;
    const uid = claim.metadata.uid;
    if (this.inFlight.has(uid) || this.store.peek(PVS, undefined, `pvc-${uid}`)) return;
    this.inFlight.add(uid);
    this.events.record(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`, { component: this.identity });
    if (!node) {
      // provisioner.go Provision: an Immediate class gives it no node to put the directory on.
      this.events.record(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata.name}": configuration error, no node was specified`, { component: this.identity });
      this.kernel.after(RETRY_MS, `local-path-provisioner: retry ${key}`, () => {
        this.inFlight.delete(uid);
        this.queue.add(key);
      });
      return;
    }
    const delayMs = this.kernel.rng.intBetween(PROVISION_MS_MIN, PROVISION_MS_MAX);
    this.kernel.after(delayMs, `local-path-provisioner: provision ${key}`, () => {
      this.inFlight.delete(uid);
      const current = this.store.get(PVCS, namespace, name);
      if (!current || current.metadata.uid !== uid || current.spec?.volumeName) return;
      const pv = this.store.create(PVS, this.volumeFor(current, sc, node), this.identity);
      this.events.record(current, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`, { component: this.identity });
    });
  }

  /** provisioner.go Provision + the library's additions (claimRef, class, provisioned-by). */
  private volumeFor(claim: KubeObject, sc: Readonly<KubeObject>, node: string): KubeObject {
    const pv: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `pvc-${claim.metadata.uid}`, annotations: { [ANN_LOCAL_PATH_NODE]: node, [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER } } as unknown as KubeObject['metadata'],
      spec: {
        accessModes: claim.spec?.accessModes,
        capacity: { storage: claim.spec?.resources?.requests?.storage },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid },
        hostPath: { path: localPathFor(claim), type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: 'Filesystem',
      },
    };
    applyDefaults(pv, this.kernel.rng);
    return pv;
  }

  /** shouldDelete: a volume it made, Released, to be deleted; the helper Pod, then the API delete. */
  private maybeDelete(pv: Readonly<KubeObject>): void {
    const name = pv.metadata.name;
    if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] !== LOCAL_PATH_PROVISIONER) return;
    if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata.deletionTimestamp) return;
    if (this.deleting.has(name)) return;
    this.deleting.add(name);
    const delayMs = this.kernel.rng.intBetween(DELETE_MS_MIN, DELETE_MS_MAX);
    this.kernel.after(delayMs, `local-path-provisioner: delete ${name}`, () => {
      this.deleting.delete(name);
      const current = this.store.get(PVS, undefined, name);
      if (!current || current.metadata.uid !== pv.metadata.uid || current.metadata.deletionTimestamp) return;
      this.store.delete(PVS, undefined, name, this.identity);
    });
  }
}
