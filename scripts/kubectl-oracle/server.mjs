// A fake Kubernetes API server for scripts/kubectl-oracle: discovery for every resource of the
// table it is given, and GET/list of the objects in the JSON file given as the first argument, with
// labelSelector (equality and set-based `in`/`notin`/exists) and fieldSelector (`=`, `==`, `!=`)
// filtering. Just enough for kubectl get and describe, which format on the client.
import http from 'node:http';
import fs from 'node:fs';

const { objects, resources: served } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
// Kinds Kubeplay does not serve but describers ask for: listed empty, as on a fresh cluster.
const resources = [
  ...served,
  { resource: 'resourcequotas', singular: 'resourcequota', kind: 'ResourceQuota', group: '', version: 'v1', namespaced: true, shortNames: ['quota'], verbs: ['get', 'list'] },
  { resource: 'limitranges', singular: 'limitrange', kind: 'LimitRange', group: '', version: 'v1', namespaced: true, shortNames: ['limits'], verbs: ['get', 'list'] },
];
// compare.mts writes a number of seconds to FILE.shift before each command: every timestamp served is
// moved by it, so that ages kubectl computes from its own clock equal the simulation's.
const shiftFile = `${process.argv[2]}.shift`;
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;
function shifted(value, seconds) {
  if (typeof value === 'string') {
    const m = STAMP.exec(value);
    if (!m) return value;
    return new Date(Date.parse(`${m[1]}Z`) + seconds * 1000).toISOString().slice(0, 19) + (m[2] ?? '') + 'Z';
  }
  if (Array.isArray(value)) return value.map((v) => shifted(v, seconds));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shifted(v, seconds)]));
  return value;
}
const port = Number(process.argv[3] || 18080);
const gv = (r) => (r.group ? `${r.group}/${r.version}` : r.version);

function resourceList(groupVersion) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources
      .filter((r) => gv(r) === groupVersion)
      .map((r) => ({ name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, shortNames: r.shortNames.length ? r.shortNames : undefined })),
  };
}

function groups() {
  const byGroup = new Map();
  for (const r of resources) if (r.group) byGroup.set(r.group, r.version);
  return [...byGroup].map(([name, version]) => ({ name, versions: [{ groupVersion: `${name}/${version}`, version }], preferredVersion: { groupVersion: `${name}/${version}`, version } }));
}

function field(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function matchesLabels(obj, selector) {
  if (!selector) return true;
  const labels = obj.metadata.labels ?? {};
  // Split on commas outside parentheses.
  const parts = selector.match(/([^,(]+(\([^)]*\))?)+/g) ?? [];
  return parts.every((raw) => {
    const p = raw.trim();
    let m;
    if ((m = /^(\S+)\s+notin\s+\((.*)\)$/.exec(p))) return !m[2].split(',').map((s) => s.trim()).includes(labels[m[1]]);
    if ((m = /^(\S+)\s+in\s+\((.*)\)$/.exec(p))) return m[2].split(',').map((s) => s.trim()).includes(labels[m[1]]);
    if ((m = /^([^!=]+)!=(.*)$/.exec(p))) return labels[m[1]] !== m[2];
    if ((m = /^([^=]+)==?(.*)$/.exec(p))) return labels[m[1]] === m[2];
    if ((m = /^!(.+)$/.exec(p))) return !(m[1] in labels);
    return p in labels;
  });
}

function matchesFields(obj, selector) {
  if (!selector) return true;
  return selector.split(',').every((p) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(p);
    if (!m) return true;
    const v = field(obj, m[1]);
    const s = v === undefined ? '' : String(v);
    return m[2] === '!=' ? s !== m[3] : s === m[3];
  });
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (o, code = 200) => {
      const seconds = fs.existsSync(shiftFile) ? Number(fs.readFileSync(shiftFile, 'utf8')) : 0;
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(shifted(o, seconds)));
    };
    const p = url.pathname;
    if (p === '/api') return send({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    if (p === '/apis') return send({ kind: 'APIGroupList', apiVersion: 'v1', groups: groups() });
    if (p === '/api/v1') return send(resourceList('v1'));
    let m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
    if (m) return send(resourceList(`${m[1]}/${m[2]}`));
    if (p === '/version') return send({ major: '1', minor: '31', gitVersion: 'v1.31.0' });
    m = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\/(?:namespaces\/([^/]+)\/)?([a-z0-9]+)(?:\/([^/]+))?$/.exec(p);
    if (m) {
      const [, core, groupVersion, ns, resource, name] = m;
      const version = core ?? groupVersion;
      const r = resources.find((x) => x.resource === resource && gv(x) === version);
      if (!r) return send({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }, 404);
      let items = objects.filter((o) => o.kind === r.kind && o.apiVersion === version && (!ns || o.metadata.namespace === ns));
      if (name) {
        const o = items.find((i) => i.metadata.name === name);
        if (!o) return send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${r.resource}${r.group ? `.${r.group}` : ''} "${name}" not found`, reason: 'NotFound', details: { name, group: r.group || undefined, kind: r.resource }, code: 404 }, 404);
        return send(o);
      }
      items = items.filter((o) => matchesLabels(o, url.searchParams.get('labelSelector')) && matchesFields(o, url.searchParams.get('fieldSelector')));
      return send({ kind: `${r.kind}List`, apiVersion: version, metadata: { resourceVersion: '1000' }, items });
    }
    send({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }, 404);
  })
  .listen(port);
