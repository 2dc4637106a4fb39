/**
 * Seeking in a one-hour history (issue 8): a Deployment of 5 probed nginx Pods behind a Service,
 * a client Pod requesting it every 2 seconds for an hour, a rolling update at 20 minutes. Going
 * back re-runs the history from the seed and its inputs (src/worker/session.ts); the figures are
 * the wall time of a seek to the middle from the end, and of playing the whole hour.
 */
import { Session } from '../src/worker/session.ts';
import type { Scenario } from '../src/scenarios/types.ts';

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value: Number(value.toFixed(2)), unit })}\n`);
}

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 5
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        readinessProbe:
          httpGet: { path: /, port: 80 }
          periodSeconds: 5
        livenessProbe:
          httpGet: { path: /, port: 80 }
          periodSeconds: 10
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
  - port: 80
---
apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "86400"]
`;

const HOUR = 3600;
const scenario: Scenario = {
  version: 1,
  title: 'one hour of traffic',
  seed: 42,
  actions: [
    { at: 1, kind: 'apply', yaml: APP },
    { at: 30, kind: 'exec', line: 'kubectl exec client -- wget -qO- -T 2 http://web', repeat: { every: 2, count: (HOUR - 30) / 2 } },
    { at: 1200, kind: 'exec', line: 'kubectl set image deployment/web nginx=nginx:1.27.1' },
  ],
};

const session = new Session(scenario);
let start = performance.now();
session.runTo(HOUR * 1000);
const playMs = performance.now() - start;
const entries = session.current.timelineSince(Number.MAX_SAFE_INTEGER).total;
emit('seek/play-one-hour', playMs, 'ms');
emit('seek/one-hour-timeline-entries', entries, 'entries');

start = performance.now();
session.seek((HOUR / 2) * 1000);
emit('seek/to-middle-of-one-hour', performance.now() - start, 'ms');

start = performance.now();
session.seek((HOUR / 2 + 60) * 1000);
emit('seek/forward-one-minute', performance.now() - start, 'ms');
