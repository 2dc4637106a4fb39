import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFiles } from './bundle.ts';

describe('bundleFiles', () => {
  it('writes every file byte for byte when run by bash, expanding nothing', () => {
    const files = [
      { path: 'kind-config.yaml', text: 'kind: Cluster\n' },
      { path: 'manifests/01-pod-web.yaml', text: 'metadata:\n  name: $(rm -rf /) `x` $HOME\nKUBEPLAY_EOF\n' },
      { path: 'replay.sh', text: '#!/usr/bin/env bash\necho "it\'s $1"\n' },
    ];
    const script = bundleFiles(files);
    expect(script).toContain("<<'KUBEPLAY_EOF_1'");
    const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
    writeFileSync(join(dir, 'x.sh'), script);
    const out = execFileSync('bash', ['x.sh'], { cwd: dir, encoding: 'utf8' });
    expect(out).toBe('Unpacked 3 files. Next: ./replay.sh\n');
    for (const f of files) expect(readFileSync(join(dir, f.path), 'utf8')).toBe(f.text);
  });
});
