import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicError, ReferralEntry, SheetLanguage } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { MOST_SHEET_CONTACTS } from '../ipc/bindings/limits';
import { type Locale, useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { ModalDialog } from '../layout/ModalDialog';
import { inLanguage } from './options';

interface ReferralSheetDialogProps {
  /** The directory entries the caller was referred to, in the order to print. */
  entryIds: readonly string[];
  /** Closed with Escape or "Close"; `printed` when a sheet was written meanwhile. */
  onClose: (printed: boolean) => void;
}

/** Whether the directory has Russian names for any of `entries`: only then is Russian offered. */
function hasRussian(entries: readonly ReferralEntry[]): boolean {
  return entries.some((entry) => entry.organisation.ru.trim() !== '' || entry.service.ru.trim() !== '');
}

/** The sheet's language at first: the UI's, unless it is Russian and the directory has none. */
function firstLanguage(locale: Locale, russian: boolean): SheetLanguage {
  return locale === 'ru' && !russian ? 'lv' : locale;
}

/**
 * The referral sheet a caller is handed: the chosen contacts with a tick each
 * (all ticked), a confidential address only where its own tick is set (none
 * at first), the language, then "Save as PDF" through the system's save
 * dialog. No case data is ever sent: only entry ids and the ticks.
 */
export function ReferralSheetDialog({ entryIds, onClose }: ReferralSheetDialogProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [entries, setEntries] = useState<ReferralEntry[] | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set(entryIds));
  const [confidential, setConfidential] = useState<ReadonlySet<string>>(new Set());
  const [language, setLanguage] = useState<SheetLanguage | null>(null);
  const [writtenTo, setWrittenTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);

  useEffect(() => {
    let current = true;
    Promise.all(entryIds.map((id) => backend.getReferral(id))).then(
      (loaded) => {
        if (!current) return;
        setEntries(loaded);
        setLanguage(firstLanguage(locale, hasRussian(loaded)));
      },
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
    // Read once per opening (the ids, not the array, which a parent may rebuild each render);
    // a UI language switch meanwhile keeps the language chosen.
  }, [backend, entryIds.join(' ')]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  function toggle(set: ReadonlySet<string>, id: string, on: boolean): ReadonlySet<string> {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  }

  const chosen = (entries ?? []).filter((entry) => ticked.has(entry.id));

  async function print() {
    if (!language || chosen.length === 0) return;
    setBusy(true);
    setProblem(null);
    setWrittenTo(null);
    try {
      const printed = await backend.printReferralSheet({
        contacts: chosen.map((entry) => ({
          entryId: entry.id,
          includeConfidentialAddress: entry.hasConfidentialAddress && confidential.has(entry.id),
        })),
        language,
      });
      if (alive.current && printed) setWrittenTo(printed.path);
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  const close = () => onClose(writtenTo !== null);
  const languages: SheetLanguage[] = entries && hasRussian(entries) ? ['lv', 'en', 'ru'] : ['lv', 'en'];
  const tooMany = chosen.length > MOST_SHEET_CONTACTS;

  return (
    <ModalDialog name="referral-sheet" title={t('sheet.title')} intro={t('sheet.intro')} ready={entries !== null} onClose={close}>
      <FormError id="referral-sheet-error" text={problem ? i18n.localize(problem.message) : undefined} />
      {entries === null && !problem && <p class="muted">{t('sheet.loading')}</p>}
      {entries && (
        <fieldset class="choice-group">
          <legend class="choice-legend">{t('sheet.contacts')}</legend>
          <ul class="print-dialog-contacts">
            {entries.map((entry) => (
              <li key={entry.id} class="print-dialog-contact">
                <label class="check">
                  <input
                    id={`referral-sheet-contact-${entry.id}`}
                    type="checkbox"
                    class="referral-sheet-contact"
                    checked={ticked.has(entry.id)}
                    onChange={(event) => setTicked(toggle(ticked, entry.id, event.currentTarget.checked))}
                  />
                  <span>
                    {inLanguage(entry.organisation, locale)} — {inLanguage(entry.service, locale)}
                  </span>
                </label>
                {entry.hasConfidentialAddress && (
                  <label class="check print-dialog-confidential">
                    <input
                      id={`referral-sheet-confidential-${entry.id}`}
                      type="checkbox"
                      class="referral-sheet-confidential"
                      checked={confidential.has(entry.id)}
                      disabled={!ticked.has(entry.id)}
                      onChange={(event) => setConfidential(toggle(confidential, entry.id, event.currentTarget.checked))}
                    />
                    <span>{t('sheet.includeConfidential')}</span>
                  </label>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {entries && language && (
        <label class="field">
          <span>{t('print.language')}</span>
          <select
            id="referral-sheet-language"
            value={language}
            onChange={(event) => setLanguage(event.currentTarget.value as SheetLanguage)}
          >
            {languages.map((code) => (
              <option key={code} value={code}>
                {t(`print.language.${code}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {tooMany && <p class="field-hint">{t('sheet.tooMany', { count: MOST_SHEET_CONTACTS })}</p>}
      <p id="referral-sheet-status" class="status-message" role="status">
        {writtenTo ? t('sheet.written', { path: writtenTo }) : ''}
      </p>
      <div class="form-actions">
        <button
          id="referral-sheet-save"
          type="button"
          class="button button-primary"
          disabled={busy || !entries || chosen.length === 0 || tooMany}
          onClick={() => void print()}
        >
          {t('print.save')}
        </button>
        <button id="referral-sheet-close" type="button" class="button button-secondary" onClick={close}>
          {t('print.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
