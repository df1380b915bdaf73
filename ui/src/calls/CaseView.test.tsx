import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import type { AppStatus, Case } from '../ipc/backend';
import { consultant, fakeBackend, publicError, sessionFor, storedCall, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';

afterEach(unmount);

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };

/** Two calls of case K-7QX2-14 the reader sees, the later one opened from the list; one more in another region. */
function caseOfTwo(fake: FakeBackend): Case {
  const first = storedCall('c1', 'final', {
    startedAt: '2026-11-18T08:00:00Z',
    subjects: ['forcedLabour'],
    caseRef: 'K-7QX2-14',
    followUp: { due: '2026-11-19', assignee: supervisor.id, doneAt: '2026-11-19T10:00:00Z', outcome: 'Patversme piekrita' },
    referrals: [{ to: 'Patversme “Drošā māja”', entryId: null, callerConsented: true }],
  });
  const second = storedCall('c2', 'final', {
    startedAt: '2026-11-20T09:05:00Z',
    subjects: ['sexualExploitation'],
    caseRef: 'K-7QX2-14',
    followUp: { due: '2026-11-27', assignee: supervisor.id, doneAt: null },
  });
  fake.calls.set('c1', first);
  fake.calls.set('c2', second);
  const found: Case = { caseRef: 'K-7QX2-14', calls: [first, second], elsewhere: 1 };
  fake.getCase.mockResolvedValue(found);
  return found;
}

async function openCase(status: AppStatus) {
  const backend = fakeBackend(status);
  caseOfTwo(backend);
  await mount(<App backend={backend} />);
  await click('#nav-calls');
  await click('.call-row[data-id="c2"]');
  await click('#call-open-case');
  return backend;
}

/** Lets a debounced search run, then the renders its answer causes. */
async function afterTyping() {
  await new Promise((resolve) => setTimeout(resolve, 250));
  await settle();
}

describe('a case', () => {
  it('lists its calls oldest first with what was promised and where the person was referred', async () => {
    const backend = await openCase(asSupervisor);
    expect(backend.getCase).toHaveBeenCalledWith('K-7QX2-14');
    expect(document.activeElement?.id).toBe('case-view-title');
    expect(text('#case-view-title')).toBe('Lieta K-7QX2-14');
    const rows = [...document.querySelectorAll('#case-calls .case-call')].map((row) => row.textContent);
    expect(rows[0]).toContain('18.11.2026');
    expect(rows[0]).toContain('Izdarīts 19.11.2026: Patversme piekrita');
    expect(rows[0]).toContain('Nosūtīts: Patversme “Drošā māja”');
    expect(rows[1]).toContain('līdz 27.11.2026');
    expect(text('#case-elsewhere')).toContain('zvani: 1');

    await click('#case-calls .case-call:first-child .call-row');
    expect(text('#call-view-title')).toBe('Zvans 18.11.2026 10:00');
    await click('#call-open-case');
    await press('Escape');
    expect($('#case-view')).toBeNull();
    expect($('#calls-list')).not.toBeNull();
  });

  it('is merged by a supervisor with another reference of the same person, offered while typing', async () => {
    const backend = await openCase(asSupervisor);
    backend.findCases.mockResolvedValue([
      { caseRef: 'K-7QX2-14', calls: 2, lastCallAt: '2026-11-20T09:05:00Z' },
      { caseRef: 'K-7QX2-15', calls: 2, lastCallAt: '2026-11-21T09:05:00Z' },
    ]);
    backend.mergeCases.mockResolvedValue(2);
    await type('#case-merge-from', 'K-7QX2-1');
    await afterTyping();
    expect(backend.findCases).toHaveBeenLastCalledWith('K-7QX2-1');
    const offered = [...document.querySelectorAll<HTMLOptionElement>('#case-merge-from-options option')].map((option) => option.value);
    expect(offered).toEqual(['K-7QX2-15']);
    await type('#case-merge-from', 'K-7QX2-15');
    await click('#case-merge-submit');
    expect(backend.mergeCases).toHaveBeenCalledWith('K-7QX2-15', 'K-7QX2-14');
    expect(backend.getCase).toHaveBeenCalledTimes(2);
    expect(text('#case-merge')).toContain('Pievienoti zvani: 2');
  });

  it('says why a merge was refused and keeps what was typed', async () => {
    const backend = await openCase(asSupervisor);
    backend.mergeCases.mockRejectedValue(
      publicError('invalidInput', 'Nezināma vērtība.', 'Unknown value.', { field: 'caseRef' }),
    );
    await type('#case-merge-from', 'K-7QX2-99');
    await click('#case-merge-submit');
    expect(text('#case-merge')).toContain('Nezināma vērtība.');
    expect(get<HTMLInputElement>('#case-merge-from').value).toBe('K-7QX2-99');
  });

  it('offers no merge to a consultant', async () => {
    await openCase(asConsultant);
    expect($('#case-view')).not.toBeNull();
    expect($('#case-merge')).toBeNull();
  });
});

describe('linking calls to a case', () => {
  it('filters the call list by a case reference once it is typed', async () => {
    const backend = fakeBackend(asSupervisor);
    await mount(<App backend={backend} />);
    await click('#nav-calls');
    await type('#calls-case-ref', 'k-7qx2-14');
    get('#calls-case-ref').focus();
    await press('Enter');
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ caseRef: 'k-7qx2-14' }));
  });

  it('offers known cases in the call form while the reference is typed', async () => {
    const backend = fakeBackend(asSupervisor);
    backend.findCases.mockResolvedValue([{ caseRef: 'K-7QX2-14', calls: 2, lastCallAt: '2026-11-20T09:05:00Z' }]);
    await mount(<App backend={backend} />);
    await click('#nav-calls');
    await click('#call-new');
    await type('#call-case-ref', 'K-7Q');
    await afterTyping();
    expect(backend.findCases).toHaveBeenLastCalledWith('K-7Q');
    const option = get<HTMLOptionElement>('#call-case-ref-options option');
    expect(option.value).toBe('K-7QX2-14');
    expect(option.textContent).toBe('zvani: 2, pēdējais 20.11.2026 11:05');
  });
});
