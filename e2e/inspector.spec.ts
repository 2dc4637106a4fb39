/**
 * The graph's inspector, owner edges, request animation, probe/restart effects, namespace filter
 * and aggregate drawing, against the real page. Screenshots go to /tmp/graph-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { ids, openPlayground, outputAfter, typeCommand } from './helpers.ts';

const graph = (page: Page) => page.getByTestId('cluster-graph');
const inspector = (page: Page) => page.getByTestId('inspector');

async function applyYaml(page: Page, yaml: string): Promise<void> {
  const { yaml: input, apply } = ids(page);
  await input.fill(yaml);
  await apply.click();
}

/** The default nginx Deployment and Service, plus a client calling the Service every second. */
const TRAFFIC = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
      annotations:
        example.com/description: "网页服务器 (nginx)"
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
  annotations:
    example.com/purpose: "负载均衡演示"
spec:
  selector: {app: nginx}
  ports:
    - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
  annotations:
    example.com/note: "每秒请求一次"
spec:
  containers:
    - name: wget
      image: busybox:1.36
      command: ["sh", "-c", "while true; do wget -q -O- http://nginx >/dev/null; sleep 1; done"]
`;

test('a pod: facts, containers, owner chain and why the scheduler chose its node', async ({ page }) => {
  await openPlayground(page);
  await applyYaml(page, TRAFFIC);
  const pods = graph(page).locator('[data-testid^="pod-default-nginx-"]');
  await expect(pods.filter({ has: page.getByTestId('pod-status').getByText('Running', { exact: true }) })).toHaveCount(3, { timeout: 30_000 });
  const card = pods.first();
  const host = await card.getAttribute('data-node-name');
  const testId = await card.getAttribute('data-testid');
  await card.click();

  const panel = inspector(page);
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('data-kind', 'Pod');
  await expect(page.getByTestId('inspector-title')).toHaveText(testId!.replace(/^pod-default-/, ''));
  const facts = page.getByTestId('inspector-facts');
  await expect(facts).toContainText(/Status\s*Running/);
  await expect(facts).toContainText(`Node${host}`);
  await expect(facts).toContainText(/IP\s*10\.244\.\d+\.\d+/);
  await expect(page.getByTestId('inspector-container-nginx')).toContainText('running');
  await expect(page.getByTestId('inspector-container-nginx')).toContainText('nginx:1.27');
  await expect(page.getByTestId('inspector-conditions')).toContainText('Ready: True');
  await expect(page.getByTestId('inspector-owners')).toContainText(/Pod ← ReplicaSet\/nginx-[a-z0-9]+ ← Deployment\/nginx/);
  await expect(page.getByTestId('inspector-annotations')).toContainText('example.com/description=网页服务器 (nginx)');

  // Why this node: the chosen node first and highlighted, the control plane filtered by its taint.
  const decision = page.getByTestId('inspector-decision');
  await expect(decision).toContainText(`kube-scheduler chose ${host}`);
  await expect(page.getByTestId(`decision-row-${host}`)).toHaveAttribute('data-chosen', 'true');
  await expect(page.getByTestId('decision-row-control-plane')).toContainText(
    'filtered by TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
  );
  await expect(decision.locator('th[title^="TaintToleration"]')).toHaveText('Taint×3');
  await expect(decision.locator('th').last()).toHaveText('Total');
  // Cards glide when bound to a node or when the layout moves them.
  expect(await card.evaluate((el) => getComputedStyle(el.closest('.react-flow__node')!).transitionProperty)).toContain('transform');
  await page.screenshot({ path: '/tmp/graph-inspector-pod.png' });
  await decision.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: '/tmp/graph-inspector-pod-decision.png' });
  // The Events tab: what the timeline recorded about this pod.
  await page.getByTestId('inspector-tab-events').click();
  await expect(page.getByTestId('inspector-events')).toContainText(`Successfully assigned default/${testId!.replace(/^pod-default-/, '')} to ${host}`);
  await expect(page.getByTestId('inspector-events')).toContainText('Started container nginx');
  await panel.screenshot({ path: '/tmp/graph-inspector-pod-events.png' });
  await page.getByTestId('inspector-tab-overview').click();

  // A Node: its facts and taints.
  await page.getByTestId('inspector-close').click();
  await expect(panel).toHaveCount(0);
  await graph(page).getByTestId('node-control-plane').locator('.k8s-node-head').click();
  await expect(panel).toHaveAttribute('data-kind', 'Node');
  await expect(page.getByTestId('inspector-facts')).toContainText(/Roles\s*control-plane/);
  await expect(page.getByTestId('inspector-taints')).toContainText('node-role.kubernetes.io/control-plane:NoSchedule');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('a pending pod: the FailedScheduling message and each node’s reason', async ({ page }) => {
  await openPlayground(page);
  await applyYaml(
    page,
    `apiVersion: v1
