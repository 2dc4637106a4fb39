/**
 * Requests on the graph: each kube-proxy pick sends a dot with the pick's probability from its
 * source (the client Pod's card, or the node's when a node sent it) to the Service, then along the
 * endpoint edge of the rule that picked it to the chosen Pod. The dots live in their own layer in
 * the viewport (flow coordinates, like the edge paths), drawn imperatively from the fx bus: the
 * client's card is looked up in React Flow's and the store's current state when the pick arrives,
 * so neither a pick nor a frame of its flight re-renders anything.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { useReactFlow, ViewportPortal, type InternalNode } from '@xyflow/react';
import { appStore } from '../../store/index.ts';
import { formatProbability, type LoadBalancePick } from '../inspector/entries.ts';
import { onAnyPick } from './fx.ts';
import type { GraphNode } from './layout.ts';
import { clientCardId, requestPath, type Point } from './source.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** Below a node card's top edge, where its name and badges are. */
const NODE_HEADER_Y = 40;
/** How long a request takes to travel its edge, when its source is not on the graph. */
export const TRAVEL_MS = 900;
/** How long it takes from the client's card through the Service to the Pod (one speed over the whole path). */
export const SOURCE_TRAVEL_MS = 1500;
/** Dots in flight at most (a burst of requests drops the oldest). */
const MAX_IN_FLIGHT = 40;

/** The id of the endpoint edge a pick travels (layout.ts names them `ep:<ns>/<svc>:<pod>`). */
export const pickEdgeId = (pick: Pick<LoadBalancePick, 'service' | 'pod'>): string => `ep:${pick.service}:${pick.pod ?? ''}`;

function launch(layer: SVGGElement, path: string, durationMs: number, edgeId: string, source: string | null, pick: LoadBalancePick): void {
  if (layer.childElementCount >= MAX_IN_FLIGHT) layer.firstElementChild?.remove();
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('class', 'request-dot');
  g.setAttribute('data-testid', 'request-dot');
  g.setAttribute('data-edge', edgeId);
  g.setAttribute('data-pod', pick.pod ?? '');
  g.setAttribute('data-probability', String(pick.probability));
  g.setAttribute('data-source', source ?? '');
  const circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('r', '6');
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('x', '10');
  text.setAttribute('y', '-8');
  text.textContent = pick.affinity ? 'affinity' : `p=${formatProbability(pick.probability)}`;
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${pick.servicePort} → ${pick.endpoint} from ${pick.client} via kube-proxy on ${pick.node}\n${pick.rule}`;
  const motion = document.createElementNS(SVG, 'animateMotion');
  motion.setAttribute('dur', `${durationMs}ms`);
  motion.setAttribute('path', path);
  motion.setAttribute('fill', 'freeze');
  motion.setAttribute('begin', 'indefinite');
  g.append(circle, text, title, motion);
  layer.append(g);
  motion.beginElement();
  setTimeout(() => g.remove(), durationMs + 300);
}

/** Where a dot leaves a card, in flow coordinates (pods sit inside their node): a Pod's centre, a node's header. */
function startOf(card: InternalNode<GraphNode>): Point | null {
  const width = card.measured.width ?? card.width;
  const height = card.measured.height ?? card.height;
  if (width === undefined || height === undefined) return null;
  const { x, y } = card.internals.positionAbsolute;
  // A node's centre is among its Pods' cards: a request from the node itself starts under its name.
  return { x: x + width / 2, y: y + (card.type === 'nodeGroup' ? Math.min(height / 2, NODE_HEADER_Y) : height / 2) };
}

export function RequestOverlay({ container }: { container: RefObject<HTMLElement | null> }) {
  const layer = useRef<SVGGElement>(null);
  const { getInternalNode } = useReactFlow<GraphNode>();
  useEffect(
    () =>
      onAnyPick((pick) => {
        const root = container.current;
        const el = layer.current;
        if (!root || !el || pick.pod === null) return;
        const id = pickEdgeId(pick);
        const path = root.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"] .react-flow__edge-path`)?.getAttribute('d');
        // The Pod is not drawn (filtered out, or counted in the aggregate drawing): nothing to travel.
        if (!path) return;
        const { pods, nodes } = appStore.getState();
        const sourceId = clientCardId(pick.client, pods, nodes);
        const card = sourceId === null ? undefined : getInternalNode(sourceId);
        const from = card ? startOf(card) : null;
        launch(el, requestPath(from, path), from ? SOURCE_TRAVEL_MS : TRAVEL_MS, id, from ? sourceId : null, pick);
      }),
    [container, getInternalNode],
  );
  return (
    <ViewportPortal>
      <svg className="request-overlay" aria-hidden="true">
        <g ref={layer} />
      </svg>
    </ViewportPortal>
  );
}
