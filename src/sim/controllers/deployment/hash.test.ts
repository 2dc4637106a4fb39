import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { APIServer } from '../../api/apiserver.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import { ObjectStore } from '../../api/store.ts';
import { Kernel } from '../../kernel/kernel.ts';
import { GO_STRUCTS, type GoField } from './gotypes.ts';
import { computeHash } from './hash.ts';

const DEPLOY = preferredResourceForKind('Deployment')!;
const DAEMONSETS = preferredResourceForKind('DaemonSet')!;
const NAMESPACES = preferredResourceForKind('Namespace')!;

/**
 * kubeadm v1.31's CoreDNS Deployment (cmd/kubeadm/app/phases/addons/dns/manifests.go, CoreDNS
 * v1.11.3, control-plane taint key): the probe ports are still numbers in v1.31 (named
 * liveness-probe/readiness-probe ports came later).
 */
const KUBEADM_COREDNS = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  replicas: 2
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
  selector:
    matchLabels:
      k8s-app: kube-dns
  template:
    metadata:
      labels:
        k8s-app: kube-dns
    spec:
      priorityClassName: system-cluster-critical
      serviceAccountName: coredns
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              labelSelector:
                matchExpressions:
                - key: k8s-app
                  operator: In
                  values: ["kube-dns"]
              topologyKey: kubernetes.io/hostname
      tolerations:
      - key: CriticalAddonsOnly
        operator: Exists
      - key: node-role.kubernetes.io/control-plane
        effect: NoSchedule
      nodeSelector:
        kubernetes.io/os: linux
      containers:
      - name: coredns
        image: registry.k8s.io/coredns/coredns:v1.11.3
        imagePullPolicy: IfNotPresent
        resources:
          limits:
            memory: 170Mi
          requests:
            cpu: 100m
            memory: 70Mi
        args: [ "-conf", "/etc/coredns/Corefile" ]
        volumeMounts:
        - name: config-volume
          mountPath: /etc/coredns
          readOnly: true
        ports:
        - containerPort: 53
          name: dns
          protocol: UDP
        - containerPort: 53
          name: dns-tcp
          protocol: TCP
        - containerPort: 9153
          name: metrics
          protocol: TCP
        livenessProbe:
          httpGet:
            path: /health
            port: 8080
            scheme: HTTP
          initialDelaySeconds: 60
          timeoutSeconds: 5
          successThreshold: 1
          failureThreshold: 5
        readinessProbe:
          httpGet:
            path: /ready
            port: 8181
            scheme: HTTP
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            add:
            - NET_BIND_SERVICE
            drop:
            - ALL
          readOnlyRootFilesystem: true
      dnsPolicy: Default
      volumes:
        - name: config-volume
          configMap:
            name: coredns
            items:
            - key: Corefile
              path: Corefile
`;

/** kubeadm v1.28's kube-proxy DaemonSet (cmd/kubeadm/app/phases/addons/proxy/manifests.go). */
const KUBEADM_KUBE_PROXY_128 = `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  labels:
    k8s-app: kube-proxy
  name: kube-proxy
  namespace: kube-system
spec:
  selector:
    matchLabels:
      k8s-app: kube-proxy
  updateStrategy:
    type: RollingUpdate
  template:
    metadata:
      labels:
        k8s-app: kube-proxy
    spec:
      priorityClassName: system-node-critical
      containers:
      - name: kube-proxy
        image: registry.k8s.io/kube-proxy:v1.28.15
        imagePullPolicy: IfNotPresent
        command:
        - /usr/local/bin/kube-proxy
        - --config=/var/lib/kube-proxy/config.conf
        - --hostname-override=$(NODE_NAME)
        securityContext:
          privileged: true
        volumeMounts:
        - mountPath: /var/lib/kube-proxy
          name: kube-proxy
        - mountPath: /run/xtables.lock
          name: xtables-lock
          readOnly: false
        - mountPath: /lib/modules
          name: lib-modules
          readOnly: true
        env:
          - name: NODE_NAME
            valueFrom:
              fieldRef:
                fieldPath: spec.nodeName
      hostNetwork: true
      serviceAccountName: kube-proxy
      volumes:
      - name: kube-proxy
        configMap:
          name: kube-proxy
      - name: xtables-lock
        hostPath:
          path: /run/xtables.lock
          type: FileOrCreate
      - name: lib-modules
        hostPath:
          path: /lib/modules
      tolerations:
      - operator: Exists
      nodeSelector:
        kubernetes.io/os: linux
