import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

// https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/ (pods/probe/http-liveness.yaml)
const POD = `apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/liveness
    args:
    - /server
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
`;

export const livenessRestart: GalleryEntry = {
  id: 'liveness-restart',
  title: { en: 'A liveness probe restarts a container', zh: '存活探针重启容器' },
  explanation: {
    en: 'The server answers /healthz with 200 for its first 10 seconds and with 500 after that. The kubelet probes every 3 seconds; after 3 failures in a row it kills the container and starts it again, and the RESTARTS column counts up. Each restart waits longer than the last (10 s, 20 s, 40 s and so on, up to 5 minutes): that back-off is CrashLoopBackOff.',
    zh: '这个服务器在启动后的前 10 秒对 /healthz 返回 200，之后返回 500。kubelet 每 3 秒探测一次，连续失败 3 次后就杀掉容器并重新启动，RESTARTS 列随之增加。每次重启前的等待时间都比上一次更长（10 秒、20 秒、40 秒……最长 5 分钟），这种退避就是 CrashLoopBackOff。',
  },
  scenario: scenario('A liveness probe restarts a container', [
    apply(0, POD),
    exec(60, 'kubectl describe pod liveness-http'),
  ]),
  check: { t: 180, command: 'kubectl describe pod liveness-http', expect: 'Container liveness failed liveness probe, will be restarted' },
};
