import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../sim/api/resources.ts';
import schema from './kubernetes.schema.json';

interface Schema {
  allOf: { if: { properties: { kind: { const: string } } }; then: { $ref: string } }[];
  definitions: Record<string, { type?: unknown; required?: string[]; properties?: Record<string, unknown> }>;
}
const s = schema as unknown as Schema;

describe('the editor schema (scripts/gen-schema.mjs)', () => {
  it('dispatches on kind for every kind the simulated API server serves', () => {
    const dispatched = s.allOf.map((b) => b.if.properties.kind.const).sort();
    const served = [...new Set(RESOURCES.map((r) => r.kind))].sort();
    expect(dispatched).toEqual(served);
    for (const branch of s.allOf) {
      const name = decodeURIComponent(branch.then.$ref.replace('#/definitions/', ''));
      expect(s.definitions[name]?.required).toEqual(expect.arrayContaining(['apiVersion', 'kind']));
    }
  });

  it('accepts numbers for quantities and int-or-strings, and only numbers for replicas', () => {
    expect(s.definitions['Quantity']?.type).toEqual(['string', 'number']);
    expect(s.definitions['ServicePort']?.properties?.['targetPort']).toMatchObject({ type: ['number', 'string'] });
    expect(s.definitions['DeploymentSpec']?.properties?.['replicas']).toMatchObject({ type: 'number' });
  });
});
