/**
 * Issue 7's "Done when", on the real page at 1280×720: manifests pasted into Monaco and applied
 * with Ctrl+Enter, time advanced from the timeline, then what the page shows: the Pods inside
 * their nodes with their pause, init (a step indicator), sidecar and app containers; the Service's
 * endpoint edges (ready solid, not ready dashed, terminating faded); a request travelling from the
 * client Pod's card through the Service to the Pod kube-proxy picked and arriving on it; the inspector's container timeline and describe; the
 * terminal's output. In Chinese and the dark theme, then the same moment in English and light.
 * Screenshots go to test-results/playground-*.png.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ids, outputAfter, setEditorText, typeCommand } from './helpers.ts';

test.use({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });

/**
 * A shop: two replicas, each with an init step, a native sidecar and nginx behind a Service; a
 * canary whose readiness probe fails (a not-ready endpoint); a buyer fetching the Service every
 * second. Chinese where Kubernetes allows it (annotations, env values, comments).
 */
const SHOP = `# 网上商店：init 容器、sidecar 和应用容器
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  annotations:
    example.com/note: "网上商店前端"
spec:
  replicas: 2
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
      annotations:
        example.com/description: "商店（中文说明）"
    spec:
      initContainers:
        - name: migrate
          image: busybox:1.36
          command: ["sh", "-c", "sleep 4"]
        - name: log-agent
          image: busybox:1.36
          restartPolicy: Always
          command: ["sh", "-c", "while true; do sleep 5; done"]
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: GREETING
              value: "欢迎光临"
          readinessProbe:
            httpGet: {path: /, port: 80}
            periodSeconds: 2
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  annotations:
    example.com/purpose: "商店的负载均衡"
spec:
  selector: {app: shop}
  ports:
    - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: canary
  labels: {app: shop}
spec:
  containers:
    - name: web
      image: nginx:1.27
      readinessProbe:
        httpGet: {path: /not-there, port: 80}
        periodSeconds: 2
---
apiVersion: v1
kind: Pod
metadata:
  name: buyer
spec:
  containers:
    - name: wget
      image: busybox:1.36
      command: ["sh", "-c", "while true; do wget -q -O- http://shop >/dev/null; sleep 1; done"]
`;

const graph = (page: Page) => page.getByTestId('cluster-graph');
const shopPods = (page: Page) => graph(page).locator('[data-testid^="pod-default-shop-"]');

async function within(inner: Locator, outer: Locator): Promise<boolean> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) return false;
  return a.x >= b.x - 1 && a.y >= b.y - 1 && a.x + a.width <= b.x + b.width + 1 && a.y + a.height <= b.y + b.height + 1;
}

/** Every chip of the card lies inside the card: nothing clipped or spilling onto the next card. */
async function chipsInside(card: Locator): Promise<boolean> {
  for (const chip of await card.locator('.chip').all()) if (!(await within(chip, card))) return false;
  return true;
}

