import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { axeProblems } from '../testing/axe';
import { App } from '../app/App';
import type { AppStatus, FollowUpItem, StoredCall } from '../ipc/backend';
import {
  colleague,
  consultant,
  fakeBackend,
  publicError,
  recordedReport,
  secondConsultant,
  sessionFor,
  storedCall,
  supervisor,
  syncStatus,
  useFixtureState,
  type FakeBackend,
} from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, unmount } from '../testing/dom';
import { weekSoFar } from '../reports/period';

const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };
const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };

// Wednesday 25 November 2026, noon in Rīga: the week so far is Monday 23rd to today.
const TODAY = '2026-11-25';
const MONDAY = '2026-11-23';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T10:00:00Z'));
});

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

/** The app unlocked on `status`'s account after `prepare` seeded the fake: it opens on the overview. */
async function openOverview(status: AppStatus, prepare: (backend: FakeBackend) => void = () => undefined): Promise<FakeBackend> {
  const backend = fakeBackend(status);
  prepare(backend);
  await mount(<App backend={backend} />);
  return backend;
}

/** An open follow-up of call `id`, due on `due`, assigned to `account` (null: an account this laptop does not know). */
function followUp(id: string, due: string, overdue: boolean, account: typeof consultant | null): FollowUpItem {
  const call = storedCall(id, 'final', {
    caseRef: `K-${id}`,
    line: 'latgale',
    followUp: { due, assignee: account?.id ?? 'acc-unknown', doneAt: null },
  });
  return { call, overdue, assignee: account ? colleague(account) : null };
}

const rows = (selector: string) =>
  [...document.querySelectorAll(`${selector} tbody tr`)].map((row) =>
    [...row.children].map((cell) => cell.textContent?.trim()),
  );

describe('the overview', () => {
  it('is the first section, on Alt+1, and the one shown after unlocking', async () => {
    await openOverview(asConsultant);
    expect(text('#section-title')).toBe('Pārskats');
    expect(document.querySelector('.nav-link')?.id).toBe('nav-overview');
    expect(get('#nav-overview').getAttribute('aria-keyshortcuts')).toBe('Alt+1');
    expect(get('#nav-calls').getAttribute('aria-keyshortcuts')).toBe('Alt+2');
    await press('2', { altKey: true, code: 'Digit2' });
    expect(text('#section-title')).toBe('Zvani');
    await press('1', { altKey: true, code: 'Digit1' });
    expect(text('#section-title')).toBe('Pārskats');
  });

  it('starts a new call with Alt+N or its button, in the calls section', async () => {
    const backend = await openOverview(asConsultant);
    await press('n', { altKey: true, code: 'KeyN' });
    expect(backend.startCall).toHaveBeenCalledTimes(1);
    expect($('#call-form')).not.toBeNull();
    expect(text('#section-title')).toBe('Zvani');
    expect(document.activeElement?.id).toBe('call-line');
  });
});

