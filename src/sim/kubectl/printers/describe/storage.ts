/**
 * `kubectl describe` for PersistentVolumeClaims and PodDisruptionBudgets, after
 * kubectl/pkg/describe/describe.go (v1.31): describePersistentVolumeClaim / printPersistentVolumeClaim
 * / printPodsMultiline, and describePodDisruptionBudgetV1.
 */
import type { KubeObject } from '../../../api/types.ts';
import { quantityString } from '../../../api/quantity.ts';
import { accessModesString, claimClass } from '../columns.ts';
import { formatLabelSelector, goSort, rfc1123z, since } from '../util.ts';
import { describeEvents, LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/** Go's `%v` of a []string: `[a b]`. */
const goSlice = (v: readonly string[] | undefined): string => `[${(v ?? []).join(' ')}]`;

/** The Pods using a claim: by volume, then the Pods owning it (getPodsForPVC). */
export function podsForClaim(pvc: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const using = pods.filter((p) => (p.spec?.volumes ?? []).some((v: Json) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !using.includes(owner)) using.push(owner);
  }
  return using;
}

export function describePersistentVolumeClaim(pvc: KubeObject, usedBy: readonly KubeObject[], events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = pvc.spec ?? {};
  const st: Json = pvc.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, nowUnixMs)})\n`);
  else w.write(LEVEL_0, `Status:\t${st.phase ?? ''}\n`);
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  const bound = Boolean(spec.volumeName);
  w.write(LEVEL_0, `Capacity:\t${bound ? quantityString(st.capacity?.storage ?? '0') : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(st.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
  // printPodsMultiline: sorted by name, one per line.
  w.write(LEVEL_0, 'Used By:\t');
  const names = goSort(usedBy.map((p) => p.metadata.name));
  if (names.length === 0) w.writeLine('<none>');
  names.forEach((name, i) => w.write(LEVEL_0, `${i === 0 ? '' : '\t'}${name}\n`));
  const conditions: Json[] = st.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

export function describePodDisruptionBudget(pdb: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = pdb.spec ?? {};
  const st: Json = pdb.status ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${String(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${String(spec.maxUnavailable)}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, 'Status:\n');
  w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
