import type { Account, Region } from '../ipc/backend';
import { useI18n } from '../i18n';
import { Field } from '../forms/Field';
import { valueOf } from '../forms/focus';
import { useColleagues } from './colleagues';

interface AssigneeFieldProps {
  /** The call's region: its consultants and every supervisor are offered. */
  region: Region;
  /** The signed-in person, marked as "me" in the list. */
  me: Account;
  /** The account the follow-up is assigned to now. */
  value: string;
  onChange: (assignee: string) => void;
}

/**
 * Who does the follow-up: oneself by default, or a colleague of the call's
 * region. The current assignee stays selectable even when this laptop does
 * not know them (yet), so opening a call never reassigns it silently.
 */
export function AssigneeField({ region, me, value, onChange }: AssigneeFieldProps) {
  const { t } = useI18n();
  const colleagues = useColleagues(region);
  const known = colleagues.some((colleague) => colleague.id === value);
  return (
    <Field id="call-follow-up-assignee" label={t('call.followUpAssignee')}>
      {(a11y) => (
        <select {...a11y} value={value} onChange={(event) => onChange(valueOf(event))}>
          {!known && (
            <option value={value}>{value === me.id ? t('call.followUpMe', { name: me.displayName }) : t('followUps.unknownColleague')}</option>
          )}
          {colleagues.map((colleague) => (
            <option key={colleague.id} value={colleague.id}>
              {colleague.id === me.id ? t('call.followUpMe', { name: colleague.displayName }) : colleague.displayName}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
