import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import type { AppStatus } from '../ipc/backend';
import { SEARCH_RESULTS } from '../ipc/bindings/limits';
import { consultant, fakeBackend, publicError, seedDirectory, sessionFor, supervisor, type FakeBackend } from '../testing/fakeBackend';
import { $, advance, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { fixtureFile } from '../testing/fixtures';

const asSupervisor: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(supervisor) };
const asConsultant: AppStatus = { state: 'locked', language: 'lv', session: sessionFor(consultant) };

afterEach(() => {
  unmount();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Signs in (as the status says), seeds the directory and opens the Referrals section with Alt+3. */
async function openDirectory(status: AppStatus = asSupervisor, prepare: (backend: FakeBackend) => void = seedDirectory) {
  const backend = fakeBackend(status);
  prepare(backend);
  await mount(<App backend={backend} />);
  await press('3', { altKey: true, code: 'Digit3' });
  vi.useFakeTimers({ shouldAdvanceTime: true });
  return backend;
}

/** Types into the search box and waits out the debounce. */
async function search(words: string) {
  await type('#referrals-search', words);
  await advance(150);
}

const rowKeys = () => [...document.querySelectorAll<HTMLElement>('.referral-row')].map((row) => row.dataset.key);
const fieldError = (selector: string) => get(selector).closest('.field')?.querySelector('.field-error')?.textContent;

/** Opens the entry with `key` from a search for `words`, by keyboard. */
async function openEntry(words: string, key: string) {
  await search(words);
  const index = rowKeys().indexOf(key);
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i += 1) await press('ArrowDown');
  await press('Enter');
}

describe('searching the directory', () => {
  it('opens with focus in the search box and says what to do', async () => {
    const backend = await openDirectory();
    expect(text('#section-title')).toBe('Nosūtījumi');
    expect(document.activeElement?.id).toBe('referrals-search');
    expect(text('#referral-detail-empty')).toContain('organizācijas nosaukumu, novadu vai pakalpojumu');
    // No words yet: everything in use, by organisation name; the retired embassy stays out.
    expect(rowKeys()).toEqual([
      'drosa-maja-drosa-patversme',
      'drosa-maja-riga',
      'rezeknes-novada-socialais-dienests',
      'valsts-policija-110',
    ]);
    expect(backend.searchReferrals).toHaveBeenLastCalledWith(expect.objectContaining({ text: null, includeRetired: false }));
  });

  it('shows results as you type, without diacritics, with phones, hours and badges', async () => {
    const backend = await openDirectory();
    await type('#referrals-search', 'rezeknes');
    expect(backend.searchReferrals).not.toHaveBeenCalledWith(expect.objectContaining({ text: 'rezeknes' }));
    await advance(150);
    expect(backend.searchReferrals).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'rezeknes' }));
    expect(rowKeys()).toEqual(['rezeknes-novada-socialais-dienests']);
    const row = text('.referral-row');
    expect(row).toContain('Rēzeknes novada pašvaldības sociālais dienests');
    expect(row).toContain('Sociālā palīdzība');
    expect(row).toContain('+371 64607188');
    expect(row).toContain('P–Pk 08:30–17:00');
    expect(row).toContain('Tagad slēgts');
    expect(row).toContain('Jāpārbauda');
    expect(text('#referrals-count')).toBe('Atrasti ieraksti: 1');

    await search('dros maj');
    expect(rowKeys()).toEqual(['drosa-maja-drosa-patversme', 'drosa-maja-riga']);
    expect(text('.referral-row[data-key="drosa-maja-drosa-patversme"]')).toContain('Konfidenciāla adrese');
    expect(text('.referral-row[data-key="drosa-maja-riga"]')).toContain('Strādā tagad');
  });

  it('says when core returned only the first screenful of a search', async () => {
    const backend = await openDirectory();
    const entry = [...backend.referrals.values()][0];
    const screenful = Array.from({ length: SEARCH_RESULTS }, (_, index) => ({ ...entry, id: `many-${index}`, key: `many-${index}` }));
    backend.searchReferrals.mockImplementation((query) => Promise.resolve(query.text ? screenful : []));
    await search('kons');
    expect(rowKeys()).toHaveLength(SEARCH_RESULTS);
    expect(text('#referrals-count')).toBe(`Rādīti pirmie ${SEARCH_RESULTS} atrastie ieraksti: rakstiet vairāk, lai atrastu citus`);
  });

  it('narrows by service type, municipality, language, open now and verification', async () => {
    const backend = await openDirectory();
    await type('#referrals-service-type', 'police');
    await settle();
    expect(rowKeys()).toEqual(['valsts-policija-110']);
    await type('#referrals-service-type', '');
    await type('#referrals-municipality', 'rezeknes-novads');
    await settle();
    expect(rowKeys()).toEqual([
      'drosa-maja-drosa-patversme',
      'drosa-maja-riga',
      'rezeknes-novada-socialais-dienests',
      'valsts-policija-110',
    ]);
    await type('#referrals-language', 'ru');
    await settle();
    expect(rowKeys()).toEqual(['drosa-maja-riga', 'rezeknes-novada-socialais-dienests', 'valsts-policija-110']);
    await click('#referrals-open-now');
    expect(rowKeys()).toEqual(['drosa-maja-riga', 'valsts-policija-110']);
    await type('#referrals-verified', '12');
    await settle();
    expect(backend.searchReferrals).toHaveBeenLastCalledWith({
      text: null,
      region: null,
      municipality: 'rezeknes-novads',
      serviceType: null,
      language: 'ru',
      openNow: true,
      verifiedWithinMonths: 12,
      includeRetired: false,
    });

    await search('nekas tāds');
    expect(text('#referrals-empty')).toContain('Nekas netika atrasts');
    await click('#referrals-clear');
    expect(rowKeys()).toHaveLength(4);
    expect(document.activeElement?.id).toBe('referrals-search');
  });

  it('keeps the region and municipality filters consistent', async () => {
    await openDirectory();
    await type('#referrals-municipality', 'rezeknes-novads');
    await type('#referrals-region', 'kurzeme');
    await settle();
    expect(get<HTMLSelectElement>('#referrals-municipality').value).toBe('');
    const groups = [...get('#referrals-municipality').querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups).toEqual(['Kurzeme']);
  });

  it('says the directory is empty and lets a supervisor load the starter directory from there', async () => {
    const backend = await openDirectory(asSupervisor, () => undefined);
    expect(text('#referrals-empty')).toContain('Ielādējiet lietotnē iebūvēto sākuma katalogu');
    await click('#referrals-load-starter');
    expect(backend.loadStarterReferrals).toHaveBeenCalledTimes(1);
    await settle();
    expect($('#referrals-empty')).toBeNull();
    expect($('.referral-row')).not.toBeNull();
  });

  it('tells a consultant facing an empty directory to wait for sync or ask a supervisor', async () => {
    await openDirectory(asConsultant, () => undefined);
    expect(text('#referrals-empty')).toContain('jautājiet supervizoram');
    expect($('#referrals-load-starter')).toBeNull();
  });
});

