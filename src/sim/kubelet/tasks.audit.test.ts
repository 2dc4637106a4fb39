/**
 * kubernetes.io task pages, their manifests as published, run on a whole cluster through the
 * headless API: what a person sees (`kubectl get`, `logs`, `exec`, `describe`) and when.
 * Written for the audit of issue 4 (src/sim/ISSUE-COVERAGE-4.md).
 */
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

function ok(c: Cluster, yaml: string): void {
  expect(c.apply(yaml).stderr).toBe('');
}

/** `kubectl get pod NAME --no-headers`: READY, STATUS and RESTARTS joined by one space. */
function row(c: Cluster, name: string): string {
  const cells = c.exec(`kubectl get pod ${name} --no-headers`).stdout.trim().split(/\s{2,}/);
  return cells.slice(1, -1).join(' ');
}

/** Each row(name) at each virtual second in `atSeconds`. */
function rowsAt(c: Cluster, name: string, atSeconds: number[]): string[] {
  return atSeconds.map((t) => {
    c.advance(t - c.now());
    return `${t}s ${row(c, name)}`;
  });
}

function podOf(c: Cluster, name: string) {
  return c.snapshot().objects.pods!.find((p) => p.metadata.name === name)!;
}

/** The kubelet's Events for a Pod as `t reason: message`. */
function kubeletEvents(c: Cluster, name: string): string[] {
  return c.timeline().filter((e) => e.type === 'event' && e.object?.name === name && e.source.startsWith('kubelet/')).map((e) => `${e.t} ${e.reason}: ${e.message}`);
}

// concepts/workloads/pods/init-containers: "Init containers in use".
const MYAPP_POD = `apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
`;

const MY_SERVICES = `---
apiVersion: v1
kind: Service
metadata:
  name: myservice
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9376
---
apiVersion: v1
kind: Service
metadata:
  name: mydb
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9377
`;

describe('init containers (concepts/workloads/pods/init-containers)', () => {
  it('myapp-pod waits in Init:0/2 while nslookup fails, then runs both init containers in order once the Services exist', () => {
    const c = createCluster();
    ok(c, MYAPP_POD);
    expect(rowsAt(c, 'myapp-pod', [1, 2, 8])).toEqual(['1s 0/1 Init:0/2 0', '2s 0/1 Init:0/2 0', '8s 0/1 Init:0/2 0']);
    const waiting = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n' +
      "nslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n";
    expect(c.exec('kubectl logs myapp-pod -c init-myservice').stdout).toBe(waiting.repeat(4));
    ok(c, MY_SERVICES);
    // The loop's next nslookup (every 2 s from 1.619 s) finds myservice at 9.6 s; init-mydb's first one finds mydb.
    expect(rowsAt(c, 'myapp-pod', [9, 10, 11])).toEqual(['9s 0/1 Init:0/2 0', '10s 0/1 Init:1/2 0', '11s 1/1 Running 0']);
    const ip = c.snapshot().objects.services!.find((s) => s.metadata.name === 'myservice')!.spec.clusterIP;
    expect(c.exec('kubectl logs myapp-pod -c init-myservice --tail=5').stdout).toBe(
      `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      myservice.default.svc.cluster.local\nAddress 1: ${ip} myservice.default.svc.cluster.local\n`,
    );
    expect(c.exec('kubectl logs myapp-pod').stdout).toBe('The app is running!\n');
    expect(kubeletEvents(c, 'myapp-pod').filter((e) => e.includes('Started'))).toEqual([
      '1.619 Started: Started container init-myservice', '10 Started: Started container init-mydb', '11 Started: Started container myapp-container',
    ]);
  });
});

