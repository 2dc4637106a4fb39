import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel.ts';
import {
  CATALOG, HTTPD_IT_WORKS, LIVENESS_HEALTHY_MS, MYSQL_INIT_MS, NGINX_404, NGINX_ENTRYPOINT_MS, NGINX_WELCOME, POSTGRES_INIT_MS, POSTGRES_NO_PASSWORD,
  type HttpResponse,
} from './catalog.ts';
import { behaviourFor, containerArgv } from './behaviours.ts';
import { lookupProgram, type HttpHandler, type HttpRequestInfo, type ProcContext } from './proc.ts';
import { SimRuntime, type ExecOutcome } from './runtime.ts';
import { setup } from './testing.ts';
import type { PullResult } from './types.ts';

/**
 * Runs an image's process outside the runtime, to read HTTP bodies (the runtime's probes only see
 * the status): a context with a pod IP, its listeners captured, virtual time stepped by its sleeps.
 */
function serve(repository: string, opts: { args?: string[]; env?: Record<string, string>; hostname?: string } = {}) {
  const image = CATALOG.get(repository);
  if (!image) throw new Error(`no catalog row ${repository}`);
  const listeners = new Map<number, HttpHandler>();
  let now = 0;
  let log = '';
  const ctx: ProcContext & { podIP: string } = {
    fs: new Map(Object.entries(image.files ?? {})), env: new Map(Object.entries(opts.env ?? {})), cwd: '/', hostname: opts.hostname ?? 'web-1', ports: [], podIP: '10.244.1.7',
    nowMs: () => now, program: (n) => image.programs[n], listen: (p, h) => void listeners.set(p, h), onSignal: () => {},
  };
  const argv = containerArgv(image, undefined, opts.args);
  const proc = lookupProgram(ctx, argv[0]!)!(argv, { out: (t) => (log += t), err: (t) => (log += t) }, ctx);
  for (let r = proc.next(); !r.done && r.value.kind === 'sleep'; r = proc.next()) now += r.value.ms;
  const get = (port: number, path = '/', req?: HttpRequestInfo) => {
    const handler = listeners.get(port);
    if (!handler) throw new Error(`nothing listens on ${port}`);
    return handler(path, req) as HttpResponse;
  };
  return { get, log: () => log, advance: (ms: number) => (now += ms) };
}

function pullAll(images: string[]) {
  const kernel = new Kernel(3);
  const rt = new SimRuntime(kernel);
  const out: PullResult[] = [];
  images.forEach((image, i) => rt.pullImage('worker-1', image, (r) => (out[i] = r)));
  kernel.advanceMs(120_000);
  return out;
}

function exec(rt: SimRuntime, kernel: Kernel, id: string, command: string[]) {
  const out: ExecOutcome[] = [];
  rt.execSync(id, command, 1000, (o) => out.push(o));
  kernel.advanceMs(100);
  return out[0];
}

