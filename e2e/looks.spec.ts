/**
 * Looks: the light and dark themes (following the system until picked, the pick saved), the
 * graph's legend in English and Chinese, and the keyboard: every control reachable by Tab, with
 * a visible focus ring and an accessible name. Screenshots go to /tmp/ui-looks-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { ids, openPlayground, typeCommand } from './helpers.ts';

const html = (page: Page) => page.locator('html');
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Chinese where Kubernetes allows it (annotations, env values, commands, comments): names and label values must be ASCII. */
const CHINESE = `# 演示：带中文说明的 Deployment 和 Service
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
      labels: {app: shop, tier: frontend}
      annotations:
        example.com/description: "网上商店前端（中文说明）"
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: GREETING
              value: "你好，世界"
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
`;

test('the theme follows the system until the user picks one; the pick is saved', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openPlayground(page);
  await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe('rgb(13, 17, 23)');
  // Live: the system switches, the page follows.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(html(page)).toHaveAttribute('data-theme', 'light');
  expect(await bodyBackground(page)).toBe('rgb(246, 248, 250)');

  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveAccessibleName('Switch to the dark theme');
  await toggle.click();
  await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAccessibleName('Switch to the light theme');
  // Saved: a reload keeps the pick although the system prefers light.
  await page.reload();
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(html(page)).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => localStorage.getItem('kubeplay.theme'))).toBe('dark');
  await page.getByTestId('lang-zh').click();
  await expect(toggle).toHaveAccessibleName('切换到浅色主题');
});

test('the legend explains STATUS colours, edge styles and container marks, in English and Chinese', async ({ page }) => {
  await openPlayground(page);
  const toggle = page.getByTestId('legend-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const legend = page.getByTestId('legend');
  await expect(legend.locator('li')).toHaveText([
    'Running',
    'starting: Pending, ContainerCreating, Init:0/1',
    'failing: CrashLoopBackOff, Error, ImagePullBackOff',
    'completed: Completed',
    'Terminating',
    'Unknown',
    'endpoint ready: gets traffic',
    'endpoint not ready: no traffic',
    'endpoint terminating',
    'owner: Deployment → ReplicaSet → Pod',
    'sandboxpausepause: the sandbox that holds the Pod IP',
    'initsetupinit: runs to completion, in order',
    'sidecarproxysidecar: a restartable init container',
    'nginxapp container',
  ]);
  // Drawn with the graph's own styles: the not-ready edge is dashed, the terminating one faded.
  const dash = (cls: string) => legend.locator(`g.${cls} path`).evaluate((p) => getComputedStyle(p).strokeDasharray);
  expect(await dash('endpoint-notready')).toBe('6px, 5px');
  expect(await dash('endpoint-ready')).toBe('none');
  expect(await legend.locator('g.endpoint-terminating path').evaluate((p) => getComputedStyle(p).opacity)).toBe('0.45');

  await page.getByTestId('lang-zh').click();
  await expect(toggle).toHaveText('图例');
  await expect(legend.locator('li').nth(1)).toHaveText('启动中：Pending、ContainerCreating、Init:0/1');
  await expect(legend.locator('li').nth(6)).toHaveText('端点就绪：接收流量');
  await legend.screenshot({ path: '/tmp/ui-looks-legend-zh.png' });
});

for (const theme of ['dark', 'light'] as const) {
  for (const lang of ['en', 'zh'] as const) {
    test(`screenshot: ${theme} theme, ${lang === 'en' ? 'English' : 'Chinese'}, a manifest with Chinese text, the inspector and the legend`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`/?empty=1${lang === 'zh' ? '&lang=zh' : ''}`);
      await expect(ids(page).status).toHaveAttribute('data-state', 'running');
      if (lang === 'zh' && (await page.getByTestId('lang-zh').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('lang-zh').click();
      await expect(html(page)).toHaveAttribute('data-theme', theme);
      await ids(page).yaml.fill(CHINESE);
      await ids(page).apply.click();
      const cards = page.locator('[data-testid^="pod-default-shop-"]');
      await expect(cards.filter({ has: page.getByTestId('pod-status').getByText('Running', { exact: true }) })).toHaveCount(2, { timeout: 30_000 });
      await typeCommand(page, 'kubectl get pods -l app=shop');
      await cards.first().click();
      const inspector = page.getByTestId('inspector');
      await expect(inspector.getByTestId('inspector-annotations')).toContainText('网上商店前端（中文说明）');
      await expect(page.getByTestId('inspector-tab-overview')).toHaveText(lang === 'zh' ? '概览' : 'Overview');
      await expect(inspector.locator('.insp-h').first()).toHaveText(lang === 'zh' ? '容器' : 'Containers');
      await page.getByTestId('legend-toggle').click();
      await page.screenshot({ path: `/tmp/ui-looks-${theme}-${lang}-overview.png` });
      await page.getByTestId('inspector-tab-describe').click();
      await expect(page.getByTestId('inspector-describe')).toContainText('GREETING:  你好，世界');
      await page.screenshot({ path: `/tmp/ui-looks-${theme}-${lang}-describe.png` });
    });
  }
}

/** What a screen reader would call the focused element (the parts of accname the page uses). */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const byIds = (ids: string | null) => (ids ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
    const labelled = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    const name =
      el.getAttribute('aria-label') ||
      byIds(el.getAttribute('aria-labelledby')) ||
      labelled ||
      el.closest('label')?.textContent ||
      el.getAttribute('title') ||
      el.textContent ||
      '';
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { testId: el.dataset['testid'] ?? el.getAttribute('class') ?? el.tagName, tag: el.tagName, name: name.trim(), ring, monaco: !!el.closest('.monaco-editor') };
  });
}

test('keyboard: Tab reaches every control with a visible focus ring and an accessible name', async ({ page }) => {
  await openPlayground(page);
  const seen: { testId: string; name: string; ring: boolean }[] = [];
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;
    // Monaco keeps Tab for indentation (its own Ctrl+M lets it go): the walk resumes after the editor.
    if (f.monaco) break;
    seen.push(f);
  }
  // From the terminal on: its prompt, the node picker and the console tabs.
  await ids(page).input.fill('');
  await ids(page).input.focus();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Shift+Tab');
    const f = await focused(page);
    if (f) seen.push(f);
  }
  const reached = new Set(seen.map((s) => s.testId));
  for (const id of ['gallery-button', 'lang-en', 'lang-zh', 'theme-toggle', 'timeline-play', 'timeline-speed', 'graph-namespace', 'show-owners', 'show-system-pods', 'legend-toggle', 'terminal-node', 'tab-terminal']) {
    expect(reached, `Tab reaches ${id}`).toContain(id);
  }
  const unnamed = seen.filter((s) => s.name === '');
  expect(unnamed, 'every focused control has an accessible name').toEqual([]);
  const ringless = seen.filter((s) => !s.ring);
  expect(ringless, 'every focused control shows a focus ring').toEqual([]);

  // The terminal prompt is named and shows its ring too.
  await ids(page).input.focus();
  const prompt = await focused(page);
  expect(prompt).toMatchObject({ testId: 'terminal-input', name: 'Command line', ring: true });
  await page.getByTestId('theme-toggle').focus();
  await page.getByTestId('theme-toggle').screenshot({ path: '/tmp/ui-looks-focus.png' });
});
