import { describe, expect, it } from 'vitest';
import { setup } from './testing.ts';

/** Runs `sh -c script` as a container's process; returns its log and how and when it ended. */
function run(script: string, opts: { advanceMs?: number; env?: { name: string; value: string }[]; command?: string[]; image?: string } = {}) {
  const { kernel, rt, start } = setup();
  const c = start({ command: opts.command ?? ['sh', '-c', script], env: opts.env, ...(opts.image ? { image: opts.image } : {}) });
  kernel.advanceMs(opts.advanceMs ?? 3_600_000);
  return { log: rt.logs(c.id), exits: c.exits };
}

describe('the container shell', () => {
  it('runs ; sequences, echo with $VAR expansion from env and HOSTNAME, and exits 0 → Completed', () => {
    const r = run('echo "hello $NAME from $HOSTNAME"; echo -n a; echo b \'$NAME\' ${NAME}', { env: [{ name: 'NAME', value: 'kube play' }] });
    expect(r.log).toBe("hello kube play from p\nab $NAME kube play\n");
    expect(r.exits).toEqual([{ t: 0, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('sleeps in virtual time, fractions and suffixes included, and ends at the exact millisecond', () => {
    expect(run('sleep 2.5; echo done; sleep 1m; exit 3').exits).toEqual([{ t: 62_500, status: { exitCode: 3, reason: 'Error' } }]);
    const partial = run('sleep 10; echo late', { advanceMs: 9_999 });
    expect(partial).toEqual({ log: '', exits: [] });
  });

  it('exit N, exit with the last status, true, false, &&, || and !', () => {
    expect(run('false || echo rescued && true; ! true; exit').exits[0]!.status).toEqual({ exitCode: 1, reason: 'Error' });
    expect(run('false || echo rescued && true; ! true; exit').log).toBe('rescued\n');
    expect(run('true && false && echo never; echo $?').log).toBe('1\n');
    expect(run('exit 300').exits[0]!.status.exitCode).toBe(44);
    expect(run('exit 2; echo unreachable').log).toBe('');
  });

  it('touch, cat and rm -f on the container filesystem, with busybox error text', () => {
    const r = run("cat /tmp/healthy; echo $?; touch /tmp/healthy; cat /tmp/healthy && echo present; echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f; rm /tmp/nope; rm -f /tmp/nope; echo rm=$?");
    expect(r.log).toBe("cat: can't open '/tmp/healthy': No such file or directory\n1\npresent\nhi\nthere\nrm: can't remove '/tmp/nope': No such file or directory\nrm=0\n");
  });

  it('a command busybox does not have: `sh: foo: not found`, 127', () => {
    const r = run('foo --bar');
    expect(r.log).toBe('sh: foo: not found\n');
    expect(r.exits).toEqual([{ t: 0, status: { exitCode: 127, reason: 'Error' } }]);
    expect(run('', { command: ['/bin/sh', '-c', 'foo'] }).log).toBe('/bin/sh: foo: not found\n');
    expect(run('', { image: 'example.com/app:1', command: ['bash', '-c', 'true\nfoo'] }).log).toBe('bash: line 2: foo: command not found\n');
  });

  it('while and until loops over virtual time', () => {
    expect(run('i=0; while test $i -lt 3; do i=$((i+1)); echo $i; done').log).toBe('1\n2\n3\n');
    const u = run('until test -f /tmp/ready; do echo waiting; sleep 2; touch /tmp/ready; done; echo ready');
    expect(u.log).toBe('waiting\nready\n');
    expect(u.exits[0]).toEqual({ t: 2000, status: { exitCode: 0, reason: 'Completed' } });
    const w = run('while true; do echo tick; sleep 10; done', { advanceMs: 35_000 });
    expect(w.log).toBe('tick\ntick\ntick\ntick\n');
    expect(w.exits).toEqual([]);
  });

  it('bounds a loop that takes no time to 1000 iterations per virtual second', () => {
    const r = run('while true; do echo x; done', { advanceMs: 999 });
    expect(r.log.length).toBe(1000 * 2);
    expect(run('while true; do :; done', { advanceMs: 60_000 }).exits).toEqual([]);
  });

  it('for and if, break and continue', () => {
    expect(run('for x in a b c; do if [ $x = b ]; then continue; fi; echo $x; done').log).toBe('a\nc\n');
    expect(run('while true; do echo once; break; done; echo after').log).toBe('once\nafter\n');
    expect(run('if false; then echo 1; elif true; then echo 2; else echo 3; fi').log).toBe('2\n');
  });

  it('syntax errors and what is not simulated fail as sh does, status 2', () => {
    expect(run('while true; do echo x').log).toBe('sh: syntax error: unexpected end of file (expecting "done")\n');
    expect(run('fi').log).toBe('sh: syntax error: unexpected "fi"\n');
    expect(run('(cd /tmp; ls)').log).toBe('sh: syntax error: subshells are not simulated\n');
  });

  it('a direct argv runs without a shell; sh with no command reads a closed stdin and completes', () => {
    expect(run('', { command: ['sleep', '3600'] }).exits).toEqual([{ t: 3_600_000, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(run('', { command: ['/bin/echo', 'hi'] }).log).toBe('hi\n');
    expect(run('', { command: ['sh'] }).exits).toEqual([{ t: 0, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(run('', { command: ['sleep', 'soon'] }).log).toBe("sleep: invalid number 'soon'\n");
  });

  it('an executable that is not in the image: runc StartError text, exit code 128', () => {
    const r = run('', { command: ['foo'] });
    expect(r.exits).toEqual([{ t: 0, status: { exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown' } }]);
    expect(run('', { command: ['/app/server'] }).exits[0]!.status.message).toBe('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/server": stat /app/server: no such file or directory: unknown');
  });
});
