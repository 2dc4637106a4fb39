/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // Monaco's entry and its two workers are found only once the lazy editor module is imported:
  // pre-bundle them up front, or a fresh dev server re-optimizes and reloads the page mid-session.
  optimizeDeps: {
    include: [
      'monaco-editor/esm/vs/editor/edcore.main.js',
      'monaco-editor/esm/vs/editor/editor.worker.js',
      'monaco-yaml',
      'monaco-yaml/yaml.worker.js',
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
  },
});
