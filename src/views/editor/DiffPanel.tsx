/**
 * `kubectl diff -f -`'s output under the editor: plain text in monospace, each line a text node
 * coloured by what it is (file headers, hunk ranges, removed and added lines), never HTML.
 */
import { useEffect, useRef } from 'react';
import { useT } from '../i18n.ts';

export type DiffLineKind = 'file' | 'hunk' | 'removed' | 'added' | 'context' | 'error';

/**
 * What each line of `diff -u` output is. `---`/`+++` are file labels only right after a `diff`
 * line (a removed YAML line `-- x` also starts with `---`).
 */
export function classifyDiff(lines: readonly string[]): DiffLineKind[] {
  let labels = 0;
  return lines.map((line) => {
    if (line.startsWith('diff ')) {
      labels = 2;
      return 'file';
    }
    if (labels > 0 && (line.startsWith('--- ') || line.startsWith('+++ '))) {
      labels--;
      return 'file';
    }
    labels = 0;
    if (line.startsWith('@@')) return 'hunk';
    if (line.startsWith('-')) return 'removed';
    if (line.startsWith('+')) return 'added';
    return 'context';
  });
}

function diffLines(stdout: string): { text: string; kind: DiffLineKind }[] {
  if (stdout === '') return [];
  const lines = stdout.replace(/\n$/, '').split('\n');
  const kinds = classifyDiff(lines);
  return lines.map((text, i) => ({ text, kind: kinds[i]! }));
}

export function DiffPanel({ stdout, stderr, exitCode, onClose }: { stdout: string; stderr: string; exitCode: number; onClose(): void }) {
  const t = useT();
  const closeRef = useRef<HTMLButtonElement>(null);
  const lines = [
    ...diffLines(stdout),
    ...(stderr === '' ? [] : stderr.replace(/\n$/, '').split('\n').map((text) => ({ text, kind: 'error' as const }))),
  ];
  useEffect(() => closeRef.current?.focus({ preventScroll: true }), []);
  return (
    <section className="diff-panel" data-testid="diff-panel" data-exit-code={exitCode} aria-label={t('ed_diffPanel')} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="diff-panel-header">
        <h3 className="diff-panel-title">
          {t('ed_diffPanel')} <code>kubectl diff -f -</code>
        </h3>
        <button ref={closeRef} type="button" className="diff-panel-close" data-testid="diff-close" aria-label={t('ed_closeDiff')} title={t('ed_closeDiff')} onClick={onClose}>
          ×
        </button>
      </header>
      {exitCode === 0 && lines.length === 0 ? (
        <p className="diff-panel-empty" data-testid="diff-empty">
          {t('ed_noDiff')}
        </p>
      ) : (
        <pre className="diff-panel-body" data-testid="diff-output" tabIndex={0}>
          {lines.map((line, i) => (
            <span key={i} className={`diff-line diff-${line.kind}`} data-kind={line.kind}>
              {line.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}
