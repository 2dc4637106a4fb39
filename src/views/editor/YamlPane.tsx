/**
 * The YAML pane. A plain textarea is the editor at first paint; Monaco (with the YAML language
 * service and the Kubernetes schema) is imported after the page is up and takes over with the
 * same text, cursor and focus. If Monaco cannot load, the textarea stays the editor.
 *
 * The store's `yamlText` is the one source of truth: both editors write to it, and a change made
 * elsewhere (a scenario loading its manifest) flows into Monaco as an undoable edit.
 *
 * Apply sends the text to `kubectl apply -f -`; the text stays as typed. The errors kubectl
 * prints are located in the applied text and shown as Monaco markers and as a list below.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { appStore, useAppStore } from '../../store/index.ts';
import { selectApplyEditor, selectSetYamlText, selectYamlText } from '../../store/selectors.ts';
import { APPLY_COMMAND } from '../../store/terminalSlice.ts';
import type { ApplyProblem } from './applyDiagnostics.ts';
import type { YamlEditor } from './monacoYaml.ts';
import './editor.css';

type EditorKind = 'textarea' | 'loading' | 'monaco' | 'failed';

export function YamlPane() {
  const yamlText = useAppStore(selectYamlText);
  const setYamlText = useAppStore(selectSetYamlText);
  const applyEditor = useAppStore(selectApplyEditor);
  const [kind, setKind] = useState<EditorKind>('textarea');
  const [problems, setProblems] = useState<readonly ApplyProblem[]>([]);
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const editorRef = useRef<YamlEditor | null>(null);
  const applyRef = useRef<() => void>(() => {});

  applyRef.current = () => {
    const text = appStore.getState().yamlText;
    void applyEditor()
      .then(async () => {
        const stderr = lastApplyStderr();
        setProblems(stderr === '' ? [] : (await import('./applyDiagnostics.ts')).diagnoseApply(text, stderr));
      })
      // The terminal shows kubectl's output either way; only the markers are missing.
      .catch(() => setProblems([]));
  };

  // After the list has rendered (it takes room from the editor).
  useEffect(() => editorRef.current?.setProblems(problems), [problems, kind]);

  useEffect(() => {
    let cancelled = false;
    let unsubscribe = () => {};
    const load = async () => {
      setKind('loading');
      try {
        const { mountYamlEditor } = await import('./monacoYaml.ts');
        const host = hostRef.current;
        if (cancelled || !host) return;
        const textarea = textareaRef.current;
        const focused = textarea !== null && document.activeElement === textarea;
        editorRef.current = mountYamlEditor(host, {
          // Read at takeover, not at import: whatever was typed while Monaco loaded is kept.
          text: appStore.getState().yamlText,
          ...(focused ? { focusAt: textarea.selectionStart } : {}),
          onChange: (text) => appStore.getState().setYamlText(text),
          onApply: () => applyRef.current(),
        });
        unsubscribe = appStore.subscribe((state, prev) => {
          if (state.yamlText !== prev.yamlText) editorRef.current?.setText(state.yamlText);
        });
        setKind('monaco');
      } catch (error) {
        console.warn('Monaco did not load; the plain editor stays.', error);
        if (!cancelled) setKind('failed');
      }
    };
    // After the first paint, when the page is idle (or after 1 s at most).
    const idle = window.requestIdleCallback?.(() => void load(), { timeout: 1000 });
    const timer = idle === undefined ? window.setTimeout(() => void load(), 200) : undefined;
    return () => {
      cancelled = true;
      if (idle !== undefined) window.cancelIdleCallback(idle);
      if (timer !== undefined) window.clearTimeout(timer);
      unsubscribe();
      editorRef.current?.dispose();
      editorRef.current = null;
    };
  }, []);

  const goToLine = (line: number) => {
    if (editorRef.current) return editorRef.current.goToLine(line);
    const textarea = textareaRef.current;
    if (!textarea) return;
    const offset = textarea.value.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      applyRef.current();
    }
  };

  const monacoActive = kind === 'monaco';
  return (
    <section className="pane editor-pane" aria-label="Manifest" data-testid="editor-pane" data-editor={kind}>
      <header className="pane-header">
        <h2 className="pane-title">Manifest</h2>
        <span className="pane-hint">{kind === 'failed' ? 'YAML · plain editor · Ctrl+Enter applies' : 'YAML · Ctrl+Enter applies'}</span>
        <button type="button" className="button button-primary" data-testid="apply-button" onClick={() => applyRef.current()}>
          Apply
        </button>
      </header>
      <div className="yaml-stack">
        {/* Once Monaco is up, the textarea stays underneath, in sync with the store but out of
            reach (hidden from assistive tech and the tab order): tests that fill it still drive
            the same text. */}
        <textarea
          ref={textareaRef}
          className={monacoActive ? 'yaml-input yaml-input-under' : 'yaml-input'}
          data-testid="yaml-input"
          aria-label="YAML manifest"
          aria-hidden={monacoActive || undefined}
          tabIndex={monacoActive ? -1 : undefined}
          value={yamlText}
          onChange={(event) => setYamlText(event.target.value)}
          onKeyDown={onKeyDown}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          autoComplete="off"
          wrap="off"
        />
        <div ref={hostRef} className={monacoActive ? 'yaml-monaco' : 'yaml-monaco yaml-monaco-hidden'} data-testid="yaml-editor" />
      </div>
      {problems.length > 0 && (
        <ul className="apply-problems" data-testid="apply-problems" aria-label="Apply errors">
          {problems.map((p, i) => (
            <li key={i} data-line={p.line}>
              <button type="button" className="apply-problem-line" onClick={() => goToLine(p.line)}>
                Line {p.line}
              </button>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What the last `kubectl apply -f -` printed on stderr (the terminal shows each output after its echo). */
function lastApplyStderr(): string {
  const entries = appStore.getState().entries;
  let start = -1;
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.stream === 'command' && e.text === APPLY_COMMAND) {
      start = i;
      break;
    }
  }
  if (start < 0) return '';
  let stderr = '';
  for (const e of entries.slice(start + 1)) {
    if (e.stream === 'command') break;
    if (e.stream === 'stderr') stderr += e.text;
  }
  return stderr;
}
