#!/usr/bin/env node
// `npm test`: typecheck → lint → unit tests → build → end-to-end tests, in that order, and
// one closing line `N passed, M failed` over both test runners. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';

const steps = [];
let passed = 0;
let failed = 0;

function run(name, command, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${[command, ...args].join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  if ((report.numTotalTests ?? 0) === 0) failed += 1;
  return true;
}

/** Titles of the tests that failed first and passed on the retry (Playwright's "flaky"). */
const flakyTests = [];

function collectFlaky(suite, path = []) {
  for (const child of suite.suites ?? []) collectFlaky(child, [...path, child.title]);
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) if (test.status === 'flaky') flakyTests.push([...path, spec.title].filter(Boolean).join(' › '));
  }
}

function countPlaywright(file) {
  if (!existsSync(file)) return false;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const suite of report.suites ?? []) collectFlaky(suite, [suite.title]);
  const stats = report.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += (stats.unexpected ?? 0);
  if ((stats.expected ?? 0) + (stats.unexpected ?? 0) + (stats.flaky ?? 0) === 0) failed += 1;
  return true;
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

let ok = run('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) && run('typecheck (core without DOM)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.sim.json']);
ok = run('lint', 'npx', ['eslint', '.']) && ok;
const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'], { NO_COLOR: '1' });
if (!countVitest('test-results/unit.json')) failed += 1;
ok = unitOk && ok;
const buildOk = run('build', 'npx', ['vite', 'build']);
ok = buildOk && ok;
if (buildOk) {
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test'], { CI: process.env.CI ?? '1' });
  if (!countPlaywright('test-results/e2e.json')) failed += 1;
  ok = e2eOk && ok;
} else {
  failed += 1;
}

process.stdout.write('\n=== summary\n');
for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)\n`);
for (const t of flakyTests) process.stdout.write(`FLAKY (passed on its retry; fix it): ${t}\n`);
if (!ok && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(ok && failed === 0 ? 0 : 1);
