import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ImportSummary, SessionInfo } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { Field, FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { type FormProblems, messageText } from '../forms/problems';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { REGIONS } from '../forms/regions';
import { ImportPanel } from '../referrals/TransferPanels';
import { ServerForm, type ServerAnswers } from '../sync/ServerForm';
import type { SyncStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { type Answers, hasProblems, missingAnswers, type SetupField, type SetupOutcome } from './answers';
import type { SetupPath, StepId } from './steps';
import type { BackupChoice } from '../unlock/RestorePanel';

/** What every step that collects answers receives from the wizard. */
export interface StepProps {
  answers: Answers;
  onAnswers: (answers: Answers) => void;
  problems: FormProblems<SetupField>;
  onProblems: (problems: FormProblems<SetupField>) => void;
  busy: boolean;
  back: StepId | null;
  onBack: () => void;
  onNext: () => void;
}

/** The "Back" button, when there is somewhere to go back to (Escape does the same). */
export function BackButton({ back, onBack, disabled }: { back: StepId | null; onBack: () => void; disabled?: boolean }) {
  const { t } = useI18n();
  if (!back) return null;
  return (
    <button id="setup-back" type="button" class="button button-secondary step-back" aria-keyshortcuts="Escape" disabled={disabled} onClick={onBack}>
      {t('setup.back')}
    </button>
  );
}

interface StepFormProps extends StepProps {
  id: string;
  title: string;
  intro: string;
  /** The fields checked before advancing. */
  required: readonly SetupField[];
  submitLabel: string;
  busyLabel?: string;
  children: ComponentChildren;
}

/** One step as a form: Enter submits, the answers are checked, then the wizard moves on. */
function StepForm(props: StepFormProps) {
  const i18n = useI18n();
  const { id, title, intro, required, submitLabel, busyLabel, answers, problems, onProblems, busy, back, onBack, onNext, children } = props;
  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const missing = missingAnswers(answers, required);
    onProblems(missing);
    if (!hasProblems(missing)) onNext();
  }
  return (
    <form id={id} class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
      <header class="wizard-head">
        <h2 class="wizard-title">{title}</h2>
        <p class="card-intro">{intro}</p>
      </header>
      <FormError id="setup-error" text={messageText(i18n, problems.form)} />
      {children}
      <div class="form-actions">
        <button id="setup-next" type="submit" class="button button-primary" disabled={busy}>
          {busy && busyLabel ? busyLabel : submitLabel}
        </button>
        <BackButton back={back} onBack={onBack} disabled={busy} />
      </div>
    </form>
  );
}

/** A text input bound to one answer, with its error beside it. */
export function AnswerInput(props: {
  step: StepProps;
  field: Exclude<SetupField, 'region' | 'package' | 'passphraseRepeat'> | 'repeat';
  id: string;
  label: string;
  hint?: string;
  type?: 'text' | 'password';
  autoComplete?: string;
}) {
  const i18n = useI18n();
  const { step, field, id, label, hint, type = 'text', autoComplete } = props;
  const problemField: SetupField = field === 'repeat' ? 'passphraseRepeat' : field;
  return (
    <Field id={id} label={label} hint={hint} error={messageText(i18n, step.problems.fields[problemField])}>
      {(a11y) => {
        const common = {
          ...a11y,
          autoComplete,
          value: step.answers[field],
          onInput: (e: Event) => step.onAnswers({ ...step.answers, [field]: valueOf(e) }),
        };
        return type === 'password' ? (
          <input {...common} type="password" spellcheck={false} />
        ) : (
          <input {...common} type="text" autoCapitalize={field === 'login' ? 'none' : undefined} spellcheck={field === 'login' ? false : undefined} />
        );
      }}
    </Field>
  );
}

/** Create a new organisation, or join one with a supervisor's package. */
export function StartStep({ onChoose, backup }: { onChoose: (path: SetupPath) => void; backup: BackupChoice }) {
  const { t, localize } = useI18n();
  return (
    <div class="wizard-start">
      <p class="card-intro">{t('setup.intro')}</p>
      <div class="wizard-choices">
        <button id="setup-create" type="button" class="wizard-choice" onClick={() => onChoose('create')}>
          <span class="wizard-choice-title">{t('setup.create')}</span>
          <span class="wizard-choice-body">{t('setup.createBody')}</span>
        </button>
        <button id="setup-join" type="button" class="wizard-choice" onClick={() => onChoose('join')}>
          <span class="wizard-choice-title">{t('setup.join')}</span>
          <span class="wizard-choice-body">{t('setup.joinBody')}</span>
        </button>
        <button id="setup-restore" type="button" class="wizard-choice" disabled={backup.choosing} onClick={() => void backup.choose()}>
          <span class="wizard-choice-title">{backup.choosing ? t('restore.choosing') : t('setup.restore')}</span>
          <span class="wizard-choice-body">{t('setup.restoreBody')}</span>
        </button>
      </div>
      <p id="setup-restore-result" class="field-hint" role="status">
        {backup.cancelled ? t('restore.chooseCancelled') : null}
      </p>
      <FormError id="setup-restore-error" text={backup.problem ? localize(backup.problem.message) : undefined} />
      <p class="muted">{t('setup.keys')}</p>
    </div>
  );
}

export function OrganisationStep(props: StepProps) {
  const { t } = useI18n();
  return (
    <StepForm
      {...props}
      id="setup-step-organisation"
      title={t('setup.step.organisation')}
      intro={t('setup.organisationIntro')}
      required={['organisation']}
      submitLabel={t('setup.next')}
    >
      <AnswerInput step={props} field="organisation" id="setup-organisation" label={t('setup.organisation')} hint={t('setup.organisationHint')} autoComplete="organization" />
    </StepForm>
  );
}

export function SupervisorStep(props: StepProps) {
  const { t } = useI18n();
  return (
    <StepForm
      {...props}
      id="setup-step-supervisor"
      title={t('setup.step.supervisor')}
      intro={t('setup.supervisorIntro')}
      required={['displayName', 'login', 'passphrase', 'passphraseRepeat']}
      submitLabel={t('setup.next')}
    >
      <AccountFields step={props} />
    </StepForm>
  );
}

/**
 * The person's own account on this device: name, login and a new passphrase
 * typed twice. The same on both paths, for the first supervisor and for
 * someone joining.
 */
export function AccountFields({ step }: { step: StepProps }) {
  const { t } = useI18n();
  return (
    <>
      <AnswerInput step={step} field="displayName" id="setup-display-name" label={t('setup.displayName')} autoComplete="name" />
      <AnswerInput step={step} field="login" id="setup-login" label={t('setup.login')} hint={t('form.loginHint')} autoComplete="username" />
      <div class="form-row">
        <AnswerInput
          step={step}
          field="passphrase"
          id="setup-passphrase"
          label={t('setup.passphrase')}
          hint={t('form.passphraseHint')}
          type="password"
          autoComplete="new-password"
        />
        <AnswerInput step={step} field="repeat" id="setup-passphrase-repeat" label={t('setup.passphraseRepeat')} type="password" autoComplete="new-password" />
      </div>
    </>
  );
}

/** The last step that only asks: its "Next" creates the organisation on this device. */
export function RegionStep(props: StepProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <StepForm
      {...props}
      id="setup-step-region"
      title={t('setup.step.region')}
      intro={t('setup.regionIntro')}
      required={[]}
      submitLabel={t('setup.createNow')}
      busyLabel={t('setup.busy')}
    >
      <Field id="setup-region" label={t('setup.region')} error={messageText(i18n, props.problems.fields.region)}>
        {(a11y) => (
          <ChoiceSelect
            a11y={a11y}
            choices={REGIONS}
            value={props.answers.region}
            labelOf={(code) => t(`region.${code}`)}
            onChange={(region) => props.onAnswers({ ...props.answers, region })}
          />
        )}
      </Field>
      <p class="notice">{t('setup.createNotice')}</p>
    </StepForm>
  );
}

