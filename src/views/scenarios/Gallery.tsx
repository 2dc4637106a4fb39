/**
 * The gallery: built-in scenarios that each teach one thing, with their explanation in English
 * or Chinese. Opening one starts its history from the beginning.
 */
import { useState } from 'react';
import { GALLERY } from '../../scenarios/gallery.ts';
import { useAppStore } from '../../store/index.ts';
import { selectLanguage, selectOpenScenario, selectSetLanguage } from '../../store/selectors.ts';
import { LanguageToggle } from './LanguageToggle.tsx';
import { useT } from '../i18n.ts';

export function GalleryButton() {
  const [open, setOpen] = useState(false);
  const t = useT();
  return (
    <>
      <button type="button" className="button" data-testid="gallery-button" onClick={() => setOpen(true)}>
        {t('gallery')}
      </button>
      {open && <GalleryDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function GalleryDialog({ onClose }: { onClose: () => void }) {
  const language = useAppStore(selectLanguage);
  const setLanguage = useAppStore(selectSetLanguage);
  const openScenario = useAppStore(selectOpenScenario);
  const t = useT();
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog gallery-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('galleryTitle')}
        data-testid="gallery"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <header className="dialog-header">
          <h2>{language === 'zh' ? '场景库' : 'Scenario gallery'}</h2>
          <LanguageToggle language={language} setLanguage={setLanguage} />
          <button type="button" className="button" onClick={onClose} aria-label={t('close')}>
            ✕
          </button>
        </header>
        <ol className="gallery-list">
          {GALLERY.map((entry) => (
            <li key={entry.id} className="gallery-item">
              <div className="gallery-text">
                <h3 lang={language === 'zh' ? 'zh-CN' : 'en'}>{entry.title[language]}</h3>
                <p lang={language === 'zh' ? 'zh-CN' : 'en'}>{entry.explanation[language]}</p>
              </div>
              <button
                type="button"
                className="button button-primary"
                data-testid={`gallery-open-${entry.id}`}
                onClick={() => {
                  onClose();
                  void openScenario(entry.scenario, { t: 0, play: true, lesson: entry });
                }}
              >
                {language === 'zh' ? '打开' : 'Open'}
              </button>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
