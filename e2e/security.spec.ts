/**
 * Untrusted content and the page's boundaries (issue 9, "Reliability and security"):
 * (a) every request the page (and its workers) makes goes to the page's own origin;
 * (b) names, annotations, comments, logs and images containing HTML are shown as text: no
 *     element is created from them and no dialog fires;
 * (c) the Content-Security-Policy in index.html is present and nothing in normal use violates it.
 */
import { expect, test, type Page } from '@playwright/test';
import { ids, openPlayground, outputAfter, streamEntries, typeCommand } from './helpers.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';

const HOSTILE = `# ${IMG} ${SCRIPT} in a comment
apiVersion: v1
kind: Pod
metadata:
  name: xss
  labels:
    app: xss
  annotations:
    note: "${IMG}"
    script: "${SCRIPT}"
spec:
  containers:
  - name: c
    image: busybox:1.36
    command: ["sh", "-c", "echo '${IMG}'; echo '${SCRIPT}'; sleep 3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: bad-image
spec:
  containers:
  - name: c
    image: "${IMG}"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: "${IMG}"
`;

/** Collects what the page would reveal if content escaped into markup or the policy bit. */
function watch(page: Page) {
  const seen = { requests: [] as string[], dialogs: [] as string[], consoleErrors: [] as string[] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/.test(message.text())) seen.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => seen.consoleErrors.push(error.message));
  // Listening from the first script on: violations during load count too.
  void page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return seen;
}

const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/** Waits for the lazy editor to settle, when the build has one: Monaco's chunks and workers load under the policy too. */
async function editorSettled(page: Page): Promise<void> {
  const pane = ids(page).yaml.locator('xpath=ancestor::*[@data-testid="editor-pane"]');
  if ((await pane.getAttribute('data-editor')) === null) return;
  await expect(pane).toHaveAttribute('data-editor', /^(monaco|failed)$/, { timeout: 30_000 });
  expect(await pane.getAttribute('data-editor'), 'Monaco loads under the Content-Security-Policy').toBe('monaco');
}

test('the page declares a Content-Security-Policy with no remote origins and no eval, and the browser enforces it', async ({ page }) => {
  watch(page);
  await openPlayground(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).not.toBeNull();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  for (const [name, values] of directives) {
    for (const v of values) {
      expect(v, `${name} allows only the page's own origin (and local data:)`).toMatch(/^('self'|'none'|'unsafe-inline'|data:)$/);
      if (v === "'unsafe-inline'") expect(name, 'inline is allowed for styles only').toBe('style-src');
    }
  }
  // The policy is live. (page.evaluate itself runs through the DevTools protocol, which CSP does not
  // govern, so the probes are things the page then runs on its own: an injected inline script and
  // a string timer, which is eval.)
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    setTimeout('window.__evalRan = true', 0);
  });
  await expect.poll(() => cspViolations(page)).toHaveLength(2);
  const violations = await cspViolations(page);
  expect(violations.some((v) => v.startsWith('script-src-elem blocked (inline)') || v.startsWith('script-src-elem blocked inline'))).toBe(true);
  expect(violations.some((v) => v.startsWith('script-src blocked eval'))).toBe(true);
  expect(await page.evaluate(() => [(window as unknown as Record<string, unknown>).__inlineRan, (window as unknown as Record<string, unknown>).__evalRan])).toEqual([undefined, undefined]);
});

