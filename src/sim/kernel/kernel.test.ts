import { describe, expect, it } from 'vitest';
import { Agenda } from './agenda.ts';
import { Kernel } from './kernel.ts';
import { Prng } from './prng.ts';
import { Timeline } from './timeline.ts';
import { EPOCH_MS, formatRFC1123Z, formatRFC3339, parseRFC3339 } from './time.ts';

describe('Prng (xoshiro128** seeded by splitmix32)', () => {
  it('gives the same sequence for the same seed and a different one for another', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('matches the reference xoshiro128** output for a known state', () => {
    // Reference values from an independent Python transcription of the published C code
    // (xoshiro128starstar.c), its state filled by splitmix32 from seed 1.
    const p = new Prng(1);
    expect(Array.from({ length: 4 }, () => p.nextUint32())).toEqual([2442144158, 3238099751, 3819917871, 2104621829]);
  });

  it('intBelow stays in range and covers it', () => {
    const p = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const v = p.intBelow(6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(6);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
  });
});

describe('Agenda', () => {
  it('runs by time, then by the order work was scheduled', () => {
    const agenda = new Agenda();
    const order: string[] = [];
    agenda.schedule(20, 'c', () => order.push('c'));
    agenda.schedule(10, 'a', () => order.push('a'));
    agenda.schedule(10, 'b', () => order.push('b'));
    const cancelled = agenda.schedule(5, 'x', () => order.push('x'));
    agenda.cancel(cancelled);
    for (let e = agenda.pop(); e; e = agenda.pop()) e.run();
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('keeps ties stable across many entries', () => {
    const agenda = new Agenda();
    const order: number[] = [];
    for (let i = 0; i < 200; i++) agenda.schedule(i % 3, `e${i}`, () => order.push(i));
    for (let e = agenda.pop(); e; e = agenda.pop()) e.run();
    const expected = [...Array(200).keys()].sort((x, y) => (x % 3) - (y % 3) || x - y);
    expect(order).toEqual(expected);
  });
});

describe('Kernel', () => {
  it('advances the virtual clock and runs due work at its time', () => {
    const k = new Kernel(1);
    const seen: number[] = [];
    k.after(1500, 'one', () => {
      seen.push(k.nowMs);
      k.after(1000, 'two', () => seen.push(k.nowMs));
    });
    k.advanceMs(2000);
    expect(seen).toEqual([1500]);
    expect(k.nowMs).toBe(2000);
    k.advanceMs(1000);
    expect(seen).toEqual([1500, 2500]);
    expect(k.nowSeconds).toBe(3);
  });

  it('stamps timeline entries with virtual seconds', () => {
    const k = new Kernel(1);
    k.advanceMs(1250);
    k.record({ source: 'test', type: 'decision', message: 'hello' });
    expect(k.timeline.list()).toEqual([{ t: 1.25, source: 'test', type: 'decision', message: 'hello' }]);
  });
});

describe('time', () => {
  it('formats and parses RFC 3339 without the Date global', () => {
    expect(formatRFC3339(EPOCH_MS)).toBe('2024-08-13T12:00:00Z');
    expect(formatRFC3339(EPOCH_MS + 86_400_000 * 200 + 61_000)).toBe('2025-03-01T12:01:01Z');
    expect(formatRFC3339(Date.UTC(2000, 1, 29, 23, 59, 59))).toBe('2000-02-29T23:59:59Z');
    expect(parseRFC3339('2024-08-13T12:00:00Z')).toBe(EPOCH_MS);
    expect(parseRFC3339('2024-08-13T14:00:00+02:00')).toBe(EPOCH_MS);
    expect(formatRFC1123Z(EPOCH_MS)).toBe('Tue, 13 Aug 2024 12:00:00 +0000');
  });

  it('agrees with Date over a wide range', () => {
    for (let ms = -5e11; ms < 5e12; ms += 7_777_777_777) {
      const whole = Math.floor(ms / 1000) * 1000;
      expect(formatRFC3339(ms)).toBe(new Date(whole).toISOString().replace('.000Z', 'Z'));
      expect(parseRFC3339(formatRFC3339(ms))).toBe(whole);
    }
  });
});

describe('Timeline', () => {
  it('reads incrementally by the count of entries ever recorded, across dropped ones', () => {
    const tl = new Timeline(10);
    const rec = (i: number) => tl.record({ t: i, source: 's', type: 'decision', message: `m${i}` });
    for (let i = 0; i < 8; i++) rec(i);
    expect(tl.total).toBe(8);
    expect(tl.since(6).map((e) => e.message)).toEqual(['m6', 'm7']);
    for (let i = 8; i < 25; i++) rec(i);
    expect(tl.total).toBe(25);
    expect(tl.list().length).toBeLessThanOrEqual(10);
    expect(tl.dropped + tl.list().length).toBe(25);
    expect(tl.since(20).map((e) => e.message)).toEqual(['m20', 'm21', 'm22', 'm23', 'm24']);
    // Asking for entries already dropped returns what is left.
    expect(tl.since(0)[0]!.message).toBe(`m${tl.dropped}`);
  });
});
