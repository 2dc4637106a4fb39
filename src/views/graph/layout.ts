/**
 * The cluster graph's layout: a pure function from the summary to React Flow nodes and edges.
 * Nodes are group containers side by side, their pods a grid of cards inside (parentId); pods
 * no node has taken wait in an "Unscheduled" lane after them; Services sit in a row above, each
 * as close as it can get to the middle of its endpoint pods, with an edge to every endpoint.
 */
import type { Edge, Node } from '@xyflow/react';
import type { NodeSummary, PodSummary, ServiceSummary } from '../../worker/protocol.ts';
import { podTone, type Tone } from './status.ts';

/** Namespaces of the cluster's own pods (kubeadm's control plane, CoreDNS, kube-proxy, flannel). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-flannel']);

export const POD_WIDTH = 240;
export const POD_HEIGHT = 112;
const POD_GAP = 12;
const GROUP_PAD = 14;
/** Room for the node's name, badges, resource bars and taints above its pods. */
export const GROUP_HEADER = 134;
/** Wide enough for a node's name, badges and a control-plane taint. */
const GROUP_MIN_WIDTH = 320;
/** The graph pane is wide and short: pods go side by side first, at most this many. */
const MAX_COLUMNS = 4;
const GROUP_GAP = 48;
/** An empty node still shows a line saying so. */
const EMPTY_BODY = 44;
export const SERVICE_WIDTH = 250;
/** A Service card's height without ports, and per port line. */
const SERVICE_BASE_HEIGHT = 76;
const SERVICE_PORT_LINE = 16;
const SERVICE_GAP = 24;
/** Vertical room between the Service row and the nodes, for the edges to fan out. */
const SERVICE_ROW_GAP = 80;

export const UNSCHEDULED_LANE_ID = 'lane:unscheduled';

export type NodeGroupFlowNode = Node<{ node: NodeSummary; podCount: number }, 'nodeGroup'>;
export type LaneFlowNode = Node<{ title: string; podCount: number }, 'lane'>;
export type PodFlowNode = Node<{ pod: PodSummary; tone: Tone; host: string }, 'pod'>;
export type ServiceFlowNode = Node<{ service: ServiceSummary }, 'service'>;
export type GraphNode = NodeGroupFlowNode | LaneFlowNode | PodFlowNode | ServiceFlowNode;

export type EndpointState = 'ready' | 'notready' | 'terminating';
export type EndpointEdge = Edge<{ state: EndpointState }>;

export interface GraphInput {
  nodes: readonly NodeSummary[];
  pods: readonly PodSummary[];
  services: readonly ServiceSummary[];
  showSystemPods: boolean;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: EndpointEdge[];
}

export const nodeGroupId = (name: string): string => `node:${name}`;
export const podId = (pod: Pick<PodSummary, 'namespace' | 'name'>): string => `pod:${pod.namespace}/${pod.name}`;
export const serviceId = (svc: Pick<ServiceSummary, 'namespace' | 'name'>): string => `svc:${svc.namespace}/${svc.name}`;

interface Group {
  id: string;
  pods: PodSummary[];
  make: (position: { x: number; y: number }, width: number, height: number) => GraphNode;
}

