import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

function rows(c: ReturnType<typeof createCluster>, name: string): string {
  const out = c.exec(`kubectl get pod ${name} --no-headers`).stdout;
  return out.trim().replace(/\s+/g, ' ');
}

function podOf(c: ReturnType<typeof createCluster>, name: string) {
  return c.snapshot().objects.pods!.find((p) => p.metadata.name === name)!;
}

function cm(name: string, data: Record<string, string>): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name} }\ndata: ${JSON.stringify(data)}\n`;
}

function kubeletEvents(c: ReturnType<typeof createCluster>, name: string): string[] {
  return c.timeline().filter((e) => e.type === 'event' && e.object?.name === name && e.source.startsWith('kubelet/')).map((e) => `${e.reason}: ${e.message}`);
}

describe('volumes', () => {
  it('two containers share an emptyDir: one appends, the other tail -f’s it (the docs’ shared-volume example)', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: two }
spec:
  volumes: [{ name: shared, emptyDir: {} }]
  containers:
  - name: writer
    image: busybox:1.36
    command: [sh, -c, 'i=0; while true; do i=$((i+1)); echo "line $i" >> /data/log; sleep 5; done']
    volumeMounts: [{ name: shared, mountPath: /data }]
  - name: reader
    image: alpine:3.20
    command: [sh, -c, 'tail -f /shared/log']
    volumeMounts: [{ name: shared, mountPath: /shared }]
`);
    c.advance(30);
    expect(rows(c, 'two')).toMatch(/^two 2\/2 Running 0 /);
    const logs = c.exec('kubectl logs two -c reader').stdout;
    expect(logs.split('\n').slice(0, 3)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(c.exec('kubectl exec two -c writer -- ls /data').stdout).toBe('log\n');
    expect(c.exec('kubectl exec two -c reader -- sh -c "wc -l < /shared/log"').stdout).toBe(`${logs.trim().split('\n').length}\n`);
  });

  it('a configMap volume: a file per key, items, subPath; read-only; a missing ConfigMap holds the pod in ContainerCreating until it appears', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: cfg }
spec:
  volumes:
  - { name: cfg, configMap: { name: app-config } }
  - { name: one, configMap: { name: app-config, items: [{ key: mode, path: conf/mode.txt }] } }
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, '3600']
    volumeMounts:
    - { name: cfg, mountPath: /etc/config }
    - { name: one, mountPath: /opt }
    - { name: cfg, mountPath: /etc/greeting, subPath: greeting }
`);
    c.advance(20);
    expect(rows(c, 'cfg')).toMatch(/^cfg 0\/1 ContainerCreating 0 /);
    expect(kubeletEvents(c, 'cfg')[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found');
    c.apply(cm('app-config', { mode: 'debug', greeting: 'hello' }));
    c.advance(40);
    expect(rows(c, 'cfg')).toMatch(/^cfg 1\/1 Running 0 /);
    expect(c.exec('kubectl exec cfg -- ls /etc/config').stdout).toBe('greeting\nmode\n');
    expect(c.exec('kubectl exec cfg -- cat /etc/config/mode /opt/conf/mode.txt /etc/greeting').stdout).toBe('debugdebughello');
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: stuck }
spec:
  volumes: [{ name: v, secret: { secretName: nope } }]
  containers: [{ name: app, image: busybox:1.36, command: [sleep, '3600'], volumeMounts: [{ name: v, mountPath: /s }] }]
`);
    c.advance(5);
    expect(kubeletEvents(c, 'stuck')).toContain('FailedMount: MountVolume.SetUp failed for volume "v" : secret "nope" not found');
    c.exec('kubectl delete pod stuck --wait=false');
    c.advance(5);
    expect(c.exec('kubectl get pod stuck').stderr).toBe('Error from server (NotFound): pods "stuck" not found\n');
    const w = c.exec('kubectl exec cfg -- sh -c "echo x > /etc/config/mode"');
    expect(w.stderr).toBe("sh: can't create /etc/config/mode: Read-only file system\ncommand terminated with exit code 1\n");
    expect(w.exitCode).toBe(1);
  });

  it('a secret volume decodes its keys; the service-account volume has namespace, token and ca.crt', () => {
    const c = createCluster();
    c.apply('apiVersion: v1\nkind: Secret\nmetadata: { name: creds }\ndata: { password: czNjcjN0 }\n');
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: sec, labels: { app: demo } }
spec:
  volumes:
  - { name: creds, secret: { secretName: creds } }
  - name: info
    downwardAPI: { items: [{ path: labels, fieldRef: { fieldPath: metadata.labels } }, { path: name, fieldRef: { fieldPath: metadata.name } }] }
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, '3600']
    volumeMounts: [{ name: creds, mountPath: /etc/creds }, { name: info, mountPath: /etc/podinfo }]
