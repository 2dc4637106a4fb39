import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

/** An nginx Pod that is ready while /tmp/ready exists. */
const pod = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    command: ['sh', '-c', 'touch /tmp/ready && exec nginx -g "daemon off;"']
    ports:
    - containerPort: 80
    readinessProbe:
      exec:
        command: ['cat', '/tmp/ready']
      periodSeconds: 5
`;

const SERVICE = `apiVersion: v1
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

export const readinessEndpoints: GalleryEntry = {
  id: 'readiness-endpoints',
  title: { en: 'Readiness removes a Pod from a Service', zh: '就绪探针把 Pod 移出 Service' },
  explanation: {
    en: 'Three Pods behind a Service are ready while the file /tmp/ready exists. At 40 s the file is removed in web-2: its readiness probe fails, the Pod shows 0/1 but keeps running (nothing restarts it), and the endpoints controller takes its IP out of the Service, so no new connection goes to it. Put the file back and the Pod returns to the endpoints.',
    zh: 'Service 后面有三个 Pod，只要文件 /tmp/ready 存在，它们就处于就绪状态。第 40 秒删除 web-2 中的这个文件：它的就绪探针失败，Pod 显示 0/1，但仍在运行（不会被重启），Endpoints 控制器把它的 IP 从 Service 中移除，新的连接不会再发往它。把文件恢复后，Pod 会重新加入 Endpoints。',
  },
  scenario: scenario('Readiness removes a Pod from a Service', [
    apply(0, [pod('web-1'), pod('web-2'), pod('web-3'), SERVICE].join('---\n')),
    exec(30, 'kubectl get endpoints web'),
    exec(40, 'kubectl exec web-2 -- rm /tmp/ready'),
    exec(60, 'kubectl get endpoints web'),
  ]),
  check: { t: 70, command: 'kubectl get pod web-2', expect: 'web-2   0/1     Running   0' },
};
