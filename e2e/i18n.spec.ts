/**
 * The page's own words follow the browser's language (Chinese for a zh-CN browser) and the
 * EN / 中文 switch; Kubernetes' words and kubectl's output stay as a real cluster prints them.
 */
import { expect, test } from '@playwright/test';
import { ids, outputAfter, typeCommand } from './helpers.ts';

test.use({ locale: 'zh-CN' });

test('a Chinese browser gets the page in Chinese, and EN switches it back', async ({ page }) => {
  await page.goto('/');
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('gallery-button')).toHaveText('场景库');
  await expect(page.getByTestId('tab-events')).toHaveText('事件');
  await expect(ids(page).status).toContainText('3 个节点');
  await expect(page.getByTestId('lesson-title')).toHaveText('欢迎使用 Kubeplay');
  await expect(page.getByTestId('timeline-mode')).toHaveText('实时');
  // kubectl speaks as on a real cluster, whatever the page's language.
  await typeCommand(page, 'kubectl get deployment nginx');
  expect(await outputAfter(page, 'kubectl get deployment nginx')).toMatch(/^NAME {4}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\n/);
  await page.screenshot({ path: 'test-results/page-zh.png' });

  await page.getByTestId('lang-en').first().click();
  await expect(page.getByTestId('gallery-button')).toHaveText('Gallery');
  await expect(page.getByTestId('timeline-mode')).toHaveText('LIVE');
  await expect(page.getByTestId('lesson-title')).toHaveText('Welcome to Kubeplay');
});
