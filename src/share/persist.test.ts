import { describe, expect, it } from 'vitest';
import { BACKUP_KEY, loadWork, MAX_SAVED_CHARS, saveWork, WORK_KEY, type StorageLike } from './persist.ts';
import { GALLERY } from '../scenarios/gallery.ts';
import type { Scenario } from '../scenarios/types.ts';

class FakeStorage implements StorageLike {
  readonly items = new Map<string, string>();
  quota = Infinity;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (value.length > this.quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const scenario: Scenario = GALLERY[0]!.scenario;

describe('local persistence', () => {
  it('saves and loads the work', () => {
    const s = new FakeStorage();
    expect(saveWork(s, { scenario, editorText: 'kind: Pod\n' })).toEqual({ ok: true });
    expect(loadWork(s)).toEqual({ work: { scenario, editorText: 'kind: Pod\n' } });
  });

  it('has nothing to say when nothing was saved', () => {
    expect(loadWork(new FakeStorage())).toEqual({});
  });

  it('keeps only the editor text when the scenario is over the cap, and says so', () => {
    const s = new FakeStorage();
    const huge: Scenario = { ...scenario, actions: [{ at: 0, kind: 'apply', yaml: 'x'.repeat(MAX_SAVED_CHARS) }] };
    expect(saveWork(s, { scenario: huge, editorText: 'kind: Pod\n' })).toEqual({ ok: false, warning: 'only the editor text is saved in this browser: the scenario is larger than 1 MB (export it to a file to keep it)' });
    expect(loadWork(s)).toEqual({ editorText: 'kind: Pod\n' });
    expect(saveWork(s, { scenario, editorText: 'y'.repeat(MAX_SAVED_CHARS) })).toEqual({ ok: false, warning: 'not saved in this browser: the editor text is larger than 1 MB' });
    expect(loadWork(s)).toEqual({ editorText: 'kind: Pod\n' });
  });

  it('turns a full storage into a warning', () => {
    const s = new FakeStorage();
    s.quota = 100;
    expect(saveWork(s, { scenario, editorText: '' })).toEqual({ ok: false, warning: 'not saved in this browser: its storage is full (export the scenario to a file to keep it)' });
    const denied: StorageLike = { getItem: () => { throw new Error('The operation is insecure.'); }, setItem: () => { throw new Error('The operation is insecure.'); }, removeItem: () => {} };
    expect(saveWork(denied, { scenario, editorText: '' })).toEqual({ ok: false, warning: 'not saved in this browser: The operation is insecure.' });
    expect(loadWork(denied)).toEqual({ warning: 'the saved work cannot be read: The operation is insecure.' });
  });

  it('moves corrupt JSON aside and says where', () => {
    const s = new FakeStorage();
    s.items.set(WORK_KEY, '{"scenario": {');
    expect(loadWork(s)).toEqual({ warning: `the saved work was damaged and could not be read; it was moved to local storage key ${BACKUP_KEY}` });
    expect(s.items.get(BACKUP_KEY)).toBe('{"scenario": {');
    expect(s.items.has(WORK_KEY)).toBe(false);
    s.items.set(WORK_KEY, '[1,2]');
    expect(loadWork(s).warning).toBe(`the saved work was damaged and could not be read; it was moved to local storage key ${BACKUP_KEY}`);
  });

  it('keeps the editor text when only the scenario is invalid', () => {
    const s = new FakeStorage();
    s.items.set(WORK_KEY, JSON.stringify({ scenario: { ...scenario, seed: -1 }, editorText: 'mine' }));
    expect(loadWork(s)).toEqual({
      editorText: 'mine',
      warning: `the saved scenario is not valid (seed: must be an integer >= 0 and <= 4294967295, got -1); the editor text was kept; it was moved to local storage key ${BACKUP_KEY}`,
    });
    s.items.set(WORK_KEY, JSON.stringify({ scenario: { ...scenario, version: 3 }, editorText: 'mine' }));
    expect(loadWork(s).warning).toBe(`the saved scenario is not valid (this saved scenario was made by a newer Kubeplay (scenario version 3; this page reads version 1)); the editor text was kept; it was moved to local storage key ${BACKUP_KEY}`);
  });
});

describe('saved editor tabs', () => {
  const tabs = { tabs: [{ name: 'web.yaml', text: 'kind: Deployment\n' }, { name: '服务.yaml', text: 'kind: Service\n' }], active: 1 };

  it('saves every tab and which one is shown; the shown one is the editor text, not written twice', () => {
    const s = new FakeStorage();
    expect(saveWork(s, { scenario, editorText: 'kind: Service\n', tabs })).toEqual({ ok: true });
    const raw = JSON.parse(s.items.get(WORK_KEY)!) as Record<string, unknown>;
    expect(raw.editorText).toBe('kind: Service\n');
    expect(raw.tabs).toEqual([{ name: 'web.yaml', text: 'kind: Deployment\n' }, { name: '服务.yaml' }]);
    expect(raw.activeTab).toBe(1);
    expect(loadWork(s)).toEqual({ work: { scenario, editorText: 'kind: Service\n', tabs } });
  });

  it('keeps the tabs with the editor text when the scenario is over the cap', () => {
    const s = new FakeStorage();
    const huge: Scenario = { ...scenario, actions: [{ at: 0, kind: 'apply', yaml: 'x'.repeat(MAX_SAVED_CHARS) }] };
    expect(saveWork(s, { scenario: huge, editorText: 'kind: Service\n', tabs }).ok).toBe(false);
    expect(loadWork(s)).toEqual({ editorText: 'kind: Service\n', tabs });
  });

  it('loads work saved before tabs existed (one text) as it always did', () => {
    const s = new FakeStorage();
    s.items.set(WORK_KEY, JSON.stringify({ editorText: 'kind: Pod\n' }));
    expect(loadWork(s)).toEqual({ editorText: 'kind: Pod\n' });
    s.items.set(WORK_KEY, JSON.stringify({ scenario, editorText: 'kind: Pod\n' }));
    expect(loadWork(s)).toEqual({ work: { scenario, editorText: 'kind: Pod\n' } });
  });

  it('ignores malformed tabs and keeps the editor text', () => {
    const s = new FakeStorage();
    for (const bad of [
      { tabs: [], activeTab: 0 },
      { tabs: [{ name: 'a.yaml' }], activeTab: 1 },
      { tabs: [{ name: 'a.yaml' }, { name: 'b.yaml' }], activeTab: 0 },
      { tabs: [{ name: '' }], activeTab: 0 },
      { tabs: [{ name: 'x'.repeat(101) }], activeTab: 0 },
      { tabs: 'a.yaml', activeTab: 0 },
      { tabs: [{ name: 'a.yaml' }], activeTab: '0' },
    ]) {
      s.items.set(WORK_KEY, JSON.stringify({ editorText: 'kind: Pod\n', ...bad }));
      expect(loadWork(s), JSON.stringify(bad)).toEqual({ editorText: 'kind: Pod\n' });
    }
  });
});
