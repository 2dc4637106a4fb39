import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const daemonSet = (image: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
spec:
  selector:
    matchLabels: {app: fluentd}
  template:
    metadata:
      labels: {app: fluentd}
    spec:
      containers:
      - name: fluentd
        image: ${image}
`;

const statefulSet = (image: string): string => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

describe('ControllerRevisions', () => {
  it('keeps a DaemonSet revision per template, renumbers on undo, and rolls back', () => {
    const c = createCluster({ seed: 5 });
    c.apply(daemonSet('fluentd:v1'));
    c.advance(30);
    c.apply(daemonSet('fluentd:v2'));
    c.advance(60);
    // printControllerRevision: CONTROLLER as `<kind>.<group>/<name>`.
    expect(c.exec('kubectl get controllerrevisions').stdout).toBe(`NAME                CONTROLLER               REVISION   AGE
fluentd-cfb575677   daemonset.apps/fluentd   2          60s
fluentd-f9d76ff9d   daemonset.apps/fluentd   1          90s
`);
    // kubeadm's own DaemonSets have theirs too.
    expect(c.exec('kubectl get controllerrevisions -n kube-system').stdout).toBe(`NAME                   CONTROLLER                  REVISION   AGE
kube-proxy-d6cf5566d   daemonset.apps/kube-proxy   1          90s
`);
    expect(c.exec('kubectl rollout history ds/fluentd').stdout).toBe('daemonset.apps/fluentd \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(c.exec('kubectl rollout history ds/fluentd --revision=1').stdout).toContain('daemonset.apps/fluentd with revision #1\nPod Template:\n  Labels:\tapp=fluentd\n  Containers:\n   fluentd:\n    Image:\tfluentd:v1\n');
    expect(c.exec('kubectl rollout undo ds/fluentd').stdout).toBe('daemonset.apps/fluentd rolled back\n');
    c.advance(60);
    // The earlier template's revision becomes the newest instead of a new one being added.
    expect(c.exec('kubectl get controllerrevisions').stdout).toBe(`NAME                CONTROLLER               REVISION   AGE
fluentd-cfb575677   daemonset.apps/fluentd   2          2m
fluentd-f9d76ff9d   daemonset.apps/fluentd   3          2m30s
`);
    expect(c.exec('kubectl get pods -l app=fluentd -o yaml').stdout).toContain('controller-revision-hash: f9d76ff9d\n');
    expect(c.exec('kubectl rollout undo ds/fluentd --to-revision=3').stdout).toBe('daemonset.apps/fluentd skipped rollback (current template already matches revision 3)\n');
    expect(c.exec('kubectl rollout undo ds/fluentd --to-revision=9').stderr).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('keeps StatefulSet revisions named by status.updateRevision, with the hash label', () => {
    const c = createCluster({ seed: 5 });
    c.apply(statefulSet('nginx:1.26'));
    c.advance(30);
    expect(c.exec('kubectl rollout undo sts/web').stderr).toBe('error: no last revision to roll back to\n');
    c.apply(statefulSet('nginx:1.27'));
    c.advance(60);
    const sts = c.exec('kubectl get sts web -o yaml').stdout;
    const update = sts.match(/updateRevision: (web-[a-z0-9]+)/)![1]!;
    const list = c.exec('kubectl get controllerrevisions').stdout.split('\n');
    expect(list[0]).toBe('NAME             CONTROLLER             REVISION   AGE');
    expect(list.find((l) => l.startsWith(update))).toBe(`${update}   statefulset.apps/web   2          60s`);
    expect(c.exec(`kubectl get controllerrevision ${update} -o yaml`).stdout).toContain(`  labels:\n    app: nginx\n    controller.kubernetes.io/hash: ${update.slice('web-'.length)}\n`);
    expect(c.exec('kubectl rollout history sts/web').stdout).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(c.exec('kubectl rollout undo sts/web').stdout).toBe('statefulset.apps/web rolled back\n');
    expect(c.exec('kubectl get sts web -o yaml').stdout).toContain('image: nginx:1.26\n');
  });
});
