/**
 * The YAML pane's files as tabs: show one, add one, rename one (double-click, F2 or the pencil),
 * close one after a confirmation (its text would be lost). Buttons all of them, reachable by
 * keyboard, with names in the page's language.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/index.ts';
import { MAX_TAB_NAME } from '../../store/editorSlice.ts';
import type { AppState } from '../../store/types.ts';
import { useT } from '../i18n.ts';

const selectTabs = (s: AppState) => s.tabs;
const selectActive = (s: AppState) => s.activeTabId;
const selectActions = (s: AppState) => s.addTab;
const selectSwitch = (s: AppState) => s.switchTab;
const selectRename = (s: AppState) => s.renameTab;
const selectClose = (s: AppState) => s.closeTab;

export function EditorTabs() {
  const t = useT();
  const tabs = useAppStore(selectTabs);
  const active = useAppStore(selectActive);
  const addTab = useAppStore(selectActions);
  const switchTab = useAppStore(selectSwitch);
  const renameTab = useAppStore(selectRename);
  const closeTab = useAppStore(selectClose);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [closing, setClosing] = useState<number | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const tabRefs = useRef(new Map<number, HTMLButtonElement>());

  useEffect(() => {
    if (renaming !== null) inputRef.current?.select();
  }, [renaming]);
  useEffect(() => {
    if (closing !== null) confirmRef.current?.focus();
  }, [closing]);

  const startRename = (id: number) => {
    const tab = tabs.find((x) => x.id === id);
    if (!tab) return;
    setClosing(null);
    setDraft(tab.name);
    setRenaming(id);
  };
  const finishRename = (commit: boolean) => {
    if (renaming === null) return;
    const id = renaming;
    if (commit) renameTab(id, draft);
    setRenaming(null);
    requestAnimationFrame(() => tabRefs.current.get(id)?.focus());
  };
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, id: number) => {
    if (event.key === 'F2') {
      event.preventDefault();
      startRename(id);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const i = tabs.findIndex((x) => x.id === id);
      const next = tabs[(i + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      if (next) tabRefs.current.get(next.id)?.focus();
    }
  };
  const closingTab = tabs.find((x) => x.id === closing);

  return (
    <div className="editor-tabs-bar">
      <div className="editor-tabs" role="group" aria-label={t('ed_tabs')} data-testid="editor-tabs">
        {tabs.map((tab) => {
          const shown = tab.id === active;
          return (
            <div key={tab.id} className={shown ? 'editor-tab editor-tab-active' : 'editor-tab'} data-testid="editor-tab" data-tab-name={tab.name} data-active={shown || undefined}>
              {renaming === tab.id ? (
                <input
                  ref={inputRef}
                  className="editor-tab-input"
                  data-testid="editor-tab-name"
                  aria-label={t('ed_tabName')}
                  value={draft}
                  maxLength={MAX_TAB_NAME}
                  spellCheck={false}
                  onChange={(e) => setDraft(e.target.value)}
                  onBlur={() => finishRename(true)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') finishRename(true);
                    else if (e.key === 'Escape') finishRename(false);
                  }}
                />
              ) : (
                <button
                  ref={(el) => {
                    if (el) tabRefs.current.set(tab.id, el);
                    else tabRefs.current.delete(tab.id);
                  }}
                  type="button"
                  className="editor-tab-button"
                  data-testid="editor-tab-button"
                  aria-current={shown ? 'true' : undefined}
                  onClick={() => switchTab(tab.id)}
                  onDoubleClick={() => startRename(tab.id)}
                  onKeyDown={(e) => onTabKey(e, tab.id)}
                >
                  {tab.name}
                </button>
              )}
              {shown && renaming !== tab.id && (
                <button type="button" className="editor-tab-icon" data-testid="editor-tab-rename" aria-label={t('ed_rename', { name: tab.name })} title={t('ed_rename', { name: tab.name })} onClick={() => startRename(tab.id)}>
                  ✎
                </button>
              )}
              {tabs.length > 1 && renaming !== tab.id && (
                <button type="button" className="editor-tab-icon" data-testid="editor-tab-close" aria-label={t('ed_closeTab', { name: tab.name })} title={t('ed_closeTab', { name: tab.name })} onClick={() => setClosing(tab.id)}>
                  ×
                </button>
              )}
            </div>
          );
        })}
        <button type="button" className="editor-tab-icon editor-tab-add" data-testid="editor-tab-add" aria-label={t('ed_newTab')} title={t('ed_newTab')} onClick={addTab}>
          +
        </button>
      </div>
      {closingTab && (
        <div className="editor-confirm" role="alertdialog" aria-labelledby="editor-confirm-text" data-testid="editor-tab-confirm" onKeyDown={(e) => e.key === 'Escape' && setClosing(null)}>
          <span id="editor-confirm-text">{t('ed_confirmClose', { name: closingTab.name })}</span>
          <button
            ref={confirmRef}
            type="button"
            className="button button-danger"
            data-testid="editor-tab-confirm-close"
            onClick={() => {
              closeTab(closingTab.id);
              setClosing(null);
            }}
          >
            {t('ed_closeTabConfirm')}
          </button>
          <button type="button" className="button" data-testid="editor-tab-confirm-cancel" onClick={() => setClosing(null)}>
            {t('ed_cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
