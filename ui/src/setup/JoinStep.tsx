import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { messageText } from '../forms/problems';
import { hasProblems, missingAnswers } from './answers';
import { AccountFields, AnswerInput, BackButton, type StepProps } from './CreateSteps';

/**
 * Joining the organisation on a device a supervisor enrolled: the package
 * file and the code they read out, then this person's own account. The
 * organisation, role, region and server all come from the package.
 */
export function JoinStep(props: StepProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const { answers, onAnswers, problems, onProblems, busy, back, onBack, onNext } = props;
  const packageError = messageText(i18n, problems.fields.package);

  async function choosePackage() {
    try {
      const chosen = await backend.chooseEnrolmentPackage();
      if (chosen) {
        onAnswers({ ...answers, package: chosen });
        const fields = { ...problems.fields };
        delete fields.package;
        onProblems({ fields });
      }
    } catch (reason) {
      onProblems({ fields: { ...problems.fields, package: { localized: toPublicError(reason).message } } });
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const missing = missingAnswers(answers, ['package', 'code', 'displayName', 'login', 'passphrase', 'passphraseRepeat']);
    onProblems(missing);
    if (!hasProblems(missing)) onNext();
  }

  return (
    <form id="setup-step-join" class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
      <header class="wizard-head">
        <h2 class="wizard-title">{t('setup.step.join')}</h2>
        <p class="card-intro">{t('join.intro')}</p>
      </header>
      <FormError id="setup-error" text={messageText(i18n, problems.form)} />
      <fieldset class="form-group">
        <legend>{t('join.fromSupervisor')}</legend>
        <div class={packageError ? 'field field-invalid' : 'field'}>
          <p class="field-label" id="join-package-label">
            {t('join.package')}
          </p>
          <div class="file-choice">
            <button
              id="join-package"
              type="button"
              class="button button-secondary"
              aria-describedby={['join-package-label', packageError ? 'join-package-error' : '', 'join-package-hint'].filter(Boolean).join(' ')}
              aria-invalid={packageError ? 'true' : undefined}
              onClick={() => void choosePackage()}
            >
              {t('join.choosePackage')}
            </button>
            {answers.package && (
              <span id="join-package-name" class="chosen-file">
                {answers.package.name}
              </span>
            )}
          </div>
          <p class="field-hint" id="join-package-hint">
            {t('join.packageHint')}
          </p>
          {packageError && (
            <p class="field-error" id="join-package-error">
              {packageError}
            </p>
          )}
        </div>
        <AnswerInput step={props} field="code" id="join-code" label={t('join.code')} hint={t('join.codeHint')} />
      </fieldset>
      <fieldset class="form-group">
        <legend>{t('setup.accountSection')}</legend>
        <AccountFields step={props} />
      </fieldset>
      <div class="form-actions">
        <button id="setup-next" type="submit" class="button button-primary" disabled={busy}>
          {busy ? t('join.busy') : t('join.submit')}
        </button>
        <BackButton back={back} onBack={onBack} disabled={busy} />
      </div>
    </form>
  );
}
