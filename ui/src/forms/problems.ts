// What is wrong with a form, kept as message keys or backend messages (never
// as finished text) so it re-renders in the other language after a switch.
import type { Localized, PublicError } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import type { I18n, MessageKey, Params } from '../i18n';

export type Message = { key: MessageKey; params?: Params } | { localized: Localized };

export interface FormProblems<F extends string> {
  /** Shown at the top of the form, in `.form-error`. */
  form?: Message;
  fields: Partial<Record<F, Message>>;
}

export function noProblems<F extends string>(): FormProblems<F> {
  return { fields: {} };
}

export function messageText(i18n: I18n, message: Message | undefined): string | undefined {
  if (!message) return undefined;
  return 'key' in message ? i18n.t(message.key, message.params) : i18n.localize(message.localized);
}

/**
 * Places a backend error next to the field it names (`PublicError.field`,
 * translated through `fieldFor` from backend names to the form's own), or at
 * the top of the form when it names none that the form shows.
 */
export function problemsFrom<F extends string>(
  reason: unknown,
  fieldFor: Readonly<Record<string, F>>,
): FormProblems<F> {
  const error: PublicError = toPublicError(reason);
  const field = error.field !== undefined ? fieldFor[error.field] : undefined;
  if (field !== undefined) return { fields: { [field]: { localized: error.message } } as FormProblems<F>['fields'] };
  return { form: { localized: error.message }, fields: {} };
}
