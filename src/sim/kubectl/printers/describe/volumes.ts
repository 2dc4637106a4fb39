/**
 * `kubectl describe` for PersistentVolumes and StorageClasses, after kubectl/pkg/describe/describe.go
 * (v1.31): describePersistentVolume (with printVolumeNodeAffinity and the hostPath / local
 * sources) and StorageClassDescriber.
 */
import { quantityString } from '../../../api/quantity.ts';
import type { KubeObject } from '../../../api/types.ts';
import { accessModesString } from '../columns.ts';
import { isDefaultClass, persistentVolumeClass } from '../storage-columns.ts';
import { formatLabels, since } from '../util.ts';
import { describeEvents, LEVEL_0, LEVEL_1, LEVEL_2, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/** Go's `%v` of a []string: `[a b]`. */
const goSlice = (v: readonly string[] | undefined): string => `[${(v ?? []).join(' ')}]`;

export function describePersistentVolume(pv: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const spec: Json = pv.spec ?? {};
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', pv.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(LEVEL_0, `Finalizers:\t${goSlice(pv.metadata.finalizers)}\n`);
  w.write(LEVEL_0, `StorageClass:\t${persistentVolumeClass(pv)}\n`);
  if (pv.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, nowUnixMs)})\n`);
  else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(LEVEL_0, `Capacity:\t${quantityString(spec.capacity?.storage ?? '0')}\n`);
  printVolumeNodeAffinity(w, spec.nodeAffinity);
  w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(LEVEL_0, 'Source:\n');
  if (spec.hostPath) {
    // printHostPathVolumeSource: `<none>` only for a nil type; the API server defaults it to "".
    const type = spec.hostPath.type === undefined || spec.hostPath.type === null ? '<none>' : String(spec.hostPath.type);
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path ?? ''}\n    HostPathType:\t${type}\n`);
  } else if (spec.local) {
    // printLocalVolumeSource
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path ?? ''}\n`);
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

/** printVolumeNodeAffinity + printNodeSelectorTermsMultilineWithIndent. */
function printVolumeNodeAffinity(w: PrefixWriter, affinity: Json): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms: Json[] = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs: Json[] = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${req.key} ${String(req.operator).toLowerCase()}`;
      if ((req.values ?? []).length > 0) expr += ` [${req.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

export function describeStorageClass(sc: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const o = sc as Json;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
  // IsDefaultAnnotationText
  w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultClass(sc) ? 'Yes' : 'No'}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(LEVEL_0, `Provisioner:\t${o.provisioner ?? ''}\n`);
  w.write(LEVEL_0, `Parameters:\t${formatLabels(o.parameters)}\n`);
  w.write(LEVEL_0, `AllowVolumeExpansion:\t${o.allowVolumeExpansion === undefined || o.allowVolumeExpansion === null ? '<unset>' : o.allowVolumeExpansion ? 'True' : 'False'}\n`);
  const options: string[] = o.mountOptions ?? [];
  if (options.length === 0) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
  else {
    w.write(LEVEL_0, 'MountOptions:\n');
    for (const opt of options) w.write(LEVEL_1, `${opt}\n`);
  }
  if (o.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${o.reclaimPolicy}\n`);
  if (o.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${o.volumeBindingMode}\n`);
  const topologies: Json[] | undefined = o.allowedTopologies;
  if (topologies) {
    // printAllowedTopologies
    w.write(LEVEL_0, 'AllowedTopologies:\t');
    if (topologies.length === 0) w.writeLine('<none>');
    else {
      w.writeLine('');
      topologies.forEach((term, i) => {
        w.write(LEVEL_1, `Term ${i}:\t`);
        const exprs: Json[] = term.matchLabelExpressions ?? [];
        if (exprs.length === 0) w.writeLine('<none>');
        exprs.forEach((e, j) => {
          if (j !== 0) w.write(LEVEL_1, '\t');
          w.write(LEVEL_0, `${e.key} in [${(e.values ?? []).join(', ')}]\n`);
        });
      });
    }
  }
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
/* eslint-enable @typescript-eslint/no-explicit-any */
