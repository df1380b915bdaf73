import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { NumberSettingForm } from './NumberSettingForm';

interface AutoLockFormProps {
  minutes: number;
  onSaved: (minutes: number) => void;
}

/** Supervisors: how long the workstation may sit idle before it locks. */
export function AutoLockForm({ minutes, onSaved }: AutoLockFormProps) {
  const backend = useBackend();
  const { t } = useI18n();
  return (
    <section class="panel" aria-labelledby="auto-lock-title">
      <h2 id="auto-lock-title" class="panel-title">
        {t('settings.autoLock.title')}
      </h2>
      <NumberSettingForm
        id="settings-auto-lock"
        label={t('settings.autoLock.label')}
        hint={t('settings.autoLock.hint')}
        value={minutes}
        min={1}
        max={240}
        outOfRange="settings.autoLock.outOfRange"
        backendFields={['autoLockMinutes', 'minutes']}
        saveLabel={t('settings.autoLock.save')}
        busyLabel={t('settings.autoLock.busy')}
        savedText={(saved) => t('settings.autoLock.done', { minutes: saved })}
        save={(wanted) => backend.setAutoLockMinutes(wanted)}
        onSaved={onSaved}
      />
    </section>
  );
}
