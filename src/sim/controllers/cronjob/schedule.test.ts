import { describe, expect, it } from 'vitest';
import { formatRFC3339, parseRFC3339 } from '../../kernel/time.ts';
import { parseSchedule } from './schedule.ts';

/** The next `n` activations after `from`, as RFC 3339. */
function nextN(spec: string, from: string, n = 3): string[] {
  const s = parseSchedule(spec);
  const out: string[] = [];
  let t = parseRFC3339(from)!;
  for (let i = 0; i < n; i++) {
    t = s.next(t)!;
    out.push(formatRFC3339(t));
  }
  return out;
}

describe('cron schedules (robfig/cron v3 ParseStandard, UTC)', () => {
  it('steps, ranges, lists and names', () => {
    expect(nextN('*/5 * * * *', '2024-08-13T12:00:00Z')).toEqual(['2024-08-13T12:05:00Z', '2024-08-13T12:10:00Z', '2024-08-13T12:15:00Z']);
    expect(nextN('*/1 * * * *', '2024-08-13T12:00:30Z')).toEqual(['2024-08-13T12:01:00Z', '2024-08-13T12:02:00Z', '2024-08-13T12:03:00Z']);
    expect(nextN('0,30 9-10 * * *', '2024-08-13T12:00:00Z', 5)).toEqual(['2024-08-14T09:00:00Z', '2024-08-14T09:30:00Z', '2024-08-14T10:00:00Z', '2024-08-14T10:30:00Z', '2024-08-15T09:00:00Z']);
    expect(nextN('0 0 * JAN,feb MON', '2024-08-13T12:00:00Z', 2)).toEqual(['2025-01-06T00:00:00Z', '2025-01-13T00:00:00Z']);
    expect(nextN('15/20 * * * *', '2024-08-13T12:00:00Z')).toEqual(['2024-08-13T12:15:00Z', '2024-08-13T12:35:00Z', '2024-08-13T12:55:00Z']);
  });

  it('day-of-month OR day-of-week when both are restricted', () => {
    // 2024-08-13 is a Tuesday: the 15th (Thursday) and Saturdays match.
    expect(nextN('0 0 15 * SAT', '2024-08-13T12:00:00Z')).toEqual(['2024-08-15T00:00:00Z', '2024-08-17T00:00:00Z', '2024-08-24T00:00:00Z']);
  });

  it('descriptors', () => {
    expect(nextN('@hourly', '2024-08-13T12:00:00Z', 2)).toEqual(['2024-08-13T13:00:00Z', '2024-08-13T14:00:00Z']);
    expect(nextN('@daily', '2024-08-13T12:00:00Z', 1)).toEqual(['2024-08-14T00:00:00Z']);
    expect(nextN('@weekly', '2024-08-13T12:00:00Z', 1)).toEqual(['2024-08-18T00:00:00Z']);
    expect(nextN('@monthly', '2024-12-13T12:00:00Z', 1)).toEqual(['2025-01-01T00:00:00Z']);
    expect(nextN('@yearly', '2024-08-13T12:00:00Z', 1)).toEqual(['2025-01-01T00:00:00Z']);
    expect(nextN('@every 90s', '2024-08-13T12:00:00Z', 2)).toEqual(['2024-08-13T12:01:30Z', '2024-08-13T12:03:00Z']);
    expect(nextN('0 0 29 2 *', '2024-08-13T12:00:00Z', 1)).toEqual(['2028-02-29T00:00:00Z']);
  });

  it('refuses what robfig refuses, with its messages', () => {
    expect(() => parseSchedule('* * * *')).toThrow('expected exactly 5 fields, found 4: [* * * *]');
    expect(() => parseSchedule('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
    expect(() => parseSchedule('@fortnightly')).toThrow('unrecognized descriptor: @fortnightly');
    expect(() => parseSchedule('x * * * *')).toThrow('failed to parse int from x');
  });
});
