/**
 * The cluster graph's layout: a pure function from the summary to React Flow nodes and edges.
 * Nodes are group containers side by side, their pods a grid of cards inside (parentId); pods
 * no node has taken wait in an "Unscheduled" lane after them; Services sit in a row above, each
 * as close as it can get to the middle of its endpoint pods, with an edge to every endpoint.
 * Owners (ReplicaSets, StatefulSets, DaemonSets, Jobs, and Deployments below them) sit in rows
 * under the nodes, with an edge to what they own. Past AGGREGATE_ABOVE pods in view, nodes show
 * counts per status instead of cards, so thousands of pods stay cheap to draw.
 */
import type { Edge, Node } from '@xyflow/react';
import type { NodeSummary, PodSummary, ServiceSummary, WorkloadSummary } from '../../worker/protocol.ts';
import { podTone, type Tone } from './status.ts';

/** Namespaces of the cluster's own pods (kubeadm's control plane, CoreDNS, kube-proxy, flannel). */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-flannel']);

export const POD_WIDTH = 240;
/** A card with one row of container chips; each further row adds CHIP_ROW. */
export const POD_HEIGHT = 112;
export const CHIP_ROW = 22;
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

/** More pods than this in view: nodes draw counts per status instead of a card per pod. */
export const AGGREGATE_ABOVE = 320;
/** The body of a node in the aggregate drawing: a heat bar and a count per status. */
const AGGREGATE_BODY = 64;
export const WORKLOAD_WIDTH = 220;
const WORKLOAD_HEIGHT = 58;
const WORKLOAD_GAP = 16;
/** Room between the nodes and the owner rows below, for the edges. */
const OWNER_ROW_GAP = 70;

/** Pods per tone, in the order the heat bar draws them. */
export const TONE_ORDER: readonly Tone[] = ['ok', 'progress', 'error', 'done', 'fading', 'unknown'];
export type ToneCounts = Record<Tone, number>;

export type NodeGroupFlowNode = Node<{ node: NodeSummary; podCount: number; aggregate?: ToneCounts }, 'nodeGroup'>;
export type LaneFlowNode = Node<{ title: string; podCount: number; aggregate?: ToneCounts }, 'lane'>;
export type PodFlowNode = Node<{ pod: PodSummary; tone: Tone; host: string }, 'pod'>;
export type ServiceFlowNode = Node<{ service: ServiceSummary }, 'service'>;
export type WorkloadFlowNode = Node<{ workload: WorkloadSummary; owned: number }, 'workload'>;
export type GraphNode = NodeGroupFlowNode | LaneFlowNode | PodFlowNode | ServiceFlowNode | WorkloadFlowNode;

export type EndpointState = 'ready' | 'notready' | 'terminating';
/** `service`/`pod` name the pick counts an edge shows (aggregate edges to a node have no pod). */
export type EndpointEdge = Edge<{ state: EndpointState; service: string; pod: string | null; count?: number }>;
export type OwnerEdge = Edge<Record<string, never>>;
export type GraphEdge = EndpointEdge | OwnerEdge;

export interface GraphInput {
  nodes: readonly NodeSummary[];
  pods: readonly PodSummary[];
  services: readonly ServiceSummary[];
  showSystemPods: boolean;
  /** Only this namespace ('' or absent: every namespace, system ones as showSystemPods says). */
  namespace?: string;
  /** Owner edges from workloads (needs `workloads`). */
  showOwners?: boolean;
  workloads?: readonly WorkloadSummary[];
  /** Pods in view above which nodes are drawn as counts (default AGGREGATE_ABOVE). */
  aggregateAbove?: number;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** True when pods are drawn as counts per node. */
  aggregated: boolean;
}

/** Whether a namespace's objects are in view. */
export function namespaceVisible(namespace: string, filter: string | undefined, showSystemPods: boolean): boolean {
  if (filter) return namespace === filter;
  return showSystemPods || !SYSTEM_NAMESPACES.has(namespace);
}

/** Pods per tone (the aggregate drawing's counts). */
export function countTones(pods: readonly PodSummary[]): ToneCounts {
  const counts: ToneCounts = { ok: 0, progress: 0, error: 0, done: 0, fading: 0, unknown: 0 };
  for (const pod of pods) counts[podTone(pod)]++;
  return counts;
}

