/**
 * The first round trip: manifest in the YAML pane → Apply → kubectl's answer in the terminal,
 * then a typed `kubectl get pods` against the same simulated cluster.
 */
import { expect, test } from '@playwright/test';
import { ids, openPlayground, outputAfter, streamEntries, typeCommand } from './helpers.ts';

const MANIFEST = `# 中文注释：一个 Pod 和一个 ConfigMap
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
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

/** `kubectl get pods` header with a pod named `web` in phase Running or Pending (printers.go printPod). */
const GET_PODS_HEADER = 'NAME   READY   STATUS    RESTARTS   AGE';

test('applies a manifest with Chinese comments and lists the pod', async ({ page }) => {
  await openPlayground(page);
  const { yaml, apply, output } = ids(page);

  await yaml.fill(MANIFEST);
  await expect(yaml).toHaveValue(MANIFEST);
  await apply.click();

  await expect(streamEntries(output, 'command').last()).toHaveText('$ kubectl apply -f -');
  expect(await outputAfter(page, 'kubectl apply -f -')).toBe('pod/web created\nconfigmap/greeting created\n');
  await page.screenshot({ path: 'test-results/page-applied.png' });

  // The scheduler binds the Pod, the kubelet pulls nginx:1.27 (a few virtual seconds at 1x) and starts
  // it: retry `kubectl get pods` until the row reads Running.
  await expect(async () => {
    await typeCommand(page, 'kubectl get pods');
    const lines = (await outputAfter(page, 'kubectl get pods')).split('\n');
    expect(lines[0]).toBe(GET_PODS_HEADER);
    expect(lines[1]).toMatch(/^web {4}1\/1 {5}Running {3}0 {10}\d+s$/);
  }).toPass({ timeout: 30_000, intervals: [1_000] });

  // The fresh cluster's 12 kube-system and kube-flannel Pods and ours all run.
  await expect(ids(page).status).toContainText('13 pods (13 Running)');
  await page.screenshot({ path: 'test-results/page.png' });
});

test('invalid YAML shows an error and keeps the text', async ({ page }) => {
  await openPlayground(page);
  const { yaml, apply, output } = ids(page);
  const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n    labels: [oops\n';

  await yaml.fill(broken);
  await apply.click();

  await expect(streamEntries(output, 'stderr').last()).toContainText('error');
  expect(await outputAfter(page, 'kubectl apply -f -')).toMatch(/^error: /);
  await expect(yaml).toHaveValue(broken);
});

test('logs no console errors while applying and running commands', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  await openPlayground(page);
  await ids(page).apply.click();
  await expect(streamEntries(ids(page).output, 'command').last()).toHaveText('$ kubectl apply -f -');
  await outputAfter(page, 'kubectl apply -f -');
  await typeCommand(page, 'kubectl get pods -A');
  await outputAfter(page, 'kubectl get pods -A');

  expect(errors).toEqual([]);
});
