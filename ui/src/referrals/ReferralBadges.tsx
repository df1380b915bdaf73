import type { ReferralEntry } from '../ipc/backend';
import { useI18n } from '../i18n';

/** Open or closed now, retired, needs verification, has a confidential address. */
export function ReferralBadges({ entry }: { entry: ReferralEntry }) {
  const { t } = useI18n();
  return (
    <span class="badges">
      {entry.retired && <span class="badge badge-retired">{t('referrals.retired')}</span>}
      {entry.openNow === true && <span class="badge badge-open">{t('referrals.openNow')}</span>}
      {entry.openNow === false && <span class="badge">{t('referrals.closedNow')}</span>}
      {entry.needsVerification && <span class="badge badge-verify">{t('referrals.needsVerification')}</span>}
      {entry.hasConfidentialAddress && <span class="badge badge-confidential">{t('referrals.confidentialMarker')}</span>}
    </span>
  );
}
