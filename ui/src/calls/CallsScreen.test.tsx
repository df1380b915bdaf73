import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rigaDay } from '../i18n/dates';
import type { AppStatus } from '../ipc/backend';
import {
  colleague,
  consultant,
  fakeBackend,
  publicError,
  secondConsultant,
  seedDirectory,
  sessionFor,
  storedCall,
  supervisor,
  useFixtureState,
  type FakeBackend,
} from '../testing/fakeBackend';
import { $, advance, click, get, press, settle, text, type, unmount } from '../testing/dom';
import { openCalls, startCall, UNLOCKED_SUPERVISOR } from '../testing/callsApp';

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

/** Types into a date box and leaves it, which is when the filter takes the day. */
async function enterDay(selector: string, value: string) {
  await type(selector, value);
  await act(() => {
    get(selector).dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

/** Three finished calls on 10, 20 and 25 November 2026 (recorded from core, with its answers to the date filters). */
function threeCalls(backend: FakeBackend) {
  useFixtureState(backend, 'three-calls');
  // The overview the app opens on asks for today's counts, which no recording
  // holds; these tests go on to the calls section before any answer matters.
  backend.runReport.mockReturnValue(new Promise(() => undefined));
}

const rowTimes = () => [...document.querySelectorAll('.call-row-time')].map((row) => row.textContent);

const fieldError = (selector: string) => get(selector).closest('.field')?.querySelector('.field-error')?.textContent;

/** Prepares one finished call, c1, with an open follow-up due 21.11.2026. */
function oneOpenFollowUp(overdue: boolean) {
  return (fake: ReturnType<typeof fakeBackend>) => {
    fake.calls.set(
      'c1',
      storedCall('c1', 'final', {
        startedAt: '2026-11-20T09:05:00Z',
        followUp: { due: '2026-11-21', assignee: supervisor.id, doneAt: null },
      }),
    );
    fake.followUps.mockResolvedValue([{ call: fake.calls.get('c1')!, overdue, assignee: colleague(supervisor) }]);
  };
}

describe('calls list', () => {
  it('says what to do when there are no calls yet', async () => {
    const backend = await openCalls();
    expect(text('#calls-empty')).toContain('Jauns zvans');
    expect(text('#follow-ups')).toContain('Nav atvērtu turpmāko darbību');
    expect($('#nav-overdue')).toBeNull();
    expect(backend.findCalls).toHaveBeenCalledWith({
      from: null,
      to: null,
      regions: [],
      lines: [],
      subjects: [],
      followUpDueBy: null,
      text: null,
      caseRef: null,
      before: null,
    });
  });

  it('says when older calls are not shown yet and adds them under the list on request', async () => {
    const older = storedCall('c-old', 'final', { startedAt: '2026-10-01T09:00:00Z' });
    const backend = await openCalls((fake) => {
      fake.calls.set('c-new', storedCall('c-new', 'final', { startedAt: '2026-11-20T09:05:00Z' }));
      fake.findCalls.mockImplementation((filter) =>
        Promise.resolve(
          filter.before === 'page-2'
            ? { calls: [older], next: null }
            : { calls: [fake.calls.get('c-new')!], next: 'page-2' },
        ),
      );
    });
    expect(text('#calls-shown')).toContain('Rādīti jaunākie 1 zvani');
    expect(rowTimes()).toHaveLength(1);
    await click('#calls-more');
    await settle();
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ before: 'page-2' }));
    expect(rowTimes()).toHaveLength(2);
    expect($('#calls-more')).toBeNull();
    expect($('#calls-shown')).toBeNull();
  });

  it('lists finished calls with time, line, subjects, badges and follow-ups, overdue marked', async () => {
    await openCalls((backend) => {
      backend.calls.set(
        'c1',
        storedCall('c1', 'final', {
          startedAt: '2026-11-20T09:05:00Z',
          line: 'latgale',
          subjects: ['forcedLabour'],
          immediateDanger: true,
          caseRef: 'K-0042',
          followUp: { due: '2026-11-21', assignee: supervisor.id, doneAt: null },
        }),
      );
      backend.followUps.mockResolvedValue([{ call: backend.calls.get('c1')!, overdue: true, assignee: colleague(supervisor) }]);
    });
    const row = text('.call-row');
    expect(row).toContain('20.11.2026 11:05');
    expect(row).toContain('Latgales līnija');
    expect(row).toContain('Piespiedu darbs');
    expect(row).toContain('Tūlītējas briesmas');
    expect(row).toContain('K-0042');
    expect(row).toContain('Termiņš 21.11.2026');
    expect(get('#follow-ups .overdue').textContent).toContain('Nokavēts');
    expect(text('#nav-overdue')).toBe('1');
    expect(get('#nav-overdue').title).toBe('Nokavētas turpmākās darbības: 1');
  });

  it('marks a follow-up done with its outcome, from the keyboard, and drops it from the list', async () => {
    const backend = await openCalls(oneOpenFollowUp(true));
    const done = backend.calls.get('c1')!;
    backend.completeFollowUp.mockResolvedValue({
      ...done,
      details: { ...done.details, followUp: { due: '2026-11-21', assignee: supervisor.id, doneAt: '2026-11-22T10:00:00Z', outcome: 'Aizsūtīta uz patversmi' } },
    });
    await click('#follow-up-done-c1');
    expect(document.activeElement?.id).toBe('follow-up-outcome-c1');
    await type('#follow-up-outcome-c1', 'Aizsūtīta uz patversmi');
    await press('Enter');
    expect(backend.completeFollowUp).toHaveBeenCalledWith('c1', 'Aizsūtīta uz patversmi');
    expect(text('#follow-ups')).toContain('Nav atvērtu turpmāko darbību');
  });

  it('keeps a follow-up in the list and says why when marking it done fails', async () => {
    const backend = await openCalls(oneOpenFollowUp(false));
    backend.completeFollowUp.mockRejectedValue({
      code: 'invalidInput',
      message: {
        lv: 'Šī turpmākā darbība jau ir atzīmēta kā izdarīta.',
        en: 'This follow-up is already marked done.',
        ru: 'Это дальнейшее действие уже отмечено как выполненное.',
      },
    });
    await click('#follow-up-done-c1');
    await press('Enter');
    expect(text('#follow-ups')).toContain('jau ir atzīmēta kā izdarīta');
    expect(get('#follow-ups .follow-up')).toBeTruthy();
  });
});

