/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE ...` (staging/src/k8s.io/kubectl/pkg/cmd/set/
 * set_image.go): updates containers and init containers by name (`*` for all) in a Pod or a
 * workload's pod template; prints `deployment.apps/web image updated`, nothing when unchanged.
 */
import { APIError } from '../api/errors.ts';
import { deepCopy, type KubeObject } from '../api/types.ts';
import type { KubectlContext, Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { flagBool, type ParsedFlags } from './flags.ts';
import type { Command } from './index.ts';
import { dryRunStrategy, printOperation } from './dryrun.ts';
import { nameOf } from './output.ts';
import { fetch, resolveTargets } from './rollout.ts';

export const setCommands: Record<string, Command> = {
  set: {
    flags: [
      { name: 'all', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'local', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
      { name: 'record', type: 'bool' },
    ],
    run: (ctx, flags, out) => {
      const [sub, ...args] = flags.args;
      if (sub !== 'image') throw new KubectlError(sub === undefined ? "You must specify the type of resource to set\nSee 'kubectl set -h' for help and examples" : `Kubeplay does not run "kubectl set ${sub}" yet`);
      if (flagBool(flags, 'record')) out.err('Flag --record has been deprecated, --record will be removed in the future\n');
      runSetImage(ctx, flags, out, args);
    },
  },
};

/** Pod specs by kind: a Pod's own, or the template's (polymorphichelpers/updatepodspec.go). */
function podSpecOf(obj: KubeObject): Record<string, unknown> | undefined {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec?.jobTemplate?.spec?.template?.spec;
  return obj.spec?.template?.spec;
}

function runSetImage(ctx: KubectlContext, flags: ParsedFlags, out: Output, args: string[]): void {
  // cmdutil.GetResourcesAndPairs: `name=value` words are the pairs, the rest are resources.
  const pairs = args.filter((a) => a.includes('='));
  const resources = args.filter((a) => !a.includes('='));
  const images = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq === 0 || eq === p.length - 1) throw new KubectlError(`invalid image format: ${p}`);
    images.set(p.slice(0, eq), p.slice(eq + 1));
  }
  if (images.size < 1) throw new KubectlError("at least one image update is required\nSee 'kubectl set image -h' for help and examples");
  if (images.size > 1 && images.has('*')) throw new KubectlError('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  const targets = resolveTargets(flags, resources, "one or more resources must be specified as <resource> <name> or <resource>/<name>\nSee 'kubectl set image -h' for help and examples");
  const dryRun = dryRunStrategy(flags);
  const errors: unknown[] = [];
  for (const t of targets) {
    try {
      const obj = fetch(ctx, t);
      const next = deepCopy(obj);
      const spec = podSpecOf(next);
      if (!spec) throw new KubectlError(`error: ${nameOf(obj)} the object is not a pod or does not have a pod template: ${obj.kind}`);
      for (const [name, image] of images) {
        let found = false;
        for (const list of [spec.initContainers, spec.containers] as ({ name: string; image?: string }[] | undefined)[]) {
          for (const c of list ?? []) {
            if (c.name === name || name === '*') {
              c.image = image;
              found = true;
            }
          }
        }
        if (!found) errors.push(new KubectlError(`error: unable to find container named ${JSON.stringify(name)}`));
      }
      if (JSON.stringify(next) === JSON.stringify(obj)) continue;
      // --record (deprecated): ChangeCauseRecorder writes the command path, its arguments and the changed flags.
      if (flagBool(flags, 'record')) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), 'kubernetes.io/change-cause': `kubectl set image ${args.join(' ')} --record=true` };
      if (dryRun === 'none') {
        try {
          ctx.api.update(t.info, next, 'kubectl');
        } catch (err) {
          if (err instanceof APIError) throw new KubectlError(`failed to patch image update to pod template: ${formatErrors([err]).trim()}`);
          throw err;
        }
      }
      printOperation(flags, out, next, 'image updated', dryRun);
    } catch (err) {
      if (!(err instanceof KubectlError || err instanceof APIError)) throw err;
      errors.push(err);
    }
  }
  if (errors.length > 0) {
    out.err(formatErrors(errors));
    out.exitCode = 1;
  }
}
