/** The top bar: name, status line, the gallery, share, export/import and reset. */
import { useAppStore } from '../store/index.ts';
import { selectResetCluster } from '../store/selectors.ts';
import { StatusLine } from './status/StatusLine.tsx';
import { FileMenu } from './scenarios/FileMenu.tsx';
import { GalleryButton } from './scenarios/Gallery.tsx';
import { ShareButton } from './scenarios/ShareButton.tsx';
import { LanguageToggle } from './scenarios/LanguageToggle.tsx';
import { useT } from './i18n.ts';
import { selectLanguage, selectSetLanguage } from '../store/selectors.ts';
import { setTheme, useTheme } from './theme.ts';

/** Dark ⇄ light; the pick is saved (until then the theme follows the system's). */
function ThemeToggle() {
  const theme = useTheme();
  const t = useT();
  const next = theme === 'dark' ? 'light' : 'dark';
  const label = t(next === 'light' ? 'themeToLight' : 'themeToDark');
  return (
    <button type="button" className="button theme-toggle" data-testid="theme-toggle" data-theme={theme} aria-label={label} title={label} onClick={() => setTheme(next)}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
    </button>
  );
}

export function Header() {
  const resetCluster = useAppStore(selectResetCluster);
  const language = useAppStore(selectLanguage);
  const setLanguage = useAppStore(selectSetLanguage);
  const t = useT();
  return (
    <header className="app-header">
      <h1 className="app-title">
        <span className="app-logo" aria-hidden="true">
          ⎈
        </span>
        Kubeplay
      </h1>
      <span className="app-subtitle">{t('subtitle')}</span>
      <StatusLine />
      <GalleryButton />
      <ShareButton />
      <FileMenu />
      <LanguageToggle language={language} setLanguage={setLanguage} />
      <ThemeToggle />
      <button type="button" className="button" onClick={() => void resetCluster()} title={t('resetTitle')}>
        {t('reset')}
      </button>
    </header>
  );
}
