import { useState } from 'preact/hooks';
import type { Municipality, ReferralConflict, ReferralEntry } from '../ipc/backend';
import { useI18n } from '../i18n';
import { FormError } from '../forms/Field';
import { ConflictChoice } from './ConflictChoice';
import { useReferralConflicts } from './useReferralConflicts';

interface ReferralConflictsProps {
  municipalities: readonly Municipality[];
  /** A version was kept and the conflicts read again; `conflictsLeft` says whether the panel is still there. */
  onResolved: (entry: ReferralEntry, conflictsLeft: boolean) => void;
}

/** How many entries wait for a pick, with the button that shows or hides them. */
function ConflictsNotice({ count, open, onToggle }: { count: number; open: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <div id="referral-conflicts-notice" class="conflict-banner referral-conflicts-notice">
      <p>{t('referralConflicts.notice', { count })}</p>
      <button
        id="referral-conflicts-toggle"
        type="button"
        class="button button-secondary"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={open ? 'referral-conflicts' : undefined}
        onClick={onToggle}
      >
        {t(open ? 'referralConflicts.hide' : 'referralConflicts.show')}
      </button>
    </div>
  );
}

interface ConflictsPanelProps {
  conflicts: readonly ReferralConflict[];
  municipalities: readonly Municipality[];
  onResolved: (entry: ReferralEntry) => Promise<void>;
}

/** Every entry edited on two laptops at once, each with its versions to pick from. */
function ConflictsPanel({ conflicts, municipalities, onResolved }: ConflictsPanelProps) {
  const { t } = useI18n();
  return (
    <section id="referral-conflicts" class="panel referral-conflicts" aria-labelledby="referral-conflicts-title">
      <h2 id="referral-conflicts-title" class="panel-title" tabIndex={-1}>
        {t('referralConflicts.title')}
      </h2>
      <p class="panel-intro">{t('referralConflicts.intro')}</p>
      {conflicts.map((conflict) => (
        <ConflictChoice key={conflict.entryId} conflict={conflict} municipalities={municipalities} onResolved={onResolved} />
      ))}
    </section>
  );
}

/**
 * Supervisors: directory entries two laptops edited at once. A notice says
 * how many wait; it opens the panel where a version of each is kept.
 */
export function ReferralConflicts({ municipalities, onResolved }: ReferralConflictsProps) {
  const { localize } = useI18n();
  const { list, problem, reload } = useReferralConflicts();
  const [open, setOpen] = useState(false);

  async function resolved(entry: ReferralEntry) {
    const left = await reload();
    const conflictsLeft = left === null || left.length > 0;
    if (!conflictsLeft) setOpen(false);
    onResolved(entry, conflictsLeft);
  }

  const conflicts = list ?? [];
  return (
    <>
      <FormError id="referral-conflicts-error" text={problem ? localize(problem.message) : undefined} />
      {conflicts.length > 0 && <ConflictsNotice count={conflicts.length} open={open} onToggle={() => setOpen(!open)} />}
      {conflicts.length > 0 && open && (
        <ConflictsPanel conflicts={conflicts} municipalities={municipalities} onResolved={resolved} />
      )}
    </>
  );
}