interface ServerStepProps {
  server: ServerAnswers;
  onServer: (server: ServerAnswers) => void;
  onConnected: (status: SyncStatus) => void;
  onNotNow: () => void;
}

/** The sync server, or "Not now": the device is already set up and works offline either way. */
export function ServerStep({ server, onServer, onConnected, onNotNow }: ServerStepProps) {
  const { t } = useI18n();
  return (
    <div id="setup-step-server">
      <header class="wizard-head">
        <h2 class="wizard-title">{t('setup.step.server')}</h2>
        <p class="card-intro">{t('setup.serverIntro')}</p>
      </header>
      <ServerForm
        answers={server}
        onAnswers={onServer}
        onConnected={onConnected}
        actions={
          <button id="setup-not-now" type="button" class="button button-secondary" onClick={onNotNow}>
            {t('setup.notNow')}
          </button>
        }
        afterFailure={
          <p id="setup-server-ready" class="notice">
            {t('setup.serverFailedReady')}
          </p>
        }
      />
    </div>
  );
}

interface DirectoryStepProps {
  done: ImportSummary | 'skipped' | null;
  onDone: (outcome: ImportSummary | 'skipped') => void;
  onNext: () => void;
  back: StepId | null;
  onBack: () => void;
}

/** The referral directory: the starter directory built into the app, a file of the organisation's own, or later. */
export function DirectoryStep({ done, onDone, onNext, back, onBack }: DirectoryStepProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const loaded = done !== null && done !== 'skipped';

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (loaded) {
      onNext();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await backend.loadStarterReferrals());
      setBusy(false);
      onNext();
    } catch (reason) {
      setBusy(false);
      setError(i18n.localize(toPublicError(reason).message));
    }
  }

  return (
    <div id="setup-step-directory">
      <form class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <header class="wizard-head">
          <h2 class="wizard-title">{t('setup.step.directory')}</h2>
          <p class="card-intro">{t('setup.directoryIntro')}</p>
        </header>
        <FormError id="setup-error" text={error} />
        {loaded && (
          <p id="setup-directory-done" class="form-status" role="status">
            {t('setup.directoryDone', { count: done.added + done.updated + done.unchanged })}
          </p>
        )}
        <div class="form-actions">
          <button id="setup-next" type="submit" class="button button-primary" disabled={busy}>
            {loaded ? t('setup.next') : busy ? t('setup.directoryLoading') : t('setup.loadStarter')}
          </button>
          {!loaded && (
            <button
              id="setup-skip-directory"
              type="button"
              class="button button-secondary"
              disabled={busy}
              onClick={() => {
                onDone('skipped');
                onNext();
              }}
            >
              {t('setup.skip')}
            </button>
          )}
          <BackButton back={back} onBack={onBack} disabled={busy} />
        </div>
      </form>
      <details class="wizard-more">
        <summary>{t('setup.importOwn')}</summary>
        <ImportPanel onImported={onDone} />
      </details>
    </div>
  );
}

