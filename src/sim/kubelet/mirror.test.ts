import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

describe('mirror pods of the control plane', () => {
  it('deleting one through the API leaves the static pod running and the kubelet recreates its mirror', () => {
    const c = createCluster();
    c.advance(5);
    const pods = () => c.snapshot().objects['pods']!;
    const before = pods().find((p) => p.metadata.name === 'kube-apiserver-control-plane')!;
    const started = c.now();
    expect(c.exec('kubectl delete pod kube-apiserver-control-plane -n kube-system')).toEqual({
      stdout: 'pod "kube-apiserver-control-plane" deleted\n',
      stderr: '',
      exitCode: 0,
    });
    expect(c.now() - started).toBeLessThan(2);
    const after = pods().find((p) => p.metadata.name === 'kube-apiserver-control-plane')!;
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.metadata.deletionTimestamp).toBeUndefined();
    expect(after.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(before.metadata.annotations?.['kubernetes.io/config.mirror']);
    c.advance(3);
    // The containers never stopped: still Running, no restart; only the API object is new (AGE).
    expect(c.exec('kubectl get pod kube-apiserver-control-plane -n kube-system').stdout).toBe(
      'NAME                           READY   STATUS    RESTARTS   AGE\nkube-apiserver-control-plane   1/1     Running   0          3s\n',
    );
  });
});
