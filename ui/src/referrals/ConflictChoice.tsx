import { useState } from 'preact/hooks';
import type { Municipality, PublicError, ReferralConflict, ReferralEntry } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { countryNamer } from '../calls/options';
import { inLanguage } from './options';
import { differingFields } from './versionFields';
import { VersionCard } from './VersionCard';

interface ConflictChoiceProps {
  conflict: ReferralConflict;
  municipalities: readonly Municipality[];
  /** A version was kept: the caller reads the conflicts and the directory again. */
  onResolved: (entry: ReferralEntry) => Promise<void>;
}

/**
 * One entry edited on two laptops: its versions side by side, the one shown
 * now first, each with only the fields that differ and a button to keep it.
 * A refusal stays above the versions.
 */
export function ConflictChoice({ conflict, municipalities, onResolved }: ConflictChoiceProps) {
  const backend = useBackend();
  const { t, locale, localize } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const versions = [conflict.current, ...conflict.rivals];
  const fields = differingFields(versions);
  const shown = { t, locale, municipalities, countryName: countryNamer(locale) };
  const id = `referral-conflict-${conflict.entryId}`;
  const titleId = `${id}-title`;

  async function keep(stamp: string) {
    setBusy(true);
    setProblem(null);
    try {
      await onResolved(await backend.resolveReferralConflict(conflict.entryId, stamp));
    } catch (reason) {
      setProblem(toPublicError(reason));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article id={id} class="referral-conflict" aria-labelledby={titleId}>
      <h3 id={titleId} class="referral-conflict-title">
        {inLanguage(conflict.current.entry.organisation, locale)}
      </h3>
      <FormError id={`${id}-error`} text={problem ? localize(problem.message) : undefined} />
      {fields.length === 0 && <p>{t('referralConflicts.same')}</p>}
      <div class="referral-conflict-versions">
        {versions.map((version, index) => (
          <VersionCard
            key={version.stamp}
            id={`${id}-version-${index}`}
            version={version}
            shownNow={index === 0}
            fields={fields}
            shown={shown}
            entryTitleId={titleId}
            busy={busy}
            onKeep={() => void keep(version.stamp)}
          />
        ))}
      </div>
    </article>
  );
}
