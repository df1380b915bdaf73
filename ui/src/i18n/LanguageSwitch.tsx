import type { Language } from '../ipc/backend';
import { ALL_LOCALES, useI18n } from './index';

interface LanguageSwitchProps {
  language: Language;
  onChange: (language: Language) => void;
}

/** LV | EN | RU: one click switches, and the choice is remembered by the backend. */
export function LanguageSwitch({ language, onChange }: LanguageSwitchProps) {
  const { t } = useI18n();
  return (
    <div class="language-switch" role="group" aria-label={t('language.label')}>
      {ALL_LOCALES.map((choice) => (
        <button
          key={choice}
          type="button"
          id={`lang-${choice}`}
          class="language-option"
          lang={choice}
          aria-pressed={choice === language ? 'true' : 'false'}
          title={t(`language.${choice}.name`)}
          onClick={() => choice !== language && onChange(choice)}
        >
          {t(`language.${choice}.short`)}
        </button>
      ))}
    </div>
  );
}
