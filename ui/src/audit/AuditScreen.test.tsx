import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import { auditEntry, consultant, fakeBackend, publicError, sessionFor, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { AUDIT_ACTIONS } from './labels';

afterEach(unmount);

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

/** Anna signs in twice, Juris opens and edits a call, Anna exports a report (10–12 November 2026). */
function seedLog(backend: FakeBackend) {
  backend.audit.push(
    auditEntry(1, 'signedIn', '2026-11-10T07:00:00Z', supervisor.id, null, '{"failedAttemptsBefore":0}'),
    auditEntry(2, 'callOpened', '2026-11-10T08:00:00Z', consultant.id, { kind: 'call', id: '9f1c2d-call' }),
    // 22:30 UTC on 11 November is 00:30 on 12 November in Rīga.
    auditEntry(3, 'callEdited', '2026-11-11T22:30:00Z', consultant.id, { kind: 'call', id: '9f1c2d-call' }),
    auditEntry(4, 'reportExported', '2026-11-12T09:15:00Z', supervisor.id, null, '{"format":"xlsx","publication":null}'),
    auditEntry(5, 'retentionRun', '2026-11-12T09:20:00Z', null, null, '{"anonymised":0,"cutoff":"2021-11-12T09:20:00.123456789Z"}'),
  );
}

async function openAudit(status: AppStatus = asSupervisor, prepare: (backend: FakeBackend) => void = seedLog) {
  const backend = fakeBackend(status);
  prepare(backend);
  await mount(<App backend={backend} />);
  await press('7', { altKey: true, code: 'Digit7' });
  return backend;
}

const rows = () =>
  [...document.querySelectorAll('#audit-table tbody tr')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent),
  );
const seqs = () => rows().map((cells) => cells[0]);

