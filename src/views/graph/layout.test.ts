import { describe, expect, it } from 'vitest';
import type { NodeSummary, PodSummary, ServiceSummary, WorkloadSummary } from '../../worker/protocol.ts';
import { chipRows, CHIP_ROW, countTones, GROUP_HEADER, layoutGraph, namespaceVisible, podChips, podHeight, POD_HEIGHT, POD_WIDTH, serviceLines, UNSCHEDULED_LANE_ID, type GraphNode } from './layout.ts';

const use = { requested: 0, allocatable: 1000 };
const node = (name: string, roles: string[] = []): NodeSummary => ({ name, ready: true, roles, unschedulable: false, taints: [], cpu: use, memory: use });
const pod = (name: string, nodeName: string | null, namespace = 'default', status = 'Running'): PodSummary => ({
  namespace,
  name,
  phase: status === 'Running' ? 'Running' : 'Pending',
  nodeName,
  terminating: false,
  ready: '1/1',
  status,
  restarts: '0',
  podIP: null,
  containers: [],
  owners: [],
});
const endpoint = (podName: string, ready = true, terminating = false) => ({ address: '10.244.1.2', ready, serving: ready, terminating, pod: podName });
const service = (name: string, endpoints: ServiceSummary['endpoints'], namespace = 'default'): ServiceSummary => ({
  namespace,
  name,
  type: 'ClusterIP',
  clusterIP: '10.96.0.20',
  ports: [{ name: '', protocol: 'TCP', port: 80, targetPort: '80', nodePort: null }],
  endpoints,
});

