/**
 * `kubectl config` over the control-plane node's /etc/kubernetes/admin.conf, as kubeadm v1.31
 * writes it (cluster `kubernetes`, user `kubernetes-admin`, context `kubernetes-admin@kubernetes`).
 * The context's namespace is the default every other command uses, so `kubectl config set-context
 * --current --namespace=dev` changes what `kubectl get pods` lists, as on a real cluster.
 * Outputs were checked against kubectl v1.31.9 run on the same kubeconfig.
 */
import type { Output } from './context.ts';
import { KubectlError } from './errors.ts';
import { flagString, hasFlag, parseFlags, type FlagSpec } from './flags.ts';
import { printTemplate, parseTemplateOutput } from './templates.ts';
import { toYAML } from './output.ts';
import { GET_TABWRITER, tabwrite } from './printers/index.ts';

export const CLUSTER_NAME = 'kubernetes';
export const USER_NAME = 'kubernetes-admin';
export const CONTEXT_NAME = 'kubernetes-admin@kubernetes';

/** The admin kubeconfig's state that commands can change: the current context's namespace. */
export class Kubeconfig {
  namespace: string | undefined;

  constructor(readonly server: string) {}

  /** The kubeconfig as `kubectl config view` shows it: credentials as DATA+OMITTED. */
  view(): Record<string, unknown> {
    const context: Record<string, unknown> = { cluster: CLUSTER_NAME, user: USER_NAME };
    if (this.namespace) context.namespace = this.namespace;
    return {
      kind: 'Config',
      apiVersion: 'v1',
      preferences: {},
      clusters: [{ name: CLUSTER_NAME, cluster: { server: this.server, 'certificate-authority-data': 'DATA+OMITTED' } }],
      users: [{ name: USER_NAME, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
      contexts: [{ name: CONTEXT_NAME, context }],
      'current-context': CONTEXT_NAME,
    };
  }
}

const SUBCOMMANDS: Record<string, FlagSpec[]> = {
  view: [{ name: 'output', short: 'o', type: 'string' }, { name: 'minify', type: 'bool' }, { name: 'raw', type: 'bool' }, { name: 'flatten', type: 'bool' }],
  'current-context': [],
  'get-contexts': [{ name: 'output', short: 'o', type: 'string' }, { name: 'no-headers', type: 'bool' }],
  'get-clusters': [],
  'get-users': [],
  'use-context': [],
  'set-context': [{ name: 'current', type: 'bool' }, { name: 'namespace', type: 'string' }, { name: 'cluster', type: 'string' }, { name: 'user', type: 'string' }],
};

/** `kubectl config SUBCOMMAND`; `rest` is everything after `config`. */
export function runConfig(kubeconfig: Kubeconfig, rest: string[], out: Output): void {
  const sub = rest.find((w) => !w.startsWith('-'));
  if (sub === undefined) throw new KubectlError('kubectl config needs a subcommand: current-context, get-contexts, get-clusters, get-users, set-context, use-context or view');
  const specs = SUBCOMMANDS[sub];
  if (!specs) throw new KubectlError(`Kubeplay does not run "kubectl config ${sub}": the playground's kubeconfig has one cluster, user and context; current-context, get-contexts, get-clusters, get-users, set-context and use-context and view are supported`);
  const flags = parseFlags(rest.filter((w) => w !== sub), specs);
  const [name] = flags.args;
  switch (sub) {
    case 'current-context':
      out.out(`${CONTEXT_NAME}\n`);
      return;
    case 'get-clusters':
      out.out(`NAME\n${CLUSTER_NAME}\n`);
      return;
    case 'get-users':
      out.out(`NAME\n${USER_NAME}\n`);
      return;
    case 'use-context':
      if (name !== CONTEXT_NAME) throw new KubectlError(`no context exists with the name: "${name ?? ''}"`);
      out.out(`Switched to context "${CONTEXT_NAME}".\n`);
      return;
    case 'get-contexts': {
      const output = flagString(flags, 'output');
      if (output === 'name') {
        if (name === undefined || name === CONTEXT_NAME) out.out(`${CONTEXT_NAME}\n`);
        else throw new KubectlError(`context ${name} not found`);
        return;
      }
      if (output !== '') throw new KubectlError(`output must be one of '' or 'name': ${output}`);
      const header = hasFlag(flags, 'no-headers') ? [] : ['CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE'];
      if (name !== undefined && name !== CONTEXT_NAME) {
        // kubectl prints the header before it finds the context missing.
        if (header.length > 0) out.out(tabwrite('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n', GET_TABWRITER));
        throw new KubectlError(`context ${name} not found`);
      }
      const row = `*\t${CONTEXT_NAME}\t${CLUSTER_NAME}\t${USER_NAME}\t${kubeconfig.namespace ?? ''}`;
      out.out(tabwrite(`${[...header, row].join('\n')}\n`, GET_TABWRITER));
      return;
    }
    case 'set-context': {
      const current = hasFlag(flags, 'current');
      if (!current && name === undefined) throw new KubectlError('you must specify a non-empty context name or --current');
      if (current && name !== undefined) throw new KubectlError('you cannot specify both a context name and --current');
      if (!current && name !== CONTEXT_NAME) throw new KubectlError(`Kubeplay's kubeconfig has one context, ${CONTEXT_NAME}: use --current or that name`);
      if (hasFlag(flags, 'cluster') && flagString(flags, 'cluster') !== CLUSTER_NAME) throw new KubectlError(`the playground has one cluster, ${CLUSTER_NAME}`);
      if (hasFlag(flags, 'user') && flagString(flags, 'user') !== USER_NAME) throw new KubectlError(`the playground has one user, ${USER_NAME}`);
      if (hasFlag(flags, 'namespace')) kubeconfig.namespace = flagString(flags, 'namespace') || undefined;
      out.out(`Context "${CONTEXT_NAME}" modified.\n`);
      return;
    }
    case 'view': {
      if (hasFlag(flags, 'raw')) throw new KubectlError('Kubeplay has no real certificates to show: --raw is not simulated');
      const output = flagString(flags, 'output', 'yaml');
      const body = kubeconfig.view();
      if (output === 'yaml') out.out(toYAML(body));
      else if (output === 'json') out.out(`${JSON.stringify(body, null, 4)}\n`);
      else {
        const template = parseTemplateOutput(output);
        if (!template) throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`);
        out.out(printTemplate(template, body, false));
      }
      return;
    }
  }
}
