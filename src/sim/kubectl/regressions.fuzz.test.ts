/**
 * Bugs the property test and the fuzzers found (issue 9), each as its minimal counterexample with
 * the seed that found it and the code it points at. Each asserts what Kubernetes v1.31 does, so
 * each FAILS until that code is fixed; they are kept apart from the fuzzers so those stay green.
 * See src/sim/property.test.ts, src/sim/yaml/decode.fuzz.test.ts and src/sim/kubectl/apply.fuzz.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type ExecResult } from '../index.ts';
import { decodeStream } from '../yaml/decode.ts';

describe('found by fuzzing: kubectl apply', () => {
  it('a null container in a StatefulSet template: accepted as upstream does, then the Pod create fails, no TypeError', () => {
    // apply.fuzz "wrong type" (KUBEPLAY_LONG=1, seed -971539963, path "17:32"): spec.template.spec.containers[0] = null.
    // Go decodes the null list element as the zero Container. Upstream ValidatePodTemplateSpecForStatefulSet
    // (pkg/apis/apps/validation/validation.go, v1.31) does not validate the pod spec ("TODO: Add validation for
    // PodSpec"), so the StatefulSet is created; the controller's Pod create is then refused by validation and
    // reported as a FailedCreate event. Before the fix, the null reached the controller and threw a TypeError.
    const cluster = createCluster({ seed: 11 });
    const doc = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'ss' }, spec: { serviceName: 'ss', replicas: 1, selector: { matchLabels: { app: 'ss' } }, template: { metadata: { labels: { app: 'ss' } }, spec: { containers: [null] } } } };
    let result: ExecResult | undefined;
    expect(() => {
      result = cluster.apply(JSON.stringify(doc));
      cluster.advance(10);
    }).not.toThrow();
    expect(result).toEqual({ stdout: 'statefulset.apps/ss created\n', stderr: '', exitCode: 0 });
    const failed = cluster.timeline().find((e) => e.type === 'event' && e.reason === 'FailedCreate');
    expect(failed?.message).toContain('spec.containers[0].name: Required value');
  });

  it('a Pod with a null container gets validation errors, not a JavaScript message', () => {
    const cluster = createCluster({ seed: 11 });
    const result = cluster.apply(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [null] } }));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('spec.containers[0].name: Required value');
    expect(result.stderr).not.toContain('Cannot read properties');
  });

  it('refuses a field named after an Object.prototype member as an unknown field, like any other', () => {
    // Hunt over the "wrong type" generator: spec.constructor = "x" printed `error: t.replace is not a function`.
    // src/sim/validation/gotypes.ts:149 fieldType reads STRUCTS[struct]?.[field] from a plain object, so
    // "constructor", "toString", "__proto__"... resolve to Object.prototype's members (needs Object.hasOwn).
    const cluster = createCluster({ seed: 11 });
    for (const field of ['foo', 'constructor', 'toString']) {
      const result = cluster.apply(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"${field}":"x","containers":[{"name":"c","image":"nginx"}]}}`);
      expect(result.stderr).toBe(`Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.${field}"\n`);
    }
  });

  it('runs a command named after an Object.prototype member as "not found", without throwing', () => {
    // Hunt over the "wrong type" generator: a Job running `sh -c __proto__` made cluster.advance throw
    // (TypeError: yield* (intermediate value) is not iterable, src/sim/runtime/sh-run.ts:183), and
    // `kubectl exec POD -- constructor` throws out of cluster.exec (this.proc.next is not a function,
    // runtime/driver.ts:48) and leaves the container gone. Cause: src/sim/runtime/runtime.ts:321
    // `program: (name) => c.image.programs[name]` on a plain object (needs Object.hasOwn).
    const cluster = createCluster({ seed: 11 });
    cluster.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: sh}\nspec:\n  containers:\n  - name: c\n    image: busybox:1.36\n    command: ["sh", "-c", "__proto__; sleep 3600"]\n');
    expect(() => cluster.advance(20)).not.toThrow();
    expect(cluster.exec('kubectl logs sh').stdout).toBe('sh: __proto__: not found\n');
    let result: ExecResult | undefined;
    expect(() => (result = cluster.exec('kubectl exec sh -- sh -c constructor'))).not.toThrow();
    expect(result).toEqual({ stdout: '', stderr: 'sh: constructor: not found\ncommand terminated with exit code 127\n', exitCode: 127 });
    expect(() => (result = cluster.exec('kubectl exec sh -- constructor'))).not.toThrow();
    expect(result!.stderr).toMatch(/exec: "constructor": executable file not found in \$PATH: unknown\n$/);
  });

  it('a null in a command list does not crash the runtime', () => {
    // Hunt over the "wrong type" generator: command: ["sh", null, "exit 0"] in a Job template made
    // cluster.advance throw (Cannot read properties of null (reading 'startsWith'), runtime/proc.ts:94
    // resolvePath). Go decodes a JSON null list element as "" (the zero string); src/sim/yaml/decode.ts
    // dropNulls keeps nulls inside arrays.
    const cluster = createCluster({ seed: 11 });
    cluster.apply('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"n"},"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox:1.36","command":["sh",null,"exit 0"]}]}}');
    expect(() => cluster.advance(20)).not.toThrow();
  });

  it('quotes the name in "is invalid" as Go\'s %q does', () => {
    // apply.fuzz "wrong type" (KUBEPLAY_LONG=1, seed -442877266): metadata.name = '"'. kubectl's helpers.go
    // prints fmt.Sprintf("The %s %q is invalid", details.Kind, details.Name); src/sim/kubectl/errors.ts:20
    // writes `"${name}"` instead of goQuote(name) (src/sim/validation/errors.ts).
    const cluster = createCluster({ seed: 11 });
    const result = cluster.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \'a"b\'\n');
    expect(result.stderr).toMatch(/^The ConfigMap "a\\"b" is invalid: metadata\.name: Invalid value: "a\\"b": /);
  });
});

describe('found by fuzzing: the YAML reader', () => {
  it('reads "." and other float look-alikes as strings, as go-yaml v2 does', () => {
    // decode.fuzz "YAML-ish text" (KUBEPLAY_LONG=1, seed 1496280914): `a: .` decodes to NaN (then null in
    // JSON). go-yaml v2's resolve() only returns a float when strconv.ParseFloat accepts the text (after
    // removing '_' for the 'D'/'S' hints); ".", "-.", "._", ".e1", "0x_" and "0b_" stay strings. The `yaml`
    // package's YAML 1.1 float/int tags match them and yield NaN: src/sim/yaml/decode.ts needs its own
    // float and int resolvers (customTags) that refuse text ParseFloat/ParseInt would refuse.
    const [doc] = decodeStream('a: .\nb: -.\nc: ._\nd: .e1\ne: 0x_\n');
    expect(doc!.value).toEqual({ a: '.', b: '-.', c: '._', d: '.e1', e: '0x_' });
  });
});

describe('found by the property test', () => {
  it('kubectl delete --ignore-not-found treats a missing object as deleted', () => {
    // Seed 999993 (first run of this file): `kubectl delete pod web --ignore-not-found` for a Pod that does not
    // exist printed `Error from server (NotFound): pods "web" not found` and exited 1. delete.go's
    // DeleteResult wraps the result in r.IgnoreErrors(errors.IsNotFound) when the flag is set; the flag is
    // registered in src/sim/kubectl/index.ts but src/sim/kubectl/delete.ts never reads it.
    const cluster = createCluster({ seed: 1 });
    const result = cluster.exec('kubectl delete pod web --ignore-not-found');
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
  });
});
