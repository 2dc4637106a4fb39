/** The top bar: name, status line, the gallery, share, export/import and reset. */
import { useAppStore } from '../store/index.ts';
import { selectResetCluster } from '../store/selectors.ts';
import { StatusLine } from './status/StatusLine.tsx';
import { FileMenu } from './scenarios/FileMenu.tsx';
import { GalleryButton } from './scenarios/Gallery.tsx';
import { ShareButton } from './scenarios/ShareButton.tsx';

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
      <GalleryButton />
      <ShareButton />
      <FileMenu />
      <button type="button" className="button" onClick={() => void resetCluster()} title="Recreate the cluster from its seed">
        Reset
      </button>
    </header>
  );
}
