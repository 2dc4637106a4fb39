import { apply, DEPLOYMENT, exec, scenario, type GalleryEntry } from './entry.ts';

export const nodeFailure: GalleryEntry = {
  id: 'node-failure',
  title: { en: 'A node fails and its Pods are evicted', zh: '节点故障与 Pod 驱逐' },
  explanation: {
    en: 'At 30 s the kubelet on worker-1 stops, as if the machine had died. Its Lease stops being renewed; 40 s later the node lifecycle controller marks it NotReady and taints it node.kubernetes.io/unreachable. Pods tolerate that taint for 300 s by default, so only then are they evicted and the Deployment creates replacements on worker-2; the old Pods stay Terminating because no kubelet is left to confirm.',
    zh: '第 30 秒，worker-1 上的 kubelet 停止运行，就像这台机器宕机了一样。它的 Lease 不再续约；40 秒后，节点生命周期控制器把它标记为 NotReady，并加上 node.kubernetes.io/unreachable 污点。Pod 默认对这个污点容忍 300 秒，所以要到那之后才会被驱逐，Deployment 随即在 worker-2 上创建替代的 Pod；旧 Pod 一直停留在 Terminating，因为已经没有 kubelet 来确认它们的终止。',
  },
  scenario: scenario('A node fails and its Pods are evicted', [
    apply(0, DEPLOYMENT('web', 'nginx:1.27', 3)),
    exec(30, 'systemctl stop kubelet', { node: 'worker-1' }),
    exec(80, 'kubectl get nodes'),
  ]),
  check: { t: 400, command: 'kubectl get pods -o wide', expect: 'Terminating' },
};
