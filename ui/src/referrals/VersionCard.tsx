import type { ReferralVersion } from '../ipc/backend';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import type { Shown, VersionField } from './versionFields';

interface VersionCardProps {
  /** The card's id; its title and button add to it. */
  id: string;
  version: ReferralVersion;
  /** The version every screen shows now (the newer edit), as opposed to a rival. */
  shownNow: boolean;
  /** The fields in which the versions differ: only these are shown. */
  fields: readonly VersionField[];
  shown: Shown;
  /** The id of the entry's heading, which describes the button with the card's title. */
  entryTitleId: string;
  busy: boolean;
  onKeep: () => void;
}

/** One version of an entry edited on two laptops: who made it and when, what it says, and keeping it. */
export function VersionCard({ id, version, shownNow, fields, shown, entryTitleId, busy, onKeep }: VersionCardProps) {
  const { t } = useI18n();
  const at = formatDateTime(version.updatedAt);
  const titleId = `${id}-title`;
  return (
    <section id={id} class={shownNow ? 'referral-version referral-version-current' : 'referral-version'} aria-labelledby={titleId}>
      <h4 id={titleId} class="referral-version-title">
        {t(shownNow ? 'referralConflicts.shownNow' : 'referralConflicts.other')}
      </h4>
      <p class="referral-version-made">
        {version.updatedBy ? t('referralConflicts.madeBy', { name: version.updatedBy, at }) : t('referralConflicts.madeByUnknown', { at })}
      </p>
      {fields.length > 0 && (
        <dl class="referral-fields">
          {fields.map((field) => (
            <div key={field.name} class="referral-field">
              <dt>{t(field.label)}</dt>
              <dd>{field.text(version, shown) || t('referral.none')}</dd>
            </div>
          ))}
        </dl>
      )}
      <button
        id={`${id}-keep`}
        type="button"
        class="button button-secondary"
        disabled={busy}
        aria-describedby={`${titleId} ${entryTitleId}`}
        onClick={onKeep}
      >
        {t('referralConflicts.keep')}
      </button>
    </section>
  );
}
