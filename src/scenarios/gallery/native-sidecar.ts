import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

// After https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/ (the Deployment example, as a Pod).
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: myapp
  labels:
    app: myapp
spec:
  containers:
  - name: myapp
    image: alpine:latest
    command: ['sh', '-c', 'while true; do echo "logging" >> /opt/logs.txt; sleep 1; done']
    volumeMounts:
    - name: data
      mountPath: /opt
  initContainers:
  - name: logshipper
    image: alpine:latest
    restartPolicy: Always
    command: ['sh', '-c', 'tail -F /opt/logs.txt']
    volumeMounts:
    - name: data
      mountPath: /opt
  volumes:
  - name: data
    emptyDir: {}
`;

export const nativeSidecar: GalleryEntry = {
  id: 'native-sidecar',
  title: { en: 'A native sidecar container', zh: '原生 Sidecar 容器' },
  explanation: {
    en: 'Since Kubernetes 1.29 a sidecar is an init container with restartPolicy: Always. It starts before the app container and keeps running beside it, so the app never runs without its log shipper, and it counts in READY (2/2). Here the app appends to a file on a shared emptyDir volume and the sidecar tails it: kubectl logs myapp -c logshipper shows the lines.',
    zh: '从 Kubernetes 1.29 起，Sidecar 就是设置了 restartPolicy: Always 的 Init 容器。它在应用容器之前启动，并一直与应用容器并行运行，所以应用不会在没有日志收集器的情况下运行；它也计入 READY（2/2）。这里应用把日志追加写到共享的 emptyDir 卷中的文件，Sidecar 用 tail 读取：用 kubectl logs myapp -c logshipper 可以看到这些日志。',
  },
  scenario: scenario('A native sidecar container', [
    apply(0, POD),
    exec(30, 'kubectl logs myapp -c logshipper --tail 3'),
  ]),
  check: { t: 40, command: 'kubectl get pod myapp', expect: '2/2     Running' },
};
