import type { ErrorCode } from './bindings/ErrorCode';
import type { PublicError } from './bindings/PublicError';

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'notSetUp', 'alreadySetUp', 'unfinishedSetUp', 'wrongCredentials', 'throttled',
  'supervisorOnly', 'invalidInput', 'loginTaken', 'unknownAccount', 'callNotFound',
  'callAlreadyFinished', 'callNotFinal', 'referralNotFound', 'referralKeyTaken',
  'importRejected', 'databaseCorrupt',
  'keyFileCorrupt', 'databaseTooNew', 'storage', 'internal',
  'syncNotConfigured', 'alreadyConnected', 'serverUnreachable', 'deviceNotAuthorised', 'syncFailed',
  'envelopeTampered', 'enrolmentInvalid', 'enrolmentCodeWrong', 'locked',
]);

export function isPublicError(value: unknown): value is PublicError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const message = candidate.message as Record<string, unknown> | null | undefined;
  return (
    typeof candidate.code === 'string' &&
    ERROR_CODES.has(candidate.code) &&
    typeof message === 'object' &&
    message !== null &&
    typeof message.lv === 'string' &&
    typeof message.en === 'string'
  );
}

/**
 * Turns whatever a command rejected with into a `PublicError`. Anything that is
 * not one already (a missing command, a serialisation failure, a thrown string)
 * becomes `internal`; its text is not shown, since it may be technical.
 */
export function toPublicError(reason: unknown): PublicError {
  if (isPublicError(reason)) return reason;
  return {
    code: 'internal',
    message: {
      lv: 'Radās iekšēja kļūda. Mēģiniet vēlreiz; ja tā atkārtojas, restartējiet lietotni.',
      en: 'An internal error occurred. Try again; if it happens again, restart the app.',
    },
  };
}
