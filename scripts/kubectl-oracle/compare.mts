// Runs kubectl commands through a real kubectl (against server.mjs, a fake API server serving the
// simulated cluster's objects) and through Kubeplay, and prints the differences.
// Usage: npx tsx scripts/kubectl-oracle/compare.mts MANIFEST.yaml COMMANDS.txt   (see README.md)
import { createCluster } from '../../src/sim/index.ts';
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
const items: unknown[] = [];
for (const r of ['pods', 'services', 'events', 'nodes']) items.push(...JSON.parse(c.exec(`kubectl get ${r} -A -o json`).stdout).items);
fs.writeFileSync(path.join(dir, 'objs.json'), JSON.stringify(items));
const server = spawn('node', [new URL('./server.mjs', import.meta.url).pathname, path.join(dir, 'objs.json'), String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 700));
fs.writeFileSync(
  path.join(dir, 'kubeconfig'),
  `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]\ncurrent-context: c\n`,
);
let same = 0;
for (const cmd of commands) {
  const ours = c.exec(cmd);
  const oursText = ours.stdout + ours.stderr + `[rc ${ours.exitCode}]`;
  const r = spawnSync('bash', ['-c', cmd.replace(/^kubectl /, `${KUBECTL} --kubeconfig ${path.join(dir, 'kubeconfig')} `)], { encoding: 'utf8' });
  const realNorm = r.stdout + r.stderr + `[rc ${r.status}]`;
  if (realNorm === oursText) { same++; if (process.env.SHOW) console.log(`SAME: ${cmd}\n${oursText}`); continue; }
  console.log(`DIFF: ${cmd}\n--- real\n${JSON.stringify(realNorm)}\n--- ours\n${JSON.stringify(oursText)}\n`);
}
console.log(`${same}/${commands.length} identical`);
server.kill();
