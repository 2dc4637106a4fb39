import { describe, expect, it } from 'vitest';
import { applyTab, commonPrefix, promptFor } from './completion.ts';
import { formatColumns } from '../../store/terminalSlice.ts';

describe('the prompt', () => {
  it('is the kubectl prompt on the control plane, root@node:~# on another node', () => {
    expect(promptFor(null)).toBe('$');
    expect(promptFor('worker-1')).toBe('root@worker-1:~#');
  });
});

describe('Tab, as bash does it', () => {
  it('one candidate: the word replaced and a space after (none after type/)', () => {
    expect(applyTab('kubectl get dep', { from: 12, candidates: ['deployments.apps'], noSpace: false }, false)).toEqual({ before: 'kubectl get deployments.apps ', list: null });
    expect(applyTab('kubectl logs deploy', { from: 13, candidates: ['deployments/'], noSpace: true }, false)).toEqual({ before: 'kubectl logs deployments/', list: null });
  });
  it('several: the common prefix first, then the list on the next Tab', () => {
    const c = { from: 12, candidates: ['pods', 'poddisruptionbudgets.policy'], noSpace: false };
    expect(applyTab('kubectl get po', c, false)).toEqual({ before: 'kubectl get pod', list: null });
    expect(applyTab('kubectl get pod', { ...c, from: 12 }, false)).toEqual({ before: 'kubectl get pod', list: null });
    expect(applyTab('kubectl get pod', { ...c, from: 12 }, true)).toEqual({ before: 'kubectl get pod', list: ['pods', 'poddisruptionbudgets.policy'] });
  });
  it('nothing to complete: nothing changes', () => {
    expect(applyTab('curl ', { from: 5, candidates: [], noSpace: false }, true)).toEqual({ before: 'curl ', list: null });
  });
  it('commonPrefix', () => {
    expect(commonPrefix(['web-7d9-abcde', 'web-7d9-fghij'])).toBe('web-7d9-');
    expect(commonPrefix([])).toBe('');
  });
  it('the list in columns, down then across, for 80 columns', () => {
    expect(formatColumns(['pods', 'poddisruptionbudgets.policy'])).toBe('pods                         poddisruptionbudgets.policy\n');
    const many = Array.from({ length: 7 }, (_, i) => `name-${i}-${'x'.repeat(13)}`);
    expect(formatColumns(many)).toBe(
      'name-0-xxxxxxxxxxxxx  name-3-xxxxxxxxxxxxx  name-6-xxxxxxxxxxxxx\n' +
        'name-1-xxxxxxxxxxxxx  name-4-xxxxxxxxxxxxx\n' +
        'name-2-xxxxxxxxxxxxx  name-5-xxxxxxxxxxxxx\n',
    );
  });
});
