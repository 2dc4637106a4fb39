import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';
import { preferredResourceForKind } from '../../api/resources.ts';
import type { KubeObject } from '../../api/types.ts';
import { clusterHarness, PODS } from '../daemonset/testing-harness.ts';
import { PVCS } from './claims.ts';
import { GarbageCollector } from '../gc/gc.ts';
import { PersistentVolumeController } from '../volume/pvcontroller.ts';
import { PVCProtectionController } from './pvcprotection.ts';
import { StatefulSetController } from './statefulset.ts';
import { revisionName } from './utils.ts';

const STATEFULSETS = preferredResourceForKind('StatefulSet')!;
const COMPONENT = 'statefulset-controller';

/** The `web` StatefulSet of the docs (tutorials/stateful-application/basic-stateful-set), with its volumeClaimTemplate `www`. */
const WEB = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: nginx}}
  serviceName: nginx
  replicas: 3
  minReadySeconds: 0
  template:
    metadata: {labels: {app: nginx}}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports: [{containerPort: 80, name: web}]
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
const NGINX_SERVICE = `apiVersion: v1
kind: Service
metadata: {name: nginx, namespace: default, labels: {app: nginx}}
spec:
  ports: [{port: 80, name: web}]
  clusterIP: None
  selector: {app: nginx}
`;

function setup() {
  const h = clusterHarness([
    (k, a, s, e) => new StatefulSetController(k, a, s, e),
    (k, _a, s) => new PVCProtectionController(k, s),
    (k, a, s) => new GarbageCollector(k, s, a),
    // kind's default class provisions each claim (local-path) once its Pod has a node.
    (k, _a, s, e) => new PersistentVolumeController(k, s, e),
  ]);
  h.apply(NGINX_SERVICE);
  return h;
}

type H = ReturnType<typeof setup>;

function sts(h: H): KubeObject {
  return h.store.get(STATEFULSETS, 'default', 'web')!;
}

/** Edits the StatefulSet's spec as `kubectl edit`/`scale` would. */
function edit(h: H, change: (set: KubeObject) => void): void {
  const set = sts(h);
  change(set);
  h.store.update(STATEFULSETS, set, 'kubectl');
  h.kernel.settle();
}

/** `name phase image revision` of the live Pods, in name order. */
function pods(h: H): string[] {
  return h.store
    .list(PODS, 'default')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => `${p.metadata.name} ${p.status?.phase} ${p.spec.containers[0].image} ${p.metadata.labels?.['controller-revision-hash']}`)
    .sort();
}

