import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel.ts';
import { SimRuntime } from './runtime.ts';
import { setup } from './testing.ts';
import type { ImageBehaviour } from './behaviours.ts';
import { GENERIC_PROGRAMS } from './behaviours.ts';

describe('signals', () => {
  it('the generic server exits 143 at once on SIGTERM, 137 on SIGKILL', () => {
    const { kernel, rt, start } = setup();
    const a = start({ image: 'example.com/app:1' });
    const b = start({ image: 'example.com/app:1' });
    kernel.advanceMs(5000);
    rt.signal(a.id, 15);
    rt.signal(b.id, 9);
    expect(a.exits).toEqual([]); // never synchronous
    kernel.settle();
    expect(a.exits).toEqual([{ t: 5000, status: { exitCode: 143, reason: 'Error', signal: 15 } }]);
    expect(b.exits).toEqual([{ t: 5000, status: { exitCode: 137, reason: 'Error', signal: 9 } }]);
  });

  it('a shell or sleep as PID 1 ignores SIGTERM (no handler, and PID 1 has no default action); SIGKILL ends it', () => {
    const { kernel, rt, start } = setup();
    const script = start({ command: ['sh', '-c', 'touch /tmp/healthy; sleep 3600'] });
    const sleeper = start({ command: ['sleep', '3600'] });
    rt.signal(script.id, 15);
    rt.signal(sleeper.id, 15);
    kernel.advanceMs(30_000);
    expect(script.exits).toEqual([]);
    expect(sleeper.exits).toEqual([]);
    expect(kernel.timeline.list().filter((e) => e.reason === 'SignalIgnored').map((e) => e.message)).toEqual([
      'default/p/c: signal 15 ignored (PID 1 without a handler for it)',
      'default/p/c: signal 15 ignored (PID 1 without a handler for it)',
    ]);
    rt.signal(script.id, 9);
    kernel.settle();
    expect(script.exits).toEqual([{ t: 30_000, status: { exitCode: 137, reason: 'Error', signal: 9 } }]);
  });

  it('a signal to an exited container does nothing; removing a running one is a bug', () => {
    const { kernel, rt, start } = setup();
    const done = start({ command: ['true'] });
    kernel.settle();
    rt.signal(done.id, 9);
    kernel.settle();
    expect(done.exits).toHaveLength(1);
    rt.removeContainer(done.id);
    expect(() => rt.logs(done.id)).toThrow('runtime: no container');
    const running = start({ command: ['sleep', '10'] });
    kernel.settle();
    expect(() => rt.removeContainer(running.id)).toThrow('still running');
  });
});

