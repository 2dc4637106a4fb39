import { describe, expect, it } from 'vitest';
import { invalidImageNameMessage, parseImageReference } from './reference.ts';

const canonical = (image: string) => {
  const r = parseImageReference(image);
  return r.ok ? r.ref.canonical : `error: ${r.error}`;
};

describe('parseImageReference (distribution/reference ParseNormalizedNamed)', () => {
  it('normalizes familiar names as containerd does', () => {
    expect(canonical('nginx')).toBe('docker.io/library/nginx:latest');
    expect(canonical('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(canonical('bitnami/redis')).toBe('docker.io/bitnami/redis:latest');
    expect(canonical('index.docker.io/library/busybox:1.36')).toBe('docker.io/library/busybox:1.36');
    expect(canonical('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(canonical('localhost/app')).toBe('localhost/app:latest');
    expect(canonical('myregistry:5000/team/app:v2')).toBe('myregistry:5000/team/app:v2');
    const digest = 'sha256:' + 'ab'.repeat(32);
    expect(canonical(`nginx@${digest}`)).toBe(`docker.io/library/nginx@${digest}`);
  });

  it('splits domain and path', () => {
    const r = parseImageReference('ghcr.io/org/tool:1');
    expect(r).toEqual({ ok: true, ref: { domain: 'ghcr.io', path: 'org/tool', repository: 'ghcr.io/org/tool', tag: '1', digest: undefined, canonical: 'ghcr.io/org/tool:1' } });
  });

  it('refuses what the grammar refuses, with its words', () => {
    expect(canonical('NGINX')).toBe('error: invalid reference format: repository name (library/NGINX) must be lowercase');
    expect(canonical('nginx:bad tag')).toBe('error: invalid reference format');
    expect(canonical('nginx::1')).toBe('error: invalid reference format');
    expect(canonical('-nginx')).toBe('error: invalid reference format');
    expect(canonical('a'.repeat(64))).toBe(`error: invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`);
    expect(canonical('nginx@sha256:abc')).toBe('error: invalid reference format');
    expect(canonical(`nginx@sha256:${'a'.repeat(40)}`)).toBe('error: invalid checksum digest length');
    expect(canonical(`nginx@md5:${'a'.repeat(32)}`)).toBe('error: unsupported digest algorithm');
  });

  it('words the kubelet InvalidImageName message as image_manager.go + parsers.go', () => {
    const r = parseImageReference('NGINX');
    if (r.ok) throw new Error('expected an error');
    expect(invalidImageNameMessage('NGINX', r.error)).toBe(
      'Failed to apply default image tag "NGINX": couldn\'t parse image name "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
    );
  });
});
