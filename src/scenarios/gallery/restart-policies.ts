import { apply, exec, scenario, type GalleryEntry } from './entry.ts';

const pod = (name: string, policy: string, exitCode: number) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${policy}
  containers:
  - name: task
    image: busybox:1.36
    command: ['sh', '-c', 'echo working; sleep 5; exit ${exitCode}']
`;

export const restartPolicies: GalleryEntry = {
  id: 'restart-policies',
  title: { en: 'Restart policies compared', zh: '重启策略对比' },
  explanation: {
    en: 'Four Pods run a task that works for 5 seconds and exits. With restartPolicy Always the kubelet restarts the container even when it succeeded (exit 0), and the back-off soon shows CrashLoopBackOff. OnFailure restarts only after a non-zero exit code, so the Pod that exits 0 is Completed. Never restarts nothing: the failed Pod stays Error.',
    zh: '四个 Pod 运行同一个任务：工作 5 秒后退出。restartPolicy 为 Always 时，即使容器成功退出（退出码 0），kubelet 也会重启它，很快就会因退避显示 CrashLoopBackOff。OnFailure 只在退出码非 0 时重启，所以退出码为 0 的 Pod 显示 Completed。Never 从不重启：失败的 Pod 保持 Error 状态。',
  },
  scenario: scenario('Restart policies compared', [
    apply(0, [pod('always', 'Always', 0), pod('onfailure-exit0', 'OnFailure', 0), pod('onfailure-exit1', 'OnFailure', 1), pod('never-exit1', 'Never', 1)].join('---\n')),
    exec(60, 'kubectl get pods'),
  ]),
  check: { t: 120, command: 'kubectl get pods', expect: 'never-exit1       0/1     Error' },
};
