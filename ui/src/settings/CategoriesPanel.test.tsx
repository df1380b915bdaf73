import axe from 'axe-core';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../app/App';
import { CategoriesProvider } from '../categories/CategoriesProvider';
import { ALL_LOCALES, createI18n, I18nContext } from '../i18n';
import type { Account, Language } from '../ipc/backend';
import { BackendContext } from '../ipc/context';
import { consultant, fakeBackend, type FakeBackend, publicError, sessionFor, storedCall, supervisor } from '../testing/fakeBackend';
import { $, click, get, mount, press, settle, text, type, unmount } from '../testing/dom';
import { CategoriesPanel } from './CategoriesPanel';

afterEach(unmount);

async function openSettingsAs(account: Account, seed?: (backend: FakeBackend) => void, language: Language = 'lv') {
  const backend = fakeBackend({ state: 'locked', language, session: sessionFor(account) });
  seed?.(backend);
  await mount(<App backend={backend} />);
  await click('#nav-settings');
  return backend;
}

/** A finished call about prostitution on the Kurzeme line, logged before the subject or line was retired. */
function oldCall(backend: FakeBackend) {
  backend.calls.set(
    'c1',
    storedCall('c1', 'final', { line: 'kurzeme', callerRole: 'personAtRiskOrVictim', subjects: ['prostitution'] }),
  );
}

const rows = (table = '#categories-table') => [...get(table).querySelectorAll('tbody tr.category-row')];
const rowOf = (code: string, table = '#categories-table') =>
  rows(table).find((row) => row.querySelector('td.mono')?.textContent === code);
const codesIn = (table: string) => rows(table).map((row) => row.querySelector('td.mono')?.textContent);
/** The visible names of a select's choices. */
const choiceNames = (select: string) => [...get<HTMLSelectElement>(select).options].map((option) => option.textContent);
const fieldError = (selector: string) => get(selector).closest('.field')?.querySelector('.field-error')?.textContent;
/** The subjects a new call offers, by code. */
async function newCallSubjects(): Promise<string[]> {
  await click('#nav-calls');
  await click('#call-new');
  return [...document.querySelectorAll<HTMLInputElement>('.call-subject')].map((box) => box.value);
}
/** The lines a new call offers, by code. */
async function newCallLines(): Promise<string[]> {
  await click('#nav-calls');
  await click('#call-new');
  return [...get<HTMLSelectElement>('#call-line').options].map((option) => option.value).filter(Boolean);
}

