/**
 * kubectl's -o json, -o yaml and -o name printers. The object goes through JSON as a
 * map[string]interface{}, so keys come out sorted; JSON is indented by four spaces
 * (json.MarshalIndent in printers/json.go), YAML is go-yaml v2's output via sigs.k8s.io/yaml:
 * sequences not indented under their key, strings quoted only when they would read as another
 * type (double quotes) or could not stand plain (single quotes), long scalars folded at 80
 * columns, multi-line strings as literal blocks.
 */
import { Document, Scalar, visit } from 'yaml';
import { resourceForKind } from '../api/resources.ts';
import type { KubeObject } from '../api/types.ts';

export function toJSON(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 4)}\n`;
}

export function toYAML(value: unknown): string {
  const doc = new Document(sortKeys(value), { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const s = node.value;
      if (s.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (readsAsOtherType(s)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 80, minContentWidth: 0, singleQuote: true, nullStr: 'null', trueStr: 'true', falseStr: 'false' });
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

/** Strings that YAML 1.1 would read as a number, bool or null must be quoted to stay strings. */
function readsAsOtherType(s: string): boolean {
  if (s === '') return true;
  if (/^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/.test(s)) return true;
  if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(s) || /^[-+]?0[0-7_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0b[01_]+$/.test(s)) return true;
  if (/^[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?$/.test(s) && /[0-9]/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/.test(s)) return true;
  // go-yaml v2 resolves timestamps too, so a timestamp string is quoted.
  if (/^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/.test(s)) return true;
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(s) || /^\.(?:nan|NaN|NAN)$/.test(s)) return true;
  return false;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}