describe('catalog tags and sizes', () => {
  it('pulls tags that exist, with the image size; a tag that does not exist fails with containerd NotFound', () => {
    const [ok, alpine, busybox, pause, missing, pg] = pullAll(['nginx:1.27', 'nginx:1.26.2-alpine', 'busybox:1.28', 'registry.k8s.io/pause:3.10', 'nginx:1.99', 'postgres:99']);
    expect(ok).toMatchObject({ ok: true, sizeBytes: 72_955_450 });
    expect(alpine!.ok && busybox!.ok && pause!.ok).toBe(true);
    expect(busybox).toMatchObject({ sizeBytes: 2_155_183 });
    expect(missing).toEqual({
      ok: false, reason: 'ErrImagePull',
      message: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found',
    });
    expect(pg).toMatchObject({ ok: false, message: expect.stringContaining('"docker.io/library/postgres:99": docker.io/library/postgres:99: not found') });
  });

  it('keeps the kubeadm system images and resolves short names to the catalog', () => {
    const [whoami, echo, goproxy, nope] = pullAll(['traefik/whoami:v1.10.3', 'hashicorp/http-echo:1.0', 'registry.k8s.io/goproxy:0.1', 'registry.k8s.io/goproxy:0.2']);
    expect([whoami!.ok, echo!.ok, goproxy!.ok, nope!.ok]).toEqual([true, true, true, false]);
    expect(behaviourFor('registry.k8s.io/etcd').entrypoint).toEqual(['etcd']);
    expect(behaviourFor('registry.k8s.io/coredns/coredns').entrypoint).toEqual(['/coredns']);
    expect(behaviourFor('docker.io/library/nginx').cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(behaviourFor('example.com/unknown').cmd).toEqual(['generic-server']);
  });
});

describe('nginx', () => {
  it('serves the 1.27 welcome page (615 bytes) on / and nginx\'s own 404 page elsewhere, logging as nginx does', () => {
    const s = serve('docker.io/library/nginx');
    const welcome = s.get(80, '/');
    expect(welcome).toEqual({ status: 200, delayMs: 1, body: NGINX_WELCOME });
    expect(welcome.body.length).toBe(615);
    expect(welcome.body).toContain('<title>Welcome to nginx!</title>');
    expect(s.get(80, '/nope')).toEqual({ status: 404, delayMs: 1, body: NGINX_404 });
    expect(NGINX_404).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
    expect(s.log().split('\n').slice(-4, -1)).toEqual([
      '10.244.1.1 - - [13/Aug/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.31" "-"',
      '2024/08/13 12:00:00 [error] 29#29: *2 open() "/usr/share/nginx/html/nope" failed (2: No such file or directory), client: 10.244.1.1, server: localhost, request: "GET /nope HTTP/1.1", host: "10.244.1.7:80"',
      '10.244.1.1 - - [13/Aug/2024:12:00:00 +0000] "GET /nope HTTP/1.1" 404 153 "-" "kube-probe/1.31" "-"',
    ]);
  });

  it('runs the entrypoint scripts, then listens on 80 whatever the ports declare; probes see 200 and 404', () => {
    const { kernel, rt, start, probe } = setup();
    const c = start({ image: 'nginx:1.27' });
    const early = probe(c.id, { httpGet: { path: '/', port: 80 } });
    kernel.advanceMs(NGINX_ENTRYPOINT_MS);
    const ok = probe(c.id, { httpGet: { path: '/', port: 80 } });
    const notFound = probe(c.id, { httpGet: { path: '/healthz', port: 80 } });
    kernel.advanceMs(10);
    expect(early[0]!.r).toEqual({ ok: false, output: 'Get "http://10.244.1.7:80/": dial tcp 10.244.1.7:80: connect: connection refused' });
    expect(ok).toEqual([{ t: 26, r: { ok: true, output: '' } }]);
    expect(notFound).toEqual([{ t: 26, r: { ok: false, output: 'HTTP probe failed with statuscode: 404' } }]);
    const lines = rt.logs(c.id).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    ]);
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines).toContain('2024/08/13 12:00:00 [notice] 1#1: nginx/1.27.3');
    expect(lines).toContain('2024/08/13 12:00:00 [notice] 1#1: start worker process 30');
  });

  it('stops gracefully on the kubelet\'s stop (STOPSIGNAL SIGQUIT): exit 0, Completed', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'nginx' });
    kernel.advanceMs(5000);
    rt.signal(c.id, 15);
    kernel.advanceMs(100);
    expect(c.exits).toEqual([{ t: 5003, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(rt.logs(c.id)).toContain('2024/08/13 12:00:05 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n');
    expect(rt.logs(c.id)).toContain('[notice] 1#1: worker process 29 exited with code 0\n');
  });

  it('exec `nginx -s quit` signals the master (PID 1) from the exec\'s PID: graceful exit 0; `-s stop` is the fast shutdown', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'nginx:1.27' });
    kernel.advanceMs(5000);
    expect(exec(rt, kernel, c.id, ['nginx', '-s', 'quit'])).toEqual({ kind: 'exited', exitCode: 0, stdout: '', stderr: '2024/08/13 12:00:05 [notice] 7#7: signal process started\n', output: '2024/08/13 12:00:05 [notice] 7#7: signal process started\n' });
    // The exec starts 30 ms after the call; the master exits 3 ms after the signal.
    expect(c.exits).toEqual([{ t: 5033, status: { exitCode: 0, reason: 'Completed' } }]);
    const log = rt.logs(c.id).split('\n');
    expect(log.slice(log.indexOf('2024/08/13 12:00:05 [notice] 1#1: signal 3 (SIGQUIT) received from 7, shutting down'), -1)).toHaveLength(12);
    expect(log.slice(-4, -1)).toEqual(['2024/08/13 12:00:05 [notice] 1#1: signal 17 (SIGCHLD) received from 30', '2024/08/13 12:00:05 [notice] 1#1: worker process 30 exited with code 0', '2024/08/13 12:00:05 [notice] 1#1: exit']);

    const fast = setup();
    const f = fast.start({ image: 'nginx:1.27' });
    fast.kernel.advanceMs(5000);
    exec(fast.rt, fast.kernel, f.id, ['nginx', '-s', 'stop']);
    expect(fast.rt.logs(f.id)).toContain('2024/08/13 12:00:05 [notice] 1#1: signal 15 (SIGTERM) received from 7, exiting\n2024/08/13 12:00:05 [notice] 29#29: exiting\n');
    expect(f.exits).toEqual([{ t: 5033, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(exec(fast.rt, fast.kernel, f.id, ['nginx', '-s', 'reload'])).toMatchObject({ kind: 'error' });
  });

  it('a probe\'s request carries the spec\'s httpHeaders (names canonicalized), as nginx\'s access log shows', () => {
    const { kernel, rt, start, probe } = setup();
    const c = start({ image: 'nginx:1.27' });
    kernel.advanceMs(5000);
    const r = probe(c.id, { httpGet: { port: 80, path: '/', httpHeaders: [{ name: 'user-agent', value: 'my-probe/2' }] } });
    kernel.advanceMs(100);
    expect(r).toEqual([{ t: 5001, r: { ok: true, output: '' } }]);
    expect(rt.logs(c.id).split('\n').slice(-2, -1)).toEqual(['10.244.1.1 - - [13/Aug/2024:12:00:05 +0000] "GET / HTTP/1.1" 200 615 "-" "my-probe/2" "-"']);
  });

  it('`nginx -s reload` logs the master reconfiguring and keeps serving; a bad -s value fails', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'nginx:1.27' });
    kernel.advanceMs(5000);
    expect(exec(rt, kernel, c.id, ['nginx', '-s', 'reload'])).toMatchObject({ exitCode: 0 });
    expect(rt.logs(c.id).split('\n').slice(-3, -1)).toEqual(['2024/08/13 12:00:05 [notice] 1#1: signal 1 (SIGHUP) received from 7, reconfiguring', '2024/08/13 12:00:05 [notice] 1#1: reconfiguring']);
    expect(c.exits).toEqual([]);
    expect(exec(rt, kernel, c.id, ['nginx', '-s', 'restart'])).toMatchObject({ exitCode: 1, stderr: 'nginx: [emerg] invalid option: "-s restart"\n' });
  });

  it('`command: [nginx]` without `daemon off;` daemonizes: PID 1 returns 0 at once', () => {
    const { kernel, start } = setup();
    const c = start({ image: 'nginx:1.27', command: ['nginx'] });
    kernel.advanceMs(10);
    expect(c.exits).toEqual([{ t: 0, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('exec `nginx -t` and `nginx -v` answer as nginx does', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'nginx:1.27' });
    kernel.advanceMs(100);
    expect(exec(rt, kernel, c.id, ['nginx', '-v'])).toMatchObject({ kind: 'exited', exitCode: 0, stderr: 'nginx version: nginx/1.27.3\n' });
    expect(exec(rt, kernel, c.id, ['nginx', '-t'])).toMatchObject({ exitCode: 0, output: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n' });
  });
});

describe('other web servers', () => {
  it('httpd answers `It works!` on 80 and stops gracefully (SIGWINCH) with 0', () => {
    const s = serve('docker.io/library/httpd');
    expect(s.get(80)).toEqual({ status: 200, delayMs: 1, body: HTTPD_IT_WORKS });
    expect(HTTPD_IT_WORKS).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(s.log()).toContain("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.7. Set the 'ServerName' directive globally to suppress this message\n");
    expect(s.log()).toContain('[Tue Aug 13 12:00:00.000000 2024] [mpm_event:notice] [pid 1:tid 140412367361928] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations\n');
  });

  it('traefik/whoami prints the pod hostname, its IPs, the remote address and the request', () => {
    const s = serve('docker.io/traefik/whoami', { hostname: 'whoami-7d4f8-abcde' });
    expect(s.get(80, '/').body).toBe(
      'Hostname: whoami-7d4f8-abcde\nIP: 127.0.0.1\nIP: ::1\nIP: 10.244.1.7\nRemoteAddr: 10.244.1.1:40001\n' +
      'GET / HTTP/1.1\r\nHost: 10.244.1.7:80\r\nUser-Agent: kube-probe/1.31\r\nAccept: */*\r\nConnection: close\r\n\r\n',
    );
    expect(s.log()).toBe('2024/08/13 12:00:00 Starting up on port 80\n');
  });

  it('traefik/whoami echoes the client\'s request as Go writes it: Name, Host, User-Agent, the other headers sorted; /api as JSON', () => {
    const s = serve('docker.io/traefik/whoami', { hostname: 'whoami-1', args: ['--port', '8080'], env: { WHOAMI_NAME: 'blue' } });
    const curl: HttpRequestInfo = { host: 'whoami.default.svc', headers: [['User-Agent', 'curl/8.11.1'], ['Accept', '*/*']], remoteIP: '10.244.2.9' };
    expect(s.get(8080, '/?x=1', curl).body).toBe(
      'Name: blue\nHostname: whoami-1\nIP: 127.0.0.1\nIP: ::1\nIP: 10.244.1.7\nRemoteAddr: 10.244.2.9:40001\n' +
      'GET /?x=1 HTTP/1.1\r\nHost: whoami.default.svc\r\nUser-Agent: curl/8.11.1\r\nAccept: */*\r\n\r\n',
    );
    // A client that sends no User-Agent gets Go's default in the echo; headers come out sorted.
    expect(s.get(8080, '/', { host: 'x', headers: [['X-B', '2'], ['Accept', 'a']], remoteIP: '10.244.2.9' }).body.split('\n').slice(6).join('\n')).toBe('GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: Go-http-client/1.1\r\nAccept: a\r\nX-B: 2\r\n\r\n');
    expect(s.get(8080, '/api', curl).body).toBe('{"hostname":"whoami-1","ip":["127.0.0.1","::1","10.244.1.7"],"headers":{"Accept":["*/*"],"User-Agent":["curl/8.11.1"]},"url":"/api","host":"whoami.default.svc","method":"GET","name":"blue","remoteAddr":"10.244.2.9:40003"}\n');
    expect(s.log()).toBe('2024/08/13 12:00:00 Starting up on port 8080\n');
  });

  it('jwilder/whoami answers `I\'m <hostname>` on 8000; a Go server dies on SIGTERM with exit(2)', () => {
    expect(serve('docker.io/jwilder/whoami', { hostname: 'who' }).get(8000)).toEqual({ status: 200, delayMs: 1, body: "I'm who\n" });
    const { kernel, rt, start, probe } = setup();
    const c = start({ image: 'jwilder/whoami' });
    kernel.advanceMs(1);
    const p = probe(c.id, { tcpSocket: { port: 8000 } });
    rt.signal(c.id, 15);
    kernel.advanceMs(10);
    expect(p[0]!.r.ok).toBe(true);
    expect(c.exits).toEqual([{ t: 1, status: { exitCode: 2, reason: 'Error' } }]);
  });

  it('hashicorp/http-echo answers its -text on :5678; without -text it exits 127', () => {
    const s = serve('docker.io/hashicorp/http-echo', { args: ['-text=hello'] });
    expect(s.get(5678).body).toBe('hello\n');
    expect(serve('docker.io/hashicorp/http-echo', { args: ['-listen=:8080', '-text', 'bye'] }).get(8080).body).toBe('bye\n');
    const { kernel, rt, start } = setup();
    const c = start({ image: 'hashicorp/http-echo' });
    kernel.advanceMs(10);
    expect(c.exits).toEqual([{ t: 0, status: { exitCode: 127, reason: 'Error' } }]);
    expect(rt.logs(c.id)).toBe('Missing -text option!\n');
  });

  it('goproxy listens on TCP 8080 (the docs\' tcp-liveness-readiness example)', () => {
    const { kernel, start, probe } = setup();
    const c = start({ image: 'registry.k8s.io/goproxy:0.1' });
    kernel.advanceMs(1);
    const p = probe(c.id, { tcpSocket: { port: 8080 } });
    kernel.advanceMs(5);
    expect(p).toEqual([{ t: 2, r: { ok: true, output: '' } }]);
  });
});

describe('the liveness images of the docs\' probe examples', () => {
  for (const [image, args] of [['registry.k8s.io/liveness', ['/server']], ['registry.k8s.io/e2e-test-images/agnhost:2.40', ['liveness']]] as const) {
    it(`${image}: /healthz is 200 for the first 10 s, then 500`, () => {
      const { kernel, start, probe } = setup();
      const c = start({ image, args: [...args] });
      kernel.advanceMs(LIVENESS_HEALTHY_MS);
      const last200 = probe(c.id, { httpGet: { path: '/healthz', port: 8080 } });
      kernel.advanceMs(1);
      const first500 = probe(c.id, { httpGet: { path: '/healthz', port: 8080 } });
      kernel.advanceMs(10);
      expect(last200).toEqual([{ t: 10_001, r: { ok: true, output: '' } }]);
      expect(first500).toEqual([{ t: 10_002, r: { ok: false, output: 'HTTP probe failed with statuscode: 500' } }]);
    });
  }

  it('the 500 body is `error: <seconds>` as server.go writes it', () => {
    const s = serve('registry.k8s.io/liveness', { args: ['/server'] });
    expect(s.get(8080, '/healthz').body).toBe('ok');
    s.advance(12_500);
    expect(s.get(8080, '/healthz')).toEqual({ status: 500, delayMs: 1, body: 'error: 12.5' });
  });
});

describe('databases', () => {
  it('postgres without POSTGRES_PASSWORD exits 1 with the entrypoint\'s error', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'postgres:17' });
    kernel.advanceMs(100);
    expect(c.exits).toEqual([{ t: 0, status: { exitCode: 1, reason: 'Error' } }]);
    expect(rt.logs(c.id)).toBe(POSTGRES_NO_PASSWORD);
    expect(POSTGRES_NO_PASSWORD.split('\n')[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
  });

  it('postgres with a password initializes, then listens on 5432; pg_isready follows it', () => {
    const { kernel, rt, start, probe } = setup();
    const c = start({ image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 's3cret' }] });
    kernel.advanceMs(100);
    expect(exec(rt, kernel, c.id, ['pg_isready'])).toMatchObject({ exitCode: 2, stdout: '/var/run/postgresql:5432 - no response\n' });
    kernel.advanceMs(POSTGRES_INIT_MS);
    expect(exec(rt, kernel, c.id, ['pg_isready', '-U', 'postgres'])).toMatchObject({ exitCode: 0, stdout: '/var/run/postgresql:5432 - accepting connections\n' });
    const p = probe(c.id, { tcpSocket: { port: 5432 } });
    kernel.advanceMs(5);
    expect(p[0]!.r.ok).toBe(true);
    expect(rt.logs(c.id)).toContain('PostgreSQL init process complete; ready for start up.\n');
    expect(rt.logs(c.id)).toContain('UTC [1] LOG:  database system is ready to accept connections\n');
    expect(c.exits).toEqual([]);
  });

  it('mysql without a password option exits 1 with the entrypoint\'s error', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'mysql:8.0' });
    kernel.advanceMs(100);
    expect(c.exits).toEqual([{ t: 0, status: { exitCode: 1, reason: 'Error' } }]);
    expect(rt.logs(c.id)).toBe(
      '2024-08-13 12:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.\n' +
      "2024-08-13 12:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n" +
      '2024-08-13 12:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.\n' +
      '2024-08-13 12:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
      '    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n',
    );
  });

  it('mysql with MYSQL_ROOT_PASSWORD listens on 3306 after its init; mysqladmin ping follows it', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'mysql:8.0', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] });
    kernel.advanceMs(100);
    expect(exec(rt, kernel, c.id, ['mysqladmin', 'ping'])).toMatchObject({ exitCode: 1 });
    kernel.advanceMs(MYSQL_INIT_MS);
    expect(exec(rt, kernel, c.id, ['mysqladmin', 'ping', '-h', 'localhost'])).toMatchObject({ exitCode: 0, stdout: 'mysqld is alive\n' });
  });

  it('redis starts at once with its banner, answers redis-cli ping, saves and exits 0 on SIGTERM', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'redis:7.4' });
    kernel.advanceMs(1000);
    expect(rt.logs(c.id)).toContain('1:M 13 Aug 2024 12:00:00.000 * Ready to accept connections tcp\n');
    expect(exec(rt, kernel, c.id, ['redis-cli', 'ping'])).toMatchObject({ exitCode: 0, stdout: 'PONG\n' });
    rt.signal(c.id, 15);
    kernel.advanceMs(100);
    expect(c.exits).toEqual([{ t: 1105, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(rt.logs(c.id)).toContain('1:signal-handler (1723550401) Received SIGTERM scheduling shutdown...\n');
  });
});

