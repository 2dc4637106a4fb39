/**
 * The YAML pane: a plain textarea for now (Monaco comes later). Apply sends its text to
 * `kubectl apply -f -`; the text stays as typed, whatever the outcome.
 */
import type { KeyboardEvent } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectApplyEditor, selectSetYamlText, selectYamlText } from '../../store/selectors.ts';

export function YamlPane() {
  const yamlText = useAppStore(selectYamlText);
  const setYamlText = useAppStore(selectSetYamlText);
  const applyEditor = useAppStore(selectApplyEditor);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void applyEditor();
    }
  };

  return (
    <section className="pane editor-pane" aria-label="Manifest">
      <header className="pane-header">
        <h2 className="pane-title">Manifest</h2>
        <span className="pane-hint">YAML · Ctrl+Enter applies</span>
        <button type="button" className="button button-primary" data-testid="apply-button" onClick={() => void applyEditor()}>
          Apply
        </button>
      </header>
      <textarea
        className="yaml-input"
        data-testid="yaml-input"
        aria-label="YAML manifest"
        value={yamlText}
        onChange={(event) => setYamlText(event.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        autoComplete="off"
        wrap="off"
      />
    </section>
  );
}