describe('environment variables (tasks/inject-data-application)', () => {
  it('define-environment-variable-container: env values, $(VAR) in args, and the Service variables of a Service made before the Pod', () => {
    const c = createCluster();
    ok(c, 'apiVersion: v1\nkind: Service\nmetadata: { name: my-svc }\nspec: { ports: [{ name: http, port: 8080, targetPort: 80 }] }\n');
    ok(c, `apiVersion: v1
kind: Pod
metadata:
  name: envar-demo
  labels:
    purpose: demonstrate-envars
spec:
  containers:
  - name: envar-demo-container
    image: gcr.io/google-samples/hello-app:2.0
    env:
    - name: DEMO_GREETING
      value: "Hello from the environment"
    - name: DEMO_FAREWELL
      value: "Such a sweet sorrow"
---
apiVersion: v1
kind: Pod
metadata:
  name: print-greeting
spec:
  containers:
  - name: env-print-demo
    image: bash
    env:
    - name: GREETING
      value: "Warm greetings to"
    - name: HONORIFIC
      value: "The Most Honorable"
    - name: NAME
      value: "Kubernetes"
    - name: MESSAGE
      value: "$(GREETING) $(HONORIFIC) $(NAME)"
    command: ["echo"]
    args: ["$(MESSAGE)"]
`);
    c.advance(20);
    expect(c.exec('kubectl exec envar-demo -- printenv DEMO_GREETING DEMO_FAREWELL').stdout).toBe('Hello from the environment\nSuch a sweet sorrow\n');
    const ip = c.snapshot().objects.services!.find((s) => s.metadata.name === 'my-svc')!.spec.clusterIP;
    expect(c.exec('kubectl exec envar-demo -- sh -c "env | grep ^MY_SVC_"').stdout).toBe([
      `MY_SVC_SERVICE_HOST=${ip}`, 'MY_SVC_SERVICE_PORT=8080', 'MY_SVC_SERVICE_PORT_HTTP=8080', `MY_SVC_PORT=tcp://${ip}:8080`,
      `MY_SVC_PORT_8080_TCP=tcp://${ip}:8080`, 'MY_SVC_PORT_8080_TCP_PROTO=tcp', 'MY_SVC_PORT_8080_TCP_PORT=8080', `MY_SVC_PORT_8080_TCP_ADDR=${ip}`, '',
    ].join('\n'));
    // echo exits 0 under restartPolicy Always: the page's "Completed" becomes a CrashLoopBackOff, as on a real cluster.
    expect(c.exec('kubectl logs print-greeting').stdout).toBe('Warm greetings to The Most Honorable Kubernetes\n');
  });

  it('dapi-envars-fieldref (environment-variable-expose-pod-information): node, pod, namespace, IP and service account', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata:
  name: dapi-envars-fieldref
spec:
  containers:
    - name: test-container
      image: registry.k8s.io/busybox
      command: [ "sh", "-c"]
      args:
      - while true; do
          echo -en '\\n';
          printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE;
          printenv MY_POD_IP MY_POD_SERVICE_ACCOUNT;
          sleep 10;
        done;
      env:
        - name: MY_NODE_NAME
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        - name: MY_POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: MY_POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: MY_POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: MY_POD_SERVICE_ACCOUNT
          valueFrom:
            fieldRef:
              fieldPath: spec.serviceAccountName
  restartPolicy: Never
`);
    c.advance(15);
    const pod = podOf(c, 'dapi-envars-fieldref');
    const block = `\n${pod.spec.nodeName}\ndapi-envars-fieldref\ndefault\n${pod.status.podIP}\ndefault\n`;
    expect(c.exec('kubectl logs dapi-envars-fieldref').stdout).toBe(block.repeat(2));
  });
});

describe('downward API files (tasks/inject-data-application/downward-api-volume-expose-pod-information)', () => {
  it('labels and annotations as files, read in busybox with [[ -e ]]', () => {
    const c = createCluster();
    // kubectl create, so that no last-applied-configuration annotation joins the two of the page.
    expect(c.exec('kubectl create -f -', { stdin: `apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-downwardapi-volume-example
  labels:
    zone: us-est-coast
    cluster: test-cluster1
    rack: rack-22
  annotations:
    build: two
    builder: john-doe
spec:
  containers:
    - name: client-container
      image: registry.k8s.io/busybox
      command: ["sh", "-c"]
      args:
      - while true; do
          if [[ -e /etc/podinfo/labels ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/labels; fi;
          if [[ -e /etc/podinfo/annotations ]]; then
            echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi;
          sleep 5;
        done;
      volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo
  volumes:
    - name: podinfo
      downwardAPI:
        items:
          - path: "labels"
            fieldRef:
              fieldPath: metadata.labels
          - path: "annotations"
            fieldRef:
              fieldPath: metadata.annotations
` }).stderr).toBe('');
    c.advance(5);
    // fieldpath.FormatMap: sorted `key="value"` lines without a final newline.
    expect(c.exec('kubectl logs kubernetes-downwardapi-volume-example').stdout).toBe(
      '\n\ncluster="test-cluster1"\nrack="rack-22"\nzone="us-est-coast"\n\nbuild="two"\nbuilder="john-doe"',
    );
    expect(c.exec('kubectl exec kubernetes-downwardapi-volume-example -- ls /etc/podinfo').stdout).toBe('annotations\nlabels\n');
    // `[[` is busybox's (CONFIG_TEST2); Debian's dash has none.
    expect(c.exec('kubectl exec kubernetes-downwardapi-volume-example -- sh -c "[[ 1 -eq 1"').stderr).toBe('[[: missing ]]\ncommand terminated with exit code 2\n');
  });
});

describe('configMap volumes (tasks/configure-pod-container/configure-pod-configmap)', () => {
  it('the sport Deployment: an edited ConfigMap shows in the mounted file at the kubelet’s next sync', () => {
    const c = createCluster();
    expect(c.exec('kubectl create configmap sport --from-literal=sport=football').stdout).toBe('configmap/sport created\n');
    ok(c, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: configmap-volume
  labels:
    app.kubernetes.io/name: configmap-volume
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: configmap-volume
  template:
    metadata:
      labels:
        app.kubernetes.io/name: configmap-volume
    spec:
      containers:
        - image: alpine:3
          name: alpine
          command: ["/bin/sh", "-c"]
          args:
            - while true; do
                echo "$(date) My preferred sport is $(cat /etc/config/sport)";
                sleep 10;
              done;
          ports:
            - containerPort: 80
          volumeMounts:
            - name: config-volume
              mountPath: /etc/config
      volumes:
        - name: config-volume
          configMap:
            name: sport
`);
    c.advance(25);
    const line = (hms: string, sport: string) => `Tue Aug 13 ${hms} UTC 2024 My preferred sport is ${sport}`;
    expect(c.exec('kubectl logs deployments/configmap-volume').stdout).toBe([line('12:00:01', 'football'), line('12:00:11', 'football'), line('12:00:21', 'football'), ''].join('\n'));
    ok(c, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: sport }\ndata: { sport: cricket }\n');
    c.advance(50);
    // Mounted at 1 s, refreshed every 60 s: the 12:01:01 line is the first to read the new value.
    expect(c.exec('kubectl logs deployments/configmap-volume --tail=3').stdout).toBe([line('12:00:51', 'football'), line('12:01:01', 'cricket'), line('12:01:11', 'cricket'), ''].join('\n'));
  });
});

describe('probes (tasks/configure-pod-container/configure-liveness-readiness-startup-probes)', () => {
  it('liveness-http: /healthz turns 500 after 10 s; three failures 3 s apart, Killing, restarted; RESTARTS counts up', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`);
    // Started at 2.54 s; 200 until 12.54 s; probes every 3 s from the worker's first tick.
    expect(rowsAt(c, 'liveness-http', [2, 3, 19, 20, 37, 38, 73, 74])).toEqual([
      '2s 0/1 ContainerCreating 0', '3s 1/1 Running 0', '19s 1/1 Running 0', '20s 1/1 Running 1 (1s ago)',
      '37s 1/1 Running 1 (18s ago)', '38s 1/1 Running 2 (1s ago)', '73s 1/1 Running 3 (18s ago)', '74s 0/1 CrashLoopBackOff 3 (1s ago)',
    ]);
    const events = kubeletEvents(c, 'liveness-http');
    expect(events.slice(4, 12)).toEqual([
      '13.958 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
      '16.958 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
      '19.958 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
      '19.958 Killing: Container liveness failed liveness probe, will be restarted',
      '19.958 Pulled: Container image "registry.k8s.io/e2e-test-images/agnhost:2.40" already present on machine',
      '19.958 Created: Created container liveness',
      '19.958 Started: Started container liveness',
      '31.958 Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
    ]);
    // doBackOff reads the newest *exited* instance, from before the kill: the kills 18 s apart
    // outrun a 10 s back-off, not a 20 s one, so the fourth restart waits (pod worker retries
    // after Jitter(10s, 0.5)) until 20 s after the 73.958 s exit has passed.
    c.advance(110 - c.now());
    expect(events.length).toBeLessThan(kubeletEvents(c, 'liveness-http').length);
    expect(kubeletEvents(c, 'liveness-http').filter((e) => e.includes('Started')).map((e) => e.split(' ')[0])).toEqual(['2.54', '19.958', '37.958', '55.958', '100.178']);
  });

  it('tcp-liveness-readiness: goproxy turns READY at its first readiness check after initialDelaySeconds 15', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata:
  name: goproxy
  labels:
    app: goproxy
spec:
  containers:
  - name: goproxy
    image: registry.k8s.io/goproxy:0.1
    ports:
    - containerPort: 8080
    readinessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
    livenessProbe:
      tcpSocket:
        port: 8080
      initialDelaySeconds: 15
      periodSeconds: 10
`);
    // Started at 1.205 s, so no check counts before 16.205 s; the worker's next tick is at 17.339 s
    // (its ticks started a random part of the period late: the kubelet had just started, worker.go).
    expect(rowsAt(c, 'goproxy', [2, 17, 18, 120])).toEqual(['2s 0/1 Running 0', '17s 0/1 Running 0', '18s 1/1 Running 0', '120s 1/1 Running 0']);
    const ready = podOf(c, 'goproxy').status.conditions.find((x: { type: string }) => x.type === 'Ready');
    expect(ready.lastTransitionTime).toBe('2024-08-13T12:00:17Z');
    expect(kubeletEvents(c, 'goproxy').filter((e) => e.includes('Unhealthy'))).toEqual([]);
  });
});

