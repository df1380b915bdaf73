import type { ErrorCode } from './bindings/ErrorCode';
import type { PublicError } from './bindings/PublicError';

/**
 * Every code the backend can send. A `Record` over the generated `ErrorCode`
 * type, so adding a code in Rust fails the type check until it is listed here.
 */
const KNOWN_CODES: Record<ErrorCode, true> = {
  notSetUp: true, alreadySetUp: true, unfinishedSetUp: true, wrongCredentials: true,
  throttled: true, supervisorOnly: true, invalidInput: true, loginTaken: true,
  unknownAccount: true, callNotFound: true, callAlreadyFinished: true, callNotFinal: true,
  referralNotFound: true, referralKeyTaken: true, importRejected: true, databaseCorrupt: true,
  keyFileCorrupt: true, databaseTooNew: true, storage: true, internal: true,
  syncNotConfigured: true, alreadyConnected: true,
  syncCancelled: true, longWorkCancelled: true, updateRefused: true, noUpdateOffered: true, updateNotInstalled: true, callFormOpen: true, serverUnreachable: true, serverBusy: true,
  deviceNotAuthorised: true, syncFailed: true, serverCertificateUntrusted: true, envelopeTampered: true, enrolmentInvalid: true,
  enrolmentCodeWrong: true, backupInvalid: true, backupOtherOrganisation: true, callRemoved: true, locked: true,
  accountDisabled: true, ownAccountChange: true, categoryCodeTaken: true, categoryInUse: true, categoryNotFound: true,
};
const ERROR_CODES: ReadonlySet<string> = new Set(Object.keys(KNOWN_CODES));

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
    typeof message.en === 'string' &&
    typeof message.ru === 'string'
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
      ru: 'Произошла внутренняя ошибка. Повторите попытку; если ошибка повторится, перезапустите приложение.',
    },
  };
}
