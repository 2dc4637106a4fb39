/** Tutorial manifests from kubernetes.io, run on a whole cluster: what `kubectl logs` shows, and when. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../cluster/simulation.ts';

function apply(sim: Simulation, yaml: string): void {
  const r = sim.exec('kubectl apply -f -', { stdin: yaml });
  expect(r.stderr).toBe('');
}

// concepts/cluster-administration/logging: "Streaming sidecar container".
const SIDECAR_POD = `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args:
    - /bin/sh
    - -c
    - >
      i=0;
      while true;
      do
        echo "$i: $(date)" >> /var/log/1.log;
        echo "$(date) INFO $i" >> /var/log/2.log;
        i=$((i+1));
        sleep 1;
      done
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  - name: count-log-1
    image: busybox:1.28
    args: [/bin/sh, -c, 'tail -n+1 -F /var/log/1.log']
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  - name: count-log-2
    image: busybox:1.28
    args: [/bin/sh, -c, 'tail -n+1 -F /var/log/2.log']
    volumeMounts:
    - name: varlog
      mountPath: /var/log
  volumes:
  - name: varlog
    emptyDir: {}
`;

const COUNTER_POD = `apiVersion: v1
kind: Pod
metadata:
  name: counter
spec:
  containers:
  - name: count
    image: busybox:1.28
    args: [/bin/sh, -c,
            'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']
`;

/** What `kubectl logs ARGS` prints after the clock has reached each of `atMs`. */
function logsAt(sim: Simulation, args: string, atMs: number[]): string[] {
  return atMs.map((t) => {
    sim.kernel.advanceMs(t - sim.kernel.nowMs);
    return sim.exec(`kubectl logs ${args}`).stdout;
  });
}

describe('kubernetes.io logging architecture', () => {
  it('the counter pod: one line a second in kubectl logs', () => {
    const sim = new Simulation({ seed: 7 });
    apply(sim, COUNTER_POD);
    expect(logsAt(sim, 'counter', [2000, 3000])).toEqual([
      '0: Tue Aug 13 12:00:01 UTC 2024\n',
      '0: Tue Aug 13 12:00:01 UTC 2024\n1: Tue Aug 13 12:00:02 UTC 2024\n',
    ]);
  });

  it('the streaming sidecars (tail -n+1 -F) print the counter’s two files as they grow', () => {
    const sim = new Simulation({ seed: 7 });
    apply(sim, SIDECAR_POD);
    // The three containers start at 1052 ms; the sidecars' tail reads the file every second from then on.
    expect(logsAt(sim, 'counter count-log-1', [1051, 1052, 2051, 2052])).toEqual([
      '',
      '0: Tue Aug 13 12:00:01 UTC 2024\n',
      '0: Tue Aug 13 12:00:01 UTC 2024\n',
      '0: Tue Aug 13 12:00:01 UTC 2024\n1: Tue Aug 13 12:00:02 UTC 2024\n',
    ]);
    expect(logsAt(sim, 'counter count-log-2', [3052])).toEqual(['Tue Aug 13 12:00:01 UTC 2024 INFO 0\nTue Aug 13 12:00:02 UTC 2024 INFO 1\nTue Aug 13 12:00:03 UTC 2024 INFO 2\n']);
    expect(sim.exec('kubectl logs counter count').stdout).toBe('');
  });
});
