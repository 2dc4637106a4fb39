import { describe, expect, it } from 'vitest';
import { binMarkers, nearestMarker, timeAt, xAt } from './scrubber.ts';
import type { Marker } from '../../worker/protocol.ts';

const marker = (t: number, category: Marker['category'], reason = 'X'): Marker => ({
  i: 0,
  t,
  category,
  level: 'Normal',
  reason,
  object: '',
  source: 's',
  message: reason,
});

describe('scrubber', () => {
  it('maps time to x and back within the bar', () => {
    expect(xAt(30, 600, 120)).toBe(150);
    expect(timeAt(150, 600, 120)).toBe(30);
    expect(timeAt(-5, 600, 120)).toBe(0);
    expect(timeAt(700, 600, 120)).toBe(120);
    expect(timeAt(10, 600, 0)).toBe(0);
  });

  it('bins many markers into one tick per column and category, leaving hidden categories out', () => {
    const markers = [marker(0, 'user'), marker(0.01, 'user'), marker(0.02, 'probe'), marker(60, 'probe'), marker(119.9, 'traffic')];
    const bins = binMarkers(markers, new Set(['user', 'probe']), 100, 120);
    expect([...bins.get('user')!]).toEqual([0]);
    expect([...bins.get('probe')!]).toEqual([0, 50]);
    expect(bins.has('traffic')).toBe(false);
  });

  it('finds the nearest shown marker within the tolerance', () => {
    const markers = [marker(10, 'user', 'a'), marker(12, 'probe', 'b'), marker(20, 'traffic', 'c')];
    const all = new Set(['user', 'probe', 'traffic'] as const);
    expect(nearestMarker(markers, all, 11.5, 1)?.reason).toBe('b');
    expect(nearestMarker(markers, new Set(['user'] as const), 11.5, 2)?.reason).toBe('a');
    expect(nearestMarker(markers, all, 16, 1)).toBeNull();
    expect(nearestMarker([], all, 1, 1)).toBeNull();
  });
});
