import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../app/App';
import { ALL_LOCALES, createI18n, I18nContext } from '../i18n';
import type { AppStatus, ReferralConflict } from '../ipc/backend';
import { BackendContext } from '../ipc/context';
import {
  consultant,
  fakeBackend,
  publicError,
  referralVersion,
  seedDirectory,
  sessionFor,
  supervisor,
  type FakeBackend,
} from '../testing/fakeBackend';
import { axeProblems } from '../testing/axe';
import { $, click, get, mount, press, settle, text, unmount } from '../testing/dom';
import { ReferralConflicts } from './ReferralConflicts';

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };

afterEach(unmount);

/**
 * The shelter, edited at once on two laptops: Anna's later edit added an
 * e-mail address and is shown now; the other, by someone this laptop does not
 * know, changed the service and added a night phone.
 */
function shelterConflict(backend: FakeBackend): ReferralConflict {
  const shelter = backend.referrals.get('ref-shelter')!;
  return {
    entryId: 'ref-shelter',
    current: referralVersion(
      'stamp-anna',
      shelter,
      { email: 'info@drosamaja.lv' },
      { updatedAt: '2026-11-24T08:15:00Z', updatedBy: 'Anna Bērziņa' },
    ),
    rivals: [
      referralVersion(
        'stamp-other',
        shelter,
        {
          service: { ...shelter.service, lv: 'Patversme cietušajiem un viņu bērniem' },
          phones: [...shelter.phones, { number: '+37167000000', label: 'Naktīs' }],
        },
        { updatedAt: '2026-11-24T08:05:00Z', updatedBy: null },
      ),
    ],
  };
}

function withConflict(backend: FakeBackend) {
  seedDirectory(backend);
  backend.conflicts.push(shelterConflict(backend));
}

/** Signs in (as the status says), prepares the fake and opens the Referrals section with Alt+3. */
async function openDirectory(status: AppStatus, prepare: (backend: FakeBackend) => void) {
  const backend = fakeBackend(status);
  prepare(backend);
  await mount(<App backend={backend} />);
  await press('3', { altKey: true, code: 'Digit3' });
  return backend;
}

const CURRENT = '#referral-conflict-ref-shelter-version-0';
const RIVAL = '#referral-conflict-ref-shelter-version-1';

/** A version card's fields as [label, value] pairs. */
const fields = (card: string) =>
  [...get(card).querySelectorAll('.referral-field')].map((field) => [
    field.querySelector('dt')?.textContent,
    field.querySelector('dd')?.textContent,
  ]);

