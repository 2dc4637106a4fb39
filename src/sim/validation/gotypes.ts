/**
 * What `fields.json` (generated from kubernetes-types by scripts/gen-schema.mjs) cannot know, because
 * TypeScript has one `number` and no named string types: the Go type of each field, as encoding/json's
 * `UnmarshalTypeError` prints it (`of type int32`, `of type v1.Protocol`). Read off k8s.io/api v1.31
 * (`core/v1/types.go`, `apps/v1/types.go`, `batch/v1/types.go`, `discovery/v1/types.go`) and
 * `apimachinery/pkg/apis/meta/v1/types.go`. A `number` not listed as int64 here is int32, which is
 * what every other integer field of these structs is.
 */
import FIELDS from './fields.json' with { type: 'json' };

/** int64 fields, as `Struct.field` (every other `number` is int32). */
const INT64 = new Set([
  'ObjectMeta.generation',
  'ObjectMeta.deletionGracePeriodSeconds',
  'ListMeta.remainingItemCount',
  'PodSpec.terminationGracePeriodSeconds',
  'PodSpec.activeDeadlineSeconds',
  'Probe.terminationGracePeriodSeconds',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.fsGroup',
  'PodSecurityContext.supplementalGroups',
  'Toleration.tolerationSeconds',
  'ServiceAccountTokenProjection.expirationSeconds',
  'SleepAction.seconds',
  'ContainerImage.sizeBytes',
  'LinuxContainerUser.uid',
  'LinuxContainerUser.gid',
  'LinuxContainerUser.supplementalGroups',
  'JobSpec.activeDeadlineSeconds',
  'CronJobSpec.startingDeadlineSeconds',
  'DeploymentStatus.observedGeneration',
  'ReplicaSetStatus.observedGeneration',
  'DaemonSetStatus.observedGeneration',
  'StatefulSetStatus.observedGeneration',
  'DeploymentCondition.observedGeneration',
  'Condition.observedGeneration',
  'ControllerRevision.revision',
]);

/** Named Go types of string/map fields, as `Struct.field` → the type printed in `of type ...`. */
const NAMED: Record<string, string> = {
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'EphemeralContainer.imagePullPolicy': 'v1.PullPolicy',
  'EphemeralContainer.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'EndpointPort.protocol': 'v1.Protocol',
  'EndpointPort@discovery/v1.protocol': 'v1.Protocol',
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'PriorityClass.preemptionPolicy': 'v1.PreemptionPolicy',
  'PodSpec.overhead': 'v1.ResourceList',
  'PodStatus.phase': 'v1.PodPhase',
  'PodStatus.qosClass': 'v1.PodQOSClass',
  'PodCondition.type': 'v1.PodConditionType',
  'PodCondition.status': 'v1.ConditionStatus',
  'NodeCondition.type': 'v1.NodeConditionType',
  'NodeCondition.status': 'v1.ConditionStatus',
  'NodeStatus.capacity': 'v1.ResourceList',
  'NodeStatus.allocatable': 'v1.ResourceList',
  'NodeStatus.phase': 'v1.NodePhase',
  'NodeAddress.type': 'v1.NodeAddressType',
  'ResourceRequirements.limits': 'v1.ResourceList',
  'ResourceRequirements.requests': 'v1.ResourceList',
  'ContainerStatus.allocatedResources': 'v1.ResourceList',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'ServiceSpec.externalTrafficPolicy': 'v1.ServiceExternalTrafficPolicy',
  'ServiceSpec.internalTrafficPolicy': 'v1.ServiceInternalTrafficPolicy',
  'ServiceSpec.ipFamilies': '[]v1.IPFamily',
  'ServiceSpec.ipFamilyPolicy': 'v1.IPFamilyPolicy',
  'HTTPGetAction.scheme': 'v1.URIScheme',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'Taint.effect': 'v1.TaintEffect',
  'NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'VolumeMount.mountPropagation': 'v1.MountPropagationMode',
  'Capabilities.add': '[]v1.Capability',
  'Capabilities.drop': '[]v1.Capability',
  'SeccompProfile.type': 'v1.SeccompProfileType',
  'AppArmorProfile.type': 'v1.AppArmorProfileType',
  'SecurityContext.procMount': 'v1.ProcMountType',
  'PodSecurityContext.fsGroupChangePolicy': 'v1.PodFSGroupChangePolicy',
  'HostPathVolumeSource.type': 'v1.HostPathType',
  'EmptyDirVolumeSource.medium': 'v1.StorageMedium',
  'Secret.type': 'v1.SecretType',
  'Secret.data': 'map[string][]uint8',
  'ConfigMap.binaryData': 'map[string][]uint8',
  'NamespaceSpec.finalizers': '[]v1.FinalizerName',
  'NamespaceStatus.phase': 'v1.NamespacePhase',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'StatefulSetSpec.podManagementPolicy': 'v1.PodManagementPolicyType',
  'StatefulSetUpdateStrategy.type': 'v1.StatefulSetUpdateStrategyType',
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted': 'v1.PersistentVolumeClaimRetentionPolicyType',
  'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled': 'v1.PersistentVolumeClaimRetentionPolicyType',
  'JobSpec.completionMode': 'v1.CompletionMode',
  'JobSpec.podReplacementPolicy': 'v1.PodReplacementPolicy',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'EndpointSlice.addressType': 'v1.AddressType',
  'PersistentVolumeClaimSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
};

