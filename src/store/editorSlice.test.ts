import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { DEFAULT_MANIFEST } from './defaultManifest.ts';
import { editorTabs } from './editorSlice.ts';
import type { SimulationApi } from '../worker/client.ts';

describe('editor tabs', () => {
  it('adds, switches, renames and closes tabs, each keeping its own text', () => {
    const store = createAppStore();
    const s = () => store.getState();
    expect(editorTabs(s())).toEqual({ tabs: [{ name: 'manifest.yaml', text: DEFAULT_MANIFEST }], active: 0 });
    s().setYamlText('kind: Pod\n');
    s().addTab();
    expect(s().yamlText).toBe('');
    s().setYamlText('kind: Service\n');
    s().addTab();
    s().setYamlText('kind: ConfigMap\n');
    expect(editorTabs(s())).toEqual({
      tabs: [
        { name: 'manifest.yaml', text: 'kind: Pod\n' },
        { name: 'manifest-2.yaml', text: 'kind: Service\n' },
        { name: 'manifest-3.yaml', text: 'kind: ConfigMap\n' },
      ],
      active: 2,
    });
    s().switchTab(s().tabs[0]!.id);
    expect(s().yamlText).toBe('kind: Pod\n');
    expect(s().renameTab(s().tabs[1]!.id, '  服务.yaml ')).toBe(true);
    expect(s().renameTab(s().tabs[1]!.id, '   ')).toBe(false);
    expect(s().renameTab(s().tabs[1]!.id, 'x'.repeat(101))).toBe(false);
    expect(s().tabs.map((t) => t.name)).toEqual(['manifest.yaml', '服务.yaml', 'manifest-3.yaml']);
    // Closing the shown tab shows the one that took its place; closing another leaves the shown one.
    s().closeTab(s().tabs[0]!.id);
    expect(s().yamlText).toBe('kind: Service\n');
    s().closeTab(s().tabs[1]!.id);
    expect(editorTabs(s())).toEqual({ tabs: [{ name: '服务.yaml', text: 'kind: Service\n' }], active: 0 });
    // The last tab stays.
    s().closeTab(s().tabs[0]!.id);
    expect(s().tabs).toHaveLength(1);
    // A new tab's name is the first free one.
    s().addTab();
    expect(s().tabs.map((t) => t.name)).toEqual(['服务.yaml', 'manifest-2.yaml']);
  });

  it('files a text written straight into yamlText (a scenario loading) under the shown tab', () => {
    const store = createAppStore();
    store.getState().addTab();
    store.setState({ yamlText: 'from a scenario\n' });
    store.getState().switchTab(store.getState().tabs[0]!.id);
    expect(editorTabs(store.getState()).tabs.map((t) => t.text)).toEqual([DEFAULT_MANIFEST, 'from a scenario\n']);
  });

  it('restores saved tabs with the shown one in the editor', () => {
    const store = createAppStore();
    store.getState().restoreTabs({ tabs: [{ name: 'a.yaml', text: 'a\n' }, { name: 'b.yaml', text: 'b\n' }], active: 1 });
    expect(store.getState().yamlText).toBe('b\n');
    expect(editorTabs(store.getState())).toEqual({ tabs: [{ name: 'a.yaml', text: 'a\n' }, { name: 'b.yaml', text: 'b\n' }], active: 1 });
  });
});

describe('the pane\'s commands with the tab on stdin', () => {
  it('runs kubectl delete -f - with the shown tab\'s text, echoes it in the terminal and returns its output', async () => {
    const store = createAppStore();
    const calls: [string, string | undefined][] = [];
    const answer = { stdout: 'deployment.apps "web" deleted\n', stderr: 'Error from server (NotFound): error when deleting "STDIN": services "web" not found\n', exitCode: 1 };
    store.getState().connect({
      exec: async (line: string, stdin?: string) => {
        calls.push([line, stdin]);
        return answer;
      },
      onUpdate: () => () => {},
      onFatal: () => () => {},
    } as unknown as SimulationApi);
    store.getState().setYamlText('kind: Deployment\n');
    const result = await store.getState().pipeEditor('kubectl delete -f -');
    expect(calls).toEqual([['kubectl delete -f -', 'kind: Deployment\n']]);
    expect(result).toEqual(answer);
    expect(store.getState().entries.map((e) => [e.stream, e.text])).toEqual([
      ['command', 'kubectl delete -f -'],
      ['stdout', 'deployment.apps "web" deleted\n'],
      ['stderr', 'Error from server (NotFound): error when deleting "STDIN": services "web" not found\n'],
    ]);
  });
});
