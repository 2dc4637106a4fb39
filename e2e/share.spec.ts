/**
 * Share links, saved work and recovery, as a user meets them: a link opened in a fresh browser
 * reproduces the same history (pod names, IPs, load-balancing picks); broken links say what is
 * wrong and lose nothing; work survives a reload and a killed worker.
 */
import { expect, test, type Page } from '@playwright/test';
import { ids, outputAfter, setEditorText, typeCommand } from './helpers.ts';

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
}

/** Pod cards (names, IPs, states) and the load-balancing picks in the event log, as text. */
async function observable(page: Page): Promise<{ pods: string[]; picks: string[] }> {
  const pods = (await page.locator('[data-testid^="pod-default-"]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort();
  await page.getByTestId('tab-events').click();
  await page.getByTestId('event-log-filter').fill('LoadBalance');
  const picks = await page.locator('.event-row').allInnerTexts();
  await page.getByTestId('tab-terminal').click();
  return { pods, picks };
}

test('a share link opened in a fresh browser reproduces the same history', async ({ page, browser }) => {
  await open(page, '/?scenario=service-load-balancing&t=45&autoplay=0');
  // Make the history our own: a pod deleted while the client's traffic goes on, then time runs on.
  const pod = (await outputAfterCommand(page, 'kubectl get pods -l app=whoami -o name')).split('\n')[0]!.replace('pod/', '');
  await typeCommand(page, `kubectl delete pod ${pod} --wait=false`);
  expect(await outputAfter(page, `kubectl delete pod ${pod} --wait=false`)).toBe(`pod "${pod}" deleted\n`);
  await expect(page.getByTestId('timeline-mode')).toHaveText('LIVE');
  await page.getByTestId('timeline-speed').selectOption('10');
  await page.getByTestId('timeline-play').click();
  await expect.poll(async () => (await page.getByTestId('timeline-time').innerText()) >= '1:20', { timeout: 30_000 }).toBe(true);
  await page.getByTestId('timeline-play').click();
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-label', 'Play');
  const here = await observable(page);
  expect(here.picks.length).toBeGreaterThan(5);
  const time = await page.getByTestId('timeline-time').innerText();

  // The selection travels with the link: the inspector opens on the same Pod.
  const card = page.locator('[data-testid^="pod-default-whoami-"]').first();
  const selected = ((await card.getAttribute('data-testid')) ?? '').replace('pod-default-', '');
  await card.click();
  await expect(page.getByTestId('inspector-title')).toContainText(selected);

  await page.getByTestId('share-button').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#s1\.[A-Za-z0-9_-]+$/);

  const other = await browser.newContext();
  const there = await other.newPage();
  await open(there, url);
  await expect(there.getByTestId('timeline-time')).toHaveText(time);
  await expect.poll(() => observable(there)).toEqual(here);
  await expect(there.getByTestId('inspector-title')).toContainText(selected);
  await other.close();
});

test('a broken, future or oversized link says what is wrong and keeps the saved work', async ({ page }) => {
  await open(page, '/');
  const text = '# 我的工作：保存在浏览器里\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\ndata:\n  k: v\n';
  await setEditorText(page, text);
  await ids(page).apply.click();
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('configmap/mine created\n');
  await page.waitForTimeout(2_500); // one save period

  for (const [fragment, message] of [
    ['#s1.AAAA', 'damaged'],
    ['#s1.not*base64', 'not valid base64url'],
    ['#s9.AAAA', 'unknown link version s9'],
    [`#s1.${'A'.repeat(300_000)}`, 'too long'],
  ] as const) {
    await open(page, `/${fragment}`);
    await expect(page.getByTestId('open-error')).toContainText('This share link cannot be opened');
    await expect(page.getByTestId('open-error')).toContainText(message);
    await expect(page.getByTestId('open-error')).toContainText('Your saved work is untouched');
  }

  // The saved work is still there: the same editor text and the ConfigMap, after a reload.
  await open(page, '/');
  await expect(page.getByTestId('open-error')).toHaveCount(0);
  await expect(page.getByTestId('yaml-editor')).toContainText('我的工作：保存在浏览器里');
  await typeCommand(page, 'kubectl get configmap mine');
  expect(await outputAfter(page, 'kubectl get configmap mine')).toMatch(/^NAME {3}DATA {3}AGE\nmine {3}1 {6}\d+s\n$/);
});

test('corrupt saved work gives a warning and the page works on', async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('kubeplay.work.v1', '{"scenario": {"version": 1, "tit'));
  await open(page, '/');
  await expect(page.getByTestId('storage-warning')).toContainText('damaged');
  await typeCommand(page, 'kubectl get nodes');
  expect(await outputAfter(page, 'kubectl get nodes')).toContain('control-plane');
});

test('a killed worker is reported, and Restore brings the history back with the editor text', async ({ page }) => {
  await open(page, '/?faults=1');
  await setEditorText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: survivor\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
  await ids(page).apply.click();
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('pod/survivor created\n');
  await page.waitForTimeout(2_500); // one save period
  await page.evaluate(() => (window as unknown as { kubeplayFaults: { killWorker(): void } }).kubeplayFaults.killWorker());
  await expect(page.getByTestId('fatal-banner')).toContainText('the simulation worker was killed');
  await expect(page.getByTestId('yaml-editor')).toContainText('survivor');

  await page.getByTestId('restore-button').click();
  await expect(page.getByTestId('fatal-banner')).toHaveCount(0);
  await expect(ids(page).output).toContainText('Restored the history up to');
  await expect(page.locator('[data-testid^="pod-default-survivor"]')).toHaveCount(1);
  await typeCommand(page, 'kubectl get pod survivor -o name');
  expect(await outputAfter(page, 'kubectl get pod survivor -o name')).toBe('pod/survivor\n');
});

async function outputAfterCommand(page: Page, line: string): Promise<string> {
  await typeCommand(page, line);
  return outputAfter(page, line);
}
