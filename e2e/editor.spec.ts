/**
 * The Monaco YAML pane: lazy takeover from the textarea, typing (Chinese included) and applying
 * with Ctrl/Cmd+Enter, kubectl's errors as markers on their lines, the Kubernetes schema's
 * validation and hover, completion, and all of it under a CSP without remote origins or eval.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ids, openPlayground, outputAfter, setEditorText, waitForMonaco } from './helpers.ts';

const MANIFEST = `# 中文注释：一个 Pod 和一个 ConfigMap
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: nginx # 容器
      image: nginx:1.27
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  message: "你好，Kubernetes"
`;

/** Line 10 is `    labels: [oops`: go-yaml reports line 5 of the second document. */
const BROKEN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
---
apiVersion: v1
kind: Pod
metadata:
  name: broken
    labels: [oops
`;

const THREE_REPLICAS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "three"
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - { name: web, image: nginx:1.27 }
`;

/** The vertical centres of the line numbers Monaco has rendered, by line. */
async function lineCentres(editor: Locator): Promise<Map<number, number>> {
  const centres = new Map<number, number>();
  for (const cell of await editor.locator('.margin-view-overlays .line-numbers').all()) {
    const box = await cell.boundingBox();
    const line = Number(await cell.textContent());
    if (box && line > 0) centres.set(line, box.y + box.height / 2);
  }
  return centres;
}

/** The rendered lines that carry a squiggle of `severity`. */
async function squiggleLines(editor: Locator, severity: 'error' | 'warning'): Promise<number[]> {
  const centres = await lineCentres(editor);
  const lines = new Set<number>();
  for (const squiggle of await editor.locator(`.view-overlays .squiggly-${severity}`).all()) {
    const box = await squiggle.boundingBox();
    if (!box) continue;
    for (const [line, y] of centres) if (Math.abs(box.y + box.height / 2 - y) < 4) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Hovers the first squiggle on `line` and returns the hover's text. */
async function hoverSquiggle(page: Page, editor: Locator, line: number, severity: 'error' | 'warning'): Promise<string> {
  const y = (await lineCentres(editor)).get(line);
  if (y === undefined) throw new Error(`line ${line} is not on screen`);
  for (const squiggle of await editor.locator(`.view-overlays .squiggly-${severity}`).all()) {
    const box = await squiggle.boundingBox();
    if (!box || Math.abs(box.y + box.height / 2 - y) >= 4) continue;
    await page.mouse.move(box.x + Math.min(box.width / 2, 20), y);
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await expect(hover).toBeVisible();
    return (await hover.textContent()) ?? '';
  }
  throw new Error(`no ${severity} squiggle on line ${line}`);
}

test('Monaco takes over the pane with the same text', async ({ page }) => {
  await openPlayground(page);
  const before = await ids(page).yaml.inputValue();
  const editor = await waitForMonaco(page);
  await expect(editor).toBeVisible();
  await expect(editor.locator('.view-lines')).toContainText('kind: Deployment');
  // The store (mirrored by the textarea under Monaco) still holds the same text.
  await expect(ids(page).yaml).toHaveValue(before);
  // Monaco's own tokenizer is on: YAML keys are coloured.
  await expect(editor.locator('.view-lines .mtk1').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/editor-default.png' });
});

test('typing a manifest with Chinese comments and applying it with Ctrl+Enter', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, MANIFEST);
  await expect(ids(page).yaml).toHaveValue(MANIFEST);
  const editor = await waitForMonaco(page);
  await expect(editor.locator('.view-lines')).toContainText('你好，Kubernetes');
  await page.keyboard.press('ControlOrMeta+Home');
  await expect(editor.locator('.view-lines')).toContainText('# 中文注释：一个 Pod 和一个 ConfigMap');
  await expect(editor.locator('.view-lines')).toContainText('- name: nginx # 容器');

  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(ids(page).output).toContainText('$ kubectl apply -f -');
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('pod/web created\nconfigmap/greeting created\n');
  await expect(page.getByTestId('apply-problems')).toHaveCount(0);
  await expect(ids(page).yaml).toHaveValue(MANIFEST);
  await page.screenshot({ path: '/tmp/editor-chinese.png' });

  // Editing Chinese text in place: the cursor moves by characters, not bytes.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText('！世界');
  await expect(ids(page).yaml).toHaveValue(MANIFEST.replace('你好，Kubernetes"', '你好，Kubernetes！世界"'));
});

test('invalid YAML: the error with its line, the text kept, a marker on that line', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, BROKEN);
  await ids(page).apply.click();

  // The first document goes through; the stream stops at the broken one.
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe(
    'configmap/fine created\nerror: error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n',
  );
  const problem = page.getByTestId('apply-problems').locator('li');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-line', '10');
  await expect(problem).toHaveText('Line 10 yaml: line 5: mapping values are not allowed in this context');
  await expect(ids(page).yaml).toHaveValue(BROKEN);

  const editor = await waitForMonaco(page);
  await expect.poll(() => squiggleLines(editor, 'error')).toContain(10);
  const hover = await hoverSquiggle(page, editor, 10, 'error');
  expect(hover).toContain('yaml: line 5: mapping values are not allowed in this context');
  expect(hover).toContain('kubectl apply');
  await page.screenshot({ path: '/tmp/editor-yaml-error.png' });

  // "Line 10" in the list takes the cursor there.
  await page.keyboard.press('ControlOrMeta+Home');
  await problem.getByRole('button', { name: 'Line 10' }).click();
  await expect(editor.locator('.line-numbers.active-line-number')).toHaveText('10');
});