describe('handing over follow-ups', () => {
  const juris = sessionFor(consultant);
  const jurisCalls: AppStatus = { state: 'locked', language: 'lv', session: juris };

  /** Juris (Latgale) has c1; c2 is Līga's; Anna and Līga are his colleagues. */
  function twoHolders(fake: FakeBackend) {
    for (const [id, holder] of [
      ['c1', consultant],
      ['c2', secondConsultant],
    ] as const) {
      fake.calls.set(
        id,
        storedCall(id, 'final', {
          region: 'latgale',
          startedAt: '2026-11-20T09:05:00Z',
          followUp: { due: '2026-11-21', assignee: holder.id, doneAt: null },
        }),
      );
    }
    fake.followUps.mockResolvedValue(
      ['c1', 'c2'].map((id, index) => ({
        call: fake.calls.get(id)!,
        overdue: false,
        assignee: colleague(index === 0 ? consultant : secondConsultant),
      })),
    );
    fake.colleagues.mockResolvedValue([colleague(supervisor), colleague(consultant), colleague(secondConsultant)]);
  }

  it('names who has a follow-up when it is not me', async () => {
    await openCalls(twoHolders, jurisCalls);
    const [mine, hers] = [...document.querySelectorAll('#follow-ups .follow-up')];
    expect(mine.textContent).not.toContain('Atbildīgais');
    expect(hers.textContent).toContain('Atbildīgais: Līga Kalniņa');
    await click('#follow-ups .follow-up:nth-child(2) .follow-up-open');
    expect(text('#call-view')).toContain('21.11.2026 · Atbildīgais: Līga Kalniņa');
  });

  it('gives all of my open follow-ups to a colleague of my region, from the keyboard, and reads the list again', async () => {
    const backend = await openCalls(twoHolders, jurisCalls);
    backend.handOverFollowUps.mockResolvedValue(1);
    const asked = backend.followUps.mock.calls.length;
    await click('#follow-ups-hand-over');
    expect($('#follow-ups-hand-over-from')).toBeNull();
    expect(backend.colleagues).toHaveBeenCalledWith('latgale');
    expect(document.activeElement?.id).toBe('follow-ups-hand-over-to');
    const offered = [...get<HTMLSelectElement>('#follow-ups-hand-over-to').options].map((option) => option.textContent);
    expect(offered).toEqual(['Anna Bērziņa', 'Līga Kalniņa']);
    await type('#follow-ups-hand-over-to', secondConsultant.id);
    await click('#follow-ups-hand-over-submit');
    expect(backend.handOverFollowUps).toHaveBeenCalledWith(consultant.id, secondConsultant.id);
    expect(backend.followUps).toHaveBeenCalledTimes(asked + 1);
    expect(text('#follow-ups')).toContain('Nodotas turpmākās darbības: 1');
    expect($('#follow-ups-hand-over-form')).toBeNull();
  });

  it('lets a supervisor choose whose follow-ups go', async () => {
    const backend = await openCalls(twoHolders);
    backend.handOverFollowUps.mockResolvedValue(1);
    await click('#follow-ups-hand-over');
    expect(document.activeElement?.id).toBe('follow-ups-hand-over-from');
    await type('#follow-ups-hand-over-from', secondConsultant.id);
    await type('#follow-ups-hand-over-to', consultant.id);
    await click('#follow-ups-hand-over-submit');
    expect(backend.handOverFollowUps).toHaveBeenCalledWith(secondConsultant.id, consultant.id);
  });

  it('keeps the form open and says why when the hand-over is refused', async () => {
    const backend = await openCalls(twoHolders, jurisCalls);
    backend.handOverFollowUps.mockRejectedValue(
      publicError(
        'invalidInput',
        'Turpmāko darbību var uzticēt tikai šī zvana reģiona kolēģim vai supervizoram.',
        "A follow-up can go only to a colleague of the call's region or to a supervisor.",
        { field: 'followUp' },
      ),
    );
    const asked = backend.followUps.mock.calls.length;
    await click('#follow-ups-hand-over');
    await click('#follow-ups-hand-over-submit');
    expect(text('#follow-ups-hand-over-form')).toContain('reģiona kolēģim vai supervizoram');
    expect(backend.followUps).toHaveBeenCalledTimes(asked);
    await press('Escape');
    expect($('#follow-ups-hand-over-form')).toBeNull();
  });

  it('searches after a pause in typing', async () => {
    const backend = await openCalls();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await type('#calls-search', 'lacplesa');
    expect(backend.findCalls).toHaveBeenCalledTimes(1);
    await advance(300);
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'lacplesa' }));
  });

  it('offers the newest unfinished draft again', async () => {
    const backend = await openCalls((fake) => {
      fake.calls.set('d1', storedCall('d1', 'draft', { startedAt: '2026-11-22T08:00:00Z', notes: 'Iepriekšējais' }));
    });
    expect(backend.ownCallDrafts).toHaveBeenCalled();
    expect(text('#draft-resume')).toContain('Jums ir nepabeigts zvans no 22.11.2026 10:00 — turpināt?');
    await click('#draft-resume-button');
    expect(get<HTMLTextAreaElement>('#call-notes').value).toBe('Iepriekšējais');
  });
});

