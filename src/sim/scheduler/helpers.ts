/**
 * Matching helpers the plugins share, after their upstream sources: tolerations
 * (core/v1 `Toleration.ToleratesTaint`), node selector terms (component-helpers/scheduling/corev1/
 * nodeaffinity), and metav1.LabelSelector (`LabelSelectorAsSelector`).
 */
import type { Taint } from './types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- plain decoded JSON from Pod specs */

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  if (t.operator === undefined || t.operator === '' || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return false;
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function requirementMatches(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers, or the requirement does not match.
      if (!has || values.length !== 1 || !/^-?\d+$/.test(value!) || !/^-?\d+$/.test(values[0]!)) return false;
      const a = BigInt(value!);
      const b = BigInt(values[0]!);
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A term matches when every expression and field matches; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, nodeName: string, labels: Record<string, string>): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, labels)) return false;
  for (const f of fields) {
    // Only metadata.name is a supported field (validation refuses others).
    if (f.key !== 'metadata.name' || !requirementMatches({ ...f, key: 'n' }, { n: nodeName })) return false;
  }
  return true;
}

/** NodeSelector: the terms are ORed. */
export function nodeSelectorMatches(terms: readonly NodeSelectorTerm[], nodeName: string, labels: Record<string, string>): boolean {
  for (const t of terms) if (termMatches(t, nodeName, labels)) return true;
  return false;
}

/** `spec.nodeSelector` and the required node affinity together (nodeaffinity.GetRequiredNodeAffinity). */
export function requiredNodeAffinityMatches(spec: any, nodeName: string, labels: Record<string, string>): boolean {
  const selector: Record<string, string> | undefined = spec.nodeSelector;
  if (selector) {
    for (const k in selector) if (labels[k] !== selector[k]) return false;
  }
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return nodeSelectorMatches(required.nodeSelectorTerms ?? [], nodeName, labels);
  return true;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelector: undefined matches nothing, `{}` matches everything. */
export function labelSelectorMatches(selector: LabelSelector | undefined | null, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const ml = selector.matchLabels;
  if (ml) for (const k in ml) if (labels[k] !== ml[k]) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels[e.key];
    const values = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(v!))) return false;
    if (e.operator === 'NotIn' && has && values.includes(v!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** DefaultNormalizeScore (framework/plugins/helper/normalize_score.go). */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: number[]): number[] {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) return scores.map(() => (reverse ? maxPriority : 0));
  return scores.map((s) => {
    const v = Math.trunc((maxPriority * s) / max);
    return reverse ? maxPriority - v : v;
  });
}
