// The auto-lock (the backend's `locked` event after idle time) must leave no
// sensitive screen behind: not in the DOM, and not in component state that a
// later sign-in would show again.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../ipc/backend';
import {
  auditEntry,
  consultant,
  fakeBackend,
  recordedReport,
  seedDirectory,
  sessionFor,
  storedCall,
  supervisor,
  type FakeBackend,
} from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { App } from './App';

afterEach(unmount);

const unlocked: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const SECRET = 'Slepena piezīme par zvanītāju';

async function openApp(prepare: (backend: FakeBackend) => void = () => undefined): Promise<FakeBackend> {
  const backend = fakeBackend(unlocked);
  prepare(backend);
  await mount(<App backend={backend} />);
  await click('#nav-calls');
  return backend;
}

/** Idle time is up: the backend locks by itself and tells the window. */
async function autoLock(backend: FakeBackend) {
  backend.emitLocked('idle');
  await settle();
  expect($('#screen-main')).toBeNull();
  expect($('#screen-unlock')).not.toBeNull();
  expect(backend.lock).not.toHaveBeenCalled();
}

async function signInAgain() {
  await type('#unlock-passphrase', 'garš un drošs teikums');
  await click('#unlock-submit');
}

describe('auto-lock', () => {
  it('removes an open call view and does not bring it back at the next sign-in', async () => {
    const backend = await openApp((fake) =>
      fake.calls.set('c1', storedCall('c1', 'final', { line: 'rigaLandline', notes: SECRET, caseRef: 'K-0777', adviceGiven: 'Padoms' })),
    );
    await click('.call-row[data-id="c1"]');
    expect($('#call-view')).not.toBeNull();
    expect(document.body.textContent).toContain(SECRET);

    await autoLock(backend);
    expect($('#call-view')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    expect(document.body.textContent).not.toContain('K-0777');

    const opened = backend.getCall.mock.calls.length;
    await signInAgain();
    expect(text('#section-title')).toBe('Pārskats');
    expect($('#call-view')).toBeNull();
    expect(backend.getCall.mock.calls.length).toBe(opened);
  });

  it('removes a call form being filled in', async () => {
    const backend = await openApp();
    await click('#call-new');
    await type('#call-notes', SECRET);
    await autoLock(backend);
    expect($('#call-form')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('removes the audit table and starts the next session without it', async () => {
    const backend = await openApp((fake) => {
      fake.audit.push(
        auditEntry(1, 'signedIn', '2026-11-10T07:00:00Z', supervisor.id),
        auditEntry(2, 'callOpened', '2026-11-10T08:00:00Z', consultant.id, { kind: 'call', id: 'c0ffee-secret-target' }),
      );
    });
    await press('7', { altKey: true, code: 'Digit7' });
    await type('#audit-text', 'c0ffee');
    await click('#audit-apply');
    expect(get('#audit-table').textContent).toContain('c0ffee-secret-target');

    await autoLock(backend);
    expect($('#audit-table')).toBeNull();
    expect($('#audit-chain')).toBeNull();
    expect(document.body.textContent).not.toContain('c0ffee');

    const fetched = backend.auditEntries.mock.calls.length;
    await signInAgain();
    expect(text('#section-title')).toBe('Pārskats');
    expect($('#audit-table')).toBeNull();
    expect(backend.auditEntries.mock.calls.length).toBe(fetched);

    // Opening the audit log again starts from no filter, not the last one.
    await press('7', { altKey: true, code: 'Digit7' });
    expect(get<HTMLInputElement>('#audit-text').value).toBe('');
    expect(backend.auditEntries).toHaveBeenLastCalledWith({ action: null, actor: null, from: null, to: null, text: '' });
  });

  it('removes a report and directory search results', async () => {
    const backend = await openApp((fake) => {
      fake.calls.set('c1', storedCall('c1', 'final', { line: 'rigaLandline', subjects: ['shamMarriage'], country: 'GB' }));
      // Whatever month it is now, the report shown is one core made.
      fake.runReport.mockResolvedValue(
        recordedReport('november', { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null }),
      );
      seedDirectory(fake);
    });
    await press('4', { altKey: true, code: 'Digit4' });
    await click('#reports-run');
    expect($('#report-result')).not.toBeNull();
    await autoLock(backend);
    expect($('#report-result')).toBeNull();

    await signInAgain();
    await press('3', { altKey: true, code: 'Digit3' });
    await settle();
    expect(document.querySelectorAll('.referral-row').length).toBeGreaterThan(0);
    await autoLock(backend);
    expect(document.querySelectorAll('.referral-row')).toHaveLength(0);
  });
});
