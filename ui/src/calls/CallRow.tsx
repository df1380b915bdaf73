import type { StoredCall } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime, formatDay } from '../i18n/dates';
import { useCategoryNames } from '../categories/names';

/** One finished call in the list: opens on click or Enter. */
export function CallRow({ call, onOpen }: { call: StoredCall; onOpen: () => void }) {
  const { t } = useI18n();
  const names = useCategoryNames();
  const d = call.details;
  const subjects = names.subjects(d.subjects);
  return (
    <li>
      <button type="button" class="call-row" data-id={call.id} onClick={onOpen}>
        <span class="call-row-time">{formatDateTime(d.startedAt)}</span>
        <span class="call-row-line">{d.line ? names.name(d.line) : t('calls.noLine')}</span>
        {/* A call without a conversation has no subject: its outcome says what it was. */}
        <span class="call-row-subjects">{subjects || (d.outcome ? t(`callOutcome.${d.outcome}`) : t('calls.noSubjects'))}</span>
        <span class="badges">
          {d.immediateDanger && <span class="badge badge-danger">{t('calls.danger')}</span>}
          {d.risk && <span class={`badge badge-risk-${d.risk}`}>{t('calls.risk', { level: t(`risk.${d.risk}`) })}</span>}
          {d.caseRef && <span class="badge badge-case">{t('calls.caseRef', { caseRef: d.caseRef })}</span>}
          {call.editedOnTwoDevices && <span class="badge badge-conflict">{t('calls.conflict')}</span>}
          {d.followUp && !d.followUp.doneAt && (
            <span class="badge badge-due">{t('calls.due', { date: formatDay(d.followUp.due) })}</span>
          )}
        </span>
      </button>
    </li>
  );
}