kind: Pod
metadata:
  name: huge
  annotations:
    example.com/note: "请求 64 个 CPU，无法调度"
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: "64"
`,
  );
  const card = graph(page).getByTestId('pod-default-huge');
  await expect(card).toHaveAttribute('data-status', 'Pending');
  await card.click();
  await expect(page.getByTestId('inspector-decision')).toContainText('Why no node');
  await expect(page.getByTestId('inspector-failed-message')).toContainText(
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
  );
  for (const worker of ['worker-1', 'worker-2']) {
    await expect(page.getByTestId(`decision-row-${worker}`)).toContainText('filtered by NodeResourcesFit: Insufficient cpu');
    await expect(page.getByTestId(`decision-row-${worker}`)).toHaveAttribute('data-chosen', 'false');
  }
  await expect(page.getByTestId('inspector-conditions')).toContainText('PodScheduled: False (Unschedulable)');
  await expect(page.getByTestId('inspector-annotations')).toContainText('请求 64 个 CPU，无法调度');
  await page.screenshot({ path: '/tmp/graph-inspector-pending.png' });
  await page.getByTestId('inspector-decision').scrollIntoViewIfNeeded();
  await inspector(page).screenshot({ path: '/tmp/graph-inspector-pending-decision.png' });
});

test('requests travel from the client pod through the Service to the chosen pod with their probability; counts add up; the Service lists its picks', async ({ page }) => {
  await openPlayground(page);
  await applyYaml(page, TRAFFIC);
  const dot = graph(page).getByTestId('request-dot').first();
  await expect(dot).toBeAttached({ timeout: 30_000 });
  await expect(dot).toHaveAttribute('data-pod', /^nginx-/);
  // It leaves from the card of the Pod that sent it (kube-proxy's entry names the client by its IP).
  await expect(dot).toHaveAttribute('data-source', 'pod:default/client');
  await expect(dot.locator('text')).toHaveText(/^p=(0\.33|1)$/);
  // The dot rides the endpoint edge of the pod it names.
  const pod = await dot.getAttribute('data-pod');
  await expect(dot).toHaveAttribute('data-edge', `ep:default/nginx:${pod}`);
  await expect(graph(page).getByTestId(`rf__edge-ep:default/nginx:${pod}`)).toBeAttached();
  await page.screenshot({ path: '/tmp/graph-request.png' });

  const counts = graph(page).locator('[data-testid^="edge-count-default/nginx:"]:not([hidden])');
  await expect(counts.first()).toBeVisible();
  await expect
    .poll(async () => {
      const values = await graph(page).locator('[data-testid^="edge-count-default/nginx:"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset['count'] ?? 0)));
      return values.reduce((a, b) => a + b, 0);
    }, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(4);

  await graph(page).getByTestId('service-default-nginx').click();
  await expect(inspector(page)).toHaveAttribute('data-kind', 'Service');
  await expect(page.getByTestId('inspector-facts')).toContainText(/ClusterIP\s*10\.\d+\.\d+\.\d+/);
  await expect(page.getByTestId('inspector-endpoints').locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('inspector-endpoints')).toContainText('ready, serving');
  const pick = page.getByTestId('inspector-pick').first();
  await expect(pick).toContainText(/→ nginx-[a-z0-9]+-[a-z0-9]+/);
  await expect(pick).toContainText(/p=(0\.33|1)/);
  await expect(pick).toContainText('-j KUBE-SEP-');
  await page.screenshot({ path: '/tmp/graph-inspector-service.png' });

  // A deleted pod fades while it terminates (sh ignores SIGTERM: the 30s grace period runs out).
  await page.getByTestId('inspector-close').click();
  await typeCommand(page, 'kubectl delete pod client --wait=false');
  const client = graph(page).getByTestId('pod-default-client');
  await expect(client).toHaveAttribute('data-tone', 'fading');
  await expect(client).toHaveAttribute('data-status', 'Terminating');
  await expect.poll(() => client.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(0.6);
});

test('owner edges Deployment → ReplicaSet → Pod, toggleable', async ({ page }) => {
  await openPlayground(page);
  await ids(page).apply.click();
  await expect(graph(page).locator('[data-testid^="pod-default-nginx-"]')).toHaveCount(3, { timeout: 15_000 });
  const deploy = graph(page).getByTestId('workload-Deployment-default-nginx');
  await expect(deploy).toContainText(/3\/3 ready/, { timeout: 30_000 });
  await expect(graph(page).locator('[data-testid^="workload-ReplicaSet-default-nginx-"]')).toHaveCount(1);
  const ownerEdges = graph(page).locator('[data-testid^="rf__edge-own:"]');
  // One Deployment → ReplicaSet edge and three ReplicaSet → Pod edges.
  await expect(ownerEdges).toHaveCount(4);
  await page.waitForTimeout(600);
  await page.screenshot({ path: '/tmp/graph-owners.png' });
  await page.getByTestId('show-owners').uncheck();
  await expect(ownerEdges).toHaveCount(0);
  await expect(deploy).toHaveCount(0);
  await page.getByTestId('show-owners').check();
  await expect(ownerEdges).toHaveCount(4);
});

test('a failed liveness probe flashes the container it failed in, not its neighbour with the same probe type; the restart pulses the pod card', async ({ page }) => {
  await openPlayground(page);
  await applyYaml(
    page,
    `apiVersion: v1