test('every request stays on the page\'s own origin, and nothing violates the policy, through load, apply and the terminal', async ({ page, baseURL }) => {
  const seen = watch(page);
  await openPlayground(page);
  await editorSettled(page);
  const { yaml, apply, output } = ids(page);

  await apply.click(); // the default manifest
  await expect(streamEntries(output, 'command').last()).toHaveText('$ kubectl apply -f -');
  await outputAfter(page, 'kubectl apply -f -');
  await yaml.fill('apiVersion: v1\nkind: Pod\nmetadata:\n  name: curl\nspec:\n  containers:\n  - name: c\n    image: curlimages/curl:8.11.0\n    command: ["sleep", "3600"]\n');
  await apply.click();
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('pod/curl created\n');
  for (const line of ['kubectl get pods -A -o wide', 'kubectl get events', 'kubectl describe nodes', 'kubectl get svc kubernetes -o yaml']) {
    await typeCommand(page, line);
    await outputAfter(page, line);
  }
  // A request "from" the cluster to the outside world is simulated, never made by the browser.
  await expect(async () => {
    await typeCommand(page, 'kubectl get pod curl');
    expect(await outputAfter(page, 'kubectl get pod curl')).toContain('Running');
  }).toPass({ timeout: 30_000, intervals: [1_000] });
  await typeCommand(page, 'kubectl exec curl -- curl -s -m 2 http://example.com/');
  expect(await outputAfter(page, 'kubectl exec curl -- curl -s -m 2 http://example.com/')).toBe('command terminated with exit code 6\n');
  await page.getByTestId('tab-events').click();
  await page.getByTestId('tab-terminal').click();

  const origin = new URL(baseURL!).origin;
  expect(seen.requests.length).toBeGreaterThan(0);
  const foreign = seen.requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
  expect(seen.consoleErrors).toEqual([]);
  expect(seen.dialogs).toEqual([]);
});

test('HTML and script in names, annotations, comments, logs and images are shown as text', async ({ page }) => {
  const seen = watch(page);
  await openPlayground(page);
  await editorSettled(page);
  const { yaml, apply, output } = ids(page);

  await yaml.fill(HOSTILE);
  await apply.click();
  await expect(streamEntries(output, 'command').last()).toHaveText('$ kubectl apply -f -');
  const applied = await outputAfter(page, 'kubectl apply -f -');
  expect(applied).toContain('pod/xss created\npod/bad-image created\n');
  // metadata.name is validated: the refusal quotes the name, literally (validation.go's Invalid value).
  expect(applied).toContain(`The ConfigMap "${IMG}" is invalid`);
  await expect(streamEntries(output, 'stderr').last()).toContainText(`The ConfigMap "${IMG}" is invalid`);

  await typeCommand(page, 'kubectl get pod xss -o yaml');
  const asYAML = await outputAfter(page, 'kubectl get pod xss -o yaml');
  expect(asYAML).toContain(`note: ${IMG}`);
  expect(asYAML).toContain(`script: ${SCRIPT}`);
  await expect(output).toContainText(`script: ${SCRIPT}`);

  // The container echoes the payloads; its log comes back as text.
  await expect(async () => {
    await typeCommand(page, 'kubectl logs xss');
    expect(await outputAfter(page, 'kubectl logs xss')).toBe(`${IMG}\n${SCRIPT}\n`);
  }).toPass({ timeout: 30_000, intervals: [1_000] });

  // The image reference is refused by the kubelet and quoted in the Pod's status and events.
  await expect(async () => {
    await typeCommand(page, 'kubectl describe pod bad-image');
    const described = await outputAfter(page, 'kubectl describe pod bad-image');
    expect(described).toContain(`Image:          ${IMG}`);
    expect(described).toContain('InvalidImageName');
  }).toPass({ timeout: 30_000, intervals: [1_000] });

  // The graph shows both Pods, and the editor keeps the text as typed.
  await expect(page.getByTestId('pod-default-xss')).toBeVisible();
  await expect(page.getByTestId('pod-default-bad-image')).toContainText('InvalidImageName');
  await expect(yaml).toHaveValue(HOSTILE);
  await page.getByTestId('tab-events').click();
  await expect(page.getByTestId('event-log')).toContainText(IMG);
  await page.getByTestId('tab-terminal').click();

  // Nothing became markup: no <img> with src=x, no <script> carrying the payload, no dialog.
  const injected = await page.evaluate(() => ({
    imgs: Array.from(document.querySelectorAll('img')).map((i) => i.getAttribute('src')),
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => (s.textContent ?? '').includes('alert')).length,
    handlers: Array.from(document.querySelectorAll('[onerror]')).length,
  }));
  expect(injected).toEqual({ imgs: [], scripts: 0, handlers: 0 });
  expect(seen.dialogs).toEqual([]);
  expect(seen.requests.filter((url) => /\/x$/.test(new URL(url, 'http://h').pathname))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});
