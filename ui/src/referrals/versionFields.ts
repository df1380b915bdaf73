// What two versions of a directory entry can differ in, named as the entry
// editor names each field, and how a version's value is shown.
import type { Municipality, ReferralInput, ReferralVersion } from '../ipc/backend';
import type { Locale, MessageKey, Translate } from '../i18n';
import { formatDay } from '../i18n/dates';
import { areaName, languageName, TEXT_LANGUAGES, translatedLabel, type TranslatedField } from './options';

/** What showing a value needs. */
export interface Shown {
  t: Translate;
  locale: Locale;
  municipalities: readonly Municipality[];
  countryName: (code: string) => string;
}

/** One field of an entry, as versions are compared and shown side by side. */
export interface VersionField {
  /** Unique among the fields: `organisation.lv`, `phones`, `retired`. */
  name: string;
  label: MessageKey;
  /** What is compared between versions. */
  value: (version: ReferralVersion) => unknown;
  /** The value as read; empty when there is none. */
  text: (version: ReferralVersion, shown: Shown) => string;
}

/** The input's fields that are plain text. */
type TextField = { [K in keyof ReferralInput]: ReferralInput[K] extends string ? K : never }[keyof ReferralInput];

function entryField<K extends keyof ReferralInput>(
  name: K,
  label: MessageKey,
  text: (value: ReferralInput[K], shown: Shown) => string,
): VersionField {
  return { name, label, value: (version) => version.entry[name], text: (version, shown) => text(version.entry[name], shown) };
}

const plain = (name: TextField, label: MessageKey) => entryField(name, label, (value) => value);

const translated = (field: TranslatedField): VersionField[] =>
  TEXT_LANGUAGES.map((lang) => ({
    name: `${field}.${lang}`,
    label: translatedLabel(field, lang),
    value: (version) => version.entry[field][lang],
    text: (version) => version.entry[field][lang],
  }));

/** In the editor's order, then whether the entry is in use. */
const FIELDS: readonly VersionField[] = [
  plain('key', 'referralForm.key'),
  ...translated('organisation'),
  ...translated('service'),
  ...translated('description'),
  entryField('serviceTypes', 'referralForm.serviceTypes', (types, { t }) => types.map((type) => t(`serviceType.${type}`)).join(', ')),
  plain('address', 'referralForm.address'),
  plain('confidentialAddress', 'referralForm.confidential'),
  entryField('phones', 'referralForm.phones', (phones) =>
    phones.map(({ number, label }) => (label ? `${number} | ${label}` : number)).join('\n'),
  ),
  plain('email', 'referralForm.email'),
  plain('web', 'referralForm.web'),
  plain('messenger', 'referralForm.messenger'),
  plain('hours', 'referralForm.hours'),
  entryField('languages', 'referralForm.languages', (codes, { t, locale }) =>
    codes.map((code) => languageName(t, locale, code)).join(', '),
  ),
  entryField('areas', 'referralForm.groupAreas', (areas, { t, municipalities, countryName }) =>
    areas.map((area) => areaName(t, area, municipalities, countryName)).join(', '),
  ),
  ...translated('notes'),
  entryField('verifiedOn', 'referralForm.verifiedOn', (day) => (day ? formatDay(day) : '')),
  plain('verifiedBy', 'referralForm.verifiedBy'),
  {
    name: 'retired',
    label: 'referralConflicts.status',
    value: (version) => version.retired,
    text: (version, { t }) => t(version.retired ? 'referrals.retired' : 'referralConflicts.inUse'),
  },
];

/** The fields in which the versions do not all agree, in the editor's order. */
export function differingFields(versions: readonly ReferralVersion[]): VersionField[] {
  return FIELDS.filter((field) => new Set(versions.map((version) => JSON.stringify(field.value(version)))).size > 1);
}
