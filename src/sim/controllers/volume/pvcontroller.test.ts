import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

const CLAIMS = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: fast
spec:
  storageClassName: local-path
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
`;

describe('PersistentVolume controller on a kubeadm cluster (no StorageClass, no provisioner)', () => {
  it('leaves claims Pending and says why on every 15 s resync', () => {
    const c = createCluster({ seed: 5 });
    c.advance(3);
    expect(c.apply(CLAIMS).stdout).toBe('persistentvolumeclaim/data created\npersistentvolumeclaim/fast created\n');
    c.advance(60);
    // printPersistentVolumeClaim (v1.31): VOLUMEATTRIBUTESCLASS `<unset>`, VOLUMEMODE only with -o wide.
    expect(c.exec('kubectl get pvc').stdout).toBe(`NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data   Pending                                                     <unset>                 60s
fast   Pending                                      local-path     <unset>                 60s
`);
    expect(c.exec('kubectl get pvc data -o wide').stdout).toBe(`NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE
data   Pending                                                     <unset>                 60s   Filesystem
`);
    expect(c.exec('kubectl describe pvc data').stdout).toBe(`Name:          data
Namespace:     default
StorageClass:  
Status:        Pending
Volume:        
Labels:        <none>
Annotations:   <none>
Finalizers:    [kubernetes.io/pvc-protection]
Capacity:      
Access Modes:  
VolumeMode:    Filesystem
Used By:       <none>
Events:
  Type    Reason         Age               From                         Message
  ----    ------         ----              ----                         -------
  Normal  FailedBinding  3s (x5 over 60s)  persistentvolume-controller  no persistent volumes available for this claim and no storage class is set
`);
    expect(c.exec('kubectl describe pvc fast').stdout).toContain(
      '  Warning  ProvisioningFailed  3s (x5 over 60s)  persistentvolume-controller  storageclass.storage.k8s.io "local-path" not found\n',
    );
    const events = c
      .timeline()
      .filter((e) => e.type === 'event' && e.object?.name === 'data')
      .map((e) => `${e.t} ${e.source} ${e.reason}`);
    expect(events).toEqual([3, 15, 30, 45, 60].map((t) => `${t} persistentvolume-controller FailedBinding`));
  });

  it('shows the Pods using a claim', () => {
    const c = createCluster({ seed: 5 });
    c.apply(CLAIMS);
    c.apply(`apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  volumes:
  - name: d
    persistentVolumeClaim: {claimName: data}
  containers:
  - name: c
    image: nginx:1.27
    volumeMounts:
    - {name: d, mountPath: /data}
`);
    expect(c.exec('kubectl describe pvc data').stdout).toContain('VolumeMode:    Filesystem\nUsed By:       user\n');
  });

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
});