describe('date filters', () => {
  it('take dd.mm.yyyy and filter the list by that range', async () => {
    const backend = await openCalls(threeCalls);
    expect(rowTimes()).toHaveLength(3);
    expect(get<HTMLInputElement>('#calls-from').type).toBe('text');
    expect(get<HTMLInputElement>('#calls-from').placeholder).toBe('dd.mm.gggg');

    await enterDay('#calls-from', '15.11.2026');
    await enterDay('#calls-to', '22.11.26');
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2026-11-15', to: '2026-11-22' }));
    expect(rowTimes()).toEqual(['20.11.2026 11:00']);
    // A short day is written back in full, so it is plain how it was read.
    expect(get<HTMLInputElement>('#calls-to').value).toBe('22.11.2026');
    expect(fieldError('#calls-from')).toBeUndefined();

    await click('#calls-clear');
    expect(get<HTMLInputElement>('#calls-from').value).toBe('');
    expect(get<HTMLInputElement>('#calls-to').value).toBe('');
    expect(rowTimes()).toHaveLength(3);
  });

  it('say how to write an unreadable day and do not filter by it', async () => {
    const backend = await openCalls(threeCalls);
    await enterDay('#calls-from', '31.02.2026');
    expect(fieldError('#calls-from')).toBe('Datums jāraksta kā dd.mm.gggg, piem., 23.11.2026');
    expect(get('#calls-from').getAttribute('aria-invalid')).toBe('true');
    expect(get('#calls-from').getAttribute('aria-describedby')).toBe('calls-from-error');
    expect(get<HTMLInputElement>('#calls-from').value).toBe('31.02.2026');
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ from: null }));
    expect(rowTimes()).toHaveLength(3);

    await enterDay('#calls-from', '21.11.2026');
    expect(fieldError('#calls-from')).toBeUndefined();
    expect(get('#calls-from').hasAttribute('aria-invalid')).toBe(false);
    expect(rowTimes()).toEqual(['25.11.2026 11:00']);
  });

  it('flag "to" before "from" and keep only "from"', async () => {
    const backend = await openCalls(threeCalls);
    await enterDay('#calls-from', '15.11.2026');
    await enterDay('#calls-to', '12.11.2026');
    expect(fieldError('#calls-to')).toBe('“Līdz datumam” nevar būt agrāk par “No datuma”.');
    expect(fieldError('#calls-from')).toBeUndefined();
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2026-11-15', to: null }));
    expect(rowTimes()).toEqual(['25.11.2026 11:00', '20.11.2026 11:00']);
  });

  it('wait for Enter or leaving the box before a half-typed day counts', async () => {
    const backend = await openCalls(threeCalls);
    const asked = backend.findCalls.mock.calls.length;
    get('#calls-from').focus();
    await type('#calls-from', '23.11');
    await type('#calls-from', '23.11.20');
    expect(fieldError('#calls-from')).toBeUndefined();
    expect(backend.findCalls).toHaveBeenCalledTimes(asked);

    await type('#calls-from', '23.11.2026');
    await press('Enter');
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ from: '2026-11-23' }));
    expect(rowTimes()).toEqual(['25.11.2026 11:00']);
  });

  it('fill "due by" with today and take a typed day', async () => {
    const backend = await openCalls();
    await click('#calls-due-only');
    const today = rigaDay(new Date());
    expect(get<HTMLInputElement>('#calls-due-by').value).toBe(today.split('-').reverse().join('.'));
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ followUpDueBy: today }));

    await enterDay('#calls-due-by', '1.12.2026');
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ followUpDueBy: '2026-12-01' }));
    await enterDay('#calls-due-by', '1.13.2026');
    expect(fieldError('#calls-due-by')).toBe('Datums jāraksta kā dd.mm.gggg, piem., 23.11.2026');
    expect(backend.findCalls).toHaveBeenLastCalledWith(expect.objectContaining({ followUpDueBy: today }));
  });

  it('speak English when the app does', async () => {
    await openCalls(undefined, { ...UNLOCKED_SUPERVISOR, language: 'en' });
    expect(get<HTMLInputElement>('#calls-to').placeholder).toBe('dd.mm.yyyy');
    await enterDay('#calls-to', '11/23/2026');
    expect(fieldError('#calls-to')).toBe('Write the date as dd.mm.yyyy, e.g. 23.11.2026');
  });
});

