import { useRef, useState } from 'preact/hooks';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { Field, FormError, FormStatus } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';

const MIN_MINUTES = 1;
const MAX_MINUTES = 240;

interface AutoLockFormProps {
  minutes: number;
  onSaved: (minutes: number) => void;
}

/** Supervisors: how long the workstation may sit idle before it locks. */
export function AutoLockForm({ minutes, onSaved }: AutoLockFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [value, setValue] = useState(String(minutes));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const [problems, setProblems] = useState<FormProblems<'minutes'>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    const wanted = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || wanted < MIN_MINUTES || wanted > MAX_MINUTES) {
      setProblems({ fields: { minutes: { key: 'settings.autoLock.outOfRange' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      await backend.setAutoLockMinutes(wanted);
      setSaved(wanted);
      onSaved(wanted);
    } catch (reason) {
      setProblems(problemsFrom(reason, { autoLockMinutes: 'minutes', minutes: 'minutes' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="auto-lock-title">
      <h2 id="auto-lock-title" class="panel-title">
        {t('settings.autoLock.title')}
      </h2>
      <form ref={form} class="form form-inline" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <div class="inline-row">
          <Field
            id="settings-auto-lock"
            label={t('settings.autoLock.label')}
            hint={t('settings.autoLock.hint')}
            error={messageText(i18n, problems.fields.minutes)}
          >
            {(a11y) => (
              <input
                {...a11y}
                class="input-number"
                type="number"
                inputMode="numeric"
                min={MIN_MINUTES}
                max={MAX_MINUTES}
                step={1}
                value={value}
                onInput={(e) => setValue(valueOf(e))}
              />
            )}
          </Field>
          <button id="settings-auto-lock-save" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('settings.autoLock.busy') : t('settings.autoLock.save')}
          </button>
        </div>
        <FormStatus text={saved === null ? undefined : t('settings.autoLock.done', { minutes: saved })} />
      </form>
    </section>
  );
}
