import type { Referral, ReferralStatus } from '../ipc/backend';
import { useI18n } from '../i18n';
import { ChoiceSelect } from '../forms/ChoiceSelect';
import { Field } from '../forms/Field';
import { REFERRAL_STATUSES } from './options';

interface ReferralStatusFieldProps {
  id: string;
  /** The referral's number in the call, from 1. */
  number: number;
  value: ReferralStatus | undefined;
  hint?: string;
  onChange: (status: ReferralStatus) => void;
}

/** The referral with `status`, set now. */
export function withStatus(referral: Referral, status: ReferralStatus): Referral {
  return { ...referral, status, statusAt: new Date().toISOString() };
}

/** Where a referral stands; one without a status reads as made. */
export function ReferralStatusField({ id, number, value, hint, onChange }: ReferralStatusFieldProps) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t('call.referralStatus', { number })} hint={hint}>
      {(a11y) => (
        <ChoiceSelect
          a11y={a11y}
          choices={REFERRAL_STATUSES}
          value={value ?? 'made'}
          labelOf={(status) => t(`referralStatus.${status}`)}
          onChange={onChange}
        />
      )}
    </Field>
  );
}
