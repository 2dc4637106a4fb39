/**
 * Messages that must not be missed: a link or file that could not be opened, local storage
 * that cannot be used, and a simulation that stopped (with the way back).
 */
import { useAppStore } from '../../store/index.ts';
import { selectFatal, selectOpenError, selectStorageWarning } from '../../store/selectors.ts';
import { appStore } from '../../store/index.ts';
import { restoreSimulation } from '../../app/restore.ts';
import { useT } from '../i18n.ts';

export function Banners() {
  const openError = useAppStore(selectOpenError);
  const storageWarning = useAppStore(selectStorageWarning);
  const fatal = useAppStore(selectFatal);
  const t = useT();
  return (
    <>
      {fatal && (
        <div className="banner banner-error" role="alert" data-testid="fatal-banner">
          <span>{t('stopped', { why: fatal })}</span>
          <button type="button" className="button button-primary" data-testid="restore-button" onClick={() => void restoreSimulation(appStore)}>
            {t('restore')}
          </button>
        </div>
      )}
      {openError && (
        <div className="banner banner-error" role="alert" data-testid="open-error">
          <span className="banner-text">{openError}</span>
          <button type="button" className="button" onClick={() => appStore.getState().setOpenError(null)}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {storageWarning && (
        <div className="banner banner-warn" role="status" data-testid="storage-warning">
          <span className="banner-text">{storageWarning}</span>
          <button type="button" className="button" onClick={() => appStore.getState().setStorageWarning(null)}>
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
