/**
 * Field selectors as the API server reads them on a list (`kubectl get … --field-selector`):
 * apimachinery's fields.ParseSelector (terms joined by `,`, each `f=v`, `f==v` or `f!=v`, `\`
 * escaping `,`, `=` and `!` in values) and each registry's selectable fields (its
 * ToSelectableFields / field-label conversion: pkg/apis/core/v1/conversion.go, apps, batch). Every
 * resource selects `metadata.name` and `metadata.namespace`; the kinds below add their own.
 */
import { APIError } from './errors.ts';
import type { ResourceInfo } from './resources.ts';
import type { KubeObject } from './types.ts';

export interface FieldRequirement {
  field: string;
  equal: boolean;
  value: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON */
type Json = any;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** The fields a registry lets a list select on, beyond metadata.name and metadata.namespace. */
const SELECTABLE: Record<string, (o: Json) => Record<string, string>> = {
  pods: (o) => ({
    'spec.nodeName': str(o.spec?.nodeName),
    'spec.restartPolicy': str(o.spec?.restartPolicy),
    'spec.schedulerName': str(o.spec?.schedulerName),
    'spec.serviceAccountName': str(o.spec?.serviceAccountName),
    'spec.hostNetwork': String(o.spec?.hostNetwork === true),
    'status.phase': str(o.status?.phase),
    'status.podIP': str(o.status?.podIP),
    'status.nominatedNodeName': str(o.status?.nominatedNodeName),
  }),
  events: (o) => ({
    'involvedObject.kind': str(o.involvedObject?.kind),
    'involvedObject.namespace': str(o.involvedObject?.namespace),
    'involvedObject.name': str(o.involvedObject?.name),
    'involvedObject.uid': str(o.involvedObject?.uid),
    'involvedObject.apiVersion': str(o.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': str(o.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': str(o.involvedObject?.fieldPath),
    reason: str(o.reason),
    reportingComponent: str(o.reportingComponent),
    source: str(o.source?.component),
    type: str(o.type),
  }),
  nodes: (o) => ({ 'spec.unschedulable': String(o.spec?.unschedulable === true) }),
  namespaces: (o) => ({ 'status.phase': str(o.status?.phase) }),
  secrets: (o) => ({ type: str(o.type) }),
  replicationcontrollers: (o) => ({ 'status.replicas': str(o.status?.replicas ?? 0) }),
  replicasets: (o) => ({ 'status.replicas': str(o.status?.replicas ?? 0) }),
  jobs: (o) => ({ 'status.successful': str(o.status?.succeeded ?? 0) }),
};

/** Registries whose field-label conversion is their own (core/v1's and others'): an unknown field is `field label not supported`. */
const OWN_CONVERSION = new Set(['pods', 'events', 'nodes', 'namespaces', 'secrets', 'replicationcontrollers', 'replicasets', 'jobs']);

/** fields.ParseSelector: an empty selector selects everything. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  const terms: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[++i]!;
    } else if (c === ',') {
      terms.push(cur);
      cur = '';
    } else cur += c;
  }
  terms.push(cur);
  const out: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    // The operator is the first unescaped `!=`, `==` or `=`; a backslash takes the next character as it is.
    let at = -1;
    let op = '';
    for (let i = 0; i < term.length; i++) {
      if (term[i] === '\\') {
        i++;
        continue;
      }
      op = term.startsWith('!=', i) ? '!=' : term.startsWith('==', i) ? '==' : term[i] === '=' ? '=' : '';
      if (op) {
        at = i;
        break;
      }
    }
    if (at < 0) throw new APIError('BadRequest', `invalid selector: '${text}'; can't understand '${term}'`);
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    out.push({ field: unescape(term.slice(0, at)), equal: op !== '!=', value: unescape(term.slice(at + op.length)) });
  }
  return out;
}

/** The API server's check that every field is selectable for the resource: the error a list answers with. */
export function checkFieldSelector(info: ResourceInfo, reqs: readonly FieldRequirement[]): void {
  const known = new Set(['metadata.name', 'metadata.namespace', ...Object.keys(SELECTABLE[info.resource]?.({}) ?? {})]);
  for (const r of reqs) {
    if (known.has(r.field)) continue;
    if (OWN_CONVERSION.has(info.resource)) throw new APIError('BadRequest', `field label not supported: ${r.field}`);
    throw new APIError('BadRequest', `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`);
  }
}

/** Whether an object matches every requirement (checkFieldSelector first). */
export function matchesFields(info: ResourceInfo, obj: Readonly<KubeObject>, reqs: readonly FieldRequirement[]): boolean {
  if (reqs.length === 0) return true;
  const fields: Record<string, string> = { 'metadata.name': obj.metadata.name, 'metadata.namespace': obj.metadata.namespace ?? '', ...(SELECTABLE[info.resource]?.(obj) ?? {}) };
  return reqs.every((r) => (fields[r.field] === r.value) === r.equal);
}
