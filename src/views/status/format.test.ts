import { describe, expect, it } from 'vitest';
import { formatVirtualTime, plural } from './format.ts';

describe('formatVirtualTime', () => {
  it('shows whole seconds as h:mm:ss', () => {
    expect(formatVirtualTime(0)).toBe('0:00:00');
    expect(formatVirtualTime(7.9)).toBe('0:00:07');
    expect(formatVirtualTime(3723)).toBe('1:02:03');
    expect(formatVirtualTime(-1)).toBe('0:00:00');
  });
});

describe('plural', () => {
  it('adds an s except for one', () => {
    expect(plural(1, 'pod')).toBe('1 pod');
    expect(plural(0, 'pod')).toBe('0 pods');
    expect(plural(3, 'node')).toBe('3 nodes');
  });
});
