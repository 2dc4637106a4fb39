/**
 * The cluster graph: Apply the default manifest (an nginx Deployment with 3 replicas and its
 * Service) and watch three Pods come up inside the worker nodes, each an endpoint of the Service.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ids, openPlayground, typeCommand } from './helpers.ts';

const graph = (page: Page) => page.getByTestId('cluster-graph');
const nginxPods = (page: Page) => graph(page).locator('[data-testid^="pod-default-nginx-"]');
const nginxEdges = (page: Page) => graph(page).locator('[data-testid^="rf__edge-ep:default/nginx:"]');

/** True when `inner`'s box lies within `outer`'s (both on screen, same zoom). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
  const a = await inner.boundingBox();
  const b = await outer.boundingBox();
  if (!a || !b) return false;
  const slack = 1;
  return a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.width <= b.x + b.width + slack && a.y + a.height <= b.y + b.height + slack;
}

test('the default manifest comes up as three Running pods on the workers, behind the Service', async ({ page }) => {
  await openPlayground(page);
  await expect(graph(page)).toBeVisible();
  await expect(graph(page).getByTestId('node-control-plane')).toBeVisible();
  // System pods are hidden by default: the control plane shows none.
  await expect(graph(page).locator('[data-testid^="pod-kube-system-"]')).toHaveCount(0);

  await ids(page).apply.click();

  await expect(nginxPods(page)).toHaveCount(3, { timeout: 15_000 });
  await expect(nginxPods(page).filter({ has: page.getByTestId('pod-status').getByText('Running', { exact: true }) })).toHaveCount(3, {
    timeout: 30_000,
  });
  const service = graph(page).getByTestId('service-default-nginx');
  await expect(service).toContainText('ClusterIP');
  await expect(service).toContainText(/10\.\d+\.\d+\.\d+:80\/TCP/);
  await expect(nginxEdges(page).and(page.locator('.endpoint-ready'))).toHaveCount(3, { timeout: 15_000 });
  await expect(nginxEdges(page)).toHaveCount(3);
  for (const path of await nginxEdges(page).locator('.react-flow__edge-path').all()) {
    // Solid: no dash pattern (Chromium reports an unset dasharray as '' or 'none').
    expect(['', 'none']).toContain(await path.evaluate((el) => getComputedStyle(el).strokeDasharray));
  }

  // Let the refit settle, then check every card sits inside the worker it runs on.
  await page.waitForTimeout(600);
  for (const card of await nginxPods(page).all()) {
    const host = await card.getAttribute('data-node-name');
    expect(host).toMatch(/^worker-\d+$/);
    await expect(card).toHaveAttribute('data-tone', 'ok');
    await expect(card).toContainText(/READY\s*1\/1/);
    await expect(card).toContainText(/10\.244\.\d+\.\d+/);
    expect(await inside(card, graph(page).getByTestId(`node-${host}`))).toBe(true);
  }
  await page.screenshot({ path: 'test-results/graph.png' });

  await page.getByTestId('show-system-pods').check();
  await expect(graph(page).locator('[data-testid^="pod-kube-system-"]').first()).toBeVisible();
  await expect(graph(page).getByTestId('pod-kube-system-etcd-control-plane')).toHaveAttribute('data-node-name', 'control-plane');
  await page.waitForTimeout(600);
  await page.screenshot({ path: 'test-results/graph-system.png' });
});

test('a pod no node can fit waits in the Unscheduled lane, Pending', async ({ page }) => {
  await openPlayground(page);
  const { yaml, apply } = ids(page);
  await yaml.fill(`apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
    - name: app
      image: nginx:1.27
      resources:
        requests:
          cpu: "64"
`);
  await apply.click();
  const lane = graph(page).getByTestId('unscheduled-lane');
  await expect(lane).toBeVisible();
  await expect(lane).toContainText('Unscheduled');
  const card = graph(page).getByTestId('pod-default-huge');
  await expect(card).toHaveAttribute('data-status', 'Pending');
  await expect(card).toHaveAttribute('data-tone', 'progress');
  await page.waitForTimeout(600);
  expect(await inside(card, lane)).toBe(true);
  await page.screenshot({ path: 'test-results/graph-unscheduled.png' });

  // Bound at last, a card glides from the lane into its node: a CSS transition of its transform.
  await yaml.fill('apiVersion: v1\nkind: Pod\nmetadata:\n  name: picky\nspec:\n  nodeSelector: {disktype: ssd}\n  containers:\n    - name: app\n      image: nginx:1.27\n');
  await apply.click();
  const picky = graph(page).getByTestId('pod-default-picky');
  await expect(picky).toHaveAttribute('data-status', 'Pending');
  await page.waitForTimeout(600);
  expect(await inside(picky, lane)).toBe(true);
  await picky.evaluate((el) => {
    const node = el.closest('.react-flow__node') as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { glided: string[] }).glided = seen;
    const watch = () => {
      for (const a of node.getAnimations()) if (a instanceof CSSTransition && a.transitionProperty === 'transform') seen.push(getComputedStyle(node).transform);
      if (seen.length < 3) requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
  await typeCommand(page, 'kubectl label node worker-2 disktype=ssd');
  await expect(picky).toHaveAttribute('data-node-name', 'worker-2', { timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => (window as unknown as { glided: string[] }).glided.length)).toBeGreaterThanOrEqual(3);
  await page.waitForTimeout(700);
  expect(await inside(picky, graph(page).getByTestId('node-worker-2'))).toBe(true);
});

test('a headless Service says it has no cluster IP instead of printing None:port', async ({ page }) => {
  await page.goto('/?scenario=statefulset&t=20');
  const card = graph(page).getByTestId('service-default-nginx');
  await expect(card).toBeVisible({ timeout: 15_000 });
  await expect(card.getByTestId('service-headless')).toHaveText('headless: no cluster IP, DNS answers with the Pod IPs');
  await expect(card).not.toContainText('None:');
  await expect(card).toContainText('80/TCP');
});
