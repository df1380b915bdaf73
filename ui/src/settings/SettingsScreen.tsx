import type { Language, SessionInfo } from '../ipc/backend';
import { ALL_LOCALES, useI18n } from '../i18n';
import { Field } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { AccountsPanel } from './AccountsPanel';
import { AutoLockForm } from './AutoLockForm';
import { BackupPanel } from './BackupPanel';
import { BackupSchedulePanel } from './BackupSchedulePanel';
import { CategoriesPanel } from './CategoriesPanel';
import { PassphraseForm } from './PassphraseForm';
import { RetentionPanel } from './RetentionPanel';

interface SettingsScreenProps {
  session: SessionInfo;
  language: Language;
  onLanguage: (language: Language) => void;
  onSessionChange: (session: SessionInfo) => void;
}

/** Personal settings for everyone; device settings, accounts, backups, retention and call subjects and lines for supervisors. */
export function SettingsScreen({ session, language, onLanguage, onSessionChange }: SettingsScreenProps) {
  const { t } = useI18n();
  const supervisor = session.account.role === 'supervisor';
  return (
    <div class="settings">
      <section class="panel" aria-labelledby="settings-language-title">
        <h2 id="settings-language-title" class="panel-title">
          {t('settings.language.title')}
        </h2>
        <Field id="settings-language" label={t('settings.language.label')} hint={t('settings.language.hint')}>
          {(a11y) => (
            <select {...a11y} class="input-narrow" value={language} onChange={(e) => onLanguage(valueOf(e) as Language)}>
              {ALL_LOCALES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {t(`language.${code}.name`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </section>

      <PassphraseForm />

      {supervisor && (
        <AutoLockForm
          minutes={session.autoLockMinutes}
          onSaved={(autoLockMinutes) => onSessionChange({ ...session, autoLockMinutes })}
        />
      )}
      {supervisor && <AccountsPanel currentAccountId={session.account.id} />}
      {supervisor && <BackupPanel />}
      {supervisor && <BackupSchedulePanel />}
      {supervisor && <RetentionPanel />}
      {supervisor && <CategoriesPanel />}
    </div>
  );
}
