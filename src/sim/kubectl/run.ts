/**
 * `kubectl run NAME --image=I [--port] [-l] [--env] [--restart] [--command] [--expose] [-- ARGS]`,
 * as kubectl v1.31 does it (staging/src/k8s.io/kubectl/pkg/cmd/run/run.go, the `run-pod/v1`
 * generator in pkg/generate/versioned/run.go): one Pod labelled `run=NAME` unless `-l` says
 * otherwise, the extra words as `args` (or `command` with `--command`), `pod/NAME created`.
 * `--expose` also creates a ClusterIP Service through expose's generator, printed first.
 *
 * `-i`, `-t`, `--attach` (and so `--rm`) attach the terminal to the container's stdin/stdout:
 * the browser terminal cannot, so those fail saying so (after kubectl's own flag checks).
 */
import { parseImageReference } from '../runtime/reference.ts';
import { isEnvVarName } from '../validation/names.ts';
import { Output, type KubectlContext } from './context.ts';
import { createAndPrint, dryRunOf, GENERATOR_FLAGS, namespaceOf, objectMeta, outputOf, type Struct } from './create-workloads.ts';
import { KubectlError } from './errors.ts';
import { flagBool, flagString, flagStrings, hasFlag, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { usageError } from './logs.ts';
import { generateService, parseLabels } from './expose.ts';

/** parseEnvs (generate/versioned/run.go): NAME=VALUE, NAME a C identifier-like env var name. */
function parseEnvs(envs: string[]): Struct[] {
  return envs.map((env) => {
    const pos = env.indexOf('=');
    const name = pos < 0 ? '' : env.slice(0, pos);
    if (pos < 0 || name === '' || isEnvVarName(name).length > 0) throw new KubectlError(`invalid env: ${env}`);
    return { name, value: env.slice(pos + 1) };
  });
}

/** `--annotations` entries are KEY=VALUE (split at the first `=`). */
function parseAnnotations(list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list) {
    const pos = a.indexOf('=');
    if (pos <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    out[a.slice(0, pos)] = a.slice(pos + 1);
  }
  return out;
}

/** BasicPod.Generate, in the Pod's struct field order. */
function buildPod(name: string, flags: ParsedFlags, restartPolicy: string, namespace: string | undefined): Struct {
  const labelSpec = flagString(flags, 'labels');
  const labels = labelSpec !== '' ? parseLabels(labelSpec) : { run: name };
  const annotations = parseAnnotations(flagStrings(flags, 'annotations'));
  const stdin = flagBool(flags, 'stdin');
  const tty = flagBool(flags, 'tty');
  const port = flagString(flags, 'port');
  let ports: Struct[] | undefined;
  if (port !== '') {
    if (!/^[+-]?\d+$/.test(port)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
    ports = [{ containerPort: Number(port) }];
  }
  const args = flags.args.slice(1);
  const env = parseEnvs(flagStrings(flags, 'env'));
  const pullPolicy = flagString(flags, 'image-pull-policy');
  const privileged = flagBool(flags, 'privileged');
  const container: Struct = {
    name,
    image: flagString(flags, 'image'),
    ...(args.length > 0 ? (flagBool(flags, 'command') ? { command: args } : { args }) : {}),
    ...(ports ? { ports } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: {},
    ...(pullPolicy ? { imagePullPolicy: pullPolicy } : {}),
    ...(privileged ? { securityContext: { privileged: true } } : {}),
    ...(stdin ? { stdin: true } : {}),
    ...(stdin && !flagBool(flags, 'leave-stdin-open') ? { stdinOnce: true } : {}),
    ...(tty ? { tty: true } : {}),
  };
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(name, namespace, labels, annotations),
    spec: { containers: [container], restartPolicy, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

function run(ctx: KubectlContext, flags: ParsedFlags, out: Output): void {
  const usage = (m: string) => usageError(m, 'run');
  // cobra's MarkFlagRequired("image") runs first.
  if (!hasFlag(flags, 'image')) throw new KubectlError('required flag(s) "image" not set');
  const dryRun = dryRunOf(flags);
  const output = outputOf(flags, 'run');
  // RunOptions.Validate, in its order.
  if (flags.args.length === 0 || flags.argsLenAtDash === 0) throw usage('NAME is required for run');
  const image = flagString(flags, 'image');
  if (image === '') throw new KubectlError('--image is required');
  if (!parseImageReference(image).ok) throw new KubectlError(`Invalid image name ${JSON.stringify(image)}: invalid reference format`);
  const interactive = flagBool(flags, 'stdin');
  const tty = flagBool(flags, 'tty');
  // -i implies --attach unless --attach was given.
  const attach = hasFlag(flags, 'attach') ? flagBool(flags, 'attach') : interactive;
  if (tty && !interactive) throw usage('-i/--stdin is required for containers with -t/--tty=true');
  const expose = flagBool(flags, 'expose');
  const port = flagString(flags, 'port');
  if (expose && port === '') throw usage('--port must be set when exposing a service');
  const restart = flagString(flags, 'restart');
  const restartPolicy = restart === '' ? (interactive ? 'OnFailure' : 'Always') : restart;
  if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) throw usage(`invalid restart policy: ${restart}`);
  if (!attach && flagBool(flags, 'rm')) throw usage('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const pullPolicy = flagString(flags, 'image-pull-policy');
  if (pullPolicy !== '' && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw usage(`invalid image pull policy: ${pullPolicy}`);
  if (attach) {
    throw new KubectlError(
      'kubectl run -i/-t/--attach (and --rm) attaches this terminal to the container\'s stdin and stdout, which the Kubeplay browser terminal cannot do. ' +
        `Run it detached instead (kubectl run ${flags.args[0]} --image=${image} --restart=Never -- COMMAND), then read its output with kubectl logs ${flags.args[0]}, or run commands in it with kubectl exec ${flags.args[0]} -- COMMAND`,
    );
  }
  if (flags.values.has('overrides')) throw new KubectlError('--overrides is not simulated in Kubeplay');
  if (flagBool(flags, 'save-config')) throw new KubectlError('--save-config is not simulated in Kubeplay');
  const name = flags.args[0]!;
  const ns = namespaceOf(flags);
  const pod = buildPod(name, flags, restartPolicy, ns.enforced ? ns.namespace : undefined);
  const emit = { dryRun, output, namespace: ns.namespace, verb: 'created' } as const;
  // The Pod is created first; with --expose the Service is created and printed, then the Pod printed.
  if (expose) {
    const labelSpec = flagString(flags, 'labels');
    const svc = generateService({ name, defaultName: name, selector: labelSpec !== '' ? labelSpec : `run=${name}`, labels: labelSpec, port, protocol: undefined, protocols: undefined, targetPort: '' });
    if (ns.enforced && dryRun === 'client') (svc.metadata as Struct).namespace = ns.namespace;
    const podText = new Output();
    createAndPrint(ctx, pod, emit, podText);
    createAndPrint(ctx, svc, emit, out);
    // run.go generateService: a `---` after the Service in YAML; the YAML printer adds another before the second object.
    if (output === 'yaml') out.out('---\n---\n');
    out.out(podText.stdout);
    return;
  }
  createAndPrint(ctx, pod, emit, out);
}

export const runCommands: Record<string, Command> = {
  run: {
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'image', type: 'string' },
      { name: 'image-pull-policy', type: 'string' },
      { name: 'port', type: 'string' },
      { name: 'labels', short: 'l', type: 'string' },
      { name: 'env', type: 'stringArray' },
      { name: 'annotations', type: 'stringArray' },
      { name: 'restart', type: 'string' },
      { name: 'command', type: 'bool' },
      { name: 'expose', type: 'bool' },
      { name: 'rm', type: 'bool' },
      { name: 'stdin', short: 'i', type: 'bool' },
      { name: 'tty', short: 't', type: 'bool' },
      { name: 'attach', type: 'bool' },
      { name: 'leave-stdin-open', type: 'bool' },
      { name: 'quiet', short: 'q', type: 'bool' },
      { name: 'privileged', type: 'bool' },
      { name: 'overrides', type: 'string' },
      { name: 'override-type', type: 'string' },
      { name: 'pod-running-timeout', type: 'string' },
      { name: 'cascade', type: 'string', noOptDefault: 'background' },
      { name: 'grace-period', type: 'int' },
      { name: 'force', type: 'bool' },
      { name: 'timeout', type: 'string' },
      { name: 'wait', type: 'bool' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'record', type: 'bool' },
    ],
    run,
  },
};