test('schema: replicas: "three" is flagged while typing, explained on hover, and kubectl rejects it on its line', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, THREE_REPLICAS);
  await page.keyboard.press('ControlOrMeta+Home');
  const editor = await waitForMonaco(page);

  // monaco-yaml's worker validates against the Kubernetes schema (DeploymentSpec.replicas: number);
  // yaml-language-server reports schema problems as warnings.
  await expect.poll(() => squiggleLines(editor, 'warning'), { timeout: 15_000 }).toEqual([6]);
  const hover = await hoverSquiggle(page, editor, 6, 'warning');
  expect(hover).toContain('Incorrect type. Expected "number"');
  expect(hover).toContain('Number of desired pods');
  await page.screenshot({ path: '/tmp/editor-schema-error.png' });

  await page.mouse.move(10, 10);
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(await outputAfter(page, 'kubectl apply -f -')).toContain('cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  await expect(page.getByTestId('apply-problems').locator('li')).toHaveAttribute('data-line', '6');
});

test('completion offers the fields of the kind', async ({ page }) => {
  await openPlayground(page);
  await setEditorText(page, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  ');
  await page.keyboard.insertText('contai');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget .monaco-list-row');
  await expect(suggest.filter({ hasText: /^containers/ }).first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: '/tmp/editor-completion.png' });
});

test('works under a CSP without remote origins and without unsafe-eval', async ({ page }) => {
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ');
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (route.request().resourceType() === 'document' || route.request().resourceType() === 'script') headers['content-security-policy'] = CSP;
    await route.fulfill({ response, headers });
  });

  await openPlayground(page);
  await setEditorText(page, THREE_REPLICAS);
  await page.keyboard.press('ControlOrMeta+Home');
  const editor = await waitForMonaco(page);
  await expect.poll(() => squiggleLines(editor, 'warning'), { timeout: 15_000 }).toEqual([6]);
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test('text typed before Monaco arrives is kept when it takes over', async ({ page }) => {
  // Hold the Monaco chunk back until the textarea has been edited.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/monacoYaml-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await openPlayground(page);
  await expect(page.getByTestId('editor-pane')).toHaveAttribute('data-editor', 'loading');
  const typed = '# 先写在文本框里\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: early\n';
  await ids(page).yaml.fill(typed);
  await ids(page).yaml.press('End');
  release();

  const editor = await waitForMonaco(page);
  await expect(editor.locator('.view-lines')).toContainText('# 先写在文本框里');
  await expect(editor.locator('.view-lines')).toContainText('name: early');
  await expect(ids(page).yaml).toHaveValue(typed);
  // The focus moved into Monaco with the cursor: typing goes on where it was.
  await page.keyboard.insertText('x');
  await expect(ids(page).yaml).toHaveValue(typed + 'x');
});

test('if Monaco fails to load, the textarea stays the editor', async ({ page }) => {
  await page.route('**/assets/monacoYaml-*.js', (route) => route.abort());
  await openPlayground(page);
  await expect(page.getByTestId('editor-pane')).toHaveAttribute('data-editor', 'failed');
  const { yaml, apply } = ids(page);
  await expect(yaml).toBeVisible();
  await yaml.fill(BROKEN);
  await apply.click();
  await expect(page.getByTestId('apply-problems').locator('li')).toHaveAttribute('data-line', '10');
  await expect(yaml).toHaveValue(BROKEN);
  await yaml.fill(MANIFEST);
  await yaml.press('ControlOrMeta+Enter');
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('pod/web created\nconfigmap/greeting created\n');
});
