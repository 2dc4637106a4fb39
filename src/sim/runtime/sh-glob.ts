/**
 * Shell patterns (`case` arms) as regular expressions, and signal names as ash's `trap` and
 * busybox `kill` know them (Linux x86-64 numbers).
 */

/** A pattern from its parts: glob text (`*`, `?`, `[...]`, `[!...]`) or literal (quoted) text. */
export function globToRegExp(parts: { text: string; literal: boolean }[]): RegExp {
  let re = '';
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const { text, literal } of parts) {
    if (literal) {
      re += esc(text);
      continue;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\' && i + 1 < text.length) re += esc(text[++i]!);
      else if (c === '*') re += '[\\s\\S]*';
      else if (c === '?') re += '[\\s\\S]';
      else if (c === '[') {
        const end = text.indexOf(']', i + 2);
        if (end < 0) {
          re += '\\[';
          continue;
        }
        let body = text.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = end;
      } else re += esc(c);
    }
  }
  return new RegExp(`^${re}$`);
}

/** Signal numbers by name (Linux x86-64), as `kill -l` lists them. */
export const SIGNAL_NAMES: Record<number, string> = {
  1: 'HUP', 2: 'INT', 3: 'QUIT', 4: 'ILL', 5: 'TRAP', 6: 'ABRT', 7: 'BUS', 8: 'FPE', 9: 'KILL', 10: 'USR1', 11: 'SEGV',
  12: 'USR2', 13: 'PIPE', 14: 'ALRM', 15: 'TERM', 16: 'STKFLT', 17: 'CHLD', 18: 'CONT', 19: 'STOP', 20: 'TSTP',
  21: 'TTIN', 22: 'TTOU', 23: 'URG', 24: 'XCPU', 25: 'XFSZ', 26: 'VTALRM', 27: 'PROF', 28: 'WINCH', 29: 'POLL', 30: 'PWR', 31: 'SYS',
};

/** `TERM`, `SIGTERM`, `term`, `15` → 15; `EXIT`/`0` → 0 (ash's trap); undefined when unknown. */
export function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n === 0 || SIGNAL_NAMES[n] ? n : undefined;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  if (name === 'EXIT') return 0;
  if (name === 'IO') return 29;
  if (name === 'IOT') return 6;
  const found = Object.entries(SIGNAL_NAMES).find(([, v]) => v === name);
  return found ? Number(found[0]) : undefined;
}
