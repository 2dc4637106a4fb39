import { apply, CLIENT_POD, DEPLOYMENT, exec, scenario, type GalleryEntry } from './entry.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
    nodePort: 30080
`;

export const nodePort: GalleryEntry = {
  id: 'nodeport',
  title: { en: 'NodePort: reaching a Service from outside', zh: 'NodePort：从集群外部访问 Service' },
  explanation: {
    en: 'A NodePort Service opens the same port (here 30080) on every node, so anything that can reach a node\'s IP can reach the Service. The request to 172.18.0.2:30080 goes to the control-plane node, which runs no nginx Pod: kube-proxy forwards it to a Pod on a worker. This is how kind and bare-metal clusters expose Services without a cloud load balancer.',
    zh: 'NodePort 类型的 Service 会在每个节点上打开同一个端口（这里是 30080），只要能访问到节点 IP，就能访问这个 Service。发往 172.18.0.2:30080 的请求到达的是控制平面节点，它上面并没有运行 nginx Pod：kube-proxy 把请求转发到某个工作节点上的 Pod。在 kind 或裸机集群中，没有云厂商的负载均衡器时，通常就用这种方式对外暴露服务。',
  },
  scenario: scenario('NodePort: reaching a Service from outside', [
    apply(0, DEPLOYMENT('web', 'nginx:1.27', 2) + '---\n' + SERVICE),
    apply(0, CLIENT_POD),
    exec(30, 'kubectl get service web'),
    exec(35, 'kubectl exec client -- wget -qO- http://172.18.0.2:30080'),
  ]),
  check: { t: 40, command: 'kubectl exec client -- wget -qO- http://172.18.0.3:30080', expect: '<h1>Welcome to nginx!</h1>' },
};
