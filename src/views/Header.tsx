/** The top bar: name, status line and the reset action. */
import { useAppStore } from '../store/index.ts';
import { selectResetCluster } from '../store/selectors.ts';
import { StatusLine } from './status/StatusLine.tsx';

export function Header() {
  const resetCluster = useAppStore(selectResetCluster);
  return (
    <header className="app-header">
      <h1 className="app-title">
        <span className="app-logo" aria-hidden="true">
          ⎈
        </span>
        Kubeplay
      </h1>
      <span className="app-subtitle">Kubernetes v1.31 playground</span>
      <StatusLine />
      <button type="button" className="button" onClick={() => void resetCluster()} title="Recreate the cluster from its seed">
        Reset
      </button>
    </header>
  );
}
