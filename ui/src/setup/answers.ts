// What the first-run wizard collects, and where a refusal is shown.
import type { ChosenFile, ImportSummary, Region, SyncStatus } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import type { FormProblems } from '../forms/problems';
import { type SetupPath, type StepId, stepOfField } from './steps';

export type SetupField =
  | 'organisation'
  | 'login'
  | 'displayName'
  | 'region'
  | 'passphrase'
  | 'passphraseRepeat'
  | 'package'
  | 'code';

/** Everything typed or chosen so far; kept whole while moving between steps. */
export interface Answers {
  organisation: string;
  login: string;
  displayName: string;
  region: Region;
  passphrase: string;
  repeat: string;
  /** The enrolment package file (joining). */
  package: ChosenFile | null;
  /** The enrolment code the supervisor read out (joining). */
  code: string;
}

export const NO_ANSWERS: Answers = {
  organisation: '',
  login: '',
  displayName: '',
  region: 'riga',
  passphrase: '',
  repeat: '',
  package: null,
  code: '',
};

/** Backend field names (PublicError.field) → the wizard's fields. */
export const FIELD_FOR: Readonly<Record<string, SetupField>> = {
  organisationName: 'organisation',
  login: 'login',
  displayName: 'displayName',
  homeRegion: 'region',
  region: 'region',
  passphrase: 'passphrase',
};

/** Errors that name no field but belong to one: the enrolment package and its code. */
const FIELD_OF_CODE: Readonly<Record<string, { field: SetupField; backendField: string }>> = {
  enrolmentInvalid: { field: 'package', backendField: 'package' },
  enrolmentCodeWrong: { field: 'code', backendField: 'code' },
  loginTaken: { field: 'login', backendField: 'login' },
};

/**
 * Where a refused set-up or joining is shown: beside the field it concerns,
 * on the step that shows that field (which may be an earlier one, e.g. a
 * passphrase too short, found only when the organisation is created), or at
 * the top of the current step when it concerns none.
 */
export function placeRefusal(path: SetupPath, reason: unknown): { step: StepId | null; problems: FormProblems<SetupField> } {
  const error = toPublicError(reason);
  const byCode = FIELD_OF_CODE[error.code];
  const field = byCode?.field ?? (error.field !== undefined ? FIELD_FOR[error.field] : undefined);
  const backendField = byCode?.backendField ?? error.field;
  if (field === undefined) return { step: null, problems: { form: { localized: error.message }, fields: {} } };
  return {
    step: stepOfField(path, backendField),
    problems: { fields: { [field]: { localized: error.message } } as FormProblems<SetupField>['fields'] },
  };
}

/** The answers a step needs before it may advance: empty ones and a passphrase typed differently twice. */
export function missingAnswers(answers: Answers, fields: readonly SetupField[]): FormProblems<SetupField> {
  const problems: FormProblems<SetupField> = { fields: {} };
  for (const field of fields) {
    if (field === 'passphraseRepeat') {
      if (answers.passphrase !== answers.repeat) problems.fields.passphraseRepeat = { key: 'form.passphraseMismatch' };
    } else if (field === 'package') {
      if (answers.package === null) problems.fields.package = { key: 'join.noPackage' };
    } else if (field !== 'region' && !answers[field].trim()) {
      problems.fields[field] = { key: 'setup.required' };
    }
  }
  return problems;
}

export function hasProblems(problems: FormProblems<SetupField>): boolean {
  return problems.form !== undefined || Object.keys(problems.fields).length > 0;
}

/** What the optional steps did, for the summary at the end. */
export interface SetupOutcome {
  server: SyncStatus | 'notNow' | null;
  directory: ImportSummary | 'skipped' | null;
}
