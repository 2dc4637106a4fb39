/**
 * The cluster graph pane: Nodes with their Pods, the Unscheduled lane and Services, laid out by
 * layout.ts and drawn by React Flow. The view is read-only: nothing drags or connects, and it
 * fits itself again whenever the set or size of things on it changes.
 */
import { useEffect, useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type FitViewOptions } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useAppStore } from '../../store/index.ts';
import {
  selectGraphNodes,
  selectGraphPods,
  selectGraphServices,
  selectSetShowSystemPods,
  selectShowSystemPods,
} from '../../store/selectors.ts';
import { layoutGraph, type GraphNode } from './layout.ts';
import { nodeTypes } from './nodes.tsx';

/** Room at the left for the zoom controls and at the right for the minimap, so neither covers a node. */
const FIT_OPTIONS: FitViewOptions = { padding: { top: '20px', bottom: '20px', left: '5%', right: '15%' }, maxZoom: 1 };
const PRO_OPTIONS = { hideAttribution: true };
const MINIMAP_STYLE = { width: 160, height: 100 };

function minimapColor(node: GraphNode): string {
  switch (node.type) {
    case 'nodeGroup':
      return '#1c2330';
    case 'lane':
      return '#2a2414';
    case 'service':
      return '#2f6fe0';
    case 'pod':
      return node.data.tone === 'ok' ? '#3fb950' : node.data.tone === 'error' ? '#ff7b72' : node.data.tone === 'progress' ? '#d29922' : '#6e7681';
    default:
      return '#6e7681';
  }
}

/** Refits the view when the layout's shape changes (not on every status change). */
function FitOnChange({ shape }: { shape: string }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ ...FIT_OPTIONS, duration: 250 }));
    return () => cancelAnimationFrame(frame);
  }, [shape, fitView]);
  return null;
}

export function ClusterGraph() {
  const clusterNodes = useAppStore(selectGraphNodes);
  const pods = useAppStore(selectGraphPods);
  const services = useAppStore(selectGraphServices);
  const showSystemPods = useAppStore(selectShowSystemPods);
  const setShowSystemPods = useAppStore(selectSetShowSystemPods);

  const { nodes, edges } = useMemo(
    () => layoutGraph({ nodes: clusterNodes, pods, services, showSystemPods }),
    [clusterNodes, pods, services, showSystemPods],
  );
  const shape = useMemo(() => nodes.map((n) => `${n.id}@${n.position.x},${n.position.y},${n.width}x${n.height}`).join('|'), [nodes]);

  return (
    <section className="pane graph-pane" aria-label="Cluster graph">
      <header className="pane-header">
        <h2 className="pane-title">Cluster</h2>
        <span className="pane-hint">Nodes, Pods and Services</span>
        <label className="graph-toggle">
          <input
            type="checkbox"
            data-testid="show-system-pods"
            checked={showSystemPods}
            onChange={(event) => setShowSystemPods(event.target.checked)}
          />
          Show system pods
        </label>
      </header>
      <div className="graph-canvas" data-testid="cluster-graph">
        <ReactFlow<GraphNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={FIT_OPTIONS}
          minZoom={0.1}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={PRO_OPTIONS}
          colorMode="dark"
        >
          <Background gap={24} size={1} color="#21262d" />
          <Controls showInteractive={false} />
          <MiniMap<GraphNode> nodeColor={minimapColor} maskColor="rgb(13 17 23 / 70%)" style={MINIMAP_STYLE} pannable zoomable />
          <FitOnChange shape={shape} />
        </ReactFlow>
      </div>
    </section>
  );
}
