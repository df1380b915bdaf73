import { useEffect, useRef, useState } from 'preact/hooks';
import type { Backend, Language, Region, SessionInfo } from '../ipc/backend';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { REGIONS } from '../forms/regions';
import { LockedFrame } from '../layout/LockedFrame';

type SetupField = 'organisation' | 'login' | 'displayName' | 'region' | 'passphrase' | 'passphraseRepeat';

/** Backend field names (PublicError.field) → this form's fields. */
const FIELD_FOR: Readonly<Record<string, SetupField>> = {
  organisationName: 'organisation',
  login: 'login',
  displayName: 'displayName',
  homeRegion: 'region',
  region: 'region',
  passphrase: 'passphrase',
};

interface SetupScreenProps {
  backend: Backend;
  language: Language;
  onLanguage: (language: Language) => void;
  onDone: (session: SessionInfo) => void;
}

/** First run: creates the organisation and its first supervisor, then signs in. */
export function SetupScreen({ backend, language, onLanguage, onDone }: SetupScreenProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [organisation, setOrganisation] = useState('');
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [region, setRegion] = useState<Region>('riga');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<FormProblems<SetupField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);
  useFocusFirstInvalid(form, problems);

  const fieldError = (field: SetupField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (passphrase !== repeat) {
      setProblems({ fields: { passphraseRepeat: { key: 'form.passphraseMismatch' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      const session = await backend.setUp(
        { organisationName: organisation, login, displayName, homeRegion: region },
        passphrase,
      );
      onDone(session);
    } catch (reason) {
      setProblems(problemsFrom(reason, FIELD_FOR));
      setBusy(false);
    }
  }

  return (
    <LockedFrame id="screen-setup" language={language} onLanguage={onLanguage}>
      <h1 class="card-title">{t('setup.title')}</h1>
      <p class="card-intro">{t('setup.intro')}</p>
      <form ref={form} class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <fieldset class="form-group">
          <legend>{t('setup.organisationSection')}</legend>
          <Field id="setup-organisation" label={t('setup.organisation')} error={fieldError('organisation')}>
            {(a11y) => (
              <input
                {...a11y}
                ref={first}
                type="text"
                autoComplete="organization"
                value={organisation}
                onInput={(e) => setOrganisation(valueOf(e))}
              />
            )}
          </Field>
        </fieldset>
        <fieldset class="form-group">
          <legend>{t('setup.accountSection')}</legend>
          <div class="form-row">
            <Field id="setup-display-name" label={t('setup.displayName')} error={fieldError('displayName')}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="text"
                  autoComplete="name"
                  value={displayName}
                  onInput={(e) => setDisplayName(valueOf(e))}
                />
              )}
            </Field>
            <Field id="setup-region" label={t('setup.region')} error={fieldError('region')}>
              {(a11y) => (
                <ChoiceSelect
                  a11y={a11y}
                  choices={REGIONS}
                  value={region}
                  labelOf={(code) => t(`region.${code}`)}
                  onChange={setRegion}
                />
              )}
            </Field>
          </div>
          <Field id="setup-login" label={t('setup.login')} hint={t('form.loginHint')} error={fieldError('login')}>
            {(a11y) => (
              <input
                {...a11y}
                type="text"
                autoComplete="username"
                autoCapitalize="none"
                spellcheck={false}
                value={login}
                onInput={(e) => setLogin(valueOf(e))}
              />
            )}
          </Field>
          <div class="form-row">
            <Field
              id="setup-passphrase"
              label={t('setup.passphrase')}
              hint={t('form.passphraseHint')}
              error={fieldError('passphrase')}
            >
              {(a11y) => (
                <input
                  {...a11y}
                  type="password"
                  autoComplete="new-password"
                  value={passphrase}
                  onInput={(e) => setPassphrase(valueOf(e))}
                />
              )}
            </Field>
            <Field id="setup-passphrase-repeat" label={t('setup.passphraseRepeat')} error={fieldError('passphraseRepeat')}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="password"
                  autoComplete="new-password"
                  value={repeat}
                  onInput={(e) => setRepeat(valueOf(e))}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <div class="form-actions">
          <button id="setup-submit" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('setup.busy') : t('setup.submit')}
          </button>
        </div>
      </form>
    </LockedFrame>
  );
}
