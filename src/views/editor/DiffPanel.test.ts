import { describe, expect, it } from 'vitest';
import { classifyDiff } from './DiffPanel.tsx';

describe('classifyDiff', () => {
  it('tells file labels, hunk ranges, removed, added and context lines apart', () => {
    const lines = [
      'diff -u -N /tmp/LIVE-1/v1.ConfigMap.default.a /tmp/MERGED-2/v1.ConfigMap.default.a',
      '--- /tmp/LIVE-1/v1.ConfigMap.default.a\t2024-08-13 12:00:00.000000000 +0000',
      '+++ /tmp/MERGED-2/v1.ConfigMap.default.a\t2024-08-13 12:00:00.000000000 +0000',
      '@@ -1,3 +1,3 @@',
      ' data:',
      '---- x',
      '+++ y',
      '   note: z',
    ];
    expect(classifyDiff(lines)).toEqual(['file', 'file', 'file', 'hunk', 'context', 'removed', 'added', 'context']);
  });
});
