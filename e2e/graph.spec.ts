/**
 * The cluster graph: Apply the default manifest (an nginx Deployment with 3 replicas and its
 * Service) and watch three Pods come up inside the worker nodes, each an endpoint of the Service.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ids, openPlayground, outputAfter, typeCommand } from './helpers.ts';

/** nginx 1.27's index.html, as curl prints it. */
const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

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

  // A NodePort Service: kubectl's PORT(S) column says 80:<nodePort>/TCP; the card shows the same
  // port under its ClusterIP:port/TCP (the card's format, nodes.tsx: `<clusterIP>:<port>/<protocol>`,
  // then `NodePort <nodePort>` on the next line).
  const { output } = ids(page);
  await typeCommand(page, 'kubectl expose deployment nginx --type=NodePort --name=nginx-np --port=80');
  expect(await outputAfter(page, 'kubectl expose deployment nginx --type=NodePort --name=nginx-np --port=80')).toBe('service/nginx-np exposed\n');
  await typeCommand(page, 'kubectl get svc nginx-np');
  const table = (await outputAfter(page, 'kubectl get svc nginx-np')).split('\n');
  expect(table[0]).toMatch(/^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/);
  const row = /^nginx-np +NodePort +(10\.\d+\.\d+\.\d+) +<none> +80:(3\d{4})\/TCP +\d+s$/.exec(table[1] ?? '');
  expect(row, table.join('\n')).not.toBeNull();
  const [, npClusterIP, nodePort] = row!;
  const npCard = graph(page).getByTestId('service-default-nginx-np');
  await expect(npCard.locator('.badge-role')).toHaveText('NodePort');
  await expect(npCard.locator('.svc-port')).toHaveText(`${npClusterIP}:80/TCP NodePort ${nodePort}`);
  await expect(npCard.locator('.svc-nodeport')).toHaveText(` NodePort ${nodePort}`);
  await expect(npCard).toContainText('3/3');
  // Readable, not cut off by an ellipsis: the NodePort has its own line, and the card grew for it.
  for (const el of [npCard.locator('.svc-port'), npCard.locator('.svc-nodeport')]) {
    expect(await el.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  }
  expect(await inside(npCard.locator('.svc-endpoints'), npCard)).toBe(true);
  await npCard.screenshot({ path: 'test-results/graph-nodeport.png' });

  // nslookup in a Pod: busybox 1.36's resolver walks the search list (the Service's name, then NXDOMAIN
  // for the others, for A and AAAA) and exits 1; kubectl exec says so.
  const nginxIP = /(10\.\d+\.\d+\.\d+):80\/TCP/.exec((await service.textContent()) ?? '')![1]!;
  await typeCommand(page, 'kubectl run dns --image=busybox:1.36 --restart=Never -- sleep 3600');
  expect(await outputAfter(page, 'kubectl run dns --image=busybox:1.36 --restart=Never -- sleep 3600')).toBe('pod/dns created\n');
  await expect(graph(page).getByTestId('pod-default-dns')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await typeCommand(page, 'kubectl exec dns -- nslookup nginx');
  const nxdomain = "** server can't find nginx.svc.cluster.local: NXDOMAIN\n\n** server can't find nginx.cluster.local: NXDOMAIN\n\n";
  expect(await outputAfter(page, 'kubectl exec dns -- nslookup nginx')).toBe(
    `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tnginx.default.svc.cluster.local\nAddress: ${nginxIP}\n\n${nxdomain}\n${nxdomain}command terminated with exit code 1\n`,
  );

  // curl in a node's shell: from worker-1 to the nginx Service's ClusterIP and to the NodePort on the
  // node's own address (by now kube-proxy has synced the new Service: it waits up to its 1 s
  // minSyncPeriod after a burst of changes), nginx's page printed exactly as curl prints it, as text.
  await typeCommand(page, 'kubectl get node worker-1 -o jsonpath={.status.addresses[0].address}');
  // jsonpath prints no newline; the terminal ends the line before the next prompt.
  const address = await outputAfter(page, 'kubectl get node worker-1 -o jsonpath={.status.addresses[0].address}');
  expect(address).toMatch(/^\d+\.\d+\.\d+\.\d+\n$/);
  const workerIP = address.trim();
  await page.getByTestId('terminal-node').selectOption('worker-1');
  for (const url of [`http://${nginxIP}`, `http://${workerIP}:${nodePort}`]) {
    await typeCommand(page, `curl -s ${url}`);
    expect(await outputAfter(page, `curl -s ${url}`, 'root@worker-1:~#'), url).toBe(NGINX_INDEX);
  }
  await expect(output.locator('h1, title, a')).toHaveCount(0);
  await page.getByTestId('terminal-output').screenshot({ path: 'test-results/graph-terminal-curl.png' });
  await page.getByTestId('terminal-node').selectOption('');

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
