import { useRef, useState } from 'preact/hooks';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError, FormStatus } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';

type PassphraseField = 'current' | 'next' | 'repeat';

/** The backend names the new passphrase "passphrase" when it rejects it. */
const FIELD_FOR: Readonly<Record<string, PassphraseField>> = { passphrase: 'next', new: 'next', current: 'current' };

/** Changes the signed-in person's own passphrase. */
export function PassphraseForm() {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [problems, setProblems] = useState<FormProblems<PassphraseField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  const fieldError = (field: PassphraseField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    if (next !== repeat) {
      setProblems({ fields: { repeat: { key: 'form.passphraseMismatch' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      await backend.changePassphrase(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (reason) {
      const error = toPublicError(reason);
      if (error.code === 'wrongCredentials') {
        setCurrent('');
        setProblems({ fields: { current: { localized: error.message } } });
      } else {
        setProblems(problemsFrom(error, FIELD_FOR));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="passwd-title">
      <h2 id="passwd-title" class="panel-title">
        {t('settings.passwd.title')}
      </h2>
      <form ref={form} class="form form-narrow" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <Field id="passwd-current" label={t('settings.passwd.current')} error={fieldError('current')}>
          {(a11y) => (
            <input {...a11y} type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent(valueOf(e))} />
          )}
        </Field>
        <Field id="passwd-new" label={t('settings.passwd.new')} hint={t('form.passphraseHint')} error={fieldError('next')}>
          {(a11y) => (
            <input {...a11y} type="password" autoComplete="new-password" value={next} onInput={(e) => setNext(valueOf(e))} />
          )}
        </Field>
        <Field id="passwd-repeat" label={t('settings.passwd.repeat')} error={fieldError('repeat')}>
          {(a11y) => (
            <input {...a11y} type="password" autoComplete="new-password" value={repeat} onInput={(e) => setRepeat(valueOf(e))} />
          )}
        </Field>
        <div class="form-actions">
          <button id="passwd-submit" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('settings.passwd.busy') : t('settings.passwd.submit')}
          </button>
        </div>
        <FormStatus text={done ? t('settings.passwd.done') : undefined} />
      </form>
    </section>
  );
}
