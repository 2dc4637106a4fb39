/**
 * The graph's custom nodes: a Kubernetes Node as a group container, the Unscheduled lane, a Pod
 * card with its containers as chips, and a Service. Each is memoised: React Flow re-renders a
 * node only when its data object changes, and the layout builds new data only on new summaries.
 */
import { memo, useEffect, useRef } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { ContainerSummary, PodSummary, ResourceUse } from '../../worker/protocol.ts';
import { chipsToFlash, onPodFx } from './fx.ts';
import { podChips, TONE_ORDER, type ChipText, type LaneFlowNode, type NodeGroupFlowNode, type PodFlowNode, type ServiceFlowNode, type ToneCounts, type WorkloadFlowNode } from './layout.ts';
import { containerTone, formatBytes, formatCpu, sandboxTone, usageFraction, type Tone } from './status.ts';
import { useT } from '../i18n.ts';

function UsageBar({ label, use, format }: { label: string; use: ResourceUse; format: (n: number) => string }) {
  const fraction = usageFraction(use.requested, use.allocatable);
  const t = useT();
  return (
    <div className="usage" title={t('gUsageTitle', { label, requested: format(use.requested), allocatable: format(use.allocatable) })}>
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

/** What each tone means in the aggregate drawing's counts. */
const TONE_LABEL = { ok: 'gToneOk', progress: 'gToneProgress', error: 'gToneError', done: 'gToneDone', fading: 'gToneFading', unknown: 'gToneUnknown' } as const;

/** The aggregate drawing of a node's pods: a bar split by status colour, and the counts. */
function Aggregate({ counts, testId }: { counts: ToneCounts; testId: string }) {
  const total = TONE_ORDER.reduce((n, t) => n + counts[t], 0);
  const present = TONE_ORDER.filter((t) => counts[t] > 0);
  const tr = useT();
  return (
    <div className="aggregate" data-testid={testId} data-total={total}>
      <div className="aggregate-bar" aria-hidden="true">
        {present.map((t) => (
          <span key={t} className="aggregate-part" data-tone={t} style={{ flexGrow: counts[t] }} />
        ))}
      </div>
      <div className="aggregate-counts">
        {present.length === 0 && <span className="aggregate-none">{tr('gNoPods')}</span>}
        {present.map((t) => (
          <span key={t} className="aggregate-count" data-tone={t} data-count={counts[t]}>
            <span className="status-dot" aria-hidden="true" />
            {counts[t]} {tr(TONE_LABEL[t])}
          </span>
        ))}
      </div>
    </div>
  );
}

export const NodeGroup = memo(function NodeGroup({ data }: NodeProps<NodeGroupFlowNode>) {
  const { node, podCount, aggregate } = data;
  const role = node.roles.length > 0 ? node.roles.join(',') : 'worker';
  const t = useT();
  return (
    <div className="k8s-node" data-testid={`node-${node.name}`} data-ready={node.ready}>
      <div className="k8s-node-head">
        <span className="k8s-node-icon" aria-hidden="true">
          ▣
        </span>
        <span className="k8s-node-name" title={node.name}>
          {node.name}
        </span>
        <span className="k8s-node-count">{podCount === 1 ? t('gPod') : t('gPods', { n: podCount })}</span>
      </div>
      <div className="k8s-node-badges">
        <span className="badge badge-role">{role}</span>
        <span className={`badge ${node.ready ? 'badge-ok' : 'badge-error'}`}>{node.ready ? 'Ready' : 'NotReady'}</span>
        {node.unschedulable && <span className="badge badge-warn">SchedulingDisabled</span>}
      </div>
      <UsageBar label="CPU" use={node.cpu} format={formatCpu} />
      <UsageBar label={t('gMemory')} use={node.memory} format={formatBytes} />
      <div className="taints">
        {node.taints.length === 0 ? (
          <span className="taints-none">{t('gNoTaints')}</span>
        ) : (
          node.taints.map((taint) => (
            <span key={`${taint.key}:${taint.effect}`} className="badge badge-taint" title={t('gTaint')}>
              {taint.key}
              {taint.value ? `=${taint.value}` : ''}:{taint.effect}
            </span>
          ))
        )}
      </div>
      {aggregate ? <Aggregate counts={aggregate} testId={`node-aggregate-${node.name}`} /> : podCount === 0 && <div className="group-empty">{t('gNoPodsShown')}</div>}
      <Handle type="target" position={Position.Top} isConnectable={false} className="graph-handle" />
    </div>
  );
});

export const Lane = memo(function Lane({ data }: NodeProps<LaneFlowNode>) {
  const t = useT();
  return (
    <div className="k8s-lane" data-testid="unscheduled-lane">
      <div className="k8s-node-head">
        <span className="k8s-node-name">{data.title === 'Unscheduled' ? t('gUnscheduled') : data.title}</span>
        <span className="badge badge-warn">Pending</span>
        <span className="k8s-node-count">{data.podCount === 1 ? t('gPod') : t('gPods', { n: data.podCount })}</span>
      </div>
      <p className="lane-hint">{t('gLaneHint')}</p>
      {data.aggregate && <Aggregate counts={data.aggregate} testId="lane-aggregate" />}
      <Handle type="target" position={Position.Top} isConnectable={false} className="graph-handle" />
    </div>
  );
});

interface ChipProps {
  chip: ChipText;
  /** `sandbox`, `init`, `sidecar` or `app`: the chip's style. */
  kind: string;
  tone: Tone;
  title: string;
  state: string;
  probes?: string;
}

function Chip({ chip, kind, tone, title, state, probes }: ChipProps) {
  return (
    <span
      className={`chip chip-${kind}`}
      data-tone={tone}
      title={title}
      data-container={chip.name}
      data-kind={kind}
      data-state={state}
      data-step={chip.step ?? undefined}
      data-probes={probes}
    >
      {chip.kind !== '' && <span className="chip-kind">{chip.kind}</span>}
      <span className="chip-name">{chip.name}</span>
      {chip.done && (
        <span className="chip-done" aria-hidden="true">
          ✓
        </span>
      )}
      {/* Filled imperatively while a probe failure flashes (see PodCard). */}
      <span className="chip-probe" data-testid="chip-probe" />
    </span>
  );
}

/** How long a failed probe keeps its chip flashing. */
const PROBE_FLASH_MS = 2200;

type T = ReturnType<typeof useT>;

function containerTitle(c: ContainerSummary, step: string, t: T): string {
  const kind = c.kind === 'init' ? t('gChipKind_init', { step }) : t(c.kind === 'sidecar' ? 'gChipKind_sidecar' : 'gChipKind_app');
  return t('gChipTitle', {
    kind,
    name: c.name,
    image: c.image,
    state: c.reason ? `${c.state} (${c.reason})` : c.state,
    ready: c.ready ? t('gChipReady') : '',
    restarts: c.restartCount,
    probes: c.probes.length > 0 ? t('gChipProbes', { list: c.probes.join(', ') }) : '',
  });
}

function sandboxTitle(pod: PodSummary, t: T): string {
  return pod.podIP === null ? t('gSandboxNone') : t('gSandboxIp', { ip: pod.podIP });
}

export const PodCard = memo(function PodCard({ data }: NodeProps<PodFlowNode>) {
  const { pod, tone } = data;
  const card = useRef<HTMLDivElement>(null);
  // Restarts pulse the card; a failed probe flashes the chip of the container it failed in (the
  // kubelet's Unhealthy entry names it). Driven by the fx bus, not by renders.
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = onPodFx(pod.namespace, pod.name, (fx) => {
      const el = card.current;
      if (!el) return;
      if (fx.kind === 'restart') {
        el.classList.remove('pod-pulse');
        void el.offsetWidth; // restart the CSS animation
        el.classList.add('pod-pulse');
        return;
      }
      const all = Array.from(el.querySelectorAll<HTMLElement>('.chip[data-probes]')).map((chip) => ({ chip, container: chip.dataset['container'] ?? '', probes: (chip.dataset['probes'] ?? '').split(' ') }));
      for (const { chip } of chipsToFlash(all, fx.probe, fx.container)) {
        chip.dataset['probeFailed'] = fx.probe;
        chip.title = `${chip.title.split('\n\n')[0]}\n\n${fx.message}`;
        const badge = chip.querySelector('.chip-probe');
        if (badge) badge.textContent = `${fx.probe} ✗`;
        const timer = setTimeout(() => {
          timers.delete(timer);
          delete chip.dataset['probeFailed'];
          if (badge) badge.textContent = '';
        }, PROBE_FLASH_MS);
        timers.add(timer);
      }
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, [pod.namespace, pod.name]);
  const owner = pod.owners[0];
  const chips = podChips(pod);
  const t = useT();
  const fullyReady = (() => {
    const [ready, total] = pod.ready.split('/');
    return ready === total;
  })();
  return (
    <div
      ref={card}
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
      <div className="chips" data-testid="pod-chips">
        <Chip chip={chips[0]!} kind="sandbox" tone={sandboxTone(pod)} title={sandboxTitle(pod, t)} state={pod.podIP === null ? 'waiting' : 'running'} />
        {pod.containers.map((c, i) => (
          <Chip
            key={`${c.kind}:${c.name}`}
            chip={chips[i + 1]!}
            kind={c.kind}
            tone={containerTone(c)}
            title={containerTitle(c, chips[i + 1]!.step ?? '', t)}
            state={c.state}
            probes={c.probes.length > 0 ? c.probes.join(' ') : undefined}
          />
        ))}
      </div>
      <Handle type="target" id="owner" position={Position.Bottom} isConnectable={false} className="graph-handle" />
    </div>
  );
});

/**
 * A Service: name, type, then a line per port, `<clusterIP>:<port>/<protocol>` (`→ <targetPort>` when
 * it differs), and under a port with a NodePort, `NodePort <nodePort>` (kubectl's PORT(S) column says
 * `<port>:<nodePort>/<protocol>`); then how many endpoints are ready.
 */
export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const { service } = data;
  const ready = service.endpoints.filter((e) => e.ready).length;
  const t = useT();
  // A headless Service (clusterIP: None) has no virtual IP: kube-proxy writes no rules for it.
  const headless = service.clusterIP === 'None';
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
      {headless && (
        <div className="svc-headless" data-testid="service-headless">
          {t('gHeadless')}
        </div>
      )}
      <div className="svc-ports">
        {service.ports.length === 0 && !headless && <span>{service.clusterIP}</span>}
        {service.ports.map((p) => (
          <span key={`${p.port}/${p.protocol}`} className="svc-port" title={`targetPort ${p.targetPort}`}>
            {headless ? '' : `${service.clusterIP}:`}
            {p.port}/{p.protocol}
            {p.targetPort !== String(p.port) && <span className="svc-target"> → {p.targetPort}</span>}
            {p.nodePort !== null && <span className="svc-nodeport"> NodePort {p.nodePort}</span>}
          </span>
        ))}
      </div>
      <div className="svc-endpoints">
        {service.endpoints.length === 0 ? t('gNoEndpoints') : t('gEndpointsReady', { ready, total: service.endpoints.length })}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="graph-handle" />
    </div>
  );
});

