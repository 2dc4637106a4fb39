import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../index.ts';

const CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const WRITER = `apiVersion: v1
kind: Pod
metadata:
  name: writer
spec:
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: data}
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, 'sleep 3600']
    volumeMounts:
    - {name: d, mountPath: /data}
`;

/** `t source reason` of the events about one object. */
function eventsOf(c: Cluster, name: string): string[] {
  return c
    .timeline()
    .filter((e) => e.type === 'event' && e.object?.name === name)
    .map((e) => `${e.t} ${e.source.startsWith('rancher.io/local-path_') ? 'local-path' : e.source} ${e.reason}`);
}

function volumeName(c: Cluster, claim = 'data'): string {
  return c.exec(`kubectl get pvc ${claim} -o jsonpath={.spec.volumeName}`).stdout;
}

describe("kind's default StorageClass", () => {
  it('is served as storage.k8s.io/v1 StorageClass `standard (default)`', () => {
    const c = createCluster({ seed: 5 });
    const table = `NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  11m
`;
    expect(c.exec('kubectl get sc').stdout).toBe(table);
    expect(c.exec('kubectl get storageclass').stdout).toBe(table);
    expect(c.exec('kubectl get storageclasses.storage.k8s.io standard').stdout).toBe(table);
    // StorageClassDescriber: annotations through labels.FormatLabels, the last-applied value ending in a newline.
    expect(c.exec('kubectl describe sc standard').stdout).toBe(`Name:            standard
IsDefaultClass:  Yes
Annotations:     kubectl.kubernetes.io/last-applied-configuration={"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"name":"standard"},"provisioner":"rancher.io/local-path","reclaimPolicy":"Delete","volumeBindingMode":"WaitForFirstConsumer"}
,storageclass.kubernetes.io/is-default-class=true
Provisioner:           rancher.io/local-path
Parameters:            <none>
AllowVolumeExpansion:  <unset>
MountOptions:          <none>
ReclaimPolicy:         Delete
VolumeBindingMode:     WaitForFirstConsumer
Events:                <none>
`);
    expect(c.exec('kubectl get pv').stderr).toBe('No resources found\n');
  });

  it('validates StorageClasses and keeps their provisioner and modes immutable', () => {
    const c = createCluster({ seed: 5 });
    expect(c.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: bad}\nprovisioner: ""\nreclaimPolicy: Recycle\n').stderr).toBe(
      'The StorageClass "bad" is invalid: \n* provisioner: Required value\n* reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"\n',
    );
    expect(c.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: rancher.io/local-path\n').stdout).toBe('storageclass.storage.k8s.io/fast created\n');
    expect(c.exec('kubectl get sc fast -o jsonpath={.reclaimPolicy}/{.volumeBindingMode}').stdout).toBe('Delete/Immediate');
    expect(c.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\nprovisioner: example.com/nfs\nvolumeBindingMode: WaitForFirstConsumer\n').stderr).toBe(
      'The StorageClass "fast" is invalid: \n* provisioner: Forbidden: updates to provisioner are forbidden.\n* volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable\n',
    );
  });
});

