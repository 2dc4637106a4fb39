/**
 * The colour theme: dark or light. Until the user picks one (the header's toggle, saved in
 * localStorage) it follows the system's `prefers-color-scheme`, live. The theme is the
 * `data-theme` attribute of <html>; app.css defines the palette of each.
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'dark' | 'light';

export const THEME_KEY = 'kubeplay.theme';

/** The saved choice, if any (null: follow the system). */
export function parseSavedTheme(value: string | null): Theme | null {
  return value === 'dark' || value === 'light' ? value : null;
}

/** The theme to show: the saved choice, else the system's preference (dark when unknown). */
export function resolveTheme(saved: Theme | null, systemPrefersLight: boolean): Theme {
  return saved ?? (systemPrefersLight ? 'light' : 'dark');
}

const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function systemQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: light)') : null;
}

function current(): Theme {
  return resolveTheme(parseSavedTheme(storage()?.getItem(THEME_KEY) ?? null), systemQuery()?.matches ?? false);
}

function apply(): void {
  const theme = current();
  document.documentElement.dataset['theme'] = theme;
  document.documentElement.style.colorScheme = theme;
  for (const l of listeners) l();
}

/** Sets the theme on <html> now and keeps following the system until the user picks one. */
export function installTheme(): void {
  apply();
  systemQuery()?.addEventListener('change', apply);
  window.addEventListener('storage', (event) => {
    if (event.key === THEME_KEY) apply();
  });
}

/** The user's pick: saved, and shown at once. */
export function setTheme(theme: Theme): void {
  try {
    storage()?.setItem(THEME_KEY, theme);
  } catch {
    // A full or refused storage: the theme still changes for this page.
  }
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The theme shown, for components that draw with it (React Flow's colour mode). */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, current);
}
