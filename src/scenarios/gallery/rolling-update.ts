import { apply, DEPLOYMENT, exec, scenario, type GalleryEntry } from './entry.ts';

export const rollingUpdate: GalleryEntry = {
  id: 'rolling-update',
  title: { en: 'A rolling update and a rollback', zh: '滚动更新与回滚' },
  explanation: {
    en: 'At 30 s the Deployment\'s image changes from nginx:1.26 to nginx:1.27: it creates a new ReplicaSet and moves Pods over a few at a time (maxSurge and maxUnavailable are 25%), so the Service always has ready Pods. At 90 s kubectl rollout undo goes back: the old ReplicaSet is scaled up again and becomes revision 3. kubectl rollout history lists the revisions.',
    zh: '第 30 秒把 Deployment 的镜像从 nginx:1.26 改为 nginx:1.27：它创建一个新的 ReplicaSet，每次只替换少量 Pod（maxSurge 和 maxUnavailable 都是 25%），因此 Service 始终有就绪的 Pod。第 90 秒执行 kubectl rollout undo 回滚：旧的 ReplicaSet 重新扩容，成为第 3 个修订版本。用 kubectl rollout history 可以查看所有修订版本。',
  },
  scenario: scenario('A rolling update and a rollback', [
    apply(0, DEPLOYMENT('web', 'nginx:1.26', 4)),
    exec(30, 'kubectl set image deployment/web nginx=nginx:1.27'),
    exec(60, 'kubectl rollout status deployment/web'),
    exec(90, 'kubectl rollout undo deployment/web'),
  ]),
  check: { t: 150, command: 'kubectl get deployment web -o wide', expect: 'nginx:1.26' },
};