describe('dynamic provisioning by local-path (WaitForFirstConsumer)', () => {
  it('waits for a consumer, then provisions pvc-<uid> on its node and binds both ways before the Pod is bound', () => {
    const c = createCluster({ seed: 5 });
    c.advance(3);
    expect(c.apply(CLAIM).stdout).toBe('persistentvolumeclaim/data created\n');
    c.advance(20);
    // DefaultStorageClass set the class; the claim waits for a Pod (and says so on every 15 s resync).
    expect(c.exec('kubectl get pvc').stdout).toBe(`NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data   Pending                                      standard       <unset>                 20s
`);
    expect(c.apply(WRITER).stdout).toBe('pod/writer created\n');
    c.advance(10);
    const pv = volumeName(c);
    const uid = c.exec('kubectl get pvc data -o jsonpath={.metadata.uid}').stdout;
    expect(pv).toBe(`pvc-${uid}`);
    expect(c.exec('kubectl get pvc,pv').stdout).toBe(`NAME                         STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
persistentvolumeclaim/data   Bound    ${pv}   1Gi        RWO            standard       <unset>                 30s

NAME                                                        CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
persistentvolume/${pv}   1Gi        RWO            Delete           Bound    default/data   standard       <unset>                          8s
`);
    expect(c.exec('kubectl get pv -o wide').stdout.split('\n')[0]).toBe(
      'NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE',
    );
    // The claim's events: the resyncs while waiting, then the controller (x2: its own annotation
    // update syncs the claim again) and the provisioner, named by its identity.
    const describe = c.exec('kubectl describe pvc data').stdout;
    const id = /(rancher\.io\/local-path_local-path-provisioner-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}_[0-9a-f-]{36})/.exec(describe)![1]!;
    const pad = ' '.repeat(id.length - 'persistentvolume-controller'.length);
    expect(describe).toBe(`Name:          data
Namespace:     default
StorageClass:  standard
Status:        Bound
Volume:        ${pv}
Labels:        <none>
Annotations:   pv.kubernetes.io/bind-completed: yes
               pv.kubernetes.io/bound-by-controller: yes
               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path
               volume.kubernetes.io/selected-node: worker-1
               volume.kubernetes.io/storage-provisioner: rancher.io/local-path
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      1Gi
Access Modes:  RWO
VolumeMode:    Filesystem
Used By:       writer
Events:
  Type    Reason                 Age                From${' '.repeat(id.length - 2)}Message
  ----    ------                 ----               ----${' '.repeat(id.length - 2)}-------
  Normal  WaitForFirstConsumer   18s (x2 over 30s)  persistentvolume-controller${pad}  waiting for first consumer to be created before binding
  Normal  ExternalProvisioning   10s (x2 over 10s)  persistentvolume-controller${pad}  Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.
  Normal  Provisioning           10s                ${id}  External provisioner is provisioning volume for claim "default/data"
  Normal  ProvisioningSucceeded  8s                 ${id}  Successfully provisioned volume ${pv}
`);
    expect(c.exec(`kubectl describe pv ${pv}`).stdout).toBe(`Name:              ${pv}
Labels:            <none>
Annotations:       local.path.provisioner/selected-node: worker-1
                   pv.kubernetes.io/provisioned-by: rancher.io/local-path
Finalizers:        [kubernetes.io/pv-protection]
StorageClass:      standard
Status:            Bound
Claim:             default/data
Reclaim Policy:    Delete
Access Modes:      RWO
VolumeMode:        Filesystem
Capacity:          1Gi
Node Affinity:     
  Required Terms:  
    Term 0:        kubernetes.io/hostname in [worker-1]
Message:           
Source:
    Type:          HostPath (bare host directory volume)
    Path:          /var/local-path-provisioner/${pv}_default_data
    HostPathType:  DirectoryOrCreate
Events:            <none>
`);
    // Scheduled at 23 (PreBind writes selected-node), provisioned at 25.717, the binding seen at the next 1 s poll.
    expect(eventsOf(c, 'data')).toEqual([
      '3 persistentvolume-controller WaitForFirstConsumer',
      '15 persistentvolume-controller WaitForFirstConsumer',
      '23.009 persistentvolume-controller ExternalProvisioning',
      '23.009 local-path Provisioning',
      '23.009 persistentvolume-controller ExternalProvisioning',
      '25.717 local-path ProvisioningSucceeded',
    ]);
    expect(eventsOf(c, 'writer').slice(0, 2)).toEqual(['26.009 default-scheduler Scheduled', '26.883 kubelet/worker-1 Pulling']);
  });

  it('keeps the data across a restart and a re-creation of the Pod, on the volume node; reclaims it (Delete) with the claim', () => {
    const c = createCluster({ seed: 5 });
    c.apply(CLAIM);
    c.apply(WRITER.replace('sleep 3600', 'sleep 20'));
    c.advance(10);
    expect(c.exec('kubectl exec writer -- sh -c "echo hello > /data/greeting"').exitCode).toBe(0);
    // A container restart (its command ends after 20 s; restartPolicy Always) keeps the volume.
    c.advance(15);
    expect(c.exec('kubectl get pod writer -o jsonpath={.status.containerStatuses[0].restartCount}').stdout).toBe('1');
    expect(c.exec('kubectl exec writer -- cat /data/greeting').stdout).toBe('hello\n');
    // A new Pod goes to the volume's node (its node affinity) and finds the file.
    const node = c.exec('kubectl get pod writer -o jsonpath={.spec.nodeName}').stdout;
    expect(c.exec('kubectl delete pod writer --grace-period=1').stdout).toBe('pod "writer" deleted\n');
    c.advance(5);
    c.apply(WRITER);
    c.advance(5);
    expect(c.exec('kubectl get pod writer -o jsonpath={.spec.nodeName}').stdout).toBe(node);
    expect(c.exec('kubectl exec writer -- cat /data/greeting').stdout).toBe('hello\n');

    const pv = volumeName(c);
    c.exec('kubectl delete pod writer --grace-period=1');
    c.advance(5);
    const deletedAt = c.now();
    expect(c.exec('kubectl delete pvc data').stdout).toBe('persistentvolumeclaim "data" deleted\n');
    expect(c.exec(`kubectl get pv ${pv} -o jsonpath={.status.phase}`).stdout).toBe('Released');
    c.advance(5);
    expect(c.exec(`kubectl get pv ${pv}`).stderr).toBe(`Error from server (NotFound): persistentvolumes "${pv}" not found\n`);
    // local-path's helper Pod removes the directory, then it deletes the volume; pv-protection lets it go.
    const removed = c.timeline().find((e) => e.type === 'api' && e.reason === 'delete' && e.object?.kind === 'PersistentVolume' && e.message.endsWith(' deleted'));
    expect([removed?.source, Math.round(((removed?.t ?? 0) - deletedAt) * 1000)]).toEqual(['pv-protection-controller', 1429]);
  });

  it('keeps a Released volume of a Retain class, with its claim reference', () => {
    const c = createCluster({ seed: 5 });
    c.apply('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: keep}\nprovisioner: rancher.io/local-path\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\n');
    c.apply(CLAIM.replace('spec:\n', 'spec:\n  storageClassName: keep\n'));
    c.apply(WRITER);
    c.advance(10);
    const pv = volumeName(c);
    c.exec('kubectl delete pod writer --grace-period=1');
    c.advance(3);
    c.exec('kubectl delete pvc data');
    c.advance(30);
    expect(c.exec(`kubectl get pv ${pv} --no-headers`).stdout).toBe(`${pv}   1Gi   RWO   Retain   Released   default/data   keep   <unset>         44s\n`);
  });
});

