/**
 * The Monaco YAML editor, loaded lazily by the YAML pane (this module and everything it imports
 * are chunks the first paint never waits for).
 *
 * - The slim Monaco (editor core + the YAML tokenizer), not the full package: the TS/CSS/HTML/JSON
 *   language services would triple the chunk for nothing.
 * - Workers are same-origin module workers built by Vite (`?worker`): no blob: URLs, no eval,
 *   nothing fetched from another origin.
 * - monaco-yaml validates, completes and explains the text against the Kubernetes JSON Schema
 *   that scripts/gen-schema.mjs generates from kubernetes-types, picking the definition by `kind`.
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';
import kubernetesSchema from './kubernetes.schema.json';
import type { ApplyProblem } from './applyDiagnostics.ts';

/** The model's path; the schema's fileMatch names it. */
const MODEL_URI = 'file:///kubeplay/manifest.yaml';
const SCHEMA_URI = 'kubeplay://schemas/kubernetes-v1.31.json';
/** Marker owner for kubectl's errors, apart from monaco-yaml's own (`yaml`). */
const APPLY_OWNER = 'kubectl-apply';

export interface YamlEditorOptions {
  text: string;
  /** Where the cursor goes (a character offset), when the textarea had the focus. */
  focusAt?: number;
  onChange(text: string): void;
  onApply(): void;
}

export interface YamlEditor {
  /** Replaces the text (an edit, so Undo brings the old text back); no-op when it is the same. */
  setText(text: string): void;
  /** Shows another tab's text: a fresh start (no Undo back into the other tab), markers cleared. */
  resetText(text: string): void;
  /** Shows kubectl's errors as markers and scrolls the first into view. */
  setProblems(problems: readonly ApplyProblem[]): void;
  /** Puts the cursor at the start of `line`, in view, with the focus. */
  goToLine(line: number): void;
  dispose(): void;
}

let configured = false;

function configureOnce(): void {
  if (configured) return;
  configured = true;
  self.MonacoEnvironment = {
    getWorker: (_workerId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
  };
  configureMonacoYaml(monaco, {
    enableSchemaRequest: false,
    validate: true,
    completion: true,
    hover: true,
    // The hover's "Source: kubernetes-v1.31.json" line says nothing to a reader.
    hoverSchemaSource: false,
    // kubectl reads YAML as go-yaml v2 does: YAML 1.1 (`yes` is a boolean).
    yamlVersion: '1.1',
    schemas: [{ uri: SCHEMA_URI, fileMatch: [MODEL_URI], schema: kubernetesSchema as JSONSchema }],
  });
  monaco.editor.defineTheme('kubeplay-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#0d1117', 'editorGutter.background': '#0d1117' },
  });
  monaco.editor.defineTheme('kubeplay-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: { 'editor.background': '#ffffff', 'editorGutter.background': '#ffffff' },
  });
}

/** The page's theme (views/theme.ts) for Monaco, which has one theme for all its editors. */
export function setMonacoTheme(theme: 'dark' | 'light'): void {
  configureOnce();
  monaco.editor.setTheme(theme === 'light' ? 'kubeplay-light' : 'kubeplay-dark');
}

/** Creates the editor in `host` with `options.text`. */
export function mountYamlEditor(host: HTMLElement, options: YamlEditorOptions): YamlEditor {
  configureOnce();
  const uri = monaco.Uri.parse(MODEL_URI);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.text, 'yaml', uri);
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  const fontFamily = getComputedStyle(host).getPropertyValue('--font-mono').trim() || 'monospace';
  const editor = monaco.editor.create(host, {
    model,
    theme: document.documentElement.dataset['theme'] === 'light' ? 'kubeplay-light' : 'kubeplay-dark',
    automaticLayout: true,
    fontFamily,
    fontSize: 13,
    lineHeight: 20,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    quickSuggestions: { other: true, comments: false, strings: true },
    fixedOverflowWidgets: true,
    // Chinese comments use full-width punctuation (，：); do not box them as look-alikes.
    unicodeHighlight: { allowedLocales: { _os: true, _vscode: true, 'zh-hans': true, 'zh-hant': true } },
    ariaLabel: 'YAML manifest',
  });

  editor.addAction({
    id: 'kubeplay.apply',
    label: 'Apply manifest (kubectl apply -f -)',
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    run: () => options.onApply(),
  });

  let applying = false; // a setText in progress: not the user's edit
  const changes = model.onDidChangeContent(() => {
    if (!applying) options.onChange(model.getValue());
  });

  if (options.focusAt !== undefined) {
    editor.setPosition(model.getPositionAt(options.focusAt));
    editor.focus();
  }

  return {
    setText(text) {
      if (model.getValue() === text) return;
      applying = true;
      try {
        editor.pushUndoStop();
        editor.executeEdits('kubeplay', [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
      } finally {
        applying = false;
      }
    },
    resetText(text) {
      applying = true;
      try {
        model.setValue(text);
      } finally {
        applying = false;
      }
      monaco.editor.setModelMarkers(model, APPLY_OWNER, []);
      editor.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
    },
    setProblems(problems) {
      monaco.editor.setModelMarkers(
        model,
        APPLY_OWNER,
        problems.map((p) => ({
          severity: monaco.MarkerSeverity.Error,
          source: 'kubectl apply',
          message: p.message,
          startLineNumber: p.line,
          startColumn: p.startColumn,
          endLineNumber: p.line,
          endColumn: p.endColumn,
        })),
      );
      // Called once the problem list below has rendered: measure the smaller box, then show
      // the first problem.
      const first = problems[0];
      if (first) {
        editor.layout();
        editor.revealLineInCenterIfOutsideViewport(first.line);
      }
    },
    goToLine(line) {
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.revealLineInCenterIfOutsideViewport(line);
      editor.focus();
    },
    dispose() {
      changes.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
