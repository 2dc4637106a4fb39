/** Layout: the page fits wide and narrow screens, and shows the default manifest on load. */
import { expect, test } from '@playwright/test';
import { ids, openPlayground } from './helpers.ts';

test('wide layout: editor and terminal side by side, default manifest loaded', async ({ page }) => {
  await openPlayground(page);
  const { yaml, output } = ids(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Kubeplay/);
  await expect(yaml).toHaveValue(/kind: Deployment[\s\S]*replicas: 3[\s\S]*kind: Service/);
  const editorBox = await yaml.boundingBox();
  const terminalBox = await output.boundingBox();
  expect(editorBox!.x + editorBox!.width).toBeLessThanOrEqual(terminalBox!.x);
  await page.screenshot({ path: 'test-results/page-default.png' });
});

test('narrow layout: panes stack and nothing overflows sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page);
  const { yaml, output } = ids(page);
  const editorBox = await yaml.boundingBox();
  const terminalBox = await output.boundingBox();
  expect(editorBox!.y + editorBox!.height).toBeLessThanOrEqual(terminalBox!.y);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.screenshot({ path: 'test-results/page-narrow.png', fullPage: true });
});
