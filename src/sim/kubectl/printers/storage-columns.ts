/**
 * `kubectl get` columns of PersistentVolumes and StorageClasses, after printPersistentVolume and
 * printStorageClass in pkg/printers/internalversion/printers.go (v1.31): the VOLUMEATTRIBUTESCLASS
 * column (`<unset>` without one) and REASON of v1.29+, VOLUMEMODE only with -o wide, and a default
 * class named `<name> (default)`.
 */
import { quantityString } from '../../api/quantity.ts';
import type { KubeObject } from '../../api/types.ts';
import type { Column, TableHandler } from './columns.ts';
import { accessModesString } from './columns.ts';
import { since } from './util.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

function c(name: string, wide = false): Column {
  return { name, wide };
}

/** storageutil.IsDefaultAnnotation: the GA or the beta annotation set to "true". */
export function isDefaultClass(sc: KubeObject): boolean {
  const a: Record<string, string> = sc.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

/** helper.GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
export function persistentVolumeClass(pv: KubeObject): string {
  return pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pv.spec?.storageClassName ?? '';
}

function pvRow(pv: KubeObject, wide: boolean, now: number): string[] {
  const spec: Json = pv.spec ?? {};
  const ref: Json = spec.claimRef;
  const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
  const phase = pv.metadata.deletionTimestamp ? 'Terminating' : String(pv.status?.phase ?? '');
  const cells = [
    pv.metadata.name,
    quantityString(spec.capacity?.storage ?? '0'),
    accessModesString(spec.accessModes),
    String(spec.persistentVolumeReclaimPolicy ?? ''),
    phase,
    claim,
    persistentVolumeClass(pv),
    spec.volumeAttributesClassName ?? '<unset>',
    String(pv.status?.reason ?? ''),
    since(pv.metadata.creationTimestamp, now),
  ];
  if (wide) cells.push(spec.volumeMode ?? '<unset>');
  return cells;
}

function scRow(sc: KubeObject, _wide: boolean, now: number): string[] {
  const o = sc as Json;
  const name = isDefaultClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name;
  return [
    name,
    String(o.provisioner ?? ''),
    String(o.reclaimPolicy ?? 'Delete'),
    String(o.volumeBindingMode ?? 'Immediate'),
    String(o.allowVolumeExpansion === true),
    since(sc.metadata.creationTimestamp, now),
  ];
}

/**
 * The handlers, built on call: columns.ts spreads them into its table while the two modules may
 * still be loading each other, so this is a hoisted function, not a constant.
 */
export function storageHandlers(): Record<string, TableHandler> {
  return {
    persistentvolumes: {
      columns: [c('Name'), c('Capacity'), c('Access Modes'), c('Reclaim Policy'), c('Status'), c('Claim'), c('StorageClass'), c('VolumeAttributesClass'), c('Reason'), c('Age'), c('VolumeMode', true)],
      row: pvRow,
    },
    storageclasses: {
      columns: [c('Name'), c('Provisioner'), c('ReclaimPolicy'), c('VolumeBindingMode'), c('AllowVolumeExpansion'), c('Age')],
      row: scRow,
    },
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */
