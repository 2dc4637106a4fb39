import { apply, CLIENT_POD, exec, scenario, type GalleryEntry } from './entry.ts';

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

export const podAndService: GalleryEntry = {
  id: 'pod-and-service',
  title: { en: 'A Pod and a Service', zh: 'Pod 与 Service' },
  explanation: {
    en: 'A standalone Pod runs nginx and a Service gives it a stable name and virtual IP; the client Pod reaches it as http://web. At 40 s the Pod is deleted: nothing owns it, so nothing brings it back, and the Service is left with no endpoints. Use a Deployment for anything that should survive.',
    zh: '一个独立的 Pod 运行 nginx，Service 为它提供固定的名字和虚拟 IP，client Pod 通过 http://web 访问它。第 40 秒时删除这个 Pod：它不属于任何控制器，所以不会有人把它重建，Service 也就没有了 Endpoints。需要长期运行的应用，请使用 Deployment。',
  },
  scenario: scenario('A Pod and a Service', [
    apply(0, WEB),
    apply(0, CLIENT_POD),
    exec(20, 'kubectl exec client -- wget -qO- http://web'),
    exec(40, 'kubectl delete pod web'),
    exec(45, 'kubectl get endpoints web'),
  ]),
  check: { t: 60, command: 'kubectl get pod web', expect: 'Error from server (NotFound): pods "web" not found' },
};
