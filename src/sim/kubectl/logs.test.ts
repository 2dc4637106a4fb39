/** `kubectl logs` against a whole simulated cluster. */
import { describe, expect, it } from 'vitest';
import { preferredResourceForKind } from '../api/resources.ts';
import { Simulation } from '../cluster/simulation.ts';
import { FOLLOW_LIMIT_MS } from './logs.ts';
import { apply, BUSYBOX, kubectl, pod } from './testing-containers.ts';

const NGINX = '  - name: nginx\n    image: nginx:1.27\n';

describe('kubectl logs', () => {
  it('prints nginx startup lines and a busybox script output', () => {
    const sim = new Simulation({ seed: 3 });
    apply(sim, pod('web', NGINX));
    apply(sim, pod('box', BUSYBOX('echo hello; sleep 3600')));
    sim.advance(30);
    const web = kubectl(sim, 'kubectl logs web');
    expect(web.stderr).toBe('');
    expect(web.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(web.stdout).toMatch(/start worker processes\n/);
    expect(kubectl(sim, 'kubectl logs box')).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs pod/box -c box')).toEqual({ stdout: 'hello\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs web --tail=1').stdout.split('\n')).toHaveLength(2);
    expect(kubectl(sim, 'kubectl logs web --tail=0').stdout).toBe('');
  });

  it('reads the previous instance after a crash, and says when there is none', () => {
    const sim = new Simulation({ seed: 4 });
    apply(sim, pod('crash', BUSYBOX('echo run; sleep 2; exit 1')));
    sim.advance(8);
    expect(kubectl(sim, 'kubectl logs crash --previous')).toEqual({ stdout: 'run\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs crash -p -c box').stdout).toBe('run\n');
    const fresh = new Simulation({ seed: 4 });
    apply(fresh, pod('crash', BUSYBOX('echo run; sleep 3600')));
    fresh.advance(30);
    expect(kubectl(fresh, 'kubectl logs crash -p')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "box" in pod "crash" not found\n', exitCode: 1 });
  });

  it('answers as v1.31 for a waiting container, an unknown container or pod, and bad arguments', () => {
    const sim = new Simulation({ seed: 5 });
    apply(sim, pod('web', NGINX));
    sim.advance(1.5);
    expect(kubectl(sim, 'kubectl logs web').stderr).toBe('Error from server (BadRequest): container "nginx" in pod "web" is waiting to start: ContainerCreating\n');
    sim.advance(30);
    expect(kubectl(sim, 'kubectl logs web -c nope')).toEqual({ stdout: '', stderr: 'error: container nope is not valid for pod web\n', exitCode: 1 });
    expect(kubectl(sim, 'kubectl logs ghost').stderr).toBe('error: error from server (NotFound): pods "ghost" not found in namespace "default"\n');
    expect(kubectl(sim, 'kubectl logs').stderr).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    expect(kubectl(sim, 'kubectl logs web -c nginx --all-containers').stderr).toBe('error: --all-containers=true should not be specified with container name nginx\n');
  });

  it('defaults to the first container of a multi-container pod and says so; --all-containers reads them all', () => {
    const sim = new Simulation({ seed: 6 });
    apply(sim, pod('two', BUSYBOX('echo from-a; sleep 3600', 'a') + BUSYBOX('echo from-b; sleep 3600', 'b')));
    sim.advance(30);
    expect(kubectl(sim, 'kubectl logs two')).toEqual({ stdout: 'from-a\n', stderr: 'Defaulted container "a" out of: a, b\n', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs two b')).toEqual({ stdout: 'from-b\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs two --all-containers')).toEqual({ stdout: 'from-a\nfrom-b\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs two --all-containers --prefix').stdout).toBe('[pod/two/a] from-a\n[pod/two/b] from-b\n');
  });

  it('picks the first pod of a deployment and reads pods by label', () => {
    const sim = new Simulation({ seed: 7 });
    apply(sim, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n' + BUSYBOX('echo up; sleep 3600').replace(/^ {2}/gm, '      '));
    sim.advance(40);
    const r = kubectl(sim, 'kubectl logs deploy/web');
    expect(r.stdout).toBe('up\n');
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(kubectl(sim, 'kubectl logs -l app=web')).toEqual({ stdout: 'up\nup\nup\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs -l app=none')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
    expect(kubectl(sim, 'kubectl logs deploy/nope').stderr).toBe('error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n');
  });

  it('-f follows until the container ends, in virtual time', () => {
    const sim = new Simulation({ seed: 8 });
    apply(sim, pod('job', BUSYBOX('echo one; sleep 5; echo two; sleep 5; echo three'), '  restartPolicy: Never\n'));
    sim.advance(3);
    const start = sim.kernel.nowMs;
    expect(kubectl(sim, 'kubectl logs -f job')).toEqual({ stdout: 'one\ntwo\nthree\n', stderr: '', exitCode: 0 });
    expect(sim.kernel.nowMs - start).toBeGreaterThanOrEqual(7000);
    expect(sim.kernel.nowMs - start).toBeLessThan(20_000);
    // A finished container's log is still there (the kubelet keeps it with the pod).
    expect(kubectl(sim, 'kubectl logs job').stdout).toBe('one\ntwo\nthree\n');
  });

  it('-f on a container that keeps running stops after the follow limit; --timestamps stamps each line', () => {
    const sim = new Simulation({ seed: 9 });
    apply(sim, pod('box', BUSYBOX('echo a; echo b; sleep 3600')));
    sim.advance(30);
    const start = sim.kernel.nowMs;
    expect(kubectl(sim, 'kubectl logs -f box --tail=1')).toEqual({ stdout: 'b\n', stderr: '', exitCode: 0 });
    expect(sim.kernel.nowMs - start).toBe(FOLLOW_LIMIT_MS);
    const startedAt = (sim.store.list(preferredResourceForKind('Pod')!)[0]!.status?.containerStatuses as { state: { running: { startedAt: string } } }[])[0]!.state.running.startedAt;
    expect(kubectl(sim, 'kubectl logs box --timestamps').stdout).toBe(`${startedAt} a\n${startedAt} b\n`);
  });
});
