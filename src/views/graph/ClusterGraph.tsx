/**
 * The cluster graph pane: Nodes with their Pods, the Unscheduled lane, Services and the workloads
 * owning the pods, laid out by layout.ts and drawn by React Flow. The view is read-only: nothing
 * drags or connects, and it fits itself again whenever the set or size of things on it changes.
 * Clicking a card opens the inspector. Animations come from the fx bus (fx.ts), fed here.
 */
import { useT } from '../i18n.ts';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { Background, Controls, getViewportForBounds, MiniMap, ReactFlow, useReactFlow, useStore, type FitViewOptions, type NodeMouseHandler, type ReactFlowState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { appStore, useAppStore } from '../../store/index.ts';
import type { GraphSelection } from '../../store/graphSlice.ts';
import {
  selectGraphNodes,
  selectGraphPods,
  selectGraphServices,
  selectSetShowSystemPods,
  selectShowSystemPods,
} from '../../store/selectors.ts';
import type { AppState } from '../../store/types.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { insights } from '../inspector/insights.ts';
import { edgeTypes } from './edges.tsx';
import { emitPick, emitPodFx, restartedPods } from './fx.ts';
import { Legend } from './Legend.tsx';
import { useTheme } from '../theme.ts';
import { layoutGraph, nodeGroupId, podId, serviceId, workloadId, type GraphNode } from './layout.ts';
import { nodeTypes } from './nodes.tsx';
import { RequestOverlay } from './requests.tsx';

const selectSim = (s: AppState) => s.sim;
const selectNamespace = (s: AppState) => s.graphNamespace;
const selectSetNamespace = (s: AppState) => s.setGraphNamespace;
const selectShowOwners = (s: AppState) => s.showOwners;
const selectSetShowOwners = (s: AppState) => s.setShowOwners;
const selectWorkloads = (s: AppState) => s.workloads;
const selectSelected = (s: AppState) => s.selected;
const selectSelect = (s: AppState) => s.select;

/** The simulation the index was last fed from: StrictMode mounts twice, the backfill runs once. */
let fedFrom: unknown = null;

/**
 * Feeds the timeline index and the fx bus from the worker's updates, as they arrive: every
 * update's entries (the store keeps only a short tail), the workloads of each summary, and pod
 * restarts seen between summaries. Nothing here re-renders the graph.
 */
function useGraphFeed(): void {
  const sim = useAppStore(selectSim);
  useEffect(() => {
    if (!sim) return;
    if (fedFrom !== sim) {
      fedFrom = sim;
      insights.clear();
      insights.ingest(appStore.getState().timeline);
    }
    let lastPods = appStore.getState().pods;
    const offUpdate = sim.onUpdate((update) => {
      insights.ingestUpdate(update);
      if (!update.summary) return;
      // Restarts pulse only when they happen live, not when time jumps over them.
      if (!update.reset && !update.jumped) {
        for (const pod of restartedPods(lastPods, update.summary.pods)) emitPodFx(pod.namespace, pod.name, { kind: 'restart' });
      }
      lastPods = update.summary.pods;
    });
    const offFx = insights.on((fx) => {
      if (fx.kind === 'pick') emitPick(fx.pick);
      else emitPodFx(fx.namespace, fx.pod, { kind: 'probe', probe: fx.probe, message: fx.message, container: fx.container });
    });
    return () => {
      offUpdate();
      offFx();
    };
  }, [sim]);
}

/** What the inspector should show for a clicked graph node. */
function selectionOf(node: GraphNode): GraphSelection | null {
  switch (node.type) {
    case 'pod':
      return { kind: 'Pod', namespace: node.data.pod.namespace, name: node.data.pod.name };
    case 'nodeGroup':
      return { kind: 'Node', namespace: '', name: node.data.node.name };
    case 'service':
      return { kind: 'Service', namespace: node.data.service.namespace, name: node.data.service.name };
    case 'workload':
      return { kind: node.data.workload.kind, namespace: node.data.workload.namespace, name: node.data.workload.name };
    default:
      return null;
  }
}

function selectedId(sel: GraphSelection): string {
  switch (sel.kind) {
    case 'Pod':
      return podId(sel);
    case 'Node':
      return nodeGroupId(sel.name);
    case 'Service':
      return serviceId(sel);
    default:
      return workloadId(sel.kind, sel.namespace, sel.name);
  }
}

/** Room at the left for the zoom controls and at the right for the minimap, so neither covers a node. */
const FIT_OPTIONS: FitViewOptions = { padding: { top: '20px', bottom: '20px', left: '5%', right: '15%' }, maxZoom: 1 };
/** With the inspector open, the graph fits in what the panel leaves on the left. */
const FIT_BESIDE_INSPECTOR: FitViewOptions = { ...FIT_OPTIONS, padding: { top: '20px', bottom: '20px', left: '5%', right: '38%' } };
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 160, height: 100 };

