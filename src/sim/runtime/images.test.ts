import { describe, expect, it } from 'vitest';
import { Kernel } from '../kernel/kernel.ts';
import { SimRuntime } from './runtime.ts';
import type { PullResult } from './types.ts';

function pull(rt: SimRuntime, kernel: Kernel, node: string, image: string, log: { t: number; r: PullResult }[]) {
  rt.pullImage(node, image, (r) => log.push({ t: kernel.nowMs, r }));
}

describe('image pulls', () => {
  it('pulls an unknown image in a few seconds, size-based, and then has it on that node only', () => {
    const kernel = new Kernel(7);
    const rt = new SimRuntime(kernel);
    const log: { t: number; r: PullResult }[] = [];
    expect(rt.hasImage('worker-1', 'nginx')).toBe(false);
    pull(rt, kernel, 'worker-1', 'nginx', log);
    expect(log).toEqual([]); // never synchronous
    kernel.advanceMs(60_000);
    expect(log).toHaveLength(1);
    const { t, r } = log[0]!;
    if (!r.ok) throw new Error(r.message);
    expect(r.pulledInMs).toBe(t);
    // resolve 250–750 ms + size ÷ 25–50 MB/s + size ÷ 200 MB/s
    expect(r.pulledInMs).toBeGreaterThanOrEqual(250 + r.sizeBytes / 50_000 + r.sizeBytes / 200_000 - 1);
    expect(r.pulledInMs).toBeLessThanOrEqual(750 + r.sizeBytes / 25_000 + r.sizeBytes / 200_000 + 1);
    expect(r.sizeBytes).toBeGreaterThanOrEqual(8_000_000);
    expect(r.sizeBytes).toBeLessThanOrEqual(120_000_000);
    expect(r.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(r.imageRef).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.alreadyPresent).toBe(false);
    expect(rt.hasImage('worker-1', 'nginx')).toBe(true);
    expect(rt.hasImage('worker-1', 'docker.io/library/nginx:latest')).toBe(true);
    expect(rt.hasImage('worker-2', 'nginx')).toBe(false);
  });

  it('is deterministic per seed, and image facts do not depend on the order of pulls', () => {
    const run = (seed: number, images: string[]) => {
      const kernel = new Kernel(seed);
      const rt = new SimRuntime(kernel);
      const log: { t: number; r: PullResult }[] = [];
      for (const i of images) pull(rt, kernel, 'n', i, log);
      kernel.advanceMs(600_000);
      return log;
    };
    expect(run(3, ['nginx', 'redis'])).toEqual(run(3, ['nginx', 'redis']));
    const a = run(3, ['nginx', 'redis']).map((x) => x.r).filter((r) => r.ok);
    const b = run(3, ['redis', 'nginx']).map((x) => x.r).filter((r) => r.ok);
    const facts = (rs: typeof a, id: string) => rs.filter((r) => r.imageID.includes(id)).map((r) => [r.imageID, r.sizeBytes]);
    expect(facts(a, 'nginx')).toEqual(facts(b, 'nginx'));
    expect(run(4, ['nginx'])[0]!.r).not.toEqual(run(3, ['nginx'])[0]!.r);
  });

  it('shares one pull between concurrent pulls of the same image on a node', () => {
    const kernel = new Kernel(11);
    const rt = new SimRuntime(kernel);
    const w1: { t: number; r: PullResult }[] = [];
    const w2: { t: number; r: PullResult }[] = [];
    pull(rt, kernel, 'w1', 'busybox:1.36', w1);
    kernel.advanceMs(100);
    pull(rt, kernel, 'w1', 'docker.io/library/busybox:1.36', w1);
    pull(rt, kernel, 'w2', 'busybox:1.36', w2);
    kernel.advanceMs(600_000);
    expect(w1).toHaveLength(2);
    expect(w1[1]).toEqual(w1[0]); // the joiner gets the first pull's answer, at the same time
    // The other node pulls on its own (its own draw), and gets the same image.
    expect(w2[0]!.t).toBe(564);
    expect(w1[0]!.t).toBe(470);
    const [a, b] = [w1[0]!.r, w2[0]!.r];
    expect(a.ok && b.ok && a.imageID === b.imageID && a.sizeBytes === b.sizeBytes).toBe(true);
  });

  it('a second pull of a present image costs only the resolve', () => {
    const kernel = new Kernel(5);
    const rt = new SimRuntime(kernel);
    const log: { t: number; r: PullResult }[] = [];
    pull(rt, kernel, 'w1', 'nginx:1.27', log);
    kernel.advanceMs(600_000);
    const start = kernel.nowMs;
    pull(rt, kernel, 'w1', 'nginx:1.27', log);
    kernel.advanceMs(600_000);
    const again = log[1]!;
    if (!again.r.ok) throw new Error('pull failed');
    expect(again.r.alreadyPresent).toBe(true);
    expect(again.t - start).toBe(again.r.pulledInMs);
    expect(again.r.pulledInMs).toBeGreaterThanOrEqual(250);
    expect(again.r.pulledInMs).toBeLessThanOrEqual(750);
  });

  it('reports an invalid reference as InvalidImageName, on the agenda', () => {
    const kernel = new Kernel(1);
    const rt = new SimRuntime(kernel);
    const log: { t: number; r: PullResult }[] = [];
    pull(rt, kernel, 'w1', 'NGINX', log);
    expect(log).toEqual([]);
    kernel.settle();
    expect(log).toEqual([{ t: 0, r: { ok: false, reason: 'InvalidImageName', message: 'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase' } }]);
  });

  it('a refused image fails with ErrImagePull and containerd NotFound text, until made available again', () => {
    const kernel = new Kernel(1);
    const rt = new SimRuntime(kernel);
    const log: { t: number; r: PullResult }[] = [];
    rt.setImageAvailability('example.com/app:nope', false);
    pull(rt, kernel, 'w1', 'example.com/app:nope', log);
    kernel.advanceMs(60_000);
    expect(log[0]!.r).toEqual({
      ok: false,
      reason: 'ErrImagePull',
      message: 'rpc error: code = NotFound desc = failed to pull and unpack image "example.com/app:nope": failed to resolve reference "example.com/app:nope": example.com/app:nope: not found',
    });
    expect(log[0]!.t).toBeGreaterThanOrEqual(250);
    expect(log[0]!.t).toBeLessThanOrEqual(750);
    expect(rt.hasImage('w1', 'example.com/app:nope')).toBe(false);

    rt.setImageAvailability('example.com/app:nope', false, 'rpc error: code = Unknown desc = registry on fire');
    pull(rt, kernel, 'w1', 'example.com/app:nope', log);
    kernel.advanceMs(60_000);
    expect(log[1]!.r).toEqual({ ok: false, reason: 'ErrImagePull', message: 'rpc error: code = Unknown desc = registry on fire' });

    rt.setImageAvailability('example.com/app:nope', true);
    pull(rt, kernel, 'w1', 'example.com/app:nope', log);
    kernel.advanceMs(60_000);
    expect(log[2]!.r.ok).toBe(true);
  });
});
