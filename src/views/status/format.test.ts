import { describe, expect, it } from 'vitest';
import { formatVirtualTime } from './format.ts';

describe('formatVirtualTime', () => {
  it('shows whole seconds as h:mm:ss', () => {
    expect(formatVirtualTime(0)).toBe('0:00:00');
    expect(formatVirtualTime(7.9)).toBe('0:00:07');
    expect(formatVirtualTime(3723)).toBe('1:02:03');
    expect(formatVirtualTime(-1)).toBe('0:00:00');
  });
});