describe('shell images and tools', () => {
  it('busybox and alpine run `sh` by default, which reads EOF on a closed stdin and exits 0 (the CrashLoopBackOff classic)', () => {
    const { kernel, start } = setup();
    const busybox = start({ image: 'busybox:1.36' });
    const alpine = start({ image: 'alpine:3.20' });
    kernel.advanceMs(10);
    expect(busybox.exits).toEqual([{ t: 0, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(alpine.exits).toEqual([{ t: 0, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('busybox has no bash', () => {
    const { kernel, start } = setup();
    const c = start({ image: 'busybox:1.36', command: ['bash', '-c', 'true'] });
    kernel.advanceMs(10);
    expect(c.exits[0]!.status).toEqual({
      exitCode: 128, reason: 'StartError',
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
    });
  });

  it('curlimages/curl with no arguments: curl exits 2 with its hint', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'curlimages/curl:8.11.0' });
    kernel.advanceMs(10);
    expect(c.exits).toEqual([{ t: 0, status: { exitCode: 2, reason: 'Error' } }]);
    expect(rt.logs(c.id)).toBe("curl: try 'curl --help' or 'curl --manual' for more information\n");
  });

  it('pause sleeps until SIGTERM, then exits 0', () => {
    const { kernel, rt, start } = setup();
    const c = start({ image: 'registry.k8s.io/pause:3.10' });
    kernel.advanceMs(60_000);
    expect(c.exits).toEqual([]);
    rt.signal(c.id, 15);
    kernel.advanceMs(1);
    expect(c.exits).toEqual([{ t: 60_000, status: { exitCode: 0, reason: 'Completed' } }]);
    expect(rt.logs(c.id)).toBe('Shutting down, got signal: Terminated\n');
  });
});
