/**
 * What a Pod asks for that Kubeplay accepts (the API server validates it as v1.31 does) but does
 * not simulate. A real kubelet would act on these fields; this one would silently do something
 * else, so it says so instead: one Warning Event per field on the Pod (reason `NotSimulated`),
 * which `kubectl describe pod` and `kubectl get events` show, recorded when the kubelet first
 * sets the Pod up. Nothing else about the Pod changes: it runs as it would without the field.
 *
 * Volume types other than those in volumes.ts are reported here too (they mount as an empty
 * directory). Fields whose absence of effect is already visible elsewhere, or that only tune
 * something simulated (resources, probes' timings), are not listed.
 */
import type { KubeObject } from '../api/types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs are plain JSON */
type Json = any;

/** The Event reason; the message always starts with `Kubeplay does not simulate`. */
export const NOT_SIMULATED_REASON = 'NotSimulated';

/** Volume sources the kubelet's volume manager fills (volumes.ts); any other mounts empty. */
const SIMULATED_VOLUMES = new Set(['emptyDir', 'configMap', 'secret', 'downwardAPI', 'projected', 'hostPath', 'persistentVolumeClaim']);

/** A pod-level field: where it is, whether this Pod sets it, and what happens instead. */
interface PodField {
  path: string;
  set: (spec: Json) => boolean;
  instead: string;
}

const POD_FIELDS: readonly PodField[] = [
  { path: 'spec.shareProcessNamespace', set: (s) => s.shareProcessNamespace === true, instead: 'each container sees only its own processes' },
  { path: 'spec.hostPID', set: (s) => s.hostPID === true, instead: "the containers do not see the node's processes" },
  { path: 'spec.hostIPC', set: (s) => s.hostIPC === true, instead: 'the containers keep their own IPC namespace' },
  { path: 'spec.readinessGates', set: (s) => (s.readinessGates ?? []).length > 0, instead: 'the Ready condition ignores them' },
  { path: 'spec.securityContext.runAsUser', set: (s) => uidSet(s.securityContext?.runAsUser), instead: 'processes run as root (uid 0)' },
  { path: 'spec.securityContext.runAsGroup', set: (s) => uidSet(s.securityContext?.runAsGroup), instead: 'processes run as group root (gid 0)' },
];

/** A container-level field, named `spec.containers[<name>].<path>` in the message. */
interface ContainerField {
  path: string;
  set: (c: Json) => boolean;
  instead: string;
}

const CONTAINER_FIELDS: readonly ContainerField[] = [
  { path: 'securityContext.runAsUser', set: (c) => uidSet(c.securityContext?.runAsUser), instead: 'its processes run as root (uid 0)' },
  { path: 'securityContext.runAsGroup', set: (c) => uidSet(c.securityContext?.runAsGroup), instead: 'its processes run as group root (gid 0)' },
  { path: 'securityContext.readOnlyRootFilesystem', set: (c) => c.securityContext?.readOnlyRootFilesystem === true, instead: 'its root filesystem stays writable' },
  { path: 'livenessProbe.terminationGracePeriodSeconds', set: (c) => c.livenessProbe?.terminationGracePeriodSeconds !== undefined, instead: "a liveness kill uses the Pod's grace period" },
  { path: 'startupProbe.terminationGracePeriodSeconds', set: (c) => c.startupProbe?.terminationGracePeriodSeconds !== undefined, instead: "a startup-probe kill uses the Pod's grace period" },
];

/** A non-root id; `0` is what the simulation does anyway. */
function uidSet(v: unknown): boolean {
  return typeof v === 'number' && v !== 0;
}

/** The Warning messages for a Pod, in spec order: volumes, then pod fields, then each container's. */
export function notSimulated(pod: KubeObject): string[] {
  const spec: Json = pod.spec ?? {};
  const out: string[] = [];
  for (const v of (spec.volumes ?? []) as Json[]) {
    const kind = Object.keys(v).find((k) => k !== 'name');
    if (kind !== undefined && !SIMULATED_VOLUMES.has(kind)) out.push(`Kubeplay does not simulate ${kind} volumes: volume "${v.name}" is mounted as an empty directory`);
  }
  for (const f of POD_FIELDS) if (f.set(spec)) out.push(`Kubeplay does not simulate ${f.path}: ${f.instead}`);
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Json[]) {
    for (const f of CONTAINER_FIELDS) if (f.set(c)) out.push(`Kubeplay does not simulate ${f.path} (container ${c.name}): ${f.instead}`);
  }
  return out;
}
