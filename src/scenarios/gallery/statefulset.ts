import { apply, CLIENT_POD, exec, scenario, type GalleryEntry } from './entry.ts';

// After https://kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set/ (without the volume claims).
const WEB = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
          name: web
`;

export const statefulSet: GalleryEntry = {
  id: 'statefulset',
  title: { en: 'A StatefulSet with stable names', zh: '具有稳定名称的 StatefulSet' },
  explanation: {
    en: 'A StatefulSet names its Pods by ordinal, web-0 then web-1, and creates them one at a time: web-1 only after web-0 is Running and Ready. With the headless Service nginx, each Pod gets its own DNS name, web-0.nginx.default.svc.cluster.local. At 60 s web-0 is deleted and comes back with the same name and the same DNS name, usually with a new IP.',
    zh: 'StatefulSet 按序号为 Pod 命名：web-0、web-1，并且逐个创建：只有 web-0 处于 Running 且 Ready 之后才会创建 web-1。配合无头 Service（nginx），每个 Pod 都有自己的 DNS 名称，例如 web-0.nginx.default.svc.cluster.local。第 60 秒删除 web-0，它会以同样的名字、同样的 DNS 名称重新出现，只是 IP 通常会变。',
  },
  scenario: scenario('A StatefulSet with stable names', [
    apply(0, WEB),
    apply(0, CLIENT_POD),
    exec(40, 'kubectl exec client -- nslookup web-0.nginx.default.svc.cluster.local'),
    // --wait=false: the simulated kubectl's wait does not yet tell the new web-0 from the old (see the report).
    exec(60, 'kubectl delete pod web-0 --wait=false'),
    exec(62, 'kubectl get pods -l app=nginx'),
  ]),
  check: { t: 90, command: 'kubectl get pods -l app=nginx', expect: 'web-0   1/1     Running   0          29s' },
};
