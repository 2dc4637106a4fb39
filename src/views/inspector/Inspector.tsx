/**
 * The inspector: for the Pod, Node, Service or workload clicked in the graph, four tabs.
 * Overview: its key facts, and for a Pod its containers and the scheduler's decision ("why this
 * node"), for a Service its endpoints and the last load-balancing picks. Describe and YAML:
 * `kubectl describe` and `kubectl get -o yaml` exactly as the core prints them, read through the
 * worker without recording anything (src/worker/inspect.ts) and refreshed as the cluster changes.
 * Events: what the timeline recorded about it. Everything is rendered as text. The page's own
 * labels follow the language; kubectl's output stays as kubectl prints it.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { appStore, useAppStore } from '../../store/index.ts';
import type { AppState } from '../../store/types.ts';
import type { GraphSelection } from '../../store/graphSlice.ts';
import type { InspectResult, NodeSummary, PodSummary, ServiceSummary, WorkloadSummary } from '../../worker/protocol.ts';
import { formatBytes, formatCpu } from '../graph/status.ts';
import { containerTimeline } from './containerTimeline.ts';
import { formatProbability, type SchedulingDecision } from './entries.ts';
import { insights, type ObjectEntry } from './insights.ts';
import { useT } from '../i18n.ts';
import './inspector.css';

type T = ReturnType<typeof useT>;

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
  const t = useT();
  return (
    <Section title={t('inspEvents')} testId="inspector-events">
      {entries.length === 0 ? (
        <p className="insp-empty">{t('inspNoEvents')}</p>
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
  const t = useT();
  if (!decision) {
    return (
      <Section title={t('inspWhyNode')} testId="inspector-decision">
        <p className="insp-empty">{t('inspNoDecision')}</p>
      </Section>
    );
  }
  const scored = decision.plugins.length > 0;
  // Plugins that scored no node (nothing to weigh for this pod) are named below, not given a column.
  const columns = decision.plugins.map((plugin, i) => ({ plugin, i })).filter(({ i }) => decision.rows.some((r) => r.scores?.[i] != null));
  const skipped = decision.plugins.filter((_, i) => !columns.some((c) => c.i === i)).map((p) => p.name);
  return (
    <Section title={decision.outcome === 'Scheduled' ? t('inspWhyNode') : t('inspWhyNoNode')} testId="inspector-decision">
      <p className="insp-decision-summary" data-outcome={decision.outcome}>
        {decision.outcome === 'Scheduled'
          ? t('inspChose', { node: decision.selected ?? '', t: secondsLabel(decision.t), attempt: decision.attempt, feasible: decision.feasible, evaluated: decision.evaluated })
          : t('inspFailedAt', { t: secondsLabel(decision.t), attempt: decision.attempt })}
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
              <th>{t('inspNode')}</th>
              {scored &&
                columns.map(({ plugin: p }) => (
                  <th key={p.name} title={`${p.name}, weight ${p.weight}`}>
                    {PLUGIN_SHORT[p.name] ?? p.name}
                    <span className="insp-dim insp-weight">×{p.weight}</span>
                  </th>
                ))}
              <th>{scored ? t('inspTotal') : t('inspResult')}</th>
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
                    {t('inspFilteredBy', { plugin: row.filteredBy.plugin, reasons: row.filteredBy.reasons.join('; ') })}
                  </td>
                ) : (
                  <>
                    {scored && columns.map(({ plugin, i }) => <td key={plugin.name}>{row.scores?.[i] ?? '–'}</td>)}
                    <td className="insp-total">{row.total ?? t('inspOnlyFeasible')}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {scored && (
        <p className="insp-note">
          {t('inspScoreNote')}
          {skipped.length > 0 && t('inspNotScoring', { list: skipped.join(', ') })}
        </p>
      )}
    </Section>
  );
}

const selectNow = (s: AppState) => s.t;

/** The Pod's containers on one time axis: waiting, running, exited bars, with probe, kill and restart marks. */
function ContainerTimelineView({ pod }: { pod: PodSummary }) {
  const t = useT();
  const now = useAppStore(selectNow);
  const tl = containerTimeline(insights.entriesFor('Pod', pod.namespace, pod.name), pod.containers, now);
  const span = Math.max(1, tl.end - tl.start);
  const pct = (x: number) => `${(((x - tl.start) / span) * 100).toFixed(2)}%`;
  const width = (from: number, to: number | null) => `${((((to ?? tl.end) - from) / span) * 100).toFixed(2)}%`;
  const stateLabel = { waiting: t('inspTlWaiting'), running: t('inspTlRunning'), exited: t('inspTlExited') } as const;
  const symbol = { probe: '✗', kill: '■', restart: '↻', backoff: '…' } as const;
  const anyStarted = tl.rows.some((r) => r.segments.length > 0);
  return (
    <Section title={t('inspTimeline')} testId="inspector-timeline">
      {!anyStarted ? (
        <p className="insp-empty">{t('inspTimelineEmpty')}</p>
      ) : (
        <>
          <div className="insp-tl-axis" aria-hidden="true">
            <span>{secondsLabel(tl.start)}</span>
            <span>{secondsLabel(tl.end)}</span>
          </div>
          <ol className="insp-tl">
            {tl.rows.map((row) => (
              <li key={`${row.kind}:${row.name}`} className="insp-tl-row" data-testid={`timeline-row-${row.name}`}>
                <span className="insp-tl-name" title={row.name}>
                  {row.name}
                  {row.kind !== 'app' && <span className="insp-dim"> ({row.kind})</span>}
                </span>
                <span className="insp-tl-track">
                  {row.segments.map((s, i) => {
                    const label = `${stateLabel[s.state]} ${secondsLabel(s.from)}–${s.to === null ? '' : secondsLabel(s.to)}${s.detail ? ` (${s.detail})` : ''}`;
                    return (
                      <span
                        key={i}
                        className="insp-tl-seg"
                        data-state={s.state}
                        data-testid="timeline-segment"
                        title={label}
                        aria-label={label}
                        role="img"
                        style={{ left: pct(s.from), width: width(s.from, s.to) }}
                      />
                    );
                  })}
                  {row.marks.map((m, i) => (
                    <span key={`m${i}`} className="insp-tl-mark" data-kind={m.kind} data-testid="timeline-mark" title={`${secondsLabel(m.t)} ${m.message}`} style={{ left: pct(m.t) }}>
                      {symbol[m.kind]}
                    </span>
                  ))}
                </span>
              </li>
            ))}
          </ol>
          <p className="insp-note">{t('inspTimelineNote')}</p>
        </>
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
  const t = useT();
  const chain = ownerChain(pod, workloads);
  return (
    <>
      <Facts
        rows={[
          ['Namespace', pod.namespace],
          [t('inspStatus'), pod.status],
          [t('inspPhase'), pod.phase],
          [t('inspNode'), pod.nodeName ?? '<none>'],
          ['IP', pod.podIP ?? '<none>'],
          [t('inspReady'), pod.ready],
          [t('inspRestarts'), pod.restarts],
        ]}
      />
      <Section title={t('inspContainers')} testId="inspector-containers">
        <table className="insp-table">
          <thead>
            <tr>
              <th>{t('inspName')}</th>
              <th>{t('inspState')}</th>
              <th>{t('inspReady')}</th>
              <th>{t('inspRestarts')}</th>
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
      <ContainerTimelineView pod={pod} />
      <Section title={t('inspConditions')} testId="inspector-conditions">
        {(pod.conditions ?? []).length === 0 ? (
          <p className="insp-empty">{t('inspNoneYet')}</p>
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
      <Section title={t('inspControlledBy')} testId="inspector-owners">
        <p className="insp-chain">{chain.length === 0 ? t('inspBarePod') : ['Pod', ...chain].join(' ← ')}</p>
      </Section>
      <Decision decision={insights.decisionFor(pod.namespace, pod.name, pod.uid)} />
      <KeyValues title={t('inspLabels')} testId="inspector-labels" map={pod.labels} />
      <KeyValues title={t('inspAnnotations')} testId="inspector-annotations" map={pod.annotations} />
    </>
  );
}

function NodeDetails({ node, pods }: { node: NodeSummary; pods: readonly PodSummary[] }) {
  const t = useT();
  const onNode = pods.filter((p) => p.nodeName === node.name);
  const byStatus = new Map<string, number>();
  for (const p of onNode) byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + 1);
  return (
    <>
      <Facts
        rows={[
          [t('inspRoles'), node.roles.length > 0 ? node.roles.join(',') : '<none>'],
          [t('inspReady'), node.ready ? 'True' : 'False'],
          [t('inspSchedulable'), node.unschedulable ? t('inspCordoned') : t('inspYes')],
          ['InternalIP', node.internalIP || '<none>'],
          [t('inspCpuRequests'), t('inspOf', { a: formatCpu(node.cpu.requested), b: formatCpu(node.cpu.allocatable) })],
          [t('inspMemoryRequests'), t('inspOf', { a: formatBytes(node.memory.requested), b: formatBytes(node.memory.allocatable) })],
          ['Pods', [...byStatus].map(([s, n]) => `${n} ${s}`).join(', ') || '0'],
        ]}
      />
      <Section title={t('inspTaints')} testId="inspector-taints">
        {node.taints.length === 0 ? (
          <p className="insp-empty">{t('inspNone')}</p>
        ) : (
          <ul className="insp-kv">
            {node.taints.map((t) => (
              <li key={`${t.key}:${t.effect}`}>{`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`}</li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

function ServiceDetails({ service }: { service: ServiceSummary }) {
  useInsightsVersion();
  const key = `${service.namespace}/${service.name}`;
  const picks = insights.picksFor(key);
  const t = useT();
  return (
    <>
      <Facts
        rows={[
          ['Namespace', service.namespace],
          [t('inspType'), service.type],
          ['ClusterIP', service.clusterIP],
          [
            t('inspPorts'),
            service.ports
              .map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol} → ${p.targetPort}${p.nodePort !== null ? ` (NodePort ${p.nodePort})` : ''}`)
              .join(', ') || '<none>',
          ],
        ]}
      />
      <Section title={t('inspEndpoints')} testId="inspector-endpoints">
        {service.endpoints.length === 0 ? (
          <p className="insp-empty">{t('inspNoEndpoints')}</p>
        ) : (
          <table className="insp-table">
            <thead>
              <tr>
                <th>{t('inspAddress')}</th>
                <th>Pod</th>
                <th>{t('inspConditions')}</th>
                <th>{t('inspRequests')}</th>
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
      <Section title={t('inspPicks')} testId="inspector-picks">
        {picks.length === 0 ? (
          <p className="insp-empty">{t('inspNoPicks')}</p>
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
    </>
  );
}

function WorkloadDetails({ workload }: { workload: WorkloadSummary }) {
  const t = useT();
  return (
    <>
      <Facts
        rows={[
          ['Namespace', workload.namespace],
          [workload.kind === 'Job' ? t('inspSucceeded') : t('inspReady'), `${workload.ready}/${workload.desired}`],
          [t('inspControlledBy'), workload.owners.map((o) => `${o.kind}/${o.name}`).join(', ') || '<none>'],
        ]}
      />
    </>
  );
}

/** The Events tab: what the timeline recorded about the object since the page opened. */
function ObjectEvents({ selected }: { selected: GraphSelection }) {
  useInsightsVersion();
  return <Events entries={insights.entriesFor(selected.kind, selected.kind === 'Node' ? undefined : selected.namespace, selected.name)} />;
}

function Body({ selected }: { selected: GraphSelection }) {
  const pods = useAppStore(selectPods);
  const nodes = useAppStore(selectNodes);
  const services = useAppStore(selectServices);
  const workloads = useAppStore(selectWorkloads);
  const t = useT();
  const gone = (
    <p className="insp-empty" data-testid="inspector-gone">
      {t('inspGone', { kind: selected.kind })}
    </p>
  );
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

/** Between two reads of describe/YAML at most this often (real ms): at 100× the clock ticks fast. */
const REFRESH_MS = 500;

const selectSecond = (s: AppState) => Math.floor(s.t);

/**
 * `kubectl describe` and `-o yaml` of the selected object, read through the worker when it is
 * selected and again whenever the cluster moves on (a new second, new objects), one read in
 * flight at a time.
 */
type Inspection = { value: InspectResult } | { error: string };

function useInspection(selected: GraphSelection): Inspection | null {
  const second = useAppStore(selectSecond);
  const pods = useAppStore(selectPods);
  const services = useAppStore(selectServices);
  const workloads = useAppStore(selectWorkloads);
  const key = `${selected.kind}/${selected.namespace}/${selected.name}`;
  const [result, setResult] = useState<(Inspection & { key: string }) | null>(null);
  const target = useRef(selected);
  target.current = selected;
  const state = useRef({ inflight: false, again: false, lastAt: -Infinity, timer: null as ReturnType<typeof setTimeout> | null, alive: true });

  useEffect(() => {
    const st = state.current;
    st.alive = true;
    return () => {
      st.alive = false;
      if (st.timer !== null) clearTimeout(st.timer);
      st.timer = null;
    };
  }, []);

  useEffect(() => {
    const st = state.current;
    const read = () => {
      const sim = appStore.getState().sim;
      if (!sim?.inspect || !st.alive) return;
      const asked = target.current;
      const askedKey = `${asked.kind}/${asked.namespace}/${asked.name}`;
      st.inflight = true;
      st.lastAt = performance.now();
      sim
        .inspect({ kind: asked.kind, namespace: asked.namespace, name: asked.name })
        .then(
          (value) => st.alive && setResult({ key: askedKey, value }),
          (error: unknown) => st.alive && setResult({ key: askedKey, error: error instanceof Error ? error.message : String(error) }),
        )
        .finally(() => {
          st.inflight = false;
          if (st.again) {
            st.again = false;
            read();
          }
        });
    };
    if (st.timer !== null) return;
    st.timer = setTimeout(
      () => {
        st.timer = null;
        if (st.inflight) st.again = true;
        else read();
      },
      Math.max(0, st.lastAt + REFRESH_MS - performance.now()),
    );
  }, [key, second, pods, services, workloads]);

  // A read for another object (the selection just changed) is not shown.
  return result !== null && result.key === key ? result : null;
}

type TabId = 'overview' | 'describe' | 'yaml' | 'events';
const TABS: { id: TabId; label: 'inspOverview' | 'inspDescribe' | 'inspYaml' | 'inspEvents' }[] = [
  { id: 'overview', label: 'inspOverview' },
  { id: 'describe', label: 'inspDescribe' },
  { id: 'yaml', label: 'inspYaml' },
  { id: 'events', label: 'inspEvents' },
];

/** The kubectl line whose output a tab shows (lower-case kind is kubectl's singular for these kinds). */
function kubectlLine(selected: GraphSelection, verb: 'describe' | 'yaml'): string {
  const ns = selected.namespace && selected.namespace !== 'default' ? ` -n ${selected.namespace}` : '';
  const type = selected.kind.toLowerCase();
  return verb === 'describe' ? `kubectl describe ${type} ${selected.name}${ns}` : `kubectl get ${type} ${selected.name}${ns} -o yaml`;
}

/** Describe or YAML: the kubectl line, then its output as text. */
function KubectlOutput({ selected, which, t }: { selected: GraphSelection; which: 'describe' | 'yaml'; t: T }) {
  const result = useInspection(selected);
  let body: ReactNode;
  if (result === null) body = <p className="insp-empty">{t('inspReading')}</p>;
  else if ('error' in result) body = <p className="insp-failed">{result.error}</p>;
  else {
    const text = which === 'describe' ? result.value.describe : result.value.yaml;
    body =
      text === null ? (
        <p className="insp-empty" data-testid="inspector-gone">
          {t('inspGone', { kind: selected.kind })}
        </p>
      ) : (
        <pre className="insp-pre" data-testid={`inspector-${which}`} tabIndex={0} aria-label={kubectlLine(selected, which)}>
          {text}
        </pre>
      );
  }
  return (
    <>
      <p className="insp-cmd">
        <code>$ {kubectlLine(selected, which)}</code>
        <span className="insp-live" title={t('inspLive')}>
          ● {t('inspLive').split(/[:：]/)[0]}
        </span>
      </p>
      {body}
    </>
  );
}

export function Inspector() {
  const selected = useAppStore(selectSelected);
  const select = useAppStore(selectSelect);
  const [tab, setTab] = useState<TabId>('overview');
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());
  const t = useT();
  useEffect(() => {
    if (!selected) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, select]);
  if (!selected) return null;
  // The WAI-ARIA tabs pattern: arrows move between tabs, Home/End to the ends.
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.findIndex((x) => x.id === tab);
    const next = event.key === 'ArrowRight' ? (i + 1) % TABS.length : event.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    event.preventDefault();
    const id = TABS[next]!.id;
    setTab(id);
    tabRefs.current.get(id)?.focus();
  };
  return (
    <aside className="inspector" data-testid="inspector" data-kind={selected.kind} aria-label={`${selected.kind} ${selected.name}`}>
      <header className="insp-header">
        <span className="badge badge-role">{selected.kind}</span>
        <h2 className="insp-title" data-testid="inspector-title" title={selected.name}>
          {selected.name}
        </h2>
        <button type="button" className="insp-close" data-testid="inspector-close" aria-label={t('inspClose')} title={t('inspClose')} onClick={() => select(null)}>
          ×
        </button>
      </header>
      <div className="insp-tabs" role="tablist" aria-label={t('inspTabs')}>
        {TABS.map((x) => (
          <button
            key={x.id}
            ref={(el) => {
              if (el) tabRefs.current.set(x.id, el);
              else tabRefs.current.delete(x.id);
            }}
            type="button"
            role="tab"
            id={`insp-tab-${x.id}`}
            aria-selected={tab === x.id}
            aria-controls="insp-panel"
            tabIndex={tab === x.id ? 0 : -1}
            className="insp-tab"
            data-testid={`inspector-tab-${x.id}`}
            onClick={() => setTab(x.id)}
            onKeyDown={onTabKey}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      <div className="insp-body" id="insp-panel" role="tabpanel" aria-labelledby={`insp-tab-${tab}`} data-tab={tab}>
        {tab === 'overview' && <Body selected={selected} />}
        {tab === 'describe' && <KubectlOutput key={`d:${selected.kind}/${selected.namespace}/${selected.name}`} selected={selected} which="describe" t={t} />}
        {tab === 'yaml' && <KubectlOutput key={`y:${selected.kind}/${selected.namespace}/${selected.name}`} selected={selected} which="yaml" t={t} />}
        {tab === 'events' && <ObjectEvents selected={selected} />}
      </div>
    </aside>
  );
}