const NODES = [node('control-plane', ['control-plane']), node('worker-1'), node('worker-2')];
const byId = (nodes: GraphNode[], id: string) => {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};
/** A node's box in graph coordinates (children are positioned relative to their parent). */
function box(nodes: GraphNode[], id: string) {
  const n = byId(nodes, id);
  const parent = n.parentId ? byId(nodes, n.parentId).position : { x: 0, y: 0 };
  return { x: parent.x + n.position.x, y: parent.y + n.position.y, w: n.width ?? 0, h: n.height ?? 0 };
}
const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('layoutGraph', () => {
  it('puts each pod inside its node, hides system namespaces, and lists groups before their pods', () => {
    const { nodes } = layoutGraph({
      nodes: NODES,
      pods: [pod('etcd-control-plane', 'control-plane', 'kube-system'), pod('kube-flannel-ds-abcde', 'worker-1', 'kube-flannel'), pod('web-1', 'worker-1'), pod('web-2', 'worker-2')],
      services: [],
      showSystemPods: false,
    });
    expect(nodes.map((n) => `${n.type}:${n.id}:${n.parentId ?? ''}`)).toEqual([
      'nodeGroup:node:control-plane:',
      'nodeGroup:node:worker-1:',
      'pod:pod:default/web-1:node:worker-1',
      'nodeGroup:node:worker-2:',
      'pod:pod:default/web-2:node:worker-2',
    ]);
    const card = byId(nodes, 'pod:default/web-1');
    expect(card.position).toEqual({ x: 14, y: GROUP_HEADER });
    expect([card.width, card.height]).toEqual([POD_WIDTH, POD_HEIGHT]);
    expect(card.type === 'pod' && card.data.tone).toBe('ok');
  });

  it('shows system pods when asked, in a grid that never overlaps, nodes side by side and equally tall', () => {
    const many = Array.from({ length: 8 }, (_, i) => pod(`sys-${i}`, 'control-plane', 'kube-system'));
    const { nodes } = layoutGraph({ nodes: NODES, pods: [...many, pod('web-1', 'worker-1')], services: [], showSystemPods: true });
    const cards = nodes.filter((n) => n.type === 'pod').map((n) => box(nodes, n.id));
    expect(cards).toHaveLength(9);
    for (let i = 0; i < cards.length; i++) for (let j = i + 1; j < cards.length; j++) expect(overlaps(cards[i]!, cards[j]!)).toBe(false);
    const groups = ['node:control-plane', 'node:worker-1', 'node:worker-2'].map((id) => box(nodes, id));
    expect(new Set(groups.map((g) => g.h)).size).toBe(1);
    expect(groups[0]!.x + groups[0]!.w).toBeLessThan(groups[1]!.x);
    expect(groups[1]!.x + groups[1]!.w).toBeLessThan(groups[2]!.x);
    // Eight pods: four side by side, two rows, all inside the control-plane box.
    const cp = groups[0]!;
    for (const c of cards.slice(0, 8)) expect(c.x >= cp.x && c.y >= cp.y && c.x + c.w <= cp.x + cp.w && c.y + c.h <= cp.y + cp.h).toBe(true);
    expect(new Set(cards.slice(0, 8).map((c) => c.y)).size).toBe(2);
  });

  it('collects unscheduled pods, and pods of a node that is gone, in the Unscheduled lane', () => {
    const { nodes } = layoutGraph({
      nodes: NODES,
      pods: [pod('waiting', null, 'default', 'Pending'), pod('orphan', 'worker-9')],
      services: [],
      showSystemPods: false,
    });
    const lane = byId(nodes, UNSCHEDULED_LANE_ID);
    expect(lane.type === 'lane' && lane.data).toEqual({ title: 'Unscheduled', podCount: 2 });
    expect(byId(nodes, 'pod:default/waiting').parentId).toBe(UNSCHEDULED_LANE_ID);
    expect(byId(nodes, 'pod:default/orphan').parentId).toBe(UNSCHEDULED_LANE_ID);
    expect(lane.position.x).toBeGreaterThan(box(nodes, 'node:worker-2').x);
    expect(layoutGraph({ nodes: NODES, pods: [], services: [], showSystemPods: false }).nodes.some((n) => n.id === UNSCHEDULED_LANE_ID)).toBe(false);
  });

  it('draws an edge per endpoint pod, styled by its conditions, and puts Services above without overlap', () => {
    const { nodes, edges } = layoutGraph({
      nodes: NODES,
      pods: [pod('web-1', 'worker-1'), pod('web-2', 'worker-2'), pod('web-3', 'worker-2'), pod('coredns', 'control-plane', 'kube-system')],
      services: [
        service('web', [endpoint('web-1'), endpoint('web-2', false), endpoint('web-3', false, true), { ...endpoint('gone'), pod: null }, endpoint('missing')]),
        service('web-b', [endpoint('web-1')]),
        service('kube-dns', [endpoint('coredns')], 'kube-system'),
      ],
      showSystemPods: false,
    });
    expect(edges.map((e) => [e.id, e.source, e.target, e.className])).toEqual([
      ['ep:default/web:web-1', 'svc:default/web', 'pod:default/web-1', 'endpoint-edge endpoint-ready'],
      ['ep:default/web:web-2', 'svc:default/web', 'pod:default/web-2', 'endpoint-edge endpoint-notready'],
      ['ep:default/web:web-3', 'svc:default/web', 'pod:default/web-3', 'endpoint-edge endpoint-terminating'],
      ['ep:default/web-b:web-1', 'svc:default/web-b', 'pod:default/web-1', 'endpoint-edge endpoint-ready'],
    ]);
    expect(nodes.some((n) => n.id === 'svc:kube-system/kube-dns')).toBe(false);
    const web = box(nodes, 'svc:default/web');
    const webB = box(nodes, 'svc:default/web-b');
    expect(overlaps(web, webB)).toBe(false);
    // Both sit above the nodes.
    expect(Math.max(web.y + web.h, webB.y + webB.h)).toBeLessThan(box(nodes, 'node:worker-1').y);
  });

  it('filters by namespace: one namespace, or all but the system ones unless asked', () => {
    expect(namespaceVisible('kube-system', '', false)).toBe(false);
    expect(namespaceVisible('kube-system', '', true)).toBe(true);
    expect(namespaceVisible('kube-system', 'kube-system', false)).toBe(true);
    expect(namespaceVisible('default', 'shop', true)).toBe(false);
    const { nodes } = layoutGraph({
      nodes: NODES,
      pods: [pod('a', 'worker-1'), pod('b', 'worker-1', 'shop'), pod('etcd', 'control-plane', 'kube-system')],
      services: [service('web', [], 'shop'), service('other', [])],
      showSystemPods: false,
      namespace: 'shop',
    });
    expect(nodes.filter((n) => n.type === 'pod' || n.type === 'service').map((n) => n.id)).toEqual(['pod:shop/b', 'svc:shop/web']);
  });

  it('draws owner edges Deployment → ReplicaSet → Pod and StatefulSet → Pod in rows below the nodes, when asked', () => {
    const owned = (p: PodSummary, kind: string, name: string): PodSummary => ({ ...p, owners: [{ kind, name }] });
    const workloads: WorkloadSummary[] = [
      { kind: 'Deployment', namespace: 'default', name: 'web', owners: [], desired: 2, ready: 2 },
      { kind: 'ReplicaSet', namespace: 'default', name: 'web-5d8f', owners: [{ kind: 'Deployment', name: 'web' }], desired: 2, ready: 2 },
      { kind: 'ReplicaSet', namespace: 'default', name: 'web-old', owners: [{ kind: 'Deployment', name: 'web' }], desired: 0, ready: 0 },
      { kind: 'StatefulSet', namespace: 'default', name: 'db', owners: [], desired: 1, ready: 1 },
    ];
    const input = {
      nodes: NODES,
      pods: [owned(pod('web-5d8f-a', 'worker-1'), 'ReplicaSet', 'web-5d8f'), owned(pod('web-5d8f-b', 'worker-2'), 'ReplicaSet', 'web-5d8f'), owned(pod('db-0', 'worker-2'), 'StatefulSet', 'db')],
      services: [],
      showSystemPods: false,
      workloads,
    };
    const { nodes, edges } = layoutGraph({ ...input, showOwners: true });
    expect(edges.map((e) => `${e.source} -> ${e.target}`).sort()).toEqual([
      'wl:Deployment:default/web -> wl:ReplicaSet:default/web-5d8f',
      'wl:ReplicaSet:default/web-5d8f -> pod:default/web-5d8f-a',
      'wl:ReplicaSet:default/web-5d8f -> pod:default/web-5d8f-b',
      'wl:StatefulSet:default/db -> pod:default/db-0',
    ]);
    // The ReplicaSet without pods in view is left out.
    expect(nodes.some((n) => n.id === 'wl:ReplicaSet:default/web-old')).toBe(false);
    const nodesBottom = box(nodes, 'node:worker-1').y + box(nodes, 'node:worker-1').h;
    const rs = box(nodes, 'wl:ReplicaSet:default/web-5d8f');
    const sts = box(nodes, 'wl:StatefulSet:default/db');
    const deploy = box(nodes, 'wl:Deployment:default/web');
    expect(rs.y).toBeGreaterThan(nodesBottom);
    expect(deploy.y).toBeGreaterThan(rs.y + rs.h);
    expect(overlaps(rs, sts)).toBe(false);
    expect(layoutGraph({ ...input, showOwners: false }).edges).toEqual([]);
  });

  it('draws counts per status per node instead of cards past the threshold, with one edge per node a Service reaches', () => {
    const many = Array.from({ length: 12 }, (_, i) => pod(`web-${i}`, i % 3 === 0 ? null : i % 2 === 0 ? 'worker-1' : 'worker-2', 'default', i === 1 ? 'CrashLoopBackOff' : i % 3 === 0 ? 'Pending' : 'Running'));
    const { nodes, edges, aggregated } = layoutGraph({
      nodes: NODES,
      pods: many,
      services: [service('web', many.filter((p) => p.nodeName !== null).map((p) => endpoint(p.name)))],
      showSystemPods: false,
      aggregateAbove: 10,
    });
    expect(aggregated).toBe(true);
    expect(nodes.some((n) => n.type === 'pod')).toBe(false);
    const w1 = byId(nodes, 'node:worker-1');
    const w2 = byId(nodes, 'node:worker-2');
    expect(w1.type === 'nodeGroup' && w1.data.aggregate).toEqual({ ok: 4, progress: 0, error: 0, done: 0, fading: 0, unknown: 0 });
    expect(w2.type === 'nodeGroup' && w2.data.aggregate).toEqual({ ok: 3, progress: 0, error: 1, done: 0, fading: 0, unknown: 0 });
    const lane = byId(nodes, UNSCHEDULED_LANE_ID);
    expect(lane.type === 'lane' && lane.data.aggregate?.progress).toBe(4);
    expect(edges.map((e) => [e.target, e.label])).toEqual([
      ['node:worker-2', '4 endpoints'],
      ['node:worker-1', '4 endpoints'],
    ]);
    expect(countTones([])).toEqual({ ok: 0, progress: 0, error: 0, done: 0, fading: 0, unknown: 0 });
  });
});