/**
 * Fields added in v1.31 that kubernetes-types 1.30.0 (the newest published) lacks: kept here so strict
 * decoding does not reject them. [M] from the v1.31 API changelog; re-generate when kubernetes-types 1.31 ships.
 */
const V1_31_ADDITIONS: Record<string, Record<string, string>> = {
  Volume: { image: 'ImageVolumeSource' },
  ImageVolumeSource: { reference: 'string', pullPolicy: 'string' },
  PodSecurityContext: { supplementalGroupsPolicy: 'string' },
  ContainerStatus: { user: 'ContainerUser', allocatedResourcesStatus: '[]ResourceStatus' },
  ContainerUser: { linux: 'LinuxContainerUser' },
  LinuxContainerUser: { uid: 'number', gid: 'number', supplementalGroups: '[]number' },
  ResourceStatus: { name: 'string', resources: '[]ResourceHealth' },
  ResourceHealth: { resourceID: 'string', health: 'string' },
  NodeStatus: { features: 'NodeFeatures' },
  NodeFeatures: { supplementalGroupsPolicy: 'bool' },
  ResourceClaim: { request: 'string' },
  PodResourceClaim: { resourceClaimName: 'string', resourceClaimTemplateName: 'string' },
};

type Table = Record<string, Record<string, string>>;

/** Every struct's fields: the generated table plus the v1.31 additions. */
export const STRUCTS: Table = (() => {
  const t: Table = {};
  for (const [name, fields] of Object.entries(FIELDS as Table)) t[name] = { ...fields };
  for (const [name, fields] of Object.entries(V1_31_ADDITIONS)) t[name] = { ...(t[name] ?? {}), ...fields };
  // v1.31 replaced PodResourceClaim.source with the two fields above (KEP-4381).
  delete t.PodResourceClaim?.source;
  return t;
})();

/** The Go struct name printed in errors (`EndpointPort@discovery/v1` → `EndpointPort`). */
export function goStructName(key: string): string {
  const at = key.indexOf('@');
  return at < 0 ? key : key.slice(0, at);
}

/** A field's compact type with `number` refined to int32/int64. */
export function fieldType(struct: string, field: string): string | undefined {
  // Own properties only: a field named `constructor` or `toString` is an unknown field, not Object's.
  const fields = Object.hasOwn(STRUCTS, struct) ? STRUCTS[struct] : undefined;
  const t = fields && Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (t === undefined) return undefined;
  return t.replace('number', INT64.has(`${struct}.${field}`) ? 'int64' : 'int32');
}

/** The Go type text of a compact type (`[]Container` → `[]v1.Container`), honouring named types. */
export function goTypeName(struct: string, field: string | undefined, compact: string): string {
  if (field !== undefined) {
    const named = NAMED[`${struct}.${field}`];
    if (named) return named;
  }
  return goTypeOf(compact);
}

export function goTypeOf(compact: string): string {
  if (compact.startsWith('[]')) return `[]${goTypeOf(compact.slice(2))}`;
  if (compact.startsWith('map[')) return `map[string]${goTypeOf(compact.slice(4, -1))}`;
  switch (compact) {
    case 'string':
    case 'bool':
    case 'int32':
    case 'int64':
      return compact;
    case 'any':
      return 'runtime.RawExtension';
    case 'Quantity':
      return 'resource.Quantity';
    case 'IntOrString':
      return 'intstr.IntOrString';
    case 'Time':
      return 'v1.Time';
    default:
      return `v1.${goStructName(compact)}`;
  }
}
