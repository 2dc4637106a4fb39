/** `kubectl create configmap|secret`, against a whole cluster, as kubectl v1.31 prints them. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../cluster/simulation.ts';

const ok = (stdout: string) => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });
const run = (sim: Simulation, line: string) => {
  const r = sim.exec(line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
};

describe('kubectl create configmap', () => {
  it('creates from literals (the configure-pod-configmap task), and refuses an existing name', () => {
    const sim = new Simulation({ seed: 1 });
    expect(run(sim, 'kubectl create configmap special-config --from-literal=special.how=very --from-literal=special.type=charm')).toEqual(ok('configmap/special-config created\n'));
    expect(run(sim, 'kubectl get configmap special-config -o jsonpath={.data}').stdout).toBe('{"special.how":"very","special.type":"charm"}');
    expect(run(sim, 'kubectl create cm special-config --from-literal=a=b')).toEqual(fail('error: failed to create configmap: configmaps "special-config" already exists\n'));
    expect(run(sim, 'kubectl create configmap y --from-literal=k=a=b -n kube-system -o name')).toEqual(ok('configmap/y\n'));
    expect(run(sim, 'kubectl get cm y -n kube-system -o jsonpath={.data.k}').stdout).toBe('a=b');
    expect(run(sim, 'kubectl create -n kube-system secret generic z --from-literal=a=b')).toEqual(ok('secret/z created\n'));
    expect(run(sim, 'kubectl -n kube-system create cm w')).toEqual(ok('configmap/w created\n'));
    expect(run(sim, 'kubectl get cm w -n kube-system -o name').stdout).toBe('configmap/w\n');
  });

  it('--dry-run=client -o yaml prints the object as the client built it (go-yaml quotes the key n); server dry run stores nothing', () => {
    const sim = new Simulation({ seed: 1 });
    expect(run(sim, 'kubectl create cm x --from-literal=a=b --from-literal=n=1 --dry-run=client -o yaml')).toEqual(ok('apiVersion: v1\ndata:\n  a: b\n  "n": "1"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: x\n'));
    expect(run(sim, 'kubectl create cm x -n kube-system --dry-run=client -o yaml')).toEqual(ok('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: x\n  namespace: kube-system\n'));
    expect(run(sim, 'kubectl create cm x --from-literal=a=b --dry-run=client')).toEqual(ok('configmap/x created (dry run)\n'));
    expect(run(sim, 'kubectl create cm x --from-literal=a=b --dry-run=server')).toEqual(ok('configmap/x created (server dry run)\n'));
    expect(run(sim, 'kubectl get cm x')).toEqual(fail('Error from server (NotFound): configmaps "x" not found\n'));
  });

  it('fails as kubectl does: NAME count, literal syntax, key names, duplicates, env files with literals', () => {
    const sim = new Simulation({ seed: 1 });
    expect(run(sim, 'kubectl create configmap')).toEqual(fail("error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n"));
    expect(run(sim, 'kubectl create configmap a b')).toEqual(fail("error: exactly one NAME is required, got 2\nSee 'kubectl create configmap -h' for help and examples\n"));
    expect(run(sim, 'kubectl create configmap c --from-literal=nokey')).toEqual(fail('error: invalid literal source nokey, expected key=value\n'));
    expect(run(sim, 'kubectl create configmap c --from-literal==v')).toEqual(fail('error: invalid literal source =v, expected key=value\n'));
    expect(run(sim, 'kubectl create configmap c "--from-literal=a b=1"')).toEqual(fail(`error: "a b" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`));
    expect(run(sim, 'kubectl create configmap c --from-literal=a=1 --from-literal=a=2')).toEqual(fail('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "c"\n'));
    expect(run(sim, 'kubectl create configmap c --from-env-file=x.env --from-literal=a=b')).toEqual(fail('error: from-env-file cannot be combined with from-file or from-literal\n'));
    expect(run(sim, 'kubectl create configmap c --from-literal=a=b --dry-run=maybe')).toEqual(fail('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'));
  });

  it('--from-file and --from-env-file say loudly that the terminal has no local files', () => {
    const sim = new Simulation({ seed: 1 });
    const hint = 'the Kubeplay terminal has no local files, so kubectl cannot read one. Use --from-literal=KEY=VALUE, or apply a manifest with the data inline (kubectl apply -f - reads what you paste)';
    expect(run(sim, 'kubectl create configmap game-config --from-file=configure-pod-container/configmap/')).toEqual(fail(`error: --from-file=configure-pod-container/configmap/: ${hint}\n`));
    expect(run(sim, 'kubectl create configmap c --from-env-file=game.env')).toEqual(fail(`error: --from-env-file=game.env: ${hint}\n`));
    expect(run(sim, 'kubectl create secret tls t --cert=tls.crt --key=tls.key')).toEqual(fail(`error: --cert=tls.crt: ${hint}\n`));
    expect(run(sim, 'kubectl create secret tls t --cert=tls.crt')).toEqual(fail('error: key and cert must be specified\n'));
  });
});

describe('kubectl create secret', () => {
  it('generic --from-literal stores base64 data, type Opaque (the managing-secrets task)', () => {
    const sim = new Simulation({ seed: 1 });
    expect(run(sim, "kubectl create secret generic db-user-pass --from-literal=username=admin --from-literal=password='S!B\\*d$zDsb='")).toEqual(ok('secret/db-user-pass created\n'));
    expect(run(sim, 'kubectl get secret db-user-pass -o jsonpath={.data.password}').stdout).toBe('UyFCXCpkJHpEc2I9');
    expect(run(sim, 'kubectl get secret db-user-pass -o jsonpath={.type}').stdout).toBe('Opaque');
    expect(run(sim, 'kubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml')).toEqual(ok('apiVersion: v1\ndata:\n  a: Yg==\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: s\n'));
    expect(run(sim, 'kubectl create secret generic s --type=kubernetes.io/basic-auth --from-literal=username=u --from-literal=password=p -o name')).toEqual(ok('secret/s\n'));
    expect(run(sim, 'kubectl create secret generic s --from-literal=a=b')).toEqual(fail('error: failed to create secret: secrets "s" already exists\n'));
    expect(run(sim, 'kubectl create secret generic t --from-literal=a=1 --from-literal=a=2')).toEqual(fail('error: cannot add key a, another key by that name already exists\n'));
  });

  it('docker-registry builds .dockerconfigjson; a missing subcommand prints the help', () => {
    const sim = new Simulation({ seed: 1 });
    const r = run(sim, 'kubectl create secret docker-registry regcred --docker-server=reg.example.com --docker-username=u --docker-password=p --docker-email=u@example.com --dry-run=client -o yaml');
    // base64 of {"auths":{"reg.example.com":{"username":"u","password":"p","email":"u@example.com","auth":"dTpw"}}}
    expect(r).toEqual(ok('apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6eyJyZWcuZXhhbXBsZS5jb20iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJ1QGV4YW1wbGUuY29tIiwiYXV0aCI6ImRUcHcifX19\nkind: Secret\nmetadata:\n  creationTimestamp: null\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\n'));
    expect(run(sim, 'kubectl create secret docker-registry regcred --docker-username=u')).toEqual(fail('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n'));
    const help = run(sim, 'kubectl create secret');
    expect(help.exitCode).toBe(1);
    expect(help.stderr.split('\n').slice(0, 2)).toEqual(['Create a secret with specified type.', '']);
  });

  it('the API server merges stringData into data (base64) and drops it', () => {
    const sim = new Simulation({ seed: 1 });
    const r = sim.exec('kubectl apply -f -', { stdin: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: sd\ntype: Opaque\ndata:\n  a: eA==\n  keep: eQ==\nstringData:\n  a: over\n  b: "héllo"\n' });
    expect(r.stdout).toBe('secret/sd created\n');
    expect(run(sim, 'kubectl get secret sd -o jsonpath={.data}').stdout).toBe('{"a":"b3Zlcg==","b":"aMOpbGxv","keep":"eQ=="}');
    expect(run(sim, 'kubectl get secret sd -o jsonpath={.stringData}').stdout).toBe('');
  });
});