kind: Pod
metadata:
  name: sick
spec:
  containers:
    - name: web
      image: nginx:1.27
      livenessProbe:
        httpGet: {path: /healthz, port: 80}
        periodSeconds: 2
        failureThreshold: 2
    - name: helper
      image: busybox:1.36
      command: [sleep, "3600"]
      livenessProbe:
        exec: {command: ["true"]}
        periodSeconds: 2
`,
  );
  const card = graph(page).getByTestId('pod-default-sick');
  const chip = card.locator('.chip[data-container="web"]');
  const neighbour = card.locator('.chip[data-container="helper"]');
  await expect(neighbour).toHaveAttribute('data-probes', 'liveness');
  await expect(chip).toHaveAttribute('data-probe-failed', 'liveness', { timeout: 20_000 });
  await expect(chip.getByTestId('chip-probe')).toHaveText('liveness ✗');
  // The kubelet's Unhealthy entry names its container: the neighbour's liveness probe passes, it does not flash.
  expect(await neighbour.getAttribute('data-probe-failed')).toBeNull();
  await expect(neighbour.getByTestId('chip-probe')).toHaveText('');
  await page.screenshot({ path: '/tmp/graph-probe.png' });
  await expect(card).toHaveClass(/pod-pulse/, { timeout: 20_000 });
  await expect(card).toContainText(/RESTARTS\s*[1-9]/);
});

test('namespace filter: system namespaces hidden by default, one namespace on its own', async ({ page }) => {
  await openPlayground(page);
  await ids(page).apply.click();
  await expect(graph(page).locator('[data-testid^="pod-default-nginx-"]')).toHaveCount(3, { timeout: 15_000 });
  await expect(graph(page).locator('[data-testid^="pod-kube-system-"]')).toHaveCount(0);
  const select = page.getByTestId('graph-namespace');
  await expect(select).toHaveValue('');
  await select.selectOption('kube-system');
  await expect(graph(page).getByTestId('pod-kube-system-etcd-control-plane')).toBeVisible();
  await expect(graph(page).locator('[data-testid^="pod-default-"]')).toHaveCount(0);
  await expect(graph(page).getByTestId('service-kube-system-kube-dns')).toBeVisible();
  await page.waitForTimeout(600);
  await page.screenshot({ path: '/tmp/graph-namespace.png' });
  await select.selectOption('');
  await expect(graph(page).locator('[data-testid^="pod-default-nginx-"]')).toHaveCount(3);
});

test('past 320 pods, each node shows its pods counted by status, and the page stays responsive', async ({ page }) => {
  await openPlayground(page);
  await applyYaml(
    page,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: many
spec:
  replicas: 400
  selector:
    matchLabels: {app: many}
  template:
    metadata:
      labels: {app: many}
    spec:
      containers:
        - name: app
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: many
spec:
  selector: {app: many}
  ports:
    - port: 80
`,
  );
  await expect(page.getByTestId('graph-aggregated')).toBeVisible({ timeout: 20_000 });
  await expect(graph(page).locator('.pod-card')).toHaveCount(0);
  const w1 = graph(page).getByTestId('node-aggregate-worker-1');
  await expect(w1).toBeVisible();
  // Every pod is counted once: on its node, or in the Unscheduled lane while it waits.
  const counted = () =>
    graph(page)
      .locator('[data-testid^="node-aggregate-"], [data-testid="lane-aggregate"]')
      .evaluateAll((els) => els.reduce((n, e) => n + Number((e as HTMLElement).dataset['total'] ?? 0), 0));
  await expect.poll(counted, { timeout: 20_000 }).toBe(400);
  await expect(w1.locator('.aggregate-count[data-tone="ok"]')).toHaveAttribute('data-count', /^[1-9]\d*$/, { timeout: 30_000 });
  // Responsive: a click opens the inspector quickly even with 400 pods in the summary.
  const started = Date.now();
  await graph(page).getByTestId('node-worker-1').locator('.k8s-node-head').click();
  await expect(inspector(page)).toHaveAttribute('data-kind', 'Node');
  expect(Date.now() - started).toBeLessThan(1500);
  await expect(page.getByTestId('inspector-facts')).toContainText(/Pods.*\d+ Running/);
  await page.screenshot({ path: '/tmp/graph-aggregate.png' });
});

