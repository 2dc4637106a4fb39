import { describe, expect, it } from 'vitest';
import { diagnoseApply, parseFieldPath } from './applyDiagnostics.ts';

/** `stderr` as the simulated `kubectl apply -f -` prints it for `text` (copied from its output). */
function problems(text: string, stderr: string) {
  return diagnoseApply(text, stderr).map((p) => ({ line: p.line, column: p.startColumn, message: p.message }));
}

const DEPLOYMENT = (replicas: string, extra = '') => `# 中文注释
apiVersion: v1
kind: ConfigMap
metadata:
  name: a
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx${extra}
`;

describe('diagnoseApply', () => {
  it('puts a YAML error on its absolute line', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n    labels: [oops\n';
    expect(problems(text, 'error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n')).toEqual([{ line: 10, column: 1, message: 'yaml: line 5: mapping values are not allowed in this context' }]);
  });

  it('points a type error at the field (json unmarshal)', () => {
    const stderr = 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n';
    expect(problems(DEPLOYMENT('"three"'), stderr)).toEqual([
      { line: 12, column: 3, message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' },
    ]);
  });

  it('points an unknown field at its key', () => {
    const stderr = 'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].foo"\n';
    expect(problems(DEPLOYMENT('1', '\n          foo: bar'), stderr)).toEqual([{ line: 22, column: 11, message: 'unknown field "spec.template.spec.containers[0].foo"' }]);
  });

  it('points each cause of an Invalid error at its field or closest parent', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n';
    const stderr = 'The Pod "p" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[0].imagePullPolicy: Required value\n';
    expect(problems(text, stderr)).toEqual([
      { line: 7, column: 5, message: 'spec.containers[0].image: Required value' },
      { line: 7, column: 5, message: 'spec.containers[0].imagePullPolicy: Required value' },
    ]);
  });

  it('points a missing kind at the start of its document', () => {
    const stderr = 'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n';
    expect(problems('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nmetadata:\n  name: x\n', stderr)).toEqual([
      { line: 6, column: 1, message: '[apiVersion not set, kind not set]' },
    ]);
  });

  it('reports nothing for a clean apply', () => {
    expect(problems(DEPLOYMENT('2'), '')).toEqual([]);
  });

  it('parses field paths with indices and bracketed keys', () => {
    expect(parseFieldPath('spec.containers[0].image')).toEqual(['spec', 'containers', 0, 'image']);
    expect(parseFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});

it('uses the name to pick among documents of the same kind', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: x\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: c\n';
  expect(problems(text, 'The Pod "b" is invalid: spec.containers[0].image: Required value\n')).toEqual([
    { line: 16, column: 5, message: 'spec.containers[0].image: Required value' },
  ]);
});