function minimapColor(node: GraphNode): string {
  switch (node.type) {
    case 'nodeGroup':
      return '#1c2330';
    case 'lane':
      return '#2a2414';
    default:
      return minimapPodColor(node);
  }
}

/** The light theme's minimap: pale node boxes, the same colours for what is in them. */
function minimapColorLight(node: GraphNode): string {
  switch (node.type) {
    case 'nodeGroup':
      return '#d8dee4';
    case 'lane':
      return '#f3e7c4';
    default:
      return minimapPodColor(node);
  }
}

function minimapPodColor(node: GraphNode): string {
  switch (node.type) {
    case 'service':
      return '#2f6fe0';
    case 'workload':
      return '#8957e5';
    case 'pod':
      return node.data.tone === 'ok' ? '#3fb950' : node.data.tone === 'error' ? '#ff7b72' : node.data.tone === 'progress' ? '#d29922' : '#6e7681';
    default:
      return '#6e7681';
  }
}

/**
 * Below this zoom a pod card's text is too small to read (at 1280×720 the owner rows alone take
 * the graph there): the view then fits the Services, nodes and pods, and the owner rows wait
 * below, a scroll or the fit button away.
 */
const READABLE_ZOOM = 0.7;
const selectPaneWidth = (s: ReactFlowState) => s.width;
const selectPaneHeight = (s: ReactFlowState) => s.height;

/** Refits the view when the layout's shape changes (not on every status change). */
/** `clusterIds`: the ids of everything but the owner rows, joined by spaces (a string, so a status change is no change). */
function FitOnChange({ shape, inspectorOpen, clusterIds }: { shape: string; inspectorOpen: boolean; clusterIds: string }) {
  const { fitView, getNodes, getNodesBounds } = useReactFlow();
  const width = useStore(selectPaneWidth);
  const height = useStore(selectPaneHeight);
  useEffect(() => {
    const options = inspectorOpen ? FIT_BESIDE_INSPECTOR : FIT_OPTIONS;
    const frame = requestAnimationFrame(() => {
      const all = getNodes();
      const ids = clusterIds === '' ? [] : clusterIds.split(' ');
      let nodes: { id: string }[] | undefined;
      if (width > 0 && height > 0 && all.length > ids.length && ids.length > 0) {
        const { zoom } = getViewportForBounds(getNodesBounds(all), width, height, 0.1, options.maxZoom ?? 1, options.padding ?? 0.1);
        if (zoom < READABLE_ZOOM) nodes = ids.map((id) => ({ id }));
      }
      void fitView({ ...options, nodes, duration: 250 });
    });
    return () => cancelAnimationFrame(frame);
  }, [shape, inspectorOpen, fitView, getNodes, getNodesBounds, clusterIds, width, height]);
  return null;
}

