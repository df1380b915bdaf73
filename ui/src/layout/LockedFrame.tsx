import type { ComponentChildren } from 'preact';
import type { Language } from '../ipc/backend';
import { useI18n } from '../i18n';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { BrandMark } from './icons';

interface LockedFrameProps {
  id: string;
  language: Language;
  onLanguage: (language: Language) => void;
  children: ComponentChildren;
}

/** The frame of the screens shown while no one is signed in: setup and unlock. */
export function LockedFrame({ id, language, onLanguage, children }: LockedFrameProps) {
  const { t } = useI18n();
  return (
    <div id={id} class="screen screen-locked">
      <header class="locked-bar">
        <span class="brand">
          <BrandMark />
          <span class="brand-name">{t('app.name')}</span>
        </span>
        <LanguageSwitch language={language} onChange={onLanguage} />
      </header>
      <main class="locked-main">
        <div class="card">{children}</div>
      </main>
    </div>
  );
}
