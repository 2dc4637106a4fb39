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
import { formatVirtualTime } from './format.ts';
import { useT } from '../i18n.ts';

export function StatusLine() {
  const connected = useAppStore(selectConnected);
  const fatal = useAppStore(selectFatal);
  const t = useAppStore(selectVirtualTime);
  const nodes = useAppStore(selectNodeCount);
  const readyNodes = useAppStore(selectReadyNodeCount);
  const pods = useAppStore(selectPodCount);
  const running = useAppStore(selectRunningPodCount);
  const pending = useAppStore(selectPendingPodCount);
  const tr = useT();

  const state = fatal ? 'stopped' : connected ? 'running' : 'starting';
  return (
    <div className="status-line" data-testid="status-line" data-state={state} role="status">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-item" title={tr('timeTitle')}>
        t <strong>{formatVirtualTime(t)}</strong>
      </span>
      <span className="status-item">
        <strong>{tr(nodes === 1 ? 'node' : 'nodes', { n: nodes })}</strong>
        {nodes > 0 && readyNodes !== nodes ? tr('readyNodes', { n: readyNodes }) : ''}
      </span>
      <span className="status-item">
        <strong>{tr(pods === 1 ? 'pod' : 'pods', { n: pods })}</strong>
        {pods > 0 ? tr('podStates', { running, pending: pending > 0 ? tr('pendingPods', { n: pending }) : '' }) : ''}
      </span>
    </div>
  );
}