describe('service cards', () => {
  it('give a NodePort its own line under its port, so a NodePort Service card is taller', () => {
    const nodePort = { ...service('np', []), type: 'NodePort', ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: '80', nodePort: 30080 }, { name: 'm', protocol: 'TCP', port: 9090, targetPort: '9090', nodePort: 31090 }] };
    expect(serviceLines(service('web', []))).toBe(1);
    expect(serviceLines({ ports: [] })).toBe(1);
    expect(serviceLines(nodePort)).toBe(4);
    const { nodes } = layoutGraph({ nodes: NODES, pods: [], services: [service('web', []), nodePort], showSystemPods: false });
    expect(byId(nodes, 'svc:default/np').height! - byId(nodes, 'svc:default/web').height!).toBe(3 * 16);
  });
});

describe('pod chips', () => {
  const c = (name: string, kind: 'init' | 'sidecar' | 'app', state: 'waiting' | 'running' | 'terminated' = 'running', reason = '') => ({
    name,
    image: 'busybox:1.36',
    kind,
    state,
    reason,
    ready: state === 'running',
    restartCount: 0,
    probes: [],
  });

  it('numbers init containers as steps, checks the completed ones, and marks sidecars', () => {
    const chips = podChips({ containers: [c('migrate', 'init', 'terminated', 'Completed'), c('seed', 'init'), c('proxy', 'sidecar'), c('web', 'app', 'waiting', 'PodInitializing')] });
    // Steps count the sidecar too, as kubectl's Init:1/3 does.
    expect(chips).toEqual([
      { name: 'pause', kind: 'sandbox', step: null, done: false },
      { name: 'migrate', kind: 'init 1/3', step: '1/3', done: true },
      { name: 'seed', kind: 'init 2/3', step: '2/3', done: false },
      { name: 'proxy', kind: 'sidecar', step: '3/3', done: false },
      { name: 'web', kind: '', step: null, done: false },
    ]);
  });

  it('gives a card one more chip row when its containers do not fit on one, and its grid row the tallest card', () => {
    const simple = { ...pod('simple', 'worker-1'), containers: [c('nginx', 'app')] };
    const busy = { ...pod('busy', 'worker-1'), containers: [c('migrate', 'init'), c('istio-proxy', 'sidecar'), c('web', 'app')] };
    expect(podHeight(simple)).toBe(POD_HEIGHT);
    expect(chipRows(podChips(busy))).toBe(2);
    expect(podHeight(busy)).toBe(POD_HEIGHT + CHIP_ROW);
    const pods = [simple, busy, { ...simple, name: 'third' }, { ...simple, name: 'fourth' }];
    const { nodes } = layoutGraph({ nodes: NODES, pods, services: [], showSystemPods: false });
    expect(byId(nodes, 'pod:default/busy').height).toBe(POD_HEIGHT + CHIP_ROW);
    // Three columns: the fourth card starts below the tallest of the first row's three.
    expect(box(nodes, 'pod:default/third').y).toBe(box(nodes, 'pod:default/simple').y);
    expect(box(nodes, 'pod:default/fourth').y - box(nodes, 'pod:default/simple').y).toBe(POD_HEIGHT + CHIP_ROW + 12);
    expect(byId(nodes, 'node:worker-1').height).toBe(GROUP_HEADER + 2 * POD_HEIGHT + CHIP_ROW + 12 + 14);
  });
});
