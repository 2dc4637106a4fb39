/**
 * What an image *is* to the simulation, as data: its ENTRYPOINT and CMD (from the image config),
 * the programs it ships and, for well-known images, its size and tags. The table is keyed by
 * repository (`docker.io/library/nginx`); an image that is not in it gets `GENERIC_IMAGE`.
 * The catalog of well-known images (nginx, busybox, redis, ...) plugs in here as more rows.
 */
import { CATALOG } from './catalog.ts';
import { type Program } from './proc.ts';
import { shellProgram } from './sh-run.ts';
import { USERLAND } from './userland.ts';
import { BUSYBOX_NET } from '../network/commands.ts';

export interface ImageBehaviour {
  /** The image config's Entrypoint and Cmd (Kubernetes: `command` replaces the first, `args` the second). */
  entrypoint?: string[];
  cmd?: string[];
  /** The executables in the image, by name; looked up by bare name or under a PATH directory. */
  programs: Readonly<Record<string, Program>>;
  /** Compressed size, as containerd reports it; undefined: seeded per image (see images.ts). */
  sizeBytes?: number;
  /** Tags that exist in the registry; undefined: any valid tag exists. */
  tags?: readonly string[];
  /** Files of the image's filesystem that its programs read (a volume mounted over them hides them). */
  files?: Readonly<Record<string, string>>;
}

/** How long the generic server takes to answer an HTTP request on the pod network. */
export const GENERIC_HTTP_ANSWER_MS = 2;

/**
 * The default process of an image the simulation does not know: a server that listens on every
 * declared TCP containerPort and answers any GET with 200. On SIGTERM it exits at once with 143,
 * as a JVM does (we cannot know the image's handler; 143 is what most unknown servers show).
 */
const genericServer: Program = function* (_argv, _io, ctx) {
  for (const port of ctx.ports) ctx.listen(port, () => ({ status: 200, delayMs: GENERIC_HTTP_ANSWER_MS }));
  ctx.onSignal(15, () => ({ exitAfterMs: 0, exitCode: 143, signal: 15 }));
  yield { kind: 'forever' };
  return 0;
};

/** The programs every generic image has: a busybox-like userland, `sh` and `bash`. */
export const GENERIC_PROGRAMS: Readonly<Record<string, Program>> = {
  ...USERLAND,
  ...BUSYBOX_NET,
  sh: shellProgram('busybox'),
  ash: shellProgram('busybox'),
  bash: shellProgram('bash'),
  'generic-server': genericServer,
};

export const GENERIC_IMAGE: ImageBehaviour = { cmd: ['generic-server'], programs: GENERIC_PROGRAMS };

/**
 * A long-running server that listens on its declared ports and on `extraPorts` (health endpoints
 * an image serves without declaring them, such as CoreDNS's 8080/health and 8181/ready).
 */
function serverProgram(extraPorts: number[]): Program {
  return function* (_argv, _io, ctx) {
    for (const port of new Set([...ctx.ports, ...extraPorts])) ctx.listen(port, () => ({ status: 200, delayMs: GENERIC_HTTP_ANSWER_MS }));
    ctx.onSignal(15, () => ({ exitAfterMs: 0, exitCode: 143, signal: 15 }));
    yield { kind: 'forever' };
    return 0;
  };
}

/** A system image of the kubeadm cluster: one server binary at `path`. */
function systemImage(path: string, extraPorts: number[] = []): ImageBehaviour {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const program = serverProgram(extraPorts);
  return { entrypoint: [path], programs: { [name]: program, [path]: program } };
}

/**
 * Well-known images by repository: the images of the kubeadm control plane and add-ons that the
 * default cluster runs (their binaries are servers with health endpoints), then the catalog of
 * application images (`catalog.ts`: nginx, busybox, redis, ...).
 */
export const IMAGE_BEHAVIOURS: ReadonlyMap<string, ImageBehaviour> = new Map([
  ...CATALOG,
  ['registry.k8s.io/etcd', systemImage('etcd', [2381])],
  ['registry.k8s.io/kube-apiserver', systemImage('kube-apiserver', [6443])],
  ['registry.k8s.io/kube-controller-manager', systemImage('kube-controller-manager', [10257])],
  ['registry.k8s.io/kube-scheduler', systemImage('kube-scheduler', [10259])],
  ['registry.k8s.io/kube-proxy', systemImage('/usr/local/bin/kube-proxy', [10256])],
  ['docker.io/flannel/flannel', systemImage('/opt/bin/flanneld')],
  ['registry.k8s.io/coredns/coredns', systemImage('/coredns', [8080, 8181])],
]);

export function behaviourFor(repository: string, table: ReadonlyMap<string, ImageBehaviour> = IMAGE_BEHAVIOURS): ImageBehaviour {
  return table.get(repository) ?? GENERIC_IMAGE;
}

/** The process argv of a container, as the runtime builds it from the spec and the image config. */
export function containerArgv(image: ImageBehaviour, command: string[] | undefined, args: string[] | undefined): string[] {
  const hasCommand = command !== undefined && command.length > 0;
  const head = hasCommand ? command : (image.entrypoint ?? []);
  const tail = args !== undefined && args.length > 0 ? args : hasCommand ? [] : (image.cmd ?? []);
  // Go decodes a JSON null list element as "" (the zero string); so does the runtime.
  return [...head, ...tail].map((a) => (typeof a === 'string' ? a : a === null || a === undefined ? '' : String(a)));
}