describe('an entry', () => {
  it('opens from the search box with the arrow keys and Enter, and Esc goes back', async () => {
    const backend = await openDirectory();
    await search('maja');
    await press('ArrowDown');
    expect(get('.referral-row[data-key="drosa-maja-drosa-patversme"]').getAttribute('aria-selected')).toBe('true');
    expect(get('#referrals-search').getAttribute('aria-activedescendant')).toBe('referral-option-ref-shelter');
    await press('ArrowDown');
    await press('ArrowDown');
    await press('ArrowUp');
    await press('ArrowDown');
    expect(get('.referral-row[data-key="drosa-maja-riga"]').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement?.id).toBe('referrals-search');
    await press('Enter');

    expect(backend.getReferral).toHaveBeenCalledWith('ref-dm');
    expect(document.activeElement?.id).toBe('referral-detail-title');
    expect(text('#referral-detail-title')).toBe('Patvērums “Drošā māja”');
    const detail = text('#referral-detail');
    for (const expected of [
      'Konsultācijas cilvēku tirdzniecības jautājumos',
      'Konsultācijas klātienē Rīgā un pa tālruni.',
      'Nevalstiskā organizācija, Sociālais dienests, Juridiskā palīdzība',
      'Visa Latvija',
      'Lāčplēša iela 75 - 1 B, Rīga',
      '+371 67898343',
      'I-V 9:00-20:00',
      'https://patverums-dm.lv',
      'Skype: PatverumsDM',
      'P–Pk 09:00–20:00',
      'Latviešu, Krievu, Angļu',
      'Katram numuram savs darba laiks.',
      '01.10.2026, pārbaudīja Anna Bērziņa',
    ]) {
      expect(detail).toContain(expected);
    }
    expect($('#referral-reveal')).toBeNull();

    await press('Escape');
    expect(document.activeElement?.id).toBe('referrals-search');
  });

  it('opens the best match when Enter comes before the results', async () => {
    await openDirectory();
    get('#referrals-search').focus();
    await type('#referrals-search', 'policija');
    // Enter does not wait out the debounce: it searches at once and opens the first result.
    await press('Enter');
    expect(text('#referral-detail-title')).toBe('Valsts policija');
  });

  it('shows names in the UI language, falling back to Latvian', async () => {
    await openDirectory({ ...asSupervisor, language: 'en' });
    await openEntry('patversme', 'drosa-maja-drosa-patversme');
    expect(text('#referral-detail-title')).toBe('Shelter “Safe House”');
    expect(text('#referral-detail')).toContain('Safe shelter for victims');
    expect(text('#referral-detail')).toContain('Not verified');
  });
});

