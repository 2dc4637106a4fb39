/** The open lesson's title and explanation, above the graph, in the chosen language. */
import { useState } from 'react';
import { useAppStore } from '../../store/index.ts';
import { selectLanguage, selectLesson, selectSetLanguage } from '../../store/selectors.ts';
import { LanguageToggle } from './LanguageToggle.tsx';
import { useT } from '../i18n.ts';

export function LessonCard() {
  const lesson = useAppStore(selectLesson);
  const language = useAppStore(selectLanguage);
  const setLanguage = useAppStore(selectSetLanguage);
  const [folded, setFolded] = useState(false);
  const t = useT();
  if (!lesson) return null;
  const lang = language === 'zh' ? 'zh-CN' : 'en';
  return (
    <section className="lesson-card" data-testid="lesson" aria-label={t('a11yLesson')}>
      <h2 lang={lang} data-testid="lesson-title">
        {lesson.title[language]}
      </h2>
      {!folded && (
        <p lang={lang} data-testid="lesson-text">
          {lesson.explanation[language]}
        </p>
      )}
      <LanguageToggle language={language} setLanguage={setLanguage} />
      <button type="button" className="button" onClick={() => setFolded(!folded)} aria-expanded={!folded}>
        {folded ? t('more') : t('less')}
      </button>
    </section>
  );
}
