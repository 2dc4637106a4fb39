/**
 * Messages that must not be missed: a link or file that could not be opened, local storage
 * that cannot be used, and a simulation that stopped (with the way back).
 */
import { useAppStore } from '../../store/index.ts';
import { selectFatal, selectOpenError, selectStorageWarning } from '../../store/selectors.ts';
import { appStore } from '../../store/index.ts';
import { restoreSimulation } from '../../app/restore.ts';

export function Banners() {
  const openError = useAppStore(selectOpenError);
  const storageWarning = useAppStore(selectStorageWarning);
  const fatal = useAppStore(selectFatal);
  return (
    <>
      {fatal && (
        <div className="banner banner-error" role="alert" data-testid="fatal-banner">
          <span>
            The simulation stopped: {fatal}. Your editor text is kept. Restore rebuilds the cluster from its recorded history.
          </span>
          <button type="button" className="button button-primary" data-testid="restore-button" onClick={() => void restoreSimulation(appStore)}>
            Restore
          </button>
        </div>
      )}
      {openError && (
        <div className="banner banner-error" role="alert" data-testid="open-error">
          <span className="banner-text">{openError}</span>
          <button type="button" className="button" onClick={() => appStore.getState().setOpenError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {storageWarning && (
        <div className="banner banner-warn" role="status" data-testid="storage-warning">
          <span className="banner-text">{storageWarning}</span>
          <button type="button" className="button" onClick={() => appStore.getState().setStorageWarning(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
