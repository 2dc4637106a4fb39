import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.ts';

/**
 * Expected outputs were recorded from kubectl v1.31.9 run against a fake API server that served
 * exactly these objects (scripts/kubectl-oracle). The pods have fixed names so that the
 * pod-template-hash plays no part. The events cases sort more than 12 rows with ties, where Go's
 * unstable sort.Sort decides the order.
 */
const MANIFEST = "apiVersion: v1\nkind: Pod\nmetadata: {name: web-1, labels: {app: web, tier: front}}\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27, ports: [{containerPort: 80, name: http}], resources: {requests: {cpu: 250m, memory: 64Mi}}}\n  - {name: sidecar, image: busybox:1.36, command: [sh, -c, sleep 3600], resources: {requests: {cpu: 50m, memory: 1Gi}}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-10, labels: {app: web}}\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27, ports: [{containerPort: 80, name: http}], resources: {requests: {cpu: \"1\", memory: 128Mi}}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-2, labels: {app: web}}\nspec:\n  containers:\n  - {name: nginx, image: nginx:1.27, ports: [{containerPort: 8080, name: alt}], resources: {requests: {cpu: 500m, memory: 512Mi}}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http, name: http}, {port: 443, targetPort: 8443, name: https}]\n";

function cluster() {
  const c = createCluster({ seed: 1 });
  c.apply(MANIFEST);
  c.advance(20);
  return c;
}

