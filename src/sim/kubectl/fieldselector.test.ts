/**
 * `--field-selector` on kubectl get and delete, answered as the API server answers a list: the
 * fields each registry selects on, `=`/`==`/`!=` and `,`, and the errors for a field it does not
 * select on (core/v1's `field label not supported`, the default conversion's for other groups)
 * as kubectl's resource builder words them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

describe('kubectl --field-selector', () => {
  let c: Cluster;
  beforeAll(() => {
    c = createCluster({ seed: 12 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  nodeName: worker-1
  containers: [{name: nginx, image: nginx:1.27}]
---
apiVersion: v1
kind: Pod
metadata: {name: done}
spec:
  nodeName: worker-2
  restartPolicy: Never
  containers: [{name: c, image: busybox:1.36, command: [sh, -c, "exit 0"]}]
`);
    c.advance(20);
  });

  it('selects Pods by node and phase, with != and several terms', () => {
    expect(c.exec('kubectl get pods --field-selector spec.nodeName=worker-1 -o name').stdout).toBe('pod/web\n');
    expect(c.exec('kubectl get pods --field-selector=status.phase==Succeeded -o name').stdout).toBe('pod/done\n');
    expect(c.exec('kubectl get pods --field-selector status.phase!=Succeeded,metadata.name=web -o name').stdout).toBe('pod/web\n');
    expect(c.exec('kubectl get pods -A --field-selector spec.nodeName=control-plane,metadata.namespace=kube-system -o name').stdout).toContain('pod/etcd-control-plane\n');
    expect(c.exec('kubectl get pods --field-selector spec.nodeName=worker-9')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it("selects a Pod's Events by involvedObject.name, as the docs' debugging pages do", () => {
    const out = c.exec('kubectl get events --field-selector involvedObject.name=web').stdout.split('\n').filter(Boolean);
    expect(out[0]).toBe('LAST SEEN   TYPE     REASON    OBJECT    MESSAGE');
    expect(out.slice(1).map((l) => l.split(/\s+/)[2])).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('refuses a field the registry does not select on, worded as kubectl prints the API error', () => {
    expect(c.exec('kubectl get pods --field-selector spec.foo=bar')).toEqual({
      stdout: '',
      stderr: 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo\n',
      exitCode: 1,
    });
    expect(c.exec('kubectl get deployments -l app=x --field-selector spec.replicas=1').stderr).toBe(
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=x", field selector "spec.replicas=1": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
    );
    expect(c.exec('kubectl get pods --field-selector nonsense').stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "nonsense": invalid selector: \'nonsense\'; can\'t understand \'nonsense\'\n',
    );
  });

  it('kubectl delete pods --field-selector=status.phase==Succeeded deletes only the finished Pod', () => {
    expect(c.exec('kubectl delete pods --field-selector=status.phase==Succeeded').stdout).toBe('pod "done" deleted\n');
    expect(c.exec('kubectl get pods -o name').stdout).toBe('pod/web\n');
  });
});
