/**
 * The YAML pane. A plain textarea is the editor at first paint; Monaco (with the YAML language
 * service and the Kubernetes schema) is imported after the page is up and takes over with the
 * same text, cursor and focus. If Monaco cannot load, the textarea stays the editor.
 *
 * The store's `yamlText` is the one source of truth for the shown tab: both editors write to it,
 * and a change made elsewhere (a scenario loading its manifest) flows into Monaco as an undoable
 * edit. Several files are tabs (editorSlice); switching shows the other text afresh.
 *
 * Apply, Delete and Diff send the shown tab's text to `kubectl apply -f -`, `kubectl delete -f -`
 * and `kubectl diff -f -`; the text stays as typed. The terminal shows each command and its
 * output; here, Apply's errors become Monaco markers and a list, Delete's output is listed, and
 * the diff opens in a panel.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { appStore, useAppStore } from '../../store/index.ts';
import { selectApplyEditor, selectSetYamlText, selectYamlText } from '../../store/selectors.ts';
import { APPLY_COMMAND } from '../../store/terminalSlice.ts';
import type { AppState } from '../../store/types.ts';
import { useT } from '../i18n.ts';
import { useTheme } from '../theme.ts';
import type { ApplyProblem } from './applyDiagnostics.ts';
import type { YamlEditor } from './monacoYaml.ts';
import { DiffPanel } from './DiffPanel.tsx';
import { EditorTabs } from './EditorTabs.tsx';
import './editor.css';

type EditorKind = 'textarea' | 'loading' | 'monaco' | 'failed';

export const DELETE_COMMAND = 'kubectl delete -f -';
export const DIFF_COMMAND = 'kubectl diff -f -';

/** What the last Delete or Diff printed, for the message area or the diff panel. */
type Outcome = { command: typeof DELETE_COMMAND | typeof DIFF_COMMAND; stdout: string; stderr: string; exitCode: number };

const selectPipeEditor = (s: AppState) => s.pipeEditor;
const selectActiveTabId = (s: AppState) => s.activeTabId;

export function YamlPane() {
  const t = useT();
  const yamlText = useAppStore(selectYamlText);
  const setYamlText = useAppStore(selectSetYamlText);
  const applyEditor = useAppStore(selectApplyEditor);
  const pipeEditor = useAppStore(selectPipeEditor);
  const activeTabId = useAppStore(selectActiveTabId);
  const [kind, setKind] = useState<EditorKind>('textarea');
  const [problems, setProblems] = useState<readonly ApplyProblem[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const editorRef = useRef<YamlEditor | null>(null);
  const applyRef = useRef<() => void>(() => {});
  const theme = useTheme();

  applyRef.current = () => {
    const text = appStore.getState().yamlText;
    const tab = appStore.getState().activeTabId;
    setOutcome(null);
    void applyEditor()
      .then(async () => {
        if (appStore.getState().activeTabId !== tab) return;
        const stderr = lastApplyStderr();
        setProblems(stderr === '' ? [] : (await import('./applyDiagnostics.ts')).diagnoseApply(text, stderr));
      })
      // The terminal shows kubectl's output either way; only the markers are missing.
      .catch(() => setProblems([]));
  };

  const pipe = (command: Outcome['command']) => {
    const tab = appStore.getState().activeTabId;
    setProblems([]);
    setOutcome(null);
    void pipeEditor(command).then((result) => {
      // The output belongs to the tab it ran on; another tab shown meanwhile does not get it.
      if (result && appStore.getState().activeTabId === tab) setOutcome({ command, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode });
    });
  };

  const diffButtonRef = useRef<HTMLButtonElement>(null);
  const closeDiff = () => {
    setOutcome(null);
    diffButtonRef.current?.focus();
  };

  // Another tab shown: its own text, none of the last tab's results.
  useEffect(() => {
    setProblems([]);
    setOutcome(null);
  }, [activeTabId]);

  // Monaco follows the page's theme once it is up.
  useEffect(() => {
    if (kind === 'monaco') void import('./monacoYaml.ts').then((m) => m.setMonacoTheme(theme));
  }, [theme, kind]);

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
          if (state.activeTabId !== prev.activeTabId) editorRef.current?.resetText(state.yamlText);
          else if (state.yamlText !== prev.yamlText) editorRef.current?.setText(state.yamlText);
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
  const deleteOutput = outcome?.command === DELETE_COMMAND ? outcome : null;
  const diffOutput = outcome?.command === DIFF_COMMAND ? outcome : null;
  return (
    <section className="pane editor-pane" aria-label={t('ed_manifest')} data-testid="editor-pane" data-editor={kind}>
      <header className="pane-header">
        <h2 className="pane-title">{t('ed_manifest')}</h2>
        <span className="pane-hint">{kind === 'failed' ? t('ed_hintPlain') : t('ed_hint')}</span>
        <div className="editor-actions">
          <button ref={diffButtonRef} type="button" className="button" data-testid="diff-button" title={t('ed_diffTitle')} onClick={() => pipe(DIFF_COMMAND)}>
            {t('ed_diff')}
          </button>
          <button type="button" className="button button-danger" data-testid="delete-button" title={t('ed_deleteTitle')} onClick={() => pipe(DELETE_COMMAND)}>
            {t('ed_delete')}
          </button>
          <button type="button" className="button button-primary" data-testid="apply-button" title={t('ed_applyTitle')} onClick={() => applyRef.current()}>
            {t('ed_apply')}
          </button>
        </div>
      </header>
      <EditorTabs />
      <div className="yaml-area">
        <div className="yaml-stack">
          {/* Once Monaco is up, the textarea stays underneath, in sync with the store but out of
              reach (hidden from assistive tech and the tab order): tests that fill it still drive
              the same text. */}
          <textarea
            ref={textareaRef}
            className={monacoActive ? 'yaml-input yaml-input-under' : 'yaml-input'}
            data-testid="yaml-input"
            aria-label={t('ed_yamlLabel')}
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
        {/* Over the editor (the pane is short at 1280×720): Close or Escape goes back to the text. */}
        {diffOutput && <DiffPanel stdout={diffOutput.stdout} stderr={diffOutput.stderr} exitCode={diffOutput.exitCode} onClose={closeDiff} />}
      </div>
      {problems.length > 0 && (
        <ul className="apply-problems" data-testid="apply-problems" aria-label={t('ed_applyErrors')}>
          {problems.map((p, i) => (
            <li key={i} data-line={p.line}>
              <button type="button" className="apply-problem-line" onClick={() => goToLine(p.line)}>
                {t('ed_line', { n: p.line })}
              </button>{' '}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {deleteOutput && (
        <div className="editor-output" data-testid="editor-output" role="status" aria-label={t('ed_output', { command: deleteOutput.command })}>
          {outputLines(deleteOutput).map((line, i) => (
            <div key={i} className={line.stream === 'stderr' ? 'editor-output-line editor-output-error' : 'editor-output-line'} data-stream={line.stream}>
              {line.text}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** stdout's lines, then stderr's, as the terminal prints them. */
function outputLines(outcome: Outcome): { stream: 'stdout' | 'stderr'; text: string }[] {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  return [...split(outcome.stdout).map((text) => ({ stream: 'stdout' as const, text })), ...split(outcome.stderr).map((text) => ({ stream: 'stderr' as const, text }))];
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
