/**
 * What the page opens with, from its URL and the browser's storage, and the saving of the work
 * as it goes. Precedence: a share link in the fragment (`#s1.…`), then `?scenario=<gallery id>`,
 * then the work saved in this browser, then an empty cluster with the default manifest.
 * URL parameters for demos: `scenario`, `speed` (0.25–100), `t` (virtual seconds to jump to),
 * `autoplay` (`0`/`1`; default: play unless `t` is given), `lang` (`en`/`zh`).
 *
 * A link that cannot be opened says what is wrong and leaves the saved work untouched: nothing
 * is saved until the page has opened something valid.
 */
import { galleryEntry, GALLERY } from '../scenarios/gallery.ts';
import { WELCOME } from '../scenarios/welcome.ts';
import { browserLanguage } from '../views/i18n.ts';
import { decodeShareLink } from '../share/link.ts';
import { loadWork, saveWork, type StorageLike } from '../share/persist.ts';
import type { AppStore } from '../store/index.ts';
import { editorTabs } from '../store/editorSlice.ts';
import type { Scenario } from '../scenarios/types.ts';
import { parseDemoParams } from '../share/params.ts';
import { rememberScenario } from './restore.ts';
import { selectionFromPath } from '../share/selection.ts';

/** How often the work is saved when something changed (real milliseconds). */
const SAVE_EVERY_MS = 2_000;

export async function startPage(store: AppStore, location: { search: string; hash: string }, storage: StorageLike | null): Promise<void> {
  const state = () => store.getState();
  const { params, warnings } = parseDemoParams(location.search, GALLERY.map((e) => e.id));
  const problems = warnings.map((w) => `URL: ${w}.`);
  state().setLanguage(params.lang ?? browserLanguage(navigator.languages ?? [navigator.language]));
  const play = params.autoplay ?? params.t === undefined;
  let opened = false;
  let linkFailed = false;
  let savedText: string | undefined;

  if (location.hash.startsWith('#s')) {
    const link = await decodeShareLink(location.hash);
    if (link.ok) {
      await state().openScenario(link.scenario, { t: params.t ?? link.t ?? 0, play: params.autoplay ?? link.t === undefined });
      opened = true;
      selectPath(store, params.selection ?? link.selection);
    } else {
      problems.unshift(`This share link cannot be opened: ${link.error}. Your saved work is untouched.`);
      linkFailed = true;
    }
  } else if (params.scenario !== undefined) {
    const entry = galleryEntry(params.scenario)!;
    await state().openScenario(entry.scenario, { t: params.t ?? 0, play, lesson: entry });
    opened = true;
    selectPath(store, params.selection);
  }

  let saving = true;
  if (!opened && storage && !params.empty) {
    const saved = loadWork(storage);
    if (saved.warning) state().setStorageWarning(`Saved work: ${saved.warning}.`);
    // The editor's tabs first: opening the saved scenario then puts its text into the shown one.
    const tabs = saved.work?.tabs ?? saved.tabs;
    if (tabs) state().restoreTabs(tabs);
    if (saved.work && saved.work.scenario.actions.length > 0) {
      const scenario: Scenario = saved.work.scenario;
      await state().openScenario(scenario, { t: params.t ?? scenario.view?.t ?? 0, play, editorText: saved.work.editorText });
      opened = true;
    } else if (saved.work || saved.editorText !== undefined) {
      savedText = saved.work?.editorText ?? saved.editorText;
      if (savedText !== undefined) state().setYamlText(savedText);
    }
  }
  // First open (nothing asked for, no saved history): a working cluster with traffic, not an empty one.
  if (!opened && !params.empty && !linkFailed) {
    await state().openScenario(WELCOME.scenario, { t: 0, play, lesson: WELCOME, ...(savedText !== undefined ? { editorText: savedText } : {}) });
    opened = true;
  }
  // A broken link must not overwrite the saved work with an empty cluster; nor must `?empty=1`.
  if ((linkFailed && !opened) || params.empty) saving = false;
  if (params.speed !== undefined) await state().setSpeed(params.speed);
  if (problems.length > 0) state().setOpenError(problems.join('\n'));
  if (storage && saving) keepSaving(store, storage);
  listenForLinks(store);
}

/** Opens the inspector on a `pods/default/web`-style path, when there is one. */
function selectPath(store: AppStore, path: string | undefined): void {
  const selection = path === undefined ? null : selectionFromPath(path);
  if (selection) store.getState().select(selection);
}

/** A share link pasted into the address bar of an open page changes only the fragment: open it too. */
function listenForLinks(store: AppStore): void {
  window.addEventListener('hashchange', () => {
    const hash = window.location.hash;
    if (!hash.startsWith('#s')) return;
    void decodeShareLink(hash).then(async (link) => {
      if (link.ok) {
        store.getState().setOpenError(null);
        await store.getState().openScenario(link.scenario, { t: link.t ?? 0, play: link.t === undefined });
      } else {
        store.getState().setOpenError(`This share link cannot be opened: ${link.error}. Your saved work is untouched.`);
      }
    });
  });
}

/** Saves the scenario and the editor text whenever either changed, at most every SAVE_EVERY_MS. */
function keepSaving(store: AppStore, storage: StorageLike): void {
  let savedInputs = -1;
  let savedText = '';
  let savedTabs: unknown = null;
  let savedAt = -1;
  setInterval(() => {
    const s = store.getState();
    const sim = s.sim;
    if (!sim || s.fatal) return;
    const t = Math.floor(s.t);
    const sameText = s.yamlText === savedText && s.tabs === savedTabs;
    if (s.clock.inputs === savedInputs && sameText && t === savedAt) return;
    // The time matters only to reopen where the person was: save it at most every ten seconds.
    if (s.clock.inputs === savedInputs && sameText && Math.abs(t - savedAt) < 10) return;
    void sim
      .scenario()
      .then((scenario) => {
        // The exact time (not the whole second): an input at 5.4 s must not fall after a saved 5.
        const withView: Scenario = { ...scenario, view: { ...scenario.view, t: s.t } };
        rememberScenario(withView, s.t);
        const result = saveWork(storage, { scenario: withView, editorText: s.yamlText, tabs: editorTabs(s) });
        savedInputs = s.clock.inputs;
        savedText = s.yamlText;
        savedTabs = s.tabs;
        savedAt = t;
        store.getState().setStorageWarning(result.ok ? null : `Saving in this browser: ${result.warning}.`);
      })
      .catch(() => {
        /* The worker is gone; the fatal banner says so. */
      });
  }, SAVE_EVERY_MS);
}
