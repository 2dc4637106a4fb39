import { expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from './duration.ts';
import { tabwrite } from './tabwriter.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

it('HumanDuration at every band boundary (apimachinery/pkg/util/duration)', () => {
  const cases: [number, string][] = [
    [-2 * S, '<invalid>'], [-1999, '0s'], [-1 * S, '0s'], [-1, '0s'], [0, '0s'], [999, '0s'], [S, '1s'],
    [119 * S, '119s'], [120 * S, '2m'], [121 * S, '2m1s'], [9 * M + 59 * S, '9m59s'], [10 * M, '10m'], [10 * M + 30 * S, '10m'],
    [179 * M, '179m'], [3 * H, '3h'], [3 * H + M, '3h1m'], [7 * H + 59 * M, '7h59m'], [8 * H, '8h'], [47 * H + 59 * M, '47h'],
    [48 * H, '2d'], [49 * H, '2d1h'], [8 * D - 1, '7d23h'], [8 * D, '8d'], [730 * D - 1, '729d'], [730 * D, '2y'], [731 * D, '2y1d'],
    [8 * 365 * D - 1, '7y364d'], [8 * 365 * D, '8y'], [20 * 365 * D, '20y'],
  ];
  for (const [ms, want] of cases) expect([ms, humanDuration(ms)]).toEqual([ms, want]);
});

it('ShortHumanDuration keeps one unit', () => {
  const cases: [number, string][] = [[-2 * S, '<invalid>'], [-S, '0s'], [59 * S, '59s'], [60 * S, '1m'], [59 * M, '59m'], [H, '1h'], [23 * H, '23h'], [D, '1d'], [364 * D, '364d'], [365 * D, '1y']];
  for (const [ms, want] of cases) expect([ms, shortHumanDuration(ms)]).toEqual([ms, want]);
});

it('tabwriter pads tab-terminated cells per column block and leaves the last cell alone', () => {
  expect(tabwrite('a\tbb\tc\nccc\td\te\n', { minwidth: 0, padding: 2 })).toBe('a    bb  c\nccc  d   e\n');
  // a line without tabs ends the block; consecutive tabbed lines share one (describe's `IPs:` then `Controlled By:`)
  expect(tabwrite('Name:\tx\nIPs:\n  IP:\t10.0.0.1\nControlled By:\ty\nContainers:\n', { minwidth: 0, padding: 2 })).toBe(
    'Name:  x\nIPs:\n  IP:           10.0.0.1\nControlled By:  y\nContainers:\n',
  );
  // minwidth applies to padded columns only; an empty cell still gets the padding
  expect(tabwrite('a\t\tb\n', { minwidth: 6, padding: 3 })).toBe('a     ' + '      ' + 'b\n');
});
