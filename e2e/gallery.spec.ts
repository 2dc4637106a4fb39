/**
 * The gallery dialog. Each lesson's teaching point is checked on the page by the demo suite
 * (e2e/demos/lessons.spec.ts), which walks through every lesson; here, opening a lesson from
 * the dialog and from the URL (`?scenario=<id>&t=<seconds>&autoplay=0`).
 */
import { expect, test } from '@playwright/test';
import { GALLERY } from '../src/scenarios/gallery.ts';
import { ids, outputAfter, typeCommand } from './helpers.ts';

test('the gallery dialog lists every lesson and opens one from the start', async ({ page }) => {
  await page.goto('/');
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await page.getByTestId('gallery-button').click();
  const dialog = page.getByTestId('gallery');
  for (const entry of GALLERY) await expect(dialog).toContainText(entry.title.en);
  await page.getByTestId('lang-zh').first().click();
  await expect(dialog).toContainText(GALLERY[0]!.title.zh);
  await page.screenshot({ path: 'test-results/gallery-zh.png' });
  await page.getByTestId(`gallery-open-${GALLERY[1]!.id}`).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('lesson-title')).toHaveText(GALLERY[1]!.title.zh);
  // The page is in Chinese now: the button's accessible name too.
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', '暂停');
});

test('a lesson opened by URL at a moment shows that moment, paused', async ({ page }) => {
  const lesson = GALLERY.find((e) => e.id === 'deployment-heals')!;
  await page.goto(`/?scenario=${lesson.id}&t=${lesson.check.t}&autoplay=0`);
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
  await expect(page.getByTestId('timeline-time')).toContainText(`${Math.floor(lesson.check.t / 60)}:${String(lesson.check.t % 60).padStart(2, '0')} /`);
  await typeCommand(page, lesson.check.command);
  expect(await outputAfter(page, lesson.check.command)).toContain(lesson.check.expect);
});
