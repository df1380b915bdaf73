import type { Language } from '../ipc/backend';
import { useI18n } from './index';

interface LanguageSwitchProps {
  language: Language;
  onChange: (language: Language) => void;
}

const CHOICES: readonly Language[] = ['lv', 'en'];

/** LV | EN: one click switches, and the choice is remembered by the backend. */
export function LanguageSwitch({ language, onChange }: LanguageSwitchProps) {
  const { t } = useI18n();
  return (
    <div class="language-switch" role="group" aria-label={t('language.label')}>
      {CHOICES.map((choice) => (
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
