/** The terminal's own behaviour: history, clear, and output rendered as text, never as HTML. */
import { expect, test } from '@playwright/test';
import { ids, openPlayground, outputAfter, streamEntries, typeCommand } from './helpers.ts';

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

/** A two-replica Deployment, applied from the YAML pane's plain text area. */
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

async function webPodNames(page: import('@playwright/test').Page): Promise<string[]> {
  await page.getByTestId('yaml-input').fill(WEB);
  await page.getByTestId('apply-button').click();
  const cards = page.locator('[data-testid^="pod-default-web-"]');
  await expect(cards).toHaveCount(2);
  const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace('pod-default-', '')).sort();
}

test('Tab completes kubectl verbs, resource types and names from the live cluster; a second Tab lists the candidates', async ({ page }) => {
  await openPlayground(page);
  const { input, output } = ids(page);
  const pods = await webPodNames(page);

  await input.fill('kubectl descr');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl describe ');
  await expect(input).toBeFocused();

  // Several types: the common prefix, then the list below the prompt (as bash prints it).
  await input.fill('kubectl get po');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl get pod');
  await input.press('Tab');
  await expect(output.locator('[data-stream="completion"]').last()).toHaveText('pods                         poddisruptionbudgets.policy\n');
  await expect(streamEntries(output, 'command').last()).toHaveText('$ kubectl get pod');
  await expect(input).toHaveValue('kubectl get pod');

  // Names from the cluster: both pods share `web-<hash>-`.
  await input.fill('kubectl get pods we');
  await input.press('Tab');
  const shared = pods[0]!.slice(0, pods[0]!.lastIndexOf('-') + 1);
  await expect(input).toHaveValue(`kubectl get pods ${shared}`);
  await input.press('Tab');
  await expect(output.locator('[data-stream="completion"]').last()).toHaveText(new RegExp(`^${pods[0]}\\s+${pods[1]}\\n$`));

  // One candidate: the whole name and a space; Enter runs it.
  await input.fill(`kubectl describe pod ${pods[1]!.slice(0, -1)}`);
  await input.press('Tab');
  await expect(input).toHaveValue(`kubectl describe pod ${pods[1]} `);
  await input.press('Enter');
  expect(await outputAfter(page, `kubectl describe pod ${pods[1]}`)).toMatch(new RegExp(`^Name:\\s+${pods[1]}\\nNamespace:\\s+default\\n`));

  // -n picks the namespace the names come from.
  await input.fill('kubectl -n kube-system get pods kube-sch');
  await input.press('Tab');
  await expect(input).toHaveValue('kubectl -n kube-system get pods kube-scheduler-control-plane ');

  // Tab on an empty line moves the focus on, as everywhere else on the page.
  await input.fill('');
  await input.press('Tab');
  await expect(input).not.toBeFocused();
  await page.screenshot({ path: '/tmp/ui-terminal-completion.png' });
});

test('the node picker runs the shell on another node, shown in the prompt and in each echo', async ({ page }) => {
  await openPlayground(page);
  const { input, output } = ids(page);
  const prompt = page.getByTestId('terminal-prompt');
  await expect(prompt).toHaveText('$');
  const picker = page.getByTestId('terminal-node');
  await expect(picker.locator('option')).toHaveText(['root@control-plane', 'root@worker-1', 'root@worker-2']);

  await picker.selectOption('worker-1');
  await expect(prompt).toHaveText('root@worker-1:~#');
  await typeCommand(page, 'hostname');
  await expect(streamEntries(output, 'command').last()).toHaveText('root@worker-1:~# hostname');
  await expect(streamEntries(output, 'stdout').last()).toHaveText('worker-1\n');
  // kube-proxy's rules on this node: the kubernetes Service's chain is there.
  await typeCommand(page, 'iptables-save -t nat | grep -c KUBE-SVC-NPX46M4PTMTKRN6Y');
  await expect(streamEntries(output, 'stdout').last()).toHaveText(/^[1-9]\d*\n$/);

  await picker.selectOption('');
  await expect(prompt).toHaveText('$');
  await typeCommand(page, 'hostname');
  expect(await outputAfter(page, 'hostname')).toBe('control-plane\n');
  await expect(input).toHaveAttribute('aria-label', 'Command line');
  await page.screenshot({ path: '/tmp/ui-terminal-node.png' });
});
