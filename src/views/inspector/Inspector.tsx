/**
 * The inspector: the key facts of the Pod, Node, Service or workload clicked in the graph, its
 * recent events from the timeline, and for a Pod the scheduler's decision ("why this node"), for
 * a Service its endpoints and the last load-balancing picks. Everything is rendered as text.
 */
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useAppStore } from '../../store/index.ts';
import type { AppState } from '../../store/types.ts';
import type { GraphSelection } from '../../store/graphSlice.ts';
import type { NodeSummary, PodSummary, ServiceSummary, WorkloadSummary } from '../../worker/protocol.ts';
import { formatBytes, formatCpu } from '../graph/status.ts';
import { formatProbability, type SchedulingDecision } from './entries.ts';
import { insights, type ObjectEntry } from './insights.ts';
import './inspector.css';

const selectSelected = (s: AppState) => s.selected;
const selectSelect = (s: AppState) => s.select;
const selectPods = (s: AppState) => s.pods;
const selectNodes = (s: AppState) => s.nodes;
const selectServices = (s: AppState) => s.services;
const selectWorkloads = (s: AppState) => s.workloads;

/** Re-renders on every batch of timeline entries the index read (only while open). */
function useInsightsVersion(): number {
  return useSyncExternalStore(insights.watch, insights.getVersion);
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="insp-section" data-testid={testId}>
      <h3 className="insp-h">{title}</h3>
      {children}
    </section>
  );
}

