// The values each call field can take, in the order the form lists them, and
// helpers that name them in the reader's language.
import type {
  AgeGroup,
  CallOutcome,
  CallerLanguage,
  CallerRole,
  ContactBack,
  Direction,
  Gender,
  ReferralStatus,
  RiskLevel,
  SharedDetail,
  TraffickingIndicator,
} from '../ipc/backend';
import { isMessageKey, type Locale, type Translate } from '../i18n';

export const CALLER_ROLES: readonly CallerRole[] = [
  'personAtRiskOrVictim', 'relativeOrFriend', 'professional', 'employer', 'anonymous', 'other',
];

export const GENDERS: readonly Gender[] = ['female', 'male', 'other', 'unknown'];

export const AGE_GROUPS: readonly AgeGroup[] = [
  'under18', 'from18To24', 'from25To34', 'from35To49', 'from50To64', 'from65', 'unknown',
];

export const CALLER_LANGUAGES: readonly CallerLanguage[] = ['latvian', 'russian', 'english', 'other'];

export const CONTACT_BACK: readonly ContactBack[] = ['noConsent', 'phone', 'sms', 'email', 'messenger', 'inPerson'];

export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high'];

export const DIRECTIONS: readonly Direction[] = ['incoming', 'outgoing'];

export const CALL_OUTCOMES: readonly CallOutcome[] = [
  'informationGiven', 'referred', 'followUpAgreed', 'helpDeclined', 'silent', 'wrongNumber', 'hungUp',
];

/** Calls without a conversation, in the order of their shortcuts (Alt+1…Alt+3): finished with no line, caller or subject. */
export const QUICK_OUTCOMES: readonly CallOutcome[] = ['silent', 'wrongNumber', 'hungUp'];

/** The trafficking-indicator groups, in the order the checklist asks them. */
export const TRAFFICKING_INDICATORS: readonly TraffickingIndicator[] = [
  'deceptionAboutWork', 'documentsWithheld', 'debt', 'restrictedMovement', 'threatsOrViolence', 'isolation', 'poorConditions',
];

/** A call's screening in words: the groups observed, or whether it was screened at all. */
export function indicatorsText(t: Translate, indicators: readonly TraffickingIndicator[] | undefined): string {
  if (indicators === undefined) return t('call.indicatorsNotScreened');
  if (indicators.length === 0) return t('call.indicatorsNoneObserved');
  return indicators.map((indicator) => t(`indicator.${indicator}`)).join(', ');
}

/** What a caller may agree to have passed on to the organisation they are referred to. */
export const SHARED_DETAILS: readonly SharedDetail[] = ['name', 'contact', 'address', 'situation', 'documents'];

/** Where a referral stands; a referral without a status reads as the first, made. */
export const REFERRAL_STATUSES: readonly ReferralStatus[] = ['made', 'contacted', 'accepted', 'declined', 'noAnswer'];

/** The name of a changed field for the history ("piezīmes"); unknown names are shown as they are. */
export function changedFieldName(t: Translate, field: string): string {
  const key = `changed.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

/** Country names in the UI language, through the platform's CLDR data. */
export function countryNamer(locale: Locale): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region' });
  } catch {
    names = undefined;
  }
  return (code) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  };
}

/**
 * Splits the backend's list into the common destinations and the rest. The
 * backend sends the common ones first, then every other code alphabetically,
 * so the rest is the longest sorted tail.
 */
export function splitCountries(codes: readonly string[]): { common: string[]; rest: string[] } {
  let start = codes.length;
  while (start > 0 && (start === codes.length || codes[start - 1] < codes[start])) start -= 1;
  // `start` now begins the sorted tail; the element before it broke the order.
  return { common: codes.slice(0, start), rest: codes.slice(start) };
}
