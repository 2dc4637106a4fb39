/**
 * `npx tsx bench/browser.ts`: the page in headless Chromium (software rendering), issue 9's
 * browser budgets. Builds the app into a temporary folder, serves it with `vite preview`, and
 * measures:
 * - the initial JavaScript before Monaco (gzip bytes of the entry chunk and its static imports);
 * - time from navigation to an interactive graph (the cluster's nodes drawn);
 * - with 300 Pods on screen at 10× speed: the median frame time and the longest main-thread task;
 * - with 5,000 Pods: the longest main-thread task and whether the page still answers a command.
 * The large clusters come in as share links (a scenario with more nodes), as a user would send them.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { chromium, type Page } from '@playwright/test';
import { encodeShareLink } from '../src/share/link.ts';
import type { Scenario } from '../src/scenarios/types.ts';
import type { NodeOptions } from '../src/sim/index.ts';

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(2)), unit })}\n`);
}

const outDir = mkdtempSync(join(tmpdir(), 'kubeplay-bench-'));
await build({ logLevel: 'silent', build: { outDir, emptyOutDir: true } });

// 1. Initial JS: the entry script and the chunks it imports statically (modulepreload), gzip.
{
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  let gzip = 0;
  for (const file of new Set(scripts)) gzip += gzipSync(readFileSync(join(outDir, file))).length;
  emit('browser/initial-js-before-monaco', gzip / 1024, 'KB gzip');
  const monaco = readdirSync(join(outDir, 'assets')).filter((f) => /monaco|editor\.api|editor\.main/i.test(f) && f.endsWith('.js'));
  let monacoGzip = 0;
  for (const f of monaco) monacoGzip += gzipSync(readFileSync(join(outDir, 'assets', f))).length;
  emit('browser/monaco-chunks-lazy', monacoGzip / 1024, 'KB gzip');
}

const server = await preview({ logLevel: 'silent', preview: { port: 4299, strictPort: true, host: '127.0.0.1' }, build: { outDir } });
const base = 'http://127.0.0.1:4299/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu', '--no-sandbox', '--disable-dev-shm-usage'] });

/** Starts recording long tasks and frame times in the page. */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(`window.__longest = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });`);
}

async function measureFrames(page: Page, ms: number): Promise<{ median: number; longestTask: number }> {
  await page.evaluate('window.__longest = 0');
  // A string, not a function: tsx's transform would name the inner functions with a helper the page lacks.
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + ${ms};
    const tick = (now) => { out.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else resolve(out); };
    requestAnimationFrame(tick);
  })`)) as number[];
  const sorted = frames.slice(1).sort((a, b) => a - b);
  const longestTask = (await page.evaluate('window.__longest')) as number;
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, longestTask };
}

/** Waits until the status line counts at least `n` Running pods (all namespaces). */
async function runningAtLeast(page: Page, n: number, timeout = 300_000): Promise<void> {
  await page.waitForFunction(
    `(() => { const m = /\\((\\d+) Running/.exec(document.querySelector('[data-testid="status-line"]')?.textContent ?? ''); return m !== null && Number(m[1]) >= ${n}; })()`,
    undefined,
    { timeout },
  );
}

function clusterLink(workers: number, replicas: number): Promise<string> {
  const nodes: NodeOptions[] = [{ name: 'control-plane', role: 'control-plane' }];
  for (let i = 1; i <= workers; i++) nodes.push({ name: `worker-${i}`, cpu: 8, memoryGi: 32 });
  const scenario: Scenario = {
    version: 1,
    title: `${replicas} pods`,
    seed: 1,
    nodes,
    actions: [
      {
        at: 0,
        kind: 'apply',
        yaml: `apiVersion: apps/v1
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
        resources:
          requests: { cpu: 10m, memory: 16Mi }
`,
      },
    ],
  };
  return encodeShareLink(scenario);
}

try {
  // 2. Load → interactive graph (the nodes drawn), Monaco still loading.
  {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
      const start = Date.now();
      await page.goto(base);
      await page.getByTestId('node-worker-1').waitFor();
      runs.push(Date.now() - start);
      await page.close();
    }
    runs.sort((a, b) => a - b);
    emit('browser/load-to-interactive-graph', runs[1]!, 'ms');
  }

  // 3. 300 Pods on screen at 10×.
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await instrument(page);
    await page.goto(`${base}?speed=10${await clusterLink(3, 300)}`);
    await page.getByTestId('node-worker-1').waitFor();
    await runningAtLeast(page, 300);
    emit('browser/300-pods-10x/drawn-one-by-one', await page.locator('[data-testid^="pod-default-"]').count(), 'pods');
    const { median, longestTask } = await measureFrames(page, 5_000);
    emit('browser/300-pods-10x/median-frame', median, 'ms');
    emit('browser/300-pods-10x/longest-task', longestTask, 'ms');
    await page.close();
  }

  // 4. 5,000 Pods.
  {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    await instrument(page);
    const start = Date.now();
    await page.goto(`${base}?speed=10${await clusterLink(50, 5000)}`);
    await page.getByTestId('node-worker-1').waitFor({ timeout: 120_000 });
    // Give the page two minutes: report how far it got, and whether it stayed responsive meanwhile.
    try {
      await runningAtLeast(page, 5000, 120_000);
      emit('browser/5000-pods/load-to-all-running', Date.now() - start, 'ms');
    } catch {
      const status = await page.getByTestId('status-line').innerText();
      emit('browser/5000-pods/running-after-2-min', Number(/\((\d+) Running/.exec(status)?.[1] ?? 0), 'pods');
    }
    const { median, longestTask } = await measureFrames(page, 5_000);
    emit('browser/5000-pods/median-frame', median, 'ms');
    emit('browser/5000-pods/longest-task', longestTask, 'ms');
    const typed = Date.now();
    await page.getByTestId('terminal-input').fill('kubectl get deployment web');
    await page.getByTestId('terminal-input').press('Enter');
    await page.getByTestId('terminal-output').getByText(/^web\s+\d+\/5000/m).waitFor({ timeout: 60_000 });
    emit('browser/5000-pods/command-answered', Date.now() - typed, 'ms');
    emit('browser/5000-pods/load-to-answer', Date.now() - start, 'ms');
    await page.close();
  }
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
