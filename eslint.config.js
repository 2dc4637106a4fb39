// Lint: the usual TypeScript checks, plus the boundary that keeps the simulation core pure:
// nothing under src/sim imports from outside src/sim (or any package but `yaml`), and nothing
// there reads wall-clock time, global randomness, timers, `performance` or the DOM.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import path from 'node:path';

const SIM_DIR = path.resolve('src/sim');
const SIM_ALLOWED_PACKAGES = new Set(['yaml']);

/** A local rule: resolve each import of a file under src/sim and refuse any that leaves it. */
const simBoundary = {
  meta: { type: 'problem', schema: [], messages: { escape: "src/sim must not import '{{source}}': the simulation core imports only from src/sim (and 'yaml')." } },
  create(context) {
    const file = context.filename;
    if (!file.startsWith(SIM_DIR + path.sep)) return {};
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = path.resolve(path.dirname(file), source);
        if (target === SIM_DIR || target.startsWith(SIM_DIR + path.sep)) return;
      } else if (SIM_ALLOWED_PACKAGES.has(source) || (file.endsWith('.test.ts') && (source === 'vitest' || source === 'fast-check'))) {
        return;
      }
      context.report({ node, messageId: 'escape', data: { source } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : '<dynamic>'),
    };
  },
};

const NONDETERMINISTIC_GLOBALS = ['Date', 'performance', 'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'requestAnimationFrame', 'requestIdleCallback', 'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'WebSocket', 'crypto', 'process', 'self', 'globalThis'].map((name) => ({ name, message: `src/sim is deterministic and DOM-free: no ${name} (time and randomness come from the kernel).` }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    plugins: { kubeplay: { rules: { 'sim-boundary': simBoundary } } },
    rules: {
      'kubeplay/sim-boundary': 'error',
      'no-restricted-globals': ['error', ...NONDETERMINISTIC_GLOBALS],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'src/sim draws randomness from the kernel PRNG, never Math.random.' }],
    },
  },
  {
    // Tests may compare the core's calendar arithmetic against Date; the core itself may not.
    files: ['src/sim/**/*.test.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
);