describe('a consultant’s overview', () => {
  it('lists their unfinished calls newest first, and Continue opens the call form with what was saved', async () => {
    await openOverview(asConsultant, (fake) => {
      fake.calls.set('d1', storedCall('d1', 'draft', { startedAt: '2026-11-24T08:00:00Z', notes: 'Vakardienas zvans' }));
      fake.calls.set('d2', storedCall('d2', 'draft', { startedAt: '2026-11-25T07:15:00Z', caseRef: 'K-0042', notes: 'Šorīt' }));
    });
    const items = [...document.querySelectorAll<HTMLElement>('#overview-drafts li')];
    expect(items.map((item) => item.dataset.id)).toEqual(['d2', 'd1']);
    expect(items[0].textContent).toContain('Sākts 25.11.2026 09:15');
    expect(items[0].textContent).toContain('K-0042');
    expect(items[0].querySelector('button')?.getAttribute('aria-label')).toBe('Turpināt zvanu, kas sākts 25.11.2026 09:15');

    await click('#overview-drafts li[data-id="d2"] button');
    expect(text('#section-title')).toBe('Zvani');
    expect(get<HTMLTextAreaElement>('#call-notes').value).toBe('Šorīt');
    expect(document.activeElement?.id).toBe('call-line');
  });

  it('lists only the follow-ups assigned to them, counts them and marks the overdue ones; each opens its call', async () => {
    const backend = await openOverview(asConsultant, (fake) => {
      const items = [
        followUp('f1', '2026-11-20', true, consultant),
        followUp('f2', '2026-11-20', true, secondConsultant),
        followUp('f3', '2026-11-27', false, consultant),
      ];
      for (const item of items) fake.calls.set(item.call.id, item.call);
      fake.followUps.mockResolvedValue(items);
      // None of these calls is from today.
      fake.findCalls.mockResolvedValue({ calls: [], next: null });
    });
    expect(text('#overview-my-follow-ups-counts')).toBe('Atvērtas: 2 · Nokavētas: 1');
    const listed = [...document.querySelectorAll<HTMLElement>('#overview-my-follow-ups li')];
    expect(listed.map((item) => item.dataset.id)).toEqual(['f1', 'f3']);
    expect(listed[0].classList).toContain('overdue');
    expect(listed[0].textContent).toContain('Nokavēts');
    expect(listed[0].textContent).toContain('līdz 20.11.2026');
    expect(listed[1].classList).not.toContain('overdue');

    await click('#overview-my-follow-ups li[data-id="f3"] button');
    expect(backend.getCall).toHaveBeenCalledWith('f3');
    expect($('#call-view')).not.toBeNull();
    expect(get('#call-view').contains(document.activeElement)).toBe(true);
  });

  it('counts today’s finished calls from the Rīga day, and lists the newest', async () => {
    const calls: StoredCall[] = ['c1', 'c2'].map((id, index) =>
      storedCall(id, 'final', { startedAt: `2026-11-25T0${8 - index}:00:00Z`, line: 'latgale' }),
    );
    const backend = await openOverview(asConsultant, (fake) => fake.findCalls.mockResolvedValue({ calls, next: null }));
    expect(backend.findCalls).toHaveBeenCalledWith({
      from: TODAY,
      to: TODAY,
      regions: [],
      lines: [],
      subjects: [],
      followUpDueBy: null,
      caseRef: null,
      text: null,
      before: null,
    });
    expect(text('#overview-today-count')).toBe('Pabeigti zvani šodien: 2');
    expect([...document.querySelectorAll<HTMLElement>('#overview-today .call-row')].map((row) => row.dataset.id)).toEqual(['c1', 'c2']);

    await click('#overview-today-all');
    expect(text('#section-title')).toBe('Zvani');
    expect($('#calls-list')).not.toBeNull();
  });

  it('says "more than" when today’s calls go on past the page it read', async () => {
    const calls = Array.from({ length: 7 }, (_, index) => storedCall(`c${index}`, 'final', { startedAt: '2026-11-25T08:00:00Z' }));
    await openOverview(asConsultant, (fake) => fake.findCalls.mockResolvedValue({ calls, next: '2026-11-25T07:59:00Z' }));
    expect(text('#overview-today-count')).toBe('Pabeigti zvani šodien: vairāk nekā 7');
    expect(document.querySelectorAll('#overview-today .call-row')).toHaveLength(5);
  });

  it('says what to do when there is nothing yet, and shows none of the supervisor’s tiles', async () => {
    await openOverview(asConsultant);
    expect(text('#overview-drafts')).toContain('Nepabeigtu zvanu nav. Kad sākas saruna, nospiediet “Jauns zvans” (Alt+N).');
    expect(text('#overview-my-follow-ups')).toContain('Jums nav atvērtu turpmāko darbību.');
    expect(text('#overview-today')).toContain('Šodien vēl nav pabeigtu zvanu.');
    expect($('#overview-calls')).toBeNull();
    expect($('#overview-team')).toBeNull();
    expect($('#overview-sync')).toBeNull();
  });

  it('shows a refusal in its tile and keeps the others', async () => {
    await openOverview(asConsultant, (fake) =>
      fake.findCalls.mockRejectedValue(publicError('storage', 'Neizdevās nolasīt zvanus.', 'Could not read the calls.')),
    );
    expect(get('#overview-today-error').getAttribute('role')).toBe('alert');
    expect(text('#overview-today-error')).toBe('Neizdevās nolasīt zvanus.');
    expect($('#overview-drafts-error')).toBeNull();
    expect(get('#overview-today').getAttribute('aria-busy')).toBe('false');
  });

  it('reads everything again on Refresh and when the window comes back to the front', async () => {
    const backend = await openOverview(asConsultant);
    expect(text('#overview-drafts')).toContain('Nepabeigtu zvanu nav');
    backend.calls.set('d1', storedCall('d1', 'draft', { startedAt: '2026-11-25T09:00:00Z' }));
    await click('#overview-refresh');
    expect(backend.ownCallDrafts).toHaveBeenCalledTimes(2);
    expect(document.querySelectorAll('#overview-drafts li')).toHaveLength(1);

    await act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    await settle();
    expect(backend.ownCallDrafts).toHaveBeenCalledTimes(3);
    expect(backend.findCalls).toHaveBeenCalledTimes(3);
  });

  it('is busy while an answer is coming', async () => {
    await openOverview(asConsultant, (fake) => fake.ownCallDrafts.mockReturnValue(new Promise(() => undefined)));
    expect(get('#overview-drafts').getAttribute('aria-busy')).toBe('true');
    expect(text('#overview-drafts')).toContain('Ielādē…');
    expect(get('#overview-today').getAttribute('aria-busy')).toBe('false');
  });
});

