import { describe, expect, it } from 'vitest';
import { utf8 } from '../../kernel/utf8.ts';
import { controllerRevisionName, fnv32, hashControllerRevision, revisionPatch } from './hash.ts';

describe('HashControllerRevision (controller_history.go)', () => {
  it('uses FNV-32, not FNV-32a (hash/fnv golden values)', () => {
    expect(fnv32(utf8(''))).toBe(0x811c9dc5);
    expect(fnv32(utf8('a'))).toBe(0x050c5d7e);
    expect(fnv32(utf8('ab'))).toBe(0x70772d38);
    expect(fnv32(utf8('abc'))).toBe(0x439c2f4b);
  });

  it('hashes the getPatch JSON: sorted keys, omitempty, zero values of the other fields', () => {
    const template = {
      metadata: { labels: { app: 'x' } },
      spec: { containers: [{ name: 'c', image: 'busybox', args: ['a<b&c'], ports: [] }], securityContext: {}, nodeSelector: {} },
    };
    expect(revisionPatch(template)).toBe(
      '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"x"}},' +
        '"spec":{"containers":[{"args":["a\\u003cb\\u0026c"],"image":"busybox","name":"c","resources":{}}],"securityContext":{}}}}}',
    );
  });

  it('writes the probe (collisionCount) as decimal text after the data', () => {
    const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
    const patch = revisionPatch(template);
    const expected = (extra: string) => {
      const h = fnv32(utf8(patch + extra));
      return String(h).replace(/./g, (d) => 'bcdfghjklmnpqrstvwxz2456789'[d.charCodeAt(0) % 27]!);
    };
    expect(hashControllerRevision(template)).toBe(expected(''));
    expect(hashControllerRevision(template, 0)).toBe(expected('0'));
    expect(hashControllerRevision(template, 12)).toBe(expected('12'));
    expect(hashControllerRevision(template, 0)).not.toBe(hashControllerRevision(template));
  });

  it('cuts the name prefix to 223 characters', () => {
    expect(controllerRevisionName('web', '5d4f8c9b7')).toBe('web-5d4f8c9b7');
    expect(controllerRevisionName('x'.repeat(230), 'h')).toBe(`${'x'.repeat(223)}-h`);
  });
});