describe('the audit screen', () => {
  it('is not in a consultant’s navigation and Alt+7 does not open it', async () => {
    const backend = await openAudit({ ...asSupervisor, session: sessionFor(consultant) });
    expect($('#nav-audit')).toBeNull();
    expect($('#audit-table')).toBeNull();
    expect(text('#section-title')).toBe('Pārskats');
    expect(backend.auditEntries).not.toHaveBeenCalled();
  });

  it('lists entries newest first with Rīga time, names, translated actions, targets and details', async () => {
    await openAudit();
    expect(text('#section-title')).toBe('Audits');
    expect(get('#nav-audit').getAttribute('aria-current')).toBe('page');
    expect(seqs()).toEqual(['5', '4', '3', '2', '1']);
    expect(rows()[2]).toEqual(['3', '12.11.2026 00:30', 'Juris Ozols', 'Labots zvans', 'Zvans 9f1c2d-call', '']);
    expect(rows()[4]).toEqual(['1', '10.11.2026 09:00', 'Anna Bērziņa', 'Ielogošanās', '', 'failedAttemptsBefore: 0']);
    expect(rows()[0]?.[2]).toBe('Sistēma');
    expect(rows()[0]?.[5]).toBe('anonymised: 0, cutoff: 12.11.2021 11:20');
    expect(rows()[1]?.[5]).toBe('format: xlsx');
    expect(text('#audit-count')).toBe('Atbilst ierakstu: 5');
  });

  it('shows an intact chain in green with its length', async () => {
    await openAudit();
    expect(text('#audit-chain')).toBe('Audita žurnāls ir neskarts: ierakstu skaits 5');
    expect(get('#audit-chain').className).toContain('audit-chain-intact');
    expect(get('#audit-chain').getAttribute('role')).toBe('status');
  });

  it('names a broken entry of another device\'s log', async () => {
    await openAudit(asSupervisor, (backend) => {
      seedLog(backend);
      backend.verifyAuditLog.mockResolvedValue({
        entries: 9,
        firstBroken: null,
        problem: null,
        otherDevicesBroken: [{ deviceId: '7f3a9c11-0000-4000-8000-000000000001', seq: 4, problem: 'forged' }],
        gaps: [{ deviceId: '0a1b2c3d-0000-4000-8000-000000000002', after: 2, before: 6 }],
      });
    });
    const banner = get('#audit-chain');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.querySelector('.audit-chain-title')?.textContent).toBe(
      'Citas ierīces žurnāla ķēde pārtrūkst pie ieraksta 4 (ierīce 7f3a9c11): tas ir mainīts un nākamo ierakstu kontrolsummas pārrēķinātas: tā ierīce to nav parakstījusi',
    );
    expect(banner.querySelector('.audit-chain-gaps')?.textContent).toBe(
      'Ierīces 0a1b2c3d ieraksti 3–5 vēl nav saņemti',
    );
  });

  it('names the first broken entry in red and says what to do', async () => {
    await openAudit(asSupervisor, (backend) => {
      seedLog(backend);
      backend.verifyAuditLog.mockResolvedValue({
        entries: 5,
        firstBroken: 3,
        problem: 'unlinked',
        otherDevicesBroken: [],
        gaps: [],
      });
    });
    const banner = get('#audit-chain');
    expect(banner.getAttribute('role')).toBe('alert');
    expect(banner.className).toContain('audit-chain-broken');
    expect(banner.querySelector('.audit-chain-title')?.textContent).toBe(
      'Ķēde pārtrūkst pie ieraksta 3: kāds ieraksts pirms tā ir dzēsts, ievietots vai pārvietots',
    );
    expect(banner.textContent).toContain('izveidojiet rezerves kopiju');
  });

  it('labels every action the backend knows, in the filter too', async () => {
    await openAudit();
    const options = [...get<HTMLSelectElement>('#audit-action').options].map((option) => option.textContent);
    // Every action and "all actions" first.
    expect(options).toHaveLength(AUDIT_ACTIONS.length + 1);
    expect(options).toContain('Eksportēts audita žurnāls');
    expect(options).toContain('Atlikts saņemts ieraksts');
    expect(options).toContain('Izdrukāta kontaktu lapa');
    expect(options).toContain('Organizācijas izveide šajā ierīcē');
    expect(options).toContain('Zvanu tēma vai līnija atzīmēta kā neaktuāla');
    expect(options.every((label) => label && !/^[a-z]+[A-Z]/.test(label))).toBe(true);
  });

  it('filters by action and by person at once', async () => {
    const backend = await openAudit();
    await type('#audit-action', 'callEdited');
    await settle();
    expect(seqs()).toEqual(['3']);
    expect(backend.auditEntries).toHaveBeenLastCalledWith({ action: 'callEdited', actor: null, from: null, to: null, text: '' });

    await type('#audit-action', '');
    await type('#audit-person', consultant.id);
    await settle();
    expect(seqs()).toEqual(['3', '2']);
    expect(get<HTMLSelectElement>('#audit-person').selectedOptions[0]?.textContent).toBe('Juris Ozols (juris)');
  });

  it('filters by a Rīga date range and the target id when Enter is pressed', async () => {
    const backend = await openAudit();
    await type('#audit-from', '12.11.26');
    await type('#audit-to', '12.11.2026');
    get<HTMLFormElement>('#audit-filters').requestSubmit();
    await settle();
    expect(seqs()).toEqual(['5', '4', '3']);
    expect(get<HTMLInputElement>('#audit-from').value).toBe('12.11.2026');

    await type('#audit-text', '9F1C');
    await click('#audit-apply');
    expect(seqs()).toEqual(['3']);
    expect(backend.auditEntries).toHaveBeenLastCalledWith({
      action: null,
      actor: null,
      from: '2026-11-12',
      to: '2026-11-12',
      text: '9F1C',
    });

    await click('#audit-clear');
    expect(seqs()).toEqual(['5', '4', '3', '2', '1']);
    expect(get<HTMLInputElement>('#audit-text').value).toBe('');
  });

  it('says how to write an unreadable day and keeps the last filter', async () => {
    const backend = await openAudit();
    const calls = backend.auditEntries.mock.calls.length;
    await type('#audit-from', '31.02.2026');
    await click('#audit-apply');
    expect(get('#audit-from').getAttribute('aria-invalid')).toBe('true');
    expect(text('#audit-from-error')).toBe('Rakstiet datumu kā dd.mm.gggg, piem., 23.11.2026.');
    expect(document.activeElement?.id).toBe('audit-from');
    expect(backend.auditEntries.mock.calls.length).toBe(calls);
  });

  it('says so when no entry matches', async () => {
    await openAudit();
    await type('#audit-text', 'nav-tāda');
    await click('#audit-apply');
    expect(text('#audit-empty')).toBe('Neviens ieraksts neatbilst filtriem. Paplašiniet datumus vai notīriet filtrus.');
    expect($('#audit-table')).toBeNull();
  });

  it('says that a closed save window saved nothing', async () => {
    const backend = await openAudit();
    backend.exportAuditLog.mockResolvedValueOnce(null);
    await click('#audit-export-button');
    expect(text('#audit-export-result')).toBe('Nekas netika saglabāts: saglabāšanas logs tika aizvērts.');
    expect(get('#audit-export-result').className).not.toContain('form-status');
    expect(backend.verifyAuditLog).toHaveBeenCalledTimes(1);
  });

  it('exports what the filters select, says where, then shows its own entry', async () => {
    const backend = await openAudit();
    await type('#audit-person', consultant.id);
    await settle();
    backend.exportAuditLog.mockImplementationOnce((filter) => {
      backend.audit.push(auditEntry(6, 'auditExported', '2026-11-12T10:00:00Z', supervisor.id, null, '{"entries":2}'));
      return Promise.resolve({ path: '/home/anna/audit-log-2026-11-12.csv', entries: filter.actor ? 2 : 6 });
    });
    await click('#audit-export-button');
    expect(backend.exportAuditLog).toHaveBeenCalledWith({ action: null, actor: consultant.id, from: null, to: null, text: '' });
    expect(text('#audit-export-result')).toBe('Saglabāts: /home/anna/audit-log-2026-11-12.csv (ierakstu skaits 2)');
    expect(get('#audit-export-result').className).toContain('form-status');

    await type('#audit-person', '');
    await settle();
    expect(seqs()[0]).toBe('6');
    expect(rows()[0]?.[3]).toBe('Eksportēts audita žurnāls');
    expect(backend.verifyAuditLog).toHaveBeenCalledTimes(2);
  });

  it('shows a failed export as an error', async () => {
    const backend = await openAudit();
    backend.exportAuditLog.mockRejectedValueOnce(publicError('storage', 'Neizdevās ierakstīt failu.', 'Could not write the file.'));
    await click('#audit-export-button');
    expect(text('#audit-export-error')).toBe('Neizdevās ierakstīt failu.');
  });

  it('says when only the newest 500 are shown', async () => {
    const backend = await openAudit(asSupervisor, (fake) => {
      for (let seq = 1; seq <= 501; seq += 1) fake.audit.push(auditEntry(seq, 'callOpened', '2026-11-10T08:00:00Z', consultant.id));
    });
    expect(rows()).toHaveLength(500);
    expect(text('#audit-count')).toBe('Rāda jaunākos 500 no 501; sašauriniet filtrus, lai redzētu vecākus. Eksportā būs visi.');
    expect(backend.auditEntries).toHaveBeenCalled();
  });

  it('speaks English when the app does', async () => {
    await openAudit({ ...asSupervisor, language: 'en' });
    expect(text('#audit-chain')).toBe('Audit log intact: 5 entries');
    expect(rows()[2]?.slice(2, 5)).toEqual(['Juris Ozols', 'Call edited', 'Call 9f1c2d-call']);
  });
});
