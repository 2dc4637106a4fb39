/** Virtual time and object counts, one line. */
import { useAppStore } from '../../store/index.ts';
import {
  selectConnected,
  selectFatal,
  selectNodeCount,
  selectPendingPodCount,
  selectPodCount,
  selectReadyNodeCount,
  selectRunningPodCount,
  selectVirtualTime,
} from '../../store/selectors.ts';
import { formatVirtualTime, plural } from './format.ts';

export function StatusLine() {
  const connected = useAppStore(selectConnected);
  const fatal = useAppStore(selectFatal);
  const t = useAppStore(selectVirtualTime);
  const nodes = useAppStore(selectNodeCount);
  const readyNodes = useAppStore(selectReadyNodeCount);
  const pods = useAppStore(selectPodCount);
  const running = useAppStore(selectRunningPodCount);
  const pending = useAppStore(selectPendingPodCount);

  const state = fatal ? 'stopped' : connected ? 'running' : 'starting';
  return (
    <div className="status-line" data-testid="status-line" data-state={state} role="status">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-item" title="Virtual time since the cluster was created">
        t <strong>{formatVirtualTime(t)}</strong>
      </span>
      <span className="status-item">
        <strong>{plural(nodes, 'node')}</strong>
        {nodes > 0 && readyNodes !== nodes ? ` (${readyNodes} Ready)` : ''}
      </span>
      <span className="status-item">
        <strong>{plural(pods, 'pod')}</strong>
        {pods > 0 ? ` (${running} Running${pending > 0 ? `, ${pending} Pending` : ''})` : ''}
      </span>
    </div>
  );
}
