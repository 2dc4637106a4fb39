/**
 * kubectl's -o json, -o yaml and -o name printers. The object goes through JSON as a
 * map[string]interface{}, so keys come out sorted; JSON is indented by four spaces
 * (json.MarshalIndent in printers/json.go), YAML is go-yaml v2's output via sigs.k8s.io/yaml:
 * sequences not indented under their key, strings quoted only when they would read as another
 * type (double quotes) or could not stand plain (single quotes), long scalars folded at 80
 * columns, multi-line strings as literal blocks.
 */
import { resourceForKind } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';
import { goSortedKeys } from './gofmt.ts';
import { marshalYAML } from './goyaml.ts';

export function toJSON(value: unknown): string {
  // encoding/json escapes <, > and & (HTMLEscape) and U+2028/U+2029; JSON.stringify does not.
  const text = JSON.stringify(sortKeys(value), null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}

export function toYAML(value: unknown): string {
  return marshalYAML(sortKeys(value));
}

/** A list as `kubectl get -o json|yaml` returns it. */
export function asList(items: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion: '' } };
}

/** `pod/nginx`, `deployment.apps/web`. */
export function nameOf(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  const info = resourceForKind(obj.apiVersion, obj.kind);
  const singular = info ? info.singular : obj.kind.toLowerCase();
  const group = info?.group ? `.${info.group}` : '';
  return `${singular}${group}/${obj.metadata.name}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of goSortedKeys(value as Record<string, unknown>)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