/**
 * The lines of a Service card's ports: one per port (`<clusterIP>:<port>/<protocol>`, a line even
 * with none), plus one under each port with a NodePort (`NodePort <nodePort>`): beside the address
 * it would not fit the card's width.
 */
export function serviceLines(svc: Pick<ServiceSummary, 'ports'>): number {
  return Math.max(1, svc.ports.length) + svc.ports.filter((p) => p.nodePort !== null).length;
}

export const nodeGroupId = (name: string): string => `node:${name}`;
export const podId = (pod: Pick<PodSummary, 'namespace' | 'name'>): string => `pod:${pod.namespace}/${pod.name}`;
export const serviceId = (svc: Pick<ServiceSummary, 'namespace' | 'name'>): string => `svc:${svc.namespace}/${svc.name}`;
export const workloadId = (kind: string, namespace: string, name: string): string => `wl:${kind}:${namespace}/${name}`;

/** Room for the chips in a card: its width less the padding (10 px a side) and borders (3 + 1). */
const CHIPS_WIDTH = POD_WIDTH - 24;
const CHIP_GAP = 4;
/** Glyph widths of the chip fonts (10.5 px and 9 px monospace, 0.6 em; kind labels spaced 0.3 px). */
const NAME_CHAR = 6.3;
const KIND_CHAR = 5.7;
const CHIP_MAX = 140;

/** What a container chip says, in order: the pause sandbox, init containers with their step, sidecars, app containers. */
export interface ChipText {
  name: string;
  /** The small upper-case label before the name ('' for app containers). */
  kind: string;
  /** `2/3`: the place among the Pod's initContainers (sidecars included, as kubectl's `Init:1/3` counts them). */
  step: string | null;
  /** A completed init container carries a check mark. */
  done: boolean;
}

/** The chips of a pod card (nodes.tsx draws them; the layout sizes the card by them). Init containers show their step. */
export function podChips(pod: Pick<PodSummary, 'containers'>): ChipText[] {
  const inits = pod.containers.filter((c) => c.kind !== 'app').length;
  let n = 0;
  const chips: ChipText[] = [{ name: 'pause', kind: 'sandbox', step: null, done: false }];
  for (const c of pod.containers) {
    const step = c.kind === 'app' ? null : `${++n}/${inits}`;
    chips.push({
      name: c.name,
      kind: c.kind === 'init' ? `init ${step}` : c.kind === 'sidecar' ? 'sidecar' : '',
      step,
      done: c.kind === 'init' && c.state === 'terminated' && c.reason === 'Completed',
    });
  }
  return chips;
}

/** A chip's width as drawn (padding 6 px a side, 1 px borders), capped where the name ellipsizes. */
export function chipWidth(chip: ChipText): number {
  const kind = chip.kind === '' ? 0 : chip.kind.length * KIND_CHAR + CHIP_GAP;
  const done = chip.done ? NAME_CHAR + CHIP_GAP : 0;
  return Math.min(CHIP_MAX, Math.ceil(14 + kind + chip.name.length * NAME_CHAR + done));
}

/** Rows the chips wrap into in a card. */
export function chipRows(chips: readonly ChipText[]): number {
  let rows = 1;
  let used = 0;
  for (const chip of chips) {
    const w = chipWidth(chip);
    if (used > 0 && used + CHIP_GAP + w > CHIPS_WIDTH) {
      rows++;
      used = w;
    } else used += (used > 0 ? CHIP_GAP : 0) + w;
  }
  return rows;
}

/** A pod card's height: one more chip row for each row its containers wrap into. */
export const podHeight = (pod: Pick<PodSummary, 'containers'>): number => POD_HEIGHT + (chipRows(podChips(pod)) - 1) * CHIP_ROW;

interface Group {
  id: string;
  pods: PodSummary[];
  make: (position: { x: number; y: number }, width: number, height: number) => GraphNode;
}

