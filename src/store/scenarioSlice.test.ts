import { describe, expect, it } from 'vitest';
import { scenarioManifests } from './scenarioSlice.ts';

describe('scenarioManifests', () => {
  it('joins the applied manifests in order as one YAML stream, leaving commands out', () => {
    expect(
      scenarioManifests({
        version: 1,
        title: 't',
        seed: 1,
        actions: [
          { at: 0, kind: 'apply', yaml: 'kind: A\n\n' },
          { at: 1, kind: 'exec', line: 'kubectl get pods' },
          { at: 2, kind: 'apply', yaml: 'kind: B' },
        ],
      }),
    ).toBe('kind: A\n---\nkind: B\n');
  });
});
