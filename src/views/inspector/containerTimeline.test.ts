import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../worker/protocol.ts';
import { containerTimeline } from './containerTimeline.ts';
import type { ObjectEntry } from './insights.ts';

const container = (name: string, image: string, kind: ContainerSummary['kind']): ContainerSummary => ({ name, image, kind, state: 'running', reason: '', ready: true, restartCount: 0, probes: [] });
const ev = (t: number, reason: string, message: string, extra: Partial<ObjectEntry> = {}): ObjectEntry => ({ t, type: 'Normal', reason, message, source: 'kubelet/worker-1', ...extra });

describe('containerTimeline', () => {
  it('follows an init container, a sidecar and the app through the kubelet’s events (the core’s own wording)', () => {
    const containers = [container('setup', 'busybox:1.36', 'init'), container('proxy', 'nginx:1.27', 'sidecar'), container('app', 'nginx:1.27', 'app')];
    const entries = [
      ev(0.017, 'Scheduled', 'Successfully assigned default/p to worker-1'),
      ev(1.195, 'Pulling', 'Pulling image "busybox:1.36"'),
      ev(1.619, 'Pulled', 'Successfully pulled image "busybox:1.36" in 424ms (424ms including waiting). Image size: 2155183 bytes.'),
      ev(1.619, 'Created', 'Created container setup'),
      ev(1.619, 'Started', 'Started container setup'),
      ev(3.619, 'ContainerDied', 'container setup exited with code 0 (Completed)', { type: 'decision' }),
      ev(4, 'Pulling', 'Pulling image "nginx:1.27"'),
      ev(6.567, 'Created', 'Created container proxy'),
      ev(6.567, 'Started', 'Started container proxy'),
      ev(7, 'Created', 'Created container app'),
      ev(7, 'Started', 'Started container app'),
      ev(9, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', { type: 'Warning', container: 'app' }),
      ev(10, 'Killing', 'Stopping container app'),
      ev(10.5, 'ContainerDied', 'container app exited with code 137 (Error)', { type: 'decision' }),
      ev(11, 'Started', 'Started container app'),
    ];
    const tl = containerTimeline(entries, containers, 20);
    expect([tl.start, tl.end]).toEqual([1.195, 20]);
    const [setup, proxy, app] = tl.rows;
    expect(setup!.segments).toEqual([
      { from: 1.195, to: 1.619, state: 'waiting' },
      { from: 1.619, to: 3.619, state: 'running' },
      { from: 3.619, to: null, state: 'exited', detail: 'Completed, 0' },
    ]);
    // The nginx pull belongs to the sidecar, the next container with that image to start.
    expect(proxy!.segments).toEqual([
      { from: 4, to: 6.567, state: 'waiting' },
      { from: 6.567, to: null, state: 'running' },
    ]);
    expect(app!.segments.map((s) => [s.from, s.state])).toEqual([
      [7, 'waiting'],
      [7, 'running'],
      [10.5, 'exited'],
      [11, 'running'],
    ]);
    expect(app!.marks.map((m) => [m.t, m.kind])).toEqual([
      [9, 'probe'],
      [10, 'kill'],
      [11, 'restart'],
    ]);
  });

  it('is empty until a container is mentioned', () => {
    const tl = containerTimeline([ev(0.02, 'Scheduled', 'Successfully assigned default/p to worker-1')], [container('app', 'nginx:1.27', 'app')], 3);
    expect(tl).toEqual({ start: 3, end: 3, rows: [{ name: 'app', kind: 'app', segments: [], marks: [] }] });
  });
});