describe('static PersistentVolumes and the scheduler', () => {
  const pvYaml = (name: string, size: string, node?: string) => `apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}, labels: {tier: gold}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  hostPath: {path: /mnt/${name}}
${node ? `  nodeAffinity:\n    required:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - {key: kubernetes.io/hostname, operator: In, values: [${node}]}\n` : ''}`;

  it('binds a claim without a class to the smallest Available volume that fits (Immediate)', () => {
    const c = createCluster({ seed: 5 });
    expect(c.apply(pvYaml('big', '5Gi') + '---\n' + pvYaml('small', '2Gi') + '---\n' + pvYaml('tiny', '500Mi')).stdout).toBe(
      'persistentvolume/big created\npersistentvolume/small created\npersistentvolume/tiny created\n',
    );
    c.advance(1);
    expect(c.exec('kubectl get pv').stdout).toBe(`NAME    CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE
big     5Gi        RWO            Retain           Available                          <unset>                          1s
small   2Gi        RWO            Retain           Available                          <unset>                          1s
tiny    500Mi      RWO            Retain           Available                          <unset>                          1s
`);
    c.apply(CLAIM.replace('spec:\n', 'spec:\n  storageClassName: ""\n'));
    c.advance(1);
    expect(c.exec('kubectl get pvc data --no-headers').stdout).toBe('data   Bound   small   2Gi   RWO         <unset>   1s\n');
    const small = JSON.parse(c.exec('kubectl get pv small -o json').stdout);
    expect([small.spec.claimRef.name, small.metadata.annotations['pv.kubernetes.io/bound-by-controller'], small.status.phase]).toEqual(['data', 'yes', 'Bound']);
    expect(c.exec('kubectl describe pv small').stdout).toContain('Node Affinity:   <none>\nMessage:         \nSource:\n    Type:          HostPath (bare host directory volume)\n    Path:          /mnt/small\n    HostPathType:  \n');
  });

  it('explains why a Pod cannot be scheduled: a missing claim, an unbound immediate claim, a volume on another node', () => {
    const c = createCluster({ seed: 5 });
    const pod = (name: string, claim: string) => WRITER.replace('name: writer', `name: ${name}`).replace('claimName: data', `claimName: ${claim}`);
    c.apply(pod('lost', 'nope'));
    // A class that does not exist binds immediately: nothing can provision it.
    c.apply(CLAIM.replace('name: data', 'name: ghost').replace('spec:\n', 'spec:\n  storageClassName: ghost\n'));
    c.apply(pod('haunted', 'ghost'));
    c.apply(pvYaml('far', '1Gi', 'nowhere'));
    c.apply(CLAIM.replace('name: data', 'name: pinned').replace('spec:\n', 'spec:\n  storageClassName: ""\n  volumeName: far\n'));
    c.advance(2);
    c.apply(pod('pinned', 'pinned'));
    c.advance(2);
    const failed = (name: string) => c.timeline().find((e) => e.type === 'event' && e.reason === 'FailedScheduling' && e.object?.name === name)?.message;
    expect(failed('lost')).toBe('0/3 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(failed('haunted')).toBe('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    expect(failed('pinned')).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(c.exec('kubectl describe pvc ghost').stdout).toContain('  Warning  ProvisioningFailed  4s    persistentvolume-controller  storageclass.storage.k8s.io "ghost" not found\n');
    // The claim appears: the Pod is retried and scheduled (after provisioning).
    c.apply(CLAIM.replace('name: data', 'name: nope'));
    c.advance(15);
    expect(c.exec('kubectl get pod lost -o jsonpath={.status.phase}').stdout).toBe('Running');
  });

  it('binds a WaitForFirstConsumer claim to a local volume on the node the scheduler picks, or finds none', () => {
    const c = createCluster({ seed: 5 });
    c.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local-storage}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk}
spec:
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: local-storage
  local: {path: /mnt/disks/vol1}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [worker-2]}
`);
    const claim = (name: string) => CLAIM.replace('name: data', `name: ${name}`).replace('spec:\n', 'spec:\n  storageClassName: local-storage\n');
    const pod = (name: string, claimName: string) => WRITER.replace('name: writer', `name: ${name}`).replace('claimName: data', `claimName: ${claimName}`);
    c.apply(claim('first') + '---\n' + pod('first', 'first'));
    c.advance(5);
    expect(c.exec('kubectl get pod first -o jsonpath={.spec.nodeName}/{.status.phase}').stdout).toBe('worker-2/Running');
    expect(c.exec('kubectl get pvc first --no-headers').stdout).toBe('first   Bound   disk   10Gi   RWO   local-storage   <unset>   5s\n');
    // The claim's and the Pod's events (both named first): PreBind wrote the volume's claimRef, the PV
    // controller completed the binding, and the Pod was bound at the next 1 s poll.
    expect(eventsOf(c, 'first')).toEqual(['0 persistentvolume-controller WaitForPodScheduled', '1.005 default-scheduler Scheduled', '1.672 kubelet/worker-2 Pulling', '2.037 kubelet/worker-2 Pulled', '2.037 kubelet/worker-2 Created', '2.037 kubelet/worker-2 Started']);
    c.apply(claim('second') + '---\n' + pod('second', 'second'));
    c.advance(2);
    const failed = c.timeline().find((e) => e.type === 'event' && e.reason === 'FailedScheduling' && e.object?.name === 'second')?.message;
    expect(failed).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(c.exec('kubectl describe pvc second').stdout).toContain('  Normal  WaitForPodScheduled  2s    persistentvolume-controller  waiting for pod second to be scheduled\n');
  });

  it('validates PersistentVolumes', () => {
    const c = createCluster({ seed: 5 });
    expect(c.apply('apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: bad}\nspec:\n  accessModes: [ReadWriteSometimes]\n').stderr).toBe(
      'The PersistentVolume "bad" is invalid: \n* spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"\n* spec.capacity: Required value\n* spec: Required value: must specify a volume type\n',
    );
  });
});

describe('claims', () => {
  it('refuses a claim without access modes or storage request (ValidatePersistentVolumeClaimSpec)', () => {
    const c = createCluster({ seed: 5 });
    const r = c.apply('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec:\n  accessModes: [ReadWriteSometimes]\n');
    expect(r.stderr).toBe(
      'The PersistentVolumeClaim "bad" is invalid: \n* spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"\n* spec.resources[storage]: Required value\n',
    );
    expect(c.apply('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bad\nspec:\n  resources: {requests: {storage: 1Gi}}\n').stderr).toBe(
      'The PersistentVolumeClaim "bad" is invalid: spec.accessModes: Required value: at least 1 access mode is required\n',
    );
  });

  it('without a class and without volumes, waits with FailedBinding on every resync', () => {
    const c = createCluster({ seed: 5 });
    c.advance(3);
    c.apply(CLAIM.replace('spec:\n', 'spec:\n  storageClassName: ""\n'));
    c.advance(30);
    expect(c.exec('kubectl describe pvc data').stdout).toContain(
      '  Normal  FailedBinding  3s (x3 over 30s)  persistentvolume-controller  no persistent volumes available for this claim and no storage class is set\n',
    );
  });
});