describe('StatefulSet controller', () => {
  it('creates web-0, web-1, web-2 one at a time, each once the previous is Running and Ready, claims first', () => {
    const h = setup();
    h.apply(WEB);
    // Only web-0 exists until it is Ready.
    expect(h.store.list(PODS, 'default').map((p) => p.metadata.name)).toEqual(['web-0']);
    h.at(60);
    expect(h.eventsBy(COMPONENT)).toEqual([
      '0 SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      '0 SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      // Each Pod is bound to its node only once local-path has provisioned its claim (~3 s).
      '6.12 SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
      '6.12 SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      '11.09 SuccessfulCreate: create Claim www-web-2 Pod web-2 in StatefulSet web success',
      '11.09 SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
    // web-1 was created the moment web-0 became Ready.
    const web0 = h.store.get(PODS, 'default', 'web-0')!;
    const ready = web0.status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready.lastTransitionTime).toBe(h.store.get(PODS, 'default', 'web-1')!.metadata.creationTimestamp);

    const revision = revisionName(sts(h), sts(h).spec.template);
    expect(revision).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(pods(h)).toEqual([0, 1, 2].map((i) => `web-${i} Running registry.k8s.io/nginx-slim:0.24 ${revision}`));
    expect(sts(h).status).toEqual({ observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: revision, updateRevision: revision, collisionCount: 0, availableReplicas: 3 });
  });

  it('gives each Pod a fixed name, stable hostname/subdomain, identity labels and its own claim volume', () => {
    const h = setup();
    h.apply(WEB);
    h.at(30);
    const set = sts(h);
    const pod = h.store.get(PODS, 'default', 'web-1')!;
    expect(pod.metadata.generateName).toBeUndefined();
    expect(pod.metadata.labels).toEqual({ app: 'nginx', 'controller-revision-hash': revisionName(set, set.spec.template), 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pod.spec.hostname).toBe('web-1');
    expect(pod.spec.subdomain).toBe('nginx');
    // The claim volume first, then the service account token volume the admission adds.
    expect(pod.spec.volumes[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    expect(pod.spec.volumes[1].name).toMatch(/^kube-api-access-/);

    expect(h.store.list(PVCS, 'default').map((c) => c.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    const claim = h.store.get(PVCS, 'default', 'www-web-0')!;
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(claim.metadata.ownerReferences).toBeUndefined();
    // The DefaultStorageClass admission gave it kind's `standard` class; local-path provisioned `pvc-<uid>`.
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: `pvc-${claim.metadata.uid}` });
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
  });

  it('scales up to 5 in order and down to 2 in reverse order, one termination at a time, keeping the claims', () => {
    const h = setup();
    h.apply(WEB);
    h.at(60);
    edit(h, (s) => (s.spec.replicas = 5));
    h.at(120);
    edit(h, (s) => (s.spec.replicas = 2));
    // web-4 is terminating; web-3 waits for it to be gone.
    expect(h.store.get(PODS, 'default', 'web-4')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.store.get(PODS, 'default', 'web-3')!.metadata.deletionTimestamp).toBeUndefined();
    h.at(180);
    expect(h.eventsBy(COMPONENT).slice(6)).toEqual([
      '60 SuccessfulCreate: create Claim www-web-3 Pod web-3 in StatefulSet web success',
      '60 SuccessfulCreate: create Pod web-3 in StatefulSet web successful',
      '63.82 SuccessfulCreate: create Claim www-web-4 Pod web-4 in StatefulSet web success',
      '63.82 SuccessfulCreate: create Pod web-4 in StatefulSet web successful',
      '120 SuccessfulDelete: delete Pod web-4 in StatefulSet web successful',
      '121 SuccessfulDelete: delete Pod web-3 in StatefulSet web successful',
      '122 SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
    ]);
    expect(h.store.list(PODS, 'default').map((p) => p.metadata.name)).toEqual(['web-0', 'web-1']);
    // persistentVolumeClaimRetentionPolicy whenScaled: Retain (the default).
    expect(h.store.list(PVCS, 'default').map((c) => c.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2', 'www-web-3', 'www-web-4']);
    expect(sts(h).status).toMatchObject({ observedGeneration: 3, replicas: 2, readyReplicas: 2, availableReplicas: 2 });

    // Scaling up again reuses the kept claims: no claim is created.
    edit(h, (s) => (s.spec.replicas = 3));
    h.at(200);
    expect(h.eventsBy(COMPONENT).slice(13)).toEqual(['180 SuccessfulCreate: create Pod web-2 in StatefulSet web successful']);
  });

  it('Parallel creates and deletes all Pods together', () => {
    const h = setup();
    h.apply(WEB.replace('serviceName: nginx', 'serviceName: nginx\n  podManagementPolicy: Parallel'));
    expect(h.eventsBy(COMPONENT)).toEqual([0, 1, 2].flatMap((i) => [`0 SuccessfulCreate: create Claim www-web-${i} Pod web-${i} in StatefulSet web success`, `0 SuccessfulCreate: create Pod web-${i} in StatefulSet web successful`]));
    h.at(30);
    edit(h, (s) => (s.spec.replicas = 1));
    expect(h.eventsBy(COMPONENT).slice(6)).toEqual(['30 SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', '30 SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
  });

  it('a rolling update with partition 1 replaces ordinals 2 then 1, each after the previous is Ready, and keeps web-0', () => {
    const h = setup();
    h.apply(WEB);
    h.at(60);
    const oldRevision = sts(h).status.currentRevision;
    edit(h, (s) => {
      s.spec.updateStrategy.rollingUpdate.partition = 1;
      s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.21';
    });
    const newRevision = revisionName(sts(h), sts(h).spec.template);
    expect(newRevision).not.toBe(oldRevision);
    h.at(120);
    expect(h.eventsBy(COMPONENT).slice(6)).toEqual([
      '60 SuccessfulDelete: delete Pod web-2 in StatefulSet web successful',
      '61 SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
      // Re-created Pods find their claims bound: no provisioning wait.
      '62.78 SuccessfulDelete: delete Pod web-1 in StatefulSet web successful',
      '63 SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
    ]);
    expect(pods(h)).toEqual([`web-0 Running registry.k8s.io/nginx-slim:0.24 ${oldRevision}`, `web-1 Running registry.k8s.io/nginx-slim:0.21 ${newRevision}`, `web-2 Running registry.k8s.io/nginx-slim:0.21 ${newRevision}`]);
    expect(sts(h).status).toEqual({ observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 1, updatedReplicas: 2, currentRevision: oldRevision, updateRevision: newRevision, collisionCount: 0, availableReplicas: 3 });

    // A deleted web-0 comes back at the current revision (below the partition).
    h.api.delete(PODS, 'default', 'web-0', 'kubectl');
    h.at(180);
    expect(pods(h)[0]).toBe(`web-0 Running registry.k8s.io/nginx-slim:0.24 ${oldRevision}`);

    // Partition 0 finishes the rollout; the current revision becomes the update revision.
    edit(h, (s) => (s.spec.updateStrategy.rollingUpdate.partition = 0));
    h.at(240);
    expect(pods(h)).toEqual([0, 1, 2].map((i) => `web-${i} Running registry.k8s.io/nginx-slim:0.21 ${newRevision}`));
    expect(sts(h).status).toEqual({ observedGeneration: 3, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: newRevision, updateRevision: newRevision, collisionCount: 0, availableReplicas: 3 });
  });

  it('OnDelete leaves Pods alone until they are deleted, then recreates them at the update revision', () => {
    const h = setup();
    h.apply(WEB.replace('serviceName: nginx', 'serviceName: nginx\n  updateStrategy: {type: OnDelete}'));
    h.at(60);
    edit(h, (s) => (s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.21'));
    h.at(120);
    expect(h.eventsBy(COMPONENT)).toHaveLength(6);
    h.api.delete(PODS, 'default', 'web-1', 'kubectl');
    h.at(180);
    const revision = sts(h).status.updateRevision;
    expect(pods(h)[1]).toBe(`web-1 Running registry.k8s.io/nginx-slim:0.21 ${revision}`);
    expect(pods(h)[2]).toMatch(/^web-2 Running registry.k8s.io\/nginx-slim:0.24 /);
    expect(sts(h).status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1 });
  });

  it('whenScaled: Delete hands a condemned Pod its claim, which goes with it; whenDeleted: Delete ties the claims to the set', () => {
    const h = setup();
    h.apply(WEB.replace('serviceName: nginx', 'serviceName: nginx\n  persistentVolumeClaimRetentionPolicy: {whenDeleted: Delete, whenScaled: Delete}'));
    h.at(60);
    const set = sts(h);
    const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid };
    expect(h.store.get(PVCS, 'default', 'www-web-2')!.metadata.ownerReferences).toEqual([setRef]);
    edit(h, (s) => (s.spec.replicas = 2));
    const web2 = h.store.get(PODS, 'default', 'web-2')!;
    expect(h.store.get(PVCS, 'default', 'www-web-2')!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: web2.metadata.uid }]);
    h.at(90);
    expect(h.store.list(PVCS, 'default').map((c) => c.metadata.name)).toEqual(['www-web-0', 'www-web-1']);
    // Deleting the set deletes its Pods, then their claims once no Pod uses them.
    h.api.delete(STATEFULSETS, 'default', 'web', 'kubectl');
    h.at(150);
    expect(h.store.list(PODS, 'default')).toEqual([]);
    expect(h.store.list(PVCS, 'default')).toEqual([]);
  });

  it('a claim deleted while its Pod runs stays Terminating until the Pod is gone (pvc-protection)', () => {
    const h = setup();
    h.apply(WEB.replace('replicas: 3', 'replicas: 1'));
    h.at(30);
    h.api.delete(PVCS, 'default', 'www-web-0', 'kubectl');
    h.at(40);
    expect(h.store.get(PVCS, 'default', 'www-web-0')!.metadata.deletionTimestamp).toBeDefined();
    edit(h, (s) => (s.spec.replicas = 0));
    h.at(60);
    expect(h.store.list(PODS, 'default')).toEqual([]);
    expect(h.store.list(PVCS, 'default')).toEqual([]);
  });
});

describe('StatefulSet storage on the full cluster', () => {
  it('binds www-web-0 to a local-path volume, and web-0 re-created after a delete sees the same files', () => {
    const c = createCluster({ seed: 11 });
    expect(c.apply(NGINX_SERVICE + '---\n' + WEB.replace('replicas: 3', 'replicas: 2')).stdout).toBe('service/nginx created\nstatefulset.apps/web created\n');
    c.advance(30);
    const volume = (claim: string) => c.exec(`kubectl get pvc ${claim} -o jsonpath={.spec.volumeName}`).stdout;
    expect(volume('www-web-0')).toMatch(/^pvc-[0-9a-f-]{36}$/);
    expect(c.exec('kubectl get pvc').stdout).toBe(`NAME        STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
www-web-0   Bound    ${volume('www-web-0')}   1Gi        RWO            standard       <unset>                 30s
www-web-1   Bound    ${volume('www-web-1')}   1Gi        RWO            standard       <unset>                 25s
`);
    expect(c.exec('kubectl exec web-0 -- sh -c "echo web-0 > /usr/share/nginx/html/index.html"').exitCode).toBe(0);
    const node = c.exec('kubectl get pod web-0 -o jsonpath={.spec.nodeName}').stdout;
    expect(c.exec('kubectl delete pod web-0').stdout).toBe('pod "web-0" deleted\n');
    c.advance(10);
    expect(c.exec('kubectl get pod web-0 -o jsonpath={.status.phase}/{.spec.nodeName}').stdout).toBe(`Running/${node}`);
    expect(c.exec('kubectl exec web-0 -- cat /usr/share/nginx/html/index.html').stdout).toBe('web-0\n');
    // web-1 has its own volume.
    expect(c.exec('kubectl exec web-1 -- ls /usr/share/nginx/html').stdout).toBe('');
  });
});
