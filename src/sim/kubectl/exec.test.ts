/** `kubectl exec` against a whole simulated cluster, through the local dispatch of logs.test.ts. */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../cluster/simulation.ts';
import { apply, BUSYBOX, kubectl, pod } from './testing-containers.ts';


function running(seed: number, containers: string, extra = ''): Simulation {
  const sim = new Simulation({ seed });
  apply(sim, pod('box', containers, extra));
  sim.advance(30);
  return sim;
}

describe('kubectl exec', () => {
  it('runs a command in the container and returns its output and exit code', () => {
    const sim = running(11, BUSYBOX('echo hello; sleep 3600'));
    expect(kubectl(sim, 'kubectl exec box -- echo hi there')).toEqual({ stdout: 'hi there\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl exec box -- cat /etc/hostname')).toEqual({ stdout: 'box\n', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl exec -it box -- sh -c "echo out; cat /nope; exit 3"')).toEqual({ stdout: 'out\ncat: can\'t open \'/nope\': No such file or directory\n', stderr: 'command terminated with exit code 3\n', exitCode: 3 });
    expect(kubectl(sim, 'kubectl exec box -- sh -c "echo out; cat /nope; exit 3"')).toEqual({ stdout: 'out\n', stderr: 'cat: can\'t open \'/nope\': No such file or directory\ncommand terminated with exit code 3\n', exitCode: 3 });
    expect(kubectl(sim, 'kubectl exec box -- cat /nope')).toEqual({ stdout: '', stderr: 'cat: can\'t open \'/nope\': No such file or directory\ncommand terminated with exit code 1\n', exitCode: 1 });
    expect(kubectl(sim, 'kubectl exec -i box -- sh', 'echo from stdin\n')).toEqual({ stdout: 'from stdin\n', stderr: '', exitCode: 0 });
  });

  it('advances virtual time while the command runs', () => {
    const sim = running(12, BUSYBOX('sleep 3600'));
    const start = sim.kernel.nowMs;
    expect(kubectl(sim, 'kubectl exec box -- sleep 5').exitCode).toBe(0);
    expect(sim.kernel.nowMs - start).toBeGreaterThanOrEqual(5000);
    expect(sim.kernel.nowMs - start).toBeLessThan(6000);
  });

  it('gives containerd\'s error for a missing binary', () => {
    const sim = running(13, BUSYBOX('sleep 3600'));
    const r = kubectl(sim, 'kubectl exec box -- bash');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
  });

  it('defaults to the first container and says so', () => {
    const sim = running(14, BUSYBOX('sleep 3600', 'a') + BUSYBOX('sleep 3600', 'b'));
    expect(kubectl(sim, 'kubectl exec box -- hostname')).toEqual({ stdout: 'box\n', stderr: 'Defaulted container "a" out of: a, b\n', exitCode: 0 });
    expect(kubectl(sim, 'kubectl exec box -q -- true')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl exec box -c b -- true')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(kubectl(sim, 'kubectl exec box -c c -- true')).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container c is not valid for pod box\n', exitCode: 1 });
  });

  it('answers as v1.31 for bad arguments, missing pods, and containers that do not run', () => {
    const sim = new Simulation({ seed: 15 });
    apply(sim, pod('web', '  - name: nginx\n    image: nginx:1.27\n'));
    sim.advance(1.5);
    expect(kubectl(sim, 'kubectl exec web -- ls')).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("nginx")\n', exitCode: 1 });
    expect(kubectl(sim, 'kubectl exec web ls')).toEqual({ stdout: '', stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", exitCode: 1 });
    expect(kubectl(sim, 'kubectl exec web').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(kubectl(sim, 'kubectl exec -- ls').stderr).toBe('error: pod, type/name or --filename must be specified\n');
    expect(kubectl(sim, 'kubectl exec ghost -- ls').stderr).toBe('Error from server (NotFound): pods "ghost" not found\n');
    apply(sim, pod('done', BUSYBOX('true'), '  restartPolicy: Never\n'));
    sim.advance(30);
    expect(kubectl(sim, 'kubectl exec done -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
  });
});
