/**
 * `kubectl wait (TYPE/NAME | TYPE NAME... | TYPE -l SEL | TYPE --all) --for=delete |
 * --for=condition=C[=V] | --for=jsonpath='{...}'[=V] [--timeout=30s]`, as kubectl v1.31 does
 * it (staging/src/k8s.io/kubectl/pkg/cmd/wait/wait.go, condition.go, delete.go, json.go): each
 * object in turn, printing `pod/x condition met` when it holds; one `--timeout` (default 30s,
 * 0 checks once, negative means a week) bounds the whole command, after which it fails with
 * `timed out waiting for the condition on pods/x`.
 *
 * Like `rollout status`, it runs virtual time forward event by event until the condition holds,
 * so the clock stops at the write that met it.
 */
import { APIError } from '../api/errors.ts';
import { matches, parseSelector, SelectorParseError, type Selector } from '../api/selector.ts';
import type { KubeObject } from '../api/types.ts';
import type { KubectlContext, Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, hasFlag, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { JSONPath, JSONPathError } from './jsonpath.ts';
import { nameOf } from './output.ts';
import { resolveArgs } from './resolve.ts';
import { parseDurationMs } from './rollout.ts';
import type { ResourceInfo } from '../api/resources.ts';

/** wait.go: a negative --timeout waits a week. */
const WEEK_MS = 7 * 24 * 3600 * 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

type Json = Parameters<JSONPath['find']>[0];

/** The condition's test: met, or not yet; throws for an error that ends the wait. */
type Check = (obj: KubeObject | undefined) => boolean;

/** conditionFuncFor: the forms `--for` accepts. */
function conditionFor(forCondition: string): { check: Check; isDelete: boolean } {
  if (forCondition.toLowerCase() === 'delete') return { check: (obj) => obj === undefined, isDelete: true };
  if (forCondition.startsWith('condition=')) {
    let name = forCondition.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { check: (obj) => obj !== undefined && conditionMet(obj, name, value), isDelete: false };
  }
  if (forCondition.startsWith('jsonpath=')) {
    const input = forCondition.slice('jsonpath='.length);
    const parts = input.split('=');
    if (parts.length > 2) throw new KubectlError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    if (parts.length === 2 && parts[1] === '') throw new KubectlError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    const [expression, value] = parts as [string, string | undefined];
    if (expression === '') throw new KubectlError('jsonpath expression cannot be empty');
    const j = new JSONPath();
    j.allowMissingKeys = true;
    try {
      j.parse(expression);
    } catch (err) {
      if (err instanceof JSONPathError) throw new KubectlError(err.message);
      throw err;
    }
    return { check: (obj) => obj !== undefined && jsonPathMet(j, obj, value), isDelete: false };
  }
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(forCondition)}`);
}

/** ConditionalWait.checkCondition: the condition of that type (any case), its status compared ignoring case; a stale observedGeneration is not met. */
function conditionMet(obj: KubeObject, name: string, value: string): boolean {
  const conditions = (obj.status?.conditions ?? []) as { type?: string; status?: string; observedGeneration?: number }[];
  for (const c of conditions) {
    if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
    if (typeof c.status !== 'string') continue;
    const generation = obj.metadata.generation;
    const observed = c.observedGeneration ?? (obj.status?.observedGeneration as number | undefined);
    if (generation !== undefined && observed !== undefined && observed < generation) return false;
    return c.status.toLowerCase() === value.toLowerCase();
  }
  return false;
}

/** JSONPathWait.isJSONPathConditionMet: one primitive result, compared as fmt's %v prints it. */
function jsonPathMet(j: JSONPath, obj: KubeObject, value: string | undefined): boolean {
  const results = j.find(JSON.parse(JSON.stringify(obj)) as Json);
  if (results.length === 0 || results[0]!.length === 0) return false;
  if (results.length > 1 || results[0]!.length > 1) throw new KubectlError('given jsonpath expression matches more than one value');
  if (value === undefined) return true;
  const r = results[0]![0];
  if (r !== null && typeof r === 'object') throw new KubectlError('jsonpath leads to a nested object or list which is not supported');
  return String(r === null ? '<nil>' : r).trim() === value.trim();
}

interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  uid: string;
  /** The object as first seen, for its printed name. */
  first: KubeObject;
}

function targets(ctx: KubectlContext, flags: ParsedFlags, isDelete: boolean): Target[] {
  const { selections } = resolveArgs(flags.args);
  if (selections.length === 0) {
    throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const allNamespaces = flagBool(flags, 'all-namespaces');
  const namespace = flagString(flags, 'namespace', 'default');
  let selector: Selector | undefined;
  if (hasFlag(flags, 'selector')) {
    try {
      selector = parseSelector(flagString(flags, 'selector'));
    } catch (err) {
      if (err instanceof SelectorParseError) throw new KubectlError(err.message);
      throw err;
    }
  }
  const out: Target[] = [];
  for (const sel of selections) {
    const ns = sel.info.namespaced ? (allNamespaces ? undefined : namespace) : undefined;
    if (sel.names.length > 0) {
      for (const name of sel.names) {
        const obj = ctx.store.get(sel.info, sel.info.namespaced ? namespace : undefined, name);
        if (!obj) {
          // wait.go: with --for=delete a missing object is already gone (NotFound errors are ignored).
          if (isDelete) continue;
          throw new APIError('NotFound', `${sel.info.resource}${sel.info.group ? `.${sel.info.group}` : ''} "${name}" not found`);
        }
        out.push({ info: sel.info, namespace: obj.metadata.namespace, name, uid: obj.metadata.uid, first: obj });
      }
    } else {
      if (!selector && !flagBool(flags, 'all')) throw new KubectlError('resource(s) were provided, but no name was specified');
      for (const obj of ctx.store.list(sel.info, ns)) {
        if (selector && !matches(selector, obj.metadata.labels)) continue;
        out.push({ info: sel.info, namespace: obj.metadata.namespace, name: obj.metadata.name, uid: obj.metadata.uid, first: obj });
      }
    }
  }
  return out;
}

function runWait(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const forCondition = flagString(flags, 'for');
  const { check, isDelete } = conditionFor(forCondition);
  const timeoutText = flagString(flags, 'timeout', '30s');
  const negative = timeoutText.startsWith('-');
  const timeoutMs = negative ? WEEK_MS : hasFlag(flags, 'timeout') ? parseDurationMs(timeoutText) : DEFAULT_TIMEOUT_MS;
  const list = targets(ctx, flags, isDelete);
  if (list.length === 0 && !isDelete) throw new KubectlError('no matching resources found');
  const deadline = ctx.kernel.nowMs + timeoutMs;
  for (const t of list) {
    // --for=delete waits on the object's uid (a new one with the same name is another object);
    // a condition is watched by name, and a deletion meanwhile just leaves it unmet (condition.go
    // isConditionMet: "this will chain back out ... and return false").
    const current = (): KubeObject | undefined => {
      const obj = ctx.store.get(t.info, t.namespace, t.name);
      return obj && (!isDelete || obj.metadata.uid === t.uid) ? obj : undefined;
    };
    let met = check(current());
    if (!met && timeoutMs === 0) {
      // getObjAndCheckCondition (and IsDeleted): a zero timeout fetches once.
      throw new KubectlError(`condition not met for ${t.info.resource}/${t.name}`);
    }
    while (!met && ctx.kernel.nowMs < deadline) {
      const next = ctx.kernel.agenda.peekTime();
      if (next === undefined || next > deadline) {
        ctx.kernel.advanceMs(deadline - ctx.kernel.nowMs);
        break;
      }
      ctx.kernel.advanceMs(Math.max(0, next - ctx.kernel.nowMs));
      met = check(current());
    }
    if (!met) throw new KubectlError(`timed out waiting for the condition on ${t.info.resource}/${t.name}`);
    out.out(`${nameOf(t.first)} condition met\n`);
  }
}

export const waitCommands: Record<string, Command> = {
  wait: {
    flags: [
      { name: 'for', type: 'string' },
      { name: 'timeout', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'all-namespaces', short: 'A', type: 'bool' },
      { name: 'field-selector', type: 'string' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'recursive', short: 'R', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'local', type: 'bool' },
      { name: 'allow-missing-template-keys', type: 'bool' },
    ],
    run: runWait,
  },
};
