// Runs kubectl commands through a real kubectl (against server.mjs, a fake API server serving the
// simulated cluster's objects) and through Kubeplay, and prints the differences.
// Usage: npx tsx scripts/kubectl-oracle/compare.mts MANIFEST.yaml COMMANDS.txt   (see README.md)
import { RESOURCES } from '../../src/sim/api/resources.ts';
import { createCluster } from '../../src/sim/index.ts';
import { EPOCH_MS } from '../../src/sim/kernel/time.ts';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
const manifest = fs.readFileSync(process.argv[2]!, 'utf8');
const commands = fs.readFileSync(process.argv[3]!, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
const KUBECTL = process.env.KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-oracle-'));
const port = Number(process.env.PORT ?? 18081);
const c = createCluster({ seed: 1 });
c.apply(manifest);
c.advance(Number(process.env.ADVANCE ?? 20));
// SETUP=file: more shell lines to run before comparing; `advance N` runs the clock N seconds.
for (const line of process.env.SETUP ? fs.readFileSync(process.env.SETUP, 'utf8').split('\n').filter((l) => l.trim()) : []) {
  const advance = /^advance (\d+(?:\.\d+)?)$/.exec(line);
  if (advance) c.advance(Number(advance[1]));
  else c.exec(line);
}
const objects: unknown[] = [];
for (const r of RESOURCES) {
  const name = r.group ? `${r.resource}.${r.group}` : r.resource;
  objects.push(...(JSON.parse(c.exec(`kubectl get ${name} -A -o json`).stdout) as { items: unknown[] }).items);
}
fs.writeFileSync(path.join(dir, 'objs.json'), JSON.stringify({ objects, resources: RESOURCES }));
const server = spawn('node', [new URL('./server.mjs', import.meta.url).pathname, path.join(dir, 'objs.json'), String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 700));
fs.writeFileSync(
  path.join(dir, 'kubeconfig'),
  `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]\ncurrent-context: c\n`,
);
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The dates kubectl printed (RFC 1123 with zone, RFC 3339), moved back by `shift` seconds. */
function unshift(text: string, shift: number): string {
  const back = (ms: number) => new Date(ms - shift * 1000);
  return text
    .replace(/\b(\w{3}), (\d{2}) (\w{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) \+0000/g, (_m, _d, day, mon, year, h, mi, s) => {
      const t = back(Date.UTC(Number(year), MONTHS.indexOf(mon), Number(day), Number(h), Number(mi), Number(s)));
      const p = (n: number) => String(n).padStart(2, '0');
      return `${DAYS[t.getUTCDay()]}, ${p(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())} +0000`;
    })
    .replace(/\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z/g, (_m, stamp) => `${back(Date.parse(`${stamp}Z`)).toISOString().slice(0, 19)}Z`);
}

let same = 0;
for (const cmd of commands) {
  const ours = c.exec(cmd);
  const oursText = ours.stdout + ours.stderr + `[rc ${ours.exitCode}]`;
  // Move the served clock so that kubectl's ages match, then move the dates it prints back.
  const shift = Math.floor(Date.now() / 1000) - Math.floor(EPOCH_MS / 1000 + c.now());
  fs.writeFileSync(path.join(dir, 'objs.json.shift'), String(shift));
  const r = spawnSync('bash', ['-c', cmd.replace(/^kubectl /, `${KUBECTL} --kubeconfig ${path.join(dir, 'kubeconfig')} `)], { encoding: 'utf8' });
  const realNorm = unshift(r.stdout + r.stderr, shift) + `[rc ${r.status}]`;
  if (realNorm === oursText) { same++; if (process.env.SHOW) console.log(`SAME: ${cmd}\n${oursText}`); continue; }
  console.log(`DIFF: ${cmd}\n--- real\n${JSON.stringify(realNorm)}\n--- ours\n${JSON.stringify(oursText)}\n`);
}
console.log(`${same}/${commands.length} identical`);
server.kill();
