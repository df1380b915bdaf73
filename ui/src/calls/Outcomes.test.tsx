import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Referral } from '../ipc/backend';
import { storedCall, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, advance, click, get, press, settle, text, type, unmount } from '../testing/dom';
import { openCalls, startDraft } from '../testing/callsApp';

afterEach(() => {
  unmount();
  vi.useRealTimers();
});


const savedReferrals = (backend: FakeBackend) => backend.saveCallDraft.mock.lastCall![1].referrals;

/** dd.mm.yyyy HH:MM, as the app writes a time. */
const SHOWN_TIME = /\d\d\.\d\d\.\d{4} \d\d:\d\d/;

describe('the call outcome', () => {
  it('is chosen from the seven outcomes and autosaved with the draft', async () => {
    const backend = await startDraft();
    const options = [...get<HTMLSelectElement>('#call-outcome').options].map((option) => option.textContent);
    expect(options).toEqual([
      '— nav atzīmēts —',
      'Sniegta informācija',
      'Nosūtīts',
      'Norunātas turpmākās darbības',
      'Atteicās no palīdzības',
      'Kluss zvans',
      'Kļūdains numurs',
      'Nolika klausuli',
    ]);

    await type('#call-outcome', 'helpDeclined');
    await advance(1100);
    expect(backend.saveCallDraft.mock.lastCall![1].outcome).toBe('helpDeclined');

    await type('#call-outcome', '');
    await advance(1100);
    expect(backend.saveCallDraft).toHaveBeenCalledTimes(2);
    expect(backend.saveCallDraft.mock.lastCall![1].outcome).toBeUndefined();
  });
});

describe('a call without a conversation', () => {
  it('shows its three one-key buttons with their shortcuts', async () => {
    await startDraft();
    expect(text('#call-quick-silent')).toBe('Kluss zvansF7');
    expect(get('#call-quick-wrongNumber').getAttribute('aria-keyshortcuts')).toBe('F8');
    expect(text('#call-quick-hungUp')).toContain('F9');
  });

  it('is finished by F8 on an empty draft as a wrong number, with no subject, line or caller', async () => {
    const backend = await startDraft();
    expect(document.activeElement?.id).toBe('call-line');
    await press('F8', { code: 'F8' });
    expect(backend.finishCall).toHaveBeenCalledTimes(1);
    const details = backend.finishCall.mock.lastCall![1];
    expect(details.outcome).toBe('wrongNumber');
    expect(details.subjects).toEqual([]);
    expect(details.line).toBeNull();
    expect(details.callerRole).toBeNull();
    expect($('#call-form')).toBeNull();
    expect(text('#section-title')).toBe('Zvani');
    expect(text('.call-row')).toContain('Kļūdains numurs');
    expect(document.activeElement?.id).toBe('call-new');

    await press('F8', { code: 'F8' });
    expect(backend.finishCall).toHaveBeenCalledTimes(1);
    expect(text('#section-title')).toBe('Zvani');
  });

  it('is finished by its button too', async () => {
    const backend = await startDraft();
    await click('#call-quick-hungUp');
    expect(backend.finishCall.mock.lastCall![1].outcome).toBe('hungUp');
    expect($('#call-form')).toBeNull();
  });
});

describe('a referral’s consent', () => {
  it('is timed when ticked, offers what may be passed on, and takes both back when unticked', async () => {
    const backend = await startDraft();
    await click('#call-referral-add');
    await type('#call-referral-0-to', 'Valsts policija');
    expect($('#call-referral-0-shared')).toBeNull();

    const before = Date.now();
    await click('#call-referral-0-consent');
    expect(text('#call-referral-0-consented-at')).toMatch(new RegExp(`^Piekrita ${SHOWN_TIME.source}$`));
    expect(text('#call-referral-0-shared legend')).toBe('Nosūtījums 1: ko drīkst nodot');
    const offered = [...document.querySelectorAll<HTMLInputElement>('#call-referral-0-shared input[type="checkbox"]')];
    expect(offered.map((box) => box.labels?.[0]?.textContent)).toEqual([
      'Vārds',
      'Kontaktinformācija',
      'Adrese',
      'Situācijas apraksts',
      'Dokumenti',
    ]);
    await click('#call-referral-0-shared-situation');
    await click('#call-referral-0-shared-name');
    await advance(1100);
    const [consented] = savedReferrals(backend) as Referral[];
    expect(consented).toMatchObject({ to: 'Valsts policija', callerConsented: true, shared: ['name', 'situation'] });
    expect(Date.parse(consented!.consentedAt!)).toBeGreaterThanOrEqual(before - 1000);

    await click('#call-referral-0-consent');
    expect($('#call-referral-0-shared')).toBeNull();
    expect($('#call-referral-0-consented-at')).toBeNull();
    await advance(1100);
    expect(savedReferrals(backend)).toEqual([{ to: 'Valsts policija', entryId: null, callerConsented: false }]);
  });

  it('comes with a status, made until changed, that is timed when changed', async () => {
    const backend = await startDraft();
    await click('#call-referral-add');
    await type('#call-referral-0-to', 'Valsts policija');
    expect(get<HTMLSelectElement>('#call-referral-0-status').value).toBe('made');
    await type('#call-referral-0-status', 'contacted');
    await advance(1100);
    const [referral] = savedReferrals(backend) as Referral[];
    expect(referral!.status).toBe('contacted');
    expect(referral!.statusAt).toEqual(expect.any(String));
  });
});