describe('call subjects in settings', () => {
  it('lists the starter set with names, codes, CTDC types and status', async () => {
    await openSettingsAs(supervisor);
    expect(text('#categories-title')).toBe('Zvanu tēmas un līnijas');
    expect(text('#categories-subjects-title')).toBe('Tēmas');
    expect(codesIn('#categories-table')).toEqual([
      'shamMarriage',
      'prostitution',
      'sexualExploitation',
      'forcedLabour',
      'forcedCriminalityOrBegging',
      'jobOfferCheck',
      'modellingOrMarriageAgency',
      'labourConditionsAbroad',
      'other',
    ]);
    const cells = [...rowOf('prostitution')!.children].map((cell) => cell.textContent);
    expect(cells.slice(0, 4)).toEqual(['Prostitūcija', 'prostitution', 'Seksuālā izmantošana', 'Aktīva']);
    expect(rowOf('jobOfferCheck')!.textContent).toContain('Nav izmantošana (cits zvana iemesls)');
    expect(get('#category-retire-prostitution').getAttribute('aria-label')).toBe('Atzīmēt kā neaktuālu tēmu “Prostitūcija”');
  });

  it('speaks English when the app does', async () => {
    await openSettingsAs(supervisor, undefined, 'en');
    expect(text('#categories-title')).toBe('Call subjects and lines');
    expect(text('#categories-lines-title')).toBe('Lines and channels');
    expect([...rowOf('forcedLabour')!.children].slice(0, 4).map((cell) => cell.textContent)).toEqual([
      'Forced labour',
      'forcedLabour',
      'Forced labour',
      'Active',
    ]);
    expect(text('#category-add-title')).toBe('Add a subject or line');
  });

  it('are not offered to consultants, whose calls still offer them', async () => {
    const backend = await openSettingsAs(consultant);
    expect($('#categories-table')).toBeNull();
    expect($('#category-add-code')).toBeNull();
    expect(await newCallSubjects()).toContain('prostitution');
    expect(backend.addCategory).not.toHaveBeenCalled();
  });

  it('adds a subject, which new calls then offer', async () => {
    const backend = await openSettingsAs(supervisor);
    await type('#category-add-code', 'onlineRecruitment');
    await type('#category-add-name-lv', 'Vervēšana internetā');
    await type('#category-add-name-en', 'Online recruitment');
    await type('#category-add-ctdc', 'forcedLabour');
    await click('#category-add-submit');

    expect(backend.addCategory).toHaveBeenCalledWith({
      code: 'onlineRecruitment',
      kind: 'subject',
      names: { lv: 'Vervēšana internetā', en: 'Online recruitment', ru: '' },
      ctdc: 'forcedLabour',
    });
    expect(rowOf('onlineRecruitment', '#categories-lines')).toBeUndefined();
    expect(rowOf('onlineRecruitment')!.textContent).toContain('Vervēšana internetā');
    expect(text('#category-add-title ~ form .form-status')).toBe('Tēma “Vervēšana internetā” pievienota.');
    expect(get<HTMLInputElement>('#category-add-code').value).toBe('');
    expect(get<HTMLSelectElement>('#category-add-ctdc').value).toBe('');

    expect(await newCallSubjects()).toContain('onlineRecruitment');
    expect(get('#call-subject-onlineRecruitment').closest('label')?.textContent).toBe('Vervēšana internetā');
  });

  it('shows a bad code next to the code field and adds nothing', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.addCategory.mockRejectedValueOnce(
      publicError(
        'invalidInput',
        'Kodā drīkst būt tikai latīņu burti un cipari.',
        'A code may only have Latin letters and digits.',
        { field: 'code' },
      ),
    );
    await type('#category-add-code', 'online recruitment');
    await type('#category-add-name-lv', 'Vervēšana internetā');
    await type('#category-add-name-en', 'Online recruitment');
    await type('#category-add-ctdc', 'forcedLabour');
    await click('#category-add-submit');

    expect(fieldError('#category-add-code')).toBe('Kodā drīkst būt tikai latīņu burti un cipari.');
    expect(get('#category-add-code').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('category-add-code');
    expect(get<HTMLInputElement>('#category-add-code').value).toBe('online recruitment');
    expect(rows()).toHaveLength(9);
  });

  it('shows a taken code and a missing Latvian name at their fields', async () => {
    const backend = await openSettingsAs(supervisor);
    await type('#category-add-code', 'other');
    await type('#category-add-name-en', 'Other');
    await click('#category-add-submit');
    expect(fieldError('#category-add-ctdc')).toBe('Izvēlieties CTDC veidu.');
    expect(backend.addCategory).not.toHaveBeenCalled();

    await type('#category-add-ctdc', 'none');
    backend.addCategory.mockRejectedValueOnce(publicError('categoryCodeTaken', 'Šāds kods jau ir.', 'This code is taken.'));
    await click('#category-add-submit');
    expect(fieldError('#category-add-code')).toBe('Šāds kods jau ir.');
    expect(fieldError('#category-add-ctdc')).toBeUndefined();

    backend.addCategory.mockRejectedValueOnce(
      publicError('invalidInput', 'Lauks ir jāaizpilda.', 'This field is required.', { field: 'names.lv' }),
    );
    await type('#category-add-code', 'otherReason');
    await click('#category-add-submit');
    expect(fieldError('#category-add-name-lv')).toBe('Lauks ir jāaizpilda.');
    expect(document.activeElement?.id).toBe('category-add-name-lv');
  });

  it('retires a subject: new calls no longer offer it, an old call keeps and shows it', async () => {
    const backend = await openSettingsAs(supervisor, oldCall);
    await click('#category-retire-prostitution');

    expect(backend.setCategoryRetired).toHaveBeenCalledWith('prostitution', true);
    expect(rowOf('prostitution')!.querySelector('.category-status')?.textContent).toBe('Neaktuāla');
    expect(document.activeElement?.id).toBe('category-restore-prostitution');
    expect(text('#categories-title ~ .form-status')).toBe(
      'Tēma “Prostitūcija” atzīmēta kā neaktuāla: jauniem zvaniem to vairs nepiedāvā.',
    );

    const offered = await newCallSubjects();
    expect(offered).not.toContain('prostitution');
    expect(offered).toContain('sexualExploitation');
    await click('#call-discard');
    await click('#call-discard-confirm');

    const filter = choiceNames('#calls-subject');
    expect(filter).toContain('Prostitūcija (vairs neizmanto)');
    expect(filter).not.toContain('Kurzemes līnija');
    expect(text('.call-row[data-id="c1"]')).toContain('Prostitūcija');
    await click('.call-row[data-id="c1"]');
    expect(text('#call-view')).toContain('Prostitūcija');
    await click('#call-edit');
    expect(get<HTMLInputElement>('#call-subject-prostitution').checked).toBe(true);
    expect(get('#call-subject-prostitution').closest('label')?.textContent).toBe('Prostitūcija (vairs neizmanto)');
  });

  it('restores a retired subject', async () => {
    const backend = await openSettingsAs(supervisor, (fake) => {
      fake.categories[1] = { ...fake.categories[1], retired: true };
    });
    expect($('#category-retire-prostitution')).toBeNull();
    await click('#category-restore-prostitution');
    expect(backend.setCategoryRetired).toHaveBeenCalledWith('prostitution', false);
    expect(rowOf('prostitution')!.querySelector('.category-status')?.textContent).toBe('Aktīva');
    expect(document.activeElement?.id).toBe('category-retire-prostitution');
    expect(await newCallSubjects()).toContain('prostitution');
  });

  it('deletes a subject no call uses, after asking', async () => {
    const backend = await openSettingsAs(supervisor);
    await click('#category-delete-modellingOrMarriageAgency');
    expect(text('#category-delete-question-modellingOrMarriageAgency')).toContain(
      'Dzēst tēmu “Modeļu vai iepazīšanās aģentūra”?',
    );
    expect(document.activeElement?.id).toBe('category-delete-no-modellingOrMarriageAgency');
    expect(backend.deleteCategory).not.toHaveBeenCalled();

    await click('#category-delete-yes-modellingOrMarriageAgency');
    expect(backend.deleteCategory).toHaveBeenCalledWith('modellingOrMarriageAgency');
    expect(rowOf('modellingOrMarriageAgency')).toBeUndefined();
    expect(text('#categories-title ~ .form-status')).toBe('Tēma “Modeļu vai iepazīšanās aģentūra” dzēsta.');
    expect(document.activeElement?.id).toBe('categories-title');
  });

  it('keeps a subject when the question is answered no or closed with Escape', async () => {
    const backend = await openSettingsAs(supervisor);
    await click('#category-delete-other');
    await click('#category-delete-no-other');
    expect($('#category-delete-question-other')).toBeNull();
    expect(document.activeElement?.id).toBe('category-delete-other');

    await click('#category-delete-other');
    await press('Escape');
    expect($('#category-delete-question-other')).toBeNull();
    expect(document.activeElement?.id).toBe('category-delete-other');
    expect(backend.deleteCategory).not.toHaveBeenCalled();
  });

  it('says beside the row that a subject in use can only be retired', async () => {
    const backend = await openSettingsAs(supervisor, oldCall);
    const refusal = 'Šo tēmu izmanto zvani (1), tāpēc to nevar dzēst. Atzīmējiet to kā neaktuālu.';
    backend.deleteCategory.mockRejectedValueOnce(
      publicError('categoryInUse', refusal, 'Calls (1) use this subject, so it cannot be deleted. Retire it instead.'),
    );
    await click('#category-delete-prostitution');
    await click('#category-delete-yes-prostitution');

    expect(backend.deleteCategory).toHaveBeenCalledWith('prostitution');
    expect(text('#category-error-prostitution')).toBe(refusal);
    expect(get('#category-error-prostitution').getAttribute('role')).toBe('alert');
    expect(get('#category-error-prostitution').closest('tr')?.previousElementSibling).toBe(rowOf('prostitution'));
    expect(document.activeElement?.id).toBe('category-retire-prostitution');
    expect(get('#category-retire-prostitution').getAttribute('aria-describedby')).toBe('category-error-prostitution');
    expect(rowOf('prostitution')).toBeDefined();

    await click('#category-retire-prostitution');
    expect($('#category-error-prostitution')).toBeNull();
    expect(rowOf('prostitution')!.querySelector('.category-status')?.textContent).toBe('Neaktuāla');
  });

  it('shows the subjects another laptop added once a sync round ends', async () => {
    const backend = await openSettingsAs(supervisor);
    backend.categories.push({
      code: 'onlineRecruitment',
      kind: 'subject',
      names: { lv: 'Vervēšana internetā', en: 'Online recruitment', ru: '' },
      ctdc: 'forcedLabour',
      retired: false,
    });
    await act(() => backend.emitSyncStatus({ syncing: true }));
    await settle();
    expect(rowOf('onlineRecruitment')).toBeUndefined();
    await act(() => backend.emitSyncStatus({ syncing: false }));
    await settle();
    expect(rowOf('onlineRecruitment')!.textContent).toContain('Vervēšana internetā');
  });
});