export function layoutGraph(input: GraphInput): GraphLayout {
  const visible = (namespace: string) => input.showSystemPods || !SYSTEM_NAMESPACES.has(namespace);
  const pods = input.pods.filter((p) => visible(p.namespace));
  const services = input.services.filter((s) => visible(s.namespace));

  const byNode = new Map<string, PodSummary[]>(input.nodes.map((n) => [n.name, []]));
  const unscheduled: PodSummary[] = [];
  for (const pod of pods) {
    const list = pod.nodeName === null ? undefined : byNode.get(pod.nodeName);
    // A pod bound to a node that is gone has nowhere else to be drawn.
    (list ?? unscheduled).push(pod);
  }

  const groups: Group[] = input.nodes.map((node) => {
    const onNode = byNode.get(node.name) ?? [];
    return {
      id: nodeGroupId(node.name),
      pods: onNode,
      make: (position, width, height) => ({
        id: nodeGroupId(node.name),
        type: 'nodeGroup',
        position,
        width,
        height,
        data: { node, podCount: onNode.length },
        selectable: false,
      }),
    };
  });
  if (unscheduled.length > 0) {
    groups.push({
      id: UNSCHEDULED_LANE_ID,
      pods: unscheduled,
      make: (position, width, height) => ({
        id: UNSCHEDULED_LANE_ID,
        type: 'lane',
        position,
        width,
        height,
        data: { title: 'Unscheduled', podCount: unscheduled.length },
        selectable: false,
      }),
    });
  }

  // Every group is as tall as the tallest, so the row reads as one band.
  const columnsOf = (n: number) => Math.min(MAX_COLUMNS, Math.max(1, Math.ceil(Math.sqrt(1.5 * n))));
  const bodyHeight = (n: number) => (n === 0 ? EMPTY_BODY : Math.ceil(n / columnsOf(n)) * (POD_HEIGHT + POD_GAP) - POD_GAP);
  const groupHeight = GROUP_HEADER + Math.max(EMPTY_BODY, ...groups.map((g) => bodyHeight(g.pods.length))) + GROUP_PAD;
  const serviceHeight = (svc: ServiceSummary) => SERVICE_BASE_HEIGHT + Math.max(1, svc.ports.length) * SERVICE_PORT_LINE;
  const groupsTop = services.length > 0 ? Math.max(...services.map(serviceHeight)) + SERVICE_ROW_GAP : 0;

  const nodes: GraphNode[] = [];
  const podCenters = new Map<string, number>();
  let x = 0;
  for (const group of groups) {
    const columns = columnsOf(group.pods.length);
    const width = Math.max(GROUP_MIN_WIDTH, 2 * GROUP_PAD + columns * POD_WIDTH + (columns - 1) * POD_GAP);
    nodes.push(group.make({ x, y: groupsTop }, width, groupHeight));
    group.pods.forEach((pod, i) => {
      const px = GROUP_PAD + (i % columns) * (POD_WIDTH + POD_GAP);
      const py = GROUP_HEADER + Math.floor(i / columns) * (POD_HEIGHT + POD_GAP);
      const card: PodFlowNode = {
        id: podId(pod),
        type: 'pod',
        parentId: group.id,
        extent: 'parent',
        position: { x: px, y: py },
        width: POD_WIDTH,
        height: POD_HEIGHT,
        data: { pod, tone: podTone(pod), host: pod.nodeName ?? '' },
        selectable: false,
        // Above the endpoint edges (zIndex 1), which pass under the cards they do not end at.
        zIndex: 2,
      };
      nodes.push(card);
      podCenters.set(card.id, x + px + POD_WIDTH / 2);
    });
    x += width + GROUP_GAP;
  }
  const rowWidth = Math.max(0, x - GROUP_GAP);

  const edges: EndpointEdge[] = [];
  const wanted = services.map((service, order) => {
    const id = serviceId(service);
    const centers: number[] = [];
    const seen = new Set<string>();
    for (const ep of service.endpoints) {
      if (ep.pod === null) continue;
      const target = podId({ namespace: service.namespace, name: ep.pod });
      const center = podCenters.get(target);
      if (center === undefined || seen.has(target)) continue;
      seen.add(target);
      centers.push(center);
      const state: EndpointState = ep.terminating ? 'terminating' : ep.ready ? 'ready' : 'notready';
      edges.push({
        id: `ep:${service.namespace}/${service.name}:${ep.pod}`,
        source: id,
        target,
        className: `endpoint-edge endpoint-${state}`,
        data: { state },
        selectable: false,
        zIndex: 1,
      });
    }
    // Services without pods line up in order across the row.
    const fallback = ((order + 0.5) * rowWidth) / Math.max(1, services.length);
    const center = centers.length > 0 ? centers.reduce((a, b) => a + b, 0) / centers.length : fallback;
    return { service, id, center };
  });
  // Left to right by where each wants to be; push right just enough not to overlap.
  wanted.sort((a, b) => a.center - b.center || a.id.localeCompare(b.id));
  let nextFree = -Infinity;
  for (const { service, id, center } of wanted) {
    const sx = Math.max(center - SERVICE_WIDTH / 2, nextFree);
    nextFree = sx + SERVICE_WIDTH + SERVICE_GAP;
    nodes.push({ id, type: 'service', position: { x: sx, y: 0 }, width: SERVICE_WIDTH, height: serviceHeight(service), data: { service }, selectable: false });
  }
  return { nodes, edges };
}
