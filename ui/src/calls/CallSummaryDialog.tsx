import { useEffect, useRef, useState } from 'preact/hooks';
import type { Language, PublicError, SummaryPart } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { SUMMARY_DEFAULT_PARTS, SUMMARY_PARTS } from '../ipc/bindings/limits';
import { ALL_LOCALES, useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { ModalDialog } from '../layout/ModalDialog';

/** The text typed during the call: printed only when ticked on purpose. */
const FREE_TEXT: readonly SummaryPart[] = ['referrals', 'advice', 'notes'];

interface CallSummaryDialogProps {
  callId: string;
  onClose: () => void;
}

/**
 * One call's summary as a PDF: the parts to include (everything but the free
 * text ticked at first), the language, then "Save as PDF" through the
 * system's save dialog. The backend prints it only for whoever may open the call.
 */
export function CallSummaryDialog({ callId, onClose }: CallSummaryDialogProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [parts, setParts] = useState<ReadonlySet<SummaryPart>>(new Set(SUMMARY_DEFAULT_PARTS));
  const [language, setLanguage] = useState<Language>(locale);
  const [writtenTo, setWrittenTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [busy, setBusy] = useState(false);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  function tick(part: SummaryPart, on: boolean) {
    const next = new Set(parts);
    if (on) next.add(part);
    else next.delete(part);
    setParts(next);
  }

  async function print() {
    setBusy(true);
    setProblem(null);
    setWrittenTo(null);
    try {
      const printed = await backend.printCallSummary({
        callId,
        parts: SUMMARY_PARTS.filter((part) => parts.has(part)),
        language,
      });
      if (alive.current && printed) setWrittenTo(printed.path);
    } catch (reason) {
      if (alive.current) setProblem(toPublicError(reason));
    } finally {
      if (alive.current) setBusy(false);
    }
  }

  return (
    <ModalDialog name="call-summary" title={t('summary.title')} intro={t('summary.intro')} ready onClose={onClose}>
      <FormError id="call-summary-error" text={problem ? i18n.localize(problem.message) : undefined} />
      <fieldset class="choice-group">
        <legend class="choice-legend">{t('summary.parts')}</legend>
        <ul class="print-dialog-contacts">
          {SUMMARY_PARTS.map((part) => (
            <li key={part}>
              <label class="check">
                <input
                  id={`call-summary-part-${part}`}
                  type="checkbox"
                  class="call-summary-part"
                  checked={parts.has(part)}
                  onChange={(event) => tick(part, event.currentTarget.checked)}
                />
                <span>
                  {t(`summary.part.${part}`)}
                  {FREE_TEXT.includes(part) && <span class="muted"> — {t('summary.freeText')}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label class="field">
        <span>{t('print.language')}</span>
        <select id="call-summary-language" value={language} onChange={(event) => setLanguage(event.currentTarget.value as Language)}>
          {ALL_LOCALES.map((code) => (
            <option key={code} value={code}>
              {t(`print.language.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <p id="call-summary-status" class="status-message" role="status">
        {writtenTo ? t('summary.written', { path: writtenTo }) : ''}
      </p>
      <div class="form-actions">
        <button
          id="call-summary-save"
          type="button"
          class="button button-primary"
          disabled={busy || parts.size === 0}
          onClick={() => void print()}
        >
          {t('print.save')}
        </button>
        <button id="call-summary-close" type="button" class="button button-secondary" onClick={onClose}>
          {t('print.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