describe('a supervisor’s overview', () => {
  it('counts today’s and this week’s calls by line and by region, as numbers', async () => {
    const week = recordedReport('november', { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null });
    const today = recordedReport('november', { from: '2026-11-01', to: '2026-11-30', regions: ['latgale'], publication: null });
    const backend = await openOverview(asSupervisor, (fake) => {
      fake.runReport.mockImplementation((request) => Promise.resolve(request.from === TODAY ? today : week));
    });
    expect(weekSoFar(new Date())).toEqual({ from: MONDAY, to: TODAY });
    expect(backend.runReport).toHaveBeenCalledWith({ from: TODAY, to: TODAY, regions: [], publication: null });
    expect(backend.runReport).toHaveBeenCalledWith({ from: MONDAY, to: TODAY, regions: [], publication: null });
    expect(text('#overview-calls-totals')).toBe('Pabeigti zvani šodien: 1 · šonedēļ: 3');
    expect(text('#overview-by-region thead')).toContain('Šonedēļ (23.11.2026–25.11.2026)');
    expect(rows('#overview-by-region')).toEqual([
      ['Rīga', '0', '2'],
      ['Latgale', '1', '1'],
      ['Kurzeme', '0', '0'],
      ['Vidzeme', '0', '0'],
      ['Zemgale', '0', '0'],
    ]);
    // Only the lines called on this week.
    expect(rows('#overview-by-line')).toEqual([['Rīga, 67898343', '1', '3']]);
    expect([...get('#overview-by-line').querySelectorAll('tfoot td')].map((cell) => cell.textContent)).toEqual(['1', '3']);
  });

  it('says so when no call was finished this week', async () => {
    await openOverview(asSupervisor);
    expect(text('#overview-calls')).toContain('Šonedēļ vēl nav pabeigtu zvanu.');
    expect($('#overview-by-line')).toBeNull();
    expect(text('#overview-team')).toContain('Nevienā reģionā nav atvērtu turpmāko darbību.');
  });

  it('counts open and overdue follow-ups per colleague by name, the most overdue first', async () => {
    await openOverview(asSupervisor, (fake) =>
      fake.followUps.mockResolvedValue([
        followUp('f1', '2026-11-20', true, secondConsultant),
        followUp('f2', '2026-11-21', true, secondConsultant),
        followUp('f3', '2026-11-22', true, consultant),
        followUp('f4', '2026-11-27', false, consultant),
        followUp('f5', '2026-11-28', false, consultant),
        followUp('f6', '2026-11-28', false, null),
      ]),
    );
    expect(rows('#overview-team-table')).toEqual([
      ['Līga Kalniņa', '2', '2'],
      ['Juris Ozols', '3', '1'],
      ['Kolēģis, kura konts šajā datorā vēl nav', '1', '0'],
    ]);
    expect(get('#overview-team-table tbody tr').classList).toContain('overdue');
    expect(get('#overview-team-table tbody tr .badge-danger').textContent).toBe('2');
  });

  it('shows what waits to sync, what was refused and set aside, and leads to the Sync section', async () => {
    await openOverview(asSupervisor, (fake) => fake.setSyncStatus(syncStatus({ waiting: 4, lastRefused: 1, quarantined: 2 })));
    expect([...document.querySelectorAll('#overview-sync-counts li')].map((item) => item.textContent)).toEqual([
      'Izmaiņas, kas gaida nosūtīšanu: 4',
      'Pēdējā sinhronizācijā atteikti ieraksti: 1',
      'Atliktie ieraksti: 2',
    ]);
    expect(get('#overview-sync-counts [data-figure="quarantined"]').classList).toContain('overview-alert');
    await click('#overview-sync-open');
    expect(text('#section-title')).toBe('Sinhronizācija');
    expect($('#quarantine-title')).not.toBeNull();
  });

  it('says when the computer is not connected to a sync server', async () => {
    await openOverview(asSupervisor);
    expect(text('#overview-sync')).toContain('Šis dators nav savienots ar sinhronizācijas serveri');
    expect($('#overview-sync-counts')).toBeNull();
  });

  it('shows a report refusal in the calls tile', async () => {
    await openOverview(asSupervisor, (fake) =>
      fake.runReport.mockRejectedValue(publicError('supervisorOnly', 'Tikai vadītājiem.', 'Supervisors only.')),
    );
    expect(text('#overview-calls-error')).toBe('Tikai vadītājiem.');
    expect($('#overview-team-error')).toBeNull();
  });
});

describe('accessibility', () => {
  it('has no serious problem for a consultant with drafts, follow-ups and a refusal', async () => {
    await openOverview(asConsultant, (fake) => {
      fake.calls.set('d1', storedCall('d1', 'draft'));
      fake.followUps.mockResolvedValue([followUp('f1', '2026-11-20', true, consultant)]);
      fake.findCalls.mockRejectedValue(publicError('storage', 'Neizdevās nolasīt zvanus.', 'Could not read the calls.'));
    });
    expect(await axeProblems(get('#main-content'))).toEqual([]);
  });

  it('has no serious problem for a supervisor with every tile filled', async () => {
    await openOverview(asSupervisor, (fake) => {
      useFixtureState(fake, 'november');
      const week = recordedReport('november', { from: '2026-11-01', to: '2026-11-30', regions: [], publication: null });
      fake.runReport.mockResolvedValue(week);
      fake.followUps.mockResolvedValue([followUp('f1', '2026-11-20', true, consultant)]);
      fake.setSyncStatus(syncStatus({ waiting: 1 }));
    });
    expect(await axeProblems(get('#main-content'))).toEqual([]);
  });
});
