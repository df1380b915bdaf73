import { useRef, useState } from 'preact/hooks';
import type { Category, CategoryKind, CtdcExploitation, Texts } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { Field, FormError, FormStatus } from '../forms/Field';
import { useFocusFirstInvalid, valueOf } from '../forms/focus';
import { type FormProblems, messageText, noProblems, problemsFrom } from '../forms/problems';
import { CATEGORY_KINDS } from '../categories/choices';
import { inLanguage } from '../referrals/options';

type CategoryField = 'code' | 'lv' | 'en' | 'ru' | 'ctdc';

/** The backend's field names, as `invalidInput` gives them. */
const FIELD_FOR: Readonly<Record<string, CategoryField>> = {
  code: 'code',
  'names.lv': 'lv',
  'names.en': 'en',
  'names.ru': 'ru',
};

const CTDC_TYPES: readonly CtdcExploitation[] = ['sexual', 'forcedLabour', 'other', 'none'];

const NAME_FIELDS = [
  { lang: 'lv', label: 'settings.addCategory.nameLv' },
  { lang: 'en', label: 'settings.addCategory.nameEn' },
  { lang: 'ru', label: 'settings.addCategory.nameRu' },
] as const;

const NO_NAMES: Texts = { lv: '', en: '', ru: '' };

interface AddCategoryFormProps {
  /** Resolves once the list shows the new category. */
  onAdded: () => Promise<unknown>;
}

/**
 * Supervisors: a new call subject (with its CTDC type) or line, named in
 * Latvian and English (Russian optional). A line has no CTDC type to choose:
 * core counts it as none.
 */
export function AddCategoryForm({ onAdded }: AddCategoryFormProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [code, setCode] = useState('');
  const [names, setNames] = useState<Texts>(NO_NAMES);
  const [kind, setKind] = useState<CategoryKind>('subject');
  const [ctdc, setCtdc] = useState<CtdcExploitation | ''>('');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<Category | null>(null);
  const [problems, setProblems] = useState<FormProblems<CategoryField>>(noProblems);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, problems);

  const fieldError = (field: CategoryField) => messageText(i18n, problems.fields[field]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setAdded(null);
    const sentCtdc = kind === 'line' ? 'none' : ctdc || null;
    if (sentCtdc === null) {
      setProblems({ fields: { ctdc: { key: 'settings.addCategory.ctdcMissing' } } });
      return;
    }
    setProblems(noProblems());
    setBusy(true);
    try {
      const category = await backend.addCategory({ code, kind, names, ctdc: sentCtdc });
      await onAdded();
      setAdded(category);
      // The kind stays: several lines, or several subjects, are often added in a row.
      setCode('');
      setNames(NO_NAMES);
      setCtdc('');
    } catch (reason) {
      const error = toPublicError(reason);
      // A taken code is the code field's problem, though core names no field for it.
      setProblems(
        error.code === 'categoryCodeTaken' ? { fields: { code: { localized: error.message } } } : problemsFrom(error, FIELD_FOR),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="category-add-title">
      <h2 id="category-add-title" class="panel-title">
        {t('settings.addCategory.title')}
      </h2>
      <form ref={form} class="form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
        <FormError text={messageText(i18n, problems.form)} />
        <div class="form-row form-row-3">
          <Field id="category-add-kind" label={t('settings.addCategory.kind')}>
            {(a11y) => (
              <ChoiceSelect
                a11y={a11y}
                choices={CATEGORY_KINDS}
                value={kind}
                labelOf={(choice) => t(`settings.addCategory.kind.${choice}`)}
                onChange={setKind}
              />
            )}
          </Field>
          <Field id="category-add-code" label={t('settings.addCategory.code')} hint={t('settings.addCategory.codeHint')} error={fieldError('code')}>
            {(a11y) => (
              <input
                {...a11y}
                class="mono"
                type="text"
                autoComplete="off"
                autoCapitalize="off"
                spellcheck={false}
                value={code}
                onInput={(e) => setCode(valueOf(e))}
              />
            )}
          </Field>
          {kind === 'subject' && (
            <Field id="category-add-ctdc" label={t('settings.addCategory.ctdc')} hint={t('settings.addCategory.ctdcHint')} error={fieldError('ctdc')}>
              {(a11y) => (
                <ChoiceSelect
                  a11y={a11y}
                  choices={['', ...CTDC_TYPES]}
                  value={ctdc}
                  labelOf={(choice) => (choice === '' ? t('call.choose') : t(`ctdc.${choice}`))}
                  onChange={setCtdc}
                />
              )}
            </Field>
          )}
        </div>
        <div class="form-row form-row-3">
          {NAME_FIELDS.map(({ lang, label }) => (
            <Field key={lang} id={`category-add-name-${lang}`} label={t(label)} error={fieldError(lang)}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="text"
                  lang={lang}
                  autoComplete="off"
                  value={names[lang]}
                  onInput={(e) => setNames({ ...names, [lang]: valueOf(e) })}
                />
              )}
            </Field>
          ))}
        </div>
        <div class="form-actions">
          <button id="category-add-submit" type="submit" class="button button-primary" disabled={busy}>
            {busy ? t('settings.addCategory.busy') : t(`settings.addCategory.submit.${kind}`)}
          </button>
        </div>
        <FormStatus
          text={added === null ? undefined : t(`settings.addCategory.done.${added.kind}`, { name: inLanguage(added.names, locale) })}
        />
      </form>
    </section>
  );
}
