import { apply, CLIENT_POD, DEPLOYMENT, exec, scenario, type GalleryEntry } from './entry.ts';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: whoami
spec:
  selector:
    app: whoami
  ports:
  - port: 80
    targetPort: 80
`;

export const serviceLoadBalancing: GalleryEntry = {
  id: 'service-load-balancing',
  title: { en: 'A Service load-balancing across three Pods', zh: 'Service 在三个 Pod 之间负载均衡' },
  explanation: {
    en: 'Three whoami Pods sit behind one Service, and from 30 s a client Pod asks http://whoami once a second. There is no load balancer process: kube-proxy wrote iptables rules on every node, and each new connection takes the first Pod with probability 1/3, else the second with 1/2, else the third. Watch the load-balancing picks in the timeline, or run iptables-save on a node.',
    zh: '三个 whoami Pod 位于同一个 Service 之后，从第 30 秒开始，client Pod 每秒请求一次 http://whoami。这里并没有负载均衡进程：kube-proxy 在每个节点上写好了 iptables 规则，每个新连接以 1/3 的概率选中第一个 Pod，否则以 1/2 的概率选中第二个，再否则选中第三个。可以在时间线里观察每次的选择，也可以在节点上运行 iptables-save 查看规则。',
  },
  scenario: scenario('A Service load-balancing across three Pods', [
    apply(0, DEPLOYMENT('whoami', 'traefik/whoami:v1.10', 3) + '---\n' + SERVICE),
    apply(0, CLIENT_POD),
    exec(30, 'kubectl exec client -- wget -qO- http://whoami', { repeat: { every: 1, count: 30 } }),
  ]),
  check: { t: 60, command: 'iptables-save -t nat', expect: '-m statistic --mode random --probability 0.33333333349' },
};
