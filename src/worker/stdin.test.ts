import { describe, expect, it } from 'vitest';
import { createCluster } from '../sim/index.ts';
import { commandOfStdinLine, lineWithStdin } from './stdin.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    note: "it's 100% \\"quoted\\" $HOME \`x\` # not a comment"
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:

      - name: nginx
        image: nginx:1.27
`;

describe('lineWithStdin', () => {
  it('writes the text as printf arguments piped into the command', () => {
    expect(lineWithStdin('kubectl delete -f -', "a: 1\nb: 'x'\n")).toBe(`printf '%s\\n' 'a: 1' 'b: '\\''x'\\''' | kubectl delete -f -`);
    expect(lineWithStdin('kubectl diff -f -', '')).toBe("printf '' | kubectl diff -f -");
  });

  it('gives kubectl the same stream as stdin would: quotes, $, backquotes, # and blank lines survive', () => {
    const c = createCluster({ seed: 1 });
    c.apply(deployment);
    expect(c.exec(lineWithStdin('kubectl diff -f -', deployment))).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(c.exec(lineWithStdin('kubectl delete -f -', deployment.replace(/\n/g, '\r\n')))).toEqual({ stdout: 'deployment.apps "web" deleted\n', stderr: '', exitCode: 0 });
    expect(c.exec(lineWithStdin('kubectl delete -f -', deployment))).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): error when deleting "STDIN": deployments.apps "web" not found\n',
      exitCode: 1,
    });
  });

  it('refuses a text that would not fit in one recorded line', () => {
    expect(() => lineWithStdin('kubectl delete -f -', 'x'.repeat(10_000))).toThrow(
      'the manifest is too long for "kubectl delete -f -" from the editor: the history records it as one shell line of 10038 characters, at most 10000',
    );
  });
});

describe('commandOfStdinLine', () => {
  it('names the command of a line lineWithStdin made, and nothing for other lines', () => {
    expect(commandOfStdinLine(lineWithStdin('kubectl delete -f -', deployment))).toBe('kubectl delete -f -');
    expect(commandOfStdinLine(lineWithStdin('kubectl diff -f -', ''))).toBe('kubectl diff -f -');
    expect(commandOfStdinLine("printf '%s\\n' 'a' | kubectl delete -f - ; kubectl delete pod x")).toBeUndefined();
    expect(commandOfStdinLine("printf '%s\\n' 'a' 'b | kubectl delete -f -")).toBeUndefined();
    expect(commandOfStdinLine('kubectl get pods')).toBeUndefined();
  });
});