`;

/** An object as the API server stores it: decoded, defaulted, validated. */
function stored(manifest: Record<string, unknown>, resource = DEPLOY) {
  const kernel = new Kernel(1);
  const store = new ObjectStore(kernel);
  const api = new APIServer(kernel, store);
  const ns = (manifest.metadata as { namespace: string }).namespace;
  api.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, 'test');
  return api.create(resource, manifest, 'test');
}

/** Runs `fn` with the struct table as k8s.io/api v0.28 had it: without the fields v1.29-v1.31 added. */
function withV128Layout<T>(fn: () => T): T {
  const table = GO_STRUCTS as Map<string, readonly GoField[]>;
  const added: Record<string, string[]> = {
    'v1.VolumeSource': ['Image'],
    'v1.PodSecurityContext': ['SupplementalGroupsPolicy', 'AppArmorProfile'],
    'v1.SecurityContext': ['AppArmorProfile'],
    'v1.VolumeMount': ['RecursiveReadOnly'],
  };
  const saved = new Map(Object.keys(added).map((t) => [t, table.get(t)!]));
  for (const [t, names] of Object.entries(added)) table.set(t, saved.get(t)!.filter((f) => !names.includes(f.goName)));
  try {
    return fn();
  } finally {
    for (const [t, fields] of saved) table.set(t, fields);
  }
}

describe('ComputeHash against a real kube-controller-manager v1.31', () => {
  it('names the kubeadm v1.31 CoreDNS ReplicaSet coredns-7c65d6cfc9, as every v1.31 kubeadm/kind cluster shows', () => {
    // Ground truth: `kubectl get pods -n kube-system` on kind v1.31.2 and kubeadm v1.31 clusters lists
    // coredns-7c65d6cfc9-xxxxx. The template goes through our API server's defaulting first, so this
    // also pins the template defaults (no enableServiceLinks, serviceAccount mirrored, probe defaults).
    const d = stored(parse(KUBEADM_COREDNS) as Record<string, unknown>);
    expect(computeHash(d.spec.template, d.status?.collisionCount)).toBe('7c65d6cfc9');
  });

  it('is what DaemonSets hash too: kubeadm v1.28.15 kube-proxy gets controller-revision-hash=747c75b954', () => {
    // daemon/update.go snapshot() uses controller.ComputeHash. Ground truth from a v1.28.15 kubeadm
    // cluster's `kubectl describe pod kube-proxy-...`; v1.28 had fewer struct fields, so the table is
    // cut back to v1.28's for this check (the printer and the defaults are the same).
    const ds = stored(parse(KUBEADM_KUBE_PROXY_128) as Record<string, unknown>, DAEMONSETS);
    expect(withV128Layout(() => computeHash(ds.spec.template, ds.status?.collisionCount))).toBe('747c75b954');
    expect(computeHash(ds.spec.template)).not.toBe('747c75b954');
  });

  it('adds collisionCount as 8 little-endian bytes: any count, 0 included, changes the hash', () => {
    const d = stored(parse(KUBEADM_COREDNS) as Record<string, unknown>);
    const hashes = [undefined, 0, 1, 2].map((c) => computeHash(d.spec.template, c));
    expect(new Set(hashes).size).toBe(4);
    for (const h of hashes) expect(h).toMatch(/^[4-9bcdf]{1,10}$/);
  });
});
