import { useEffect, useRef, useState } from 'preact/hooks';
import type { Case, PublicError, SessionInfo } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDay, rigaDay } from '../i18n/dates';
import { FormError } from '../forms/Field';
import { CallRow } from './CallRow';
import { CaseMerge } from './CaseMerge';

interface CaseViewProps {
  session: SessionInfo;
  caseRef: string;
  onOpenCall: (id: string) => void;
  onBack: () => void;
}

/**
 * A case: every call of one person the reader may see, oldest first, each
 * with what was promised and where the person was referred, so whoever
 * takes the next call knows the story. A consultant learns only that the
 * person also called another region's line; a supervisor merges a second
 * reference of the same person into this one.
 */
export function CaseView({ session, caseRef, onOpenCall, onBack }: CaseViewProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [found, setFound] = useState<Case | null>(null);
  const [problem, setProblem] = useState<PublicError | null>(null);
  const [asked, setAsked] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    backend.getCase(caseRef).then(
      (answer) => current && setFound(answer),
      (reason: unknown) => current && setProblem(toPublicError(reason)),
    );
    return () => {
      current = false;
    };
  }, [backend, caseRef, asked]);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section
      id="case-view"
      class="call-view"
      aria-labelledby="case-view-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement)) {
          event.preventDefault();
          onBack();
        }
      }}
    >
      <div class="call-form-head">
        <h2 id="case-view-title" class="call-form-title" tabIndex={-1} ref={heading}>
          {t('case.title', { caseRef })}
        </h2>
        <div class="form-actions">
          <button id="case-view-back" type="button" class="button button-secondary" aria-keyshortcuts="Escape" onClick={onBack}>
            {t('call.back')}
          </button>
        </div>
      </div>
      <FormError text={problem ? i18n.localize(problem.message) : undefined} />
      {found && (
        <>
          <p id="case-count" class="muted">
            {t('case.calls', { count: found.calls.length })}
          </p>
          {found.elsewhere > 0 && (
            <p id="case-elsewhere" class="notice" role="note">
              {t('case.elsewhere', { count: found.elsewhere })}
            </p>
          )}
          <ol id="case-calls" class="call-rows">
            {found.calls.map((call) => {
              const followUp = call.details.followUp;
              return (
                <li key={call.id} class="case-call">
                  <ul class="call-rows">
                    <CallRow call={call} onOpen={() => onOpenCall(call.id)} />
                  </ul>
                  {(followUp || call.details.referrals.length > 0) && (
                    <p class="case-call-work">
                      {[
                        followUp &&
                          (followUp.doneAt
                            ? [t('call.followUpDoneOn', { date: formatDay(rigaDay(new Date(followUp.doneAt))) }), followUp.outcome]
                                .filter(Boolean)
                                .join(': ')
                            : t('followUps.due', { date: formatDay(followUp.due) })),
                        call.details.referrals.length > 0 &&
                          t('case.referredTo', { names: call.details.referrals.map((referral) => referral.to).join(', ') }),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          {session.account.role === 'supervisor' && (
            <CaseMerge into={found.caseRef} onMerged={() => setAsked((count) => count + 1)} />
          )}
        </>
      )}
    </section>
  );
}
