/**
 * Time travel on the page: pause, step, scrub back to a marked moment and forward again and see
 * the same cluster; acting in the past forks the history and says so.
 */
import { expect, test, type Page } from '@playwright/test';
import { ids, openPlayground, outputAfter, typeCommand } from './helpers.ts';

/** What the graph shows of the default namespace's pods: each card's text, sorted. */
async function podCards(page: Page): Promise<string[]> {
  const cards = page.locator('[data-testid^="pod-default-"]');
  return (await cards.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort();
}

test('scrubbing back and forth shows identical states, and a change in the past forks', async ({ page }) => {
  await openPlayground(page);
  await page.getByTestId('timeline-speed').selectOption('10');
  await ids(page).apply.click();
  await expect(page.locator('[data-testid^="pod-default-"]', { hasText: 'Running' })).toHaveCount(3, { timeout: 30_000 });

  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
  const endTime = await page.getByTestId('timeline-time').innerText();
  const atEnd = await podCards(page);
  expect(atEnd).toHaveLength(3);
  await expect(page.getByTestId('timeline-mode')).toHaveText('LIVE');

  // Back to the moment the first nginx pod was scheduled: a marked event in the log.
  await page.getByTestId('tab-events').click();
  await page.getByTestId('event-log-filter').fill('Successfully assigned default/nginx');
  const scheduled = page.locator('.event-row').first();
  await expect(scheduled).toContainText('Scheduled');
  await scheduled.locator('button').click();
  await expect(page.getByTestId('timeline-mode')).toHaveText('REPLAY');
  await expect(page.getByTestId('timeline-time')).not.toHaveText(endTime);
  await expect.poll(async () => (await podCards(page)).filter((t) => t.includes('Running')).length).toBeLessThan(3);
  const atScheduled = await podCards(page);

  // Forward to the end of the history: the same cards, names, IPs and states as before.
  await page.getByTestId('timeline-scrubber').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('timeline-mode')).toHaveText('LIVE');
  await expect(page.getByTestId('timeline-time')).toHaveText(endTime);
  await expect.poll(() => podCards(page)).toEqual(atEnd);

  // And back again: the same moment, rebuilt from the seed and the inputs, looks the same.
  await scheduled.locator('button').click();
  await expect(page.getByTestId('timeline-mode')).toHaveText('REPLAY');
  await expect.poll(() => podCards(page)).toEqual(atScheduled);

  // Looking is not changing: a `get` in the past keeps the recorded future.
  await page.getByTestId('tab-terminal').click();
  await typeCommand(page, 'kubectl get deployments');
  expect(await outputAfter(page, 'kubectl get deployments')).toContain('nginx');
  await expect(page.getByTestId('timeline-mode')).toHaveText('REPLAY');
  await expect(page.getByTestId('timeline-notice')).toHaveCount(0);

  // A change in the past forks: the page says so and the past becomes the live end.
  await typeCommand(page, 'kubectl scale deployment nginx --replicas=1');
  expect(await outputAfter(page, 'kubectl scale deployment nginx --replicas=1')).toContain('deployment.apps/nginx scaled');
  await expect(page.getByTestId('timeline-notice')).toContainText('in the past');
  await expect(page.getByTestId('timeline-mode')).toHaveText('LIVE');
  await page.screenshot({ path: 'test-results/timeline-forked.png' });
});

test('step runs to the next marked event and pauses there', async ({ page }) => {
  await openPlayground(page);
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
  await ids(page).apply.click();
  await page.getByTestId('tab-events').click();
  const rows = page.locator('.event-row');
  await expect(page.locator('.event-row', { hasText: 'kubectl apply -f -' })).toHaveCount(1);
  const count = await rows.count();

  await page.getByTestId('timeline-step').click();
  await expect.poll(() => rows.count()).toBeGreaterThan(count);
  // Paused exactly at the new event: its time is the clock's time.
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
  const now = (await page.getByTestId('timeline-time').innerText()).split(' / ')[0];
  await expect(rows.last().locator('.event-time')).toHaveText(now!);
});
