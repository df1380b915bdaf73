import { useEffect, useState } from 'preact/hooks';
import type {
  Area,
  Municipality,
  ReferralEntry,
  ReferralInput,
  ServiceType,
  Texts,
} from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { type MessageKey, useI18n } from '../i18n';
import { formatDay, INVALID_DAY, parseDay } from '../i18n/dates';
import { DayField } from '../forms/DayField';
import { Field, FormError } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { type Message, messageText } from '../forms/problems';
import { REGIONS } from '../forms/regions';
import { SERVICE_TYPES, TEXT_LANGUAGES, translatedLabel, type TranslatedField } from './options';

interface ReferralFormProps {
  /** The entry to edit (loaded in full here, confidential address included), or null for a new one. */
  id: string | null;
  municipalities: readonly Municipality[];
  onSaved: (entry: ReferralEntry) => void;
  onCancel: () => void;
}

/** The form's own copy of an entry: lists as the text people type. */
interface Draft {
  key: string;
  organisation: Texts;
  service: Texts;
  description: Texts;
  notes: Texts;
  serviceTypes: ServiceType[];
  nationwide: boolean;
  municipalities: string[];
  /** Country codes separated by commas. */
  abroad: string;
  address: string;
  confidentialAddress: string;
  /** One per line, `number | label`. */
  phones: string;
  email: string;
  web: string;
  messenger: string;
  hours: string;
  /** ISO 639-1 codes separated by commas. */
  languages: string;
  /** dd.mm.yyyy */
  verifiedOn: string;
  verifiedBy: string;
}

const BLANK: Texts = { lv: '', en: '', ru: '' };

function draftOf(entry: ReferralEntry | null): Draft {
  if (!entry) {
    return {
      key: '',
      organisation: BLANK,
      service: BLANK,
      description: BLANK,
      notes: BLANK,
      serviceTypes: [],
      nationwide: false,
      municipalities: [],
      abroad: '',
      address: '',
      confidentialAddress: '',
      phones: '',
      email: '',
      web: '',
      messenger: '',
      hours: '',
      languages: 'lv',
      verifiedOn: '',
      verifiedBy: '',
    };
  }
  return {
    key: entry.key,
    organisation: entry.organisation,
    service: entry.service,
    description: entry.description,
    notes: entry.notes,
    serviceTypes: entry.serviceTypes,
    nationwide: entry.areas.some((area) => area.kind === 'nationwide'),
    municipalities: entry.areas.flatMap((area) => (area.kind === 'municipality' ? [area.code] : [])),
    abroad: entry.areas.flatMap((area) => (area.kind === 'abroad' ? [area.country] : [])).join(', '),
    address: entry.address,
    confidentialAddress: entry.confidentialAddress,
    phones: entry.phones
      .map((phone, i) => {
        const number = entry.phonesDisplay[i] ?? phone.number;
        return phone.label ? `${number} | ${phone.label}` : number;
      })
      .join('\n'),
    email: entry.email,
    web: entry.web,
    messenger: entry.messenger,
    hours: entry.hours,
    languages: entry.languages.join(', '),
    verifiedOn: entry.verifiedOn ? formatDay(entry.verifiedOn) : '',
    verifiedBy: entry.verifiedBy,
  };
}

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The backend's input, or the field whose text the form itself cannot read. */
function inputOf(draft: Draft): { input: ReferralInput } | { field: string; problem: MessageKey } {
  const verifiedOn = parseDay(draft.verifiedOn);
  if (verifiedOn === INVALID_DAY) return { field: 'verifiedOn', problem: 'calls.dateInvalid' };
  const areas: Area[] = [
    ...(draft.nationwide ? [{ kind: 'nationwide' } as const] : []),
    ...draft.municipalities.map((code) => ({ kind: 'municipality', code }) as const),
    ...list(draft.abroad).map((code) => ({ kind: 'abroad', country: code.replace(/^abroad:/i, '').toUpperCase() }) as const),
  ];
  const phones = draft.phones
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const bar = line.indexOf('|');
      return bar < 0
        ? { number: line, label: '' }
        : { number: line.slice(0, bar).trim(), label: line.slice(bar + 1).trim() };
    });
  return {
    input: {
      key: draft.key.trim(),
      organisation: draft.organisation,
      service: draft.service,
      description: draft.description,
      serviceTypes: SERVICE_TYPES.filter((type) => draft.serviceTypes.includes(type)),
      areas,
      address: draft.address,
      confidentialAddress: draft.confidentialAddress,
      phones,
      email: draft.email.trim(),
      web: draft.web.trim(),
      messenger: draft.messenger,
      hours: draft.hours.trim(),
      languages: list(draft.languages).map((code) => code.toLowerCase()),
      notes: draft.notes,
      verifiedOn,
      verifiedBy: draft.verifiedBy,
    },
  };
}

