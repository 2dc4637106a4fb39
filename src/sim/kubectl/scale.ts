/**
 * `kubectl scale TYPE/NAME --replicas=N [--current-replicas=M]` for Deployments, ReplicaSets and
 * StatefulSets (staging/src/k8s.io/kubectl/pkg/cmd/scale/scale.go, pkg/scale/scale.go):
 * prints `deployment.apps/web scaled`.
 */
import { APIError } from '../api/errors.ts';
import { deepCopy } from '../api/types.ts';
import type { Output } from './context.ts';
import { formatErrors, KubectlError } from './errors.ts';
import { dryRunStrategy, printOperation } from './dryrun.ts';
import { flagString, hasFlag } from './flags.ts';
import type { Command } from './index.ts';
import { fetch, resolveTargets } from './rollout.ts';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export const scaleCommands: Record<string, Command> = {
  scale: {
    flags: [
      { name: 'replicas', type: 'int' },
      { name: 'current-replicas', type: 'int' },
      { name: 'resource-version', type: 'string' },
      { name: 'timeout', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'filename', short: 'f', type: 'stringArray' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
    ],
    run: (ctx, flags, out: Output) => {
      // cobra's MarkFlagRequired("replicas"), checked before the command runs.
      if (!hasFlag(flags, 'replicas')) throw new KubectlError('required flag(s) "replicas" not set');
      const replicas = Number(flagString(flags, 'replicas'));
      if (replicas < 0) throw new KubectlError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\nSee 'kubectl scale -h' for help and examples");
      const targets = resolveTargets(flags, flags.args, "Required resource not specified.\nSee 'kubectl scale -h' for help and examples");
      const current = hasFlag(flags, 'current-replicas') ? Number(flagString(flags, 'current-replicas')) : -1;
      const dryRun = dryRunStrategy(flags);
      const errors: unknown[] = [];
      for (const t of targets) {
        try {
          const obj = fetch(ctx, t);
          if (!SCALABLE.has(obj.kind)) throw new KubectlError(`cannot scale ${t.info.resource}${t.info.group ? `.${t.info.group}` : ''} ${JSON.stringify(t.name)}: the server could not find the requested resource`);
          const size = (obj.spec?.replicas as number | undefined) ?? 0;
          // scale.ScalePrecondition: `Expected replicas to be 3, was 2`.
          if (current >= 0 && current !== size) throw new KubectlError(`Expected replicas to be ${current}, was ${size}`);
          const next = deepCopy(obj);
          next.spec.replicas = replicas;
          if (dryRun === 'none') ctx.api.update(t.info, next, 'kubectl');
          // A client dry run prints the object as it was fetched (kubectl v1.31.9): the scale is never applied to it.
          printOperation(flags, out, dryRun === 'client' ? obj : next, 'scaled', dryRun);
        } catch (err) {
          if (!(err instanceof KubectlError || err instanceof APIError)) throw err;
          errors.push(err);
        }
      }
      if (errors.length > 0) {
        out.err(formatErrors(errors));
        out.exitCode = 1;
      }
    },
  },
};
