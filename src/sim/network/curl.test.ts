/**
 * curl 8.11's options as tutorials use them, through the headless API: the progress meter only
 * when stdout is not a terminal (a node shell and `kubectl exec -t` are terminals, plain
 * `kubectl exec` is not), `-w '%{http_code}'`, `-H` reaching the server, and the options
 * Kubeplay does not model refused with a message instead of ignored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../index.ts';

const METER = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n';

describe('curl', () => {
  let c: Cluster;
  let ip: string;
  beforeAll(() => {
    c = createCluster({ seed: 3 });
    c.apply(`apiVersion: v1
kind: Pod
metadata: {name: who, labels: {app: who}}
spec:
  containers: [{name: whoami, image: traefik/whoami:v1.10, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: who}
spec:
  selector: {app: who}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: cl}
spec:
  containers: [{name: c, image: curlimages/curl:8.11.0, command: [sleep, "3600"]}]
`);
    c.advance(30);
    ip = c.exec('kubectl get svc who -o jsonpath={.spec.clusterIP}').stdout;
  });

  it('draws no progress meter on a terminal: the node shell, kubectl exec -t; it does on plain kubectl exec', () => {
    const node = c.exec(`curl http://${ip}/`, { node: 'worker-1' });
    expect([node.stderr, node.exitCode]).toEqual(['', 0]);
    expect(node.stdout).toMatch(/^Hostname: who\n/);
    expect(c.exec('kubectl exec -t cl -- curl http://who').stderr).toBe('');
    expect(c.exec('kubectl exec cl -- curl http://who').stderr.startsWith(METER)).toBe(true);
    // Redirected or piped, the node shell's curl is not writing to the terminal any more.
    expect(c.exec(`curl http://${ip}/ > /tmp/page`, { node: 'worker-1' }).stderr.startsWith(METER)).toBe(true);
    expect(c.exec(`curl http://${ip}/ | head -1`, { node: 'worker-1' })).toEqual({ stdout: 'Hostname: who\n', stderr: expect.stringMatching(/^ {2}% Total/), exitCode: 0 });
  });

  it("-w '%{http_code}' prints the status, 000 when nothing answered", () => {
    expect(c.exec(`kubectl exec cl -- curl -s -o /dev/null -w '%{http_code}\\n' http://who`)).toEqual({ stdout: '200\n', stderr: '', exitCode: 0 });
    const none = c.exec(`kubectl exec cl -- curl -s -w 'code=%{http_code} exit=%{exitcode}' http://empty`);
    expect(none).toEqual({ stdout: 'code=000 exit=7', stderr: 'command terminated with exit code 7\n', exitCode: 7 });
    expect(c.exec(`kubectl exec cl -- curl -s -o /dev/null -w '%{remote_ip}:%{remote_port} %{size_download}' http://who`).stdout).toMatch(new RegExp(`^${ip.replace(/\./g, '\\.')}:80 \\d+$`));
  });

  it('-H and -A reach the server as sent (whoami echoes them)', () => {
    const out = c.exec(`kubectl exec cl -- curl -s -H 'Host: shop.example' -H 'X-Trace: 42' -A probe/1 http://who`).stdout;
    // whoami echoes the request as it arrived, CRLF line ends included.
    expect(out).toContain('GET / HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: probe/1\r\nAccept: */*\r\nX-Trace: 42\r\n\r\n');
  });

  it('refuses the options it does not model, and unknown ones, as curl refuses a bad option (exit 2)', () => {
    expect(c.exec('kubectl exec cl -- curl -sI http://who')).toEqual({
      stdout: '',
      stderr: "curl: option -I: is not simulated by Kubeplay (response headers are not modelled)\ncurl: try 'curl --help' or 'curl --manual' for more information\ncommand terminated with exit code 2\n",
      exitCode: 2,
    });
    expect(c.exec('curl -Z http://x', { node: 'worker-1' })).toEqual({ stdout: '', stderr: "curl: option -Z: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
    expect(c.exec(`curl -X POST http://${ip}/`, { node: 'worker-1' }).stderr).toBe('curl: -X POST: only GET requests are simulated by Kubeplay\n');
  });
});
