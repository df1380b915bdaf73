// What the sync indicator says, worked out from the backend's `SyncStatus`.
import type { PublicError, SyncStatus } from '../ipc/backend';
import { pluralKey, type Locale, type Translate } from '../i18n';
import { formatDateTime } from '../i18n/dates';

/** The backend is asked again (and "N min ago" redrawn) this often. */
export const SYNC_POLL_MS = 30_000;

export type SyncState = 'notConnected' | 'syncing' | 'offline' | 'error' | 'ok';

/**
 * The one state to show. `problem` is a refusal the indicator met itself (the
 * status could not be read, or "sync now" failed without the status saying why);
 * `running` is true while its own "sync now" is under way.
 */
export function syncState(status: SyncStatus | null, problem: PublicError | null, running: boolean): SyncState {
  if (status && !status.connected && !problem) return 'notConnected';
  if (running || status?.syncing) return 'syncing';
  const error = problem ?? status?.lastError ?? null;
  if (error) return error.code === 'serverUnreachable' ? 'offline' : 'error';
  return 'ok';
}

/** "Synced just now", "… 5 min ago", "… 3 h ago", or the time itself after a day. */
export function syncedText(t: Translate, lastSyncedAt: string | null, now: number): string {
  if (!lastSyncedAt) return t('sync.never');
  const minutes = Math.floor((now - Date.parse(lastSyncedAt)) / 60_000);
  if (!(minutes >= 1)) return t('sync.justNow');
  if (minutes < 60) return t('sync.minutesAgo', { minutes });
  if (minutes < 24 * 60) return t('sync.hoursAgo', { hours: Math.floor(minutes / 60) });
  return t('sync.syncedAt', { date: formatDateTime(lastSyncedAt) });
}

export function stateText(t: Translate, state: SyncState, status: SyncStatus | null, now: number): string {
  switch (state) {
    case 'notConnected':
      return t('sync.notConnected');
    case 'syncing':
      return t('sync.syncing');
    case 'offline':
      return t('sync.offline');
    case 'error':
      return t('sync.error');
    case 'ok':
      return syncedText(t, status?.lastSyncedAt ?? null, now);
  }
}

export function waitingText(t: Translate, locale: Locale, count: number): string {
  return t(pluralKey(locale, count, 'sync.waitingOne', 'sync.waitingOther'), { count });
}