describe('lines and channels in settings', () => {
  it('lists the starter lines in their own group, without a CTDC column', async () => {
    await openSettingsAs(supervisor);
    expect(text('#categories-lines-title')).toBe('Līnijas un kanāli');
    expect(codesIn('#categories-lines')).toEqual([
      'rigaLandline',
      'rigaMobile1',
      'rigaMobile2',
      'latgale',
      'kurzeme',
      'vidzeme',
      'zemgale',
      'skype',
      'email',
      'inPerson',
      'chat',
      'outgoing',
    ]);
    expect(codesIn('#categories-table')).not.toContain('rigaLandline');
    expect([...rowOf('email', '#categories-lines')!.children].slice(0, 3).map((cell) => cell.textContent)).toEqual([
      'E-pasts',
      'email',
      'Aktīva',
    ]);
    expect(get('#categories-lines').querySelectorAll('thead th')).toHaveLength(4);
    expect(get('#category-retire-email').getAttribute('aria-label')).toBe('Atzīmēt kā neaktuālu līniju “E-pasts”');
  });

  it('adds a line, with no CTDC type to choose, which new calls then offer', async () => {
    const backend = await openSettingsAs(supervisor);
    expect(get<HTMLSelectElement>('#category-add-kind').value).toBe('subject');
    await type('#category-add-kind', 'line');
    expect($('#category-add-ctdc')).toBeNull();
    expect(text('#category-add-submit')).toBe('Pievienot līniju');
    await type('#category-add-code', 'whatsapp');
    await type('#category-add-name-lv', 'WhatsApp');
    await type('#category-add-name-en', 'WhatsApp');
    await click('#category-add-submit');

    expect(backend.addCategory).toHaveBeenCalledWith({
      code: 'whatsapp',
      kind: 'line',
      names: { lv: 'WhatsApp', en: 'WhatsApp', ru: '' },
      ctdc: 'none',
    });
    expect(rowOf('whatsapp', '#categories-lines')!.textContent).toContain('WhatsApp');
    expect(rowOf('whatsapp')).toBeUndefined();
    expect(text('#category-add-title ~ form .form-status')).toBe('Līnija “WhatsApp” pievienota.');
    expect(get<HTMLSelectElement>('#category-add-kind').value).toBe('line');

    expect(await newCallLines()).toContain('whatsapp');
    expect(document.querySelector('#call-subject-whatsapp')).toBeNull();
  });

  it('retires a line: new calls no longer offer it, an old call keeps it and the filter still finds it', async () => {
    const backend = await openSettingsAs(supervisor, oldCall);
    await click('#category-retire-kurzeme');

    expect(backend.setCategoryRetired).toHaveBeenCalledWith('kurzeme', true);
    expect(rowOf('kurzeme', '#categories-lines')!.querySelector('.category-status')?.textContent).toBe('Neaktuāla');
    expect(text('#categories-title ~ .form-status')).toBe(
      'Līnija “Kurzemes līnija” atzīmēta kā neaktuāla: jauniem zvaniem to vairs nepiedāvā.',
    );

    const offered = await newCallLines();
    expect(offered).not.toContain('kurzeme');
    expect(offered).toEqual([
      'rigaLandline',
      'rigaMobile1',
      'rigaMobile2',
      'latgale',
      'vidzeme',
      'zemgale',
      'skype',
      'email',
      'inPerson',
      'chat',
      'outgoing',
    ]);
    await click('#call-discard');
    await click('#call-discard-confirm');

    expect(choiceNames('#calls-line')).toContain('Kurzemes līnija (vairs neizmanto)');
    expect(choiceNames('#calls-line')).not.toContain('Prostitūcija');
    expect(text('.call-row[data-id="c1"] .call-row-line')).toBe('Kurzemes līnija');
    await click('.call-row[data-id="c1"]');
    expect(text('#call-view')).toContain('Kurzemes līnija');
    await click('#call-edit');
    const line = get<HTMLSelectElement>('#call-line');
    expect(line.value).toBe('kurzeme');
    expect(line.selectedOptions[0]?.textContent).toBe('Kurzemes līnija (vairs neizmanto)');
  });

  it('shows a call’s line that no category here has yet by its code, and keeps it when editing', async () => {
    await openSettingsAs(supervisor, (fake) => {
      fake.calls.set('c1', storedCall('c1', 'final', { line: 'whatsapp', callerRole: 'anonymous', subjects: ['other'] }));
    });
    await click('#nav-calls');
    expect(text('.call-row[data-id="c1"] .call-row-line')).toBe('whatsapp');
    await click('.call-row[data-id="c1"]');
    await click('#call-edit');
    const line = get<HTMLSelectElement>('#call-line');
    expect(line.value).toBe('whatsapp');
    expect([...line.options].map((option) => option.value).slice(-2)).toEqual(['outgoing', 'whatsapp']);
  });
});

