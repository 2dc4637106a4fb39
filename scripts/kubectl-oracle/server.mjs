// A fake Kubernetes API server for scripts/kubectl-oracle: discovery for the core group and GET/list of
// the objects in the JSON file given as the first argument. Just enough for kubectl get.
import http from 'node:http';
import fs from 'node:fs';
const objs = JSON.parse(fs.readFileSync(process.argv[2] || 'objs.json', 'utf8'));
const resources = [
  { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
  { name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ['get', 'list'], shortNames: ['svc'] },
  { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ['get', 'list'], shortNames: ['ev'] },
  { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'], shortNames: ['no'] },
];
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (o) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(o)); };
  const p = url.pathname;
  if (p === '/api') return send({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
  if (p === '/apis') return send({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  if (p === '/api/v1') return send({ kind: 'APIResourceList', groupVersion: 'v1', resources });
  if (p === '/version') return send({ major: '1', minor: '31', gitVersion: 'v1.31.0' });
  let m = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?([a-z]+)(?:\/([^/]+))?$/.exec(p);
  if (m) {
    const [, ns, resource, name] = m;
    const r = resources.find((x) => x.name === resource);
    let items = objs.filter((o) => o.kind === r.kind && (!ns || o.metadata.namespace === ns));
    if (name) { const o = items.find((i) => i.metadata.name === name); if (!o) { res.writeHead(404, {'Content-Type':'application/json'}); return res.end(JSON.stringify({kind:'Status',apiVersion:'v1',status:'Failure',message:`${r.singularName}s "${name}" not found`,reason:'NotFound',details:{name,kind:resource},code:404})); } return send(o); }
    return send({ kind: r.kind + 'List', apiVersion: 'v1', metadata: { resourceVersion: '1000' }, items });
  }
  res.writeHead(404); res.end('{}');
}).listen(Number(process.argv[3] || 18080), () => console.log('listening'));
