/**
 * The files the kubelet writes per pod and bind-mounts into every container:
 * - /etc/hosts: kubelet_pods.go managedHostsFileContent (the header, the IPv4/IPv6 boilerplate,
 *   the pod's IP with its FQDN when it has a subdomain, then `# Entries added by HostAliases.`);
 *   a hostNetwork pod sees the node's own file.
 * - /etc/resolv.conf: pkg/kubelet/network/dns/dns.go GetPodDNS per dnsPolicy (ClusterFirst:
 *   `search <ns>.svc.cluster.local svc.cluster.local cluster.local`, the cluster DNS, `ndots:5`;
 *   a hostNetwork pod with ClusterFirst falls back to Default; None takes dnsConfig alone), merged
 *   with dnsConfig, written in containerd's order (search, nameserver, options).
 */
import type { KubeObject } from '../api/types.ts';
import { CLUSTER_DOMAIN, KUBE_DNS_IP } from '../network/resolver.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- Pod specs are plain JSON */
type Json = any;

/** The node's resolver in a kind cluster (the Docker network's gateway). */
const NODE_NAMESERVER = '172.18.0.1';

export function etcHosts(pod: KubeObject, podIP: string, nodeName: string): string {
  const spec: Json = pod.spec;
  const boilerplate = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (spec.hostNetwork) return `${boilerplate}${podIP}\t${nodeName}\n`;
  const hostname: string = spec.hostname ?? pod.metadata.name;
  const fqdn = spec.subdomain ? `${hostname}.${spec.subdomain}.${pod.metadata.namespace}.svc.${CLUSTER_DOMAIN}\t` : '';
  let text = `# Kubernetes-managed hosts file.\n${boilerplate}${podIP}\t${fqdn}${hostname}\n`;
  const aliases: Json[] = spec.hostAliases ?? [];
  if (aliases.length) {
    text += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) text += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return text;
}

export function resolvConf(pod: KubeObject): string {
  const spec: Json = pod.spec;
  const policy: string = spec.dnsPolicy ?? 'ClusterFirst';
  const ns = pod.metadata.namespace ?? 'default';
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec.hostNetwork);
  if (cluster) {
    servers = [KUBE_DNS_IP];
    searches = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    servers = [NODE_NAMESERVER];
  }
  const cfg: Json = spec.dnsConfig ?? {};
  servers = [...servers, ...(cfg.nameservers ?? [])];
  searches = [...searches, ...(cfg.searches ?? [])];
  // dns.go mergeDNSOptions: a dnsConfig option replaces one of the same name.
  for (const o of (cfg.options ?? []) as Json[]) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
    const i = options.findIndex((x) => x.split(':')[0] === o.name);
    if (i >= 0) options[i] = text;
    else options.push(text);
  }
  let out = '';
  if (searches.length) out += `search ${searches.join(' ')}\n`;
  if (servers.length) out += `nameserver ${servers.join('\nnameserver ')}\n`;
  if (options.length) out += `options ${options.join(' ')}\n`;
  return out;
}
