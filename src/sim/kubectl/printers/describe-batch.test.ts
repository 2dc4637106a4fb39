import { describe, expect, it } from 'vitest';
import { createCluster } from '../../index.ts';

// Layouts from kubectl/pkg/describe/describe.go (v1.31): describeJob, describeCronJob, describeStatefulSet.
const MANIFESTS = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: busybox:1.36
        command: ["sh", "-c", "echo done"]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.36
            command: ["sh", "-c", "date; echo Hello"]
---
apiVersion: apps/v1
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
        image: registry.k8s.io/nginx-slim:0.8
        ports: [{containerPort: 80, name: web}]
        volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

describe('kubectl describe for batch and stateful workloads', () => {
  const c = createCluster({ seed: 5 });
  c.apply(MANIFESTS);
  c.advance(90);
  const uid = c.exec('kubectl get job pi -o yaml').stdout.match(/controller-uid: ([0-9a-f-]+)/)![1]!;
  const pod = c.exec('kubectl get pods -o name').stdout.match(/pod\/(pi-[a-z0-9]{5})/)![1]!;

  it('describes a completed Job', () => {
    expect(c.exec('kubectl describe job pi').stdout).toBe(`Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=${uid}
Labels:           <none>
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    4
Start Time:       Tue, 13 Aug 2024 12:00:00 +0000
Completed At:     Tue, 13 Aug 2024 12:00:02 +0000
Duration:         2s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=${uid}
           batch.kubernetes.io/job-name=pi
           controller-uid=${uid}
           job-name=pi
  Containers:
   pi:
    Image:      busybox:1.36
    Port:       <none>
    Host Port:  <none>
    Command:
      sh
      -c
      echo done
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  90s   job-controller  Created pod: ${pod}
  Normal  Completed         88s   job-controller  Job completed
`);
  });

  it('describes a CronJob with its job template and last schedule', () => {
    const out = c.exec('kubectl describe cronjob hello').stdout;
    expect(out.slice(0, out.indexOf('Pod Template:'))).toBe(`Name:                          hello
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      * * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   1
Completions:                   1
`);
    expect(out).toContain(`Last Schedule Time:  Tue, 13 Aug 2024 12:01:00 +0000
Active Jobs:         <none>
Events:
  Type    Reason            Age   From                Message
  ----    ------            ----  ----                -------
  Normal  SuccessfulCreate  30s   cronjob-controller  Created job hello-28725841
  Normal  SawCompletedJob   28s   cronjob-controller  Saw completed job: hello-28725841, condition: Complete
`);
  });

  it('describes a StatefulSet with its partition and volume claim templates', () => {
    const out = c.exec('kubectl describe sts web').stdout;
    expect(out.slice(0, out.indexOf('Pod Template:'))).toBe(`Name:               web
Namespace:          default
CreationTimestamp:  Tue, 13 Aug 2024 12:00:00 +0000
Selector:           app=nginx
Labels:             <none>
Annotations:        <none>
Replicas:           2 desired | 2 total
Update Strategy:    RollingUpdate
  Partition:        0
Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed
`);
    expect(out).toContain(`Volume Claims:
  Name:          www
  StorageClass:  
  Labels:        <none>
  Annotations:   <none>
  Capacity:      1Gi
  Access Modes:  [ReadWriteOnce]
Events:
`);
  });
});
