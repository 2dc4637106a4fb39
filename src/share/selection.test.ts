import { describe, expect, it } from 'vitest';
import { selectionFromPath, selectionToPath } from './selection.ts';

describe('selection paths', () => {
  it('round-trips namespaced and cluster-scoped objects', () => {
    expect(selectionFromPath('pods/default/web')).toEqual({ kind: 'Pod', namespace: 'default', name: 'web' });
    expect(selectionFromPath('nodes/worker-1')).toEqual({ kind: 'Node', namespace: '', name: 'worker-1' });
    expect(selectionToPath({ kind: 'Service', namespace: 'shop', name: 'api' })).toBe('services/shop/api');
    expect(selectionToPath({ kind: 'Node', namespace: '', name: 'worker-2' })).toBe('nodes/worker-2');
  });

  it('refuses what the inspector cannot show', () => {
    for (const path of ['secrets/default/x', 'pods/web', 'nodes/a/b', '', 'pods//web']) expect(selectionFromPath(path), path).toBeNull();
    expect(selectionToPath({ kind: 'Secret', namespace: 'default', name: 'x' })).toBeUndefined();
  });
});