`);
    c.advance(20);
    expect(c.exec('kubectl exec sec -- cat /etc/creds/password').stdout).toBe('s3cr3t');
    expect(c.exec('kubectl exec sec -- cat /etc/podinfo/labels /etc/podinfo/name').stdout).toBe('app="demo"sec');
    expect(c.exec('kubectl exec sec -- cat /var/run/secrets/kubernetes.io/serviceaccount/namespace').stdout).toBe('default');
    expect(c.exec('kubectl exec sec -- ls /var/run/secrets/kubernetes.io/serviceaccount').stdout).toBe('ca.crt\nnamespace\ntoken\n');
  });
});

describe('env', () => {
  it('valueFrom configMapKeyRef/secretKeyRef/fieldRef/resourceFieldRef, envFrom, $(VAR) in env and args', () => {
    const c = createCluster();
    c.apply(cm('settings', { LEVEL: 'info', COLOR: 'blue' }));
    c.apply('apiVersion: v1\nkind: Secret\nmetadata: { name: db }\nstringData: { password: pw }\n');
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: envy }
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, 'echo "$(GREETING) $LEVEL $COLOR $PASS $POD $NS $NODE $MEM"; env | grep -c KUBERNETES_SERVICE_HOST; sleep 3600']
    resources: { limits: { memory: 64Mi } }
    envFrom: [{ configMapRef: { name: settings } }]
    env:
    - { name: WHO, value: world }
    - { name: GREETING, value: 'hello $(WHO)' }
    - { name: PASS, valueFrom: { secretKeyRef: { name: db, key: password } } }
    - { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
    - { name: NS, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }
    - { name: NODE, valueFrom: { fieldRef: { fieldPath: spec.nodeName } } }
    - { name: MEM, valueFrom: { resourceFieldRef: { resource: limits.memory, divisor: 1Mi } } }
`);
    c.advance(20);
    const node = podOf(c, 'envy').spec.nodeName;
    expect(c.exec('kubectl logs envy').stdout).toBe(`hello world info blue pw envy default ${node} 64\n1\n`);
    expect(c.exec('kubectl exec envy -- printenv KUBERNETES_SERVICE_HOST KUBERNETES_PORT').stdout).toBe('10.96.0.1\ntcp://10.96.0.1:443\n');
  });

  it('a missing ConfigMap or key: CreateContainerConfigError with the kubelet’s message; it starts once the key exists', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: cfgerr }
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, 'echo $MODE; sleep 3600']
    env: [{ name: MODE, valueFrom: { configMapKeyRef: { name: x, key: mode } } }]
`);
    c.advance(20);
    expect(rows(c, 'cfgerr')).toMatch(/^cfgerr 0\/1 CreateContainerConfigError 0 /);
    expect(kubeletEvents(c, 'cfgerr')).toContain('Failed: Error: configmap "x" not found');
    c.apply(cm('x', { other: '1' }));
    c.advance(20);
    expect(kubeletEvents(c, 'cfgerr')).toContain("Failed: Error: couldn't find key mode in ConfigMap default/x");
    expect(podOf(c, 'cfgerr').status.containerStatuses[0].state.waiting.message).toBe("couldn't find key mode in ConfigMap default/x");
    c.apply(cm('x', { mode: 'fast' }));
    c.advance(30);
    expect(rows(c, 'cfgerr')).toMatch(/^cfgerr 1\/1 Running 0 /);
    expect(c.exec('kubectl logs cfgerr').stdout).toBe('fast\n');
  });
});

describe('pod files', () => {
  it('/etc/resolv.conf per dnsPolicy and /etc/hosts with the pod IP, hostname and hostAliases', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: files, namespace: default }
spec:
  hostAliases: [{ ip: 10.1.2.3, hostnames: [foo.remote, bar.remote] }]
  containers: [{ name: app, image: busybox:1.36, command: [sleep, '3600'] }]
`);
    c.advance(20);
    const ip = podOf(c, 'files').status.podIP;
    expect(c.exec('kubectl exec files -- cat /etc/resolv.conf').stdout).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(c.exec('kubectl exec files -- cat /etc/hosts').stdout).toBe(`# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\tfiles\n\n# Entries added by HostAliases.\n10.1.2.3\tfoo.remote\tbar.remote\n`);
  });
});

describe('volume updates', () => {
  it('a ConfigMap update reaches the mounted file within the kubelet’s one-minute sync; env keeps the value it started with', () => {
    const c = createCluster();
    c.apply(cm('live', { level: 'info' }));
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: watcher }
spec:
  volumes: [{ name: cfg, configMap: { name: live } }]
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, 'while true; do echo "$(cat /cfg/level) $LEVEL"; sleep 10; done']
    env: [{ name: LEVEL, valueFrom: { configMapKeyRef: { name: live, key: level } } }]
    volumeMounts: [{ name: cfg, mountPath: /cfg }]
`);
    c.advance(15);
    c.apply(cm('live', { level: 'debug' }));
    c.advance(75);
    const lines = c.exec('kubectl logs watcher').stdout.trim().split('\n');
    expect(lines[0]).toBe('info info');
    expect(lines[lines.length - 1]).toBe('debug info');
  });
});

describe('the docs’ two-containers example (tasks/access-application-cluster/communicate-containers-same-pod-shared-volume)', () => {
  it('nginx serves the index.html the debian container wrote into the shared emptyDir', () => {
    const c = createCluster();
    c.apply(`
apiVersion: v1
kind: Pod
metadata: { name: two-containers }
spec:
  restartPolicy: Never
  volumes: [{ name: shared-data, emptyDir: {} }]
  containers:
  - name: nginx-container
    image: nginx
    volumeMounts: [{ name: shared-data, mountPath: /usr/share/nginx/html }]
  - name: debian-container
    image: debian
    volumeMounts: [{ name: shared-data, mountPath: /pod-data }]
    command: ["/bin/sh"]
    args: ["-c", "echo Hello from the debian container > /pod-data/index.html"]
---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { containers: [{ name: b, image: 'busybox:1.36', command: [sleep, '3600'] }] }
`);
    c.advance(30);
    const ip = podOf(c, 'two-containers').status.podIP;
    expect(c.exec(`kubectl exec client -- wget -qO- http://${ip}/`).stdout).toBe('Hello from the debian container\n');
    expect(c.exec('kubectl exec two-containers -c nginx-container -- cat /usr/share/nginx/html/index.html').stdout).toBe('Hello from the debian container\n');
  });
});