describe('call form', () => {
  it('starts a call with Alt+N and puts focus in the first field', async () => {
    const backend = await openCalls();
    await press('n', { altKey: true, code: 'KeyN' });
    expect(backend.startCall).toHaveBeenCalledTimes(1);
    expect($('#call-form')).not.toBeNull();
    expect(document.activeElement?.id).toBe('call-line');
    expect(text('#call-timer')).toMatch(/^\d\d:\d\d$/);
  });

  it("offers a consultant only their home region, a supervisor every region", async () => {
    await openCalls(undefined, { ...UNLOCKED_SUPERVISOR, session: sessionFor(consultant) });
    await click('#call-new');
    const consultantRegions = [...get<HTMLSelectElement>('#call-region').options].map((option) => option.value);
    expect(consultantRegions).toEqual(['latgale']);

    await startCall();
    const supervisorRegions = [...get<HTMLSelectElement>('#call-region').options].map((option) => option.value);
    expect(supervisorRegions).toEqual(['riga', 'latgale', 'kurzeme', 'vidzeme', 'zemgale']);
  });

  it('autosaves a second after a change', async () => {
    const backend = await startCall();
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await type('#call-notes', 'Zvana par darbu Lāčplēša ielā');
    expect(backend.saveCallDraft).not.toHaveBeenCalled();
    await advance(1100);
    expect(backend.saveCallDraft).toHaveBeenCalledTimes(1);
    expect(backend.saveCallDraft.mock.calls[0]![1].notes).toBe('Zvana par darbu Lāčplēša ielā');
    expect(text('#call-save-status')).toMatch(/^Saglabāts \d\d:\d\d$/);
  });

  it('shows an autosave error next to its field and keeps what was typed', async () => {
    const backend = await startCall();
    backend.saveCallDraft.mockRejectedValueOnce(
      publicError('invalidInput', 'Lietas numurs ir nederīgs.', 'Invalid case reference.', { field: 'caseRef' }),
    );
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await type('#call-case-ref', 'X-1');
    await advance(1100);
    expect(fieldError('#call-case-ref')).toBe('Lietas numurs ir nederīgs.');
    expect(get('#call-case-ref').getAttribute('aria-invalid')).toBe('true');
    expect(get<HTMLInputElement>('#call-case-ref').value).toBe('X-1');
    expect(text('#call-save-status')).toContain('Nav saglabāts');
  });

  it('focuses the field the backend names when finishing fails', async () => {
    const backend = await startCall();
    await type('#call-line', 'rigaLandline');
    await click('#call-finish');
    expect(backend.finishCall).toHaveBeenCalledTimes(1);
    expect(document.activeElement?.id).toBe('call-caller-role');
    expect(fieldError('#call-caller-role')).toBe('Lauks ir jāaizpilda.');
  });

  it('finishes with Ctrl+Enter and shows the new call on top of the list', async () => {
    const backend = await startCall();
    await type('#call-line', 'kurzeme');
    await type('#call-caller-role', 'relativeOrFriend');
    await click('#call-subject-shamMarriage');
    await type('#call-notes', 'Māsa aizbrauca uz Kipru');
    await press('Enter', { ctrlKey: true });
    expect(backend.finishCall).toHaveBeenCalledTimes(1);
    expect($('#call-form')).toBeNull();
    expect(text('.call-row')).toContain('Kurzemes līnija');
    expect(text('.call-row')).toContain('Fiktīvas laulības');
    expect(text('#calls-list')).toContain('Šodien');
    expect(document.activeElement?.id).toBe('call-new');
  });

  it('shows a red banner for immediate danger', async () => {
    await startCall();
    expect($('#call-danger-banner')).toBeNull();
    await click('#call-danger');
    expect(text('#call-danger-banner')).toContain('112');
  });

  it('checks the caller number, shows the earlier calls and forgets the number', async () => {
    const backend = await startCall();
    await type('#call-caller-number', '+371 29 123 456');
    await click('#call-caller-number-check');
    expect(backend.setCallerNumber).toHaveBeenCalledWith(expect.any(String), '+371 29 123 456');
    expect(text('#repeat-caller')).toBe('Zvanījis jau 3 reizes, pēdējoreiz 12.10.2026, lieta K-0042');
    expect(get<HTMLInputElement>('#call-caller-number').value).toBe('');
    expect(get<HTMLInputElement>('#call-case-ref').value).toBe('K-0042');
  });

  it('says only that a caller has called another region’s line, nothing of those calls', async () => {
    const backend = await startCall();
    backend.setCallerNumber.mockResolvedValueOnce({ previousCalls: 0, lastCallAt: null, caseRef: null, calledAnotherLine: true });
    await type('#call-caller-number', '+371 29 000 111');
    await click('#call-caller-number-check');
    expect(text('#repeat-caller')).toBe(
      'Šī reģiona līnijai iepriekš nav zvanījis. Iepriekš zvanījis arī cita reģiona līnijai (tie zvani šeit nav redzami).',
    );
    expect(get<HTMLInputElement>('#call-case-ref').value).toBe('');
  });

  it('goes back to the list with Esc after saving the draft', async () => {
    const backend = await startCall();
    await type('#call-notes', 'Vēl nepabeigts');
    await press('Escape');
    expect(backend.saveCallDraft).toHaveBeenCalledTimes(1);
    expect($('#call-form')).toBeNull();
    expect($('#draft-resume')).not.toBeNull();
  });

  it('discards a draft after confirming', async () => {
    const backend = await startCall();
    await click('#call-discard');
    await click('#call-discard-confirm');
    expect(backend.discardCallDraft).toHaveBeenCalledTimes(1);
    expect($('#call-form')).toBeNull();
    expect($('#draft-resume')).toBeNull();
  });
});

