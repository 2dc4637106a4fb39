/**
 * Several text files as one shell script that writes them (a download is one file, and a zip
 * needs a library): each file is a quoted here-document, so nothing in it is expanded, with a
 * delimiter that appears in none of the texts.
 */
import type { ExportedFile } from './export.ts';

export function bundleFiles(files: readonly ExportedFile[]): string {
  const all = files.map((f) => f.text).join('\n');
  let delimiter = 'KUBEPLAY_EOF';
  for (let n = 1; all.split('\n').includes(delimiter); n++) delimiter = `KUBEPLAY_EOF_${n}`;
  const lines = [
    '#!/usr/bin/env bash',
    '# Written by Kubeplay: run it in an empty folder to unpack the files, then read and run ./replay.sh.',
    'set -euo pipefail',
  ];
  for (const f of files) {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    if (dir) lines.push(`mkdir -p ${quote(dir)}`);
    lines.push(`cat > ${quote(f.path)} <<'${delimiter}'`, f.text.replace(/\n$/, ''), delimiter);
    if (f.path.endsWith('.sh')) lines.push(`chmod +x ${quote(f.path)}`);
  }
  lines.push(`echo "Unpacked ${files.length} files. Next: ./replay.sh"`);
  return `${lines.join('\n')}\n`;
}

function quote(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}