const CASES: [command: string, output: string, exitCode: number][] = [
  ["kubectl get pods -o jsonpath='{.items[*].metadata.name}'", "web-1 web-10 web-2", 0],
  ["kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{\"\\t\"}{.spec.nodeName}{\"\\n\"}{end}'", "web-1\tworker-2\nweb-10\tworker-1\nweb-2\tworker-2\n", 0],
  ["kubectl get pod web-1 -o jsonpath='{.metadata.labels}'", "{\"app\":\"web\",\"tier\":\"front\"}", 0],
  ["kubectl get pod web-1 -o jsonpath='{.spec.containers[*].name}'", "nginx sidecar", 0],
  ["kubectl get pod web-1 -o jsonpath='{.spec.containers[?(@.name==\"sidecar\")].resources.requests.memory}'", "1Gi", 0],
  ["kubectl get svc web -o jsonpath='{.spec.ports[?(@.port==443)].targetPort}'", "8443", 0],
  ["kubectl get svc web -o jsonpath='{.spec.ports[-1:].name} {.spec.ports[0,1].port} {.spec.ports[:1].name}'", "https 80 443 http", 0],
  ["kubectl get svc web -o jsonpath=\"{.spec['selector']}\"", "{\"app\":\"web\"}", 0],
  ["kubectl get pods -o jsonpath='{range .items[*]}{range .spec.containers[*]}{.name}/{end};{.metadata.name}{end}'", "nginx/sidecar/;web-1nginx/;web-10nginx/;web-2", 0],
  ["kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name},'", "web-1,web-10,web-2,,", 0],
  ["kubectl get pods -o jsonpath='{range .items[*].spec.nope}{.x}{end}|{.kind}'", "|List", 0],
  ["kubectl get pods -o jsonpath='{.items[*'", "error: error parsing jsonpath {.items[*, unterminated array\n", 1],
  ["kubectl get pods -o jsonpath='{.items[x]}'", "error: error parsing jsonpath {.items[x]}, invalid array index x\n", 1],
  ["kubectl get pods -o jsonpath", "error: template format specified but no template given\n", 1],
  ["kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,CPU:.spec.containers[*].resources.requests.cpu,X:.metadata.foo", "NAME     NODE       CPU        X\nweb-1    worker-2   250m,50m   <none>\nweb-10   worker-1   1          <none>\nweb-2    worker-2   500m       <none>\n", 0],
  ["kubectl get pods -o custom-columns=NAME:metadata.name,LABELS:.metadata.labels --no-headers", "web-1    map[app:web tier:front]\nweb-10   map[app:web]\nweb-2    map[app:web]\n", 0],
  ["kubectl get pods -o custom-columns=NAME", "error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n", 1],
  ["kubectl get pods -o custom-columns=A:{.x}y", "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n", 1],
  ["kubectl get pods --sort-by=.metadata.name -o name", "pod/web-1\npod/web-10\npod/web-2\n", 0],
  ["kubectl get pods --sort-by=.spec.containers[0].resources.requests.memory -o name", "pod/web-1\npod/web-10\npod/web-2\n", 0],
  ["kubectl get pods --sort-by=.spec.containers[0].resources.requests.cpu -o custom-columns=N:.metadata.name,CPU:.spec.containers[0].resources.requests.cpu", "N        CPU\nweb-1    250m\nweb-2    500m\nweb-10   1\n", 0],
  ["kubectl get pods --sort-by=.spec.foo -o name", "error: couldn't find any field with path \"{.spec.foo}\" in the list of objects\n", 1],
  ["kubectl get pods --sort-by='{.metadata.labels.tier}' -o name", "pod/web-2\npod/web-10\npod/web-1\n", 0],
  ["kubectl get pod web-1 --sort-by=.spec.foo -o name", "pod/web-1\n", 0],
  ["kubectl get events --sort-by=.metadata.creationTimestamp -o custom-columns=REASON:.reason,OBJECT:.involvedObject.name,MESSAGE:.message", "REASON      OBJECT   MESSAGE\nScheduled   web-1    Successfully assigned default/web-1 to worker-2\nPulling     web-1    Pulling image \"nginx:1.27\"\nPulling     web-2    Pulling image \"nginx:1.27\"\nScheduled   web-2    Successfully assigned default/web-2 to worker-2\nPulling     web-10   Pulling image \"nginx:1.27\"\nScheduled   web-10   Successfully assigned default/web-10 to worker-1\nCreated     web-1    Created container nginx\nCreated     web-2    Created container nginx\nStarted     web-2    Started container nginx\nPulling     web-1    Pulling image \"busybox:1.36\"\nStarted     web-1    Started container nginx\nPulled      web-2    Successfully pulled image \"nginx:1.27\" in 495ms (2.772s including waiting). Image size: 72955450 bytes.\nPulled      web-1    Successfully pulled image \"nginx:1.27\" in 2.429s (2.429s including waiting). Image size: 72955450 bytes.\nStarted     web-1    Started container sidecar\nStarted     web-10   Started container nginx\nCreated     web-10   Created container nginx\nPulled      web-10   Successfully pulled image \"nginx:1.27\" in 3.253s (3.253s including waiting). Image size: 72955450 bytes.\nCreated     web-1    Created container sidecar\nPulled      web-1    Successfully pulled image \"busybox:1.36\" in 425ms (920ms including waiting). Image size: 2155183 bytes.\n", 0],
  ["kubectl get events --sort-by=.lastTimestamp -o name", "event/web-1.17eb47f501329b02\nevent/web-1.17eb47f530b3dc44\nevent/web-2.17eb47f539c33245\nevent/web-2.17eb47f50141dd43\nevent/web-10.17eb47f53b4fecc6\nevent/web-10.17eb47f500f59201\nevent/web-1.17eb47f5c17b7588\nevent/web-2.17eb47f5defc8f4c\nevent/web-2.17eb47f5defc8f4d\nevent/web-1.17eb47f5c17b758a\nevent/web-1.17eb47f5c17b7589\nevent/web-2.17eb47f5defc8f4b\nevent/web-1.17eb47f5c17b7587\nevent/web-1.17eb47f5f8518b90\nevent/web-10.17eb47f5fd34c413\nevent/web-10.17eb47f5fd34c412\nevent/web-10.17eb47f5fd34c411\nevent/web-1.17eb47f5f8518b8f\nevent/web-1.17eb47f5f8518b8e\n", 0],
  ["kubectl get events --sort-by=.reason -o custom-columns=R:.reason,N:.metadata.name", "R           N\nCreated     web-1.17eb47f5f8518b8f\nCreated     web-10.17eb47f5fd34c412\nCreated     web-2.17eb47f5defc8f4c\nCreated     web-1.17eb47f5c17b7588\nPulled      web-1.17eb47f5f8518b8e\nPulled      web-1.17eb47f5c17b7587\nPulled      web-10.17eb47f5fd34c411\nPulled      web-2.17eb47f5defc8f4b\nPulling     web-1.17eb47f5c17b758a\nPulling     web-2.17eb47f539c33245\nPulling     web-10.17eb47f53b4fecc6\nPulling     web-1.17eb47f530b3dc44\nScheduled   web-1.17eb47f501329b02\nScheduled   web-10.17eb47f500f59201\nScheduled   web-2.17eb47f50141dd43\nStarted     web-1.17eb47f5c17b7589\nStarted     web-10.17eb47f5fd34c413\nStarted     web-1.17eb47f5f8518b90\nStarted     web-2.17eb47f5defc8f4d\n", 0],
  ["kubectl get pods -A --sort-by=.status.startTime -o custom-columns=N:.metadata.name,NS:.metadata.namespace", "N                                       NS\netcd-control-plane                      kube-system\nkube-scheduler-control-plane            kube-system\nkube-controller-manager-control-plane   kube-system\nkube-apiserver-control-plane            kube-system\nkube-proxy-d5t2n                        kube-system\ncoredns-7c65d6cfc9-lb5wm                kube-system\ncoredns-7c65d6cfc9-qcs74                kube-system\nkube-flannel-ds-7sc2d                   kube-flannel\nkube-flannel-ds-gzw9q                   kube-flannel\nkube-proxy-z7c5b                        kube-system\nkube-flannel-ds-7cjh6                   kube-flannel\nkube-proxy-hnv4s                        kube-system\nweb-1                                   default\nweb-2                                   default\nweb-10                                  default\n", 0],
  ["kubectl get pods -A --sort-by=.metadata.namespace -o name", "pod/web-1\npod/web-10\npod/web-2\npod/kube-flannel-ds-7cjh6\npod/kube-flannel-ds-7sc2d\npod/kube-flannel-ds-gzw9q\npod/coredns-7c65d6cfc9-lb5wm\npod/coredns-7c65d6cfc9-qcs74\npod/etcd-control-plane\npod/kube-apiserver-control-plane\npod/kube-controller-manager-control-plane\npod/kube-proxy-d5t2n\npod/kube-proxy-hnv4s\npod/kube-proxy-z7c5b\npod/kube-scheduler-control-plane\n", 0],
];

describe('kubectl get -o jsonpath / custom-columns / --sort-by, as kubectl v1.31.9 prints them', () => {
  const c = cluster();
  it.each(CASES)('%s', (command, output, exitCode) => {
    const r = c.exec(command);
    expect(r.stdout + r.stderr).toBe(output);
    expect(r.exitCode).toBe(exitCode);
  });

  it('prints the debugging dump of a failed template with Go\'s %#v of the object, as kubectl does', () => {
    const r = c.exec("kubectl get svc web -o jsonpath='{.spec.ports[?(@.port==443.0)].name}'");
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'error: error executing jsonpath "{.spec.ports[?(@.port==443.0)].name}": Error executing template: incompatible types for comparison. Printing more information for debugging the template:',
      '\ttemplate was:',
      '\t\t{.spec.ports[?(@.port==443.0)].name}',
      '\tobject given to jsonpath engine was:',
    ]);
    expect(lines[4]).toMatch(/^\t\tmap\[string\]interface \{\}\{"apiVersion":"v1", "kind":"Service", "metadata":map\[string\]interface \{\}\{"annotations":/);
    expect(r.stderr.endsWith('}\n\n\n')).toBe(true);
  });
});