describe('storage (tasks/configure-pod-container/configure-persistent-volume-storage)', () => {
  it('task-pv-pod: index.html written on the node is served from the hostPath PersistentVolume; data outlives the Pod', () => {
    const c = createCluster();
    // The page's node steps; kind runs the node as root, without sudo.
    expect(c.exec('mkdir /mnt/data', { node: 'worker-1' }).exitCode).toBe(0);
    expect(c.exec(`sh -c "echo 'Hello from Kubernetes storage' > /mnt/data/index.html"`, { node: 'worker-1' }).exitCode).toBe(0);
    expect(c.exec('cat /mnt/data/index.html', { node: 'worker-1' }).stdout).toBe('Hello from Kubernetes storage\n');
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: task-pv-pod
spec:
  nodeSelector: { kubernetes.io/hostname: worker-1 }
  volumes:
    - name: task-pv-storage
      persistentVolumeClaim:
        claimName: task-pv-claim
  containers:
    - name: task-pv-container
      image: nginx
      ports:
        - containerPort: 80
          name: "http-server"
      volumeMounts:
        - mountPath: "/usr/share/nginx/html"
          name: task-pv-storage
`;
    ok(c, `apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
  labels:
    type: local
spec:
  storageClassName: manual
  capacity:
    storage: 10Gi
  accessModes:
    - ReadWriteOnce
  hostPath:
    path: "/mnt/data"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: task-pv-claim
spec:
  storageClassName: manual
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 3Gi
---
${pod}---
apiVersion: v1
kind: Pod
metadata: { name: client }
spec: { containers: [{ name: b, image: 'busybox:1.36', command: [sleep, '3600'] }] }
`);
    c.advance(20);
    expect(c.exec('kubectl get pvc task-pv-claim --no-headers').stdout.split(/\s+/).slice(0, 3)).toEqual(['task-pv-claim', 'Bound', 'task-pv-volume']);
    const url = () => `http://${podOf(c, 'task-pv-pod').status.podIP}/`;
    expect(c.exec(`kubectl exec client -- wget -qO- ${url()}`).stdout).toBe('Hello from Kubernetes storage\n');
    // The image's own index.html is hidden by the mount: the volume holds only what the node wrote.
    expect(c.exec('kubectl exec task-pv-pod -- ls /usr/share/nginx/html').stdout).toBe('index.html\n');
    c.exec('kubectl exec task-pv-pod -- sh -c "echo from the pod > /usr/share/nginx/html/pod.txt"');
    expect(c.exec('cat /mnt/data/pod.txt', { node: 'worker-1' }).stdout).toBe('from the pod\n');
    expect(c.exec('ls /mnt/data', { node: 'worker-2' }).stderr).toBe('ls: /mnt/data: No such file or directory\n');
    c.exec('kubectl delete pod task-pv-pod');
    ok(c, pod);
    c.advance(20);
    expect(c.exec(`kubectl exec client -- wget -qO- ${url()}pod.txt`).stdout).toBe('from the pod\n');
  });
});

