import { apply, DEPLOYMENT, exec, scenario, type GalleryEntry } from './entry.ts';


export const deploymentHeals: GalleryEntry = {
  id: 'deployment-heals',
  title: { en: 'A Deployment heals itself', zh: 'Deployment 的自愈' },
  explanation: {
    en: 'A Deployment asks for 3 replicas of nginx; its ReplicaSet creates the Pods. At 30 s one Pod is deleted: the ReplicaSet controller sees 2 where it wants 3 and creates a new Pod, with a new random name and a new IP. Pods are cattle, not pets: the Deployment keeps the count, not the individuals.',
    zh: 'Deployment 声明需要 3 个 nginx 副本，由它的 ReplicaSet 创建 Pod。第 30 秒删除其中一个 Pod：ReplicaSet 控制器发现实际只有 2 个，而期望是 3 个，于是创建一个新 Pod，名字和 IP 都是新的。Deployment 维护的是副本数量，而不是某个具体的 Pod。',
  },
  scenario: scenario('A Deployment heals itself', [
    apply(0, DEPLOYMENT('web', 'nginx:1.27', 3)),
    exec(30, 'kubectl delete pod web-555d94684b-2jqf2'),
    exec(31, 'kubectl get pods'),
  ]),
  check: { t: 45, command: 'kubectl get pods', expect: 'web-555d94684b-h76pz   1/1     Running   0          15s' },
};
