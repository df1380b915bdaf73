import type { Referral, ReferralStatus } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import { ReferralStatusField } from './ReferralStatusField';

interface ReferralSummaryProps {
  referrals: readonly Referral[];
  /** Given where the reader may edit the call: each status is a select that saves at once. */
  onStatus?: (index: number, status: ReferralStatus) => void;
}

/** A call's referrals: where to, the caller's consent and when, what may be passed on, and where each stands. */
export function ReferralSummary({ referrals, onStatus }: ReferralSummaryProps) {
  const { t } = useI18n();
  return (
    <ol class="referral-summary">
      {referrals.map((referral, index) => {
        const consent = !referral.callerConsented
          ? t('call.notConsented')
          : referral.consentedAt
            ? t('call.referralConsentedOn', { date: formatDateTime(referral.consentedAt) })
            : t('call.consented');
        const shared = referral.callerConsented ? (referral.shared ?? []) : [];
        const since = referral.statusAt ? t('call.referralStatusSince', { date: formatDateTime(referral.statusAt) }) : undefined;
        const status = t(`referralStatus.${referral.status ?? 'made'}`);
        return (
          <li key={index} class="referral-summary-item">
            <span class="referral-summary-to">{referral.to}</span>
            <span class="referral-summary-facts">
              {[
                consent,
                shared.length > 0 ? t('call.referralSharedList', { details: shared.map((detail) => t(`sharedDetail.${detail}`)).join(', ') }) : '',
                onStatus ? '' : [t('call.referralStatusIs', { status }), since].filter(Boolean).join(' '),
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {onStatus && (
              <ReferralStatusField
                id={`referral-status-${index}`}
                number={index + 1}
                value={referral.status}
                hint={since}
                onChange={(chosen) => onStatus(index, chosen)}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}
