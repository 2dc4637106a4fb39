import { describe, expect, it } from 'vitest';
import { setup } from './testing.ts';

function run(script: string, opts: { advanceMs?: number; env?: { name: string; value: string }[] } = {}) {
  const { kernel, rt, start } = setup();
  const c = start({ command: ['sh', '-c', script], env: opts.env });
  kernel.advanceMs(opts.advanceMs ?? 3_600_000);
  return { log: rt.logs(c.id), exits: c.exits };
}

describe('shell: pipelines, substitutions, case, redirections', () => {
  it('pipes stdout of one applet into the next; the status is the last stage’s', () => {
    expect(run('printf "a\\nb\\nab\\n" | grep a | wc -l; echo x | grep -q y; echo $?').log).toBe('2\n1\n');
    expect(run('echo hello world | wc -w; echo hello | wc -c; printf "1\\n2\\n3\\n" | wc').log).toBe('2\n6\n        3         3         6\n');
    expect(run('printf "1\\n2\\n3\\n4\\n" | head -n 2; printf "1\\n2\\n3\\n" | tail -n 1; printf "x\\ny\\n" | cat').log).toBe('1\n2\n3\nx\ny\n');
  });

  it('$(...), backquotes and $((...)), nested and quoted', () => {
    expect(run('n=$(echo 41); echo "n=$((n + 1)) `echo back` $(echo $(echo nested))"').log).toBe('n=42 back nested\n');
    expect(run('x=$(false); echo $?; i=0; i=$((i+1)); echo $((i * 10 % 7)) $((2**10)) $(( (1+2) * 3 )) $((7/2))').log).toBe('1\n3 1024 9 3\n');
    const div = run('echo $((1/0)); echo after');
    expect(div.log).toBe('sh: divide by zero\n');
    expect(div.exits[0]!.status.exitCode).toBe(2);
  });

  it('case with alternatives, globs and a default arm', () => {
    const script = 'for f in app.log data.json x; do case $f in *.log|*.txt) echo "$f: text";; *.json) echo "$f: json";; *) echo "$f: other";; esac; done';
    expect(run(script).log).toBe('app.log: text\ndata.json: json\nx: other\n');
  });

  it('2>&1, >&2, > and >> to files, < from a file, $?, $$ and $HOSTNAME', () => {
    expect(run('ls /nope 2>&1 | grep -c nope; echo err >&2; echo $$ $HOSTNAME').log).toBe('1\nerr\n1 p\n');
    expect(run('echo a > /tmp/f; echo b >> /tmp/f; wc -l < /tmp/f; while read line; do echo "got $line"; done < /tmp/f').log).toBe('2\ngot a\ngot b\n');
    expect(run('cat /nope 2>/dev/null; echo $?').log).toBe('1\n');
  });

  it('grep -v -i -c -E -n, and its exit status 1 when nothing matches, 2 for a missing file', () => {
    const text = 'printf "Error one\\nok\\nerror two\\n" > /tmp/l; ';
    expect(run(`${text}grep -i error /tmp/l; grep -c -v ok /tmp/l; grep -E "one|two" /tmp/l; grep -n ok /tmp/l`).log).toBe('Error one\nerror two\n2\nError one\nerror two\n2:ok\n');
    expect(run('grep x /nope; echo $?').log).toBe('grep: /nope: No such file or directory\n2\n');
  });

  it('date prints virtual time in busybox’s default format and +FORMAT', () => {
    expect(run('date; sleep 65; date +%Y-%m-%dT%H:%M:%S%z; date +%s').log).toBe('Tue Aug 13 12:00:00 UTC 2024\n2024-08-13T12:01:05+0000\n1723550465\n');
  });

  it('a command busybox lacks fails as `sh: foo: not found`, 127; Debian’s dash says the line; no ps in nginx', () => {
    expect(run('jq .; echo $?').log).toBe('sh: jq: not found\n127\n');
    const { kernel, rt, start } = setup();
    const c = start({ image: 'nginx:1.27', command: ['sh', '-c', 'true\nps; echo $?'] });
    kernel.advanceMs(10);
    expect(rt.logs(c.id)).toBe('sh: 2: ps: not found\n127\n');
  });

  it('set -e ends the script at the first failing command outside a condition', () => {
    const r = run('set -e; if false; then :; fi; false || echo ok; false; echo never');
    expect(r.log).toBe('ok\n');
    expect(r.exits[0]!.status.exitCode).toBe(1);
  });
});

describe('more applets', () => {
  it('seq, sort, uniq -c, tr, cut, sed s///, expr, basename; an applet not simulated says so', () => {
    expect(run('seq 3 | sort -r | tr "\\n" " "; echo; printf "b\na\nb\n" | sort | uniq -c').log).toBe('3 2 1 \n      1 a\n      2 b\n');
    expect(run('echo a:b:c | cut -d: -f2,3; echo hello world | sed "s/o/0/g"; i=$(expr 2 + 3); echo $i; basename /a/b.txt .txt').log).toBe('b:c\nhell0 w0rld\n5\nb\n');
    expect(run('awk "{print}" /etc/hostname; echo $?').log).toBe('awk: this busybox applet is not simulated by Kubeplay\n127\n');
  });
});