describe('copying contacts', () => {
  it('puts the contact text on the clipboard with the button, c and Ctrl+Shift+C', async () => {
    const backend = await openDirectory();
    const copyText = backend.copyText;
    await openEntry('rezeknes', 'rezeknes-novada-socialais-dienests');
    const contact = backend.referrals.get('ref-rezekne')!.contactText;

    await click('#referral-copy');
    expect(copyText).toHaveBeenLastCalledWith(contact);
    expect(text('#referral-copy-status')).toBe('Kontakti nokopēti.');
    expect(get('#referral-copy-status').getAttribute('role')).toBe('status');

    get('#referral-detail-title').focus();
    await press('c');
    expect(copyText).toHaveBeenCalledTimes(2);

    // In the search box "c" is typing; Ctrl+Shift+C still copies.
    get('#referrals-search').focus();
    await press('c');
    expect(copyText).toHaveBeenCalledTimes(2);
    await press('C', { ctrlKey: true, shiftKey: true, code: 'KeyC' });
    expect(copyText).toHaveBeenCalledTimes(3);

    await advance(5000);
    expect(text('#referral-copy-status')).toBe('');
  });

  it('says how to copy by hand when the clipboard refuses', async () => {
    const backend = await openDirectory();
    backend.copyText.mockResolvedValueOnce(false);
    await openEntry('policija', 'valsts-policija-110');
    await click('#referral-copy');
    expect(backend.copyText).toHaveBeenCalledWith(backend.referrals.get('ref-police')!.contactText);
    expect(text('#referral-copy-status')).toBe('Neizdevās nokopēt. Iezīmējiet tekstu un nospiediet Ctrl+C.');
  });
});

