import type { Referral, SharedDetail } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import { SHARED_DETAILS } from './options';

interface ReferralConsentProps {
  index: number;
  referral: Referral;
  /** Changes the referral as it is when the change lands. */
  onChange: (update: (referral: Referral) => Referral) => void;
}

/** Ticked: the caller consents now. Unticked: no consent, so nothing may be passed on either. */
function consenting(referral: Referral, consented: boolean): Referral {
  const { consentedAt: _consentedAt, shared: _shared, ...rest } = referral;
  return consented ? { ...rest, callerConsented: true, consentedAt: new Date().toISOString() } : { ...rest, callerConsented: false };
}

function sharing(referral: Referral, detail: SharedDetail, on: boolean): Referral {
  const shared = referral.shared ?? [];
  return { ...referral, shared: SHARED_DETAILS.filter((item) => (item === detail ? on : shared.includes(item))) };
}

/** The caller's consent to a referral, when it was given, and what they agreed may be passed on. */
export function ReferralConsent({ index, referral, onChange }: ReferralConsentProps) {
  const { t } = useI18n();
  const id = `call-referral-${index}`;
  const shared = referral.shared ?? [];
  return (
    <>
      <label class="check">
        <input
          id={`${id}-consent`}
          type="checkbox"
          checked={referral.callerConsented}
          onChange={(e) => {
            const consented = e.currentTarget.checked;
            onChange((current) => consenting(current, consented));
          }}
        />
        <span>{t('call.referralConsent')}</span>
      </label>
      {referral.callerConsented && referral.consentedAt && (
        <span id={`${id}-consented-at`} class="call-referral-consented-at">
          {t('call.referralConsentedAt', { date: formatDateTime(referral.consentedAt) })}
        </span>
      )}
      {referral.callerConsented && (
        <fieldset id={`${id}-shared`} class="choice-group call-referral-shared">
          <legend class="choice-legend">{t('call.referralShared', { number: index + 1 })}</legend>
          <div class="choice-grid">
            {SHARED_DETAILS.map((detail) => (
              <label key={detail} class="check">
                <input
                  id={`${id}-shared-${detail}`}
                  type="checkbox"
                  checked={shared.includes(detail)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    onChange((current) => sharing(current, detail, on));
                  }}
                />
                <span>{t(`sharedDetail.${detail}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </>
  );
}
