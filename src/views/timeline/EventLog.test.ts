import { describe, expect, it } from 'vitest';
import { selectionOf } from './EventLog.tsx';

describe('selectionOf', () => {
  it('turns a marker object into what the inspector shows', () => {
    expect(selectionOf('Pod/default/web-1')).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-1' });
    expect(selectionOf('Node/worker-1')).toEqual({ kind: 'Node', namespace: '', name: 'worker-1' });
    expect(selectionOf('EndpointSlice/default/web-abc')).toBeNull();
    expect(selectionOf('')).toBeNull();
  });
});
