/** The terminal's own behaviour: history, clear, and output rendered as text, never as HTML. */
import { expect, test } from '@playwright/test';
import { ids, openPlayground, streamEntries, typeCommand } from './helpers.ts';

test('arrow keys walk the command history', async ({ page }) => {
  await openPlayground(page);
  const { input } = ids(page);
  await typeCommand(page, 'kubectl get nodes');
  await typeCommand(page, 'kubectl get pods -A');

  await input.fill('kubectl ver');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get pods -A');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get nodes');
  await input.press('ArrowDown');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('kubectl ver');
});

test('markup typed at the prompt is shown as text', async ({ page }) => {
  await openPlayground(page);
  await typeCommand(page, 'echo <img src=x onerror=alert(1)><b>bold</b>');
  await expect(streamEntries(ids(page).output, 'command').last()).toHaveText(
    '$ echo <img src=x onerror=alert(1)><b>bold</b>',
  );
  await expect(ids(page).output.locator('img, b')).toHaveCount(0);
});

test('clear empties the scrollback', async ({ page }) => {
  await openPlayground(page);
  await typeCommand(page, 'kubectl get nodes');
  await expect(streamEntries(ids(page).output, 'command')).toHaveCount(1);
  await typeCommand(page, 'clear');
  await expect(ids(page).output.locator('[data-stream]')).toHaveCount(0);
});
