import { describe, expect, it } from 'vitest';
import { isReadOnly } from './readonly.ts';

describe('isReadOnly', () => {
  it('accepts commands that only read', () => {
    for (const line of [
      'kubectl get pods -o wide',
      'kubectl -n kube-system get pods',
      'kubectl describe pod web',
      'kubectl logs web -c nginx',
      'kubectl rollout history deployment/web',
      'iptables-save -t nat',
      'iptables -t nat -L KUBE-SERVICES',
      'kubectl diff -f -',
      'kubectl -n web diff -f -',
    ]) {
      expect(isReadOnly(line), line).toBe(true);
    }
  });

  it('refuses anything that changes the cluster, waits, or is not understood', () => {
    for (const line of [
      'kubectl apply -f -',
      'kubectl delete pod web',
      'kubectl delete -f -',
      'kubectl get pods -w',
      'kubectl logs -f web',
      'kubectl rollout status deployment/web',
      'kubectl rollout undo deployment/web',
      'kubectl exec web -- ls',
      'systemctl stop kubelet',
      'iptables -F',
      'kubectl get pods; kubectl delete pod web',
      "kubectl get 'pods",
      '',
    ]) {
      expect(isReadOnly(line), line).toBe(false);
    }
  });
});