describe('the container and what the spec asks of it', () => {
  it('an emptyDir over nginx’s document root hides the image’s files (403); localhost reaches the Pod’s other container; readOnly mounts refuse writes', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  volumes: [{ name: html, emptyDir: {} }]
  containers:
  - { name: nginx, image: 'nginx:1.27', volumeMounts: [{ name: html, mountPath: /usr/share/nginx/html }] }
  - name: box
    image: busybox:1.36
    command: [sh, -c, 'sleep 5; wget -qO- localhost; echo "wget: $?"; sleep 3600']
    volumeMounts: [{ name: html, mountPath: /html, readOnly: true }]
`);
    c.advance(20);
    expect(c.exec('kubectl logs web -c box').stdout).toBe('wget: server returned error: HTTP/1.1 403 Forbidden\nwget: 1\n');
    expect(c.exec('kubectl exec web -c box -- touch /html/index.html').stderr).toBe('touch: /html/index.html: Read-only file system\ncommand terminated with exit code 1\n');
    c.exec('kubectl exec web -c nginx -- sh -c "echo hi > /usr/share/nginx/html/index.html"');
    expect(c.exec('kubectl exec web -c box -- wget -qO- localhost').stdout).toBe('hi\n');
  });

  it('stdin: true keeps a shell without a command waiting (Running); without it the shell reads end-of-file and completes', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata: { name: interactive }
spec: { containers: [{ name: box, image: 'busybox:1.36', stdin: true, tty: true }] }
---
apiVersion: v1
kind: Pod
metadata: { name: closed }
spec: { containers: [{ name: box, image: 'busybox:1.36' }] }
`);
    expect(rowsAt(c, 'interactive', [30])).toEqual(['30s 1/1 Running 0']);
    expect(row(c, 'closed')).toMatch(/^0\/1 CrashLoopBackOff 2 /);
  });
});

