import { expect, it } from 'vitest';
import { Simulation } from '../../cluster/simulation.ts';

it('a complete rollout that lost a Pod it cannot replace is re-checked at the rate limiter pace, not every millisecond', () => {
  const s = new Simulation({ seed: 7 });
  s.exec('kubectl apply -f -', {
    stdin: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeSelector: {kubernetes.io/hostname: worker-1}
      containers:
      - name: nginx
        image: nginx:1.27
`,
  });
  s.kernel.advanceMs(30_000);
  s.exec('kubectl cordon worker-1');
  const pod = s.exec('kubectl get pods -o name').stdout.trim().split('\n')[0]!;
  s.exec(`kubectl delete ${pod}`);
  // Past progressDeadlineSeconds (600 s): Progressing stays NewReplicaSetAvailable, so it never times out.
  s.kernel.advanceMs(660_000);
  let requeues = 0;
  const after = s.kernel.after.bind(s.kernel);
  s.kernel.after = (delayMs, label, run) => {
    if (label === 'deployment-controller: requeue default/web') requeues++;
    return after(delayMs, label, run);
  };
  s.kernel.advanceMs(60_000);
  // workqueue.DefaultControllerRateLimiter's bucket: 10 a second.
  expect(requeues).toBe(600);
  expect(s.exec('kubectl get deploy web -o yaml').stdout).toContain('reason: NewReplicaSetAvailable');
});
