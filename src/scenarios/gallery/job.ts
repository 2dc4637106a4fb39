import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: sum
spec:
  completions: 3
  parallelism: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: sum
        image: busybox:1.36
        command: ['sh', '-c', 'i=1; s=0; while [ $i -le 100 ]; do s=$((s + i)); i=$((i + 1)); done; echo "1 + 2 + ... + 100 = $s"']
`;

export const job: GalleryEntry = {
  id: 'job',
  title: { en: 'A Job runs to completion', zh: 'Job 运行至完成' },
  explanation: {
    en: 'A Job runs Pods until a given number of them succeed: here completions is 3 and parallelism 1, so three Pods run one after another, each adding up 1 to 100. Finished Pods stay Completed so their logs can be read, and the Job shows 3/3 and Complete. Unlike a Deployment, a Job never restarts a Pod that exited 0.',
    zh: 'Job 会运行 Pod，直到指定数量的 Pod 成功结束：这里 completions 为 3、parallelism 为 1，所以三个 Pod 依次运行，每个都计算 1 加到 100 的和。结束的 Pod 保持 Completed 状态，便于查看日志，Job 显示 3/3 和 Complete。与 Deployment 不同，Job 不会重启以退出码 0 结束的 Pod。',
  },
  scenario: scenario('A Job runs to completion', [
    apply(0, JOB),
    exec(60, 'kubectl logs job/sum'),
  ]),
  check: { t: 90, command: 'kubectl get job sum', expect: 'sum    Complete   3/3' },
};