test('Describe and YAML tabs: kubectl’s own output for the object, live; Events tab; tabs by keyboard', async ({ page }) => {
  await openPlayground(page);
  await applyYaml(
    page,
    `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
  annotations:
    example.com/note: "网页服务器"
spec:
  containers:
    - name: nginx
      image: nginx:1.27
`,
  );
  const card = graph(page).getByTestId('pod-default-web');
  await expect(card).toHaveAttribute('data-status', 'Running', { timeout: 20_000 });
  await card.click();
  const panel = inspector(page);

  await page.getByTestId('inspector-tab-describe').click();
  const describe = page.getByTestId('inspector-describe');
  await expect(panel.locator('.insp-cmd code')).toHaveText('$ kubectl describe pod web');
  await expect(describe).toContainText(/^Name:\s+web\nNamespace:\s+default\n/);
  await expect(describe).toContainText('example.com/note: 网页服务器');
  // Live: a label added in the terminal shows up without reopening anything.
  await typeCommand(page, 'kubectl label pod web tier=front');
  await expect(describe).toContainText(/Labels:\s+app=web\n\s+tier=front\n/);

  // Paused, the panel and the terminal print the same moment: the same text, character for character.
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
  await typeCommand(page, 'kubectl describe pod web');
  const printed = await outputAfter(page, 'kubectl describe pod web');
  await expect(describe).toHaveText(printed);
  await panel.screenshot({ path: '/tmp/ui-inspector-describe.png' });

  // The tabs follow the WAI-ARIA pattern: arrows move between them.
  await page.getByTestId('inspector-tab-describe').focus();
  await page.keyboard.press('ArrowRight');
  const yamlTab = page.getByTestId('inspector-tab-yaml');
  await expect(yamlTab).toBeFocused();
  await expect(yamlTab).toHaveAttribute('aria-selected', 'true');
  await expect(panel.locator('.insp-cmd code')).toHaveText('$ kubectl get pod web -o yaml');
  await typeCommand(page, 'kubectl get pod web -o yaml');
  const yaml = await outputAfter(page, 'kubectl get pod web -o yaml');
  expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
  await expect(page.getByTestId('inspector-yaml')).toHaveText(yaml);
  await panel.screenshot({ path: '/tmp/ui-inspector-yaml.png' });

  await page.getByTestId('inspector-tab-events').click();
  await expect(page.getByTestId('inspector-events')).toContainText('Successfully assigned default/web to');
  await expect(page.getByTestId('inspector-tab-events')).toHaveAttribute('aria-selected', 'true');

  // A Node and a Service read the same way.
  await graph(page).getByTestId('node-worker-1').locator('.k8s-node-head').click();
  await page.getByTestId('inspector-tab-describe').click();
  await expect(page.getByTestId('inspector-describe')).toContainText(/^Name:\s+worker-1\nRoles:\s+<none>\n/);
});
