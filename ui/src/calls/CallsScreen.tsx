import { useEffect, useState } from 'preact/hooks';
import type { Backend, SessionInfo, StoredCall } from '../ipc/backend';
import { toPublicError } from '../ipc/errors';
import { CallForm } from './CallForm';
import { CallList } from './CallList';
import { CallView } from './CallView';

interface CallsScreenProps {
  backend: Backend;
  session: SessionInfo;
  /** A command was refused because the backend had locked already. */
  onLockedElsewhere: () => void;
}

type View =
  | { kind: 'list'; returning: boolean }
  | { kind: 'form'; call: StoredCall; mode: 'draft' | 'edit' }
  | { kind: 'view'; id: string };

/**
 * The calls section: the list (with filters, follow-ups and unfinished
 * drafts), the call form and a finished call with its history. All call data
 * lives in this component's state, so it goes when the main screen unmounts
 * on lock.
 */
export function CallsScreen({ backend, session, onLockedElsewhere }: CallsScreenProps) {
  const [view, setView] = useState<View>({ kind: 'list', returning: false });
  const [countries, setCountries] = useState<string[]>([]);

  /** Reports a refused command; tells the app when the refusal was "locked". */
  function failed(reason: unknown) {
    const error = toPublicError(reason);
    if (error.code === 'locked') onLockedElsewhere();
    return error;
  }

  useEffect(() => {
    let current = true;
    backend.countryCodes().then(
      (codes) => current && setCountries(codes),
      (reason: unknown) => failed(reason),
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
        backend={backend}
        session={session}
        call={view.call}
        mode={view.mode}
        countries={countries}
        failed={failed}
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
        backend={backend}
        session={session}
        id={view.id}
        countries={countries}
        failed={failed}
        onEdit={(call) => setView({ kind: 'form', call, mode: 'edit' })}
        onBack={toList}
      />
    );
  }
  return (
    <CallList
      backend={backend}
      session={session}
      returning={view.returning}
      failed={failed}
      onOpenForm={(call) => setView({ kind: 'form', call, mode: 'draft' })}
      onOpenCall={(id) => setView({ kind: 'view', id })}
    />
  );
}