/** Where each backend field name is shown (the control focused when it is wrong). */
const CONTROL_FOR: Readonly<Record<string, string>> = {
  key: 'referral-key',
  organisation: 'referral-organisation-lv',
  service: 'referral-service-lv',
  description: 'referral-description-lv',
  notes: 'referral-notes-lv',
  serviceTypes: `referral-service-type-${SERVICE_TYPES[0]}`,
  areas: 'referral-area-nationwide',
  address: 'referral-address',
  confidentialAddress: 'referral-confidential',
  phones: 'referral-phones',
  email: 'referral-email',
  web: 'referral-web',
  messenger: 'referral-messenger',
  hours: 'referral-hours',
  languages: 'referral-languages',
  verifiedOn: 'referral-verified-on',
  verifiedBy: 'referral-verified-by',
};

type Problems = { form?: Message; fields: Record<string, Message> };

/** A supervisor adds or edits a directory entry; the backend checks every field. */
export function ReferralForm({ id, municipalities, onSaved, onCancel }: ReferralFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft | null>(id === null ? draftOf(null) : null);
  const [problems, setProblems] = useState<Problems>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (id === null) {
      setFocusRequest({ id: 'referral-key' });
      return undefined;
    }
    let current = true;
    backend.getReferral(id).then(
      (entry) => {
        if (!current) return;
        setDraft(draftOf(entry));
        setFocusRequest({ id: 'referral-organisation-lv' });
      },
      (reason: unknown) => current && setProblems({ form: { localized: toPublicError(reason).message }, fields: {} }),
    );
    return () => {
      current = false;
    };
  }, [backend, id]);

  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest, draft === null]);

  function change(patch: Partial<Draft>, field: string) {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    if (problems.fields[field]) {
      const fields = { ...problems.fields };
      delete fields[field];
      setProblems({ ...problems, fields });
    }
  }

  function showProblem(field: string, message: Message) {
    const control = CONTROL_FOR[field];
    if (control) {
      setProblems({ fields: { [field]: message } });
      setFocusRequest({ id: control });
    } else {
      setProblems({ form: message, fields: {} });
    }
  }

  async function save() {
    if (!draft || busy) return;
    const read = inputOf(draft);
    if ('problem' in read) {
      showProblem(read.field, { key: read.problem });
      return;
    }
    setBusy(true);
    try {
      const saved = await backend.saveReferral(id, read.input);
      onSaved(saved);
    } catch (reason) {
      const error = toPublicError(reason);
      if (error.code === 'referralKeyTaken') showProblem('key', { localized: error.message });
      else if (error.field !== undefined) showProblem(error.field, { localized: error.message });
      else setProblems({ form: { localized: error.message }, fields: {} });
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && event.ctrlKey && !event.altKey) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  const error = (field: string) => messageText(i18n, problems.fields[field]);

  if (!draft) {
    return (
      <section class="referral-form-loading">
        <FormError id="referral-form-error" text={messageText(i18n, problems.form)} />
        {!problems.form && <p class="muted">{t('referral.loading')}</p>}
        <button id="referral-cancel" type="button" class="button button-secondary" onClick={onCancel}>
          {t('referralForm.cancel')}
        </button>
      </section>
    );
  }

  const textInput = (id: string, field: keyof Draft, label: MessageKey, hint?: MessageKey, inputMode?: 'email' | 'url') => (
    <Field id={id} label={t(label)} hint={hint ? t(hint) : undefined} error={error(field)}>
      {(a11y) => (
        <input
          {...a11y}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellcheck={false}
          value={draft[field] as string}
          onInput={(e) => change({ [field]: valueOf(e) } as Partial<Draft>, field)}
        />
      )}
    </Field>
  );

  const translated = (field: TranslatedField, multiline: boolean) => (
    <div class="form-row form-row-3">
      {TEXT_LANGUAGES.map((lang) => {
        const controlId = `referral-${field}-${lang}`;
        const label = t(translatedLabel(field, lang));
        const value = draft[field][lang];
        const set = (text: string) => change({ [field]: { ...draft[field], [lang]: text } } as Partial<Draft>, field);
        return (
          <Field key={lang} id={controlId} label={label} error={lang === 'lv' ? error(field) : undefined}>
            {(a11y) =>
              multiline ? (
                <textarea {...a11y} lang={lang} rows={3} value={value} onInput={(e) => set(valueOf(e))} />
              ) : (
                <input {...a11y} lang={lang} type="text" autoComplete="off" value={value} onInput={(e) => set(valueOf(e))} />
              )
            }
          </Field>
        );
      })}
    </div>
  );

  const typesError = error('serviceTypes');
  const areasError = error('areas');
  const toggle = <T,>(items: readonly T[], item: T, on: boolean) => (on ? [...items, item] : items.filter((i) => i !== item));

  return (
    <form
      id="referral-form"
      class="referral-form"
      noValidate
      aria-labelledby="referral-form-title"
      onSubmit={(e) => e.preventDefault()}
      onKeyDown={onKeyDown}
    >
      <h2 id="referral-form-title" class="referral-form-title">
        {id === null ? t('referralForm.newTitle') : t('referralForm.editTitle')}
      </h2>
      <p class="shortcut-hint">{t('referralForm.shortcuts')}</p>
      <FormError id="referral-form-error" text={messageText(i18n, problems.form)} />

      <fieldset class="form-group">
        <legend>{t('referralForm.groupNames')}</legend>
        <div class="form-row">{textInput('referral-key', 'key', 'referralForm.key', 'referralForm.keyHint')}</div>
        {translated('organisation', false)}
        {translated('service', false)}
        {translated('description', true)}
        <fieldset
          id="referral-service-types"
          class={typesError ? 'choice-group field-invalid' : 'choice-group'}
          aria-describedby={typesError ? 'referral-service-types-error' : undefined}
        >
          <legend class="choice-legend">{t('referralForm.serviceTypes')}</legend>
          <div class="choice-grid choice-grid-3">
            {SERVICE_TYPES.map((type) => (
              <label key={type} class="check">
                <input
                  id={`referral-service-type-${type}`}
                  type="checkbox"
                  checked={draft.serviceTypes.includes(type)}
                  aria-invalid={typesError ? 'true' : undefined}
                  onChange={(e) => change({ serviceTypes: toggle(draft.serviceTypes, type, e.currentTarget.checked) }, 'serviceTypes')}
                />
                <span>{t(`serviceType.${type}`)}</span>
              </label>
            ))}
          </div>
          {typesError && (
            <p id="referral-service-types-error" class="field-error">
              {typesError}
            </p>
          )}
        </fieldset>
      </fieldset>

      <fieldset class="form-group">
        <legend>{t('referralForm.groupContacts')}</legend>
        <div class="form-row">
          {textInput('referral-address', 'address', 'referralForm.address')}
          <div class="referral-confidential-field">
            {textInput('referral-confidential', 'confidentialAddress', 'referralForm.confidential', 'referralForm.confidentialHint')}
          </div>
        </div>
        <Field id="referral-phones" label={t('referralForm.phones')} hint={t('referralForm.phonesHint')} error={error('phones')}>
          {(a11y) => (
            <textarea
              {...a11y}
              class="mono"
              rows={3}
              spellcheck={false}
              value={draft.phones}
              onInput={(e) => change({ phones: valueOf(e) }, 'phones')}
            />
          )}
        </Field>
        <div class="form-row form-row-3">
          {textInput('referral-email', 'email', 'referralForm.email', undefined, 'email')}
          {textInput('referral-web', 'web', 'referralForm.web', 'referralForm.webHint', 'url')}
          {textInput('referral-messenger', 'messenger', 'referralForm.messenger')}
        </div>
        <Field id="referral-hours" label={t('referralForm.hours')} hint={t('referralForm.hoursHint')} error={error('hours')}>
          {(a11y) => (
            <input
              {...a11y}
              class="mono"
              type="text"
              autoComplete="off"
              spellcheck={false}
              placeholder="Mon-Fri 09:00-17:00; Sat 10:00-14:00"
              value={draft.hours}
              onInput={(e) => change({ hours: valueOf(e) }, 'hours')}
            />
          )}
        </Field>
        <div class="form-row">{textInput('referral-languages', 'languages', 'referralForm.languages', 'referralForm.languagesHint')}</div>
      </fieldset>

      <fieldset class="form-group">
        <legend>{t('referralForm.groupAreas')}</legend>
        <fieldset
          id="referral-areas"
          class={areasError ? 'choice-group field-invalid' : 'choice-group'}
          aria-describedby={areasError ? 'referral-areas-error' : undefined}
        >
          <legend class="visually-hidden">{t('referralForm.groupAreas')}</legend>
          <label class="check">
            <input
              id="referral-area-nationwide"
              type="checkbox"
              checked={draft.nationwide}
              aria-invalid={areasError ? 'true' : undefined}
              onChange={(e) => change({ nationwide: e.currentTarget.checked }, 'areas')}
            />
            <span>{t('referralForm.nationwide')}</span>
          </label>
          <p class="choice-legend">{t('referralForm.municipalities')}</p>
          <div class="referral-area-regions">
            {REGIONS.map((region) => (
              <fieldset key={region} class="referral-area-region">
                <legend>{t(`region.${region}`)}</legend>
                {municipalities
                  .filter((m) => m.region === region)
                  .map((m) => (
                    <label key={m.code} class="check">
                      <input
                        id={`referral-area-${m.code}`}
                        type="checkbox"
                        checked={draft.municipalities.includes(m.code)}
                        onChange={(e) =>
                          change({ municipalities: toggle(draft.municipalities, m.code, e.currentTarget.checked) }, 'areas')
                        }
                      />
                      <span>{m.name}</span>
                    </label>
                  ))}
              </fieldset>
            ))}
          </div>
          <div class="form-row">{textInput('referral-abroad', 'abroad', 'referralForm.abroad', 'referralForm.abroadHint')}</div>
          {areasError && (
            <p id="referral-areas-error" class="field-error">
              {areasError}
            </p>
          )}
        </fieldset>
      </fieldset>

      <fieldset class="form-group">
        <legend>{t('referralForm.groupNotes')}</legend>
        {translated('notes', true)}
        <div class="form-row">
          <DayField
            id="referral-verified-on"
            label={t('referralForm.verifiedOn')}
            value={draft.verifiedOn}
            error={error('verifiedOn')}
            narrow
            onInput={(text) => change({ verifiedOn: text }, 'verifiedOn')}
          />
          {textInput('referral-verified-by', 'verifiedBy', 'referralForm.verifiedBy')}
        </div>
      </fieldset>

      <div class="form-actions">
        <button id="referral-save" type="button" class="button button-primary" disabled={busy} aria-keyshortcuts="Control+Enter" onClick={() => void save()}>
          {busy ? t('referralForm.saving') : t('referralForm.save')}
        </button>
        <button id="referral-cancel" type="button" class="button button-secondary" aria-keyshortcuts="Escape" onClick={onCancel}>
          {t('referralForm.cancel')}
        </button>
      </div>
    </form>
  );
}
