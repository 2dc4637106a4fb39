/**
 * The YAML pane: its files as tabs, and the shown tab's text. `yamlText` is the shown tab's
 * text and the one source of truth for it (a scenario loading its manifests writes it directly);
 * the other tabs keep theirs in `tabs`. Switching tabs files `yamlText` away and brings the
 * other text in.
 */
import type { StateCreator } from 'zustand';
import type { EditorTabs } from '../share/persist.ts';
import { DEFAULT_MANIFEST } from './defaultManifest.ts';
import type { AppState } from './types.ts';

export interface EditorTab {
  id: number;
  name: string;
  /** The tab's text; for the shown tab, `yamlText` is current and this is not read. */
  text: string;
}

export const FIRST_TAB_NAME = 'manifest.yaml';
export const MAX_TAB_NAME = 100;

export interface EditorSlice {
  yamlText: string;
  tabs: EditorTab[];
  activeTabId: number;
  setYamlText(text: string): void;
  /** Opens a new empty tab after the others and shows it. */
  addTab(): void;
  switchTab(id: number): void;
  /** Renames a tab; a blank or over-long name is refused (returns false). */
  renameTab(id: number, name: string): boolean;
  /** Closes a tab (never the last one); the neighbour is shown if it was the shown one. */
  closeTab(id: number): void;
  /** Puts back saved tabs (the shown one's text becomes `yamlText`). */
  restoreTabs(saved: EditorTabs): void;
}

/** The tabs with their current texts, as saved. */
export function editorTabs(s: Pick<AppState, 'tabs' | 'activeTabId' | 'yamlText'>): EditorTabs {
  return {
    tabs: s.tabs.map((t) => ({ name: t.name, text: t.id === s.activeTabId ? s.yamlText : t.text })),
    active: Math.max(0, s.tabs.findIndex((t) => t.id === s.activeTabId)),
  };
}

/** `manifest-2.yaml`, `manifest-3.yaml`, …: the first free one. */
function freeName(tabs: readonly EditorTab[]): string {
  const taken = new Set(tabs.map((t) => t.name));
  for (let n = 2; ; n++) if (!taken.has(`manifest-${n}.yaml`)) return `manifest-${n}.yaml`;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set, get) => {
  let nextId = 2;
  /** The tabs with the shown one's text filed from `yamlText`. */
  const filed = (): EditorTab[] => {
    const { tabs, activeTabId, yamlText } = get();
    return tabs.map((t) => (t.id === activeTabId ? { ...t, text: yamlText } : t));
  };
  return {
    yamlText: DEFAULT_MANIFEST,
    tabs: [{ id: 1, name: FIRST_TAB_NAME, text: DEFAULT_MANIFEST }],
    activeTabId: 1,
    setYamlText: (text) => set({ yamlText: text }),
    addTab: () => {
      const tabs = filed();
      const tab: EditorTab = { id: nextId++, name: freeName(tabs), text: '' };
      set({ tabs: [...tabs, tab], activeTabId: tab.id, yamlText: '' });
    },
    switchTab: (id) => {
      if (id === get().activeTabId) return;
      const tabs = filed();
      const next = tabs.find((t) => t.id === id);
      if (!next) return;
      set({ tabs, activeTabId: id, yamlText: next.text });
    },
    renameTab: (id, name) => {
      const trimmed = name.trim();
      if (trimmed === '' || trimmed.length > MAX_TAB_NAME) return false;
      set({ tabs: get().tabs.map((t) => (t.id === id ? { ...t, name: trimmed } : t)) });
      return true;
    },
    closeTab: (id) => {
      const tabs = filed();
      const index = tabs.findIndex((t) => t.id === id);
      if (index < 0 || tabs.length === 1) return;
      const rest = tabs.filter((t) => t.id !== id);
      if (id !== get().activeTabId) return set({ tabs: rest });
      const shown = rest[Math.min(index, rest.length - 1)]!;
      set({ tabs: rest, activeTabId: shown.id, yamlText: shown.text });
    },
    restoreTabs: (saved) => {
      const tabs = saved.tabs.map((t) => ({ id: nextId++, name: t.name, text: t.text }));
      const shown = tabs[saved.active] ?? tabs[0];
      if (!shown) return;
      set({ tabs, activeTabId: shown.id, yamlText: shown.text });
    },
  };
};