/** What was set up, and the way into the app. */
export function DoneStep({ session, outcome, path, onFinish }: { session: SessionInfo; outcome: SetupOutcome; path: SetupPath; onFinish: () => void }) {
  const { t } = useI18n();
  const { account, organisation } = session;
  const server = outcome.server;
  const directory = outcome.directory;
  return (
    <form
      id="setup-step-done"
      class="form"
      onSubmit={(event) => {
        event.preventDefault();
        onFinish();
      }}
    >
      <header class="wizard-head">
        <h2 class="wizard-title">{t('setup.step.done')}</h2>
        <p class="card-intro">{path === 'join' ? t('setup.doneJoinIntro') : t('setup.doneIntro')}</p>
      </header>
      <dl id="setup-summary" class="wizard-summary">
        <dt>{t('setup.organisation')}</dt>
        <dd>{organisation.name}</dd>
        <dt>{t('setup.you')}</dt>
        <dd>{t('main.user', { name: account.displayName, role: t(`role.${account.role}`) })}</dd>
        <dt>{t('setup.region')}</dt>
        <dd>{t(`region.${account.homeRegion}`)}</dd>
        {path === 'create' && (
          <>
            <dt>{t('setup.step.server')}</dt>
            <dd>{server && server !== 'notNow' ? t('setup.summaryServer', { url: server.serverUrl ?? '' }) : t('setup.summaryNoServer')}</dd>
            <dt>{t('setup.step.directory')}</dt>
            <dd>
              {directory && directory !== 'skipped'
                ? t('setup.summaryDirectory', { count: directory.added + directory.updated + directory.unchanged })
                : t('setup.summaryNoDirectory')}
            </dd>
          </>
        )}
      </dl>
      <div class="form-actions">
        <button id="setup-finish" type="submit" class="button button-primary">
          {t('setup.finish')}
        </button>
      </div>
    </form>
  );
}