describe('a confidential address', () => {
  it('is opened by a consultant only after confirming', async () => {
    const backend = await openDirectory(asConsultant);
    const copyText = backend.copyText;
    await openEntry('patversme', 'drosa-maja-drosa-patversme');
    expect(text('#referral-detail')).toContain('Konfidenciāla adrese');
    expect($('#referral-confidential-address')).toBeNull();
    expect(document.body.textContent).not.toContain('Slepenā iela');
    expect($('#referral-edit')).toBeNull();
    expect($('#referral-new')).toBeNull();

    await click('#referral-reveal');
    expect(text('[role="alertdialog"]')).toContain('audita žurnālā');
    expect(text('[role="alertdialog"]')).toContain('nedrīkst nodot tālāk');
    expect(document.activeElement?.id).toBe('referral-reveal-cancel');
    expect(backend.openConfidentialAddress).not.toHaveBeenCalled();

    await click('#referral-reveal-cancel');
    expect(backend.openConfidentialAddress).not.toHaveBeenCalled();
    await click('#referral-reveal');
    await click('#referral-reveal-confirm');
    expect(backend.openConfidentialAddress).toHaveBeenCalledWith('ref-shelter');
    expect(text('#referral-confidential-address')).toBe('Slepenā iela 1, Rīga');
    expect(document.activeElement?.id).toBe('referral-confidential-address');

    // Copying never takes the confidential address along.
    await click('#referral-copy');
    expect(copyText.mock.calls[0]![0]).not.toContain('Slepenā');
  });

  it('is shown to a supervisor directly, marked confidential', async () => {
    const backend = await openDirectory();
    await openEntry('patversme', 'drosa-maja-drosa-patversme');
    expect(text('#referral-confidential-address')).toBe('Slepenā iela 1, Rīga');
    expect(get('#referral-confidential-address').closest('.referral-confidential')?.textContent).toContain('Konfidenciālā adrese');
    expect($('#referral-reveal')).toBeNull();
    expect(backend.openConfidentialAddress).not.toHaveBeenCalled();
  });
});

