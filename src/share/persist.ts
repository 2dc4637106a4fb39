/**
 * The current work in local storage, so it survives a reload. Pure functions over a
 * Storage-like object (window.localStorage in the page, a fake in tests): reading never throws,
 * a corrupt or invalid saved value is moved aside to a backup key rather than lost, and a value
 * too large for the cap or the browser's quota gives a warning, never an exception.
 */
import { minimizeScenario, parseScenario, ScenarioError } from '../scenarios/validate.ts';
import type { Scenario } from '../scenarios/types.ts';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Work {
  scenario: Scenario;
  /** What is in the editor, saved or not (the active tab's text). */
  editorText: string;
  /** The editor's tabs, when it has any: the active one's text is `editorText`. */
  tabs?: EditorTabs;
}

/** The YAML pane's files: names and texts, and which one is shown. */
export interface EditorTabs {
  tabs: { name: string; text: string }[];
  active: number;
}

/** At most this many tabs are read back (a hand-edited value cannot make the pane unusable). */
export const MAX_TABS = 50;
export const MAX_TAB_NAME = 100;

export const WORK_KEY = 'kubeplay.work.v1';
/** Where a saved value that cannot be read is moved, for a person to recover by hand. */
export const BACKUP_KEY = 'kubeplay.work.v1.corrupt';
/** Local storage holds about 5 MB per origin (UTF-16): stay well below, and leave room for others. */
export const MAX_SAVED_CHARS = 1024 * 1024;

interface Saved {
  scenario?: Scenario;
  editorText: string;
  /** Added later: older saved work has only `editorText` (one tab). The active tab's text is `editorText`, not repeated here. */
  tabs?: { name: string; text?: string }[];
  activeTab?: number;
}

function savedTabs(tabs: EditorTabs | undefined): Pick<Saved, 'tabs' | 'activeTab'> {
  if (!tabs) return {};
  return { tabs: tabs.tabs.map((t, i) => (i === tabs.active ? { name: t.name } : { name: t.name, text: t.text })), activeTab: tabs.active };
}

/**
 * Saves the work. Over the cap, only the editor text is kept (the scenario is what grew: a long
 * history of inputs) and a warning says so; if even that does not fit, nothing is written.
 */
export function saveWork(storage: StorageLike, work: Work): { ok: true } | { ok: false; warning: string } {
  const full = JSON.stringify({ scenario: minimizeScenario(work.scenario), editorText: work.editorText, ...savedTabs(work.tabs) } satisfies Saved);
  if (full.length <= MAX_SAVED_CHARS) return write(storage, full);
  const textOnly = JSON.stringify({ editorText: work.editorText, ...savedTabs(work.tabs) } satisfies Saved);
  if (textOnly.length > MAX_SAVED_CHARS) {
    return { ok: false, warning: `not saved in this browser: the editor text is larger than ${MAX_SAVED_CHARS / 1024 / 1024} MB` };
  }
  const r = write(storage, textOnly);
  if (!r.ok) return r;
  return { ok: false, warning: `only the editor text is saved in this browser: the scenario is larger than ${MAX_SAVED_CHARS / 1024 / 1024} MB (export it to a file to keep it)` };
}

function write(storage: StorageLike, value: string): { ok: true } | { ok: false; warning: string } {
  try {
    storage.setItem(WORK_KEY, value);
    return { ok: true };
  } catch (err) {
    if (isQuotaError(err)) return { ok: false, warning: 'not saved in this browser: its storage is full (export the scenario to a file to keep it)' };
    // Safari in private mode and storage disabled by policy throw SecurityError or similar.
    return { ok: false, warning: `not saved in this browser: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  // Firefox's old name, and the legacy code 22 (1014 in old Firefox).
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/**
 * The saved work, if any. A value that is not JSON or not a valid scenario is moved to
 * BACKUP_KEY and reported in `warning`; the editor text is kept when only the scenario is bad.
 */
export function loadWork(storage: StorageLike): { work?: Work; editorText?: string; tabs?: EditorTabs; warning?: string } {
  let raw: string | null;
  try {
    raw = storage.getItem(WORK_KEY);
  } catch (err) {
    return { warning: `the saved work cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (raw === null) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { warning: `the saved work was damaged and could not be read${backup(storage, raw)}` };
  }
  if (typeof data !== 'object' || data === null || typeof (data as Saved).editorText !== 'string') {
    return { warning: `the saved work was damaged and could not be read${backup(storage, raw)}` };
  }
  const saved = data as { scenario?: unknown; editorText: string; tabs?: unknown; activeTab?: unknown };
  const tabs = readTabs(saved.tabs, saved.activeTab, saved.editorText);
  const withTabs = tabs ? { tabs } : {};
  if (saved.scenario === undefined) return { editorText: saved.editorText, ...withTabs };
  try {
    return { work: { scenario: parseScenario(saved.scenario, 'saved scenario'), editorText: saved.editorText, ...withTabs } };
  } catch (err) {
    const why = err instanceof ScenarioError ? err.issues[0] : String(err);
    return { editorText: saved.editorText, ...withTabs, warning: `the saved scenario is not valid (${why}); the editor text was kept${backup(storage, raw)}` };
  }
}

/** The saved tabs, if they are well-formed; otherwise none (the editor text alone still loads). */
function readTabs(tabs: unknown, active: unknown, editorText: string): EditorTabs | undefined {
  if (!Array.isArray(tabs) || tabs.length === 0 || tabs.length > MAX_TABS) return undefined;
  if (typeof active !== 'number' || !Number.isInteger(active) || active < 0 || active >= tabs.length) return undefined;
  const out: EditorTabs['tabs'] = [];
  for (const [i, t] of tabs.entries()) {
    if (typeof t !== 'object' || t === null) return undefined;
    const { name, text } = t as { name?: unknown; text?: unknown };
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_TAB_NAME) return undefined;
    if (i === active) out.push({ name, text: editorText });
    else if (typeof text === 'string') out.push({ name, text });
    else return undefined;
  }
  return { tabs: out, active };
}

/** Moves the bad value aside; returns the sentence ending that says where it went. */
function backup(storage: StorageLike, raw: string): string {
  try {
    storage.setItem(BACKUP_KEY, raw);
    storage.removeItem(WORK_KEY);
    return `; it was moved to local storage key ${BACKUP_KEY}`;
  } catch {
    try { storage.removeItem(WORK_KEY); } catch { /* nothing more to do */ }
    return '';
  }
}
