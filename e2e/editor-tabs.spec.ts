/**
 * The YAML pane's Delete and Diff buttons and its tabs, on the real page: Delete runs
 * `kubectl delete -f -` on the shown tab (output in the pane and the terminal, the text kept),
 * Diff shows `kubectl diff -f -` in a panel, tabs keep their own texts, are renamed and closed
 * after a confirmation, survive a reload, and the buttons act on the shown tab only. In English
 * and in Chinese.
 */
import { expect, test, type Page } from '@playwright/test';
import { ids, openPlayground, outputAfter, setEditorText, waitForMonaco } from './helpers.ts';

const app = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - port: 80
`;

const CONFIGMAP = `# 第二个文件
apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  message: "你好"
`;

// The dark theme (the colours asserted below are its palette); one screenshot is taken in light.
test.use({ colorScheme: 'dark' });

const tab = (page: Page, name: string) => page.getByTestId('editor-tab').and(page.locator(`[data-tab-name="${name}"]`));

test('Delete deletes the objects of the manifests, shows kubectl\'s lines, and keeps the text', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, app(2));
  await ids(page).apply.click();
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('deployment.apps/web created\nservice/web created\n');

  await page.getByTestId('delete-button').click();
  const output = page.getByTestId('editor-output');
  await expect(output.locator('[data-stream="stdout"]')).toHaveText(['deployment.apps "web" deleted', 'service "web" deleted']);
  expect(await outputAfter(page, 'kubectl delete -f -')).toBe('deployment.apps "web" deleted\nservice "web" deleted\n');
  await expect(ids(page).yaml).toHaveValue(app(2));
  await page.screenshot({ path: '/tmp/editor-delete.png' });

  // Again: nothing left to delete, kubectl's NotFound errors, in red.
  await page.getByTestId('delete-button').click();
  await expect(output.locator('[data-stream="stderr"]')).toHaveText([
    'Error from server (NotFound): error when deleting "STDIN": deployments.apps "web" not found',
    'Error from server (NotFound): error when deleting "STDIN": services "web" not found',
  ]);
  await expect(output.locator('[data-stream="stdout"]')).toHaveCount(0);
  await expect(output.locator('[data-stream="stderr"]').first()).toHaveCSS('color', 'rgb(255, 123, 114)');
  await expect(ids(page).yaml).toHaveValue(app(2));
  await page.screenshot({ path: '/tmp/editor-delete-notfound.png' });
  // The event log names the command, not the shell line that carries the text in the history.
  await page.getByTestId('tab-events').click();
  const log = page.getByTestId('event-log');
  await expect(log.getByText('kubectl delete -f -')).toHaveCount(2);
  await expect(log).not.toContainText('printf');
  await page.screenshot({ path: '/tmp/editor-delete-events.png' });
  await page.getByTestId('tab-terminal').click();
  // The terminal has it too.
  await ids(page).input.fill('kubectl get deploy,svc');
  await ids(page).input.press('Enter');
  expect(await outputAfter(page, 'kubectl get deploy,svc')).toContain('service/kubernetes');
  expect(await outputAfter(page, 'kubectl get deploy,svc')).not.toContain('web');
});

test('Diff shows what Apply would change, as kubectl diff prints it, coloured', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, app(2));
  await ids(page).apply.click();
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('deployment.apps/web created\nservice/web created\n');

  // Unchanged: kubectl prints nothing; the panel says so.
  await page.getByTestId('diff-button').click();
  await expect(page.getByTestId('diff-empty')).toHaveText('No differences: Apply would change nothing.');
  expect(await outputAfter(page, 'kubectl diff -f -')).toBe('');
  await page.getByTestId('diff-close').click();
  await expect(page.getByTestId('diff-panel')).toHaveCount(0);

  await setEditorText(page, app(3));
  await page.getByTestId('diff-button').click();
  const panel = page.getByTestId('diff-panel');
  await expect(panel).toHaveAttribute('data-exit-code', '1');
  const lines = panel.locator('.diff-line');
  await expect(lines.first()).toHaveText(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n$/);
  await expect(panel.locator('[data-kind="removed"]')).toContainText(['-  generation: 1', '-  replicas: 2']);
  await expect(panel.locator('[data-kind="added"]')).toContainText(['+  generation: 2', '+  replicas: 3']);
  // Only the Deployment changes: the Service's file is not in the diff.
  await expect(panel.locator('[data-kind="file"]')).toHaveCount(3);
  await expect(panel.locator('[data-kind="added"]').first()).toHaveCSS('color', 'rgb(126, 231, 135)');
  await expect(panel.locator('[data-kind="removed"]').first()).toHaveCSS('color', 'rgb(255, 161, 152)');
  // The same text in the terminal, and nothing applied.
  const printed = await outputAfter(page, 'kubectl diff -f -');
  expect(printed).toBe(`${(await lines.allTextContents()).join('')}`);
  await ids(page).input.fill('kubectl get deploy web -o yaml');
  await ids(page).input.press('Enter');
  expect(await outputAfter(page, 'kubectl get deploy web -o yaml')).toContain('  replicas: 2\n');
  await expect(ids(page).yaml).toHaveValue(app(3));
  await page.screenshot({ path: '/tmp/editor-diff.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(panel.locator('[data-kind="added"]').first()).toHaveCSS('color', 'rgb(17, 99, 41)');
  await page.screenshot({ path: '/tmp/editor-diff-light.png' });

  // Escape closes the panel.
  await page.getByTestId('diff-close').focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});

test('tabs: add, rename, switch, close after confirming; the buttons act on the shown tab', async ({ page }) => {
  await openPlayground(page);
  await waitForMonaco(page);
  await setEditorText(page, app(1));
  await expect(page.getByTestId('editor-tab')).toHaveCount(1);
  await expect(tab(page, 'manifest.yaml')).toHaveAttribute('data-active', 'true');

  await page.getByRole('button', { name: 'New tab' }).click();
  await expect(tab(page, 'manifest-2.yaml')).toHaveAttribute('data-active', 'true');
  await expect(ids(page).yaml).toHaveValue('');
  await setEditorText(page, CONFIGMAP);

  // Rename with F2 on the focused tab, in Chinese.
  await tab(page, 'manifest-2.yaml').getByTestId('editor-tab-button').focus();
  await page.keyboard.press('F2');
  const name = page.getByRole('textbox', { name: 'Tab name' });
  await expect(name).toBeFocused();
  await name.fill('问候.yaml');
  await name.press('Enter');
  await expect(tab(page, '问候.yaml')).toHaveAttribute('data-active', 'true');
  await expect(tab(page, '问候.yaml').getByTestId('editor-tab-button')).toBeFocused();

  // Apply on this tab applies only its text.
  await ids(page).apply.click();
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('configmap/greeting created\n');

  // Back to the first tab: its own text, in Monaco too.
  await tab(page, 'manifest.yaml').getByTestId('editor-tab-button').click();
  await expect(ids(page).yaml).toHaveValue(app(1));
  const editor = await waitForMonaco(page);
  await expect(editor.locator('.view-lines')).toContainText('kind: Deployment');
  await page.getByTestId('diff-button').click();
  await expect(page.getByTestId('diff-panel').locator('[data-kind="file"]').first()).toContainText('apps.v1.Deployment.default.web');
  await expect(page.getByTestId('diff-panel')).not.toContainText('ConfigMap');
  await page.screenshot({ path: '/tmp/editor-tabs.png' });

  // Renaming by double-click; Escape keeps the old name.
  await tab(page, 'manifest.yaml').getByTestId('editor-tab-button').dblclick();
  await name.fill('discarded.yaml');
  await name.press('Escape');
  await expect(tab(page, 'manifest.yaml')).toHaveCount(1);

  // Closing asks first; Cancel keeps the tab.
  await page.getByRole('button', { name: 'Close 问候.yaml' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Close “问候.yaml”? Its text will be lost.');
  await expect(page.getByTestId('editor-tab-confirm-close')).toBeFocused();
  await page.screenshot({ path: '/tmp/editor-tab-confirm.png' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('editor-tab')).toHaveCount(2);
  await page.getByRole('button', { name: 'Close 问候.yaml' }).click();
  await confirm.getByRole('button', { name: 'Close tab' }).click();
  await expect(page.getByTestId('editor-tab')).toHaveCount(1);
  await expect(ids(page).yaml).toHaveValue(app(1));
  // The last tab cannot be closed.
  await expect(page.getByTestId('editor-tab-close')).toHaveCount(0);
});

test('tabs and their texts survive a reload; work saved before tabs existed still opens', async ({ page }) => {
  // Saved work from before tabs: one text.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('kubeplay.work.v1', JSON.stringify({ editorText: '# 旧的保存\nkind: ConfigMap\n' }));
    }
  });
  await page.goto('/');
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(ids(page).yaml).toHaveValue('# 旧的保存\nkind: ConfigMap\n');
  await expect(page.getByTestId('editor-tab')).toHaveCount(1);

  await waitForMonaco(page);
  await page.getByTestId('editor-tab-add').click();
  await setEditorText(page, CONFIGMAP);
  await page.getByTestId('editor-tab-rename').click();
  await page.getByRole('textbox', { name: 'Tab name' }).fill('cm.yaml');
  await page.getByRole('textbox', { name: 'Tab name' }).press('Enter');
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('kubeplay.work.v1') ?? '{}') as { tabs?: unknown; activeTab?: unknown }), { timeout: 10_000 })
    .toMatchObject({ tabs: [{ name: 'manifest.yaml', text: '# 旧的保存\nkind: ConfigMap\n' }, { name: 'cm.yaml' }], activeTab: 1 });

  await page.reload();
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('editor-tab')).toHaveCount(2);
  await expect(tab(page, 'cm.yaml')).toHaveAttribute('data-active', 'true');
  await expect(ids(page).yaml).toHaveValue(CONFIGMAP);
  await tab(page, 'manifest.yaml').getByTestId('editor-tab-button').click();
  await expect(ids(page).yaml).toHaveValue('# 旧的保存\nkind: ConfigMap\n');
});

test('in Chinese: the buttons, tabs, confirmation and panels speak Chinese; kubectl\'s output stays as kubectl prints it', async ({ page }) => {
  await page.goto('/?empty=1&lang=zh');
  await expect(ids(page).status).toHaveAttribute('data-state', 'running');
  await expect(page.getByRole('button', { name: '应用' })).toBeVisible();
  await expect(page.getByRole('button', { name: '删除' })).toHaveAttribute('title', 'kubectl delete -f -：删除此标签页清单中列出的对象');
  await expect(page.getByRole('button', { name: '差异' })).toBeVisible();
  await setEditorText(page, app(2));
  await page.getByRole('button', { name: '差异' }).click();
  const panel = page.getByRole('region', { name: '应用会改变的内容' });
  await expect(panel.locator('[data-kind="hunk"]').first()).toHaveText(/^@@ -0,0 \+1,\d+ @@\n$/);
  await expect(panel.getByRole('button', { name: '关闭差异' })).toBeFocused();
  await page.getByRole('button', { name: '新建标签页' }).click();
  await page.getByRole('button', { name: '关闭 manifest-2.yaml' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('关闭“manifest-2.yaml”？其中的文本将会丢失。');
  await page.screenshot({ path: '/tmp/editor-zh-confirm.png' });
  await page.getByRole('button', { name: '关闭标签页' }).click();
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByTestId('editor-output').locator('[data-stream="stderr"]').first()).toHaveText(
    'Error from server (NotFound): error when deleting "STDIN": deployments.apps "web" not found',
  );
  await page.getByRole('button', { name: '差异' }).click();
  await page.screenshot({ path: '/tmp/editor-zh-diff.png' });
});

test('keyboard: every new control is reachable with Tab and shows its focus', async ({ page }) => {
  await openPlayground(page);
  await waitForMonaco(page);
  await page.getByTestId('diff-button').focus();
  await expect(page.getByTestId('diff-button')).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('delete-button')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('apply-button')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('editor-tab-button')).toBeFocused();
  await expect(page.getByTestId('editor-tab-button')).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('editor-tab-rename')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('editor-tab-add')).toBeFocused();
  await expect(page.getByTestId('editor-tab-add')).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor-tab')).toHaveCount(2);
  await page.screenshot({ path: '/tmp/editor-keyboard.png' });
});
