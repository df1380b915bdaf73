import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus, SyncReport } from '../ipc/backend';
import { fakeBackend, publicError, sessionFor, supervisor, syncStatus, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, unmount } from '../testing/dom';

const unlocked: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const english: AppStatus = { ...unlocked, language: 'en' };

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

const unreachable = publicError('serverUnreachable', 'Sinhronizācijas serveris nav sasniedzams.', 'The sync server cannot be reached.');
const notAuthorised = publicError(
  'deviceNotAuthorised',
  'Šim datoram vairs nav atļauts sinhronizēt. Vērsieties pie supervizora.',
  'This computer may no longer sync. Contact a supervisor.',
);

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

async function openApp(prepare?: (backend: FakeBackend) => void, status: AppStatus = unlocked) {
  const backend = fakeBackend(status);
  prepare?.(backend);
  await mount(<App backend={backend} />);
  return backend;
}

/** The app with the fake's sync status set to a connected one with `patch`. */
function withSync(patch: Parameters<typeof syncStatus>[0], status: AppStatus = unlocked) {
  return openApp((backend) => backend.setSyncStatus(syncStatus(patch)), status);
}

const indicator = () => get<HTMLButtonElement>('#sync-indicator');

describe('sync indicator', () => {
  it('says when sync is not set up, quietly, in the header of every section', async () => {
    await openApp();
    expect(text('#sync-state')).toBe('Nav sinhronizācijas');
    expect(indicator().tagName).toBe('BUTTON');
    expect(indicator().classList).toContain('sync-notConnected');
    expect(indicator().closest('header')).not.toBeNull();
    expect(indicator().getAttribute('aria-label')).toBe('Sinhronizācija: Nav sinhronizācijas. Sinhronizēt tagad');
    expect(indicator().getAttribute('aria-keyshortcuts')).toBe('Control+Shift+S');
    for (const key of ['3', '5', '6']) {
      await press(key, { altKey: true, code: `Digit${key}` });
      expect(text('#sync-state')).toBe('Nav sinhronizācijas');
    }
  });

  it('is keyboard reachable', async () => {
    await openApp();
    indicator().focus();
    expect(document.activeElement).toBe(indicator());
    expect(indicator().tabIndex).toBe(0);
  });

  it('speaks English when the app does', async () => {
    await openApp(undefined, english);
    expect(text('#sync-state')).toBe('Sync not set up');
  });

  it('shows a round that is running', async () => {
    await withSync({ syncing: true });
    expect(text('#sync-state')).toBe('Sinhronizē…');
    unmount();
    await withSync({ syncing: true }, english);
    expect(text('#sync-state')).toBe('Syncing…');
  });

  it('shows "offline" with the changes waiting when the server cannot be reached', async () => {
    await withSync({ lastError: unreachable, waiting: 3 });
    expect(text('#sync-state')).toBe('Bezsaistē 3 izmaiņas gaida');
    expect(indicator().classList).toContain('sync-offline');
    unmount();
    await withSync({ lastError: unreachable, waiting: 0 });
    expect(text('#sync-state')).toBe('Bezsaistē');
    expect($('#sync-waiting')).toBeNull();
    unmount();
    await withSync({ lastError: unreachable, waiting: 1 }, english);
    expect(text('#sync-state')).toBe('Offline 1 change waiting');
  });

  it('shows any other error with its message in the tooltip and the description', async () => {
    await withSync({ lastError: notAuthorised });
    expect(text('#sync-state')).toBe('Sinhronizācijas kļūda');
    expect(indicator().classList).toContain('sync-error');
    expect(indicator().title).toContain('Šim datoram vairs nav atļauts sinhronizēt.');
    expect(indicator().getAttribute('aria-describedby')).toBe('sync-details');
    expect(text('#sync-details')).toContain('Šim datoram vairs nav atļauts sinhronizēt.');

    unmount();
    await withSync({ lastError: notAuthorised }, english);
    expect(text('#sync-state')).toBe('Sync error');
    expect(indicator().title).toContain('This computer may no longer sync.');
    expect(text('#sync-details')).toContain('This computer may no longer sync.');
  });

  it('shows when it last synced and what is waiting', async () => {
    await withSync({ lastSyncedAt: ago(20) });
    expect(text('#sync-state')).toBe('Sinhronizēts tikko');
    expect(indicator().hasAttribute('aria-describedby')).toBe(false);
    unmount();
    await withSync({ lastSyncedAt: ago(5 * 60 + 10), waiting: 2 });
    expect(text('#sync-state')).toBe('Sinhronizēts pirms 5 min 2 izmaiņas gaida');
    expect(indicator().getAttribute('aria-label')).toBe(
      'Sinhronizācija: Sinhronizēts pirms 5 min, 2 izmaiņas gaida. Sinhronizēt tagad',
    );
    unmount();
    await withSync({ lastSyncedAt: ago(21 * 60), waiting: 21 });
    expect(text('#sync-state')).toBe('Sinhronizēts pirms 21 min 21 izmaiņa gaida');
    unmount();
    await withSync({ lastSyncedAt: ago(5 * 60), waiting: 2 }, english);
    expect(text('#sync-state')).toBe('Synced 5 min ago 2 changes waiting');
    unmount();
    await withSync({ lastSyncedAt: ago(10) }, english);
    expect(text('#sync-state')).toBe('Synced just now');
  });

  it('warns that received records were refused and asks to tell a supervisor', async () => {
    await withSync({ lastRefused: 2 });
    expect(text('#sync-refused')).toBe('Atteikti: 2 — ziņojiet supervizoram');
    expect(text('#sync-details')).toContain('integritātes pārbaudi');
    expect(text('#sync-details')).toContain('informējiet supervizoru');
    expect(indicator().title).toContain('atteikti saņemtie ieraksti: 2');
    unmount();
    await withSync({ lastRefused: 2 }, english);
    expect(text('#sync-refused')).toBe('Refused: 2 — tell a supervisor');
    expect(text('#sync-details')).toContain('failed the integrity check');
  });

  it('syncs when clicked, disabled while it runs, then asks for the status again', async () => {
    let finish: (report: SyncReport | null) => void = () => undefined;
    const backend = await withSync({ lastSyncedAt: ago(10 * 60), waiting: 4 });
    backend.syncNow.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const asked = backend.syncStatus.mock.calls.length;

    await click('#sync-indicator');
    expect(backend.syncNow).toHaveBeenCalledTimes(1);
    expect(indicator().disabled).toBe(true);
    expect(text('#sync-state')).toBe('Sinhronizē…');

    backend.setSyncStatus({ lastSyncedAt: ago(0), waiting: 0 });
    await act(() => finish({ pushed: 4, pulled: 0, refused: 0, quarantined: 0 }));
    await settle();
    expect(indicator().disabled).toBe(false);
    expect(backend.syncStatus.mock.calls.length).toBeGreaterThan(asked);
    expect(text('#sync-state')).toBe('Sinhronizēts tikko');
  });

  it('syncs with Ctrl+Shift+S, listed with the other shortcuts', async () => {
    const backend = await withSync({ lastSyncedAt: ago(60 * 60) });
    expect(text('.shortcuts')).toContain('Ctrl+Shift+S — sinhronizēt tagad');
    await press('S', { ctrlKey: true, shiftKey: true, code: 'KeyS' });
    expect(backend.syncNow).toHaveBeenCalledTimes(1);
    expect(text('#sync-state')).toBe('Sinhronizēts tikko');
  });

  it('shows a failed "sync now" that the status does not explain', async () => {
    const backend = await withSync({ lastSyncedAt: ago(60) });
    backend.syncNow.mockRejectedValueOnce(publicError('syncFailed', 'Sinhronizācija neizdevās.', 'Sync failed.'));
    await click('#sync-indicator');
    expect(text('#sync-state')).toBe('Sinhronizācijas kļūda');
    expect(text('#sync-details')).toBe('Sinhronizācija neizdevās.');
  });

  it('stays "not set up" when "sync now" is refused for that reason', async () => {
    const backend = await openApp();
    await click('#sync-indicator');
    expect(backend.syncNow).toHaveBeenCalledTimes(1);
    await expect(backend.syncNow.mock.results[0]!.value).rejects.toMatchObject({ code: 'syncNotConfigured' });
    expect(text('#sync-state')).toBe('Nav sinhronizācijas');
  });

  it('shows the unlock screen when "sync now" finds the app locked', async () => {
    const backend = await withSync({});
    backend.syncNow.mockRejectedValueOnce(publicError('locked', 'Bloķēts.', 'Locked.'));
    await click('#sync-indicator');
    expect($('#screen-unlock')).not.toBeNull();
    expect($('#sync-indicator')).toBeNull();
  });

  it('follows the sync-status event', async () => {
    const backend = await withSync({ lastSyncedAt: ago(3 * 60) });
    // The indicator and the session's categories (read again after each round) listen.
    expect(backend.onSyncStatus).toHaveBeenCalledTimes(2);
    await act(() => backend.emitSyncStatus({ syncing: true }));
    expect(text('#sync-state')).toBe('Sinhronizē…');
    await act(() => backend.emitSyncStatus({ syncing: false, lastSyncedAt: ago(0), lastError: unreachable, waiting: 5 }));
    expect(text('#sync-state')).toBe('Bezsaistē 5 izmaiņas gaida');
  });

  it('shows a long download advancing, in the UI language, and stops it without calling it a failure', async () => {
    const backend = await withSync({ lastSyncedAt: null });
    await act(() => backend.emitSyncStatus({ syncing: true, progress: { received: 4500, total: 20000 } }));
    expect(text('#sync-progress-text')).toMatch(/^Saņemti 4\s?500 no 20\s000 ierakstiem$/);
    expect(get<HTMLProgressElement>('#sync-progress-bar').value).toBe(4500);
    expect(get<HTMLProgressElement>('#sync-progress-bar').max).toBe(20000);
    await act(() => backend.emitSyncStatus({ syncing: true, progress: { received: 12500, total: 20000 } }));
    expect(get<HTMLProgressElement>('#sync-progress-bar').value).toBe(12500);

    await click('#sync-cancel');
    expect(backend.cancelSync).toHaveBeenCalledTimes(1);
    await act(() => backend.emitSyncStatus({ syncing: false, progress: undefined }));
    expect($('#sync-progress')).toBeNull();
    expect(text('#sync-state')).toBe('Vēl nav sinhronizēts');
    expect(indicator().classList).not.toContain('sync-error');
  });

  it('shows no progress once the round is over, even if the status still carries one', async () => {
    await withSync({ syncing: false, progress: { received: 20000, total: 20000 } });
    expect($('#sync-progress')).toBeNull();
  });

  it('asks again every 30 seconds and keeps "N min ago" current', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const backend = await withSync({ lastSyncedAt: ago(30) });
    expect(text('#sync-state')).toBe('Sinhronizēts tikko');
    const asked = backend.syncStatus.mock.calls.length;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000);
    });
    await settle();
    expect(backend.syncStatus.mock.calls.length).toBe(asked + 2);
    expect(text('#sync-state')).toBe('Sinhronizēts pirms 1 min');
  });

  it('is gone once the app locks', async () => {
    await openApp();
    await press('l', { ctrlKey: true, code: 'KeyL' });
    expect($('#sync-indicator')).toBeNull();
  });
});