/** A workload controller below the nodes: kind, name and ready/desired, owner edges to what it owns. */
export const WorkloadNode = memo(function WorkloadNode({ data }: NodeProps<WorkloadFlowNode>) {
  const { workload } = data;
  const complete = workload.ready >= workload.desired;
  const t = useT();
  return (
    <div className="wl-card" data-testid={`workload-${workload.kind}-${workload.namespace}-${workload.name}`} data-kind={workload.kind}>
      <Handle type="source" id="out" position={Position.Top} isConnectable={false} className="graph-handle" />
      <div className="svc-head">
        <span className="badge badge-kind">{workload.kind}</span>
        <span className="wl-count" data-ok={complete}>
          {workload.ready}/{workload.desired} {workload.kind === 'Job' ? t('gSucceeded') : t('gReady')}
        </span>
      </div>
      <div className="wl-name" title={`${workload.namespace}/${workload.name}`}>
        {workload.name}
      </div>
      <Handle type="target" id="owner" position={Position.Bottom} isConnectable={false} className="graph-handle" />
    </div>
  );
});

/** Declared once at module scope: a new object on each render would remount every node. */
export const nodeTypes = {
  nodeGroup: NodeGroup,
  lane: Lane,
  pod: PodCard,
  service: ServiceNode,
  workload: WorkloadNode,
} satisfies NodeTypes;
