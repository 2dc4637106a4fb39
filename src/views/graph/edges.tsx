/**
 * The endpoint edge: Service → Pod, styled by the endpoint's conditions (classes from layout.ts),
 * with a counter of the requests kube-proxy sent to the Pod, bumped imperatively from the fx bus:
 * a pick re-renders nothing. The moving dots are drawn by RequestOverlay (requests.tsx).
 */
import { memo, useEffect, useRef } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { insights } from '../inspector/insights.ts';
import { onPick } from './fx.ts';
import type { EndpointEdge } from './layout.ts';

export const EndpointEdgeView = memo(function EndpointEdgeView(props: EdgeProps<EndpointEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label, markerEnd, style } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const counter = useRef<HTMLDivElement>(null);
  const service = data?.service ?? '';
  const pod = data?.pod ?? null;

  useEffect(() => {
    if (pod === null) return;
    const show = () => {
      const el = counter.current;
      if (!el) return;
      const n = insights.countFor(service, pod);
      el.textContent = n === 0 ? '' : `${n} req`;
      el.dataset['count'] = String(n);
      el.hidden = n === 0;
    };
    show();
    return onPick(service, pod, show);
  }, [service, pod]);

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      <EdgeLabelRenderer>
        {pod !== null ? (
          <div
            ref={counter}
            hidden
            className="edge-count"
            data-testid={`edge-count-${service}:${pod}`}
            style={{ transform: `translate(-50%, -100%) translate(${targetX}px, ${targetY - 6}px)` }}
          />
        ) : (
          label !== undefined && (
            <div className="edge-count edge-count-aggregate" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
              {label}
            </div>
          )
        )}
      </EdgeLabelRenderer>
    </>
  );
});

export const edgeTypes = { endpoint: EndpointEdgeView } satisfies EdgeTypes;
