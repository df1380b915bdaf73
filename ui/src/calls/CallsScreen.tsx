import { useEffect, useState } from 'preact/hooks';
import type { SessionInfo, StoredCall } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { useI18n } from '../i18n';
import { CallForm } from './CallForm';
import { CallList } from './CallList';
import { CallView } from './CallView';
import { CaseView } from './CaseView';

/** What another section asked the calls section to open with: a draft's form, or a finished call. */
export type CallsOpening = { kind: 'form'; call: StoredCall } | { kind: 'view'; id: string };

interface CallsScreenProps {
  session: SessionInfo;
  /** Opens on this instead of the list (from the overview); Back leads to the list. */
  opening?: CallsOpening | null;
}

type View =
  | { kind: 'list'; returning: boolean; erased?: boolean }
  | { kind: 'form'; call: StoredCall; mode: 'draft' | 'edit' }
  | { kind: 'view'; id: string }
  | { kind: 'case'; caseRef: string };

/**
 * The calls section: the list (with filters, follow-ups and unfinished
 * drafts), the call form, a finished call with its history and a case
 * with all its calls. All call data
 * lives in this component's state, so it goes when the main screen unmounts
 * on lock.
 */
export function CallsScreen({ session, opening = null }: CallsScreenProps) {
  const backend = useBackend();
  const { t } = useI18n();
  const [view, setView] = useState<View>(() =>
    opening === null ? { kind: 'list', returning: false } : opening.kind === 'form' ? { ...opening, mode: 'draft' } : opening,
  );
  const [countries, setCountries] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    backend.countryCodes().then(
      (codes) => current && setCountries(codes),
      // Without the codes the country list is empty; the form still works.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [backend]);

  const toList = () => setView({ kind: 'list', returning: true });

  if (view.kind === 'form') {
    return (
      <CallForm
        key={`${view.call.id}-${view.mode}`}
        session={session}
        call={view.call}
        mode={view.mode}
        countries={countries}
        onFinished={toList}
        onSavedEdit={(call) => setView({ kind: 'view', id: call.id })}
        onBack={() => (view.mode === 'edit' ? setView({ kind: 'view', id: view.call.id }) : toList())}
      />
    );
  }
  if (view.kind === 'view') {
    return (
      <CallView
        key={view.id}
        session={session}
        id={view.id}
        countries={countries}
        onEdit={(call) => setView({ kind: 'form', call, mode: 'edit' })}
        onOpenCase={(caseRef) => setView({ kind: 'case', caseRef })}
        onErased={() => setView({ kind: 'list', returning: true, erased: true })}
        onBack={toList}
      />
    );
  }
  if (view.kind === 'case') {
    return (
      <CaseView
        key={view.caseRef}
        session={session}
        caseRef={view.caseRef}
        onOpenCall={(id) => setView({ kind: 'view', id })}
        onBack={toList}
      />
    );
  }
  return (
    <>
      {view.erased && (
        <p id="calls-erased" class="form-status calls-notice" role="status">
          {t('call.erased')}
        </p>
      )}
      <CallList
        session={session}
        returning={view.returning}
        onOpenForm={(call) => setView({ kind: 'form', call, mode: 'draft' })}
        onOpenCall={(id) => setView({ kind: 'view', id })}
      />
    </>
  );
}
