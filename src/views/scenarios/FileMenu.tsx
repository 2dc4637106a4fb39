/**
 * Export and import: the scenario as a JSON or YAML file, or as files for a real cluster (kind):
 * a shell script that writes the manifests, the kind config and replay.sh. Import reads a
 * scenario file (checked like a share link: nothing in it runs except as cluster inputs).
 */
import { useRef, useState } from 'react';
import { exportForCluster } from '../../scenarios/export.ts';
import { bundleFiles } from '../../scenarios/bundle.ts';
import { scenarioFromYamlOrJson, scenarioToJson, scenarioToYaml, ScenarioError } from '../../scenarios/validate.ts';
import { appStore } from '../../store/index.ts';
import { useT } from '../i18n.ts';

/** Files bigger than this are not read (a scenario is text: manifests and commands). */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export function FileMenu() {
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const t = useT();

  const exportAs = async (format: 'json' | 'yaml' | 'cluster') => {
    setOpen(false);
    const state = appStore.getState();
    if (!state.sim) return;
    const scenario = { ...(await state.sim.scenario()), view: { t: Math.floor(state.t) } };
    const slug = scenario.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
    if (format === 'json') download(`${slug}.kubeplay.json`, scenarioToJson(scenario), 'application/json');
    else if (format === 'yaml') download(`${slug}.kubeplay.yaml`, scenarioToYaml(scenario), 'application/yaml');
    else download(`${slug}-for-kind.sh`, bundleFiles(exportForCluster(scenario)), 'text/x-shellscript');
  };

  const importFile = async (file: File) => {
    const state = appStore.getState();
    if (file.size > MAX_IMPORT_BYTES) {
      state.setOpenError(`${file.name} is not a Kubeplay scenario: it is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    try {
      const scenario = scenarioFromYamlOrJson(await file.text());
      state.setOpenError(null);
      await state.openScenario(scenario, { t: scenario.view?.t ?? 0, play: scenario.view?.autoplay ?? true });
    } catch (error) {
      const why = error instanceof ScenarioError || error instanceof Error ? error.message : String(error);
      state.setOpenError(`${file.name} cannot be opened: ${why}`);
    }
  };

  return (
    <div className="file-menu">
      <button type="button" className="button" data-testid="file-menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('exportImport')}
      </button>
      {open && (
        <div className="popover menu" role="menu">
          <button type="button" role="menuitem" data-testid="export-json" onClick={() => void exportAs('json')}>
            {t('exportJson')}
          </button>
          <button type="button" role="menuitem" data-testid="export-yaml" onClick={() => void exportAs('yaml')}>
            {t('exportYaml')}
          </button>
          <button type="button" role="menuitem" data-testid="export-cluster" onClick={() => void exportAs('cluster')}>
            {t('exportCluster')}
          </button>
          <button type="button" role="menuitem" data-testid="import-button" onClick={() => input.current?.click()}>
            {t('importFile')}
          </button>
        </div>
      )}
      <input
        ref={input}
        type="file"
        accept=".json,.yaml,.yml,application/json,application/yaml"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          setOpen(false);
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