describe('entries edited on two laptops at once', () => {
  it('are shown to a supervisor with only the fields that differ, and the version picked is kept', async () => {
    const backend = await openDirectory(asSupervisor, withConflict);
    expect(text('#referral-conflicts-notice')).toContain(
      'Divos datoros vienlaikus mainīti ieraksti: 1. Izvēlieties, kuru versiju paturēt.',
    );
    expect($('#referral-conflicts')).toBeNull();
    expect(get('#referral-conflicts-toggle').getAttribute('aria-expanded')).toBe('false');

    await click('#referral-conflicts-toggle');
    expect(get('#referral-conflicts-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(get('#referral-conflicts-toggle').getAttribute('aria-controls')).toBe('referral-conflicts');
    expect(text('#referral-conflict-ref-shelter-title')).toBe('Patvērums “Drošā māja”');
    expect(text(`${CURRENT}-title`)).toBe('Rāda tagad');
    expect(text(`${CURRENT} .referral-version-made`)).toBe('Mainīja Anna Bērziņa, 24.11.2026 10:15');
    expect(fields(CURRENT)).toEqual([
      ['Pakalpojums (latviski)', 'Droša patversme cietušajiem'],
      ['Tālruņi', '+37125565098'],
      ['E-pasts', 'info@drosamaja.lv'],
    ]);
    expect(text(`${RIVAL}-title`)).toBe('Otra versija');
    expect(text(`${RIVAL} .referral-version-made`)).toBe('Mainīts 24.11.2026 10:05; kas mainīja, šajā datorā nav zināms');
    expect(fields(RIVAL)).toEqual([
      ['Pakalpojums (latviski)', 'Patversme cietušajiem un viņu bērniem'],
      ['Tālruņi', '+37125565098\n+37167000000 | Naktīs'],
      ['E-pasts', '—'],
    ]);
    expect(text(`${RIVAL}-keep`)).toBe('Paturēt šo versiju');

    await click('.referral-row[data-key="drosa-maja-drosa-patversme"]');
    const searches = backend.searchReferrals.mock.calls.length;
    await click(`${RIVAL}-keep`);

    expect(backend.resolveReferralConflict).toHaveBeenCalledWith('ref-shelter', 'stamp-other');
    expect(backend.referrals.get('ref-shelter')).toMatchObject({
      service: { lv: 'Patversme cietušajiem un viņu bērniem' },
      phones: [
        { number: '+37125565098', label: '' },
        { number: '+37167000000', label: 'Naktīs' },
      ],
      email: '',
    });
    expect(backend.referralConflicts).toHaveBeenCalledTimes(2);
    expect(backend.searchReferrals.mock.calls.length).toBeGreaterThan(searches);
    expect($('#referral-conflicts-notice')).toBeNull();
    expect($('#referral-conflicts')).toBeNull();
    expect(text('#referrals-status')).toBe('Izvēlētā versija paturēta. Pēc sinhronizācijas tā būs visos datoros.');
    expect(text('.referral-detail-service')).toBe('Patversme cietušajiem un viņu bērniem');
    expect(document.activeElement?.id).toBe('referrals-search');
  });

  it('keeps the conflict and says why when the pick is refused', async () => {
    const backend = await openDirectory(asSupervisor, withConflict);
    backend.resolveReferralConflict.mockRejectedValueOnce(publicError('storage', 'Neizdevās saglabāt.', 'Could not save.'));
    await click('#referral-conflicts-toggle');
    await click(`${CURRENT}-keep`);

    expect(text('#referral-conflict-ref-shelter-error')).toBe('Neizdevās saglabāt.');
    expect(backend.conflicts).toHaveLength(1);
    expect(text('#referral-conflicts-notice')).toContain('ieraksti: 1.');
    expect(get<HTMLButtonElement>(`${CURRENT}-keep`).disabled).toBe(false);
  });

  it('appear once the sync round that brought them ends', async () => {
    const backend = await openDirectory(asSupervisor, seedDirectory);
    expect($('#referral-conflicts-notice')).toBeNull();
    backend.conflicts.push(shelterConflict(backend));
    await act(() => backend.emitSyncStatus({ syncing: true }));
    await settle();
    expect($('#referral-conflicts-notice')).toBeNull();
    await act(() => backend.emitSyncStatus({ syncing: false }));
    await settle();
    expect(text('#referral-conflicts-notice')).toContain('ieraksti: 1.');
  });

  it('are never shown to a consultant, nor asked for', async () => {
    const backend = await openDirectory(asConsultant, withConflict);
    await act(() => backend.emitSyncStatus({ syncing: false }));
    await settle();
    expect(text('#section-title')).toBe('Nosūtījumi');
    expect($('#referral-conflicts-notice')).toBeNull();
    expect(backend.referralConflicts).not.toHaveBeenCalled();
  });
});

describe('the conflicts panel', () => {
  // Drawn on its own in each language, with a refusal above the versions.
  // Colour contrast needs a real browser.

  for (const locale of ALL_LOCALES) {
    it(`has no serious accessibility problem in ${locale}`, async () => {
      const backend = fakeBackend(asSupervisor);
      withConflict(backend);
      backend.resolveReferralConflict.mockRejectedValueOnce(publicError('storage', 'Neizdevās saglabāt.', 'Could not save.'));
      const container = await mount(
        <I18nContext.Provider value={createI18n(locale)}>
          <BackendContext.Provider value={backend}>
            <ReferralConflicts municipalities={[]} onResolved={() => undefined} />
          </BackendContext.Provider>
        </I18nContext.Provider>,
      );
      await click('#referral-conflicts-toggle');
      await click(`${RIVAL}-keep`);
      expect($('#referral-conflict-ref-shelter-error')).not.toBeNull();

      expect(await axeProblems(container)).toEqual([]);
    });
  }
});
