import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import { consultant, fakeBackend, publicError, sessionFor, supervisor, syncStatus, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, press, text, type, unmount } from '../testing/dom';

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };

afterEach(() => unmount());

async function openSync(status: AppStatus, prepare?: (backend: FakeBackend) => void) {
  const backend = fakeBackend(status);
  prepare?.(backend);
  await mount(<App backend={backend} />);
  await press('5', { altKey: true, code: 'Digit5' });
  return backend;
}

describe('the sync section', () => {
  it('lets a supervisor connect the server skipped at set-up, with errors beside the fields', async () => {
    const backend = await openSync(asSupervisor);
    expect(text('#sync-section-title')).toBe('Šis dators nav pieslēgts serverim');
    backend.registerSyncServer.mockRejectedValueOnce(publicError('serverUnreachable', 'Nevar sasniegt.', 'Cannot reach.'));
    await type('#server-url', 'https://sync.example.lv');
    await type('#server-device-name', 'Rīgas birojs 1');
    await click('#server-connect');
    expect(get('#server-url').getAttribute('aria-invalid')).toBe('true');
    expect(text('#server-url-error')).toContain('Serveri nevar sasniegt');

    await click('#server-connect');
    expect(text('#sync-section-server')).toContain('https://sync.example.lv');
  });

  it('tells a consultant whose computer is not connected what to ask for', async () => {
    await openSync(asConsultant);
    expect(text('#sync-section')).toContain('pieslēgšanas failu un kodu');
    expect($('#server-url')).toBeNull();
  });

  it('names the server and the last sync when connected, following each round', async () => {
    const backend = await openSync(asSupervisor, (fake) => fake.setSyncStatus(syncStatus({ lastSyncedAt: null })));
    expect(text('#sync-section-server')).toContain('https://sync.example.lv');
    expect(text('#sync-section')).toContain('Vēl nav sinhronizēts');
    await act(() => backend.emitSyncStatus({ lastSyncedAt: '2026-11-23T08:00:00Z' }));
    expect(text('#sync-section')).toContain('23.11.2026');
  });

  it('shows a supervisor the records set aside: what, why, from which device and when, never their content', async () => {
    await openSync(asSupervisor, (fake) => {
      fake.setSyncStatus(syncStatus({ quarantined: 1 }));
      fake.quarantined.push({
        envelopeId: 'env-1',
        kind: 'call',
        recordId: 'call-9',
        fromDevice: '7f3a9c21-5d0e-4b7a-9e43-2b7d0c51a9e6',
        reason: 'futureStamp',
        quarantinedAt: '2026-11-23T08:00:00Z',
      });
    });
    expect(text('#quarantine-title')).toBe('Atliktie ieraksti');
    const row = text('#quarantine-table tbody tr');
    expect(row).toContain('Zvans');
    expect(row).toContain('Laiks vairāk nekā dienu priekšā servera pulkstenim');
    expect(row).toContain('7f3a9c21');
    expect(row).toContain('23.11.2026');
  });

  it('names the device a set-aside record came from when the server lists it', async () => {
    await openSync(asSupervisor, (fake) => {
      fake.setSyncStatus(syncStatus({ quarantined: 1 }));
      fake.quarantined.push({
        envelopeId: 'env-2',
        kind: 'referral',
        recordId: 'ref-9',
        fromDevice: 'dev-0',
        reason: 'unreadable',
        quarantinedAt: '2026-11-23T08:00:00Z',
      });
    });
    const row = text('#quarantine-table tbody tr');
    expect(row).toContain('Kataloga ieraksts');
    expect(row).toContain('Rīgas birojs 1');
  });

  it('says why a record from a device not allowed to write it was set aside', async () => {
    await openSync(asSupervisor, (fake) => {
      fake.setSyncStatus(syncStatus({ quarantined: 1 }));
      fake.quarantined.push({
        envelopeId: 'env-3',
        kind: 'account',
        recordId: 'acc-9',
        fromDevice: '7f3a9c21-5d0e-4b7a-9e43-2b7d0c51a9e6',
        reason: 'notPermitted',
        quarantinedAt: '2026-11-23T08:00:00Z',
      });
    });
    const row = text('#quarantine-table tbody tr');
    expect(row).toContain('Konts');
    expect(row).toContain('Rakstījusi ierīce, kurai to nav atļauts rakstīt');
  });

  it('says so when nothing is set aside, and shows a consultant no quarantine at all', async () => {
    await openSync(asSupervisor, (fake) => fake.setSyncStatus(syncStatus()));
    expect(text('#quarantine-empty')).toBe('Visi saņemtie ieraksti ir pieņemti.');
    unmount();
    await openSync(asConsultant, (fake) => fake.setSyncStatus(syncStatus()));
    expect(text('#sync-section-server')).toContain('https://sync.example.lv');
    expect($('#quarantine')).toBeNull();
  });
});