describe('the call subjects panel', () => {
  // Russian cannot be chosen in the app yet, so the panel is drawn on its own
  // in each language: a delete question open, a refusal beside a row, and a
  // field error in the add form. Colour contrast needs a real browser: the
  // end-to-end accessibility test checks it on the settings screen.
  beforeEach(() => {
    // jsdom draws nothing: axe's canvas probes get no context instead of a warning.
    const canvas = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    return () => canvas.mockRestore();
  });

  for (const locale of ALL_LOCALES) {
    it(`has no serious accessibility problem in ${locale}`, async () => {
      const backend = fakeBackend({ state: 'locked', language: 'lv', session: sessionFor(supervisor) });
      backend.deleteCategory.mockRejectedValueOnce(publicError('categoryInUse', 'Tēmu izmanto zvani.', 'Calls use it.'));
      backend.addCategory.mockRejectedValueOnce(publicError('invalidInput', 'Nederīgs kods.', 'Bad code.', { field: 'code' }));
      const container = await mount(
        <I18nContext.Provider value={createI18n(locale)}>
          <BackendContext.Provider value={backend}>
            <CategoriesProvider>
              <CategoriesPanel />
            </CategoriesProvider>
          </BackendContext.Provider>
        </I18nContext.Provider>,
      );
      await click('#category-delete-forcedLabour');
      await click('#category-delete-yes-forcedLabour');
      await click('#category-delete-other');
      await type('#category-add-ctdc', 'none');
      await click('#category-add-submit');
      expect($('#category-error-forcedLabour')).not.toBeNull();
      expect($('#category-add-code-error')).not.toBeNull();

      const { violations } = await axe.run(container, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        rules: { 'color-contrast': { enabled: false } },
      });
      const serious = violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    });
  }
});