describe('what is not simulated says so', () => {
  it('a Warning NotSimulated Event per unsimulated volume type or field, in describe and get events; the Pod runs as without it', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata:
  name: security-context-demo
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 3000
    fsGroup: 2000
  volumes:
  - name: sec-ctx-vol
    emptyDir: {}
  - name: share
    nfs: { server: nfs.example.com, path: /export }
  containers:
  - name: sec-ctx-demo
    image: busybox:1.28
    command: [ "sh", "-c", "sleep 1h" ]
    volumeMounts:
    - name: sec-ctx-vol
      mountPath: /data/demo
    - name: share
      mountPath: /nfs
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
`);
    c.advance(10);
    const warnings = [
      'Kubeplay does not simulate nfs volumes: volume "share" is mounted as an empty directory',
      'Kubeplay does not simulate spec.securityContext.runAsUser: processes run as root (uid 0)',
      'Kubeplay does not simulate spec.securityContext.runAsGroup: processes run as group root (gid 0)',
      'Kubeplay does not simulate securityContext.readOnlyRootFilesystem (container sec-ctx-demo): its root filesystem stays writable',
    ];
    const described = c.exec('kubectl describe pod security-context-demo').stdout;
    for (const w of warnings) expect(described).toContain(`  Warning  NotSimulated  10s   kubelet            ${w}\n`);
    const events = c.exec('kubectl get events').stdout.split('\n').filter((l) => l.includes('NotSimulated'));
    expect(events.map((l) => l.replace(/\s+/g, ' '))).toEqual(warnings.map((w) => `10s Warning NotSimulated pod/security-context-demo ${w}`));
    expect(row(c, 'security-context-demo')).toBe('1/1 Running 0');
    expect(c.exec('kubectl exec security-context-demo -- id').stdout).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    expect(c.exec('kubectl exec security-context-demo -- ls /nfs').stdout).toBe('');
  });

  it('a Pod using only what is simulated gets no such Event; an image outside the catalog is named in the timeline as generic', () => {
    const c = createCluster();
    ok(c, `apiVersion: v1
kind: Pod
metadata: { name: app }
spec:
  securityContext: { runAsUser: 0 }
  containers:
  - { name: web, image: 'nginx:1.27' }
  - { name: api, image: 'example.com/team/api:1.0', ports: [{ containerPort: 8080 }] }
  - { name: job, image: 'example.com/team/tools:1.0', command: [sh, -c, 'sleep 3600'] }
`);
    c.advance(20);
    expect(c.exec('kubectl get events').stdout).not.toContain('NotSimulated');
    expect(c.timeline().filter((e) => e.reason === 'GenericImage').map((e) => `${e.source} ${e.object?.name}: ${e.message}`)).toEqual([
      expect.stringMatching(/^containerd\/worker-\d app: image "example.com\/team\/api:1.0" \(container api\) is not in Kubeplay's image catalog: a generic process listens on its containerPorts \(8080\/TCP\)$/),
      expect.stringMatching(/^containerd\/worker-\d app: image "example.com\/team\/tools:1.0" \(container job\) is not in Kubeplay's image catalog: its command runs in a busybox-like userland$/),
    ]);
  });
});
