import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import { consultant, fakeBackend, seedDirectory, sessionFor } from '../testing/fakeBackend';
import { $, click, get, mount, press, text, type, unmount } from '../testing/dom';

const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };

afterEach(() => {
  unmount();
  vi.useRealTimers();
});

async function openDirectory() {
  const backend = fakeBackend(asConsultant);
  seedDirectory(backend);
  await mount(<App backend={backend} />);
  await press('3', { altKey: true, code: 'Digit3' });
  vi.useFakeTimers({ shouldAdvanceTime: true });
  return backend;
}

/** Opens the entry with `key` from the directory as first listed and adds it to the referral sheet. */
async function addToSheet(key: string) {
  await click(`.referral-row[data-key="${key}"]`);
  await click('#referral-sheet-toggle');
}

const contactTicks = () => [...document.querySelectorAll<HTMLInputElement>('.referral-sheet-contact')];
const confidentialTicks = () => [...document.querySelectorAll<HTMLInputElement>('.referral-sheet-confidential')];

describe('the referral sheet', () => {
  it('lists the gathered contacts all ticked, confidential addresses unticked, and sends only ids and ticks', async () => {
    const backend = await openDirectory();
    expect(get<HTMLButtonElement>('#referrals-print-sheet').disabled).toBe(true);
    await addToSheet('drosa-maja-drosa-patversme');
    expect(get('#referral-sheet-toggle').getAttribute('aria-pressed')).toBe('true');
    await addToSheet('drosa-maja-riga');
    expect(text('#referrals-print-sheet')).toBe('Drukāt kontaktu lapu (2)');

    await click('#referrals-print-sheet');
    const dialog = get('#referral-sheet-dialog');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(text('#referral-sheet-title')).toBe('Kontaktu lapa zvanītājam');
    expect(contactTicks().map((tick) => tick.checked)).toEqual([true, true]);
    expect(confidentialTicks().map((tick) => tick.checked)).toEqual([false]);
    expect(text('#referral-sheet-dialog')).toContain('Iekļaut konfidenciālo adresi');
    expect(document.activeElement).toBe(contactTicks()[0]);
    expect(get<HTMLSelectElement>('#referral-sheet-language').value).toBe('lv');

    await click('#referral-sheet-save');
    expect(backend.printReferralSheet).toHaveBeenLastCalledWith({
      contacts: [
        { entryId: 'ref-shelter', includeConfidentialAddress: false },
        { entryId: expect.any(String), includeConfidentialAddress: false },
      ],
      language: 'lv',
    });
    expect(text('#referral-sheet-status')).toBe('Kontaktu lapa saglabāta: /home/janis/kontakti.pdf');

    // That sheet was this caller's: closing it leaves no contacts for the next one.
    await click('#referral-sheet-close');
    expect($('#referral-sheet-dialog')).toBeNull();
    expect(text('#referrals-print-sheet')).toBe('Drukāt kontaktu lapu (0)');
    expect(get<HTMLButtonElement>('#referrals-print-sheet').disabled).toBe(true);
    expect(document.activeElement?.id).toBe('referrals-search');
  });

  it('prints a confidential address only when ticked, leaves out an unticked contact, in the chosen language', async () => {
    const backend = await openDirectory();
    await addToSheet('drosa-maja-drosa-patversme');
    await addToSheet('drosa-maja-riga');
    await click('#referrals-print-sheet');

    await click(`#${contactTicks()[1]!.id}`);
    await click(`#${confidentialTicks()[0]!.id}`);
    await type('#referral-sheet-language', 'en');
    await click('#referral-sheet-save');
    expect(backend.printReferralSheet).toHaveBeenLastCalledWith({
      contacts: [{ entryId: 'ref-shelter', includeConfidentialAddress: true }],
      language: 'en',
    });
  });

  it('says nothing was written when the save dialog is cancelled, and Escape returns to the print button', async () => {
    const backend = await openDirectory();
    backend.printReferralSheet.mockResolvedValueOnce(null);
    await addToSheet('drosa-maja-drosa-patversme');
    await click('#referrals-print-sheet');
    await click('#referral-sheet-save');
    expect(text('#referral-sheet-status')).toBe('');

    await press('Escape');
    expect($('#referral-sheet-dialog')).toBeNull();
    expect(document.activeElement?.id).toBe('referrals-print-sheet');
  });

  it('cannot save with every contact unticked', async () => {
    await openDirectory();
    await addToSheet('drosa-maja-drosa-patversme');
    await click('#referrals-print-sheet');
    await click(`#${contactTicks()[0]!.id}`);
    expect(get<HTMLButtonElement>('#referral-sheet-save').disabled).toBe(true);
    expect(confidentialTicks()[0]!.disabled).toBe(true);
  });
});
