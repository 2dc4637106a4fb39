/**
 * Requests on the graph: each kube-proxy pick sends a dot with the pick's probability from the
 * Service to the chosen Pod, along the endpoint edge of the rule that picked it. The dots live in
 * their own layer in the viewport (flow coordinates, like the edge paths), drawn imperatively from
 * the fx bus, so neither a pick nor the edges' own re-rendering disturbs them.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { formatProbability, type LoadBalancePick } from '../inspector/entries.ts';
import { onAnyPick } from './fx.ts';

const SVG = 'http://www.w3.org/2000/svg';
/** How long a request takes to travel its edge. */
export const TRAVEL_MS = 900;
/** Dots in flight at most (a burst of requests drops the oldest). */
const MAX_IN_FLIGHT = 40;

/** The id of the endpoint edge a pick travels (layout.ts names them `ep:<ns>/<svc>:<pod>`). */
export const pickEdgeId = (pick: Pick<LoadBalancePick, 'service' | 'pod'>): string => `ep:${pick.service}:${pick.pod ?? ''}`;

function launch(layer: SVGGElement, path: string, edgeId: string, pick: LoadBalancePick): void {
  if (layer.childElementCount >= MAX_IN_FLIGHT) layer.firstElementChild?.remove();
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('class', 'request-dot');
  g.setAttribute('data-testid', 'request-dot');
  g.setAttribute('data-edge', edgeId);
  g.setAttribute('data-pod', pick.pod ?? '');
  g.setAttribute('data-probability', String(pick.probability));
  const circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('r', '6');
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('x', '10');
  text.setAttribute('y', '-8');
  text.textContent = pick.affinity ? 'affinity' : `p=${formatProbability(pick.probability)}`;
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `${pick.servicePort} → ${pick.endpoint} from ${pick.client} via kube-proxy on ${pick.node}\n${pick.rule}`;
  const motion = document.createElementNS(SVG, 'animateMotion');
  motion.setAttribute('dur', `${TRAVEL_MS}ms`);
  motion.setAttribute('path', path);
  motion.setAttribute('fill', 'freeze');
  motion.setAttribute('begin', 'indefinite');
  g.append(circle, text, title, motion);
  layer.append(g);
  motion.beginElement();
  setTimeout(() => g.remove(), TRAVEL_MS + 300);
}

export function RequestOverlay({ container }: { container: RefObject<HTMLElement | null> }) {
  const layer = useRef<SVGGElement>(null);
  useEffect(
    () =>
      onAnyPick((pick) => {
        const root = container.current;
        const el = layer.current;
        if (!root || !el || pick.pod === null) return;
        const id = pickEdgeId(pick);
        const path = root.querySelector(`.react-flow__edge[data-id="${CSS.escape(id)}"] .react-flow__edge-path`)?.getAttribute('d');
        // The Pod is not drawn (filtered out, or counted in the aggregate drawing): nothing to travel.
        if (path) launch(el, path, id, pick);
      }),
    [container],
  );
  return (
    <ViewportPortal>
      <svg className="request-overlay" aria-hidden="true">
        <g ref={layer} />
      </svg>
    </ViewportPortal>
  );
}
