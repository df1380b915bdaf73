import { useEffect, useState } from 'preact/hooks';
import type { SessionInfo, SyncStatus } from '../ipc/backend';
import { useBackend } from '../ipc/context';
import { toPublicError } from '../ipc/errors';
import { useI18n } from '../i18n';
import { formatDateTime } from '../i18n/dates';
import { FormError } from '../forms/Field';
import { DevicesPanel } from './DevicesPanel';
import { QuarantinePanel } from './QuarantinePanel';
import { NO_SERVER_ANSWERS, ServerForm, type ServerAnswers } from './ServerForm';

interface SyncSectionProps {
  session: SessionInfo;
}

/**
 * Where this device stands with the sync server, and for a supervisor whose
 * organisation is not connected yet (e.g. "Not now" at set-up), the form
 * that connects it. Supervisors also manage the organisation's devices
 * here; consultants never see that panel.
 */
export function SyncSection({ session }: SyncSectionProps) {
  const backend = useBackend();
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [answers, setAnswers] = useState<ServerAnswers>(NO_SERVER_ANSWERS);

  useEffect(() => {
    let current = true;
    backend.syncStatus().then(
      (found) => current && setStatus(found),
      (reason: unknown) => current && setProblem(i18n.localize(toPublicError(reason).message)),
    );
    // Rounds announce their end, so "last sync" follows the indicator.
    let unsubscribe: (() => void) | undefined;
    backend
      .onSyncStatus((announced) => current && setStatus(announced))
      .then((off) => {
        if (current) unsubscribe = off;
        else off();
      })
      .catch(() => undefined);
    return () => {
      current = false;
      unsubscribe?.();
    };
  }, [backend]);

  if (problem) return <FormError id="sync-section-error" text={problem} />;
  if (!status) return <p class="muted">{t('app.loading')}</p>;

  const supervisor = session.account.role === 'supervisor';

  if (status.connected) {
    return (
      <div class="sync-panels">
        <section id="sync-section" class="panel" aria-labelledby="sync-section-title">
          <h2 id="sync-section-title" class="panel-title">
            {t('syncSection.connectedTitle')}
          </h2>
          <p id="sync-section-server">{t('syncSection.connected', { url: status.serverUrl ?? '' })}</p>
          <p>
            {status.lastSyncedAt
              ? t('syncSection.lastSync', { at: formatDateTime(status.lastSyncedAt) })
              : t('syncSection.neverSynced')}
          </p>
          <p class="muted">{t(supervisor ? 'syncSection.howToSupervisor' : 'syncSection.howTo')}</p>
        </section>
        {supervisor && <QuarantinePanel count={status.quarantined} />}
        {supervisor && <DevicesPanel connected />}
      </div>
    );
  }

  if (!supervisor) {
    return (
      <section id="sync-section" class="panel" aria-labelledby="sync-section-title">
        <h2 id="sync-section-title" class="panel-title">
          {t('syncSection.notConnectedTitle')}
        </h2>
        <p>{t('syncSection.consultant')}</p>
      </section>
    );
  }

  return (
    <div class="sync-panels">
      <section id="sync-section" class="panel" aria-labelledby="sync-section-title">
        <h2 id="sync-section-title" class="panel-title">
          {t('syncSection.notConnectedTitle')}
        </h2>
        <p class="panel-intro">{t('setup.serverIntro')}</p>
        <ServerForm answers={answers} onAnswers={setAnswers} onConnected={setStatus} />
      </section>
      <DevicesPanel connected={false} />
    </div>
  );
}
