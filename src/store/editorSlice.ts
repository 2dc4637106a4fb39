/** The YAML pane's text. */
import type { StateCreator } from 'zustand';
import { DEFAULT_MANIFEST } from './defaultManifest.ts';
import type { AppState } from './types.ts';

export interface EditorSlice {
  yamlText: string;
  setYamlText(text: string): void;
}

export const createEditorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  yamlText: DEFAULT_MANIFEST,
  setYamlText: (text) => set({ yamlText: text }),
});