describe('maintenance by a supervisor', () => {
  async function fillNewEntry() {
    await click('#referral-new');
    expect($('#referral-form')).not.toBeNull();
    expect(document.activeElement?.id).toBe('referral-key');
    await type('#referral-key', 'ogres-krizes-centrs');
    await type('#referral-organisation-lv', 'Ogres krīzes centrs');
    await type('#referral-service-lv', 'Krīzes palīdzība');
    await click('#referral-service-type-psychologicalHelp');
    await click('#referral-area-ogres-novads');
    await type('#referral-abroad', 'gb, abroad:ie');
    await type('#referral-phones', '+371 2000 0000 | Darba dienās\n116006');
    await type('#referral-languages', 'lv, RU');
    await type('#referral-verified-on', '1.11.2026');
  }

  it('shows a backend field error next to the field and saves once it is fixed', async () => {
    const backend = await openDirectory();
    await fillNewEntry();
    await type('#referral-hours', 'Pirmdien 9-17');
    await click('#referral-save');
    expect(backend.saveReferral).toHaveBeenCalledTimes(1);
    expect(fieldError('#referral-hours')).toBe(
      'Nesaprotams darba laiks: rakstiet, piem., "Mon-Fri 09:00-17:00; Sat 10:00-14:00; 2026-12-24 closed" vai "24/7".',
    );
    expect(get('#referral-hours').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('referral-hours');
    expect(text('#referral-hours-hint')).toContain('Mon-Fri 09:00-17:00; Sat 10:00-14:00; 2026-12-24 closed');
    expect(text('#referral-hours-hint')).toContain('24/7');

    await type('#referral-hours', 'Mon-Fri 09:00-17:00; Sat 10:00-14:00');
    expect(fieldError('#referral-hours')).toBeUndefined();
    await press('Enter', { ctrlKey: true });
    expect(backend.saveReferral).toHaveBeenLastCalledWith(
      null,
      expect.objectContaining({
        key: 'ogres-krizes-centrs',
        organisation: { lv: 'Ogres krīzes centrs', en: '', ru: '' },
        serviceTypes: ['psychologicalHelp'],
        areas: [
          { kind: 'municipality', code: 'ogres-novads' },
          { kind: 'abroad', country: 'GB' },
          { kind: 'abroad', country: 'IE' },
        ],
        phones: [
          { number: '+371 2000 0000', label: 'Darba dienās' },
          { number: '116006', label: '' },
        ],
        hours: 'Mon-Fri 09:00-17:00; Sat 10:00-14:00',
        languages: ['lv', 'ru'],
        verifiedOn: '2026-11-01',
      }),
    );
    expect($('#referral-form')).toBeNull();
    expect(text('#referrals-status')).toBe('Ieraksts saglabāts.');
    expect(text('#referral-detail-title')).toBe('Ogres krīzes centrs');
    expect(rowKeys()).toContain('ogres-krizes-centrs');
  });

  it('puts a taken key and a bad key on the key field', async () => {
    const backend = await openDirectory();
    await fillNewEntry();
    await type('#referral-key', 'drosa-maja-riga');
    await click('#referral-save');
    expect(fieldError('#referral-key')).toBe('Šāda atslēga katalogā jau ir. Izvēlieties citu vai labojiet esošo ierakstu.');
    await type('#referral-key', 'Ogres Centrs');
    await click('#referral-save');
    expect(fieldError('#referral-key')).toContain('mazie latīņu burti');
    expect(document.activeElement?.id).toBe('referral-key');

    backend.saveReferral.mockRejectedValueOnce(publicError('storage', 'Neizdevās saglabāt.', 'Could not save.'));
    await type('#referral-key', 'ogres-centrs');
    await click('#referral-save');
    expect(text('#referral-form-error')).toBe('Neizdevās saglabāt.');
  });

  it('edits an entry with its confidential address and retires and restores it', async () => {
    const backend = await openDirectory();
    await openEntry('patversme', 'drosa-maja-drosa-patversme');
    await click('#referral-edit');
    expect(get<HTMLInputElement>('#referral-key').value).toBe('drosa-maja-drosa-patversme');
    expect(get<HTMLInputElement>('#referral-confidential').value).toBe('Slepenā iela 1, Rīga');
    expect(get<HTMLTextAreaElement>('#referral-phones').value).toBe('+371 25565098');
    expect(get<HTMLInputElement>('#referral-area-nationwide').checked).toBe(true);
    expect(get<HTMLInputElement>('#referral-service-type-shelter').checked).toBe(true);
    await type('#referral-service-lv', 'Droša patversme');
    await click('#referral-save');
    expect(backend.saveReferral).toHaveBeenLastCalledWith(
      'ref-shelter',
      expect.objectContaining({ confidentialAddress: 'Slepenā iela 1, Rīga', service: expect.objectContaining({ lv: 'Droša patversme' }) }),
    );

    await click('#referral-retire');
    expect(backend.setReferralRetired).toHaveBeenCalledWith('ref-shelter', true);
    expect(text('#referrals-status')).toContain('atzīmēts kā neaktuāls');
    expect(text('#referral-detail')).toContain('Neaktuāls');
    expect(rowKeys()).not.toContain('drosa-maja-drosa-patversme');
    await click('#referrals-include-retired');
    expect(text('.referral-row[data-key="drosa-maja-drosa-patversme"]')).toContain('Neaktuāls');
    await click('#referral-restore');
    expect(backend.setReferralRetired).toHaveBeenLastCalledWith('ref-shelter', false);
    expect(text('#referrals-status')).toBe('Ieraksts atjaunots.');
  });

  it('cancels the form with Esc', async () => {
    await openDirectory();
    await click('#referral-new');
    await press('Escape');
    expect($('#referral-form')).toBeNull();
    expect(document.activeElement?.id).toBe('referrals-search');
  });
});

describe('import and export', () => {
  async function pickFile(contents: string, name: string) {
    const input = get<HTMLInputElement>('#referral-import-file');
    Object.defineProperty(input, 'files', { value: [new File([contents], name)], configurable: true });
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  }

  const header = 'key,organisation_lv,service_lv,service_types,areas';

  it('lists every problem of a rejected file by line and column', async () => {
    const backend = await openDirectory();
    await click('#referrals-transfer');
    await click('#referral-import-submit');
    expect(fieldError('#referral-import-file')).toBe('Izvēlieties failu.');
    expect(backend.importReferrals).not.toHaveBeenCalled();

    await pickFile(`${header}\nlabs-ieraksts,A,B,ngo,nationwide\nSlikta Atslēga,C,D,ngo,nationwide\n,E,F,ngo,nationwide\n`, 'katalogs.csv');
    await click('#referral-import-submit');
    expect(backend.importReferrals).toHaveBeenCalledWith('csv', expect.stringContaining('labs-ieraksts'));
    expect(text('#referral-import-problems')).toContain('nekas netika mainīts');
    const problems = [...document.querySelectorAll('.import-problem')].map((li) => li.textContent);
    expect(problems).toEqual([
      '3. rinda, kolonna key: Atslēgā drīkst būt tikai mazie latīņu burti, cipari un domuzīme (piem., drosa-maja-riga).',
      '4. rinda, kolonna key: Lauks ir jāaizpilda.',
    ]);
    expect(backend.referrals.size).toBe(5);
  });

  it('speaks English in the problem list when the app does', async () => {
    await openDirectory({ ...asSupervisor, language: 'en' });
    await click('#referrals-transfer');
    await pickFile(`${header}\nBAD,C,D,ngo,nationwide\n`, 'directory.csv');
    await click('#referral-import-submit');
    expect(text('.import-problem')).toBe(
      'line 2, column key: A key may only contain lowercase Latin letters, digits and hyphens (e.g. drosa-maja-riga).',
    );
  });

  it('reports what an import did and picks the format from the file name', async () => {
    const backend = await openDirectory();
    await click('#referrals-transfer');
    // One new entry, as core exports it.
    await pickFile(fixtureFile('katalogs.json'), 'katalogs.json');
    expect(get<HTMLSelectElement>('#referral-import-format').value).toBe('hsds');
    await click('#referral-import-submit');
    expect(backend.importReferrals).toHaveBeenCalledWith('hsds', expect.any(String));
    expect(text('#referral-import-result')).toBe('Imports pabeigts: pievienoti 1, atjaunināti 0, bez izmaiņām 0.');
    expect($('#referral-import-problems')).toBeNull();
  });

  it('shows how far a running import is, and a stopped one says nothing changed', async () => {
    const backend = await openDirectory();
    await click('#referrals-transfer');
    let stopImport: (reason: unknown) => void = () => undefined;
    backend.importReferrals.mockReturnValueOnce(new Promise((_, reject) => (stopImport = reject)));
    backend.longWorkProgress.mockResolvedValue({ unit: 'records', done: 12, total: 30 });
    await pickFile(`${header}\nlabs-ieraksts,A,B,ngo,nationwide\n`, 'katalogs.csv');
    await click('#referral-import-submit');
    expect(text('#referral-import-progress-text')).toBe('Importē katalogu: 12 no 30 ierakstiem');
    await click('#referral-import-progress-stop');
    expect(backend.cancelLongWork).toHaveBeenCalledTimes(1);

    stopImport(publicError('longWorkCancelled', 'Darbs apturēts. Nekas nav mainīts.', 'The work was stopped. Nothing was changed.'));
    await settle();
    expect($('#referral-import-progress')).toBeNull();
    expect(text('#referral-import-result')).toBe('Darbs apturēts. Nekas nav mainīts.');
    expect($('#referral-import-error')).toBeNull();
    expect(backend.referrals.size).toBe(5);
  });

  it('exports without confidential addresses unless asked, with a warning', async () => {
    const backend = await openDirectory();
    await click('#referrals-transfer');
    expect(get<HTMLInputElement>('#referral-export-confidential').checked).toBe(false);
    expect($('#referral-export-warning')).toBeNull();
    await click('#referral-export-submit');
    expect(backend.exportReferrals).toHaveBeenLastCalledWith({ format: 'csv', includeConfidential: false, includeRetired: false });
    expect(text('#referral-export-result')).toBe('Saglabāts: /home/anna/referrals.csv');

    await click('#referral-export-confidential');
    expect(text('#referral-export-warning')).toContain('patversmju īstās adreses');
    await type('#referral-export-format', 'hsds');
    await click('#referral-export-retired');
    backend.exportReferrals.mockResolvedValueOnce(null);
    await click('#referral-export-submit');
    expect(backend.exportReferrals).toHaveBeenLastCalledWith({ format: 'hsds', includeConfidential: true, includeRetired: true });
    expect(text('#referral-export-result')).toBe('Eksports atcelts; fails netika saglabāts.');

    await click('#referrals-back');
    expect(document.activeElement?.id).toBe('referrals-search');
  });
});
