// The one translation layer: every visible string goes through `t`.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Language, Localized } from '../ipc/backend';
import { onDemand, type OnDemand } from '../lib/onDemand';
import { lv, type MessageKey } from './lv';

export type { MessageKey } from './lv';

/** The UI's languages: the ones the backend remembers and writes its messages and files in. */
export type Locale = Language;

/** Every language, in the order the language choices list them. */
export const ALL_LOCALES: readonly Locale[] = ['lv', 'en', 'ru'];

export type Messages = Readonly<Record<MessageKey, string>>;

/**
 * Latvian, the default and every text's fallback, is part of the first
 * screen's script; the others are loaded when chosen (a few milliseconds from
 * the app's own files), so the first screen does not parse two other languages.
 */
const OTHER_LOCALES: Readonly<Record<Exclude<Locale, 'lv'>, OnDemand<Messages>>> = {
  en: onDemand(() => import('./en').then((module) => module.en)),
  ru: onDemand(() => import('./ru').then((module) => module.ru)),
};

/** The texts of `locale` once loaded (Latvian always is); null before. */
export function messagesOf(locale: Locale): Messages | null {
  return locale === 'lv' ? lv : OTHER_LOCALES[locale].current();
}

/** Loads `locale`'s texts; switch to a locale only once this has resolved. */
export async function loadLocale(locale: Locale): Promise<Messages> {
  return locale === 'lv' ? lv : OTHER_LOCALES[locale].load();
}

/** Whether `key` is a text of the UI (all locales have the same keys: Latvian is the reference). */
export function isMessageKey(key: string): key is MessageKey {
  return key in lv;
}

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * The text for `key` in `locale`, with each `{name}` replaced by
 * `params.name`; Latvian while `locale` has not been loaded.
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = messagesOf(locale)?.[key] ?? lv[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * `one` or `other` by the locale's plural rules: in Latvian 1, 21, 31… take
 * `one` and 11 does not. Russian's "few"/"many" forms fall to `other`, so its
 * texts for counts are written to read right either way ("Ожидают отправки: 5").
 */
export function pluralKey(locale: Locale, count: number, one: MessageKey, other: MessageKey): MessageKey {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}

/** A backend message in `locale`: the backend writes each in every language. */
export function localize(locale: Locale, message: Localized): string {
  return message[locale];
}

export interface I18n {
  locale: Locale;
  t: Translate;
  localize: (message: Localized) => string;
}

export function createI18n(locale: Locale): I18n {
  return {
    locale,
    t: (key, params) => translate(locale, key, params),
    localize: (message) => localize(locale, message),
  };
}

export const I18nContext = createContext<I18n>(createI18n('lv'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
