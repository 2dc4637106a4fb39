/**
 * The demo suite: each gallery lesson walked through as a presenter would, with a numbered
 * screenshot per step in `demo-output/<lesson>/`, and the lesson's teaching point checked on the
 * page on the way. `npm run demo` runs only these; `npm test` runs them with the rest.
 *
 * Writing your own: see README ("Writing a demo"). Everything here goes through the page's
 * data-testids and URL parameters, never through the app's internals.
 */
import { expect, test, type Page } from '@playwright/test';
import { GALLERY } from '../../src/scenarios/gallery.ts';
import { ids, outputAfter, typeCommand } from '../helpers.ts';

const OUT = 'demo-output';

/** `m:ss` as the timeline prints it. */
function clock(t: number): string {
  return `${Math.floor(t / 60)}:${String(Math.floor(t % 60)).padStart(2, '0')}`;
}

/** Runs the clock at `speed` until the timeline shows `t` or later, then pauses. */
async function playUntil(page: Page, t: number, speed: string): Promise<void> {
  await page.getByTestId('timeline-speed').selectOption(speed);
  await page.getByTestId('timeline-play').click();
  await expect
    .poll(async () => {
      const [now] = (await page.getByTestId('timeline-time').innerText()).split(' / ');
      const [m, s] = now!.split(':').map(Number);
      return m! * 60 + s!;
    }, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(Math.floor(t));
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
}

/** Goes to an exact moment through the timeline's go-to box. */
async function goTo(page: Page, t: number): Promise<void> {
  await page.getByTestId('timeline-goto').fill(String(t));
  await page.getByTestId('timeline-goto').press('Enter');
  await expect(page.getByTestId('timeline-time')).toContainText(`${clock(t)} /`);
}

for (const [index, lesson] of GALLERY.entries()) {
  test(`demo ${String(index + 1).padStart(2, '0')}: ${lesson.id}`, async ({ page }) => {
    let step = 0;
    const shot = (name: string) => page.screenshot({ path: `${OUT}/${String(index + 1).padStart(2, '0')}-${lesson.id}/${String(++step).padStart(2, '0')}-${name}.png` });

    // 1. The lesson opens paused at its start, with its explanation.
    await page.goto(`/?scenario=${lesson.id}&autoplay=0`);
    await expect(ids(page).status).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('lesson-title')).toHaveText(lesson.title.en);
    await shot('open');

    // 2. Time runs (fast) to half-way through the lesson.
    const { t, command, expect: expected } = lesson.check;
    await playUntil(page, t / 2, t > 120 ? '100' : '10');
    await shot('half-way');

    // 3. At the lesson's moment, the command that shows its point.
    await goTo(page, t);
    await typeCommand(page, command);
    expect(await outputAfter(page, command)).toContain(expected);
    await shot('teaching-point');

    // 4. What happened, as the event log tells it; and the lesson in Chinese.
    await page.getByTestId('tab-events').click();
    await expect(page.locator('.event-row').first()).toBeVisible();
    await page.getByTestId('lang-zh').first().click();
    await expect(page.getByTestId('lesson-text')).toHaveText(lesson.explanation.zh);
    await shot('events-zh');
  });
}
