// The referral directory's fixed lists, and helpers that show an entry in the
// reader's language.
import type { Area, Municipality, ReferralEntry, ReferralQuery, ServiceType, Texts, TransferFormat } from '../ipc/backend';
import type { Locale, MessageKey, Translate } from '../i18n';

/** Directory searches wait this long after a keystroke; with a sub-millisecond search (docs/benchmarks.md) results stay under 50 ms from keystroke to screen. */
export const REFERRAL_SEARCH_DEBOUNCE_MS = 30;

/**
 * `role="combobox"` for a search box without a `list` attribute (valid ARIA in
 * HTML; Preact's types allow the role only together with `list`).
 */
const COMBOBOX = { role: 'combobox' } as Record<string, string>;

/**
 * The attributes of a search box that offers a list of entries (`listId`) as
 * it is typed in, with `activeId` the option the arrow keys highlighted.
 */
export function comboboxProps(listId: string, expanded: boolean, activeId: string | undefined) {
  return {
    ...COMBOBOX,
    autoComplete: 'off',
    spellcheck: false,
    'aria-autocomplete': 'list' as const,
    'aria-controls': listId,
    'aria-expanded': expanded ? ('true' as const) : ('false' as const),
    'aria-activedescendant': activeId,
  };
}

/** In the order the filters and the editor list them. */
export const SERVICE_TYPES: readonly ServiceType[] = [
  'socialService', 'police', 'labourInspectorate', 'shelter', 'psychologicalHelp', 'healthCare',
  'legalAid', 'employment', 'embassy', 'ngo', 'other',
];

/** The languages the directory filter offers (ISO 639-1). */
export const DIRECTORY_LANGUAGES = ['lv', 'ru', 'en'] as const;
export type DirectoryLanguage = (typeof DIRECTORY_LANGUAGES)[number];

/** "Verified within N months" choices; blank means any time. */
export const VERIFIED_WITHIN = ['3', '6', '12'] as const;

export const TRANSFER_FORMATS: readonly TransferFormat[] = ['csv', 'hsds'];

/** A search for `text` with no filters, as the call form's inline search asks. */
export function plainQuery(text: string): ReferralQuery {
  return {
    text: text.trim() || null,
    region: null,
    municipality: null,
    serviceType: null,
    language: null,
    openNow: false,
    verifiedWithinMonths: null,
    includeRetired: false,
  };
}

/** An entry's fields written in each language. */
export type TranslatedField = 'organisation' | 'service' | 'description' | 'notes';

/** The languages of an entry's texts, in the order the editor lists them. */
export const TEXT_LANGUAGES: readonly (keyof Texts)[] = ['lv', 'en', 'ru'];

const LABEL_SUFFIX: Readonly<Record<keyof Texts, string>> = { lv: 'Lv', en: 'En', ru: 'Ru' };

/** The editor's label of one language of a translated field: "Organizācija (latviski)". */
export function translatedLabel(field: TranslatedField, lang: keyof Texts): MessageKey {
  return `referralForm.${field}${LABEL_SUFFIX[lang]}` as MessageKey;
}

/** A text in the UI language, falling back to Latvian (the only required one). */
export function inLanguage(texts: Texts, locale: Locale): string {
  return texts[locale].trim() || texts.lv;
}

/** What a call records for a referral picked from the directory: "Organisation — Service", in Latvian. */
export function referralLabel(entry: ReferralEntry): string {
  return `${entry.organisation.lv} — ${entry.service.lv}`;
}

/** Phones as read aloud, each with its label: "+371 67898343 (I-V 9:00-20:00)". */
export function phoneLines(entry: ReferralEntry): string[] {
  return entry.phonesDisplay.map((shown, i) => {
    const label = entry.phones[i]?.label ?? '';
    return label ? `${shown} (${label})` : shown;
  });
}

/** A language code named in the UI language: the directory's three by our texts, others by CLDR. */
export function languageName(t: Translate, locale: Locale, code: string): string {
  if ((DIRECTORY_LANGUAGES as readonly string[]).includes(code)) {
    return t(`directoryLanguage.${code}` as MessageKey);
  }
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Where an entry serves, named: "Visa Latvija", "Rēzeknes novads", "Ārvalstīs: Apvienotā Karaliste". */
export function areaName(
  t: Translate,
  area: Area,
  municipalities: readonly Municipality[],
  countryName: (code: string) => string,
): string {
  if (area.kind === 'nationwide') return t('referral.nationwide');
  if (area.kind === 'abroad') return t('referral.abroad', { country: countryName(area.country) });
  return municipalities.find((m) => m.code === area.code)?.name ?? area.code;
}

/** Whether a key press there is typing (so a bare letter is not a shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
  }
  return false;
}
