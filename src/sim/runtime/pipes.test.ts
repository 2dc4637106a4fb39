/** Pipelines: stages run at the same time on the virtual clock, joined by pipes (sh-pipe.ts). */
import { describe, expect, it } from 'vitest';
import { setup } from './testing.ts';
import { psTime } from './userland-proc.ts';

/** Starts `sh -c script` at 0 ms and reads the log at each of `atMs`. */
function logsAt(script: string, atMs: number[]) {
  const { kernel, rt, start } = setup();
  const c = start({ command: ['sh', '-c', script] });
  const logs: string[] = [];
  for (const t of atMs) {
    kernel.advanceMs(t - kernel.nowMs);
    logs.push(rt.logs(c.id));
  }
  return { logs, exits: c.exits };
}

describe('pipelines run their stages concurrently', () => {
  it('yes | head -3 ends at once: head stops reading, yes dies of SIGPIPE', () => {
    const r = logsAt('yes | head -3; echo $?; yes no | head -n 2', [0]);
    expect(r.logs).toEqual(['y\ny\ny\n0\nno\nno\n']);
    expect(r.exits).toEqual([{ t: 0, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('a loop writing to a pipe streams into the next stage as it writes', () => {
    const r = logsAt('while true; do date; sleep 1; done | cat', [0, 999, 1000, 2000]);
    expect(r.logs).toEqual([
      'Tue Aug 13 12:00:00 UTC 2024\n',
      'Tue Aug 13 12:00:00 UTC 2024\n',
      'Tue Aug 13 12:00:00 UTC 2024\nTue Aug 13 12:00:01 UTC 2024\n',
      'Tue Aug 13 12:00:00 UTC 2024\nTue Aug 13 12:00:01 UTC 2024\nTue Aug 13 12:00:02 UTC 2024\n',
    ]);
    expect(r.exits).toEqual([]);
  });

  it('head -n 1 ends the pipe: the builtin echo kills its subshell at the next write, a forked date dies alone', () => {
    // ash's echo writes from the (forked) subshell, which SIGPIPE ends at 1 s; the pipeline then ends.
    const tick = logsAt('while true; do echo tick; sleep 1; done | head -n 1; echo "done $?"', [999, 1000]);
    expect(tick.logs).toEqual(['tick\n', 'tick\ndone 0\n']);
    expect(tick.exits).toEqual([{ t: 1000, status: { exitCode: 0, reason: 'Completed' } }]);
    // date is forked: each one dies of SIGPIPE and the loop goes on, so the pipeline never ends (as in busybox).
    const date = logsAt('while true; do date; sleep 1; done | head -n 1; echo done', [3_600_000]);
    expect(date.logs).toEqual(['Tue Aug 13 12:00:00 UTC 2024\n']);
    expect(date.exits).toEqual([]);
  });

  it('tail -f | while read: each line as tail finds it (every second)', () => {
    const script = 'i=0; while true; do echo "$i: ERROR boom" >> /tmp/app.log; i=$((i+1)); sleep 1; done & tail -f /tmp/app.log | while read l; do echo "got $l"; done';
    const r = logsAt(script, [0, 999, 1000, 2000]);
    expect(r.logs).toEqual(['got 0: ERROR boom\n', 'got 0: ERROR boom\n', 'got 0: ERROR boom\ngot 1: ERROR boom\n', 'got 0: ERROR boom\ngot 1: ERROR boom\ngot 2: ERROR boom\n']);
  });

  it('tail -f | grep: grep prints through stdio, so the log shows nothing until 4096 bytes have matched', () => {
    // Lines "0: ERROR boom\n" (14 bytes), "10: …" (15), "100: …" (16), one a second: lines 0–261 make
    // 10×14 + 90×15 + 162×16 = 4082 bytes, line 262 (written and read at 262 s) fills the 4096-byte buffer.
    const script = 'i=0; while true; do echo "$i: ERROR boom" >> /tmp/app.log; echo "$i: INFO fine" >> /tmp/app.log; i=$((i+1)); sleep 1; done & tail -f /tmp/app.log | grep ERROR';
    const r = logsAt(script, [60_000, 261_999, 262_000]);
    expect(r.logs[0]).toBe('');
    expect(r.logs[1]).toBe('');
    const out = r.logs[2]!;
    expect(out.length).toBe(4096);
    expect(out.startsWith('0: ERROR boom\n1: ERROR boom\n')).toBe(true);
    expect(out.endsWith('\n262: ERROR boo')).toBe(true);
  });

  it('a stage reading stdin waits for data or end of input; the pipeline’s status is the last stage’s', () => {
    const r = logsAt('{ echo a; sleep 2; echo b; } | wc -l; echo x | grep -q y; echo $?; echo "a b" | { read x y; echo "$y-$x"; }; echo x | read v; echo "v=$v"', [1999, 2000]);
    expect(r.logs).toEqual(['', '2\n1\nb-a\nv=\n']);
    expect(r.exits).toEqual([{ t: 2000, status: { exitCode: 0, reason: 'Completed' } }]);
  });

  it('grep -q ends at the first match and its writer dies at its next write', () => {
    const r = logsAt('while true; do echo ready; sleep 5; done | grep -q ready; echo "found $?"', [0, 5000]);
    expect(r.logs).toEqual(['', 'found 0\n']);
    expect(r.exits).toEqual([{ t: 5000, status: { exitCode: 0, reason: 'Completed' } }]);
  });
});

describe('ps TIME: the CPU time a process has spent computing', () => {
  function psAfter(script: string, ms: number): string {
    const { kernel, rt, start } = setup();
    const c = start({ command: ['sh', '-c', script] });
    kernel.advanceMs(ms);
    const out: string[] = [];
    rt.execSync(c.id, ['ps'], undefined, (o) => out.push(o.kind === 'exited' ? o.stdout : o.kind));
    kernel.advanceMs(100);
    return out[0]!;
  }

  it('a busy loop uses a second of CPU per second; a loop that sleeps uses none', () => {
    expect(psAfter('while true; do :; done', 61_000)).toBe('PID   USER     TIME  COMMAND\n    1 root      1:01 sh -c while true; do :; done\n    7 root      0:00 ps\n');
    expect(psAfter('while true; do sleep 1; done', 90_000)).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c while true; do sleep 1; done\n    7 root      0:00 ps\n');
  });

  it('formats as ps.c format_time: MM:SS, then HHhMM, DDdHH, DDDDd', () => {
    expect([0, 999, 59_999, 61_000, 3_599_999, 3_725_000, 86_399_999, 90_000_000, 8_640_000_000].map(psTime)).toEqual([' 0:00', ' 0:00', ' 0:59', ' 1:01', '59:59', ' 1h02', '23h59', ' 1d01', ' 100d']);
  });
});
