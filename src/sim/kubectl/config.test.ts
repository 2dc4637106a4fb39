import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

/** Expected outputs as kubectl v1.31.9 prints them for kubeadm's admin.conf (checked on the same kubeconfig). */
describe('kubectl config', () => {
  it('shows kubeadm admin.conf with credentials omitted', () => {
    const c = createCluster({ seed: 1 });
    expect(c.exec('kubectl config view').stdout).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        '    certificate-authority-data: DATA+OMITTED',
        '    server: https://172.18.0.2:6443',
        '  name: kubernetes',
        'contexts:',
        '- context:',
        '    cluster: kubernetes',
        '    user: kubernetes-admin',
        '  name: kubernetes-admin@kubernetes',
        'current-context: kubernetes-admin@kubernetes',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: kubernetes-admin',
        '  user:',
        '    client-certificate-data: DATA+OMITTED',
        '    client-key-data: DATA+OMITTED',
        '',
      ].join('\n'),
    );
    expect(c.exec('kubectl config current-context').stdout).toBe('kubernetes-admin@kubernetes\n');
    expect(c.exec('kubectl config get-clusters').stdout).toBe('NAME\nkubernetes\n');
    expect(c.exec('kubectl config get-contexts').stdout).toBe('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n');
    expect(c.exec('kubectl config use-context nope')).toEqual({ stdout: '', stderr: 'error: no context exists with the name: "nope"\n', exitCode: 1 });
    expect(c.exec('kubectl config get-contexts nope')).toEqual({ stdout: 'CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', stderr: 'error: context nope not found\n', exitCode: 1 });
    expect(c.exec('kubectl config set-context').stderr).toBe('error: you must specify a non-empty context name or --current\n');
  });

  it('switches the default namespace of every command with set-context --current --namespace', () => {
    const c = createCluster({ seed: 1 });
    c.exec('kubectl create namespace dev');
    expect(c.exec('kubectl config set-context --current --namespace=dev').stdout).toBe('Context "kubernetes-admin@kubernetes" modified.\n');
    expect(c.exec('kubectl config get-contexts').stdout).toBe('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   dev\n');
    expect(c.exec('kubectl config view -o jsonpath={..namespace}').stdout).toBe('dev');
    expect(c.exec('kubectl get pods').stderr).toBe('No resources found in dev namespace.\n');
    c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n');
    expect(c.exec('kubectl get cm settings -o jsonpath={.metadata.namespace}').stdout).toBe('dev');
    // -n still wins, and --namespace= clears the context's namespace.
    expect(c.exec('kubectl get cm -n default -o name').stdout).toBe('configmap/kube-root-ca.crt\n');
    c.exec('kubectl config set-context --current --namespace=');
    expect(c.exec('kubectl get cm settings').stderr).toBe('Error from server (NotFound): configmaps "settings" not found\n');
  });

  it('fails on a worker node, which kubeadm gives no kubeconfig, as kubectl v1.31 does', () => {
    const c = createCluster({ seed: 1 });
    c.advance(5);
    const refused = 'E0813 12:00:05.000000    1000 memcache.go:265] "Unhandled Error" err="couldn\'t get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n';
    expect(c.exec('kubectl get nodes', { node: 'worker-1' })).toEqual({
      stdout: '',
      stderr: `${refused.repeat(5)}The connection to the server localhost:8080 was refused - did you specify the right host or port?\n`,
      exitCode: 1,
    });
  });
});