export function layoutGraph(input: GraphInput): GraphLayout {
  const visible = (namespace: string) => namespaceVisible(namespace, input.namespace, input.showSystemPods);
  const pods = input.pods.filter((p) => visible(p.namespace));
  const services = input.services.filter((s) => visible(s.namespace));
  const aggregated = pods.length > (input.aggregateAbove ?? AGGREGATE_ABOVE);

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
        data: aggregated ? { node, podCount: onNode.length, aggregate: countTones(onNode) } : { node, podCount: onNode.length },
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
        data: aggregated
          ? { title: 'Unscheduled', podCount: unscheduled.length, aggregate: countTones(unscheduled) }
          : { title: 'Unscheduled', podCount: unscheduled.length },
        selectable: false,
      }),
    });
  }

  // Every group is as tall as the tallest, so the row reads as one band.
  const columnsOf = (n: number) => Math.min(MAX_COLUMNS, Math.max(1, Math.ceil(Math.sqrt(1.5 * n))));
  // A grid row is as tall as its tallest card (a pod with init containers and sidecars wraps its chips).
  const rowHeights = (list: readonly PodSummary[]): number[] => {
    const columns = columnsOf(list.length);
    const heights: number[] = [];
    list.forEach((pod, i) => {
      const row = Math.floor(i / columns);
      heights[row] = Math.max(heights[row] ?? 0, podHeight(pod));
    });
    return heights;
  };
  const bodyHeight = (list: readonly PodSummary[]) =>
    aggregated ? AGGREGATE_BODY : list.length === 0 ? EMPTY_BODY : rowHeights(list).reduce((a, h) => a + h + POD_GAP, 0) - POD_GAP;
  const groupHeight = GROUP_HEADER + Math.max(EMPTY_BODY, ...groups.map((g) => bodyHeight(g.pods))) + GROUP_PAD;
  const serviceHeight = (svc: ServiceSummary) => SERVICE_BASE_HEIGHT + serviceLines(svc) * SERVICE_PORT_LINE;
  const groupsTop = services.length > 0 ? Math.max(...services.map(serviceHeight)) + SERVICE_ROW_GAP : 0;

  const nodes: GraphNode[] = [];
  const podCenters = new Map<string, number>();
  let x = 0;
  const groupCenters = new Map<string, number>();
  for (const group of groups) {
    const columns = aggregated ? 1 : columnsOf(group.pods.length);
    const width = Math.max(GROUP_MIN_WIDTH, 2 * GROUP_PAD + columns * POD_WIDTH + (columns - 1) * POD_GAP);
    nodes.push(group.make({ x, y: groupsTop }, width, groupHeight));
    groupCenters.set(group.id, x + width / 2);
    const rowTops: number[] = [];
    let top = GROUP_HEADER;
    for (const h of aggregated ? [] : rowHeights(group.pods)) {
      rowTops.push(top);
      top += h + POD_GAP;
    }
    if (!aggregated) group.pods.forEach((pod, i) => {
      const px = GROUP_PAD + (i % columns) * (POD_WIDTH + POD_GAP);
      const py = rowTops[Math.floor(i / columns)] ?? GROUP_HEADER;
      const card: PodFlowNode = {
        id: podId(pod),
        type: 'pod',
        parentId: group.id,
        extent: 'parent',
        position: { x: px, y: py },
        width: POD_WIDTH,
        height: podHeight(pod),
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

  const edges: GraphEdge[] = [];
  const wanted = services.map((service, order) => {
    const id = serviceId(service);
    const centers: number[] = [];
    const seen = new Set<string>();
    const svcKey = `${service.namespace}/${service.name}`;
    if (aggregated) {
      // One edge per node with endpoints on it, labelled with how many.
      const perGroup = new Map<string, number>();
      const groupOf = new Map(pods.filter((p) => p.namespace === service.namespace).map((p) => [p.name, p.nodeName !== null && byNode.has(p.nodeName) ? nodeGroupId(p.nodeName) : UNSCHEDULED_LANE_ID]));
      for (const ep of service.endpoints) {
        const g = ep.pod === null ? undefined : groupOf.get(ep.pod);
        if (g !== undefined) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
      }
      for (const [g, count] of perGroup) {
        centers.push(groupCenters.get(g) ?? 0);
        edges.push({
          id: `epagg:${svcKey}:${g}`,
          source: id,
          target: g,
          type: 'endpoint',
          className: 'endpoint-edge endpoint-ready endpoint-aggregate',
          label: `${count} endpoint${count === 1 ? '' : 's'}`,
          data: { state: 'ready', service: svcKey, pod: null, count },
          selectable: false,
          zIndex: 1,
        });
      }
    }
    for (const ep of aggregated ? [] : service.endpoints) {
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
        type: 'endpoint',
        className: `endpoint-edge endpoint-${state}`,
        data: { state, service: svcKey, pod: ep.pod },
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
  if (input.showOwners && !aggregated && input.workloads) {
    layoutOwners(input.workloads, pods, podCenters, groupsTop + groupHeight + OWNER_ROW_GAP, nodes, edges);
  }
  return { nodes, edges, aggregated };
}

/** Kinds that own pods directly (row 1), and the Deployment owning ReplicaSets (row 2). */
const POD_OWNER_KINDS: ReadonlySet<string> = new Set(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

/**
 * The owner rows: first the direct owners of the pods in view, each under the middle of its
 * pods, then the Deployments under the middle of their ReplicaSets. Edges run owner → owned.
 */
function layoutOwners(
  workloads: readonly WorkloadSummary[],
  pods: readonly PodSummary[],
  podCenters: ReadonlyMap<string, number>,
  top: number,
  nodes: GraphNode[],
  edges: GraphEdge[],
): void {
  const byKey = new Map(workloads.map((w) => [workloadId(w.kind, w.namespace, w.name), w]));
  const owned = new Map<string, { centers: number[]; targets: string[] }>();
  const own = (ownerId: string, target: string, center: number) => {
    const entry = owned.get(ownerId) ?? { centers: [], targets: [] };
    entry.centers.push(center);
    entry.targets.push(target);
    owned.set(ownerId, entry);
  };
  for (const pod of pods) {
    const center = podCenters.get(podId(pod));
    const owner = pod.owners.find((o) => POD_OWNER_KINDS.has(o.kind));
    if (center === undefined || !owner) continue;
    const id = workloadId(owner.kind, pod.namespace, owner.name);
    if (byKey.has(id)) own(id, podId(pod), center);
  }
  const row1 = placeRow([...owned.keys()], owned);
  const parents = new Map<string, { centers: number[]; targets: string[] }>();
  for (const [id, x] of row1) {
    const w = byKey.get(id)!;
    const dep = w.kind === 'ReplicaSet' ? w.owners.find((o) => o.kind === 'Deployment') : undefined;
    const depId = dep && workloadId('Deployment', w.namespace, dep.name);
    if (!depId || !byKey.has(depId)) continue;
    const entry = parents.get(depId) ?? { centers: [], targets: [] };
    entry.centers.push(x + WORKLOAD_WIDTH / 2);
    entry.targets.push(id);
    parents.set(depId, entry);
  }
  const row2 = placeRow([...parents.keys()], parents);
  for (const [rowMap, from] of [[row1, owned], [row2, parents]] as const) {
    for (const [id, x] of rowMap) {
      const w = byKey.get(id)!;
      const targets = from.get(id)!.targets;
      nodes.push({
        id,
        type: 'workload',
        position: { x, y: rowMap === row1 ? top : top + WORKLOAD_HEIGHT + OWNER_ROW_GAP },
        width: WORKLOAD_WIDTH,
        height: WORKLOAD_HEIGHT,
        data: { workload: w, owned: targets.length },
        selectable: false,
      });
      for (const target of targets) {
        edges.push({ id: `own:${id}->${target}`, source: id, target, sourceHandle: 'out', targetHandle: 'owner', className: 'owner-edge', selectable: false, zIndex: 0 });
      }
    }
  }
}

/** Left to right by the middle of what each owns, pushed right just enough not to overlap. */
function placeRow(ids: string[], owned: ReadonlyMap<string, { centers: number[] }>): Map<string, number> {
  const wanted = ids.map((id) => {
    const c = owned.get(id)!.centers;
    return { id, center: c.reduce((a, b) => a + b, 0) / c.length };
  });
  wanted.sort((a, b) => a.center - b.center || a.id.localeCompare(b.id));
  const out = new Map<string, number>();
  let nextFree = -Infinity;
  for (const { id, center } of wanted) {
    const x = Math.max(center - WORKLOAD_WIDTH / 2, nextFree);
    nextFree = x + WORKLOAD_WIDTH + WORKLOAD_GAP;
    out.set(id, x);
  }
  return out;
}
