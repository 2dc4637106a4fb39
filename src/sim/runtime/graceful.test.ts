import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

const POD = (name: string, script: string) => `
apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  containers: [{ name: app, image: busybox:1.36, command: [sh, -c, '${script}'] }]
`;

describe('graceful shutdown through the kubelet', () => {
  it('a trap on TERM ends the pod when the current sleep returns; without one it waits out the 30 s grace period', () => {
    const c = createCluster();
    c.apply(POD('trapper', 'trap "echo bye; exit 0" TERM; while true; do sleep 1; done'));
    c.apply(POD('stubborn', 'while true; do sleep 1; done'));
    c.advance(10);
    c.exec('kubectl delete pod trapper stubborn --wait=false');
    c.advance(3);
    expect(c.exec('kubectl get pods --no-headers').stdout.trim().split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['stubborn']);
    c.advance(30);
    expect(c.exec('kubectl get pods').stderr).toBe('No resources found in default namespace.\n');
  });

  it('kubectl exec runs pipelines, ps and echo -e in the container', () => {
    const c = createCluster();
    c.apply(POD('box', 'sleep 3600'));
    c.advance(10);
    expect(c.exec('kubectl exec box -- ps').stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps\n');
    expect(c.exec('kubectl exec box -- sh -c "echo -e \'a\\tb\\nc\' | grep -c ."').stdout).toBe('2\n');
    expect(c.exec('kubectl exec box -- date +%H:%M:%S').stdout).toBe('12:00:10\n');
  });
});
