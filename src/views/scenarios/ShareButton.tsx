/**
 * Share: the whole history (seed, shape, inputs) and the moment shown, compressed into the URL
 * fragment. The link is shown to copy; opening it elsewhere replays the same history.
 */
import { useState } from 'react';
import { encodeShareLink } from '../../share/link.ts';
import { appStore, useAppStore } from '../../store/index.ts';
import { selectionToPath } from '../../share/selection.ts';
import { useT } from '../i18n.ts';
import { selectSetShareUrl, selectShareUrl } from '../../store/selectors.ts';

export function ShareButton() {
  const shareUrl = useAppStore(selectShareUrl);
  const setShareUrl = useAppStore(selectSetShareUrl);
  const [copied, setCopied] = useState(false);
  const t = useT();

  const share = async () => {
    const state = appStore.getState();
    if (!state.sim) return;
    const scenario = await state.sim.scenario();
    const selection = state.selected ? selectionToPath(state.selected) : undefined;
    const fragment = await encodeShareLink(scenario, { t: Math.round(state.t * 1000) / 1000, ...(selection ? { selection } : {}) });
    const url = `${window.location.origin}${window.location.pathname}${fragment}`;
    setCopied(false);
    setShareUrl(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission: the link is selected in the box to copy by hand.
    }
  };

  return (
    <>
      <button type="button" className="button" data-testid="share-button" onClick={() => void share()}>
        {t('share')}
      </button>
      {shareUrl && (
        <div className="popover share-popover" role="dialog" aria-label={t('a11yShareLink')} data-testid="share-popover">
          <label>
            {copied ? `${t('linkCopied')} ` : ''}
            {t('linkLength', { n: shareUrl.length.toLocaleString('en-US') })}
            <input className="share-url" data-testid="share-url" readOnly value={shareUrl} onFocus={(e) => e.target.select()} autoFocus />
          </label>
          <button type="button" className="button" onClick={() => setShareUrl(null)}>
            {t('close')}
          </button>
        </div>
      )}
    </>
  );
}