export function ClusterGraph() {
  const clusterNodes = useAppStore(selectGraphNodes);
  const pods = useAppStore(selectGraphPods);
  const services = useAppStore(selectGraphServices);
  const showSystemPods = useAppStore(selectShowSystemPods);
  const setShowSystemPods = useAppStore(selectSetShowSystemPods);
  const namespace = useAppStore(selectNamespace);
  const setNamespace = useAppStore(selectSetNamespace);
  const showOwners = useAppStore(selectShowOwners);
  const setShowOwners = useAppStore(selectSetShowOwners);
  const workloads = useAppStore(selectWorkloads);
  const tr = useT();
  const theme = useTheme();
  const selected = useAppStore(selectSelected);
  const select = useAppStore(selectSelect);
  useGraphFeed();
  const canvas = useRef<HTMLDivElement>(null);

  const layout = useMemo(
    () => layoutGraph({ nodes: clusterNodes, pods, services, showSystemPods, namespace, showOwners, workloads }),
    [clusterNodes, pods, services, showSystemPods, namespace, showOwners, workloads],
  );
  const { edges, aggregated } = layout;
  const clusterIds = useMemo(() => layout.nodes.filter((n) => n.type !== 'workload').map((n) => n.id).join(' '), [layout]);
  const shape = useMemo(() => layout.nodes.map((n) => `${n.id}@${n.position.x},${n.position.y},${n.width}x${n.height}`).join('|'), [layout]);
  // Mark the inspected card: only that node object changes, so React Flow re-renders only it.
  const nodes = useMemo(() => {
    if (!selected) return layout.nodes;
    const id = selectedId(selected);
    return layout.nodes.map((n) => (n.id === id ? { ...n, className: 'is-inspected' } : n));
  }, [layout, selected]);
  const namespaces = useMemo(() => {
    const all = new Set<string>();
    for (const p of pods) all.add(p.namespace);
    for (const s of services) all.add(s.namespace);
    if (namespace) all.add(namespace);
    return [...all].sort();
  }, [pods, services, namespace]);

  const onNodeClick: NodeMouseHandler<GraphNode> = useCallback((_event, node) => select(selectionOf(node)), [select]);
  // Keyboard: React Flow focuses nodes with Tab; Enter opens the focused one in the inspector.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Enter') return;
      const id = (event.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
      const node = id ? nodes.find((n) => n.id === id) : undefined;
      if (node) select(selectionOf(node));
    },
    [nodes, select],
  );

  return (
    <section className="pane graph-pane" aria-label={tr('a11yGraph')}>
      <header className="pane-header">
        <h2 className="pane-title">{tr('cluster')}</h2>
        <span className="pane-hint">{tr('clusterHint')}</span>
        {aggregated && (
          <span className="badge badge-warn" data-testid="graph-aggregated" title={tr('gAggregatedTitle')}>
            {tr('gAggregated', { n: pods.length })}
          </span>
        )}
        <label className="graph-toggle graph-toolbar-first">
          <span>{tr('namespace')}</span>
          <select className="graph-select" data-testid="graph-namespace" value={namespace} onChange={(event) => setNamespace(event.target.value)}>
            <option value="">{tr('allNamespaces')}</option>
            {namespaces.map((ns) => (
              <option key={ns} value={ns}>
                {ns}
              </option>
            ))}
          </select>
        </label>
        <label className="graph-toggle">
          <input type="checkbox" data-testid="show-owners" checked={showOwners} onChange={(event) => setShowOwners(event.target.checked)} />
          {tr('owners')}
        </label>
        <label className="graph-toggle">
          <input
            type="checkbox"
            data-testid="show-system-pods"
            checked={showSystemPods}
            onChange={(event) => setShowSystemPods(event.target.checked)}
          />
          {tr('systemPods')}
        </label>
      </header>
      <div ref={canvas} className="graph-canvas" data-testid="cluster-graph" onKeyDown={onKeyDown}>
        <ReactFlow<GraphNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodeClick={onNodeClick}
          fitView
          fitViewOptions={FIT_OPTIONS}
          minZoom={0.1}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={PRO_OPTIONS}
          colorMode={theme}
        >
          <Background gap={24} size={1} color={theme === 'dark' ? '#21262d' : '#d8dee4'} />
          <Controls showInteractive={false} />
          <MiniMap<GraphNode>
            nodeColor={theme === 'dark' ? minimapColor : minimapColorLight}
            maskColor={theme === 'dark' ? 'rgb(13 17 23 / 70%)' : 'rgb(246 248 250 / 70%)'}
            style={MINIMAP_STYLE}
            pannable
            zoomable
            ariaLabel={tr('a11yMinimap')}
          />
          <FitOnChange shape={shape} inspectorOpen={selected !== null} clusterIds={clusterIds} />
          <RequestOverlay container={canvas} />
        </ReactFlow>
        <Legend />
        <Inspector />
      </div>
    </section>
  );
}