describe('a finished call’s referral', () => {
  const referral: Referral = {
    to: 'Patvērums “Drošā māja”',
    entryId: null,
    callerConsented: true,
    consentedAt: '2026-11-20T09:10:00Z',
    shared: ['name', 'situation'],
    status: 'contacted',
    statusAt: '2026-11-21T08:00:00Z',
  };

  function referredCall(fake: FakeBackend) {
    fake.calls.set('c1', storedCall('c1', 'final', { startedAt: '2026-11-20T09:05:00Z', outcome: 'referred', referrals: [referral] }));
  }

  it('shows its consent with the time, what may be passed on, and its status with the date', async () => {
    await openCalls(referredCall);
    await click('.call-row[data-id="c1"]');
    expect(text('#call-view')).toContain('Zvana iznākumsNosūtīts');
    expect(get('#referral-status-0').closest('li')?.textContent).toContain('klients piekrita 20.11.2026 11:10 · drīkst nodot: Vārds, Situācijas apraksts');
    expect(get<HTMLSelectElement>('#referral-status-0').value).toBe('contacted');
    expect(text('#referral-status-0-hint')).toBe('kopš 21.11.2026 10:00');
  });

  it('gets a new status from the view, saved at once as an edit with the time of the change', async () => {
    const backend = await openCalls(referredCall);
    backend.editCall.mockImplementationOnce((id, details) =>
      Promise.resolve({ ...backend.calls.get(id)!, version: 2, updatedAt: new Date().toISOString(), details }),
    );
    await click('.call-row[data-id="c1"]');
    const before = Date.now();
    await type('#referral-status-0', 'accepted');
    await settle();

    expect(backend.editCall).toHaveBeenCalledTimes(1);
    const [id, details] = backend.editCall.mock.lastCall!;
    expect(id).toBe('c1');
    const [sent] = details.referrals;
    expect(sent).toEqual({ ...referral, status: 'accepted', statusAt: expect.any(String) });
    expect(Date.parse(sent!.statusAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(details.outcome).toBe('referred');
    expect(get<HTMLSelectElement>('#referral-status-0').value).toBe('accepted');
    expect(text('#referral-status-0-hint')).toMatch(new RegExp(`^kopš ${SHOWN_TIME.source}$`));
    expect(text('#referral-status-0-hint')).not.toBe('kopš 21.11.2026 10:00');
    expect(text('#call-view .form-status')).toBe('Nosūtījuma 1 statuss saglabāts.');
  });

  it('is read-only in the history', async () => {
    await openCalls((fake) => {
      referredCall(fake);
      const call = fake.calls.get('c1')!;
      fake.histories.set('c1', [
        {
          version: 1,
          editedAt: '2026-11-21T08:00:00Z',
          editedBy: supervisor.id,
          editedByName: supervisor.displayName,
          changedFields: [],
          editedOnTwoDevices: false,
          details: call.details,
        },
      ]);
    });
    await click('.call-row[data-id="c1"]');
    get<HTMLDetailsElement>('#call-history details').open = true;
    get('#call-history details').dispatchEvent(new Event('toggle'));
    await settle();
    const entry = get('#call-history .history-entry');
    expect(entry.textContent).toContain('statuss: Sazinājās kopš 21.11.2026 10:00');
    expect(entry.querySelector('select')).toBeNull();
  });
});