describe('shell: trap and signals', () => {
  it('trap TERM runs when the current foreground command ends (ash waits for its child), then exits with the trap’s status', () => {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sh', '-c', 'trap "echo shutting down; exit 0" TERM; echo up; while true; do sleep 1; done'] });
    kernel.advanceMs(10_500);
    rt.signal(c.id, 15);
    kernel.advanceMs(5_000);
    expect(rt.logs(c.id)).toBe('up\nshutting down\n');
    expect(c.exits).toEqual([{ t: 11_000, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('without a trap, PID 1 ignores SIGTERM; an EXIT trap runs on exit', () => {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sh', '-c', 'trap "echo bye" EXIT; sleep 5; exit 3'] });
    rt.signal(c.id, 15);
    kernel.advanceMs(6_000);
    expect(rt.logs(c.id)).toBe('bye\n');
    expect(c.exits).toEqual([{ t: 5_000, status: { exitCode: 3, reason: 'Error' } }]);
  });
});

describe('processes: ps, kill, killall', () => {
  it('ps lists PID 1 and the exec’d processes as busybox’s DESKTOP ps does; kill 1 without a trap is ignored by PID 1', () => {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sh', '-c', 'trap "echo got TERM; exit 143" TERM; while true; do sleep 1; done'] });
    kernel.advanceMs(1_000);
    const out: string[] = [];
    rt.execSync(c.id, ['ps'], undefined, (o) => out.push(o.kind === 'exited' ? o.stdout : o.kind));
    kernel.advanceMs(100);
    expect(out[0]).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c trap "echo got TERM; exit 143" TERM; while true; do sleep 1; done\n    7 root      0:00 ps\n');
    rt.execSync(c.id, ['kill', '99'], undefined, (o) => out.push(o.kind === 'exited' ? `${o.exitCode} ${o.stderr}` : o.kind));
    rt.execSync(c.id, ['kill', '1'], undefined, () => undefined);
    kernel.advanceMs(2_000);
    expect(out[1]).toBe("1 kill: can't kill pid 99: No such process\n");
    expect(rt.logs(c.id)).toBe('got TERM\n');
    expect(c.exits[0]!.status.exitCode).toBe(143);
  });

  it('kill -9 1 from inside the container does nothing (the kernel protects a PID namespace’s init); killall with no match', () => {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sleep', '3600'] });
    const out: string[] = [];
    rt.execSync(c.id, ['sh', '-c', 'kill -9 1; killall nginx; echo $?'], undefined, (o) => out.push(o.kind === 'exited' ? o.output : o.kind));
    kernel.advanceMs(1_000);
    expect(out).toEqual(['killall: nginx: no process killed\n1\n']);
    expect(c.exits).toEqual([]);
  });
});

describe('tail -f and servers', () => {
  it('tail -f follows a file another process appends to, once a second', () => {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sh', '-c', 'echo first > /tmp/log; tail -f /tmp/log'] });
    kernel.advanceMs(500);
    rt.execSync(c.id, ['sh', '-c', 'echo second >> /tmp/log'], undefined, () => undefined);
    kernel.advanceMs(400);
    expect(rt.logs(c.id)).toBe('first\n');
    kernel.advanceMs(200);
    expect(rt.logs(c.id)).toBe('first\nsecond\n');
  });

  it('busybox httpd -f serves files from -h, its 404 page otherwise; without -f it forks away and the container ends', () => {
    const { kernel, start, probe } = setup();
    const c = start({ command: ['sh', '-c', 'mkdir -p /www; echo hi > /www/index.html; httpd -f -p 8080 -h /www'] });
    kernel.advanceMs(10);
    const ok = probe(c.id, { httpGet: { path: '/', port: 8080 } });
    const missing = probe(c.id, { httpGet: { path: '/nope', port: 8080 } });
    kernel.advanceMs(10);
    expect(ok[0]!.r).toEqual({ ok: true, output: '' });
    expect(missing[0]!.r).toEqual({ ok: false, output: 'HTTP probe failed with statuscode: 404' });
    const d = start({ command: ['httpd', '-p', '80'] });
    kernel.advanceMs(10);
    expect(d.exits[0]!.status).toEqual({ exitCode: 0, reason: 'Completed' });
  });

  it('nc -l -p PORT answers one connection with its stdin and exits', () => {
    const { kernel, rt, start, probe } = setup();
    const c = start({ command: ['sh', '-c', 'echo -e "HTTP/1.1 200 OK\\r\\n\\r\\nhello" | nc -l -p 9000; echo served'] });
    kernel.advanceMs(1_000);
    expect(c.exits).toEqual([]);
    const r = probe(c.id, { tcpSocket: { port: 9000 } });
    kernel.advanceMs(10);
    expect(r[0]!.r.ok).toBe(true);
    probe(c.id, { httpGet: { path: '/', port: 9000 } });
    kernel.advanceMs(10);
    expect(rt.logs(c.id)).toBe('served\n');
    expect(c.exits[0]!.status.exitCode).toBe(0);
  });
});

describe('background jobs and wait', () => {
  it('trap TERM; sleep infinity & wait: wait returns on the signal, the trap runs at once', () => {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sh', '-c', 'trap "echo caught; exit 0" TERM; echo start; sleep infinity & wait'] });
    kernel.advanceMs(5_000);
    rt.signal(c.id, 15);
    kernel.advanceMs(100);
    expect(rt.logs(c.id)).toBe('start\ncaught\n');
    expect(c.exits).toEqual([{ t: 5_000, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('jobs run while the foreground sleeps; wait returns the last job’s status; kill $! ends a job', () => {
    const r = run('(true); echo x', { advanceMs: 10 });
    expect(r.log).toBe('sh: syntax error: subshells are not simulated\n');
    const j = run('for i in 1 2 3; do echo "bg $i"; sleep 1; done & sleep 1.5; echo fg; wait; echo "done $?"');
    expect(j.log).toBe('bg 1\nbg 2\nfg\nbg 3\ndone 0\n');
    expect(j.exits[0]!.t).toBe(3_000);
    const k = run('sleep 100 & p=$!; kill $p; wait; echo "status $?"');
    expect(k.log).toBe('status 143\n');
    expect(k.exits[0]!.t).toBe(0);
  });
});
