import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

// The example of https://kubernetes.io/docs/concepts/workloads/pods/init-containers/ as it is there.
const POD = `apiVersion: v1
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

const MYSERVICE = `apiVersion: v1
kind: Service
metadata:
  name: myservice
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9376
`;

const MYDB = `apiVersion: v1
kind: Service
metadata:
  name: mydb
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9377
`;

export const initContainers: GalleryEntry = {
  id: 'init-containers',
  title: { en: 'Init containers waiting for a Service', zh: 'Init 容器等待 Service 就绪' },
  explanation: {
    en: 'Init containers run one after another, each to completion, before the app container starts. Here they loop on nslookup until the Services myservice and mydb exist: the Pod shows Init:0/2, then Init:1/2 after myservice is created at 40 s, and Running once mydb is created at 70 s. kubectl logs myapp-pod -c init-myservice shows the waiting.',
    zh: 'Init 容器按顺序逐个运行，每个都必须成功结束，应用容器才会启动。这里的两个 Init 容器不断执行 nslookup，直到 myservice 和 mydb 这两个 Service 出现：Pod 先显示 Init:0/2，第 40 秒创建 myservice 后变成 Init:1/2，第 70 秒创建 mydb 后变为 Running。可以用 kubectl logs myapp-pod -c init-myservice 查看等待过程。',
  },
  scenario: scenario('Init containers waiting for a Service', [
    apply(0, POD),
    exec(30, 'kubectl get pod myapp-pod'),
    apply(40, MYSERVICE),
    exec(60, 'kubectl get pod myapp-pod'),
    apply(70, MYDB),
  ]),
  check: { t: 100, command: 'kubectl get pod myapp-pod', expect: '1/1     Running' },
};
