import type { KubeObject } from '../../../api/types.ts';
import { goSprint } from '../../gofmt.ts';
import { formatLabels, goSort, rfc1123z } from '../util.ts';
import { describeEvents, LEVEL_0, LEVEL_1, PrefixWriter, printAnnotationsMultiline, printLabelsMultiline } from './writer.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- objects are plain JSON read defensively */
type Json = any;

/** describeNamespace: the cluster has no ResourceQuotas or LimitRanges, so both say so. */
export function describeNamespace(ns: KubeObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ns.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conditions: Json[] = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n');
    w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, '\n');
  w.write(LEVEL_0, 'No resource quota.\n');
  w.write(LEVEL_0, '\n');
  w.write(LEVEL_0, 'No LimitRange resource.\n');
  return w.toString();
}

/**
 * ConfigMapDescriber. Go ranges over the Data map, whose order is random; keys are sorted here
 * so the output is stable.
 */
export function describeConfigMap(cm: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', cm.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const k of goSort(Object.keys(data))) {
    w.write(LEVEL_0, `${k}:\n----\n`);
    w.write(LEVEL_0, `${data[k]}\n`);
    w.write(LEVEL_0, '\n');
  }
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  const binary = (cm.binaryData ?? {}) as Record<string, string>;
  for (const k of goSort(Object.keys(binary))) w.write(LEVEL_0, `${k}: ${base64Length(binary[k]!)} bytes\n`);
  w.write(LEVEL_0, '\n');
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

/** Decoded length of base64 text (Secret and ConfigMap binary data are base64 in JSON). */
function base64Length(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

export function describeSecret(secret: KubeObject): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', secret.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
  w.write(LEVEL_0, `\nType:\t${String(secret.type ?? '')}\n`);
  w.write(LEVEL_0, '\nData\n====\n');
  const data = (secret.data ?? {}) as Record<string, string>;
  for (const k of goSort(Object.keys(data))) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${decodeBase64(data[k]!)}\n`);
    else w.write(LEVEL_0, `${k}:\t${base64Length(data[k]!)} bytes\n`);
  }
  return w.toString();
}

function decodeBase64(b64: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const ch of b64.replace(/[\s=]/g, '')) {
    value = (value << 6) | alphabet.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}

/** A short describe for kinds without a dedicated describer here: the metadata kubectl prints first. */
/**
 * genericDescriber, for kinds without a describer of their own: the header, then every other field
 * of the object (printUnstructuredContent: keys sorted, labels made by smartLabelFor, lists of
 * maps flattened one level in, `%v` for scalars), then the events.
 */
export function describeGeneric(obj: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', obj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  printUnstructuredContent(w, LEVEL_0, obj as unknown as Record<string, Json>, '', GENERIC_SKIP);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}

const GENERIC_SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

function printUnstructuredContent(w: PrefixWriter, level: number, content: Record<string, Json>, skipPrefix: string, skip: ReadonlySet<string>): void {
  for (const field of goSort(Object.keys(content))) {
    const value = content[field];
    const path = `${skipPrefix}.${field}`;
    if (skip.has(path)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Record<string, Json>, path, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child as Record<string, Json>, path, skip);
        else w.write(level + 1, `${goSprint(child)}\n`);
      }
    } else w.write(level, `${smartLabelFor(field)}:\t${goSprint(value)}\n`);
  }
}

/** smartLabelFor: `apiVersion` → `API Version`; fields with anything but letters and '-' stay as they are. */
function smartLabelFor(field: string): string {
  if ([...field].some((r) => r !== '-' && !/\p{L}/u.test(r))) return field;
  const acronyms = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);
  return camelcaseSplit(field)
    .filter((part) => part !== '_')
    .map((part) => (acronyms.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

/** fatih/camelcase.Split: runs of lower, upper, digit and other; an upper run's last letter joins a following lower run. */
function camelcaseSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const cls = /\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4;
    if (cls === last) runs[runs.length - 1]!.push(r);
    else runs.push([r]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i]![0]!) && /\p{Ll}/u.test(runs[i + 1]![0]!)) {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/**
 * describePriorityClass: its annotations as one `k=v,...` line (labels.FormatLabels), the
 * last-applied-configuration included, so its trailing newline leaves a blank line before Events.
 */
export function describePriorityClass(pc: KubeObject, events: readonly KubeObject[], nowUnixMs: number): string {
  const p: Json = pc;
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
  w.write(LEVEL_0, `Value:\t${p.value ?? 0}\n`);
  w.write(LEVEL_0, `GlobalDefault:\t${p.globalDefault === true}\n`);
  w.write(LEVEL_0, `PreemptionPolicy:\t${p.preemptionPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Description:\t${p.description ?? ''}\n`);
  w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(events, w, nowUnixMs);
  return w.toString();
}
