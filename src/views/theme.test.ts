import { describe, expect, it } from 'vitest';
import { parseSavedTheme, resolveTheme } from './theme.ts';

describe('theme', () => {
  it('follows the system until the user picks one', () => {
    expect(resolveTheme(null, true)).toBe('light');
    expect(resolveTheme(null, false)).toBe('dark');
    expect(resolveTheme('dark', true)).toBe('dark');
    expect(resolveTheme('light', false)).toBe('light');
  });
  it('reads only the two known values back from storage', () => {
    expect(parseSavedTheme('light')).toBe('light');
    expect(parseSavedTheme('dark')).toBe('dark');
    expect(parseSavedTheme('solarized')).toBeNull();
    expect(parseSavedTheme(null)).toBeNull();
  });
});
