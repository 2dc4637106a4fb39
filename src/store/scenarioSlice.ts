/**
 * The scenario the page is showing: where it came from (the gallery, a link, a file, the saved
 * work), the lesson text, the share link, and messages about links and local storage. The
 * history itself lives in the worker's session; this slice asks it for the scenario when it needs
 * one (to share, export or save).
 */
import type { StateCreator } from 'zustand';
import type { Scenario } from '../scenarios/types.ts';
import type { GalleryEntry } from '../scenarios/gallery.ts';
import type { AppState } from './types.ts';

export type Language = 'en' | 'zh';

export interface ScenarioSlice {
  /** The gallery entry on screen, if the history started from one. */
  lesson: GalleryEntry | null;
  language: Language;
  /** The last share link made (a full URL). */
  shareUrl: string | null;
  /** A link or file that could not be opened: what was wrong (nothing else changed). */
  openError: string | null;
  /** Local storage could not be used as hoped (work continues). */
  storageWarning: string | null;
  /** Starts a scenario: the worker rebuilds the cluster and plays its inputs; the editor shows its manifests. */
  openScenario(scenario: Scenario, opts?: { t?: number; play?: boolean; lesson?: GalleryEntry | null; editorText?: string }): Promise<void>;
  setLanguage(language: Language): void;
  setShareUrl(url: string | null): void;
  setOpenError(message: string | null): void;
  setStorageWarning(message: string | null): void;
}

/** The manifests a scenario applies, as one YAML stream (what the editor shows when it opens). */
export function scenarioManifests(scenario: Scenario): string {
  return scenario.actions
    .flatMap((a) => (a.kind === 'apply' ? [a.yaml.replace(/\n+$/, '')] : []))
    .join('\n---\n')
    .concat('\n');
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => ({
  lesson: null,
  language: 'en',
  shareUrl: null,
  openError: null,
  storageWarning: null,
  openScenario: async (scenario, opts = {}) => {
    const sim = get().sim;
    if (!sim) return;
    const load: { t?: number; play?: boolean } = {};
    if (opts.t !== undefined) load.t = opts.t;
    if (opts.play !== undefined) load.play = opts.play;
    await sim.load(scenario, load);
    if (scenario.view?.speed !== undefined) await sim.setSpeed(scenario.view.speed);
    const manifests = scenarioManifests(scenario);
    set({ lesson: opts.lesson ?? null, shareUrl: null, yamlText: opts.editorText ?? (manifests.trim() === '' ? get().yamlText : manifests) });
  },
  setLanguage: (language) => set({ language }),
  setShareUrl: (url) => set({ shareUrl: url }),
  setOpenError: (message) => set({ openError: message }),
  setStorageWarning: (message) => set({ storageWarning: message }),
});