describe('probes', () => {
  it('httpGet and tcpSocket to a declared port of the generic server succeed; an undeclared one is refused', () => {
    const { kernel, start, probe } = setup();
    const c = start({ image: 'example.com/web', ports: [{ containerPort: 8080 }] });
    kernel.settle();
    const ok = probe(c.id, { httpGet: { path: '/healthz', port: 8080 } });
    const refused = probe(c.id, { httpGet: { path: 'healthz', port: 9090 } });
    const tcpOk = probe(c.id, { tcpSocket: { port: 8080 } });
    const tcpRefused = probe(c.id, { tcpSocket: { port: 3306 } });
    kernel.advanceMs(10);
    expect(ok).toEqual([{ t: 2, r: { ok: true, output: '' } }]);
    expect(refused).toEqual([{ t: 1, r: { ok: false, output: 'Get "http://10.244.1.7:9090/healthz": dial tcp 10.244.1.7:9090: connect: connection refused' } }]);
    expect(tcpOk).toEqual([{ t: 1, r: { ok: true, output: '' } }]);
    expect(tcpRefused).toEqual([{ t: 1, r: { ok: false, output: 'dial tcp 10.244.1.7:3306: connect: connection refused' } }]);
  });

  it('nothing listens in a shell container; a name the kubelet did not resolve fails as strconv.Atoi', () => {
    const { kernel, start, probe } = setup();
    const c = start({ command: ['sleep', '3600'], ports: [{ containerPort: 80 }] });
    kernel.settle();
    const http = probe(c.id, { httpGet: { port: 80 } });
    const named = probe(c.id, { httpGet: { port: 'http' } });
    kernel.advanceMs(10);
    expect(http[0]!.r.output).toBe('Get "http://10.244.1.7:80/": dial tcp 10.244.1.7:80: connect: connection refused');
    expect(named[0]!.r).toEqual({ ok: false, output: 'strconv.Atoi: parsing "http": invalid syntax' });
  });

  it('grpc is not served: the blocking dial ends at the timeout with grpc.go wording', () => {
    const { kernel, start, probe } = setup();
    const c = start({ image: 'example.com/web', ports: [{ containerPort: 9000 }] });
    kernel.settle();
    const r = probe(c.id, { grpc: { port: 9000 } }, 1000);
    kernel.advanceMs(5000);
    expect(r).toEqual([{ t: 1000, r: { ok: false, output: 'timeout: failed to connect service "10.244.1.7:9000" within 1s: context deadline exceeded' } }]);
  });

  it('an answer slower than the timeout is `context deadline exceeded` as net/http words it', () => {
    const kernel = new Kernel(1);
    const slow: ImageBehaviour = {
      cmd: ['slow-server'],
      programs: {
        ...GENERIC_PROGRAMS,
        'slow-server': function* (_argv, _io, ctx) {
          ctx.listen(8080, (path) => (path === '/slow' ? { status: 200, delayMs: 2500 } : { status: 500, delayMs: 3 }));
          yield { kind: 'forever' };
          return 0;
        },
      },
    };
    const rt = new SimRuntime(kernel, (repo) => (repo === 'example.com/slow' ? slow : { programs: GENERIC_PROGRAMS }));
    const id = rt.createContainer('w', { podNamespace: 'default', podName: 'p', podUid: 'u', name: 'c', image: 'example.com/slow', podIP: '10.244.2.3', hostname: 'p' });
    rt.startContainer(id, () => {});
    kernel.settle();
    const out: unknown[] = [];
    rt.probe(id, { httpGet: { path: '/slow', port: 8080 } }, 1000, (r) => out.push([kernel.nowMs, r]));
    rt.probe(id, { httpGet: { path: '/err', port: 8080 } }, 1000, (r) => out.push([kernel.nowMs, r]));
    kernel.advanceMs(5000);
    expect(out).toEqual([
      [3, { ok: false, output: 'HTTP probe failed with statuscode: 500' }],
      [1000, { ok: false, output: 'Get "http://10.244.2.3:8080/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)' }],
    ]);
  });

  it('exec runs through the shell against the container filesystem; a slow one times out', () => {
    const { kernel, start, probe } = setup();
    const c = start({ command: ['sleep', '3600'] });
    kernel.settle();
    const ok = probe(c.id, { exec: { command: ['sh', '-c', 'echo ready; exit 0'] } });
    const slow = probe(c.id, { exec: { command: ['sleep', '5'] } }, 1000);
    const missing = probe(c.id, { exec: { command: ['pg_isready'] } });
    kernel.advanceMs(10_000);
    expect(ok).toEqual([{ t: 30, r: { ok: true, output: 'ready\n', exec: { exitCode: 0, stdout: 'ready\n', stderr: '' } } }]);
    expect(slow).toEqual([{ t: 1000, r: { ok: false, output: 'command "sleep 5" timed out' } }]);
    expect(missing[0]!.r.ok).toBe(false);
    expect(missing[0]!.r.output).toMatch(/^rpc error: code = Unknown desc = failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "pg_isready": executable file not found in \$PATH: unknown$/);
  });

  it('the liveness-exec example of the Kubernetes docs (tasks/configure-pod-container/configure-liveness-readiness-startup-probes)', () => {
    const { kernel, rt, start, probe } = setup();
    const c = start({ image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] });
    const cat = { exec: { command: ['cat', '/tmp/healthy'] } };
    const results: { t: number; ok: boolean; output: string }[] = [];
    // The kubelet's worker: initialDelaySeconds 5, periodSeconds 5.
    for (let t = 5000; t <= 45_000; t += 5000) {
      kernel.advanceMs(t - kernel.nowMs);
      const r = probe(c.id, cat);
      kernel.advanceMs(100);
      results.push({ t, ...r[0]!.r });
    }
    expect(results.map((r) => `${r.t / 1000}s ${r.ok ? 'ok' : `failed: ${r.output}`}`)).toEqual([
      '5s ok', '10s ok', '15s ok', '20s ok', '25s ok',
      "30s failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      "35s failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      "40s failed: cat: can't open '/tmp/healthy': No such file or directory\n",
      "45s failed: cat: can't open '/tmp/healthy': No such file or directory\n",
    ]);
    // The kubelet then kills it (SIGTERM is ignored by sh as PID 1, so the grace period ends in SIGKILL).
    rt.signal(c.id, 15);
    kernel.advanceMs(30_000);
    expect(c.exits).toEqual([]);
    rt.signal(c.id, 9);
    kernel.settle();
    expect(c.exits[0]!.status).toEqual({ exitCode: 137, reason: 'Error', signal: 9 });
    expect(rt.logs(c.id)).toBe('');
  });
});

describe('hooks', () => {
  it('exec and httpGet hooks; a sleep hook waits; an http hook ignores the status', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'example.com/web', ports: [{ containerPort: 80 }] });
    kernel.settle();
    const out: unknown[] = [];
    rt.runHook(c.id, { exec: { command: ['sh', '-c', 'echo bye > /tmp/stopped; sleep 2'] } }, (r) => out.push(['exec', kernel.nowMs, r]));
    rt.runHook(c.id, { httpGet: { path: '/shutdown', port: 80 } }, (r) => out.push(['http', kernel.nowMs, r]));
    rt.runHook(c.id, { sleep: { seconds: 5 } }, (r) => out.push(['sleep', kernel.nowMs, r]));
    rt.runHook(c.id, { httpGet: { port: 81 } }, (r) => out.push(['refused', kernel.nowMs, r]));
    kernel.advanceMs(10_000);
    expect(out).toEqual([
      ['refused', 1, { ok: false, output: 'Get "http://10.244.1.7:81/": dial tcp 10.244.1.7:81: connect: connection refused' }],
      ['http', 2, { ok: true, output: '' }],
      ['exec', 2030, { ok: true, output: '', exec: { exitCode: 0, stdout: '', stderr: '' } }],
      ['sleep', 5000, { ok: true, output: '' }],
    ]);
    const cat: unknown[] = [];
    rt.execSync(c.id, ['cat', '/tmp/stopped'], undefined, (o) => cat.push(o));
    kernel.advanceMs(100);
    expect(cat).toEqual([{ kind: 'exited', exitCode: 0, stdout: 'bye\n', stderr: '', output: 'bye\n' }]);
  });
});
