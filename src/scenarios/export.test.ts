import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { exportForCluster, kindNodeNames, shellQuote } from './export.ts';
import { GALLERY } from './gallery.ts';
import { parseScenario } from './validate.ts';

const entry = (id: string) => GALLERY.find((e) => e.id === id)!.scenario;

describe('export for a real cluster', () => {
  it('writes the manifests in order, a kind config and replay.sh', () => {
    const files = exportForCluster(entry('pod-and-service'));
    expect(files.map((f) => f.path)).toEqual(['kind-config.yaml', 'manifests/01-pod-web.yaml', 'manifests/02-pod-client.yaml', 'replay.sh']);
    expect(files[1]!.text).toBe((entry('pod-and-service').actions[0] as { yaml: string }).yaml);
    expect(files[0]!.text).toBe(`# kind create cluster --name kubeplay --config kind-config.yaml
# The same node shape as the scenario. kind cannot give nodes their own CPU or memory: each node
# sees the whole machine, so resource requests that are unschedulable here may fit there.
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
# control-plane
- role: control-plane
# worker-1
- role: worker
# worker-2
- role: worker
`);
    expect(files[3]!.text).toBe(`#!/usr/bin/env bash
# A Pod and a Service: exported from Kubeplay (seed 1).
#
# Replays the scenario's inputs at their times on a real cluster. A real cluster does not run
# on the simulator's clock: image pulls and probes take their own time, and generated names
# (web-555d94684b-xxxxx) differ, so a command naming a generated Pod needs that name changed.
# Read it before running it: these are the commands of whoever made the scenario.
#
# A cluster of the same shape:
#   kind create cluster --name kubeplay --config kind-config.yaml
# kind names its nodes differently:
#   control-plane -> kubeplay-control-plane
#   worker-1 -> kubeplay-worker
#   worker-2 -> kubeplay-worker2

set -euo pipefail
cd "$(dirname "$0")"

# t=0s
kubectl apply -f manifests/01-pod-web.yaml
# t=0s
kubectl apply -f manifests/02-pod-client.yaml
sleep 20
# t=20s
kubectl exec client -- wget -qO- http://web
sleep 20
# t=40s
kubectl delete pod web
sleep 5
# t=45s
kubectl get endpoints web
`);
  });

  it('runs node-shell lines in kind\'s node containers and repeats as a background loop', () => {
    const script = exportForCluster(entry('node-failure')).find((f) => f.path === 'replay.sh')!.text;
    expect(script).toContain('sleep 30\n# t=30s\n# on node worker-1 (kind\'s container kubeplay-worker)\ndocker exec kubeplay-worker systemctl stop kubelet\n');
    const heals = exportForCluster(entry('deployment-heals')).find((f) => f.path === 'replay.sh')!.text;
    expect(heals).toContain('# t=30s\n# web-555d94684b-2jqf2 is a name the simulation generated: on your cluster, take one from kubectl get pods\nkubectl delete pod web-555d94684b-2jqf2\n');
    expect(heals).toContain('# t=31s\nkubectl get pods\n');
    const lb = exportForCluster(entry('service-load-balancing')).find((f) => f.path === 'replay.sh')!.text;
    expect(lb).toContain('for _ in $(seq 30); do\n  kubectl exec client -- wget -qO- http://whoami\n  sleep 1\ndone &\n\nwait\n');
  });

  it('gives kind the node labels and taints', () => {
    const config = exportForCluster(entry('scheduling'))[0]!.text;
    expect(config).toContain(`# worker-2
- role: worker
  labels:
    "gpu": "true"
  kubeadmConfigPatches:
  - |
    kind: JoinConfiguration
    nodeRegistration:
      taints:
      - key: "gpu"
        value: "true"
        effect: NoSchedule
`);
    expect(kindNodeNames([{ name: 'a', role: 'control-plane' }, { name: 'b' }, { name: 'c' }, { name: 'd', role: 'control-plane' }]))
      .toEqual(new Map([['a', 'kubeplay-control-plane'], ['b', 'kubeplay-worker'], ['c', 'kubeplay-worker2'], ['d', 'kubeplay-control-plane2']]));
  });

  it('runs only what the simulator ran: words re-quoted, operators not replayed, file names slugged', () => {
    const s = parseScenario({
      version: 1, title: 'evil\nrm -rf /', seed: 1, actions: [
        { at: 0, kind: 'apply', yaml: 'kind: Pod\nmetadata:\n  name: ../../etc/passwd\n' },
        { at: 1, kind: 'exec', line: 'kubectl get pods; rm -rf ~' },
        { at: 2, kind: 'exec', line: 'kubectl exec client -- sh -c "echo $(id) `whoami`"' },
        { at: 3, kind: 'exec', line: 'kubectl cordon worker-1' },
      ],
    });
    const files = exportForCluster(s);
    expect(files.map((f) => f.path)).toEqual(['kind-config.yaml', 'manifests/01-pod-etc-passwd.yaml', 'replay.sh']);
    const script = files[2]!.text;
    expect(script).toContain('# evil rm -rf /: exported');
    expect(script).toContain('# t=1s\n# not replayed (shell operators; the simulator runs one command at a time): kubectl get pods; rm -rf ~\n');
    expect(script).toContain("kubectl exec client -- sh -c 'echo $(id) `whoami`'\n");
    expect(script).toContain("# node names changed to kind's: kubectl cordon worker-1\nkubectl cordon kubeplay-worker\n");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('exports every gallery scenario', () => {
    for (const e of GALLERY) {
      const files = exportForCluster(e.scenario);
      expect(files.filter((f) => f.path.startsWith('manifests/')).length).toBe(e.scenario.actions.filter((a) => a.kind === 'apply').length);
      for (const f of files) expect(f.path).toMatch(/^(kind-config\.yaml|replay\.sh|manifests\/\d\d-[a-z0-9-]+\.yaml)$/);
      // bash itself finds the script well-formed.
      const check = spawnSync('bash', ['-n'], { input: files.find((f) => f.path === 'replay.sh')!.text, encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    }
  });
});