describe('a call started before the retention period', () => {
  const historical = '2010-03-15T10:00:00Z';
  const statisticsOnly = 'Šis zvans sākās pirms organizācijas glabāšanas termiņa. Pabeidzot saglabās tikai statistiku';

  /** A filled-in draft from 2010, which the fake says is past the period (a call of 2021 or later is not). */
  function historicalDraft(fake: FakeBackend) {
    fake.calls.set(
      'd1',
      storedCall('d1', 'draft', {
        startedAt: historical,
        line: 'kurzeme',
        callerRole: 'professional',
        subjects: ['forcedLabour'],
        notes: 'No 2010. gada žurnāla',
      }),
    );
    fake.isPastRetention.mockImplementation((startedAt) => Promise.resolve(startedAt < '2021-01-01'));
  }

  it('says so at the start and by the finish button, and the call still finishes', async () => {
    const backend = await openCalls(historicalDraft);
    await click('#draft-resume-button');
    expect(backend.isPastRetention).toHaveBeenCalledWith(historical);
    expect(text('#call-retention')).toContain(statisticsOnly);
    expect(get('#call-retention').getAttribute('role')).toBe('status');
    expect(text('#call-retention-finish')).toContain(statisticsOnly);
    expect(get('#call-finish').getAttribute('aria-describedby')).toBe('call-retention-finish');

    await type('#call-notes', 'Vēl viena rinda');
    expect(backend.isPastRetention).toHaveBeenCalledTimes(1);

    await click('#call-finish');
    expect(backend.finishCall).toHaveBeenCalledWith('d1', expect.objectContaining({ startedAt: historical }));
    expect($('#call-form')).toBeNull();
  });

  it('is not shown for a call started now', async () => {
    const backend = await openCalls(historicalDraft);
    await click('#call-new');
    expect(backend.isPastRetention).toHaveBeenCalledTimes(1);
    expect(text('#call-retention')).toBe('');
    expect($('#call-retention-finish')).toBeNull();
    expect(get('#call-finish').hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('referrals from the directory', () => {
  async function startWithDirectory() {
    const backend = await openCalls(seedDirectory);
    await click('#call-new');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    get('#call-referral-search').focus();
    return backend;
  }

  const optionKeys = () => [...document.querySelectorAll<HTMLElement>('.call-referral-option')].map((o) => o.dataset.key);

  it('attaches a linked referral picked with ↓ and Enter, with its phones and the consent box', async () => {
    const backend = await startWithDirectory();
    await type('#call-referral-search', 'maja');
    await advance(150);
    expect(optionKeys()).toEqual(['drosa-maja-drosa-patversme', 'drosa-maja-riga']);
    expect(text('.call-referral-option[data-key="drosa-maja-riga"]')).toContain('+371 67898343');
    await press('ArrowDown');
    await press('ArrowDown');
    expect(get('.call-referral-option[data-key="drosa-maja-riga"]').getAttribute('aria-selected')).toBe('true');
    await press('Enter');

    expect(get<HTMLInputElement>('#call-referral-0-to').value).toBe(
      'Patvērums “Drošā māja” — Konsultācijas cilvēku tirdzniecības jautājumos',
    );
    expect(text('#call-referral-0-linked')).toContain('No kataloga');
    expect(text('#call-referral-0-phones')).toBe('Tālruņi: +371 67898343 (I-V 9:00-20:00), +371 28612120 (Uzticības tālrunis)');
    expect(get<HTMLInputElement>('#call-referral-0-consent').checked).toBe(false);
    expect(get<HTMLInputElement>('#call-referral-search').value).toBe('');
    expect($('.call-referral-option')).toBeNull();
    expect(document.activeElement?.id).toBe('call-referral-search');
    expect($('#call-form')).not.toBeNull();

    await click('#call-referral-0-consent');
    await advance(1100);
    expect(backend.saveCallDraft.mock.lastCall![1].referrals).toEqual([
      {
        to: 'Patvērums “Drošā māja” — Konsultācijas cilvēku tirdzniecības jautājumos',
        entryId: 'ref-dm',
        callerConsented: true,
        consentedAt: expect.any(String),
      },
    ]);
  });

  it('prints a referral sheet of the linked referrals only, never the typed ones', async () => {
    const backend = await startWithDirectory();
    expect(get<HTMLButtonElement>('#call-referral-sheet').disabled).toBe(true);
    await type('#call-referral-search', 'maja');
    await advance(150);
    await press('ArrowDown');
    await press('ArrowDown');
    await press('Enter');
    await click('#call-referral-add');
    await type('#call-referral-1-to', 'Kaimiņiene Rēzeknē');

    await click('#call-referral-sheet');
    expect(get('#referral-sheet-dialog').getAttribute('aria-modal')).toBe('true');
    expect([...document.querySelectorAll<HTMLInputElement>('.referral-sheet-contact')].map((tick) => tick.checked)).toEqual([true]);
    expect(text('#referral-sheet-dialog')).not.toContain('Kaimiņiene');
    await click('#referral-sheet-save');
    expect(backend.printReferralSheet).toHaveBeenLastCalledWith({
      contacts: [{ entryId: 'ref-dm', includeConfidentialAddress: false }],
      language: 'lv',
    });
    await press('Escape');
    expect($('#referral-sheet-dialog')).toBeNull();
    expect($('#call-form')).not.toBeNull();
    expect(document.activeElement?.id).toBe('call-referral-sheet');
  });

  it('offers at most eight entries, keeps free-text referrals, and Esc only closes the offers', async () => {
    // The directory and ten more copies of the police entry (keys zz-papildu-01…10).
    const backend = await openCalls((fake) => useFixtureState(fake, 'directory-with-extras'));
    await click('#call-new');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await click('#call-referral-add');
    await type('#call-referral-0-to', 'Pašvaldības bāriņtiesa');
    get('#call-referral-search').focus();
    await type('#call-referral-search', 'policija');
    await advance(150);
    expect(optionKeys()).toHaveLength(8);
    await press('Escape');
    expect($('#call-form')).not.toBeNull();
    expect($('.call-referral-option')).toBeNull();

    await type('#call-referral-search', 'nekas tāds');
    await advance(150);
    expect(text('#call-referral-none')).toContain('Katalogā nekas netika atrasts');

    await type('#call-referral-search', 'policija');
    await advance(150);
    await click('.call-referral-option[data-key="valsts-policija-110"]');
    expect(get<HTMLInputElement>('#call-referral-1-to').value).toBe('Valsts policija — Ārkārtas izsaukumi');
    expect(text('#call-referral-1-phones')).toBe('Tālruņi: 110');
    await advance(1100);
    expect(backend.saveCallDraft.mock.lastCall![1].referrals).toEqual([
      { to: 'Pašvaldības bāriņtiesa', entryId: null, callerConsented: false },
      { to: 'Valsts policija — Ārkārtas izsaukumi', entryId: 'ref-police', callerConsented: false },
    ]);
  });

  it('shows the phones of a resumed draft’s linked referral', async () => {
    const backend = await openCalls((fake) => {
      seedDirectory(fake);
      fake.calls.set(
        'd1',
        storedCall('d1', 'draft', {
          startedAt: '2026-11-22T08:00:00Z',
          referrals: [{ to: 'Valsts policija — Ārkārtas izsaukumi', entryId: 'ref-police', callerConsented: true }],
        }),
      );
    });
    await click('#draft-resume-button');
    expect(backend.getReferral).toHaveBeenCalledWith('ref-police');
    expect(text('#call-referral-0-phones')).toBe('Tālruņi: 110');
    expect(get<HTMLInputElement>('#call-referral-0-consent').checked).toBe(true);
  });
});

describe('the follow-up due day', () => {
  const tomorrowShown = () => rigaDay(new Date(Date.now() + 24 * 60 * 60 * 1000)).split('-').reverse().join('.');

  async function withFollowUp() {
    const backend = await startCall();
    await type('#call-line', 'kurzeme');
    await type('#call-caller-role', 'professional');
    await click('#call-subject-forcedLabour');
    await click('#call-follow-up');
    return backend;
  }

  it('is typed as dd.mm.yyyy and sent as a calendar day', async () => {
    const backend = await withFollowUp();
    const due = get<HTMLInputElement>('#call-follow-up-due');
    expect(due.type).toBe('text');
    expect(due.placeholder).toBe('dd.mm.gggg');
    expect(due.value).toBe(tomorrowShown());

    await enterDay('#call-follow-up-due', '5.12.26');
    expect(get<HTMLInputElement>('#call-follow-up-due').value).toBe('05.12.2026');
    await click('#call-finish');
    expect(backend.finishCall.mock.lastCall![1].followUp).toEqual({ due: '2026-12-05', assignee: supervisor.id, doneAt: null });
  });

  it('is mine unless I give it to a colleague of the call\'s region', async () => {
    const backend = await startCall();
    backend.colleagues.mockResolvedValue([colleague(supervisor), colleague(consultant)]);
    await type('#call-line', 'kurzeme');
    await type('#call-caller-role', 'professional');
    await click('#call-subject-forcedLabour');
    await click('#call-follow-up');
    expect(backend.colleagues).toHaveBeenLastCalledWith('riga');
    const assignee = get<HTMLSelectElement>('#call-follow-up-assignee');
    expect(assignee.value).toBe(supervisor.id);
    expect([...assignee.options].map((option) => option.textContent)).toEqual(['Anna Bērziņa (es)', 'Juris Ozols']);
    await type('#call-follow-up-assignee', consultant.id);
    await click('#call-finish');
    expect(backend.finishCall.mock.lastCall![1].followUp?.assignee).toBe(consultant.id);
  });

  it('is taken when finishing straight after typing, without leaving the box', async () => {
    const backend = await withFollowUp();
    get('#call-follow-up-due').focus();
    await type('#call-follow-up-due', '24.12.2026');
    await press('Enter', { ctrlKey: true });
    expect(backend.finishCall.mock.lastCall![1].followUp?.due).toBe('2026-12-24');
  });

  it('says how to write an unreadable day and does not finish with it', async () => {
    const backend = await withFollowUp();
    await enterDay('#call-follow-up-due', '31.11.2026');
    expect(fieldError('#call-follow-up-due')).toBe('Datums jāraksta kā dd.mm.gggg, piem., 23.11.2026');
    expect(get('#call-follow-up-due').getAttribute('aria-invalid')).toBe('true');
    await click('#call-finish');
    expect(backend.finishCall).not.toHaveBeenCalled();
    expect(document.activeElement?.id).toBe('call-follow-up-due');

    await enterDay('#call-follow-up-due', '');
    await click('#call-finish');
    expect(fieldError('#call-follow-up-due')).toBe('Norādiet termiņu.');
    expect(backend.finishCall).not.toHaveBeenCalled();

    await enterDay('#call-follow-up-due', '30.11.2026');
    expect(fieldError('#call-follow-up-due')).toBeUndefined();
    await click('#call-finish');
    expect(backend.finishCall.mock.lastCall![1].followUp?.due).toBe('2026-11-30');
  });
});

describe('a finished call', () => {
  it('is edited through the same form and its history lists the changed fields', async () => {
    const backend = await startCall();
    await type('#call-line', 'kurzeme');
    await type('#call-caller-role', 'professional');
    await click('#call-subject-forcedLabour');
    await type('#call-notes', 'Pirmā versija');
    await click('#call-finish');
    await click('.call-row');
    expect($('#call-view')).not.toBeNull();
    expect(text('#call-view')).toContain('Pirmā versija');

    await click('#call-edit');
    await type('#call-notes', 'Otrā versija');
    await type('#call-country', 'DE');
    await click('#call-save-edit');
    expect(backend.editCall).toHaveBeenCalledTimes(1);
    const entries = [...get('#call-history').querySelectorAll('.history-entry')].map((e) => e.textContent ?? '');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('v2');
    expect(entries[0]).toContain('Anna Bērziņa');
    expect(entries[0]).toContain('mainīts: valsts, piezīmes');
    expect(entries[1]).toContain('v1');

    await click('#call-history .history-entry summary');
    get<HTMLDetailsElement>('#call-history details').open = true;
    get('#call-history details').dispatchEvent(new Event('toggle'));
    await settle();
    expect(text('#call-history .history-entry')).toContain('Otrā versija');
  });
});

describe('a call edited on two devices at once', () => {
  /** A finished call whose v2 and v3 were made on two devices from the same v1. */
  function conflicted(backend: FakeBackend) {
    const call = { ...storedCall('c1', 'final', { line: 'kurzeme', notes: 'Otrā ierīce' }), version: 3, editedOnTwoDevices: true };
    backend.calls.set('c1', call);
    backend.calls.set('c2', storedCall('c2', 'final', { line: 'latgale', startedAt: '2026-11-22T09:00:00Z' }));
    const version = (n: number, editedOnTwoDevices: boolean, notes: string) => ({
      version: n,
      editedAt: `2026-11-23T1${n}:00:00Z`,
      editedBy: supervisor.id,
      editedByName: supervisor.displayName,
      changedFields: n === 1 ? [] : ['notes'],
      editedOnTwoDevices,
      details: { ...call.details, notes },
    });
    backend.histories.set('c1', [version(1, false, 'Sākums'), version(2, true, 'Pirmā ierīce'), version(3, true, 'Otrā ierīce')]);
  }

  it('says so above the call and marks both parallel versions in the history', async () => {
    await openCalls(conflicted);
    await click('.call-row[data-id="c1"]');
    expect(text('#call-conflict')).toBe('Labots divās ierīcēs vienlaikus: abas versijas ir vēsturē');
    expect(get('#call-conflict').getAttribute('role')).toBe('note');
    const entries = [...get('#call-history').querySelectorAll('.history-entry')];
    expect(entries.map((e) => e.querySelector('.badge-conflict')?.textContent ?? null)).toEqual([
      'labots paralēli',
      'labots paralēli',
      null,
    ]);
    expect(entries[0]!.querySelector('summary')!.getAttribute('aria-label')).toContain('(labots paralēli)');
  });

  it('marks the call in the list and not the others', async () => {
    await openCalls(conflicted);
    expect(get('.call-row[data-id="c1"]').querySelector('.badge-conflict')?.textContent).toBe('Labots divās ierīcēs');
    expect(get('.call-row[data-id="c2"]').querySelector('.badge-conflict')).toBeNull();
  });

  it('shows no notice for a call edited on one device', async () => {
    await openCalls(conflicted);
    await click('.call-row[data-id="c2"]');
    expect($('#call-view')).not.toBeNull();
    expect($('#call-conflict')).toBeNull();
  });

  it('speaks English when the app does', async () => {
    await openCalls(conflicted, { ...UNLOCKED_SUPERVISOR, language: 'en' });
    await click('.call-row[data-id="c1"]');
    expect(text('#call-conflict')).toBe('Edited on two devices at once: both versions are in the history');
    expect(get('#call-history .badge-conflict').textContent).toBe('parallel edit');
  });
});

describe('locking', () => {
  it('drops the call form from the page', async () => {
    const backend = await startCall();
    await type('#call-notes', 'Slepeni');
    await press('l', { ctrlKey: true, code: 'KeyL' });
    expect($('#call-form')).toBeNull();
    expect(document.body.textContent).not.toContain('Slepeni');
    expect(backend.lock).toHaveBeenCalled();
  });
});
