/**
 * The graph's custom nodes: a Kubernetes Node as a group container, the Unscheduled lane, a Pod
 * card with its containers as chips, and a Service. Each is memoised: React Flow re-renders a
 * node only when its data object changes, and the layout builds new data only on new summaries.
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { ContainerSummary, PodSummary, ResourceUse } from '../../worker/protocol.ts';
import type { LaneFlowNode, NodeGroupFlowNode, PodFlowNode, ServiceFlowNode } from './layout.ts';
import { containerTone, formatBytes, formatCpu, sandboxTone, usageFraction, type Tone } from './status.ts';

function UsageBar({ label, use, format }: { label: string; use: ResourceUse; format: (n: number) => string }) {
  const fraction = usageFraction(use.requested, use.allocatable);
  return (
    <div className="usage" title={`${label} requested ${format(use.requested)} of ${format(use.allocatable)} allocatable`}>
      <span className="usage-label">{label}</span>
      <span className="usage-track">
        <span className="usage-fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} data-high={fraction > 0.85} />
      </span>
      <span className="usage-text">
        {format(use.requested)} / {format(use.allocatable)}
      </span>
    </div>
  );
}

export const NodeGroup = memo(function NodeGroup({ data }: NodeProps<NodeGroupFlowNode>) {
  const { node, podCount } = data;
  const role = node.roles.length > 0 ? node.roles.join(',') : 'worker';
  return (
    <div className="k8s-node" data-testid={`node-${node.name}`} data-ready={node.ready}>
      <div className="k8s-node-head">
        <span className="k8s-node-icon" aria-hidden="true">
          ▣
        </span>
        <span className="k8s-node-name" title={node.name}>
          {node.name}
        </span>
        <span className="k8s-node-count">{podCount === 1 ? '1 pod' : `${podCount} pods`}</span>
      </div>
      <div className="k8s-node-badges">
        <span className="badge badge-role">{role}</span>
        <span className={`badge ${node.ready ? 'badge-ok' : 'badge-error'}`}>{node.ready ? 'Ready' : 'NotReady'}</span>
        {node.unschedulable && <span className="badge badge-warn">SchedulingDisabled</span>}
      </div>
      <UsageBar label="CPU" use={node.cpu} format={formatCpu} />
      <UsageBar label="Memory" use={node.memory} format={formatBytes} />
      <div className="taints">
        {node.taints.length === 0 ? (
          <span className="taints-none">no taints</span>
        ) : (
          node.taints.map((t) => (
            <span key={`${t.key}:${t.effect}`} className="badge badge-taint" title="taint">
              {t.key}
              {t.value ? `=${t.value}` : ''}:{t.effect}
            </span>
          ))
        )}
      </div>
      {podCount === 0 && <div className="group-empty">no pods shown</div>}
    </div>
  );
});

export const Lane = memo(function Lane({ data }: NodeProps<LaneFlowNode>) {
  return (
    <div className="k8s-lane" data-testid="unscheduled-lane">
      <div className="k8s-node-head">
        <span className="k8s-node-name">{data.title}</span>
        <span className="badge badge-warn">Pending</span>
        <span className="k8s-node-count">{data.podCount === 1 ? '1 pod' : `${data.podCount} pods`}</span>
      </div>
      <p className="lane-hint">Pods no node has been chosen for yet (see kubectl describe pod: Events).</p>
    </div>
  );
});

function Chip({ label, kind, tone, title }: { label: string; kind: string; tone: Tone; title: string }) {
  return (
    <span className={`chip chip-${kind}`} data-tone={tone} title={title}>
      {kind !== 'app' && <span className="chip-kind">{kind}</span>}
      {label}
    </span>
  );
}

function containerTitle(c: ContainerSummary): string {
  const state = c.reason ? `${c.state} (${c.reason})` : c.state;
  return `${c.kind} container ${c.name}: ${c.image}\n${state}${c.ready ? ', ready' : ''}, restarts ${c.restartCount}`;
}

function sandboxTitle(pod: PodSummary): string {
  return pod.podIP === null ? 'pod sandbox (pause): not created yet' : `pod sandbox (pause): network namespace with IP ${pod.podIP}`;
}

export const PodCard = memo(function PodCard({ data }: NodeProps<PodFlowNode>) {
  const { pod, tone } = data;
  const owner = pod.owners[0];
  const fullyReady = (() => {
    const [ready, total] = pod.ready.split('/');
    return ready === total;
  })();
  return (
    <div
      className="pod-card"
      data-testid={`pod-${pod.namespace}-${pod.name}`}
      data-tone={tone}
      data-status={pod.status}
      data-node-name={data.host}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="graph-handle" />
      <div className="pod-name" title={`${pod.namespace}/${pod.name}`}>
        {pod.name}
      </div>
      <div className="pod-meta">
        <span className="pod-status" data-testid="pod-status">
          <span className="status-dot" aria-hidden="true" />
          {pod.status}
        </span>
        <span className="pod-field" data-ok={fullyReady}>
          <span className="pod-field-label">READY</span> {pod.ready}
        </span>
      </div>
      <div className="pod-meta pod-meta-dim">
        <span className="pod-ip">{pod.podIP ?? '<none>'}</span>
        <span className="pod-field">
          <span className="pod-field-label">RESTARTS</span> {pod.restarts}
        </span>
      </div>
      <div className="pod-owner" title={owner ? `${owner.kind}/${owner.name}` : pod.namespace}>
        {owner ? `${owner.kind}/${owner.name}` : pod.namespace}
      </div>
      <div className="chips">
        <Chip label="pause" kind="sandbox" tone={sandboxTone(pod)} title={sandboxTitle(pod)} />
        {pod.containers.map((c) => (
          <Chip key={`${c.kind}:${c.name}`} label={c.name} kind={c.kind} tone={containerTone(c)} title={containerTitle(c)} />
        ))}
      </div>
    </div>
  );
});

export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const { service } = data;
  const ready = service.endpoints.filter((e) => e.ready).length;
  return (
    <div className="svc-card" data-testid={`service-${service.namespace}-${service.name}`}>
      <div className="svc-head">
        <span className="svc-icon" aria-hidden="true">
          ⇄
        </span>
        <span className="svc-name" title={`${service.namespace}/${service.name}`}>
          {service.name}
        </span>
        <span className="badge badge-role">{service.type}</span>
      </div>
      <div className="svc-ports">
        {service.ports.length === 0 && <span>{service.clusterIP}</span>}
        {service.ports.map((p) => (
          <span key={`${p.port}/${p.protocol}`} className="svc-port" title={`targetPort ${p.targetPort}`}>
            {service.clusterIP}:{p.port}/{p.protocol}
            {p.targetPort !== String(p.port) && <span className="svc-target"> → {p.targetPort}</span>}
            {p.nodePort !== null && <span className="svc-nodeport"> NodePort {p.nodePort}</span>}
          </span>
        ))}
      </div>
      <div className="svc-endpoints">
        {service.endpoints.length === 0 ? 'no endpoints' : `${ready}/${service.endpoints.length} endpoints ready`}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="graph-handle" />
    </div>
  );
});

/** Declared once at module scope: a new object on each render would remount every node. */
export const nodeTypes = {
  nodeGroup: NodeGroup,
  lane: Lane,
  pod: PodCard,
  service: ServiceNode,
} satisfies NodeTypes;