function Facts({ rows, testId = 'inspector-facts' }: { rows: [string, ReactNode][]; testId?: string }) {
  return (
    <dl className="insp-facts" data-testid={testId}>
      {rows.map(([k, v]) => (
        <div key={k} className="insp-fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const secondsLabel = (t: number) => `${t.toFixed(1)}s`;

function Events({ entries }: { entries: readonly ObjectEntry[] }) {
  return (
    <Section title="Events" testId="inspector-events">
      {entries.length === 0 ? (
        <p className="insp-empty">No events since the page opened.</p>
      ) : (
        <ol className="insp-events">
          {[...entries].reverse().map((e, i) => (
            <li key={`${e.t}-${i}`} className="insp-event" data-type={e.type}>
              <span className="insp-event-head">
                <span className="insp-time">{secondsLabel(e.t)}</span>
                <span className="insp-event-type">{e.type}</span>
                <span className="insp-event-reason">{e.reason}</span>
                <span className="insp-dim">{e.source}</span>
              </span>
              <span className="insp-event-msg">{e.message}</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function KeyValues({ title, testId, map }: { title: string; testId: string; map: Record<string, string> | undefined }) {
  const entries = Object.entries(map ?? {});
  if (entries.length === 0) return null;
  return (
    <Section title={title} testId={testId}>
      <ul className="insp-kv">
        {entries.map(([k, v]) => (
          <li key={k}>
            <span className="insp-dim">{k}</span>=<span>{v}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Column heads short enough for the panel (the full name is the title). */
const PLUGIN_SHORT: Record<string, string> = {
  TaintToleration: 'Taint',
  NodeAffinity: 'Affinity',
  NodeResourcesFit: 'Fit',
  PodTopologySpread: 'Spread',
  InterPodAffinity: 'PodAff',
  NodeResourcesBalancedAllocation: 'Balanced',
  ImageLocality: 'Image',
  VolumeBinding: 'Volume',
};

/** "Why this node": each node's filter verdict or plugin scores, the chosen node highlighted. */
function Decision({ decision }: { decision: SchedulingDecision | undefined }) {
  if (!decision) {
    return (
      <Section title="Why this node" testId="inspector-decision">
        <p className="insp-empty">No scheduling decision for this pod since the page opened.</p>
      </Section>
    );
  }
  const scored = decision.plugins.length > 0;
  // Plugins that scored no node (nothing to weigh for this pod) are named below, not given a column.
  const columns = decision.plugins.map((plugin, i) => ({ plugin, i })).filter(({ i }) => decision.rows.some((r) => r.scores?.[i] != null));
  const skipped = decision.plugins.filter((_, i) => !columns.some((c) => c.i === i)).map((p) => p.name);
  return (
    <Section title={decision.outcome === 'Scheduled' ? 'Why this node' : 'Why no node'} testId="inspector-decision">
      <p className="insp-decision-summary" data-outcome={decision.outcome}>
        {decision.outcome === 'Scheduled'
          ? `kube-scheduler chose ${decision.selected} at ${secondsLabel(decision.t)} (attempt ${decision.attempt}): ${decision.feasible} of ${decision.evaluated} nodes passed the filters.`
          : `FailedScheduling at ${secondsLabel(decision.t)} (attempt ${decision.attempt}):`}
      </p>
      {decision.outcome === 'FailedScheduling' && (
        <p className="insp-failed" data-testid="inspector-failed-message">
          {decision.message}
        </p>
      )}
      <div className="insp-table-wrap">
        <table className="insp-table insp-decision">
          <thead>
            <tr>
              <th>Node</th>
              {scored &&
                columns.map(({ plugin: p }) => (
                  <th key={p.name} title={`${p.name}, weight ${p.weight}`}>
                    {PLUGIN_SHORT[p.name] ?? p.name}
                    <span className="insp-dim insp-weight">×{p.weight}</span>
                  </th>
                ))}
              <th>{scored ? 'Total' : 'Result'}</th>
            </tr>
          </thead>
          <tbody>
            {decision.rows.map((row) => (
              <tr key={row.node} data-testid={`decision-row-${row.node}`} data-chosen={row.chosen} className={row.chosen ? 'insp-chosen' : undefined}>
                <td className="insp-node">
                  {row.chosen ? '✔ ' : ''}
                  {row.node}
                </td>
                {row.filteredBy ? (
                  <td colSpan={scored ? columns.length + 1 : 1} className="insp-filtered">
                    filtered by {row.filteredBy.plugin}: {row.filteredBy.reasons.join('; ')}
                  </td>
                ) : (
                  <>
                    {scored && columns.map(({ plugin, i }) => <td key={plugin.name}>{row.scores?.[i] ?? '–'}</td>)}
                    <td className="insp-total">{row.total ?? 'only feasible node'}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {scored && (
        <p className="insp-note">
          Each Score plugin's normalized score (0–100) and weight; the total is the weighted sum. Hover a column for its plugin.
          {skipped.length > 0 && ` Not scoring for this pod: ${skipped.join(', ')}.`}
        </p>
      )}
    </Section>
  );
}

function ownerChain(pod: PodSummary, workloads: readonly WorkloadSummary[]): string[] {
  const chain: string[] = [];
  let owners = pod.owners;
  let namespace = pod.namespace;
  for (let depth = 0; depth < 5 && owners.length > 0; depth++) {
    const o = owners[0]!;
    chain.push(`${o.kind}/${o.name}`);
    const w = workloads.find((x) => x.kind === o.kind && x.namespace === namespace && x.name === o.name);
    if (!w) break;
    owners = w.owners;
    namespace = w.namespace;
  }
  return chain;
}

function PodDetails({ pod, workloads }: { pod: PodSummary; workloads: readonly WorkloadSummary[] }) {
  useInsightsVersion();
  const chain = ownerChain(pod, workloads);
  return (
    <>
      <Facts
        rows={[
          ['Namespace', pod.namespace],
          ['Status', pod.status],
          ['Phase', pod.phase],
          ['Node', pod.nodeName ?? '<none>'],
          ['IP', pod.podIP ?? '<none>'],
          ['Ready', pod.ready],
          ['Restarts', pod.restarts],
        ]}
      />
      <Section title="Containers" testId="inspector-containers">
        <table className="insp-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>State</th>
              <th>Ready</th>
              <th>Restarts</th>
            </tr>
          </thead>
          <tbody>
            {pod.containers.map((c) => (
              <tr key={`${c.kind}:${c.name}`} data-testid={`inspector-container-${c.name}`}>
                <td>
                  {c.name}
                  {c.kind !== 'app' && <span className="insp-dim"> ({c.kind})</span>}
                  <div className="insp-dim insp-small">{c.image}</div>
                  {c.probes.length > 0 && <div className="insp-dim insp-small">probes: {c.probes.join(', ')}</div>}
                </td>
                <td>
                  {c.state}
                  {c.reason && <div className="insp-small">{c.reason}</div>}
                </td>
                <td>{c.ready ? 'true' : 'false'}</td>
                <td>{c.restartCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Conditions" testId="inspector-conditions">
        {(pod.conditions ?? []).length === 0 ? (
          <p className="insp-empty">none yet</p>
        ) : (
          <ul className="insp-kv">
            {(pod.conditions ?? []).map((c) => (
              <li key={c.type} data-status={c.status}>
                {c.type}: <strong>{c.status}</strong>
                {c.reason && <span className="insp-dim"> ({c.reason})</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Controlled by" testId="inspector-owners">
        <p className="insp-chain">{chain.length === 0 ? 'nothing (a bare Pod)' : ['Pod', ...chain].join(' ← ')}</p>
      </Section>
      <Decision decision={insights.decisionFor(pod.namespace, pod.name, pod.uid)} />
      <KeyValues title="Labels" testId="inspector-labels" map={pod.labels} />
      <KeyValues title="Annotations" testId="inspector-annotations" map={pod.annotations} />
      <Events entries={insights.entriesFor('Pod', pod.namespace, pod.name)} />
    </>
  );
}

function NodeDetails({ node, pods }: { node: NodeSummary; pods: readonly PodSummary[] }) {
  useInsightsVersion();
  const onNode = pods.filter((p) => p.nodeName === node.name);
  const byStatus = new Map<string, number>();
  for (const p of onNode) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  return (
    <>
      <Facts
        rows={[
          ['Roles', node.roles.length > 0 ? node.roles.join(',') : '<none>'],
          ['Ready', node.ready ? 'True' : 'False'],
          ['Schedulable', node.unschedulable ? 'no (cordoned)' : 'yes'],
          ['InternalIP', node.internalIP || '<none>'],
          ['CPU requests', `${formatCpu(node.cpu.requested)} of ${formatCpu(node.cpu.allocatable)}`],
          ['Memory requests', `${formatBytes(node.memory.requested)} of ${formatBytes(node.memory.allocatable)}`],
          ['Pods', [...byStatus].map(([s, n]) => `${n} ${s}`).join(', ') || '0'],
        ]}
      />
      <Section title="Taints" testId="inspector-taints">
        {node.taints.length === 0 ? (
          <p className="insp-empty">none</p>
        ) : (
          <ul className="insp-kv">
            {node.taints.map((t) => (
              <li key={`${t.key}:${t.effect}`}>{`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`}</li>
            ))}
          </ul>
        )}
      </Section>
      <Events entries={insights.entriesFor('Node', undefined, node.name)} />
    </>
  );
}

function ServiceDetails({ service }: { service: ServiceSummary }) {
  useInsightsVersion();
  const key = `${service.namespace}/${service.name}`;
  const picks = insights.picksFor(key);
  return (
    <>
      <Facts
        rows={[
          ['Namespace', service.namespace],
          ['Type', service.type],
          ['ClusterIP', service.clusterIP],
          [
            'Ports',
            service.ports
              .map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol} → ${p.targetPort}${p.nodePort !== null ? ` (NodePort ${p.nodePort})` : ''}`)
              .join(', ') || '<none>',
          ],
        ]}
      />
      <Section title="Endpoints" testId="inspector-endpoints">
        {service.endpoints.length === 0 ? (
          <p className="insp-empty">none: no ready pod matches the selector</p>
        ) : (
          <table className="insp-table">
            <thead>
              <tr>
                <th>Address</th>
                <th>Pod</th>
                <th>Conditions</th>
                <th>Requests</th>
              </tr>
            </thead>
            <tbody>
              {service.endpoints.map((ep) => (
                <tr key={`${ep.address}-${ep.pod ?? ''}`} data-ready={ep.ready}>
                  <td>{ep.address}</td>
                  <td>{ep.pod ?? '–'}</td>
                  <td>{[ep.ready ? 'ready' : 'not ready', ep.serving ? 'serving' : '', ep.terminating ? 'terminating' : ''].filter(Boolean).join(', ')}</td>
                  <td>{ep.pod === null ? '–' : insights.countFor(key, ep.pod)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Last load-balancing picks" testId="inspector-picks">
        {picks.length === 0 ? (
          <p className="insp-empty">No requests through this Service since the page opened.</p>
        ) : (
          <ol className="insp-events">
            {[...picks].reverse().map((p, i) => (
              <li key={`${p.t}-${i}`} className="insp-event" data-testid="inspector-pick">
                <span className="insp-event-head">
                  <span className="insp-time">{secondsLabel(p.t)}</span>
                  <span className="insp-event-reason">→ {p.pod ?? p.endpoint}</span>
                  <span className="insp-prob">{p.affinity ? 'session affinity' : `p=${formatProbability(p.probability)}`}</span>
                  <span className="insp-dim">
                    from {p.client} via kube-proxy on {p.node}
                  </span>
                </span>
                <code className="insp-rule">{p.rule}</code>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Events entries={insights.entriesFor('Service', service.namespace, service.name)} />
    </>
  );
}

function WorkloadDetails({ workload }: { workload: WorkloadSummary }) {
  useInsightsVersion();
  return (
    <>
      <Facts
        rows={[
          ['Namespace', workload.namespace],
          [workload.kind === 'Job' ? 'Succeeded' : 'Ready', `${workload.ready}/${workload.desired}`],
          ['Controlled by', workload.owners.map((o) => `${o.kind}/${o.name}`).join(', ') || '<none>'],
        ]}
      />
      <Events entries={insights.entriesFor(workload.kind, workload.namespace, workload.name)} />
    </>
  );
}

function Body({ selected }: { selected: GraphSelection }) {
  const pods = useAppStore(selectPods);
  const nodes = useAppStore(selectNodes);
  const services = useAppStore(selectServices);
  const workloads = useAppStore(selectWorkloads);
  const gone = <p className="insp-empty" data-testid="inspector-gone">This {selected.kind} no longer exists.</p>;
  switch (selected.kind) {
    case 'Pod': {
      const pod = pods.find((p) => p.namespace === selected.namespace && p.name === selected.name);
      return pod ? <PodDetails pod={pod} workloads={workloads} /> : gone;
    }
    case 'Node': {
      const node = nodes.find((n) => n.name === selected.name);
      return node ? <NodeDetails node={node} pods={pods} /> : gone;
    }
    case 'Service': {
      const svc = services.find((s) => s.namespace === selected.namespace && s.name === selected.name);
      return svc ? <ServiceDetails service={svc} /> : gone;
    }
    default: {
      const w = workloads.find((x) => x.kind === selected.kind && x.namespace === selected.namespace && x.name === selected.name);
      return w ? <WorkloadDetails workload={w} /> : gone;
    }
  }
}

export function Inspector() {
  const selected = useAppStore(selectSelected);
  const select = useAppStore(selectSelect);
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, select]);
  if (!selected) return null;
  return (
    <aside className="inspector" data-testid="inspector" data-kind={selected.kind} aria-label={`${selected.kind} ${selected.name}`}>
      <header className="insp-header">
        <span className="badge badge-role">{selected.kind}</span>
        <h2 className="insp-title" data-testid="inspector-title" title={selected.name}>
          {selected.name}
        </h2>
        <button type="button" className="insp-close" data-testid="inspector-close" aria-label="Close the inspector" onClick={() => select(null)}>
          ×
        </button>
      </header>
      <div className="insp-body">
        <Body selected={selected} />
      </div>
    </aside>
  );
}
