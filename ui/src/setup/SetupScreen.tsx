import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language, SessionInfo } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { LockedFrame } from '../layout/LockedFrame';
import { type FormProblems, noProblems } from '../forms/problems';
import { NO_SERVER_ANSWERS, type ServerAnswers } from '../sync/ServerForm';
import { type SetupPath, type StepId, createsDevice, nextStep, previousStep, stepsOf } from './steps';
import { type Answers, NO_ANSWERS, placeRefusal, type SetupField, type SetupOutcome } from './answers';
import { StepIndicator } from './StepIndicator';
import { DirectoryStep, DoneStep, OrganisationStep, RegionStep, ServerStep, StartStep, SupervisorStep } from './CreateSteps';
import { JoinStep } from './JoinStep';
import { type RestoreActions, RestorePanel, useBackupChoice } from '../unlock/RestorePanel';

interface SetupScreenProps {
  language: Language;
  onLanguage: (language: Language) => void;
  /** Set-up finished: the device exists and this person is signed in. */
  onDone: (session: SessionInfo) => void;
  restore: RestoreActions;
  /** Signed in as the supervisor who restored the backup at `path` onto this new laptop. */
  onRestored: (session: SessionInfo, path: string) => void;
}

/**
 * First run, as a short guided set-up: create the organisation (organisation,
 * first supervisor, home region, sync server or "not now", referral
 * directory) or join it with a supervisor's enrolment package. Enter
 * advances, Escape goes back; answers stay while moving between steps.
 */
export function SetupScreen({ language, onLanguage, onDone, restore, onRestored }: SetupScreenProps) {
  const backend = useBackend();
  const { t } = useI18n();
  const [path, setPath] = useState<SetupPath>('create');
  const [step, setStep] = useState<StepId>('start');
  const [answers, setAnswers] = useState<Answers>(NO_ANSWERS);
  const [server, setServer] = useState<ServerAnswers>(NO_SERVER_ANSWERS);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [outcome, setOutcome] = useState<SetupOutcome>({ server: null, directory: null });
  const [problems, setProblems] = useState<FormProblems<SetupField>>(noProblems);
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  /** A laptop replacing a lost or broken one: its store comes back from a backup instead. */
  const backup = useBackupChoice(restore);

  const back = previousStep(path, step, session !== null);

  function go(to: StepId) {
    setProblems(noProblems());
    setStep(to);
  }

  function advance() {
    const next = nextStep(path, step);
    if (next) go(next);
  }

  // Escape goes back a step (not while a request is running).
  const escape = useRef<() => void>(() => undefined);
  escape.current = () => {
    if (!busy && back) go(back);
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        escape.current();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // Each step opens with focus on its first field, or on the field a refusal named.
  useEffect(() => {
    const root = body.current;
    const target =
      root?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root?.querySelector<HTMLElement>('input, select, textarea, button:not(.step-back)');
    target?.focus();
  }, [step, problems]);

  /** Creates the device (set-up or joining); a refusal goes to the step that shows its field. */
  async function create(request: () => Promise<SessionInfo>) {
    if (busy) return;
    setBusy(true);
    setProblems(noProblems());
    try {
      setSession(await request());
      setBusy(false);
      advance();
    } catch (reason) {
      setBusy(false);
      const placed = placeRefusal(path, reason);
      if (placed.step && placed.step !== step) setStep(placed.step);
      setProblems(placed.problems);
    }
  }

  const stepProps = { answers, onAnswers: setAnswers, problems, onProblems: setProblems, busy, back, onBack: () => back && go(back) };

  if (backup.chosen !== null) {
    return (
      <LockedFrame id="screen-setup" language={language} onLanguage={onLanguage}>
        <RestorePanel {...restore} path={backup.chosen} initialLogin="" onRestored={onRestored} onBack={backup.forget} />
      </LockedFrame>
    );
  }

  return (
    <LockedFrame id="screen-setup" language={language} onLanguage={onLanguage}>
      <h1 class="card-title">{t('setup.title')}</h1>
      {step !== 'start' && <StepIndicator steps={stepsOf(path)} current={step} />}
      <div ref={body} class="wizard-body" data-step={step}>
        {step === 'start' && (
          <StartStep
            backup={backup}
            onChoose={(chosen) => {
              setPath(chosen);
              go(nextStep(chosen, 'start')!);
            }}
          />
        )}
        {step === 'organisation' && <OrganisationStep {...stepProps} onNext={advance} />}
        {step === 'supervisor' && <SupervisorStep {...stepProps} onNext={advance} />}
        {step === 'region' && createsDevice(path, step) && (
          <RegionStep
            {...stepProps}
            onNext={() =>
              void create(() =>
                backend.setUp(
                  {
                    organisationName: answers.organisation,
                    login: answers.login,
                    displayName: answers.displayName,
                    homeRegion: answers.region,
                  },
                  answers.passphrase,
                ),
              )
            }
          />
        )}
        {step === 'server' && (
          <ServerStep
            server={server}
            onServer={setServer}
            onConnected={(status) => {
              setOutcome((was) => ({ ...was, server: status }));
              advance();
            }}
            onNotNow={() => {
              setOutcome((was) => ({ ...was, server: was.server === null ? 'notNow' : was.server }));
              advance();
            }}
          />
        )}
        {step === 'directory' && (
          <DirectoryStep
            done={outcome.directory}
            onDone={(directory) => setOutcome((was) => ({ ...was, directory }))}
            onNext={advance}
            back={back}
            onBack={() => back && go(back)}
          />
        )}
        {step === 'join' && (
          <JoinStep
            {...stepProps}
            onNext={() =>
              void create(() =>
                backend.joinOrganisation(
                  {
                    package: answers.package?.text ?? '',
                    code: answers.code,
                    login: answers.login,
                    displayName: answers.displayName,
                  },
                  answers.passphrase,
                ),
              )
            }
          />
        )}
        {step === 'done' && session && <DoneStep session={session} outcome={outcome} path={path} onFinish={() => onDone(session)} />}
      </div>
    </LockedFrame>
  );
}