async function goTo(page: Page, t: string): Promise<void> {
  await page.getByTestId('timeline-goto').fill(t);
  await page.getByTestId('timeline-goto').press('Enter');
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Waits for the next request dot and follows it, frame by frame, until it is removed: where the
 * dot was at each frame, with the boxes (on screen, at that frame) of the card it started from
 * (`data-source`), the Service and the card of the Pod it names.
 */
async function nextFlight(page: Page, service: string) {
  return page.evaluate(
    (serviceId) =>
      new Promise<{ pod: string; source: string; label: string; points: { x: number; y: number }[]; from: Box; via: Box[]; to: Box }>((resolve) => {
        const root = document.querySelector('[data-testid="cluster-graph"]')!;
        const seen = new Set(root.querySelectorAll('.request-dot'));
        const box = (sel: string): Box => {
          const r = root.querySelector(sel)!.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        const observer = new MutationObserver(() => {
          const dot = [...root.querySelectorAll<SVGGElement>('.request-dot')].find((d) => !seen.has(d));
          if (!dot) return;
          observer.disconnect();
          const pod = dot.dataset['pod'] ?? '';
          const source = dot.dataset['source'] ?? '';
          const sourceCard = `.react-flow__node[data-id="${CSS.escape(source)}"]`;
          const points: { x: number; y: number }[] = [];
          const via: Box[] = [];
          let from: Box | null = null;
          let to: Box | null = null;
          const frame = () => {
            if (!dot.isConnected) {
              resolve({ pod, source, label: dot.querySelector('text')?.textContent ?? '', points, from: from!, via, to: to! });
              return;
            }
            const c = dot.querySelector('circle')!.getBoundingClientRect();
            points.push({ x: c.x + c.width / 2, y: c.y + c.height / 2 });
            if (!from && source) from = box(sourceCard);
            via.push(box(`[data-testid="${serviceId}"]`));
            to = box(`[data-testid="pod-default-${pod}"]`);
            requestAnimationFrame(frame);
          };
          // From the next frame: the one painted first (before it, SMIL has not sampled the motion yet).
          requestAnimationFrame(frame);
        });
        observer.observe(root, { childList: true, subtree: true });
      }),
    service,
  );
}

const inBox = (p: { x: number; y: number }, b: Box, slack = 0) => p.x >= b.x - slack && p.x <= b.x + b.width + slack && p.y >= b.y - slack && p.y <= b.y + b.height + slack;

test('Done when: paste into Monaco, apply, advance time; pods with their containers in their nodes, endpoint edges, a request arriving, the inspector and the terminal', async ({ page }) => {
  await page.goto('/?empty=1&lang=zh');
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await setEditorText(page, SHOP);
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('deployment.apps/shop created\nservice/shop created\npod/canary created\npod/buyer created\n');

  // While the init container runs: Init:0/2 (kubectl counts the sidecar among the init
  // containers), its chip numbered as step 1 of 2, running, not yet checked; the sidecar is step 2.
  const first = shopPods(page).first();
  await expect(first).toHaveAttribute('data-status', 'Init:0/2', { timeout: 15_000 });
  const init = first.locator('.chip[data-kind="init"]');
  await expect(init).toHaveAttribute('data-step', '1/2');
  await expect(init.locator('.chip-kind')).toHaveText('init 1/2');
  await expect(first.locator('.chip[data-kind="sidecar"]')).toHaveAttribute('data-step', '2/2');
  await expect(init).toHaveAttribute('data-state', 'running');
  await expect(init.locator('.chip-done')).toHaveCount(0);
  await page.waitForTimeout(400);
  await page.screenshot({ path: 'test-results/playground-init-zh.png' });

  // Advance time from the timeline: everything has started by 0:30.
  await goTo(page, '30');
  await expect(page.getByTestId('timeline-time')).toContainText('0:30');
  await expect(shopPods(page)).toHaveCount(2);
  for (const card of await shopPods(page).all()) {
    await expect(card).toHaveAttribute('data-status', 'Running');
    await expect(card).toContainText(/READY\s*2\/2/);
    const host = await card.getAttribute('data-node-name');
    expect(host).toMatch(/^worker-\d$/);
    expect(await within(card, graph(page).getByTestId(`node-${host}`))).toBe(true);
    // pause, init (done), sidecar, app: in the kubelet's order, each with its state.
    const chips = card.locator('.chip');
    await expect(chips).toHaveText(['sandboxpause', 'init 1/2migrate✓', 'sidecarlog-agent', 'web']);
    expect(await chips.evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset['kind']}:${(e as HTMLElement).dataset['state']}`))).toEqual([
      'sandbox:running',
      'init:terminated',
      'sidecar:running',
      'app:running',
    ]);
    await expect(card.locator('.chip[data-kind="app"]')).toHaveAttribute('title', /nginx:1\.27/);
    expect(await chipsInside(card)).toBe(true);
  }

  // The Service: its ClusterIP, two ready endpoints drawn solid, the canary's not-ready one dashed.
  const service = graph(page).getByTestId('service-default-shop');
  await expect(service).toContainText(/10\.\d+\.\d+\.\d+:80\/TCP/);
  await expect(service).toContainText('2/3 个端点就绪');
  const edges = graph(page).locator('[data-testid^="rf__edge-ep:default/shop:"]');
  await expect(edges).toHaveCount(3);
  const ready = edges.and(page.locator('.endpoint-ready'));
  await expect(ready).toHaveCount(2);
  for (const path of await ready.locator('.react-flow__edge-path').all()) {
    expect(['', 'none']).toContain(await path.evaluate((el) => getComputedStyle(el).strokeDasharray));
  }
  const canaryEdge = graph(page).getByTestId('rf__edge-ep:default/shop:canary');
  await expect(canaryEdge).toHaveClass(/endpoint-notready/);
  expect(await canaryEdge.locator('.react-flow__edge-path').evaluate((el) => getComputedStyle(el).strokeDasharray)).toBe('6px, 5px');
  await page.screenshot({ path: 'test-results/playground-running-zh.png' });
  await shopPods(page).first().screenshot({ path: 'test-results/playground-card-zh.png' });
  // Readable at 1280×720: the view fits the cluster (the owner rows wait below) at a zoom where a card's text reads.
  const zoom = await graph(page).locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  expect(zoom).toBeGreaterThanOrEqual(0.6);

  // A request travels from the buyer through the Service to the Pod kube-proxy picked, with its probability, and arrives on it.
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', '暂停');
  // It starts at the buyer's card, passes the Service's card and stops on the picked Pod's top edge
  // (the endpoint edge's target), in the middle.
  const flight = await nextFlight(page, 'service-default-shop');
  expect(flight.pod).toMatch(/^shop-/);
  expect(flight.label).toMatch(/^p=(0\.5|1)$/);
  expect(flight.source).toBe('pod:default/buyer');
  expect(flight.points.length, 'frames seen during the flight').toBeGreaterThan(20);
  const [firstPoint, lastPoint] = [flight.points[0]!, flight.points[flight.points.length - 1]!];
  expect(inBox(firstPoint, flight.from), `the dot starts inside buyer's card: ${JSON.stringify({ firstPoint, card: flight.from })}`).toBe(true);
  expect(flight.points.some((p, i) => inBox(p, flight.via[i]!, 8)), 'the dot passes through the Service').toBe(true);
  const passed = flight.points.findIndex((p, i) => inBox(p, flight.via[i]!, 8));
  expect(passed, 'the Service is passed mid-flight, not at the start').toBeGreaterThan(2);
  expect(inBox(lastPoint, flight.to, 8), `the dot ends on ${flight.pod}'s card: ${JSON.stringify({ lastPoint, card: flight.to })}`).toBe(true);
  expect(Math.abs(lastPoint.x - (flight.to.x + flight.to.width / 2)), `the dot ends at the middle of ${flight.pod}'s card`).toBeLessThan(flight.to.width * 0.1);
  expect(Math.abs(lastPoint.y - flight.to.y), `the dot ends on ${flight.pod}'s top edge`).toBeLessThan(12);
  // A picture of a dot on its way: the next one, held a third of the way along (the overlay's SMIL clock paused).
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const root = document.querySelector('[data-testid="cluster-graph"]')!;
        const seen = new Set(root.querySelectorAll('.request-dot'));
        const observer = new MutationObserver(() => {
          const dot = [...root.querySelectorAll('.request-dot')].find((d) => !seen.has(d));
          if (!dot) return;
          observer.disconnect();
          setTimeout(() => {
            dot.closest('svg')!.pauseAnimations();
            resolve();
          }, 450);
        });
        observer.observe(root, { childList: true, subtree: true });
      }),
  );
  await page.screenshot({ path: 'test-results/playground-request-flight-zh.png' });
  await graph(page).locator('svg.request-overlay').evaluate((svg) => (svg as SVGSVGElement).unpauseAnimations());
  // Counts per endpoint add up on the edges; the canary, not ready, gets none.
  await expect
    .poll(() => graph(page).locator('[data-testid^="edge-count-default/shop:"]').evaluateAll((els) => els.reduce((n, e) => n + Number((e as HTMLElement).dataset['count'] ?? 0), 0)))
    .toBeGreaterThanOrEqual(2);
  await expect(graph(page).getByTestId('edge-count-default/shop:canary')).toBeHidden();
  await page.screenshot({ path: 'test-results/playground-request-zh.png' });

  // The inspector: the container timeline (the init step ran, then exited; the others run), then describe.
  await page.getByTestId('timeline-play').click();
  const card = shopPods(page).first();
  const name = (await card.getAttribute('data-testid'))!.replace(/^pod-default-/, '');
  await card.click();
  const timeline = page.getByTestId('inspector-timeline');
  await expect(timeline.locator('h3')).toHaveText('容器时间线');
  await expect(timeline.getByTestId('timeline-row-migrate').getByTestId('timeline-segment')).toHaveCount(3);
  expect(await timeline.getByTestId('timeline-row-migrate').getByTestId('timeline-segment').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset['state']))).toEqual([
    'waiting',
    'running',
    'exited',
  ]);
  await expect(timeline.getByTestId('timeline-row-migrate').getByTestId('timeline-segment').last()).toHaveAttribute('title', /^退出 .*\(Completed, 0\)$/);
  await expect(timeline.getByTestId('timeline-row-web').getByTestId('timeline-segment').last()).toHaveAttribute('data-state', 'running');
  await expect(timeline.getByTestId('timeline-row-log-agent').getByTestId('timeline-segment').last()).toHaveAttribute('data-state', 'running');
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/playground-inspector-zh.png' });
  await page.getByTestId('inspector-tab-describe').click();
  const describe = page.getByTestId('inspector-describe');
  await expect(describe).toContainText(new RegExp(`^Name:\\s+${name}\\n`));
  await expect(describe).toContainText(/Init Containers:\n {2}migrate:\n/);
  await expect(describe).toContainText('GREETING:  欢迎光临');
  await page.screenshot({ path: 'test-results/playground-describe-zh.png' });
  await page.getByTestId('inspector-close').click();

  // Terminating: a deleted replica fades, and so does its edge (its sidecar's sh ignores SIGTERM: 30 s).
  await typeCommand(page, `kubectl delete pod ${name} --wait=false`);
  expect(await outputAfter(page, `kubectl delete pod ${name} --wait=false`)).toBe(`pod "${name}" deleted\n`);
  await expect(graph(page).getByTestId(`pod-default-${name}`)).toHaveAttribute('data-tone', 'fading');
  const leaving = graph(page).getByTestId(`rf__edge-ep:default/shop:${name}`);
  await expect(leaving).toHaveClass(/endpoint-terminating/);
  await expect.poll(() => leaving.locator('.react-flow__edge-path').evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(0.6);

  // The terminal: kubectl's own output.
  await typeCommand(page, 'kubectl get pods -l app=shop');
  const table = await outputAfter(page, 'kubectl get pods -l app=shop');
  expect(table.split('\n')[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
  expect(table).toMatch(new RegExp(`\\n${name} +2/2 +Terminating +0 +\\d+s\\n`));
  expect(table).toMatch(/\ncanary +0\/1 +Running +0 +\d+s\n/);
  await page.screenshot({ path: 'test-results/playground-terminal-zh.png' });

  // The same moment in English and the light theme.
  await page.getByTestId('lang-en').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(service).toContainText(/[12]\/3 endpoints ready/);
  await shopPods(page).last().click();
  // The inspector keeps the tab last shown (Describe): back to the overview.
  await page.getByTestId('inspector-tab-overview').click();
  await expect(page.getByTestId('inspector-timeline').locator('h3')).toHaveText('Container timeline');
  // The header stays one line at 1280 px even with the longer English status.
  const header = await page.locator('.app-header').boundingBox();
  const reset = await page.getByRole('button', { name: 'Reset' }).boundingBox();
  expect(reset!.y + reset!.height).toBeLessThanOrEqual(header!.y + header!.height);
  expect(reset!.y).toBeLessThan(header!.y + 20);
  await page.screenshot({ path: 'test-results/playground-inspector-en-light.png' });
});
