/** English / 中文 for the lessons' texts. */
import type { Language } from '../../store/scenarioSlice.ts';

export function LanguageToggle({ language, setLanguage }: { language: Language; setLanguage: (l: Language) => void }) {
  return (
    <div className="language-toggle" role="group" aria-label="Language">
      <button type="button" aria-pressed={language === 'en'} data-testid="lang-en" onClick={() => setLanguage('en')}>
        EN
      </button>
      <button type="button" aria-pressed={language === 'zh'} data-testid="lang-zh" onClick={() => setLanguage('zh')}>
        中文
      </button>
    </div>
  );
}
